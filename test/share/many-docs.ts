// Many valid shared documents, made fast: a few analysed pages, each shared under many outlets'
// addresses (distinct versions, distinct ids), for tests and benches that pull thousands.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDb } from '../../lib/store/db';
import { analyzePage } from '../../lib/store/analyze-page';
import { sharedDocsAfter } from '../../lib/store/share-merge';
import { sharedDocId, type SharedDoc } from '../../lib/share/shared-doc';

const TEXTS = [
  '“We will never negotiate with terrorists under any circumstances,” Prime Minister Jane Doe said.',
  '“The harvest this year was the best in a decade for our farmers,” said John Roe, the agriculture minister.',
  '“Our schools and hospitals will receive the full budget next year,” the finance minister, Ann Poe, said.',
];

let seedsMade = 0;

/** `n` documents, the i-th from https://{prefix}{i}.test/story; `sharedBy` on each if given. */
export async function manyDocs(n: number, prefix = 'outlet', sharedBy?: string): Promise<SharedDoc[]> {
  const src = openDb(`many-docs-${++seedsMade}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  for (const [i, text] of TEXTS.entries()) {
    await analyzePage(src, { url: `https://seed${i}.test/story`, canonicalUrl: null, title: 'Seed', outlet: 'Seed', byline: null, published: null, text, partial: false }, Date.UTC(2024, 0, 1) + i);
  }
  const seeds = (await sharedDocsAfter(src, 0, TEXTS.length, sharedBy)).docs;
  src.close();
  const docs: SharedDoc[] = [];
  for (let i = 0; i < n; i++) {
    const seed = seeds[i % seeds.length];
    const canonicalUrl = `https://${prefix}${i}.test/story`;
    docs.push({ ...seed, _id: sharedDocId(canonicalUrl, seed.article.contentHash), article: { ...seed.article, canonicalUrl, url: canonicalUrl, outlet: `Outlet ${i}` } });
  }
  return docs;
}
