/** What a full disk cost a page: nothing of it was written. */
const PAGE_NOT_SAVED =
  'Storage is full: this page was not saved (nothing was half-written). ' +
  'Delete old articles in the quote log or free disk space, then reload the page.';

/** The storage is full (or the browser refused the write); the message says what was not written. */
export class StorageFullError extends Error {
  constructor(cause: unknown, message = PAGE_NOT_SAVED) {
    super(message);
    this.name = 'StorageFullError';
    (this as { cause?: unknown }).cause = cause;
  }
}

/** Runs a write, a full disk reported as a StorageFullError with `message`. */
export async function unlessFull<T>(write: () => Promise<T>, message?: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError(err, message);
    throw err;
  }
}

export function isQuotaError(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e = err as { name?: string; message?: string; inner?: unknown; failures?: unknown[] } | null;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    if (/quota|disk is full|no space/i.test(e.message ?? '')) return true;
    const next = e.inner ?? e.failures?.[0];
    e = next as typeof e;
  }
  return false;
}
