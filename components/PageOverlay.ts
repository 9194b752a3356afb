import type { MarkerView, StatementView } from '../lib/status';
import type { RenderCard } from './card-part';
import { createMarkerLayer, type MarkerLayer } from './marker-layer';

export type { MarkerView };

export interface OverlayProps {
  markers: readonly MarkerView[];
  open: {
    statement: StatementView;
    /** This page's outlet and dates, for its point on the card's timeline. */
    page?: { outlet: string | null; published?: string | null; firstSeen?: number | null };
    position: { top: number; left: number; above: boolean; maxHeight?: number };
    autoFocus: boolean;
  } | null;
  onOpen: (id: string, byKeyboard: boolean) => void;
  onClose: () => void;
}

/** What the overlay loads when it first needs it, and where it tells of a failure. */
export interface OverlayParts {
  /** The card's renderer (a part of the content script of its own: card-part.tsx). */
  card: () => Promise<RenderCard>;
  report: (where: string, err: unknown) => void;
}

interface Drawing {
  markers: MarkerLayer;
  card: HTMLElement;
  cardShown: boolean;
  /** The latest props: what the card shows once its renderer arrives. */
  props: OverlayProps;
  renderCard: RenderCard | null;
  loadingCard: boolean;
}

/**
 * A renderer of everything the extension shows on a page, into `mount` (inside its shadow root):
 * one marker per statement in the band (plain buttons, marker-layer.ts) and, once the reader opens
 * one, the card, whose renderer is loaded then. Markers come before the card, so Tab reaches the
 * card last.
 */
export function createOverlayRenderer(parts: OverlayParts): (props: OverlayProps, mount: HTMLElement) => void {
  const drawings = new WeakMap<HTMLElement, Drawing>();
  const drawCard = (d: Drawing) => {
    const open = d.props.open;
    if (!open && !d.cardShown) return;
    if (d.renderCard) {
      d.renderCard(open ? { ...open, onClose: d.props.onClose } : null, d.card);
      d.cardShown = !!open;
      return;
    }
    if (d.loadingCard) return;
    d.loadingCard = true;
    parts.card().then(
      (render) => {
        d.loadingCard = false;
        d.renderCard = render;
        try {
          drawCard(d);
        } catch (err) {
          parts.report('card', err);
        }
      },
      (err: unknown) => {
        d.loadingCard = false;
        parts.report('card', err);
      },
    );
  };
  return (props, mount) => {
    let d = drawings.get(mount);
    if (!d) {
      const card = mount.ownerDocument.createElement('div');
      const drawing: Drawing = {
        markers: createMarkerLayer(mount, (id, byKeyboard) => drawing.props.onOpen(id, byKeyboard)),
        card,
        cardShown: false,
        props,
        renderCard: null,
        loadingCard: false,
      };
      mount.appendChild(card);
      drawings.set(mount, drawing);
      d = drawing;
    }
    d.props = props;
    d.markers.draw(props.markers, props.open?.statement.id ?? null);
    drawCard(d);
  };
}
