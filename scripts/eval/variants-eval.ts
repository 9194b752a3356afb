// Variant grading accuracy: BASIL 2010–2014 (cross-outlet quote pairs, development labels), BASIL
// 2015–2019 (held-out labels), MRPC (paraphrase vs not, for the reworded/none boundary) and the
// seed variant groups. Run alone: npx tsx scripts/eval/variants-eval.ts
// Tuning uses BASIL 2010–2014 and MRPC train only; BASIL 2015–2019 and MRPC test are reported,
// never tuned on.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { relate, compareTexts } from '../../lib/matching/relate';
import { SAME_UTTERANCE_MIN_SCORE } from '../../lib/matching/grade';
import { queryKeys, storedKeys, candidateScore } from '../../lib/matching/fingerprint';
import { lookupKeys } from './research-keys';
import { keyTerms } from '../../lib/text/normalize';
import { basilLabelsFile, loadBasilEvents, type BasilLabel } from '../../test/support/basil';
import { BASIL_HELDOUT_LABELS } from './basil-heldout';
import { evalBasilScan } from './basil-scan-eval';

/** Key-share floors a store might apply before grading; the eval reports candidate recall at each. */
const SHARE_STEPS = [0.1, 0.2, 0.3];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LABELS = ['verbatim', 'excerpt', 'minor', 'reworded', 'altered', 'different'] as const;
type Gold = BasilLabel;
const PRED = ['verbatim', 'excerpt', 'minor', 'reworded', 'altered', 'none'] as const;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

function sharesKey(a: string, b: string): boolean {
  const kb = new Set(storedKeys(b));
  const ka = new Set(storedKeys(a));
  return lookupKeys(a).some((k) => kb.has(k)) || lookupKeys(b).some((k) => ka.has(k));
}

