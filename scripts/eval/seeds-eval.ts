// Accuracy on the five seed articles against the hand labels in test/fixtures/seeds/expected.json:
// quote spans, kinds, speakers, cross-outlet speaker identity, and variant links with their grades.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanFiles, type ScanQuote } from '../scan-core';
import { speakerKey } from '../../lib/text/names';
import { countKind, emptyTally, kindLines, kindOfLabel } from './speaker-kinds';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_DIR = path.join(ROOT, 'test/fixtures/seeds');
/** Lenient span match: intersection over the longer span, as the PolNeAR figures use. */
const OVERLAP_MATCH = 0.8;
/** Statements shorter than this are not scored (the issue's bar is four words). */
const MIN_STATEMENT_WORDS = 4;

interface GoldQuote { text: string; start: number; end: number; kind: string; speaker: string | null; statement: number; alt?: string[] }
interface Gold {
  articles: { file: string; outlet: string | null; quotes: GoldQuote[] }[];
  variants: { a: string; b: string; relation: string; accept?: string[]; note?: string }[];
  optional: { a: string; b: string }[];
  sameSpeaker: [string, string, string][];
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) / Math.max(a.end - a.start, b.end - b.start);
const prf = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 1, r = ng ? tp / ng : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/** Same speaker: equal person keys, or for descriptions the same head words. */
export function speakerMatches(pred: string | null, gold: string | null, alt: string[] = []): boolean {
  if (gold === null) return pred === null;
  if (pred === null) return false;
  for (const g of [gold, ...alt]) {
    if (speakerKey(pred) === speakerKey(g)) return true;
    const content = (s: string) => new Set(s.toLowerCase().replace(/[^a-z\s-]/g, '').split(/\s+/).filter((w) => w.length > 3));
    const gp = content(g), pp = content(pred);
    const shared = [...gp].filter((w) => pp.has(w)).length;
    if (/^(a|an|the)\s/i.test(g) && shared >= Math.min(2, gp.size)) return true;
  }
  return false;
}

