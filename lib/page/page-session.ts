// [dom] One page's life with Verbatim, as explicit states: waiting → reading → analysing → done,
// or skipped (no article), paused (the reader paused this site), error (the background failed
// for good). It reads the article, asks the background (through functions it is given, so tests
// need no browser), draws what comes back, and follows the page as it changes. The content script
// only wires browser events and messages to it.
import { framesLoaded, readArticleInSteps, rangeFor, isArticleLike, type ReaderParts, type ReadResult, type Pause } from './article';
import { anchorQuote, quoteSelector, type QuoteSelector } from './anchor';
import type { HighlightItem } from './highlight';
import { cardPosition, markerBox, markerPoint, spreadMarkers, type Box, type CardPosition } from './layout';
import type { OverlayHost } from './overlay-host';
import { watchPage, type PageWatch } from './page-watch';
import { bandAround, covers, ViewBand, BAND_SCREENS, BAND_SLACK_SCREENS, MEASURE_SCREENS, type Band } from './view-band';
import { inSlices, sliceStartOf, SLICE_MS, type Slicing } from './slices';
import { BlockPlaces } from './block-places';
import { statementsOf, type MarkerView, type StatementView } from '../status';
import { isPaused } from '../settings';
import { HandlerError, type PageRunState, type PauseSettings } from '../messages';
import type { PagePayload, PageResult, QuoteStatus } from '../types';


export type SessionState = 'waiting' | 'reading' | 'analysing' | 'done' | 'skipped' | 'paused' | 'error';

/** Which state may follow which. A run starts from any settled state; navigation resets any state. */
export const TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  waiting: ['reading', 'waiting'],
  reading: ['analysing', 'skipped', 'paused', 'error', 'waiting'],
  analysing: ['done', 'skipped', 'error', 'waiting'],
  done: ['reading', 'done', 'skipped', 'waiting'],
  skipped: ['reading', 'waiting'],
  paused: ['reading', 'waiting'],
  error: ['reading', 'waiting'],
};

/** Text growth (share of the old length) that counts as late-loaded article text, worth a new analysis. */
export const LATE_TEXT_GROWTH = 0.1;
/** New analyses of one page caused by changes: a live-updating page must not keep the background busy. */
export const MAX_REANALYSES = 3;
/** Re-reads of one page's article after DOM changes: each costs a Readability pass, so a live-updating page stops being followed. */
export const MAX_REREADS = 12;
/** Waits before asking the background again when it went away mid-page (a stopped service worker
 *  restarts on the next message; an extension update takes a few seconds). */
export const RETRY_DELAYS_MS: readonly number[] = [250, 1000, 3000];

/** Everything the overlay shows, with its two events. */
export interface OverlayModel {
  markers: MarkerView[];
  open: {
    statement: StatementView;
    /** This page's outlet and dates, for its point on the card's timeline. */
    page: { outlet: string | null; published: string | null; firstSeen: number | null };
    position: CardPosition;
    autoFocus: boolean;
  } | null;
  onOpen: (id: string, byKeyboard: boolean) => void;
  onClose: () => void;
}

export interface SessionEnv {
  doc: Document;
  /** Creates the overlay host (called again if the page removed it). */
  createOverlay: () => OverlayHost;
  /** Draws the overlay model into the host's mount. */
  render: (model: OverlayModel, mount: HTMLElement) => void;
  /** The reader's parts beyond the content script (Readability, the quote finder), loaded only when a
   *  page needs them; rejects when they cannot be had. */
  readerParts: () => Promise<ReaderParts>;
  getSettings: () => Promise<PauseSettings>;
  analyzePage: (payload: PagePayload) => Promise<PageResult>;
  /** A problem worth telling the background about; never thrown into the page. */
  report: (where: string, err: unknown) => void;
  /** Lets the page run between the steps of a read (default: none). */
  pause?: Pause;
  /** Waits before a retry (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

interface Anchored {
  selector: QuoteSelector;
  status: QuoteStatus;
  key: string;
}
interface Span {
  key: string;
  status: QuoteStatus;
  start: number;
  end: number;
}
interface Drawn {
  result: PageResult;
  read: ReadResult;
  statements: StatementView[];
  /** Quote id → its selector in the text the drawn offsets point into. */
  selectors: Map<string, Anchored>;
  /** Text length of the article container when drawn: a cheap "did the text change?" signal. */
  containerTextLength: number;
  container: Node | null;
}

/** Whether a failure is the background being away (worth a retry), not its handler failing. */
export function isTransient(err: unknown): boolean {
  return !(err instanceof HandlerError);
}