export async function evalBasil(
  corpusDir: string,
  log: (s: string) => void = console.log,
  labelsFile = basilLabelsFile(corpusDir),
  name = 'BASIL 2010–2014',
) {
  const confusion = new Map<string, number>();
  let tp = 0, fp = 0, fn = 0, allPairs = 0, candidates = 0, sameCandidates = 0, sameTotal = 0, conflicts = 0;
  let keyBytes = 0, keyCount = 0, quoteCount = 0;
  const errors: string[] = [];
  const conflictExamples: string[] = [];
  const shareRecall = new Map<number, number>();
  let excerptsTried = 0, excerptsFound = 0;
  // The product's side: a page statement looks up with queryKeys, the store holds storedKeys.
  let qEither = 0, qBoth = 0, qExcerptPage = 0, qExcerptStored = 0, qKeyCount = 0;
  const finds = (page: string, stored: string) => {
    const s = new Set(storedKeys(stored));
    return queryKeys(page).some((k) => s.has(k));
  };
  for (const { event: ev, quoteText } of loadBasilEvents(corpusDir, labelsFile)) {
    for (const q of ev.quotes) {
      const keys = storedKeys(quoteText.get(q.id)!);
      // Five-word excerpts (two or more key terms) of every quote of 40+ words.
      const words = quoteText.get(q.id)!.split(/\s+/).filter(Boolean);
      if (words.length >= 40) {
        const stored = new Set(keys);
        for (let i = 0; i + 5 <= words.length; i++) {
          const excerpt = words.slice(i, i + 5).join(' ');
          if (keyTerms(excerpt).length < 2) continue;
          excerptsTried++;
          if (lookupKeys(excerpt).some((k) => stored.has(k))) excerptsFound++;
          if (finds(excerpt, quoteText.get(q.id)!)) qExcerptPage++;
          if (finds(quoteText.get(q.id)!, excerpt)) qExcerptStored++;
        }
      }
      quoteCount++;
      qKeyCount += queryKeys(quoteText.get(q.id)!).length;
      keyCount += keys.length;
      keyBytes += keys.reduce((s, k) => s + k.length, 0);
    }
    const labelled = new Map(ev.pairs.map((p) => [`${p.a}|${p.b}`, p]));
    for (let i = 0; i < ev.quotes.length; i++) {
      for (let j = i + 1; j < ev.quotes.length; j++) {
        let [qa, qb] = [ev.quotes[i], ev.quotes[j]];
        if (qa.article === qb.article) continue;
        if (qa.article > qb.article) [qa, qb] = [qb, qa];
        const pair = labelled.get(`${qa.id}|${qb.id}`);
        const gold: Gold = pair?.label ?? 'different';
        const ta = quoteText.get(qa.id)!, tb = quoteText.get(qb.id)!;
        const key = (s: string | null) => (s ? s.toLowerCase() : null);
        const r = relate({ text: ta, speakerKey: key(qa.speaker) }, { text: tb, speakerKey: key(qb.speaker) });
        const pred = r ? r.relation : 'none';
        allPairs++;
        const cand = sharesKey(ta, tb);
        if (cand) candidates++;
        if (gold !== 'different') {
          sameTotal++;
          if (cand) sameCandidates++;
          const ab = finds(tb, ta), ba = finds(ta, tb);
          if (ab || ba) qEither++;
          if (ab && ba) qBoth++;
          const share = Math.max(candidateScore(lookupKeys(ta), storedKeys(tb)), candidateScore(lookupKeys(tb), storedKeys(ta)));
          for (const t of SHARE_STEPS) if (share >= t) shareRecall.set(t, (shareRecall.get(t) ?? 0) + 1);
        }
        if (pair) confusion.set(`${gold}|${pred}`, (confusion.get(`${gold}|${pred}`) ?? 0) + 1);
        const goldSame = gold !== 'different', predSame = r !== null;
        if (goldSame && predSame) tp++;
        else if (!goldSame && predSame) fp++;
        else if (goldSame && !predSame) fn++;
        if (r?.speakerConflict && goldSame) {
          conflicts++;
          conflictExamples.push(`${qa.id}/${qb.id}: ${qa.speaker} vs ${qb.speaker}`);
        }
        if ((goldSame !== predSame || (pair && goldSame && gold !== pred)) && errors.length < 400) {
          const c = compareTexts(ta, tb);
          errors.push(`${qa.id}/${qb.id} gold=${gold} pred=${pred} s=${c?.score.toFixed(2)} sh=${c?.sharedContent} cc=${c?.contentChanges} syn=${c?.synonymSwaps} fe=${c?.functionEdits}\n   A: ${ta.slice(0, 200)}\n   B: ${tb.slice(0, 200)}`);
        }
      }
    }
  }
  log(`${name} labelled pairs: gold (rows) × relate() (columns)`);
  log(`${'gold\\pred'.padEnd(10)}${PRED.map((p) => p.padStart(9)).join('')}`);
  for (const g of LABELS) log(`${g.padEnd(10)}${PRED.map((p) => String(confusion.get(`${g}|${p}`) ?? 0).padStart(9)).join('')}`);
  const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn);
  log(`${name} same-utterance linking over all ${allPairs} cross-outlet quote pairs in the same event (unlabelled = different): P ${pct(p)} R ${pct(r)} F1 ${pct(f1(p, r))} (tp ${tp}, fp ${fp}, fn ${fn})`);
  // What a reader sees: a labelled change flagged as one, an unchanged version (verbatim or excerpt) not.
  const count = (golds: readonly string[], preds: readonly string[]) =>
    [...confusion].filter(([k]) => golds.includes(k.split('|')[0]) && preds.includes(k.split('|')[1])).reduce((n, [, v]) => n + v, 0);
  const CHANGED = ['minor', 'reworded', 'altered'] as const;
  const UNCHANGED = ['verbatim', 'excerpt'] as const;
  const changed = count(CHANGED, PRED), flagged = count(CHANGED, CHANGED);
  const unchanged = count(UNCHANGED, PRED), falseFlags = count(UNCHANGED, CHANGED);
  const labelRight = count(['minor'], ['minor']) + count(['reworded'], ['reworded']) + count(['altered'], ['altered']);
  log(`${name} change flags: flag recall ${flagged}/${changed} = ${(flagged / Math.max(1, changed)).toFixed(3)} (label right ${labelRight}/${changed}); false flags ${falseFlags}/${unchanged} = ${pct(falseFlags / Math.max(1, unchanged))}; pair precision ${p.toFixed(3)}`);
  log(`${name} candidate recall (pairs sharing ≥1 index key): ${sameCandidates}/${sameTotal} = ${pct(sameCandidates / sameTotal)}; candidates are ${pct(candidates / allPairs)} of all cross pairs`);
  log(`${name} five-word excerpts (≥2 key terms) of quotes of 40+ words found by their keys: ${excerptsFound}/${excerptsTried} = ${pct(excerptsFound / Math.max(1, excerptsTried))}`);
  log(`${name} candidate recall as looked up (queryKeys of the later against storedKeys of the earlier): found in either order ${qEither}/${sameTotal} = ${pct(qEither / sameTotal)}, in both orders ${qBoth}/${sameTotal} = ${pct(qBoth / sameTotal)}; five-word excerpts as the page ${qExcerptPage}/${excerptsTried}, long page against a stored excerpt ${qExcerptStored}/${excerptsTried}; ${(qKeyCount / quoteCount).toFixed(1)} query keys/quote`);
  log(`${name} candidate recall when a store also requires candidateScore (shared keys ÷ smaller key set) ≥ ${SHARE_STEPS.map((t) => `${t}: ${pct((shareRecall.get(t) ?? 0) / sameTotal)}`).join(', ')}`);
  log(`${name} index keys: ${(keyCount / quoteCount).toFixed(1)} keys/quote, ${(keyBytes / quoteCount).toFixed(0)} key bytes/quote over ${quoteCount} quotes; speaker conflicts flagged on linked same-utterance pairs: ${conflicts} (gold 0; BASIL speaker strings compared as lower-cased text, so spokesperson vs office counts)`);
  for (const c of conflictExamples.slice(0, 6)) log(`   ${c}`);
  if (process.env.VARIANTS_ERRORS) for (const e of errors) log(e);
  return { precision: p, recall: r, f1: f1(p, r), tp, fp, fn, flagRecall: flagged / Math.max(1, changed), falseFlagRate: falseFlags / Math.max(1, unchanged), excerptRecall: excerptsFound / Math.max(1, excerptsTried), candidateRecall: sameCandidates / sameTotal, candidateShare: candidates / allPairs, keysPerQuote: keyCount / quoteCount, keyBytesPerQuote: keyBytes / quoteCount, confusion: Object.fromEntries(confusion) };
}

