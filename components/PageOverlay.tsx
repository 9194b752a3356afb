import { Component } from 'preact';
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

/** Markers per rendered group. A group whose markers are the same objects as at the last render is
 *  not diffed again, so drawing thousands of markers a group at a time costs each marker once; a
 *  group is small enough to create within one slice of work (lib/page/slices.ts). */
export const MARKER_GROUP_SIZE = 200;

interface GroupProps {
  markers: readonly MarkerView[];
  /** The open statement's id when it is in this group (its marker says so), else null. */
  openId: string | null;
  onOpen: (id: string, byKeyboard: boolean) => void;
}

function MarkerGroupView({ markers, openId, onOpen }: GroupProps) {
  return (
    <>
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
            aria-expanded={openId === m.id ? 'true' : 'false'}
            style={{ top: `${m.at.top}px`, left: `${m.at.left}px` }}
            onClick={(e) => onOpen(m.id, e.detail === 0)}
          >
            <span aria-hidden="true">{STATUS_GLYPH[m.status]}</span>
          </button>
        ) : null,
      )}
    </>
  );
}

const sameGroup = (a: GroupProps, b: GroupProps) =>
  a.openId === b.openId && a.onOpen === b.onOpen && a.markers.length === b.markers.length && a.markers.every((m, i) => m === b.markers[i]);

/** A group of markers, rendered again only when its markers or its open one changed. */
class MarkerGroup extends Component<GroupProps> {
  override shouldComponentUpdate(next: GroupProps): boolean {
    return !sameGroup(this.props, next);
  }

  override render() {
    return <MarkerGroupView {...this.props} />;
  }
}

/** Everything the extension draws on a page, inside its shadow root: one marker per statement and the card. */
export function PageOverlay({ markers, open, onOpen, onClose }: OverlayProps) {
  const openId = open?.statement.id ?? null;
  const groups: GroupProps[] = [];
  for (let i = 0; i < markers.length; i += MARKER_GROUP_SIZE) {
    const slice = markers.slice(i, i + MARKER_GROUP_SIZE);
    groups.push({ markers: slice, openId: openId !== null && slice.some((m) => m.id === openId) ? openId : null, onOpen });
  }
  return (
    <div class="vb-overlay">
      {groups.map((g, i) => (
        <MarkerGroup key={i} {...g} />
      ))}
      {open ? (
        <QuoteCard statement={open.statement} page={open.page} position={open.position} autoFocus={open.autoFocus} onClose={onClose} />
      ) : null}
    </div>
  );
}
