// The command-line face of the product's own pipeline: read inputs in order into a store, as a
// reader would visit them, and report every quote and every pair judged the same utterance.
import type { VerbatimDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { relate } from '../lib/matching/relate';
import type { PageQuote, Relation } from '../lib/types';
import { openSqliteDb } from './cli/sqlite-db';
import { loadPayload, type Loaded } from './scan-load';

export { loadInput, loadPayload, looksLikeHtml, MAX_FILE_BYTES, type Loaded, type ScanInput } from './scan-load';

/** The clock of a scan without dates: a fixed start, one minute per input, so runs repeat exactly. */
export const SCAN_START_TIME = Date.UTC(2024, 2, 22);
export const SCAN_TICK_MS = 60_000;

export interface ScanQuote {
  id: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  /** One key per person across outlets and spellings (extra to the documented format). */
  speakerKey: string | null;
  kind: 'statement' | 'term';
  /** Parts of one statement share this (extra to the documented format). */
  statement: string;
}
export interface ScanArticle {
  file: string;
  outlet: string | null;
  title: string | null;
  quotes: ScanQuote[];
  error?: string;
}
export interface ScanVariant {
  /** The earlier version: an output id ("1.q3"), or "URL#quote id" for a version already in the store. */
  a: string;
  b: string;
  relation: Relation;
  score: number;
  speakerConflict: boolean;
}
export interface ScanOutput {
  articles: ScanArticle[];
  variants: ScanVariant[];
}

/** Runs loaded inputs through the page pipeline one at a time, in the order given to `add`, and
 *  turns each page result into output rows with ids local to this scan. */
export class Scanner {
  private readonly seenPairs = new Set<string>();
  // url -> the quotes of that input as output, to map stored variants back to output ids
  // (only what pairing reads: a page's quotes with their variants and views would hold gigabytes
  // over a large archive)
  private readonly byUrl = new Map<string, { quotes: Pick<PageQuote, 'text' | 'statement' | 'kind' | 'speakerKey'>[]; ids: string[] }>();
  readonly variants: ScanVariant[] = [];

  /** `groupSummaries`: keep the quote log's group summary rows (a store that is kept); a scan's
   *  output never reads them. */
  constructor(
    private readonly db: VerbatimDb,
    private readonly groupSummaries = true,
  ) {}

  /** Input number `n` (1-based; ids are "n.q…"), seen at time `now`; returns its output row and
   *  the variant pairs it adds. */
  async add(n: number, name: string, loaded: Loaded, now: number): Promise<{ article: ScanArticle; variants: ScanVariant[] }> {
    if ('error' in loaded) return { article: { file: name, outlet: null, title: null, quotes: [], error: loaded.error }, variants: [] };
    const { payload, extracted } = loaded;
    let result;
    try {
      result = await analyzePage(this.db, payload, now, extracted, { groupSummaries: this.groupSummaries });
    } catch (e) {
      return { article: { file: name, outlet: payload.outlet, title: payload.title, quotes: [], error: `${name}: ${(e as Error).message}` }, variants: [] };
    }
    const ids = result.quotes.map((q) => `${n}.${q.id}`);
    const article: ScanArticle = {
      file: name,
      outlet: result.outlet,
      title: result.title,
      quotes: result.quotes.map((q, k) => ({
        id: ids[k],
        text: q.text,
        start: q.start,
        end: q.end,
        speaker: q.speaker,
        speakerKey: q.speakerKey,
        kind: q.kind,
        statement: `${n}.s${q.statement}`,
      })),
    };
    this.byUrl.set(payload.url, { quotes: result.quotes.map(({ text, statement, kind, speakerKey }) => ({ text, statement, kind, speakerKey })), ids });
    const added: ScanVariant[] = [];
    // Statement-level links, reported between the parts that carry the shared words.
    for (const [k, q] of result.quotes.entries()) {
      if (q.kind !== 'statement') continue;
      for (const v of q.variants) {
        if (v.url === payload.url) continue;
        const other = this.byUrl.get(v.url);
        if (!other) {
          // A version stored by an earlier scan: reported as the store holds it.
          const key = `${v.url}#${v.quoteId}|${ids[k]}`;
          if (this.seenPairs.has(key)) continue;
          this.seenPairs.add(key);
          added.push({ a: `${v.url}#${v.quoteId}`, b: ids[k], relation: v.relation, score: round(v.score), speakerConflict: v.speakerConflict });
          continue;
        }
        const otherStatements = new Set(other.quotes.filter((o) => o.text === v.text || v.text.includes(o.text)).map((o) => o.statement));
        for (const [m, o] of other.quotes.entries()) {
          if (!otherStatements.has(o.statement) || o.kind !== 'statement') continue;
          const key = `${other.ids[m]}|${ids[k]}`;
          if (this.seenPairs.has(key)) continue;
          const r = relate({ text: o.text, speakerKey: o.speakerKey }, { text: q.text, speakerKey: q.speakerKey });
          if (!r) continue;
          this.seenPairs.add(key);
          added.push({ a: other.ids[m], b: ids[k], relation: r.relation, score: round(r.score), speakerConflict: r.speakerConflict });
        }
      }
    }
    this.variants.push(...added);
    return { article, variants: added };
  }
}

/** A store that lives as long as the process (SQLite in memory): for evaluation scripts and tests. */
export function openMemoryDb(): VerbatimDb {
  return openSqliteDb(':memory:');
}

/** Runs the pipeline over files in the order given. `now` starts at a fixed time and ticks per file. */
export async function scanFiles(files: string[], startTime = SCAN_START_TIME): Promise<ScanOutput> {
  const db = openMemoryDb();
  const scanner = new Scanner(db, false);
  const articles: ScanArticle[] = [];
  try {
    for (const [i, file] of files.entries()) {
      articles.push((await scanner.add(i + 1, file, await loadPayload(file), startTime + i * SCAN_TICK_MS)).article);
    }
  } finally {
    db.close();
  }
  return { articles, variants: scanner.variants };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
