// Shared documents into and out of the quote store. Pulled documents take the JSON import's path
// (validateExport, then importJson's merge): they are checked field by field like an import file,
// never duplicate a version, a quote or a speaker, and one bad document is skipped with a note
// while the rest of its batch is merged.
import { articleQuotes, type VerbatimDb } from './db';
import { EXPORT_FORMAT, EXPORT_VERSION, importJson, validateExport, type ExportFile } from './export';
import { checkSharedDoc, isTombstone, makeSharedDoc, sharedDocsAsExport, type SharedDoc } from '../share/shared-doc';

/** A pulled document that was not merged, and why (shown in the options page). */
export interface SkippedDoc {
  id: string;
  reason: string;
}

export interface MergeReport {
  /** Documents merged (their rows added, or already known). */
  merged: number;
  added: { articles: number; quotes: number; speakers: number };
  /** Withdrawn articles (deleted documents) seen: nothing is merged for them. */
  tombstones: number;
  skipped: SkippedDoc[];
}

function exportFile(docs: SharedDoc[]): ExportFile {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: '', ...sharedDocsAsExport(docs) };
}

function idOf(doc: unknown): string {
  const id = typeof doc === 'object' && doc !== null ? (doc as { _id?: unknown })._id : undefined;
  return typeof id === 'string' ? id.slice(0, 300) : '(no id)';
}

/** Merge a batch of pulled documents into the store in one transaction. Each document is checked
 *  alone first, so a bad one is skipped with its reason and changes nothing; the good ones are
 *  merged together. Merging the same documents again changes nothing. */
export async function mergeSharedDocs(db: VerbatimDb, docs: unknown[]): Promise<MergeReport> {
  const report: MergeReport = { merged: 0, added: { articles: 0, quotes: 0, speakers: 0 }, tombstones: 0, skipped: [] };
  const good = new Map<string, SharedDoc>();
  for (const doc of docs) {
    if (isTombstone(doc)) {
      report.tombstones++;
      continue;
    }
    const errors = checkSharedDoc(doc);
    if (!errors.length) errors.push(...validateExport(exportFile([doc as SharedDoc])));
    if (errors.length) report.skipped.push({ id: idOf(doc), reason: errors.slice(0, 3).join('; ') });
    else good.set((doc as SharedDoc)._id, doc as SharedDoc);
  }
  if (!good.size) return report;
  const result = await importJson(db, JSON.stringify(exportFile([...good.values()])));
  if (!result.ok) {
    // The documents were checked one by one above, so only the store itself fails here.
    for (const id of good.keys()) report.skipped.push({ id, reason: result.error });
    return report;
  }
  report.merged = good.size;
  report.added = result.added;
  return report;
}

/** The shared document of each stored article version with id > afterId (id order), at most
 *  `limit` of them, with their row ids and the last of them: what this browser has to offer the team. */
export async function sharedDocsAfter(db: VerbatimDb, afterId: number, limit: number, sharedBy?: string): Promise<{ docs: SharedDoc[]; articleIds: number[]; throughId: number }> {
  return db.transaction('r', db.articles, db.quotes, db.speakers, async () => {
    const articles = await db.articles.where(':id').above(afterId).limit(limit).toArray();
    const docs: SharedDoc[] = [];
    for (const a of articles) {
      const quotes = await articleQuotes(db, a.id as number).toArray();
      const keys = [...new Set(quotes.map((q) => q.speakerKey).filter((k): k is string => !!k))];
      const speakers = (await db.speakers.bulkGet(keys)).filter((s) => !!s);
      docs.push(makeSharedDoc(a, quotes, speakers, sharedBy));
    }
    const articleIds = articles.map((a) => a.id as number);
    return { docs, articleIds, throughId: articleIds[articleIds.length - 1] ?? afterId };
  });
}