export async function evalSeeds(log: (s: string) => void = console.log) {
  const gold: Gold = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'expected.json'), 'utf8'));
  const files = gold.articles.map((a) => path.join(SEED_DIR, a.file));
  const out = await scanFiles(files);
  let tpExact = 0, tpLenient = 0, nPred = 0, nGold = 0;
  let stmtGold = 0, stmtExact = 0, kindRight = 0, spkRight = 0; const kinds = emptyTally();
  const misses: string[] = [];
  // gold "file#index" -> predicted quote
  const predOf = new Map<string, ScanQuote>();
  for (const [ai, ga] of gold.articles.entries()) {
    const pa = out.articles[ai];
    nPred += pa.quotes.length;
    nGold += ga.quotes.length;
    const used = new Set<string>();
    for (const [gi, g] of ga.quotes.entries()) {
      const exact = pa.quotes.find((p) => p.start === g.start && p.end === g.end);
      const lenient = exact ?? pa.quotes.find((p) => !used.has(p.id) && overlap(p, g) >= OVERLAP_MATCH);
      if (exact) tpExact++;
      if (lenient) { tpLenient++; used.add(lenient.id); predOf.set(`${ga.file}#${gi}`, lenient); }
      if (g.kind === 'statement' && words(g.text) >= MIN_STATEMENT_WORDS) {
        stmtGold++;
        if (exact) stmtExact++;
        if (exact && exact.kind === 'statement') kindRight++;
        const ok = !!lenient && speakerMatches(lenient.speaker, g.speaker, g.alt);
        if (ok) spkRight++;
        if (g.speaker) countKind(kinds, kindOfLabel(g.speaker), ok, !lenient?.speaker);
        if (!exact || exact.kind !== 'statement' || !ok) {
          misses.push(`  ${ga.file.slice(0, 3)}#${gi} “${g.text.slice(0, 50)}…” gold=${g.speaker} pred=${lenient ? `${lenient.speaker} (${lenient.kind}${exact ? '' : ', span off'})` : 'NOT FOUND'}`);
        }
      }
    }
  }
  const exactM = prf(tpExact, nPred, nGold), lenM = prf(tpLenient, nPred, nGold);
  log(`seeds: quote spans (all ${nGold} gold quotes, ${nPred} predicted): exact P ${pct(exactM.precision)} R ${pct(exactM.recall)} F1 ${pct(exactM.f1)}; ≥${OVERLAP_MATCH} overlap P ${pct(lenM.precision)} R ${pct(lenM.recall)} F1 ${pct(lenM.f1)}`);
  log(`seeds: statements ≥${MIN_STATEMENT_WORDS} words: ${stmtExact}/${stmtGold} found with exact span, ${kindRight}/${stmtGold} kind right, speaker right ${spkRight}/${stmtGold} (${pct(spkRight / stmtGold)})`);
  for (const line of ['seeds: speakers by source kind (kinds read from the labelled string):', ...kindLines(kinds, '    ')]) log(line);
  for (const m of misses) log(m);

  // cross-outlet identity of speakers
  let sameRight = 0;
  for (const [a, b, who] of gold.sameSpeaker) {
    const pa = predOf.get(a), pb = predOf.get(b);
    const ok = !!pa?.speakerKey && pa.speakerKey === pb?.speakerKey;
    if (ok) sameRight++;
    else log(`  speaker identity missed (${who}): ${pa?.speakerKey} vs ${pb?.speakerKey}`);
  }
  log(`seeds: one speaker key across outlets: ${sameRight}/${gold.sameSpeaker.length}`);

  // variant links
  const idToGold = new Map<string, string>();
  for (const [g, p] of predOf) idToGold.set(p.id, g);
  const key = (a: string, b: string) => [a, b].sort().join('|');
  const goldPairs = new Map(gold.variants.map((v) => [key(v.a, v.b), v]));
  const optional = new Set(gold.optional.map((v) => key(v.a, v.b)));
  let linkTp = 0, linkFp = 0, relRight = 0, verbatimAsReword = 0;
  const found = new Set<string>();
  for (const v of out.variants) {
    const ga = idToGold.get(v.a), gb = idToGold.get(v.b);
    const k = ga && gb ? key(ga, gb) : `?${v.a}|${v.b}`;
    if (optional.has(k)) continue;
    const g = goldPairs.get(k);
    if (!g) { linkFp++; log(`  false link: ${ga ?? v.a} ~ ${gb ?? v.b} as ${v.relation} ${v.score}`); continue; }
    if (found.has(k)) continue;
    found.add(k);
    linkTp++;
    const accept = g.accept ?? [g.relation];
    if (accept.includes(v.relation)) relRight++;
    else log(`  graded ${v.relation}, expected ${accept.join('/')}: ${k}`);
    if ((g.relation === 'verbatim' || g.relation === 'excerpt') && (v.relation === 'reworded' || v.relation === 'altered')) verbatimAsReword++;
  }
  for (const [k, g] of goldPairs) if (!found.has(k)) log(`  missed link: ${k} (${g.relation})`);
  const linkM = prf(linkTp, linkTp + linkFp, goldPairs.size);
  log(`seeds: variant links P ${pct(linkM.precision)} R ${pct(linkM.recall)} (${linkTp}/${goldPairs.size} linked, ${linkFp} false); grade right ${relRight}/${linkTp}; verbatim/excerpt flagged as rewording: ${verbatimAsReword}`);
  return {
    spans: { exact: exactM, lenient: lenM },
    statements: { n: stmtGold, exact: stmtExact, kind: kindRight, speaker: spkRight },
    speakerIdentity: { right: sameRight, n: gold.sameSpeaker.length },
    variants: { ...linkM, linked: linkTp, false: linkFp, gold: goldPairs.size, gradeRight: relRight, verbatimAsReword },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  evalSeeds().catch((e) => { console.error(e); process.exit(1); });
}
