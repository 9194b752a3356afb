// Quote log wiring: an extension page reads the store directly (same origin as the background).
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import '@/components/base.css';
import '@/components/page-buttons.css';
import './style.css';
import { openDb } from '@/lib/store/db';
import { deleteAll, deleteArticle, listGroups, loadGroup } from '@/lib/store/quote-log';
import type { GroupQuery, GroupVersion, QuoteGroup } from '@/lib/types';
import { exportCsv, exportJson, exportMarkdown, importJson, type ImportResult } from '@/lib/store/export';
import { MAX_IMPORT_BYTES } from '@/lib/store/import-file';
import { QuoteLog, EMPTY_FILTERS, type LogFilters } from '@/components/QuoteLog';
import { ConfirmDialog } from '@/components/ConfirmDialog';

/** Groups fetched per page: a screenful several times over, small enough to answer quickly. */
const PAGE_SIZE = 100;
/** Typing pause before a search runs. */
const SEARCH_DEBOUNCE_MS = 250;

const db = openDb();

function queryOf(f: LogFilters, offset: number): GroupQuery {
  const day = (s: string, end: boolean) => {
    if (!s) return undefined;
    const t = Date.parse(`${s}T${end ? '23:59:59.999' : '00:00:00.000'}`);
    return Number.isNaN(t) ? undefined : t;
  };
  return {
    text: f.text.trim() || undefined,
    speaker: f.speaker.trim() || undefined,
    outlet: f.outlet.trim() || undefined,
    from: day(f.from, false),
    to: day(f.to, true),
    relation: f.relation || undefined,
    offset,
    limit: PAGE_SIZE,
  };
}

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Terms (scare quotes, titles) are stored but are not statements: the log lists statements. */
const statementGroups = (groups: QuoteGroup[]) => groups.filter((g) => g.earliest.kind !== 'term');

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

type Confirm = { message: string; label: string; run: () => Promise<void> } | null;

/** The log's pages for the current filters: the first page again when they change (after a
 *  typing pause), more as the reader nears the end; a superseded query is stopped (its reads
 *  would hold up the next one's) and its answer dropped. */
