// [dom] An element's text walked in reading order into blocks (paragraphs) joined by "\n", whitespace
// collapsed, each output character remembering the live text node and offset it came from. The walk
// can stop and go on later, so a long article is read in slices with the page running between them.

/** A run of output characters that maps 1:1 onto consecutive characters of one live text node. */
export interface TextSegment {
  /** [start, end) in the output text */
  start: number;
  end: number;
  node: Text;
  /** offset in node.data of the character at `start` */
  nodeStart: number;
}

/** Offsets in payload.text → live text nodes. Segments are sorted by start and do not overlap;
 *  characters with no segment (the "\n" between blocks) map nowhere. */
export interface TextMap {
  text: string;
  segments: TextSegment[];
}

/** Text with its map, and whether it was cut at the text cap. */
export interface BuiltText {
  text: string;
  segments: TextSegment[];
  truncated: boolean;
}

/** The live text node a text node of the walked tree stands for (null: none found). */
export type Resolve = (t: Text) => Text | null;

/** Whether the walk leaves an element (below its root) out, with all it holds. */
export type Leave = (el: Element) => boolean;

/** Elements never read: no article text inside. */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'canvas', 'video', 'audio',
  'object', 'embed', 'select', 'textarea', 'verbatim-root',
]);

/** Elements that start a new text block (paragraph) in the output. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead',
  'tfoot', 'tr', 'td', 'th', 'ul', 'caption',
]);

/** Nodes walked between two looks at the clock: a look costs little, but not nothing per node. */
const NODES_PER_CLOCK_CHECK = 64;

/** Runs of words joined by single plain spaces (shared: addText resets it for each node). */
const WORD_RUNS = /\S+(?: \S+)*/g;

/** Article text as it is built, block by block, with where each character lives in the page. */
class TextBuilder {
  /** The text of earlier slices, joined at the end of each (see settle). */
  private chunks: string[] = [];
  /** The words and spaces added since the last settle. */
  private parts: string[] = [];
  segments: TextSegment[] = [];
  length = 0;
  private blockHasText = false;
  private pendingSpace: { node: Text | null; offset: number } | null = null;
  private readonly resolve: Resolve;

  constructor(resolve: Resolve) {
    this.resolve = resolve;
  }

  /** All the text added. */
  text(): string {
    this.settle();
    return this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
  }

  /** Joins the pieces added since the last call into one chunk. Called at the end of each slice: a
   *  3 MB article is some 100,000 pieces, and joining them all at the end took 8 to 13 ms in one go
   *  (Chromium, 2 cores); joined a slice's worth at a time, the last join copies a few hundred chunks. */
  settle(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(this.parts.join(''));
    this.parts = [];
  }

  breakBlock(): void {
    this.pendingSpace = null;
    this.blockHasText = false;
  }

  addText(t: Text): void {
    const data = t.data;
    if (!data) return;
    // the node's live counterpart, looked up once and only when needed (a resolver may keep a cursor)
    let live: Text | null | undefined;
    // Words joined by single plain spaces are copied as one run (they already are their collapsed
    // form); any other whitespace between runs becomes one pending space, as between words.
    const re = WORD_RUNS;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let prevEnd = 0;
    while ((m = re.exec(data))) {
      if (live === undefined) live = this.resolve(t);
      if (m.index > prevEnd && this.blockHasText && !this.pendingSpace) this.pendingSpace = { node: live, offset: prevEnd };
      if (!this.blockHasText) {
        if (this.length > 0) this.push('\n', null, 0);
        this.blockHasText = true;
      } else if (this.pendingSpace) {
        this.push(' ', this.pendingSpace.node, this.pendingSpace.offset);
      }
      this.pendingSpace = null;
      this.push(m[0], live, m.index);
      prevEnd = m.index + m[0].length;
    }
    // trailing whitespace, or a node of whitespace only: a space if more words follow in this block
    if (prevEnd < data.length && this.blockHasText && !this.pendingSpace) this.pendingSpace = { node: live === undefined ? this.resolve(t) : live, offset: prevEnd };
  }

  private push(s: string, node: Text | null, nodeStart: number): void {
    if (node) {
      const last = this.segments[this.segments.length - 1];
      if (last && last.node === node && last.end === this.length && last.nodeStart + (last.end - last.start) === nodeStart) {
        last.end += s.length;
      } else {
        this.segments.push({ start: this.length, end: this.length + s.length, node, nodeStart });
      }
    }
    this.parts.push(s);
    this.length += s.length;
  }
}

