import { useRef } from 'preact/hooks';
import type { GroupVersion, QuoteGroup } from '../lib/types';
import { relationLabel } from '../lib/status';
import { QuoteDiff } from './QuoteDiff';
import { Timeline, type TimelinePoint } from './Timeline';
import { SharedBy, VersionLink } from './VariantList';
import { formatDate, hostOf, isoDate } from './format';

export interface GroupDetailProps {
  group: QuoteGroup;
  onClose: () => void;
  onDeleteArticle: (version: GroupVersion) => void;
}

/** The timeline's points: each version, coloured by its relation to the earliest. */
export function groupTimeline(group: QuoteGroup): TimelinePoint[] {
  return group.versions.map((v) => {
    const published = v.published ? Date.parse(v.published) : NaN;
    const isEarliest = v.quoteId === group.earliest.quoteId;
    return {
      key: String(v.quoteId),
      outlet: v.outlet || hostOf(v.url),
      when: Number.isNaN(published) ? v.firstSeen : published,
      dated: Number.isNaN(published) ? 'first seen' : 'published',
      relation: isEarliest ? null : v.relation,
      reference: isEarliest,
      earliest: isEarliest,
    };
  });
}

/** Every version of one statement: when each outlet printed it, then each version against the earliest. */
export function GroupDetail({ group, onClose, onDeleteArticle }: GroupDetailProps) {
  const ref = useRef<HTMLElement>(null);
  const earliest = group.earliest;
  return (
    <section
      ref={ref}
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
      <Timeline
        points={groupTimeline(group)}
        label="When each outlet printed this statement"
        onSelect={(key) => ref.current?.querySelector<HTMLElement>(`[data-version-id="${key}"]`)?.focus()}
      />
      <p class="vb-detail-hint vb-legend">
        Each version is compared with the earliest: <ins>only in this version</ins> <del>only in the earliest</del>{' '}
        <span class="vb-qd-context">context</span>
      </p>
      <div class="vb-versions">
        {group.versions.map((v) => {
          const isEarliest = v.quoteId === earliest.quoteId;
          const date = v.published ?? v.firstSeen;
          const outlet = v.outlet || hostOf(v.url);
          return (
            <article class="vb-version vb-variant" key={v.quoteId} data-article-id={v.articleId} data-version-id={v.quoteId} tabIndex={-1}>
              <div class="vb-variant-head">
                <span class="vb-outlet">{outlet}</span>
                <time class="vb-date" dateTime={isoDate(date)}>{formatDate(date) || 'date unknown'}</time>
                {isEarliest ? <span class="vb-earliest">earliest</span> : null}
                {v.relation ? <span class={`vb-relation vb-relation-${v.relation}`}>{relationLabel(v.relation)}</span> : null}
                {v.speakerConflict ? <span class="vb-conflict">speaker differs</span> : null}
                <SharedBy version={v} />
              </div>
              <p class="vb-version-speaker">{v.speaker || 'Unknown speaker'}</p>
              <div class="vb-variant-text">
                {isEarliest ? (
                  <p class="vb-qd-text vb-diff">{v.text}</p>
                ) : (
                  <QuoteDiff view={v.view} referenceName={`Earliest (${earliest.outlet || hostOf(earliest.url)})`} versionName={outlet} label={`${outlet}’s version against the earliest`} />
                )}
              </div>
              <VersionLink version={v} />
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