function useLogPages(filters: LogFilters, onError: (message: string) => void) {
  const [groups, setGroups] = useState<QuoteGroup[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const request = useRef(0);
  /** Stops the reads of the current filters' queries when the filters change. */
  const running = useRef<AbortController | null>(null);
  const loadingMore = useRef(false);
  /** Groups listGroups has returned so far (terms included): the next page's offset. */
  const fetched = useRef(0);

  const reload = useCallback(async (f: LogFilters) => {
    const id = ++request.current;
    running.current?.abort();
    const reads = (running.current = new AbortController());
    setLoading(true);
    try {
      const page = await listGroups(db, queryOf(f, 0), reads.signal);
      if (id !== request.current) return;
      fetched.current = page.groups.length;
      setGroups(statementGroups(page.groups));
      setHasMore(page.hasMore);
      if (page.unlisted) onError(page.unlisted);
    } catch (err) {
      if (id === request.current) onError(`Could not read the log: ${errorText(err)}`);
    } finally {
      if (id === request.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const t = setTimeout(() => void reload(filters), filters === EMPTY_FILTERS ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [filters, reload]);

  const loadMore = useCallback(async () => {
    if (loadingMore.current) return;
    loadingMore.current = true;
    const id = request.current;
    try {
      const page = await listGroups(db, queryOf(filters, fetched.current), running.current?.signal);
      if (id !== request.current) return;
      fetched.current += page.groups.length;
      const known = new Set(groups.map((g) => g.groupId));
      setGroups([...groups, ...statementGroups(page.groups).filter((g) => !known.has(g.groupId))]);
      setHasMore(page.hasMore);
      if (page.unlisted) onError(page.unlisted);
    } catch (err) {
      if (id === request.current) onError(`Could not read more: ${errorText(err)}`);
    } finally {
      loadingMore.current = false;
    }
  }, [filters, groups]);

  return { groups, hasMore, loading, reload: () => reload(filters), loadMore };
}

type ExportFormat = 'json' | 'csv' | 'markdown';

/** Write the whole log in one format and hand it to the browser's downloads. */
async function exportAs(format: ExportFormat): Promise<void> {
  if (format === 'json') download(await exportJson(db, Date.now()), 'verbatim-quotes.json', 'application/json');
  if (format === 'csv') download(await exportCsv(db), 'verbatim-quotes.csv', 'text/csv');
  if (format === 'markdown') download(await exportMarkdown(db), 'verbatim-quotes.md', 'text/markdown');
}

/** What the reader is told after an import. */
function importMessage(result: ImportResult): { ok: boolean; text: string } {
  if (!result.ok) return { ok: false, text: `Nothing imported: ${result.error}` };
  const { added, merged } = result;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return {
    ok: true,
    text: `Imported ${plural(added.articles, 'article')} and ${plural(added.quotes, 'quote')}` +
      (merged.articles ? ` (${merged.articles} article${merged.articles === 1 ? ' was' : 's were'} already here).` : '.'),
  };
}

/** The log's actions: export, import, delete an article or everything (each delete asked first). */
function useLogActions(
  selected: QuoteGroup | null,
  setSelected: (group: QuoteGroup | null) => void,
  setStatus: (status: string) => void,
  setConfirm: (confirm: Confirm) => void,
  reload: () => Promise<void>,
) {
  const [importResult, setImportResult] = useState<{ ok: boolean; text: string } | null>(null);

  const onExport = async (format: ExportFormat) => {
    try {
      await exportAs(format);
      setStatus(`Exported ${format === 'markdown' ? 'Markdown' : format.toUpperCase()}.`);
    } catch (err) {
      setStatus(`Export failed: ${errorText(err)}`);
    }
  };

  const onImport = async (file: File) => {
    try {
      // The file itself, so its size is checked before it is read.
      setImportResult(importMessage(await importJson(db, file)));
    } catch (err) {
      setImportResult({ ok: false, text: `Nothing imported: ${errorText(err)}` });
    }
    setSelected(null);
    await reload();
  };

  const onDeleteArticle = (v: GroupVersion) =>
    setConfirm({
      message: `Delete the article “${v.title || v.url}” (${v.outlet || 'unknown outlet'}) and all its quotes from the log?`,
      label: 'Delete article',
      run: async () => {
        await deleteArticle(db, v.articleId);
        const group = selected ? await loadGroup(db, selected.groupId) : null;
        setSelected(group);
        setStatus('Article deleted.');
        await reload();
      },
    });

  const onDeleteAll = () =>
    setConfirm({
      message: 'Delete every article and quote Verbatim has stored? This cannot be undone (export first to keep a copy).',
      label: 'Delete everything',
      run: async () => {
        await deleteAll(db);
        setSelected(null);
        setStatus('Everything was deleted.');
        await reload();
      },
    });

  return { importResult, actions: { onExport, onImport, onDeleteArticle, onDeleteAll } };
}

/** Opening a group from the list: it is read again in full, with its versions' diff views, which
 *  the list leaves out (listGroups); a group opened meanwhile wins. */
function useOpenGroup(setSelected: (group: QuoteGroup | null) => void, onError: (message: string) => void) {
  const opening = useRef(0);
  return useCallback(async (group: QuoteGroup | null) => {
    const id = ++opening.current;
    try {
      const full = group ? await loadGroup(db, group.groupId) : null;
      if (id === opening.current) setSelected(full);
    } catch (err) {
      if (id === opening.current) onError(`Could not open the statement: ${errorText(err)}`);
    }
  }, []);
}

/** The largest file an import takes, as the reader reads it. */
const IMPORT_LIMIT = `${Math.round(MAX_IMPORT_BYTES / 1024 / 1024)} MB`;

function App() {
  const [filters, setFilters] = useState<LogFilters>(EMPTY_FILTERS);
  const [selected, setSelected] = useState<QuoteGroup | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const { groups, hasMore, loading, reload, loadMore } = useLogPages(filters, setStatus);
  const { importResult, actions } = useLogActions(selected, setSelected, setStatus, setConfirm, reload);
  const onSelect = useOpenGroup(setSelected, setStatus);
  return (
    <>
      <QuoteLog groups={groups} hasMore={hasMore} loading={loading} filters={filters} selected={selected}
        importResult={importResult} importLimit={IMPORT_LIMIT} status={status}
        onFilters={setFilters} onNearEnd={loadMore} onSelect={onSelect} {...actions} />
      {confirm ? (
        <ConfirmDialog
          message={confirm.message}
          confirmLabel={confirm.label}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const c = confirm;
            setConfirm(null);
            c.run().catch((err) => setStatus(`Delete failed: ${errorText(err)}`));
          }}
        />
      ) : null}
    </>
  );
}

render(<App />, document.getElementById('app')!);
