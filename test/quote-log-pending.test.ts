// A page stored after the quote log wrote the pending summaries, and before it read them (or while
// they cannot be written): its groups' summaries are out of date, and the log grades those groups
// from their quotes instead of listing the relations their summaries hold.
import { describe, expect, it, vi } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb } from '../lib/store/db';
import { analyzePage } from '../lib/store/analyze-page';
import { listGroups, loadGroup } from '../lib/store/quote-log';
import type { PagePayload } from '../lib/types';

// The log's own writing of pending summaries does nothing here: the page stored in between.
vi.mock('../lib/store/pending-groups', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/store/pending-groups')>()),
  settlePending: async () => false,
}));

const payload = (name: string, text: string, outlet: string): PagePayload => ({ url: `https://${name}.test/story`, canonicalUrl: null, title: null, outlet, byline: null, published: null, text, partial: false });
const A = '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.';
const B = 'Prime Minister Jane Doe said: “We will not negotiate with terrorists under these circumstances.”';

describe('a group whose summary is pending when the log reads', () => {
  it('is listed with its versions graded from its quotes, in a listing and in a search', async () => {
    const db = openDb('log-pending', { indexedDB: new IDBFactory(), IDBKeyRange });
    await analyzePage(db, payload('a', A, 'Paper A'), 1000);
    await analyzePage(db, payload('b', B, 'Le Monde'), 2000, undefined, { groupSummaries: 'later' });
    expect(await db.pendingGroups.count()).toBe(1);
    const [groupId] = (await db.pendingGroups.toCollection().primaryKeys()) as string[];
    const full = await loadGroup(db, groupId);
    const relation = full?.versions[1].relation;
    expect(relation).toBeTruthy();
    for (const query of [{ offset: 0, limit: 10 }, { offset: 0, limit: 10, text: 'negotiate' }]) {
      const listed = (await listGroups(db, query)).groups.find((g) => g.groupId === groupId);
      expect(listed?.versions.map((v) => v.relation)).toEqual([null, relation]);
    }
  });
});
