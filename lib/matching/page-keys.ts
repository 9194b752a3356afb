// The index keys of a page's statements, found once per page: by the store pipeline, or already
// where the page was read (the command line's extraction workers), which spares the one thread
// that stores pages in order the work.
import { queryKeys, storedKeys } from './fingerprint';
import type { Statement } from './statements';

/** Per statement number: the keys stored with it (the whole statement) and the keys it is looked
 *  up by (those and what finds short versions: lib/store/db.ts). A term has none. */
export interface PageKeys {
  stored: Map<number, string[]>;
  lookup: Map<number, string[]>;
}

export function pageKeys(statements: ReadonlyMap<number, Pick<Statement, 'kind' | 'text'>>): PageKeys {
  const stored = new Map<number, string[]>();
  const lookup = new Map<number, string[]>();
  for (const [n, s] of statements) {
    stored.set(n, s.kind === 'term' ? [] : storedKeys(s.text));
    lookup.set(n, s.kind === 'term' ? [] : queryKeys(s.text));
  }
  return { stored, lookup };
}