export class PageSession {
  private stateNow: SessionState = 'waiting';
  private host: OverlayHost | null = null;
  private drawn: Drawn | null = null;
  private open: { id: string; byKeyboard: boolean } | null = null;
  private running: Promise<PageRunState> | null = null;
  private watch: PageWatch | null = null;
  private reanalyses = 0;
  private rereads = 0;
  private layoutFrame = 0;
  /** The markers drawn around the view. */
  private readonly view = new ViewBand();
  /** The overlay's top edge in document coordinates when last measured: what turns the page's
   *  scroll position into the band's coordinates without reading layout. */
  private overlayTop = 0;
  /** Whether markers are being measured: a scroll waits for the measure, and is looked at again once it is done. */
  private measuring = false;
  /** Whether the layout may have changed since the highlights were last shown: their fallback boxes are placed again. */
  private boxesMoved = false;
  private scrollFrame = 0;
  /** Where the paragraphs of drawn quotes lay when measured: a repaint after a scroll measures those near the view. */
  private readonly blockPlaces = new BlockPlaces();
  /** Bumped by each repaint: a repaint still measuring in slices gives way to a newer one. */
  private paintRun = 0;
  /** Bumped by navigation: a run that started before it must not draw after it. */
  private generation = 0;
  /** The overlay's two events, the same functions at every paint so that unchanged markers are not redrawn. */
  private readonly onOpen = (id: string, byKeyboard: boolean) => this.openCard(id, byKeyboard);
  private readonly onClose = () => this.closeCard();
  private readonly env: SessionEnv;
  private readonly doc: Document;
  private readonly win: Window;

  constructor(env: SessionEnv) {
    this.env = env;
    this.doc = env.doc;
    const win = env.doc.defaultView;
    if (!win) throw new Error('PageSession needs a document with a window');
    this.win = win;
  }

  get state(): SessionState {
    return this.stateNow;
  }

  /** The ids of the statements drawn, in text order. */
  get statementIds(): string[] {
    return this.drawn?.statements.map((s) => s.id) ?? [];
  }

  get openId(): string | null {
    return this.open?.id ?? null;
  }

  /** Reads and analyses the page; `force` skips the pause and article checks. One run at a time. */
  run(force: boolean): Promise<PageRunState> {
    if (this.running) return this.running;
    const generation = this.generation;
    const running = this.analyse(force, generation)
      .catch((err) => {
        this.env.report('analyse', err);
        return generation === this.generation ? this.moveTo('error') : this.runState();
      })
      .finally(() => {
        if (this.running === running) this.running = null;
      });
    this.running = running;
    return running;
  }

  /** An in-page navigation: forget this view's quotes and wait for the next run. */
  navigated(): void {
    this.generation += 1;
    this.running = null;
    this.stopWatching();
    this.clearDrawing();
    this.reanalyses = 0;
    this.rereads = 0;
    this.moveTo('waiting');
  }

  /** A click on the page: opens the card of the quote under it, or closes the open card. */
  click(e: MouseEvent): void {
    // Only the reader's own clicks: a page's script must not open cards to read them.
    if (!e.isTrusted || !this.drawn || !this.host || e.defaultPrevented || e.button !== 0) return;
    if (e.composedPath().some((n) => this.host!.owns(n))) return;
    const target = e.target as Element | null;
    if (target?.closest?.('a[href], button, input, textarea, select, label')) return;
    const selection = this.doc.getSelection();
    if (selection && !selection.isCollapsed) return;
    const id = this.host.highlighter.hitTest(e.clientX, e.clientY);
    if (id && this.drawn.statements.some((s) => s.id === id)) this.openCard(id, false);
    else if (this.open) this.closeCard();
  }

  /** Escape from the reader: closes the card. */
  escape(e: KeyboardEvent): void {
    if (e.isTrusted && e.key === 'Escape' && this.open) this.closeCard();
  }

  /** Scrolls to a statement and opens its card (asked from the popup). */
  showQuote(id: string): boolean {
    const first = this.host?.highlighter.rangesOf(id)[0];
    if (!this.drawn || !first || !this.drawn.statements.some((s) => s.id === id)) return false;
    first.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    this.open = { id, byKeyboard: true };
    this.paint();
    return true;
  }

