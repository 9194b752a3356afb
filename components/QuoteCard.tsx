import { useEffect, useRef } from 'preact/hooks';
import type { Variant } from '../lib/types';
import type { StatementView } from '../lib/status';
import { StatusBadge } from './StatusBadge';
import { VariantList } from './VariantList';

export interface QuoteCardProps {
  statement: StatementView;
  /** Where the card sits, in the overlay's coordinates; `above` puts its bottom edge at `top`. */
  position?: { top: number; left: number; above: boolean; maxHeight?: number };
  /** Move focus into the card when it opens (keyboard use). */
  autoFocus?: boolean;
  onClose: () => void;
}

/** Variants of every part of a statement, each version once. */
export function variantsOf(statement: StatementView): Variant[] {
  const seen = new Set<number>();
  const out: Variant[] = [];
  for (const part of statement.parts) {
    for (const v of part.variants) {
      if (seen.has(v.quoteId)) continue;
      seen.add(v.quoteId);
      out.push(v);
    }
  }
  return out;
}

/** The variants card: who said it, this page's words, and every other version with its diff. */
export function QuoteCard({ statement, position, autoFocus, onClose }: QuoteCardProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus, statement.id]);
  const variants = variantsOf(statement);
  const titleId = `vb-card-title-${statement.id}`;
  const style = position
    ? {
        top: `${position.top}px`,
        left: `${position.left}px`,
        transform: position.above ? 'translateY(-100%)' : undefined,
        maxHeight: position.maxHeight ? `min(${Math.round(position.maxHeight)}px, 70vh)` : undefined,
      }
    : undefined;
  return (
    <div
      ref={ref}
      class={`vb-card vb-status-${statement.status}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-quote-id={statement.id}
      style={style}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="vb-card-head">
        <h2 class="vb-card-title" id={titleId}>
          <span class="vb-speaker">{statement.speaker || 'Unknown speaker'}</span>
        </h2>
        <StatusBadge status={statement.status} long />
        <button type="button" class="vb-close" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <blockquote class="vb-this">{statement.text}</blockquote>
      <h3 class="vb-card-sub">
        {variants.length === 0 ? 'Other versions' : `${variants.length} other version${variants.length === 1 ? '' : 's'}`}
        {variants.length > 0 ? <span class="vb-legend"> · <del>only there</del> <ins>only here</ins></span> : null}
      </h3>
      <VariantList variants={variants} />
    </div>
  );
}
