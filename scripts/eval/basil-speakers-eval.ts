// Speaker accuracy on BASIL 2010–2014 (tuning labels: ../shared/corpus/basil-labels-2010-2014), with
// the labelled quote spans given, by source kind (speaker-kinds.ts). A labelled speaker is matched as
// on PolNeAR (speakers-eval.ts speakerCorrect): equal keys, a surname-only key for that surname, or for a
// description the same head noun; a label's closing parenthesis ("(statement)") is not part of the
// name. The held-out years are never read here.
import path from 'node:path';
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

export function evalBasilSpeakers(corpusDir: string): { tally: KindTally; errors: Map<string, number> } {
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
          errors.set(k, (errors.get(k) ?? 0) + 1);
        }
      });
    }
  }
  return { tally, errors };
}

export function printBasilSpeakers(corpusDir: string, shown = 0): void {
  const { tally, errors } = evalBasilSpeakers(corpusDir);
  console.log('BASIL 2010–2014 speakers (labelled spans given; kinds read from the labelled string):');
  for (const line of kindLines(tally, '    ')) console.log(line);
  for (const [k, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, shown)) console.log(`  ${n}× ${k}`);
}
