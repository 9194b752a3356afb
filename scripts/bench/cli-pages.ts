// The large set of `npm run bench -- cli`: HTML pages built from the corpora open for tuning,
// written to a folder outside the project (the corpus is never copied into the repository).
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from '../paths';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, outlet: string, date: string | null, paragraphs: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title><meta property="og:site_name" content="${escape(outlet)}">${date ? `<meta property="article:published_time" content="${escape(date)}">` : ''}</head><body><header><nav><a href="/">Home</a></nav></header><article><h1>${escape(title)}</h1>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</article><footer>© ${escape(outlet)}</footer></body></html>`;
}

export interface Source {
  title: string;
  outlet: string;
  date: string | null;
  paragraphs: string[];
}

/** Articles from the corpora open for tuning: PolNeAR train, dev and annotator training (its test
 *  split is the 84-article set timed separately), BASIL 2010–2014, the AllSides roundups. */
export function corpusArticles(): Source[] {
  const out: Source[] = [];
  const meta = new Map<string, { publisher: string; date: string; title: string }>();
  const tsv = fs.readFileSync(path.join(CORPUS_DIR, 'polnear/data/metadata.tsv'), 'utf8').split('\n').slice(1);
  for (const line of tsv) {
    const f = line.split('\t');
    if (f.length > 7) meta.set(f[1], { publisher: f[4], date: f[5], title: f[7] });
  }
  for (const split of ['train', 'dev', 'annotator-training']) {
    const dir = path.join(CORPUS_DIR, 'polnear/data', split, 'text');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      const m = meta.get(f.replace(/\.txt$/, ''));
      const paragraphs = fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((p) => p.trim());
      out.push({ title: m?.title ?? f, outlet: m?.publisher ?? 'PolNeAR', date: m?.date ?? null, paragraphs });
    }
  }
  for (const year of ['2010', '2011', '2012', '2013', '2014']) {
    const dir = path.join(CORPUS_DIR, 'basil/articles', year);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      const a = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const body = a['body-paragraphs'];
      const paragraphs = (Array.isArray(body) ? body : []).map((p: unknown) => (Array.isArray(p) ? p.join(' ') : String(p)));
      out.push({ title: a.title, outlet: a.source, date: a.date, paragraphs });
    }
  }
  const allsides = path.join(CORPUS_DIR, 'allsides-roundups/headline_11_2021-10-19_crawled_all.jsonl');
  if (fs.existsSync(allsides)) {
    for (const line of fs.readFileSync(allsides, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const story = JSON.parse(line);
      for (const side of Object.values(story.news ?? {}) as { newsSource?: string; newsTitle?: string; newBody?: string[] }[]) {
        if (side?.newBody?.length) out.push({ title: side.newsTitle ?? story.issue, outlet: side.newsSource ?? 'AllSides', date: story.date ?? null, paragraphs: side.newBody });
      }
    }
  }
  return out.filter((a) => a.paragraphs.join(' ').length > 300);
}

/** `count` pages in `dir`, cycling through the sources from `offset` (a repeated source is the
 *  same text at another address, as syndicated copies are). */
export function writePages(dir: string, sources: Source[], count: number, offset = 0): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const s = sources[(offset + i) % sources.length];
    // 100 pages a folder, names sorted as they were made
    const sub = path.join(dir, String(Math.floor(i / 100)).padStart(4, '0'));
    if (i % 100 === 0) fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, `${String(i).padStart(6, '0')}.html`), page(s.title, s.outlet, s.date, s.paragraphs));
  }
}