  /** The window scrolled: on the next frame, once the view nears an edge of the band of markers
   *  drawn, the quotes around it are measured and their band drawn (quotes far from the view are
   *  not measured, so the band's new quotes have no place yet). */
  scrolled(): void {
    if (!this.drawn || this.scrollFrame || this.measuring || typeof this.win.requestAnimationFrame !== 'function') return;
    this.scrollFrame = this.win.requestAnimationFrame(() => {
      this.scrollFrame = 0;
      if (!this.measuring && this.view.band && !covers(this.view.band, this.viewBand(BAND_SLACK_SCREENS))) void this.repaint(false);
    });
  }

  /** The layout may have changed (resize, a scroll box scrolled): markers follow on the next frame. */
  layoutChanged(): void {
    if (!this.drawn || this.layoutFrame) return;
    const frame = () => {
      this.layoutFrame = 0;
      this.safely('layout', () => {
        // A re-render after the watch went idle shows up as a reflow with dead ranges.
        if (!this.rangesAlive()) this.refreshSoon();
        else void this.repaint();
      });
    };
    this.layoutFrame = this.doc.hidden ? this.win.setTimeout(frame) : this.win.requestAnimationFrame(frame);
  }

  dispose(): void {
    this.generation += 1;
    this.stopWatching();
    this.blockPlaces.forget();
    this.host?.remove();
    this.host = null;
    this.drawn = null;
  }

  // ---- the run -------------------------------------------------------------------------------

  private async analyse(force: boolean, generation: number): Promise<PageRunState> {
    const stale = () => generation !== this.generation;
    this.moveTo('reading');
    if (!force) {
      const settings = await this.withRetry(() => this.env.getSettings());
      if (stale()) return this.runState();
      if (isPaused(settings, hostnameOf(this.doc))) {
        this.clearDrawing();
        return this.moveTo('paused');
      }
      if (!isArticleLike(this.doc)) return this.moveTo('skipped');
    }
    const read = await this.read();
    if (stale()) return this.runState();
    if (!read) {
      this.clearDrawing();
      return this.moveTo('skipped');
    }
    this.moveTo('analysing');
    // The read's last step and sending its text (copied into the message) each get a task.
    await this.env.pause?.();
    if (stale()) return this.runState();
    mark(this.win, 'verbatim:analyze:start');
    const result = await this.withRetry(() => this.env.analyzePage(read.payload));
    measure(this.win, 'verbatim:analyze', 'verbatim:analyze:start');
    // The last part of the reply is decoded in the task that receives it: drawing starts in the next.
    await this.env.pause?.();
    if (stale()) return this.runState();
    const drew = await this.measured('verbatim:highlight', stale, (slicing) => this.draw(result, read, slicing));
    if (!drew) return this.runState();
    await this.paintAfterLayout();
    if (stale()) return this.runState();
    // The page may have replaced or emptied the article while the quotes were drawn.
    const alive = await this.measured('verbatim:highlight', stale, (slicing) => this.articleAliveInSlices(slicing));
    if (alive === null) return this.runState();
    this.moveTo('done');
    if (!alive) await this.refresh();
    else this.startWatching();
    return this.runState();
  }

  /** Main-thread work in slices, measured under `name`. */
  private async measured<T>(name: string, stale: () => boolean, work: (slicing: Slicing) => Promise<T>): Promise<T> {
    mark(this.win, `${name}:start`);
    try {
      return await work(this.slicing(name, stale));
    } finally {
      measure(this.win, name, `${name}:start`);
    }
  }

  private async read(): Promise<ReadResult | null> {
    await framesLoaded(this.doc);
    mark(this.win, 'verbatim:read:start');
    // the read's own work is measured, not the tasks it waits through
    const waiting = <T>(wait: () => Promise<T>) => async (): Promise<T> => {
      measure(this.win, 'verbatim:read', 'verbatim:read:start');
      try {
        return await wait();
      } finally {
        mark(this.win, 'verbatim:read:start');
      }
    };
    const pause: Pause = this.env.pause ? waiting(this.env.pause) : async () => {};
    const perf = this.win.performance;
    const read = await readArticleInSteps(this.doc, this.doc.URL, pause, waiting(this.env.readerParts), { now: () => perf.now() });
    measure(this.win, 'verbatim:read', 'verbatim:read:start');
    return read;
  }

