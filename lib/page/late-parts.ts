// Parts of the content script that load only when a page needs them. Each is built as a script of
// its own (entrypoints/page-reader.ts, entrypoints/page-card.ts) and imported by URL into the
// content script's world, where it hands what it exports over through a registry on that world's
// global object: a page's own scripts run in another world and never see it. Most pages need
// neither part, and the content script compiles in half the time without them.

/** The registry's name on the content script world's global object. */
const REGISTRY = '__verbatimParts';

type Registry = Record<string, unknown>;

function registry(): Registry {
  const g = globalThis as unknown as Record<string, Registry | undefined>;
  return (g[REGISTRY] ??= Object.create(null) as Registry);
}

/** Called by a part's script as it runs: hands its exports to the content script. */
export function providePart(name: string, part: unknown): void {
  registry()[name] = part;
}

/**
 * A loader of one part: `load` imports its script, once (and again after a failure: an extension
 * being updated comes back). Resolves to what the script provided; rejects when it cannot be had.
 */
export function partLoader<P>(name: string, load: () => Promise<unknown>): () => Promise<P> {
  let loading: Promise<P> | null = null;
  const provided = () => registry()[name] as P | undefined;
  return () => {
    const part = provided();
    if (part) return Promise.resolve(part);
    loading ??= Promise.resolve()
      .then(load)
      .then(() => {
        const loaded = provided();
        if (!loaded) throw new Error(`The ${name} part of the extension did not load.`);
        return loaded;
      })
      .catch((err: unknown) => {
        loading = null;
        throw err;
      });
    return loading;
  };
}
