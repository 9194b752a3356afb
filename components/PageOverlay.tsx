import type { QuoteStatus } from '../lib/types';
import type { StatementView } from '../lib/status';
import { markerLabel } from '../lib/status';
import { QuoteCard, type QuoteCardProps } from './QuoteCard';
import { STATUS_GLYPH } from './StatusBadge';

export interface MarkerView {
  id: string;
  status: QuoteStatus;
  speaker: string | null;
  /** Overlay coordinates of the quote's first character; null when the quote is not on screen layout. */
  at: { top: number; left: number } | null;
}

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

/** Everything the extension draws on a page, inside its shadow root: one marker per statement and the card. */
export function PageOverlay({ markers, open, onOpen, onClose }: OverlayProps) {
  return (
    <div class="vb-overlay">
      {markers.map((m) =>
        m.at ? (
          <button
            type="button"
            key={m.id}
            class={`vb-marker vb-status-${m.status}`}
            data-quote-id={m.id}
            data-status={m.status}
            aria-label={markerLabel(m.speaker, m.status)}
            title={markerLabel(m.speaker, m.status)}
            aria-expanded={open?.statement.id === m.id ? 'true' : 'false'}
            style={{ top: `${m.at.top}px`, left: `${m.at.left}px` }}
            onClick={(e) => onOpen(m.id, e.detail === 0)}
          >
            <span aria-hidden="true">{STATUS_GLYPH[m.status]}</span>
          </button>
        ) : null,
      )}
      {open ? (
        <QuoteCard statement={open.statement} page={open.page} position={open.position} autoFocus={open.autoFocus} onClose={onClose} />
      ) : null}
    </div>
  );
}