  /** Calls the background; when it is away (not when it answered with an error), tries again a few times. */
  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    const sleep = this.env.sleep ?? ((ms: number) => new Promise<void>((r) => this.win.setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (!isTransient(err) || attempt >= RETRY_DELAYS_MS.length) throw err;
        await sleep(RETRY_DELAYS_MS[attempt]);
      }
    }
  }

  private moveTo(next: SessionState): PageRunState {
    if (!TRANSITIONS[this.stateNow].includes(next)) {
      throw new Error(`page session: no transition from ${this.stateNow} to ${next}`);
    }
    this.stateNow = next;
    const state = this.runState();
    this.ensureHost().showState(state);
    return state;
  }

  /** The state as the page and the popup see it: the steps of a run show as "waiting". */
  private runState(): PageRunState {
    const s = this.stateNow;
    const shown = s === 'reading' || s === 'analysing' ? 'waiting' : s;
    return { state: shown, quoteCount: shown === 'done' ? (this.drawn?.result.quotes.length ?? 0) : 0 };
  }

  private ensureHost(): OverlayHost {
    if (this.host?.alive) return this.host;
    this.host?.remove();
    this.host = this.env.createOverlay();
    return this.host;
  }

  // ---- drawing -------------------------------------------------------------------------------

  /** Anchors the quotes on the page and draws their highlights, in slices; false when the run went stale meanwhile. */
  private async draw(result: PageResult, read: ReadResult, slicing: Slicing): Promise<boolean> {
    const statements = statementsOf(result.quotes);
    const keyOf = new Map<string, string>();
    for (const s of statements) for (const p of s.parts) keyOf.set(p.id, s.id);
    const selectors: Drawn['selectors'] = new Map();
    const items: HighlightItem[] = [];
    const anchor = (q: PageResult['quotes'][number]) => {
      const key = keyOf.get(q.id) ?? q.id;
      const selector = quoteSelector(read.payload.text, q.start, q.end);
      if (selector) selectors.set(q.id, { selector, status: q.status, key });
      this.addItem(items, read, { key, status: q.status, start: q.start, end: q.end });
    };
    if (!(await inSlices(result.quotes.length, (i) => anchor(result.quotes[i]), slicing))) return false;
    // the last slice may have used its time: measuring the container and drawing get their own
    if (!(await nextSlice(slicing))) return false;
    const container = articleContainer(this.doc, read);
    const containerTextLength = await textLengthInSlices(container, slicing);
    if (containerTextLength === null || !(await this.ensureHost().highlighter.drawInSlices(items, slicing))) return false;
    this.drawn = { result, read, statements, selectors, container, containerTextLength };
    this.view.clear();
    this.blockPlaces.forget();
    return true;
  }

  /** Ranges for the drawn quotes, from the read's node map; statement parts share their statement's id. */
  private itemsFor(read: ReadResult, spans: Span[]): HighlightItem[] {
    const items: HighlightItem[] = [];
    for (const s of spans) this.addItem(items, read, s);
    return items;
  }

  private addItem(items: HighlightItem[], read: ReadResult, s: Span): void {
    const range = rangeFor(read.map, s.start, s.end, this.doc);
    if (range && !range.collapsed) items.push({ id: s.key, status: s.status, range });
  }

  /** Slices of main-thread work measured under `name` (the measure stops while the page runs). */
  private slicing(name: string, stale: () => boolean): Slicing {
    const perf = this.win.performance;
    const pause = this.env.pause;
    // the first slice begins now, with the work it is made for (whatever runs before its first loop)
    let started = perf.now();
    return {
      now: () => perf.now(),
      stale,
      sliceStart: () => started,
      pause: pause
        ? async () => {
            measure(this.win, name, `${name}:start`);
            await pause();
            mark(this.win, `${name}:start`);
            started = perf.now();
          }
        : undefined,
    };
  }

  /**
   * Markers and fallback boxes need the quotes' positions. Reading them right after the browser has
   * laid out the next frame costs little; reading them now would force a layout of the whole page.
   */
  private paintAfterLayout(): Promise<void> {
    return new Promise((resolve) => {
      const later = () => this.win.setTimeout(() => void this.repaint().then(resolve));
      // Hidden tabs get no animation frames: do not wait for one there.
      if (this.doc.hidden || typeof this.win.requestAnimationFrame !== 'function') later();
      else this.win.requestAnimationFrame(later);
    });
  }

  /** Measures which quotes lie near the view and shows their highlights, measures the marker places
   *  of those statements, then draws the markers, all in slices; a newer repaint supersedes one still
   *  under way. `layout`: the layout may have changed, so fallback boxes are placed again (a scroll
   *  moves no text). Never throws: a failure is reported. */
  private async repaint(layout = true): Promise<void> {
    const run = ++this.paintRun;
    const drawn = this.drawn;
    const slicing = this.slicing('verbatim:markers', () => run !== this.paintRun || drawn !== this.drawn);
    mark(this.win, 'verbatim:markers:start');
    try {
      this.boxesMoved ||= layout;
      this.measuring = true;
      const next = await this.measureMarkers(slicing, layout);
      if (run === this.paintRun) this.measuring = false;
      if (!next) return;
      this.view.measure(next.markers);
      if (await nextSlice(slicing)) await this.showMarkers(next.band, slicing);
    } catch (err) {
      this.env.report('markers', err);
    } finally {
      measure(this.win, 'verbatim:markers', 'verbatim:markers:start');
      if (run === this.paintRun) {
        this.measuring = false;
        // a scroll while measuring was put off: the view may have left the band measured
        this.scrolled();
      }
    }
  }

  /** The view's stretch of overlay coordinates, widened by `screens` viewport heights each way. */
  private viewBand(screens: number): Band {
    return bandAround(this.win.scrollY - this.overlayTop, this.win.innerHeight, screens);
  }

  /**
   * Draws the measured markers inside the band around the view when measured (BAND_SCREENS each way); the others
   * get no place, so the overlay holds a few screens of buttons whatever the page's length, and a
   * page of thousands of quotes costs what its visible part costs. Draws MARKER_STEP markers at a
   * time (creating thousands of buttons at once is itself a long task), as many steps per slice as
   * fit in SLICE_MS. The overlay writes a marker's button only when its marker object changed, so
   * a step costs the markers it adds, moves or removes; a marker whose place did not change keeps
   * its object and costs nothing. Markers not yet redrawn keep their last place meanwhile.
   */
  private async showMarkers(band: Band, slicing: Slicing): Promise<void> {
    const move = this.view.moveTo(band, this.drawn);
    if (!move) return;
    let shown = 0;
    let sliceStart = sliceStartOf(slicing);
    do {
      shown = this.view.step(move, shown);
      this.paint();
      if (shown < move.next.length && slicing.pause && slicing.now() - sliceStart >= SLICE_MS) {
        await slicing.pause();
        if (slicing.stale?.()) return;
        sliceStart = sliceStartOf(slicing);
      }
    } while (shown < move.next.length);
  }

  private paint(): void {
    const host = this.host;
    if (!host?.alive) return;
    const drawn = this.drawn;
    const open = this.open;
    const statement = open && drawn ? drawn.statements.find((s) => s.id === open.id) : undefined;
    this.env.render(
      {
        markers: this.view.placed,
        open: statement
          ? {
              statement,
              page: { outlet: drawn!.result.outlet ?? null, published: drawn!.result.published ?? null, firstSeen: drawn!.result.firstSeen ?? null },
              // Layout is read only for an open card: a paint that adds markers must not force a reflow of the page.
              position: cardPosition(this.rectsOf(statement.id), this.viewport(), host.origin(), this.win.scrollY),
              autoFocus: open!.byKeyboard,
            }
          : null,
        onOpen: this.onOpen,
        onClose: this.onClose,
      },
      host.mount,
    );
  }

  /** Every statement's marker, measured in slices (layout is only read: no reflow between them),
   *  and the band around the view they were measured for; null when a newer repaint or drawing took
   *  over. Only quotes whose paragraph lies near the view (MEASURE_SCREENS each way) are measured and
   *  highlighted: the others get no place and no highlight until the view comes near. After a
   *  scroll (`layout` false), a paragraph last measured far from the view is skipped without reading
   *  its layout (BlockPlaces); a paragraph found moved asks for a repaint that measures them all. */
  private async measureMarkers(slicing: Slicing, layout: boolean): Promise<{ markers: MarkerView[]; band: Band } | null> {
    const host = this.host;
    const drawn = this.drawn;
    if (!drawn || !host) return { markers: [], band: this.viewBand(BAND_SCREENS) };
    const view = this.viewport();
    const origin = host.origin();
    this.overlayTop = origin.y + this.win.scrollY;
    const band = this.viewBand(BAND_SCREENS);
    // Quotes of one paragraph share its box and its visibility: measure each block once per paint.
    const blocks: Blocks = new Map();
    const near = { top: -MEASURE_SCREENS * view.height, bottom: (MEASURE_SCREENS + 1) * view.height };
    if (layout) this.blockPlaces.forget();
    const scrollY = this.win.scrollY;
    const nearOnPage = { top: near.top + scrollY, bottom: near.bottom + scrollY };
    let moved = false;
    // The block a range starts in and its measure, or null when it is known far or starts in no element.
    const locate = (range: Range): BlockAt | null => {
      if (this.blockPlaces.isFar(range, nearOnPage)) return null;
      const at = blockOf(range, near, blocks, () => this.win.scrollY);
      if (at && !this.blockPlaces.record(range, at.blockElement, at.block.box, at.block.scrollY)) moved = true;
      return at;
    };
    const items = host.highlighter.items;
    const shown: HighlightItem[] = [];
    const nearItem = (item: HighlightItem) => {
      if (locate(item.range)?.block.shown) shown.push(item);
    };
    // one range measures every quote's first character: each live range costs the page at every DOM change until collected
    const scratch = this.doc.createRange();
    const places: ReturnType<PageSession['markerPlace']>[] = [];
    const done =
      (await inSlices(items.length, (i) => nearItem(items[i]), slicing)) &&
      (await inSlices(drawn.statements.length, (i) => places.push(this.markerPlace(drawn.statements[i].id, view, locate, scratch)), slicing));
    if (moved) {
      // the page moved its text without a resize the watch sees: measure everything on the next frame
      this.blockPlaces.forget();
      this.layoutChanged();
    }
    // the last slice may have used its time: showing the highlights and spreading thousands of markers get their own
    if (!done || slicing.stale?.() || !(await nextSlice(slicing))) return null;
    // shown once every measure is taken: a fallback box changes the layout
    host.highlighter.show(shown, this.boxesMoved);
    this.boxesMoved = false;
    const boxes = spreadMarkers(places.map((p) => p?.box ?? null), places.map((p) => p?.block ?? null));
    const markers = drawn.statements.map((s, i) => ({
      id: s.id,
      status: s.status,
      speaker: s.speaker,
      at: boxes[i] ? markerPoint(boxes[i]!, origin) : null,
    }));
    return { markers, band };
  }

  /** The marker's square beside the quote's first line, or null when the quote is not visibly laid out. */
  private markerPlace(id: string, view: { width: number; height: number }, locate: (range: Range) => BlockAt | null, scratch: Range): { box: Box; block: Box } | null {
    const first = this.host?.highlighter.rangesOf(id)[0];
    const at = first && locate(first);
    if (!first || !at || !at.block.shown || (at.element !== at.blockElement && !isShown(at.element))) return null;
    const line = firstCharRect(first, scratch);
    if (!line) return null;
    return { box: markerBox(line, at.block.box, view), block: at.block.box };
  }

  private rectsOf(id: string): Box[] {
    return (this.host?.highlighter.rangesOf(id) ?? []).flatMap((r) =>
      typeof r.getClientRects === 'function' ? Array.from(r.getClientRects()) : [],
    );
  }

  private viewport(): { width: number; height: number } {
    return { width: this.doc.documentElement.clientWidth || this.win.innerWidth, height: this.win.innerHeight };
  }

  private openCard(id: string, byKeyboard: boolean): void {
    this.safely('open card', () => {
      this.open = this.open?.id === id && !byKeyboard ? null : { id, byKeyboard };
      this.paint();
    });
  }

  private closeCard(): void {
    this.safely('close card', () => {
      if (!this.open) return;
      const { id, byKeyboard } = this.open;
      this.open = null;
      this.paint();
      if (byKeyboard) this.host?.focusMarker(id);
    });
  }

  private clearDrawing(): void {
    this.host?.highlighter.clear();
    this.blockPlaces.forget();
    this.drawn = null;
    this.view.clear();
    this.open = null;
    this.paint();
  }

  // ---- keeping up with the page --------------------------------------------------------------

  private startWatching(): void {
    this.watch?.stop();
    const container = this.drawn?.container ?? null;
    this.watch = watchPage(this.doc, {
      box: container,
      target: container?.parentNode ?? this.doc.body,
      isOurs: (node) => !!this.host?.owns(node),
      onChange: () => this.safely('page changed', () => this.refreshSoon()),
      onReflow: () => this.layoutChanged(),
    });
  }

  private stopWatching(): void {
    this.watch?.stop();
    this.watch = null;
    if (this.layoutFrame) {
      this.win.cancelAnimationFrame?.(this.layoutFrame);
      this.win.clearTimeout(this.layoutFrame);
      this.layoutFrame = 0;
    }
    if (this.scrollFrame) {
      this.win.cancelAnimationFrame?.(this.scrollFrame);
      this.scrollFrame = 0;
    }
  }

  private rangesAlive(): boolean {
    const host = this.host;
    if (!this.drawn || !host) return true;
    return this.drawn.statements.every((s) => host.highlighter.rangesOf(s.id).every(rangeAlive));
  }

  /** articleAlive() in slices; null when the run went stale meanwhile. */
  private async articleAliveInSlices(slicing: Slicing): Promise<boolean | null> {
    const d = this.drawn;
    const host = this.host;
    if (!d || !host) return true;
    const length = d.container?.isConnected ? await textLengthInSlices(d.container, slicing) : -1;
    if (length === null) return null;
    if (length !== d.containerTextLength) return false;
    let alive = true;
    const check = (i: number) => {
      alive &&= host.highlighter.rangesOf(d.statements[i].id).every(rangeAlive);
    };
    return (await inSlices(d.statements.length, check, slicing)) ? alive : null;
  }

  /** Whether what was drawn still stands on the page: its container is there with the same text. */
  private articleAlive(): boolean {
    const d = this.drawn;
    if (!d) return true;
    const length = d.container?.isConnected ? textLength(d.container) : -1;
    return length === d.containerTextLength && this.rangesAlive();
  }

  /** The page changed: redraw at the same text offsets (it re-rendered its nodes), re-anchor (text
   *  moved), analyse again (much new text), or give up the drawing (the article is gone). */
  private async refresh(): Promise<void> {
    const current = this.drawn;
    // Only a settled drawing follows the page; a run under way reads the page afresh anyway.
    if (!current || !this.host || this.stateNow !== 'done') return;
    if (this.articleAlive()) {
      this.layoutChanged();
      return;
    }
    if (this.rereads >= MAX_REREADS) {
      this.watch?.stop();
      return;
    }
    this.rereads += 1;
    const generation = this.generation;
    // in one go: the page changed under a settled drawing, and a reread is rare (MAX_REREADS)
    const read = await readArticleInSteps(this.doc, this.doc.URL, async () => {}, this.env.readerParts);
    // a run or a navigation since then reads the page afresh
    if (generation === this.generation && this.drawn === current && this.stateNow === 'done') this.reread(current, read);
  }

  /** refresh() from an event: a failure is reported, never thrown into the page. */
  private refreshSoon(): void {
    this.refresh().catch((err: unknown) => this.env.report('page changed', err));
  }

  /** The page read again after it changed: analyse again, anchor the quotes anew, or give up the drawing. */
  private reread(current: Drawn, read: ReadResult | null): void {
    if (!read) {
      this.stopWatching();
      this.clearDrawing();
      this.moveTo('skipped');
      return;
    }
    if (read.payload.text.length > current.read.payload.text.length * (1 + LATE_TEXT_GROWTH) && this.reanalyses < MAX_REANALYSES) {
      this.reanalyses += 1;
      void this.run(true);
      return;
    }
    this.reanchor(current, read);
  }

  /** Same text: same offsets on the new nodes. Changed text: each quote found again by its words and
   *  context, keeping the new selector so that later changes anchor from here. */
  private reanchor(current: Drawn, read: ReadResult): void {
    const oldText = current.read.payload.text;
    const newText = read.payload.text;
    const spans: Span[] = [];
    const moved: Drawn['selectors'] = new Map();
    for (const [id, e] of current.selectors) {
      const a = newText === oldText ? { start: e.selector.start, end: e.selector.start + e.selector.exact.length } : anchorQuote(newText, e.selector);
      if (!a) continue;
      spans.push({ key: e.key, status: e.status, start: a.start, end: a.end });
      const selector = quoteSelector(newText, a.start, a.end);
      if (selector) moved.set(id, { ...e, selector });
    }
    const container = articleContainer(this.doc, read);
    this.drawn = { ...current, read, container, containerTextLength: textLength(container), selectors: moved };
    this.blockPlaces.forget();
    if (!this.watch?.active || container !== current.container) this.startWatching();
    this.host!.highlighter.draw(this.itemsFor(read, spans));
    this.moveTo('done');
    void this.paintAfterLayout();
  }

  private safely(where: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.env.report(where, err);
    }
  }
}

