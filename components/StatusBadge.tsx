import type { QuoteStatus } from '../lib/types';
import { STATUS_GLYPH, statusLabel, statusShortLabel } from '../lib/status';

/** A status as a coloured pill that always carries its text label (colour is never the only signal). */
export function StatusBadge({ status, long = false }: { status: QuoteStatus; long?: boolean }) {
  return (
    <span class={`vb-badge vb-status-${status}`} data-status={status} title={statusLabel(status)}>
      <span class="vb-badge-glyph" aria-hidden="true">{STATUS_GLYPH[status]}</span>
      {long ? statusLabel(status) : statusShortLabel(status)}
    </span>
  );
}
