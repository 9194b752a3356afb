// [dom] The one element Verbatim adds to a page: <verbatim-root>, holding the markers, the card and
// the fallback boxes in a closed shadow root. Closed, because what is drawn there (a quote's
// status, the other outlets' versions in the card) comes from the reader's history: the page's
// scripts must not read it. The host's attributes carry only what the page could work out itself.
import { createHighlighter, type Highlighter, type HighlightMode } from './highlight';
import type { PageRunState } from '../messages';
import type { Point } from './layout';

export interface OverlayHost {
  readonly mode: HighlightMode;
  readonly highlighter: Highlighter;
  /** Where Preact renders the overlay. */
  readonly mount: HTMLElement;
  /** Whether the host is still in the page (a page may remove it). */
  readonly alive: boolean;
  /** The viewport position of the overlay's (0,0). */
  origin(): Point;
  /** Whether an event's path or a changed node belongs to the overlay. */
  owns(node: Node | EventTarget): boolean;
  /** The run state the page may see: a state word and a quote count. */
  showState(state: PageRunState): void;
  /** Moves the keyboard focus back to a quote's marker (after its card closes). */
  focusMarker(id: string): void;
  remove(): void;
}

export interface OverlayOptions {
  /** The overlay's CSS (base theme and overlay rules), scoped to the shadow root. */
  css: string;
  /** Draw outline boxes even where the Highlight API exists. */
  forceFallback?: boolean;
  /** 'closed' in the product; test builds open it so that a test can look inside. */
  shadowMode?: ShadowRootMode;
}

/** Adds the host to `doc` and returns it. */
export function createOverlayHost(doc: Document, options: OverlayOptions): OverlayHost {
  const element = doc.createElement('verbatim-root');
  const shadow = element.attachShadow({ mode: options.shadowMode ?? 'closed' });
  const style = doc.createElement('style');
  style.textContent = options.css;
  const layer = doc.createElement('div');
  layer.className = 'vb-theme vb-overlay';
  const mount = doc.createElement('div');
  layer.appendChild(mount);
  shadow.append(style, layer);
  doc.documentElement.appendChild(element);
  const origin = (): Point => {
    const r = element.getBoundingClientRect();
    return { x: r.left, y: r.top };
  };
  const highlighter = createHighlighter(doc, layer, { forceFallback: options.forceFallback, origin });
  element.setAttribute('data-highlight-mode', highlighter.mode);
  return {
    mode: highlighter.mode,
    highlighter,
    mount,
    get alive() {
      return element.isConnected;
    },
    origin,
    owns: (node) => node === element || node === shadow || ((node as Node).nodeType !== undefined && shadow.contains(node as Node)),
    showState(state) {
      element.setAttribute('data-state', state.state);
      element.setAttribute('data-quote-count', String(state.quoteCount));
    },
    focusMarker(id) {
      shadow.querySelector<HTMLElement>(`.vb-marker[data-quote-id="${cssEscape(doc, id)}"]`)?.focus();
    },
    remove() {
      highlighter.clear();
      element.remove();
    },
  };
}

function cssEscape(doc: Document, value: string): string {
  const css = (doc.defaultView as unknown as { CSS?: { escape?: (s: string) => string } } | null)?.CSS;
  return css?.escape ? css.escape(value) : value.replace(/["\\]/g, '\\$&');
}