function hostnameOf(doc: Document): string {
  try {
    return new URL(doc.URL).hostname;
  } catch {
    return '';
  }
}

/** The characters of text under a node: its textContent's length, summed over its text nodes so that
 *  a page of megabytes is not copied into one string to count it. */
function textLength(node: Node | null): number {
  if (!node) return 0;
  if (node.nodeType === 3) return (node as Text).length;
  const doc = node.ownerDocument;
  if (!doc) return 0;
  let n = 0;
  const walker = doc.createTreeWalker(node, SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) n += (t as Text).length;
  return n;
}

/** Ends the slice under way; false when the work went stale meanwhile. */
async function nextSlice(slicing: Slicing): Promise<boolean> {
  if (!slicing.pause) return true;
  await slicing.pause();
  return !slicing.stale?.();
}

/** textLength() in slices; null when the work went stale at a pause. */
async function textLengthInSlices(node: Node | null, slicing: Slicing): Promise<number | null> {
  if (!node || node.nodeType === 3 || !node.ownerDocument) return textLength(node);
  let n = 0;
  const walker = node.ownerDocument.createTreeWalker(node, SHOW_TEXT);
  let sliceStart = sliceStartOf(slicing);
  let sinceCheck = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    n += (t as Text).length;
    if (++sinceCheck < NODES_PER_CLOCK_CHECK || !slicing.pause) continue;
    sinceCheck = 0;
    if (slicing.now() - sliceStart < SLICE_MS) continue;
    await slicing.pause();
    if (slicing.stale?.()) return null;
    sliceStart = sliceStartOf(slicing);
  }
  return n;
}

