// The texts and articles the store benchmarks fill their stores with, shared by the Node and the in-browser
// benches (no Node modules here: the browser entries bundle it).
import type { ArticleRow } from '../../lib/types';

/** The k-th stored quote: the corpus sentences first, then distinct splices of two sentences'
 *  halves (a store larger than the corpus still holds distinct, realistic text). */
export function storedText(stock: readonly string[], k: number): string {
  const n = stock.length;
  if (k < n) return stock[k];
  const a = stock[k % n].split(/\s+/);
  const b = stock[(k * 7919 + Math.floor(k / n)) % n].split(/\s+/);
  return [...a.slice(Math.floor(a.length / 2)), ...b.slice(0, Math.ceil(b.length / 2))].join(' ');
}

/** The a-th synthetic article of a bench store: one per so many stored quotes, fifty outlets. */
export function benchArticleRow(a: number, firstSeen: number): ArticleRow {
  const url = `https://news.example/a/${a}`;
  return {
    id: a + 1, canonicalUrl: url, url, outlet: `Outlet ${a % 50}`, byline: null, title: `Article ${a}`, published: null,
    firstSeen, lastSeen: firstSeen, contentHash: `h${a}`, partial: false,
  };
}
