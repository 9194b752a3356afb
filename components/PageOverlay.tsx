import { render } from 'preact';
import type { MarkerView, StatementView } from '../lib/status';
import { createMarkerLayer, type MarkerLayer } from './marker-layer';
import { QuoteCard, type QuoteCardProps } from './QuoteCard';

export type { MarkerView };

export interface OverlayProps {
  markers: readonly MarkerView[];
  open: {
    statement: StatementView;
    /** This page's outlet and dates, for its point on the card's timeline. */
    page?: QuoteCardProps['page'];
    position: { top: number; left: number; above: boolean; maxHeight?: number };
    autoFocus: boolean;
  } | null;
  onOpen: (id: string, byKeyboard: boolean) => void;
  onClose: () => void;
}

interface Drawing {
  markers: MarkerLayer;
  card: HTMLElement;
  cardShown: boolean;
  onOpen: OverlayProps['onOpen'];
}

const drawings = new WeakMap<HTMLElement, Drawing>();

/**
 * Draws everything the extension shows on a page into `mount` (inside its shadow root): one marker
 * per statement in the band (plain buttons, marker-layer.ts) and, once the reader opens
 * one, the card, rendered by Preact. Markers come before the card, so Tab reaches the card last.
 */
export function renderOverlay(props: OverlayProps, mount: HTMLElement): void {
  let d = drawings.get(mount);
  if (!d) {
    const doc = mount.ownerDocument;
    const card = doc.createElement('div');
    const drawing: Drawing = {
      markers: createMarkerLayer(mount, (id, byKeyboard) => drawing.onOpen(id, byKeyboard)),
      card,
      cardShown: false,
      onOpen: props.onOpen,
    };
    mount.appendChild(card);
    drawings.set(mount, drawing);
    d = drawing;
  }
  d.onOpen = props.onOpen;
  d.markers.draw(props.markers, props.open?.statement.id ?? null);
  const open = props.open;
  if (!open && !d.cardShown) return;
  render(
    open ? (
      <QuoteCard statement={open.statement} page={open.page} position={open.position} autoFocus={open.autoFocus} onClose={props.onClose} />
    ) : null,
    d.card,
  );
  d.cardShown = !!open;
}