/** Text nodes counted between two looks at the clock. */
const NODES_PER_CLOCK_CHECK = 256;

/** NodeFilter.SHOW_TEXT, spelled out so this module never reads the global NodeFilter. */
const SHOW_TEXT = 0x4;

/** Whether a drawn range still covers text on the page. */
const rangeAlive = (r: Range): boolean => r.startContainer.isConnected && r.endContainer.isConnected && !r.collapsed;

/** The element holding the article's text: the common ancestor of its first and last text nodes. */
function articleContainer(doc: Document, read: ReadResult): Node | null {
  const segments = read.map.segments;
  const first = segments[0]?.node;
  const last = segments[segments.length - 1]?.node;
  if (!first || !last || !first.isConnected || !last.isConnected) return null;
  const whole = doc.createRange();
  whole.setStart(first, 0);
  whole.setEnd(last, last.length);
  const node = whole.commonAncestorContainer;
  return node.nodeType === 1 ? node : node.parentNode;
}

/** Elements that hold a text column's lines: a marker sits beside the one a quote starts in. */
const BLOCK_SELECTOR = 'p, li, blockquote, dd, dt, td, th, figcaption, h1, h2, h3, h4, h5, h6, pre, div, section, article, main, body';

/** A block's box when measured, and whether it is shown and lies near the view. */
type Blocks = Map<Element, BlockAt['block']>;

