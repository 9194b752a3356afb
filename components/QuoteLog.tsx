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

type TextFilterKey = 'text' | 'speaker' | 'outlet' | 'from' | 'to';

/** One filter field: its label and the input that writes one key of the filters. */
function FilterField({ id, label, type, name, filters, onFilters, wide, placeholder }: {
  id: string;
  label: string;
  type: 'search' | 'text' | 'date';
  name: TextFilterKey;
  filters: LogFilters;
  onFilters: (next: LogFilters) => void;
  wide?: boolean;
  placeholder?: string;
}) {
  return (
    <label class={wide ? 'vb-field vb-field-wide' : 'vb-field'}>
      {label}
      {/* Preact types an input's attributes per type; these three take the same ones. */}
      <input id={id} type={type as 'text'} value={filters[name]} placeholder={placeholder}
        onInput={(e) => onFilters({ ...filters, [name]: (e.currentTarget as HTMLInputElement).value })} />
    </label>
  );
}

/** Search words, speaker, outlet, a date range and the relation to the earliest version. */
function LogFilterForm({ filters, onFilters }: { filters: LogFilters; onFilters: (next: LogFilters) => void }) {
  const field = { filters, onFilters };
  return (
    <form class="vb-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <FilterField id="vb-search" label="Search words" type="search" name="text" wide placeholder="words in the quote" {...field} />
      <FilterField id="vb-filter-speaker" label="Speaker" type="text" name="speaker" {...field} />
      <FilterField id="vb-filter-outlet" label="Outlet" type="text" name="outlet" {...field} />
      <FilterField id="vb-filter-from" label="From" type="date" name="from" {...field} />
      <FilterField id="vb-filter-to" label="To" type="date" name="to" {...field} />
      <label class="vb-field">
        Relation
        <select id="vb-filter-relation" value={filters.relation}
          onChange={(e) => onFilters({ ...filters, relation: (e.currentTarget as HTMLSelectElement).value as Relation | '' })}>
          <option value="">any</option>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {relationLabel(r)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/** The title and how many statement groups are listed ("100+" while more can be fetched). */
function LogHeader({ groups, hasMore, loading }: Pick<QuoteLogProps, 'groups' | 'hasMore' | 'loading'>) {
  return (
    <header class="vb-log-head">
      <h1>Quote log</h1>
      <p class="vb-log-count" aria-live="polite">
        <span id="vb-group-count">{groups.length}{hasMore ? '+' : ''}</span> statement group
        {groups.length === 1 && !hasMore ? '' : 's'}
        {loading ? ' · loading…' : ''}
      </p>
    </header>
  );
}

/** The virtualised list of statement groups (or why it is empty) beside the selected group's detail. */
function LogBody(props: QuoteLogProps) {
  return (
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
  );
}

/** Export, import (with its outcome), delete everything, and the last action's status line. */
function LogActions(props: QuoteLogProps) {
  return (
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
  );
}

/** The quote log: search, filters, a virtualised list of statement groups, the detail view, export/import/delete. */
export function QuoteLog(props: QuoteLogProps) {
  return (
    <div id="vb-log" class="vb-theme">
      <LogHeader groups={props.groups} hasMore={props.hasMore} loading={props.loading} />
      <LogFilterForm filters={props.filters} onFilters={props.onFilters} />
      <LogBody {...props} />
      <LogActions {...props} />
    </div>
  );
}
