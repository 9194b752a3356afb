import type { GroupVersion, QuoteGroup } from '../lib/types';
import { relationLabel } from '../lib/status';
import { WordDiff, hasChanges } from './WordDiff';
import { formatDate, hostOf, isoDate, safeHref } from './format';

export interface GroupDetailProps {
  group: QuoteGroup;
  onClose: () => void;
  onDeleteArticle: (version: GroupVersion) => void;
}

/** Every version of one statement, side by side, each diffed against the earliest. */
export function GroupDetail({ group, onClose, onDeleteArticle }: GroupDetailProps) {
  const earliest = group.earliest;
  return (
    <section
      class="vb-detail"
      aria-labelledby="vb-detail-title"
      data-group-id={group.groupId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div class="vb-detail-head">
        <h2 id="vb-detail-title">
          {earliest.speaker || 'Unknown speaker'} · {group.versions.length} version{group.versions.length === 1 ? '' : 's'}
        </h2>
        <button type="button" class="vb-detail-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p class="vb-detail-hint">
        Each version is compared with the earliest: <del>only in the earliest</del> <ins>only in this version</ins>
      </p>
      <div class="vb-versions">
        {group.versions.map((v) => {
          const href = safeHref(v.url);
          const isEarliest = v.quoteId === earliest.quoteId;
          const date = v.published ?? v.firstSeen;
          return (
            <article class="vb-version vb-variant" key={v.quoteId} data-article-id={v.articleId}>
              <div class="vb-variant-head">
                <span class="vb-outlet">{v.outlet || hostOf(v.url)}</span>
                <time class="vb-date" dateTime={isoDate(date)}>{formatDate(date) || 'date unknown'}</time>
                {isEarliest ? <span class="vb-earliest">earliest</span> : null}
                {v.relation ? <span class={`vb-relation vb-relation-${v.relation}`}>{relationLabel(v.relation)}</span> : null}
                {v.speakerConflict ? <span class="vb-conflict">speaker differs</span> : null}
              </div>
              <p class="vb-version-speaker">{v.speaker || 'Unknown speaker'}</p>
              <p class="vb-variant-text">
                {!isEarliest && hasChanges(v.diff) ? <WordDiff parts={v.diff} label="Differences from the earliest version" /> : <span class="vb-diff">{v.text}</span>}
              </p>
              {href ? (
                <a class="vb-link" href={href} target="_blank" rel="noopener noreferrer">
                  {v.title || hostOf(v.url)}
                </a>
              ) : (
                <span class="vb-link">{v.title || v.url}</span>
              )}
              <div>
                <button type="button" class="vb-delete-article" onClick={() => onDeleteArticle(v)}>
                  Delete this article
                </button>
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}