/** The element a range starts in, the block holding it, and that block's measure. */
interface BlockAt {
  element: Element;
  blockElement: Element;
  /** The block's box, whether it is shown near the view, and the page's scroll when it was measured. */
  block: { box: Box; shown: boolean; scrollY: number };
}

/** The range's BlockAt, its block measured once per paint into `blocks`; null when the range starts in no element. */
function blockOf(range: Range, near: Band, blocks: Blocks, scrollY: () => number): BlockAt | null {
  const start = range.startContainer;
  const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
  if (!element) return null;
  const blockElement = element.closest(BLOCK_SELECTOR) ?? element;
  let block = blocks.get(blockElement);
  if (!block) {
    const box = blockElement.getBoundingClientRect();
    // a paragraph far from the view costs its box only: its quotes are measured when the view nears
    block = { box, shown: box.bottom >= near.top && box.top <= near.bottom && isShown(blockElement), scrollY: scrollY() };
    blocks.set(blockElement, block);
  }
  return { element, blockElement, block };
}

/** Whether the page shows an element: not hidden by display, visibility or opacity on it or an ancestor. */
function isShown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(element, { checkOpacity: true, checkVisibilityCSS: true });
  return true;
}

/**
 * The box of a range's first character: the quote's first line. Same top-left as the range's first
 * line box, but the browser measures one character instead of every line of the quote. `one` is
 * the range to measure it with.
 */
function firstCharRect(range: Range, one: Range): DOMRect | undefined {
  const node = range.startContainer;
  const at = range.startOffset;
  if (node.nodeType === 3 && at < (node as Text).length) {
    one.setStart(node, at);
    one.setEnd(node, at + 1);
    const rect = typeof one.getClientRects === 'function' ? one.getClientRects()[0] : undefined;
    if (rect) return rect;
  }
  return typeof range.getClientRects === 'function' ? range.getClientRects()[0] : undefined;
}

function mark(win: Window, name: string): void {
  try {
    win.performance.mark(name);
  } catch {
    // marks are best effort
  }
}

function measure(win: Window, name: string, startMark: string): void {
  try {
    win.performance.measure(name, startMark);
    // a measure finds its start mark by name, through every mark kept: keep none once measured
    win.performance.clearMarks(startMark);
  } catch {
    // marks are best effort
  }
}
