import type { QuoteGroup, GroupVersion } from '../lib/types';
import type { Relation } from '../lib/types';
import { relationLabel, worstRelation } from '../lib/status';
import { VirtualList } from './VirtualList';
import { GroupDetail } from './GroupDetail';
import { formatDate } from './format';

/** Row height of the group list in CSS px; rows clamp their text to fit. */
export const LOG_ROW_HEIGHT = 84;

export interface LogFilters {
  text: string;
  speaker: string;
  outlet: string;
  /** yyyy-mm-dd or '' */
  from: string;
  to: string;
  relation: Relation | '';
}

export const EMPTY_FILTERS: LogFilters = { text: '', speaker: '', outlet: '', from: '', to: '', relation: '' };

const RELATIONS: Relation[] = ['verbatim', 'excerpt', 'minor', 'reworded', 'altered'];

export interface QuoteLogProps {
  groups: readonly QuoteGroup[];
  hasMore: boolean;
  loading: boolean;
  filters: LogFilters;
  selected: QuoteGroup | null;
  importResult: { ok: boolean; text: string } | null;
  /** The largest file import takes, as the reader reads it ("128 MB"). */
  importLimit: string;
  status: string | null;
  onFilters: (next: LogFilters) => void;
  onNearEnd: () => void;
  onSelect: (group: QuoteGroup | null) => void;
  onExport: (format: 'json' | 'csv' | 'markdown') => void;
  onImport: (file: File) => void;
  onDeleteArticle: (version: GroupVersion) => void;
  onDeleteAll: () => void;
}

function GroupRow({ group, selected, onSelect }: { group: QuoteGroup; selected: boolean; onSelect: () => void }) {
  const outlets = [...new Set(group.versions.map((v) => v.outlet).filter(Boolean))];
  const relation = worstRelation(group.versions.map((v) => v.relation));
  const speaker = group.versions.find((v) => v.speaker)?.speaker ?? 'Unknown speaker';
  return (
    <button
      type="button"
      class={`vb-group${selected ? ' vb-selected' : ''}`}
      data-group-id={group.groupId}
      aria-pressed={selected ? 'true' : 'false'}
      onClick={onSelect}
    >
      <span class="vb-group-text">“{group.earliest.text}”</span>
      <span class="vb-group-meta">
        <span class="vb-speaker">{speaker}</span>
        <span>
          {group.versions.length} version{group.versions.length === 1 ? '' : 's'}
          {outlets.length ? ` · ${outlets.slice(0, 3).join(', ')}${outlets.length > 3 ? ` +${outlets.length - 3}` : ''}` : ''}
        </span>
        {relation && relation !== 'verbatim' ? <span class={`vb-relation vb-relation-${relation}`}>{relationLabel(relation)}</span> : null}
        <span class="vb-date" title="last seen">seen {formatDate(group.latestSeenAt)}</span>
      </span>
    </button>
  );
}

/** The quote log: search, filters, a virtualised list of statement groups, the detail view, export/import/delete. */
export function QuoteLog(props: QuoteLogProps) {
  const { filters, onFilters } = props;
  const set = (patch: Partial<LogFilters>) => onFilters({ ...filters, ...patch });
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
  return (
    <div id="vb-log" class="vb-theme">
      <header class="vb-log-head">
        <h1>Quote log</h1>
        <p class="vb-log-count" aria-live="polite">
          <span id="vb-group-count">{props.groups.length}{props.hasMore ? '+' : ''}</span> statement group
          {props.groups.length === 1 && !props.hasMore ? '' : 's'}
          {props.loading ? ' · loading…' : ''}
        </p>
      </header>

      <form class="vb-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="vb-field vb-field-wide">
          Search words
          <input id="vb-search" type="search" value={filters.text} placeholder="words in the quote" onInput={(e) => set({ text: value(e) })} />
        </label>
        <label class="vb-field">
          Speaker
          <input id="vb-filter-speaker" type="text" value={filters.speaker} onInput={(e) => set({ speaker: value(e) })} />
        </label>
        <label class="vb-field">
          Outlet
          <input id="vb-filter-outlet" type="text" value={filters.outlet} onInput={(e) => set({ outlet: value(e) })} />
        </label>
        <label class="vb-field">
          From
          <input id="vb-filter-from" type="date" value={filters.from} onInput={(e) => set({ from: value(e) })} />
        </label>
        <label class="vb-field">
          To
          <input id="vb-filter-to" type="date" value={filters.to} onInput={(e) => set({ to: value(e) })} />
        </label>
        <label class="vb-field">
          Relation
          <select id="vb-filter-relation" value={filters.relation} onChange={(e) => set({ relation: value(e) as Relation | '' })}>
            <option value="">any</option>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {relationLabel(r)}
              </option>
            ))}
          </select>
        </label>
      </form>

      <div class={`vb-log-body${props.selected ? ' vb-has-detail' : ''}`}>
        {props.groups.length === 0 && !props.loading ? (
          <p class="vb-empty">No statements match. Verbatim lists the quotes of the articles you read.</p>
        ) : (
          <VirtualList
            id="vb-groups"
            label="Statement groups, newest first"
            items={props.groups}
            rowHeight={LOG_ROW_HEIGHT}
            keyOf={(g) => g.groupId}
            onNearEnd={props.hasMore && !props.loading ? props.onNearEnd : undefined}
            renderRow={(g) => (
              <GroupRow group={g} selected={props.selected?.groupId === g.groupId} onSelect={() => props.onSelect(g)} />
            )}
          />
        )}
        {props.selected ? (
          <GroupDetail group={props.selected} onClose={() => props.onSelect(null)} onDeleteArticle={props.onDeleteArticle} />
        ) : null}
      </div>

      <footer class="vb-log-actions">
        <div class="vb-action-group" role="group" aria-label="Export">
          <span>Export</span>
          <button type="button" data-export="json" onClick={() => props.onExport('json')}>JSON</button>
          <button type="button" data-export="csv" onClick={() => props.onExport('csv')}>CSV</button>
          <button type="button" data-export="markdown" onClick={() => props.onExport('markdown')}>Markdown</button>
        </div>
        <div class="vb-action-group">
          <label for="vb-import">Import JSON</label>
          <input
            id="vb-import"
            aria-describedby="vb-import-limit"
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) props.onImport(file);
              input.value = '';
            }}
          />
          <span id="vb-import-limit" class="vb-hint">files up to {props.importLimit}</span>
          <p id="vb-import-result" role="status" class={props.importResult ? (props.importResult.ok ? 'vb-ok' : 'vb-error') : ''}>
            {props.importResult?.text ?? ''}
          </p>
        </div>
        <div class="vb-action-group">
          <button type="button" id="vb-delete-all" class="vb-danger" onClick={props.onDeleteAll}>
            Delete everything…
          </button>
        </div>
        {props.status ? <p class="vb-status-line" role="status">{props.status}</p> : null}
      </footer>
    </div>
  );
}