function readMrpc(file: string): { label: number; a: string; b: string }[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n').slice(1);
  return lines.filter((l) => l.trim()).map((l) => {
    const c = l.split('\t');
    return { label: Number(c[0]), a: c[3], b: c[4] };
  });
}

function scoreOf(a: string, b: string): number {
  const c = compareTexts(a, b);
  return c ? c.score : 0;
}

function accF1(rows: { label: number }[], pred: boolean[]) {
  let tp = 0, fp = 0, fn = 0, right = 0;
  rows.forEach((row, i) => {
    if (pred[i] === (row.label === 1)) right++;
    if (pred[i] && row.label === 1) tp++;
    if (pred[i] && row.label !== 1) fp++;
    if (!pred[i] && row.label === 1) fn++;
  });
  const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn);
  return { accuracy: right / rows.length, f1: f1(p, r), precision: p, recall: r };
}

export async function evalMrpc(corpusDir: string, log: (s: string) => void = console.log) {
  const train = readMrpc(path.join(corpusDir, 'mrpc/msr_paraphrase_train.txt'));
  const test = readMrpc(path.join(corpusDir, 'mrpc/msr_paraphrase_test.txt'));
  // Threshold on the wording score, chosen on train for accuracy.
  const trainScores = train.map((x) => scoreOf(x.a, x.b));
  let best = { t: 0, acc: 0 };
  for (let t = 0.2; t <= 0.95; t += 0.01) {
    const m = accF1(train, trainScores.map((s) => s >= t));
    if (m.accuracy > best.acc) best = { t, acc: m.accuracy };
  }
  const testScores = test.map((x) => scoreOf(x.a, x.b));
  const byThreshold = accF1(test, testScores.map((s) => s >= best.t));
  const byRelate = accF1(test, test.map((x) => relate({ text: x.a, speakerKey: null }, { text: x.b, speakerKey: null }) !== null));
  const trainRelate = accF1(train, train.map((x) => relate({ text: x.a, speakerKey: null }, { text: x.b, speakerKey: null }) !== null));
  const atProduct = accF1(test, testScores.map((s) => s >= SAME_UTTERANCE_MIN_SCORE));
  log(`MRPC test (${test.length} pairs; majority baseline acc 66.5% F1 79.9%):`);
  log(`  relate() !== null (the product's decision):            acc ${pct(byRelate.accuracy)} F1 ${pct(byRelate.f1)} (P ${pct(byRelate.precision)} R ${pct(byRelate.recall)}); on train acc ${pct(trainRelate.accuracy)} F1 ${pct(trainRelate.f1)}`);
  log(`  score ≥ ${best.t.toFixed(2)} (threshold fitted on MRPC train, acc ${pct(best.acc)}): acc ${pct(byThreshold.accuracy)} F1 ${pct(byThreshold.f1)}`);
  log(`  score ≥ ${SAME_UTTERANCE_MIN_SCORE} (the product's SAME_UTTERANCE_MIN_SCORE): acc ${pct(atProduct.accuracy)} F1 ${pct(atProduct.f1)}`);
  return { relate: byRelate, trainThreshold: best.t, threshold: byThreshold, product: atProduct };
}

interface SeedGold {
  articles: { file: string; quotes: { text: string; kind: string; speaker: string | null; statement: number }[] }[];
  variants: { a: string; b: string; relation: string; accept?: string[] }[];
  optional?: { a: string; b: string }[];
}

