// [dom] Following a page after its quotes are drawn: DOM changes around the article (late-loaded
// paragraphs, a re-rendering framework) and reflows that move text without changing the DOM (web
// fonts, images above the article). Tells its owner when to look again; decides nothing else.

/** Quiet time after the last DOM change before re-checking the article: lets a burst of late-loaded paragraphs settle. */
export const MUTATION_DEBOUNCE_MS = 800;
/** Stop watching the article after this long without changes: the page has settled and watching costs time. */
export const OBSERVE_IDLE_MS = 20000;

export interface WatchOptions {
  /** The article's element: its size changes are reflows. */
  box: Node | null;
  /** The subtree whose changes may change the article (the article's parent, or the body). */
  target: Node | null;
  /** The extension's own host: changes inside it are not the page's. */
  isOurs: (node: Node) => boolean;
  /** The article's DOM changed, and has been quiet for MUTATION_DEBOUNCE_MS. */
  onChange: () => void;
  /** The article's box changed size without a DOM change. */
  onReflow: () => void;
}

export interface PageWatch {
  /** Whether DOM changes are still followed (false once idle, stopped or never started). */
  readonly active: boolean;
  stop(): void;
}

/** Starts following the page; stop() ends it. Does nothing where the document has no window. */
export function watchPage(doc: Document, options: WatchOptions): PageWatch {
  const win = doc.defaultView;
  if (!win) return { active: false, stop() {} };
  let observer: MutationObserver | null = null;
  let debounce = 0;
  let idle = 0;
  const stopMutations = () => {
    observer?.disconnect();
    observer = null;
    win.clearTimeout(debounce);
    win.clearTimeout(idle);
  };
  const armIdle = () => {
    win.clearTimeout(idle);
    idle = win.setTimeout(stopMutations, OBSERVE_IDLE_MS);
  };
  const resize = watchSize(win, [options.box, doc.body], options.onReflow);
  if (options.target) {
    observer = new win.MutationObserver((records) => {
      if (records.every((r) => options.isOurs(r.target))) return;
      win.clearTimeout(debounce);
      debounce = win.setTimeout(options.onChange, MUTATION_DEBOUNCE_MS);
      armIdle();
    });
    observer.observe(options.target, { childList: true, subtree: true, characterData: true });
    armIdle();
  }
  return {
    get active() {
      return observer !== null;
    },
    stop() {
      stopMutations();
      resize?.disconnect();
    },
  };
}

/** A ResizeObserver on the given elements that calls `onReflow` only when a size really changed. */
function watchSize(win: Window, nodes: (Node | null)[], onReflow: () => void): ResizeObserver | null {
  const Ctor = (win as unknown as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  if (typeof Ctor !== 'function') return null;
  // Every observe() reports the current size once: only a size that changed since is a reflow.
  const sizes = new WeakMap<Element, string>();
  const observer = new Ctor((entries) => {
    let changed = false;
    for (const e of entries) {
      const size = `${e.contentRect.width}x${e.contentRect.height}`;
      if (sizes.has(e.target) && sizes.get(e.target) !== size) changed = true;
      sizes.set(e.target, size);
    }
    if (changed) onReflow();
  });
  for (const n of nodes) if (n && n.nodeType === 1) observer.observe(n as Element);
  return observer;
}
