// Every table of a quote store, in a stable order: what round-trip tests compare.
import type { VerbatimDb } from '../../lib/store/db';

export async function storeTables(db: VerbatimDb) {
  return {
    articles: await db.articles.orderBy('id').toArray(),
    quotes: await db.quotes.orderBy('id').toArray(),
    speakers: await db.speakers.orderBy('key').toArray(),
    singles: await db.singles.toArray(),
    postings: await db.postings.toArray(),
  };
}
