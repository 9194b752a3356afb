// The team's database as replication is handed it. After each batch PouchDB's replication reads
// the source database's info() to count its progress, and neither waits for that read nor catches
// it (pouchdb-replication 9, the batch loop's `src.info().then(…)`). When the server drops at that
// moment the read rejects with nobody listening: an unhandled rejection (in the extension, an error
// in the background's log; in Node, a failed run), although replication itself goes on retrying.
// Every promise chained on this remote's info() carries a handler, so nothing goes unhandled; a
// caller that waits on the chain still gets the error, which is how a replication started against
// a lost server learns to retry.

/** `remote` with its info() reads unable to leave a rejection unhandled; every other call unchanged. */
export function withHandledInfo<T>(remote: T): T {
  if (typeof remote !== 'object' || remote === null) return remote;
  return new Proxy(remote, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== 'info' || typeof value !== 'function') return value;
      return (...args: unknown[]) => handledChains(value.apply(target, args));
    },
  });
}

/** A promise whose every `.then(…)` result also has a handler: the error still reaches whoever
 *  chains on it, and is dropped when no one does. */
function handledChains<T>(result: T): T {
  if (!(result instanceof Promise)) return result;
  const then = result.then.bind(result);
  result.then = ((onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => {
    const next = then(onFulfilled, onRejected);
    next.catch(() => undefined);
    return next;
  }) as typeof result.then;
  return result;
}
