import type { DiffPart } from '../lib/types';

/**
 * A word diff as text: <del> for words only in the other version, <ins> for words only in this one.
 * Values are rendered as text nodes, never as markup.
 */
export function WordDiff({ parts, label }: { parts: readonly DiffPart[]; label?: string }) {
  return (
    <span class="vb-diff" aria-label={label}>
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i}>{p.value}</ins>
        ) : p.removed ? (
          <del key={i}>{p.value}</del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
}

/** True when the diff has any change worth showing. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => (p.added || p.removed) && p.value.trim() !== '');
}