export async function evalSeedVariants(log: (s: string) => void = console.log) {
  const file = path.join(ROOT, 'test/fixtures/seeds/expected.json');
  if (!fs.existsSync(file)) {
    log('seeds: skipped (test/fixtures/seeds/expected.json not found)');
    return null;
  }
  const gold: SeedGold = JSON.parse(fs.readFileSync(file, 'utf8'));
  const quote = (ref: string) => {
    const [f, i] = ref.split('#');
    return gold.articles.find((a) => a.file === f)!.quotes[Number(i)];
  };
  const spk = (s: string | null) => (s ? s.toLowerCase() : null);
  let right = 0, linked = 0;
  const lines: string[] = [];
  for (const v of gold.variants) {
    const qa = quote(v.a), qb = quote(v.b);
    const r = relate({ text: qa.text, speakerKey: spk(qa.speaker) }, { text: qb.text, speakerKey: spk(qb.speaker) });
    const pred = r?.relation ?? 'none';
    const ok = pred === v.relation || (v.accept ?? []).includes(pred);
    if (r) linked++;
    if (ok) right++;
    const keyed = sharesKey(qa.text, qb.text);
    lines.push(`  ${ok ? 'ok ' : 'BAD'} ${v.a} ~ ${v.b}: gold ${v.relation} pred ${pred}${r ? ` ${r.score}` : ''}${keyed ? '' : ' (no shared key)'}`);
  }
  // Every other cross-article pair of statements must stay apart.
  const listed = new Set([...gold.variants, ...(gold.optional ?? [])].flatMap((v) => [`${v.a}|${v.b}`, `${v.b}|${v.a}`]));
  let falseLinks = 0, otherPairs = 0;
  const refs = gold.articles.flatMap((a) => a.quotes.map((q, i) => ({ ref: `${a.file}#${i}`, file: a.file, q })));
  for (let i = 0; i < refs.length; i++) {
    for (let j = i + 1; j < refs.length; j++) {
      const x = refs[i], y = refs[j];
      if (x.file === y.file || x.q.kind !== 'statement' || y.q.kind !== 'statement' || listed.has(`${x.ref}|${y.ref}`)) continue;
      otherPairs++;
      const r = relate({ text: x.q.text, speakerKey: spk(x.q.speaker) }, { text: y.q.text, speakerKey: spk(y.q.speaker) });
      if (r) {
        falseLinks++;
        lines.push(`  FALSE LINK ${x.ref} ~ ${y.ref}: ${r.relation} ${r.score} “${x.q.text.slice(0, 60)}” / “${y.q.text.slice(0, 60)}”`);
      }
    }
  }
  log(`seeds variants: ${right}/${gold.variants.length} graded as labelled, ${linked}/${gold.variants.length} linked; false links among ${otherPairs} other cross-article statement pairs: ${falseLinks}`);
  for (const l of lines) log(l);
  return { right, total: gold.variants.length, linked, falseLinks, otherPairs };
}

export async function evalVariants(corpusDir: string): Promise<object> {
  const seeds = await evalSeedVariants();
  let mrpc = null;
  let basil = null, heldOut = null, basilScan = null, heldOutScan = null;
  if (fs.existsSync(path.join(corpusDir, 'basil-labels-2010-2014'))) {
    basil = await evalBasil(corpusDir);
    basilScan = await evalBasilScan(corpusDir, basilLabelsFile(corpusDir), 'BASIL 2010–2014');
  } else console.log(`BASIL skipped: ${corpusDir}/basil-labels-2010-2014 not found`);
  if (fs.existsSync(path.join(corpusDir, 'basil/articles/2015')) && fs.existsSync(BASIL_HELDOUT_LABELS)) {
    console.log('\n-- held out: BASIL 2015–2019 (reported, never tuned on)');
    heldOut = await evalBasil(corpusDir, console.log, BASIL_HELDOUT_LABELS, 'BASIL 2015–2019 (held out)');
    heldOutScan = await evalBasilScan(corpusDir, BASIL_HELDOUT_LABELS, 'BASIL 2015–2019 (held out)');
  } else console.log('BASIL 2015–2019 held-out figures skipped: the corpus articles or scripts/eval/labels/basil-2015-2019.json not found');
  if (fs.existsSync(path.join(corpusDir, 'mrpc'))) mrpc = await evalMrpc(corpusDir);
  else console.log(`MRPC skipped: ${corpusDir}/mrpc not found`);
  return { seeds, basil, basilScan, heldOut, heldOutScan, mrpc };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.env.VERBATIM_CORPUS ?? path.resolve(ROOT, '../shared/corpus');
  evalVariants(dir).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
