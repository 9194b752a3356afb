import type { QuoteStatus } from '../lib/types';
import { statusLabel, statusShortLabel } from '../lib/status';

/** A status as a coloured pill that always carries its text label (colour is never the only signal). */
export function StatusBadge({ status, long = false }: { status: QuoteStatus; long?: boolean }) {
  return (
    <span class={`vb-badge vb-status-${status}`} data-status={status} title={statusLabel(status)}>
      <span class="vb-badge-glyph" aria-hidden="true">{STATUS_GLYPH[status]}</span>
      {long ? statusLabel(status) : statusShortLabel(status)}
    </span>
  );
}

/** A shape per status for the markers and badges, so the status reads without colour. */
export const STATUS_GLYPH: Record<QuoteStatus, string> = {
  new: '•',
  same: '=',
  reworded: '~',
  altered: '!',
  conflict: '?',
  term: '·',
};
