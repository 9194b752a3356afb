import type { PageResult, Variant } from '../lib/types';
import { STATUSES, countByStatus, isFlagged, sortByStatus, statementsOf, statusLabel, worstRelation, type StatementView } from '../lib/status';
import { StatusBadge } from './StatusBadge';
import { QuoteDiff } from './QuoteDiff';
import { hostOf } from './format';

/** The other version that changed a statement most: the one the popup shows. */
export function mostChanged(statement: StatementView): Variant | null {
  const variants = statement.parts.flatMap((p) => p.variants);
  const worst = worstRelation(variants.map((v) => v.relation));
  if (worst === null || worst === 'verbatim' || worst === 'excerpt') return null;
  return variants.find((v) => v.relation === worst) ?? null;
}

export interface PopupProps {
  /** The page shown (the active tab's URL, or ?url=). */
  url: string | null;
  host: string | null;
  result: PageResult | null;
  loading: boolean;
  globalPaused: boolean;
  sitePaused: boolean;
  /** A line of feedback (analysis running, an error). */
  message: string | null;
  busy: boolean;
  logHref: string;
  onToggleSite: (paused: boolean) => void;
  onToggleAll: (paused: boolean) => void;
  onAnalyze: () => void;
  /** Show one statement on the page (scroll to it and open its card). */
  onShowQuote?: (id: string) => void;
}

/** The toolbar popup: this page's quotes with status counts (flagged first), pauses, the log link. */
export function Popup(props: PopupProps) {
  const { result, loading } = props;
  const statements = sortByStatus(statementsOf(result?.quotes ?? []));
  return (
    <main id="vb-popup" class="vb-theme" aria-busy={loading || props.busy ? 'true' : 'false'}>
      <PopupHead {...props} />
      <StatusCounts result={result} loading={loading} statements={statements} />
      {statements.length > 0 ? <PopupQuotes statements={statements} onShowQuote={props.onShowQuote} /> : null}
      <AnalyseAction {...props} />
      <PauseSwitches {...props} />
      <p class="vb-privacy">Everything stays on this computer unless you turn on sharing in the options.</p>
    </main>
  );
}

/** The title, the log link, the page shown, and a note when only part of it was read. */
function PopupHead({ result, host, url, logHref }: PopupProps) {
  return (
    <>
      <header class="vb-popup-head">
        <h1>Verbatim</h1>
        <a id="vb-open-log" href={logHref} target="_blank" rel="noopener">
          Quote log
        </a>
      </header>
      <p class="vb-popup-page" title={url ?? ''}>
        {result?.outlet ? <strong>{result.outlet}</strong> : null}
        {result?.outlet ? ' · ' : null}
        {result?.title || host || 'No page'}
      </p>
      {result?.partial ? <p class="vb-note">Only part of this article was read (a paywall, or a page too large to read in time): missing quotes are not counted as removed, and later quotes may have no speaker, or show as new without having been compared.</p> : null}
    </>
  );
}

/** How many of the page's quotes have each status, and how many statements were quoted differently elsewhere. */
function StatusCounts({ result, loading, statements }: { result: PageResult | null; loading: boolean; statements: StatementView[] }) {
  const counts = countByStatus(result?.quotes ?? []);
  const flagged = statements.filter((s) => isFlagged(s.status)).length;
  return (
    <section aria-label="Quotes on this page by status">
      <ul class="vb-counts">
        {STATUSES.map((s) => (
          <li key={s} class={`vb-count vb-status-${s}`} title={statusLabel(s)}>
            <span class="vb-count-n" data-count-status={s}>{counts[s]}</span>
            <StatusBadge status={s} />
          </li>
        ))}
      </ul>
      <p class="vb-summary" id="vb-summary">
        {loading
          ? 'Loading…'
          : result
            ? `${statements.length} statement${statements.length === 1 ? '' : 's'}, ${flagged} quoted differently elsewhere`
            : 'This page has not been analysed.'}
      </p>
    </section>
  );
}

/** The page's statements, flagged first, each a button that shows it on the page. */
function PopupQuotes({ statements, onShowQuote }: { statements: StatementView[]; onShowQuote?: (id: string) => void }) {
  return (
    <ol class="vb-popup-quotes">
      {statements.map((s) => (
        <li key={s.id} class={`vb-popup-quote vb-status-${s.status}`} data-quote-id={s.id} data-status={s.status}>
          <button
            type="button"
            class="vb-popup-quote-button"
            title="Show on the page"
            disabled={!onShowQuote}
            onClick={() => onShowQuote?.(s.id)}
          >
            <span class="vb-popup-quote-head">
              <StatusBadge status={s.status} />
              <span class="vb-speaker">{s.speaker || 'Unknown speaker'}</span>
            </span>
            <span class="vb-popup-quote-text">“{s.text}”</span>
          </button>
          <PopupDiff statement={s} />
        </li>
      ))}
    </ol>
  );
}

/** "Analyse this page" (web pages only), with a note when reading is paused and the last message. */
function AnalyseAction({ url, host, globalPaused, sitePaused, busy, message, onAnalyze }: PopupProps) {
  const canAnalyze = !!url && /^https?:/.test(url);
  return (
    <>
      {globalPaused || sitePaused ? (
        <p class="vb-note" id="vb-paused-note">
          Paused {globalPaused ? 'everywhere' : `on ${host}`}: pages are not read automatically. “Analyse this page” still reads this one.
        </p>
      ) : null}
      <div class="vb-actions">
        <button id="vb-analyze" type="button" onClick={onAnalyze} disabled={!canAnalyze || busy}>
          Analyse this page
        </button>
        {message ? (
          <p class="vb-message" role="status">
            {message}
          </p>
        ) : null}
      </div>
    </>
  );
}

/** The two pause switches: this site, and everywhere. */
function PauseSwitches({ host, sitePaused, globalPaused, onToggleSite, onToggleAll }: PopupProps) {
  return (
    <fieldset class="vb-switches">
      <legend>Reading pages</legend>
      <label>
        <input
          id="vb-pause-site"
          type="checkbox"
          checked={sitePaused}
          disabled={!host}
          onChange={(e) => onToggleSite((e.currentTarget as HTMLInputElement).checked)}
        />
        Pause on {host || 'this site'}
      </label>
      <label>
        <input
          id="vb-pause-all"
          type="checkbox"
          checked={globalPaused}
          onChange={(e) => onToggleAll((e.currentTarget as HTMLInputElement).checked)}
        />
        Pause everywhere
      </label>
    </fieldset>
  );
}

/** A flagged statement's most changed other version, against this page's words. */
function PopupDiff({ statement }: { statement: StatementView }) {
  if (!isFlagged(statement.status)) return null;
  const v = mostChanged(statement);
  if (!v) return null;
  const outlet = v.outlet || hostOf(v.url);
  return (
    <div class="vb-popup-diff" data-variant-id={v.quoteId}>
      <span class="vb-outlet">{outlet}</span>
      <QuoteDiff view={v.view} referenceName="This page" versionName={outlet} label={`${outlet}’s version against this page`} />
    </div>
  );
}
