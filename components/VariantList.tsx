import type { QuoteVersion, Variant } from '../lib/types';
import { relationLabel } from '../lib/status';
import { QuoteDiff } from './QuoteDiff';
import { formatDate, isoDate, safeHref, hostOf } from './format';

/** When a version appeared: its publication date, else when Verbatim first saw it. */
export function variantTime(v: Pick<Variant, 'published' | 'firstSeen'>): number {
  const p = v.published ? Date.parse(v.published) : NaN;
  return Number.isNaN(p) ? v.firstSeen : p;
}

/** Variants oldest first (published date, else when Verbatim first saw them), earliest flagged. */
export function sortVariants(variants: readonly Variant[]): Variant[] {
  const seen = new Set<number>();
  return [...variants]
    .filter((v) => (seen.has(v.quoteId) ? false : (seen.add(v.quoteId), true)))
    .sort((a, b) => Number(b.earliest) - Number(a.earliest) || variantTime(a) - variantTime(b));
}

/** The link to a version's article (only a web address is ever a link), its title else its host. */
export function VersionLink({ version }: { version: Pick<QuoteVersion, 'url' | 'title'> }) {
  const href = safeHref(version.url);
  return href ? (
    <a class="vb-link" href={href} target="_blank" rel="noopener noreferrer">
      {version.title || hostOf(version.url)}
    </a>
  ) : (
    <span class="vb-link vb-link-missing">{version.title || version.url}</span>
  );
}

/** Who shared a version with the team, when it came from the team's database and said so: text only. */
export function SharedBy({ version }: { version: Pick<QuoteVersion, 'sharedBy'> }) {
  return version.sharedBy ? <span class="vb-shared-by">shared by {version.sharedBy}</span> : null;
}

/** Each other version of a quote: outlet, date, link, relation and what changed against this page. */
export function VariantList({ variants }: { variants: readonly Variant[] }) {
  if (variants.length === 0) {
    return <p class="vb-empty">No other version seen yet. Verbatim remembers the quotes of pages you read.</p>;
  }
  return (
    <ol class="vb-variants">
      {sortVariants(variants).map((v) => {
        const date = v.published ?? v.firstSeen;
        const outlet = v.outlet || hostOf(v.url);
        return (
          <li class={`vb-variant vb-relation-${v.relation}`} key={v.quoteId} data-relation={v.relation} data-variant-id={v.quoteId} tabIndex={-1}>
            <div class="vb-variant-head">
              <span class="vb-outlet">{outlet}</span>
              <time class="vb-date" dateTime={isoDate(date)} title={v.published ? 'published' : 'first seen'}>
                {formatDate(date) || 'date unknown'}
              </time>
              <span class={`vb-relation vb-relation-${v.relation}`}>{relationLabel(v.relation)}</span>
              {v.earliest ? <span class="vb-earliest">earliest</span> : null}
              <SharedBy version={v} />
              {v.speakerConflict ? (
                <span class="vb-conflict">attributed to {v.speaker || 'someone else'}</span>
              ) : null}
            </div>
            <div class="vb-variant-text">
              <QuoteDiff view={v.view} referenceName="This page" versionName={outlet} label={`${outlet}’s version against this page`} />
            </div>
            <VersionLink version={v} />
          </li>
        );
      })}
    </ol>
  );
}
