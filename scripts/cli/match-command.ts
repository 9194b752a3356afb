// `verbatim match`: the statements the store holds in more than one version (what a scan matched,
// across all the scans that filled the store), each version graded against the earliest.
import type { Writable } from 'node:stream';
import { loadGroup } from '../../lib/store/quote-log';
import type { VerbatimDb } from '../../lib/store/db';
import type { QuoteGroup } from '../../lib/types';
import { StreamWriter } from './output';

export async function matchCommand(db: VerbatimDb, options: { json: boolean; out: Writable }): Promise<number> {
  const out = new StreamWriter(options.out);
  const groups = await matchedGroups(db);
  if (options.json) {
    await out.write('{"groups":[');
    for (const [i, g] of groups.entries()) {
      const versions = g.versions.map((v) => ({
        text: v.text,
        speaker: v.speaker,
        outlet: v.outlet,
        url: v.url,
        title: v.title,
        published: v.published,
        relation: v.relation,
        score: v.score,
        speakerConflict: v.speakerConflict,
      }));
      await out.write((i ? ',' : '') + JSON.stringify({ groupId: g.groupId, versions }));
    }
    await out.write(']}\n');
  } else {
    for (const g of groups) {
      await out.write(`\n“${g.earliest.text.replace(/\s+/g, ' ')}” — ${g.earliest.speaker ?? 'speaker unknown'}\n`);
      for (const v of g.versions) {
        const grade = v.relation ? `${v.relation} ${(v.score ?? 0).toFixed(2)}${v.speakerConflict ? ' speaker conflict' : ''}` : v === g.earliest ? 'earliest' : 'linked';
        await out.write(`  ${grade.padEnd(16)} ${v.outlet ?? '—'}  ${v.url}\n`);
      }
    }
    if (!groups.length) await out.write('No statement is stored in more than one version.\n');
  }
  await out.flush();
  return 0;
}

/** Every statement group with two versions or more, earliest version first, in a stable order. */
export async function matchedGroups(db: VerbatimDb): Promise<QuoteGroup[]> {
  const ids = (await db.quotes.orderBy('groupId').uniqueKeys()) as string[];
  const groups: QuoteGroup[] = [];
  for (const id of ids) {
    const g = await loadGroup(db, id);
    if (g && g.earliest.kind === 'statement' && g.versions.length > 1) groups.push(g);
  }
  return groups.sort((a, b) => a.earliest.firstSeen - b.earliest.firstSeen || a.earliest.quoteId - b.earliest.quoteId);
}
