// Speaker accuracy on BASIL 2010–2014 (tuning labels: ../shared/corpus/basil-labels-2010-2014), with
// the labelled quote spans given, by source kind (speaker-kinds.ts). A labelled speaker is matched as
// on PolNeAR (speakers-eval.ts speakerCorrect): equal keys, a surname-only key for that surname, or for a
// description the same head noun; a label's closing parenthesis ("(statement)") is not part of the
// name. The held-out years are never read here.
// Run: npx tsx scripts/eval/basil-speakers-eval.ts [--errors=N] [--dump] (--dump prints every miss in context)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from '../paths';
import { attributeSpeakers } from '../../lib/speakers/attribute';
import type { QuoteSpan } from '../../lib/types';
import { basilText, loadBasilEvents } from '../../test/support/basil';
import { type KindTally, countKind, emptyTally, kindLines, kindOfLabel } from './speaker-kinds';
import { speakerCorrect } from './speakers-eval';

/** UTF-16 offset of code point cp (labels count code points). */
function utf16At(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** Characters of article shown on each side of a missed quote by --dump. */
const DUMP_CONTEXT = 200;

export function evalBasilSpeakers(corpusDir: string, dump: ((line: string) => void) | null = null): { tally: KindTally; errors: Map<string, number> } {
  const tally = emptyTally();
  const errors = new Map<string, number>();
  for (const { event } of loadBasilEvents(corpusDir)) {
    for (const [name, a] of Object.entries(event.articles)) {
      const text = basilText(path.join(corpusDir, 'basil/articles', a.file));
      const labelled = event.quotes.filter((q) => q.article === name && q.speaker);
      const spans: QuoteSpan[] = labelled.map((q, i) => {
        const start = utf16At(text, q.start);
        const end = utf16At(text, q.end);
        return { start, end, text: text.slice(start, end), kind: 'statement', statement: i };
      });
      const predicted = attributeSpeakers(text, spans);
      labelled.forEach((q, i) => {
        const kind = kindOfLabel(q.speaker!);
        // "National Rifle Association (statement)": the parenthesis says how it spoke, not who.
        const gold = { speaker: q.speaker!.replace(/\s*\([^)]*\)\s*$/, ''), speaker_type: kind === 'description' ? 'description' : kind === 'organisation' ? 'organization' : 'person' } as const;
        const ok = speakerCorrect(gold, predicted[i]);
        countKind(tally, kind, ok, !predicted[i].speaker);
        if (!ok) {
          const k = `${q.speaker} → ${predicted[i].speaker ?? 'null'}`;
          const flat = (x: string) => x.replace(/\s+/g, ' ');
          const sp = spans[i];
          dump?.(`- [${kind}] ${k}\n  …${flat(text.slice(Math.max(0, sp.start - DUMP_CONTEXT), sp.start))}⟦${flat(sp.text.length > 80 ? sp.text.slice(0, 35) + ' … ' + sp.text.slice(-35) : sp.text)}⟧${flat(text.slice(sp.end, sp.end + DUMP_CONTEXT))}…`);
          errors.set(k, (errors.get(k) ?? 0) + 1);
        }
      });
    }
  }
  return { tally, errors };
}

export function printBasilSpeakers(corpusDir: string, shown = 0, dump = false): void {
  const { tally, errors } = evalBasilSpeakers(corpusDir, dump ? console.log : null);
  console.log('BASIL 2010–2014 speakers (labelled spans given; kinds read from the labelled string):');
  for (const line of kindLines(tally, '    ')) console.log(line);
  for (const [k, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, shown)) console.log(`  ${n}× ${k}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  printBasilSpeakers(CORPUS_DIR, Number(args.find((a) => a.startsWith('--errors='))?.split('=')[1] ?? 25), args.includes('--dump'));
}
