// The markers beside the quotes: one plain button per statement drawn in the view's band,
// in the overlay's shadow root. Plain DOM rather than Preact because markers are drawn on every
// page and change at every move of the band, while the card (the one Preact view on the page)
// opens only when the reader asks: a page whose card never opens never runs Preact.
// Buttons keep the statements' text order, so Tab goes through them as the reader reads.
import { markerLabel, STATUS_GLYPH, type MarkerView } from '../lib/status';

export interface MarkerLayer {
  /** Shows a button for each marker with a place, in the given order, and no other. `openId`:
   *  the statement whose card is open (its button says it is expanded). */
  draw(markers: readonly MarkerView[], openId: string | null): void;
}

interface Drawn {
  button: HTMLButtonElement;
  /** The marker the button shows: a marker object seen again costs nothing. */
  marker: MarkerView;
}

/**
 * A layer of markers in `parent`. `onOpen(id, byKeyboard)` runs when a marker is activated;
 * a keyboard activation (Enter or Space) is a click with no pointer detail.
 */
export function createMarkerLayer(parent: HTMLElement, onOpen: (id: string, byKeyboard: boolean) => void): MarkerLayer {
  const doc = parent.ownerDocument;
  const layer = doc.createElement('div');
  layer.className = 'vb-markers';
  parent.appendChild(layer);
  layer.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest?.<HTMLElement>('button.vb-marker');
    const id = button?.dataset.quoteId;
    if (button && id !== undefined && layer.contains(button)) onOpen(id, e.detail === 0);
  });
  const drawn = new Map<string, Drawn>();
  let lastMarkers: readonly MarkerView[] | null = null;
  let expanded: string | null = null;

  const create = (m: MarkerView): Drawn => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'vb-marker';
    const glyph = doc.createElement('span');
    glyph.setAttribute('aria-hidden', 'true');
    button.appendChild(glyph);
    button.setAttribute('aria-expanded', m.id === expanded ? 'true' : 'false');
    const entry = { button, marker: m };
    show(entry, m, null);
    return entry;
  };
  // Only what changed is written: the page pays layout for every style or attribute set.
  const show = (entry: Drawn, m: MarkerView, was: MarkerView | null) => {
    const b = entry.button;
    entry.marker = m;
    if (m.id !== was?.id) b.dataset.quoteId = m.id;
    if (m.status !== was?.status) {
      b.className = `vb-marker vb-status-${m.status}`;
      b.dataset.status = m.status;
      b.firstChild!.textContent = STATUS_GLYPH[m.status];
    }
    if (m.status !== was?.status || m.speaker !== was?.speaker) {
      const label = markerLabel(m.speaker, m.status);
      b.setAttribute('aria-label', label);
      b.title = label;
    }
    if (m.at!.top !== was?.at?.top) b.style.top = `${m.at!.top}px`;
    if (m.at!.left !== was?.at?.left) b.style.left = `${m.at!.left}px`;
  };

  const place = (markers: readonly MarkerView[]) => {
    const wanted = new Set<string>();
    for (const m of markers) if (m.at) wanted.add(m.id);
    for (const [id, entry] of drawn) {
      if (wanted.has(id)) continue;
      entry.button.remove();
      drawn.delete(id);
    }
    // in order: a button already in place is passed over, a new or misplaced one goes before the cursor
    let cursor = layer.firstChild;
    for (const m of markers) {
      if (!m.at) continue;
      let entry = drawn.get(m.id);
      if (!entry) {
        entry = create(m);
        drawn.set(m.id, entry);
      } else if (entry.marker !== m) show(entry, m, entry.marker);
      if (entry.button === cursor) cursor = cursor.nextSibling;
      else layer.insertBefore(entry.button, cursor);
    }
  };

  return {
    draw(markers, openId) {
      if (markers !== lastMarkers) place(markers);
      lastMarkers = markers;
      const was = expanded;
      expanded = openId;
      if (was !== null && was !== openId) drawn.get(was)?.button.setAttribute('aria-expanded', 'false');
      const open = openId === null ? undefined : drawn.get(openId)?.button;
      if (open && open.getAttribute('aria-expanded') !== 'true') open.setAttribute('aria-expanded', 'true');
    },
  };
}
