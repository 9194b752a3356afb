// The upgrades of the quote store from each older schema version, computing what the older
// version did not store from its own rows. Registered by db.ts on its versions; they call the
// group and postings code, which db.ts itself never imports, so that the store's modules import
// one way: db.ts → upgrades.ts → groups.ts, postings.ts → (types of) db.ts.
import { normalize } from '../text/normalize';
import { PART_JOINER, statementKeys, storedKeys } from '../matching/fingerprint';
import type { ArticleRow, QuoteRow, SpeakerRow } from '../types';
import type { UpgradeTransaction, VerbatimDb } from './db';
import { refreshGroups, type GroupTables } from './groups';
import { makeGroupId } from './group-id';
import { CHUNK, postQuotes, recordSingles } from './postings';

/** v1 → v2: compute what v1 did not store, from the v1 rows themselves. */
export async function upgradeToV2(tx: UpgradeTransaction): Promise<void> {
  const articles = new Map<number, ArticleRow>();
  await tx.table('articles').toCollection().modify((a: ArticleRow) => {
    if (typeof a.lastSeen !== 'number') a.lastSeen = a.firstSeen;
    articles.set(a.id as number, a);
  });
  const quotes: QuoteRow[] = await tx.table('quotes').toArray();
  // Join the parts of each statement: keys are computed on the whole statement, as new pages are.
  const statementText = new Map<string, string>();
  const partCount = new Map<string, number>();
  for (const q of [...quotes].sort((x, y) => x.start - y.start)) {
    const k = `${q.articleId}:${q.statement ?? 0}`;
    statementText.set(k, statementText.has(k) ? `${statementText.get(k)}${PART_JOINER}${q.text}` : q.text);
    partCount.set(k, (partCount.get(k) ?? 0) + 1);
  }
  // Statements with the same normalised words across articles become one group, founded by the
  // earliest version seen; finer grading happens when pages are read again.
  const byAge = [...quotes].sort(
    (x, y) => (articles.get(x.articleId)?.firstSeen ?? 0) - (articles.get(y.articleId)?.firstSeen ?? 0) || (x.id ?? 0) - (y.id ?? 0),
  );
  const groupOfNormText = new Map<string, string>();
  const groupOfStatement = new Map<string, string>();
  const speakers = new Map<string, SpeakerRow>();
  for (const q of byAge) {
    const article = articles.get(q.articleId);
    q.statement = q.statement ?? 0;
    const k = `${q.articleId}:${q.statement}`;
    const whole = statementText.get(k) ?? q.text;
    q.normText = normalize(q.text);
    q.keys = q.kind === 'term' ? [] : storedKeys(whole);
    q.speakerKey = q.speakerKey ?? null;
    q.speaker = q.speaker ?? null;
    q.cue = q.cue ?? null;
    q.parts = partCount.get(k) ?? 1;
    q.seenAt = typeof q.seenAt === 'number' ? q.seenAt : (article?.firstSeen ?? 0);
    let groupId = groupOfStatement.get(k);
    if (!groupId) {
      const wholeNorm = normalize(whole);
      const own = makeGroupId(article?.canonicalUrl ?? '', article?.contentHash ?? '', q.statement);
      groupId = q.kind === 'term' || !wholeNorm ? own : (groupOfNormText.get(wholeNorm) ?? own);
      if (q.kind !== 'term' && wholeNorm && !groupOfNormText.has(wholeNorm)) groupOfNormText.set(wholeNorm, groupId);
      groupOfStatement.set(k, groupId);
    }
    q.groupId = groupId;
    if (q.speakerKey) {
      const s = speakers.get(q.speakerKey) ?? { key: q.speakerKey, name: q.speaker ?? q.speakerKey, aliases: [] };
      if (q.speaker) {
        s.name = q.speaker;
        if (!s.aliases.includes(q.speaker)) s.aliases.push(q.speaker);
      }
      speakers.set(q.speakerKey, s);
    }
  }
  await tx.table('quotes').bulkPut(quotes);
  await tx.table('speakers').bulkPut([...speakers.values()]);
}

/** Every stored quote row, CHUNK rows at a time in id order, handed to `step`. */
async function inIdOrder(quotes: VerbatimDb['quotes'], step: (rows: QuoteRow[]) => Promise<void>): Promise<void> {
  let last = 0;
  for (;;) {
    const rows = await quotes.where(':id').above(last).limit(CHUNK).toArray();
    if (rows.length === 0) return;
    last = rows[rows.length - 1].id as number;
    await step(rows);
  }
}

/** v2 → v3: recompute every statement's keys (single-term keys are now marked "=") from its whole
 *  text and list the single-term ones. */
export async function upgradeToV3(tx: UpgradeTransaction): Promise<void> {
  const quotes = tx.table('quotes') as VerbatimDb['quotes'];
  const tables = { singles: tx.table('singles') as VerbatimDb['singles'] };
  await inIdOrder(quotes, async (rows) => {
    const keysOf = new Map<string, string[]>();
    for (const r of rows) {
      const k = `${r.articleId}:${r.statement}`;
      if (r.kind !== 'term' && !keysOf.has(k)) {
        // A split statement's parts may sit in other chunks: read them all.
        const parts = (r.parts ?? 1) > 1 ? await quotes.where('[articleId+statement]').equals([r.articleId, r.statement]).toArray() : [r];
        keysOf.set(k, statementKeys(parts).get(k) ?? []);
      }
      r.keys = r.kind === 'term' ? [] : (keysOf.get(k) ?? []);
    }
    await quotes.bulkPut(rows);
    await recordSingles(tables, rows);
  });
}

/** v3 → v4: post every quote under its keys (rows in id order, so each key's ids stay ascending). */
export async function upgradeToV4(tx: UpgradeTransaction): Promise<void> {
  const quotes = tx.table('quotes') as VerbatimDb['quotes'];
  const tables = { postings: tx.table('postings') as VerbatimDb['postings'] };
  // The singles were listed by the v3 upgrade or by the writes since.
  await inIdOrder(quotes, (rows) => postQuotes(tables, rows, new Map()));
}

/** Summarise every statement group (a step of groups at a time): the one upgrade that writes the
 *  summaries, registered on the latest version that changed their shape, so that a store upgraded
 *  across several such versions builds them once. */
export async function summarizeGroups(tx: UpgradeTransaction): Promise<void> {
  const tables = { articles: tx.table('articles'), quotes: tx.table('quotes'), groups: tx.table('groups') } as GroupTables;
  await refreshGroups(tables, (await tables.quotes.orderBy('groupId').uniqueKeys()) as string[]);
}
