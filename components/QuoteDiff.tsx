import { Fragment } from 'preact';
import type { DiffSegment, DiffView } from '../lib/types';

export interface QuoteDiffProps {
  view: DiffView;
  /** What the marks are measured against, for the side-by-side heading ("This page", "Earliest"). */
  referenceName: string;
  /** The version shown ("AP News"). */
  versionName: string;
  /** Accessible name of the whole diff. */
  label: string;
}

/** One segment as text: <del> for the reference's words this version lacks, <ins> for its own,
 *  muted context beyond the other version's window, and "…" for folded words. Never markup. */
function Segment({ seg }: { seg: DiffSegment }) {
  switch (seg.mark) {
    case 'removed':
      return <del>{seg.text}</del>;
    case 'added':
      return <ins>{seg.text}</ins>;
    case 'context':
      return <span class="vb-qd-context">{seg.text}</span>;
    case 'fold': {
      const hidden = `${seg.hidden ?? 0} word${seg.hidden === 1 ? '' : 's'} not shown`;
      return (
        <span class="vb-qd-fold" title={hidden} aria-label={hidden} role="img">
          …
        </span>
      );
    }
    default:
      return <span class="vb-qd-same">{seg.text}</span>;
  }
}

function Segments({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <>
      {segments.map((seg, i) => (
        <Fragment key={i}>
          {i > 0 ? ' ' : null}
          <Segment seg={seg} />
        </Fragment>
      ))}
    </>
  );
}

/**
 * One version of a quote against a reference, as matching/diff-view.ts laid it out: a summary
 * line, then either the version's words in their window (inline) or both versions line by line
 * (columns). The card, the popup and the quote log all show versions through this.
 */
export function QuoteDiff({ view, referenceName, versionName, label }: QuoteDiffProps) {
  return (
    <div class={`vb-qd vb-qd-${view.layout}`} role="group" aria-label={label}>
      {view.summary ? <p class="vb-qd-summary">{view.summary}</p> : null}
      {view.layout === 'columns' ? (
        <table class="vb-qd-columns vb-diff">
          <thead>
            <tr>
              <th scope="col">{referenceName}</th>
              <th scope="col">{versionName}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, i) => (
              <tr key={i}>
                <td>
                  <Segments segments={row.reference} />
                </td>
                <td>
                  <Segments segments={row.version} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="vb-qd-text vb-diff">
          <Segments segments={view.segments} />
        </p>
      )}
    </div>
  );
}