/**
 * A walk of `root`'s text in reading order, resumable: `run()` goes on from where the last run
 * stopped. Script, style and the like are never read; `leave` names more elements to leave out.
 * It moves from node to node by first child and next sibling, so a step touches one node: an
 * element with tens of thousands of children (a 3 MB page's article) costs no more in one step
 * than any other, and a slice stops on time.
 */
export class TextWalk {
  private readonly builder: TextBuilder;
  /** The next node to visit; null once the walk is done. */
  private next: Node | null;
  /** The elements entered and not yet left, innermost last, with whether each one is a block. */
  private readonly open: Array<{ el: Element; block: boolean }> = [];
  private truncated = false;
  private leftOut = false;

  constructor(
    private readonly root: Element,
    resolve: Resolve,
    private readonly maxChars: number,
    private readonly leave: Leave = () => false,
  ) {
    this.builder = new TextBuilder(resolve);
    this.next = root;
  }

  /** Walks on until the end, or until `enough()` (asked every few dozen nodes) says stop. True once the walk is done. */
  run(enough: () => boolean = () => false): boolean {
    const b = this.builder;
    let sinceCheck = 0;
    while (this.next) {
      if (b.length > this.maxChars) {
        this.truncated = true;
        this.next = null;
        break;
      }
      if (++sinceCheck >= NODES_PER_CLOCK_CHECK) {
        sinceCheck = 0;
        if (enough()) {
          b.settle();
          return false;
        }
      }
      this.visit(this.next);
    }
    // the last text read may have run over the cap too
    if (b.length > this.maxChars) this.truncated = true;
    return true;
  }

  /** Reads one node and moves on: into an element that is read, else past the node. */
  private visit(node: Node): void {
    if (node.nodeType === 3) this.builder.addText(node as Text);
    else if (node.nodeType === 1) {
      const el = node as Element;
      const name = el.localName;
      if (el === this.root || !(SKIP_TAGS.has(name) || this.leaves(el))) {
        const block = BLOCK_TAGS.has(name);
        if (block) this.builder.breakBlock();
        this.open.push({ el, block });
        const first = el.firstChild;
        if (first) {
          this.next = first;
          return;
        }
      }
    }
    this.past(node);
  }

  private leaves(el: Element): boolean {
    if (!this.leave(el)) return false;
    if (this.builder.length > 0) this.leftOut = true;
    return true;
  }

  /** Whether `leave` left out an element met after the first text read: only then can text the
   *  walk did not read lie between its first and last words (else only script, style and the
   *  like, which are never read). */
  get leftOutAfterText(): boolean {
    return this.leftOut;
  }

  /** Whether the text ran over the cap (result() cuts it at a block boundary). */
  get overCap(): boolean {
    return this.truncated;
  }

  /** The node after `node` and all it holds, leaving the elements that end with it. */
  private past(node: Node): void {
    let at: Node = node;
    for (;;) {
      const top = this.open[this.open.length - 1];
      if (top && top.el === at) {
        // the element just read ends here
        this.open.pop();
        if (top.block) this.builder.breakBlock();
        if (at === this.root) break;
      }
      const sibling = at.nextSibling;
      if (sibling) {
        this.next = sibling;
        return;
      }
      const parent = at.parentNode;
      // the page moved the node out of the element being read: that element ends here
      if (!parent || this.open[this.open.length - 1]?.el !== parent) {
        if (!this.open.length) break;
        at = this.open[this.open.length - 1].el;
        continue;
      }
      at = parent;
    }
    this.next = null;
  }

  /** The text read so far, cut at the last block boundary within the cap when it ran over. */
  result(): BuiltText {
    const b = this.builder;
    const text = b.text();
    return this.truncated ? cutAtBlock(text, b.segments, this.maxChars) : { text, segments: b.segments, truncated: false };
  }
}

/** `root`'s text in blocks, in one go. */
export function buildText(root: Element, resolve: Resolve, maxChars: number, leave?: Leave): BuiltText {
  const walk = new TextWalk(root, resolve, maxChars, leave);
  walk.run();
  return walk.result();
}

/** Text past the cap: cut at the last block boundary within it. */
function cutAtBlock(whole: string, segments: TextSegment[], maxChars: number): BuiltText {
  const cut = whole.lastIndexOf('\n', maxChars);
  const text = whole.slice(0, cut > 0 ? cut : maxChars);
  const keep = segments.filter((s) => s.start < text.length);
  const last = keep[keep.length - 1];
  if (last && last.end > text.length) last.end = text.length;
  return { text, segments: keep, truncated: true };
}
