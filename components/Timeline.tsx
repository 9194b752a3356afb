import type { Relation } from '../lib/types';
import { relationLabel } from '../lib/status';
import { formatDate } from './format';

/** One version of a statement on the time axis. */
export interface TimelinePoint {
  /** Stable id, handed back by onSelect. */
  key: string;
  outlet: string;
  /** ms since epoch: publication date when the page gave one, else when Verbatim first saw it. */
  when: number | null;
  dated: 'published' | 'first seen';
  /** Relation to the reference version; null for the reference itself or a version linked only
   *  through another. */
  relation: Relation | null;
  /** The version the others are compared with (the earliest in the log, this page on the card). */
  reference: boolean;
  earliest: boolean;
}

/** A shape per relation, so the timeline reads without colour. */
const RELATION_GLYPH: Record<Relation, string> = { verbatim: '=', excerpt: '=', minor: '~', reworded: '~', altered: '!' };

/** "+40 min", "+5 h", "+3 d": how long after the version before. */
export function elapsed(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'same time';
  if (minutes < 60) return `+${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `+${hours} h`;
  return `+${Math.round(hours / 24)} d`;
}

/** Points oldest first; undated points last, in their given order. */
export function sortPoints(points: readonly TimelinePoint[]): TimelinePoint[] {
  return points
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.when ?? Infinity) - (b.p.when ?? Infinity) || a.i - b.i)
    .map(({ p }) => p);
}

function pointLabel(p: TimelinePoint): string {
  const date = p.when !== null ? `${formatDate(p.when)} (${p.dated})` : 'date unknown';
  const how = p.reference ? 'the others are compared with it' : p.relation ? relationLabel(p.relation) : 'linked through another version';
  return [p.outlet, date, p.earliest ? 'earliest' : null, how].filter(Boolean).join(', ');
}

export interface TimelineProps {
  points: readonly TimelinePoint[];
  /** Accessible name of the whole picture. */
  label: string;
  onSelect?: (key: string) => void;
}

/**
 * A statement's history as a picture: each outlet's version a point in time order, its shape and
 * colour its relation to the reference, the time since the version before between points, and a
 * line saying who printed it first and how many changed it. Text only; arrow keys move between points.
 */
export function Timeline({ points, label, onSelect }: TimelineProps) {
  if (points.length < 2) return null;
  const sorted = sortPoints(points);
  const first = sorted[0];
  const changed = sorted.filter((p) => p.relation === 'minor' || p.relation === 'reworded' || p.relation === 'altered').length;
  const altered = sorted.filter((p) => p.relation === 'altered').length;
  const caption = [
    `First: ${first.outlet}${first.when !== null ? `, ${formatDate(first.when)}` : ''}`,
    changed === 0 ? 'no version changed the words' : `${changed} of ${sorted.length - 1} other versions changed the words`,
    altered > 0 ? `${altered} altered the meaning` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const move = (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const step = keys[e.key];
    if (!step) return;
    const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('.vb-tl-point button')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    const next = buttons[at + step];
    if (at >= 0 && next) {
      e.preventDefault();
      next.focus();
    }
  };
  return (
    <figure class="vb-timeline" aria-label={label}>
      <ol class="vb-tl-points" onKeyDown={move}>
        {sorted.map((p, i) => {
          const prev = sorted[i - 1];
          const gap = prev && prev.when !== null && p.when !== null ? elapsed(p.when - prev.when) : null;
          const cls = p.reference ? 'vb-tl-reference' : p.relation ? `vb-relation-${p.relation}` : 'vb-tl-linked';
          const text = pointLabel(p);
          return (
            <li key={p.key} class={`vb-tl-point ${cls}`} data-key={p.key} data-relation={p.relation ?? (p.reference ? 'reference' : 'linked')}>
              {gap ? (
                <span class="vb-tl-gap" aria-hidden="true">
                  {gap}
                </span>
              ) : null}
              <button type="button" class="vb-tl-button" aria-label={text} title={text} onClick={() => onSelect?.(p.key)}>
                <span class="vb-tl-dot" aria-hidden="true">
                  {p.reference ? '★' : p.relation ? RELATION_GLYPH[p.relation] : '·'}
                </span>
                <span class="vb-tl-outlet">{p.outlet}</span>
                <span class="vb-tl-date">{p.when !== null ? formatDate(p.when) : '?'}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <figcaption class="vb-tl-caption">{caption}</figcaption>
    </figure>
  );
}
