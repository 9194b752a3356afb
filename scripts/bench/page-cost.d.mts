// Types for page-cost.mjs (a plain ES module so it runs with node directly).
export declare const CORPUS: string;
export declare const TARGET_WORDS: number;
export declare const TARGET_QUOTES: number;
export declare const BUDGET_MAIN_THREAD_MS: number;
export declare const LONG_TASK_MS: number;
export declare const MANY_QUOTES: number;
export declare const BIG_PAGE_BYTES: number;

export interface LongArticle { html: string; words: number; quotes: number; paragraphs: number }
export declare function buildLongArticle(corpus?: string): LongArticle | { skipped: string };

export interface PageCostRun {
  state: string;
  quotesFound: number;
  measures: Record<string, number>;
  mainThreadMs: number;
  longestSliceMs: number;
  longestSlice: Record<string, number>;
  scriptDurationMs: number;
  threadTimeMs: number;
  taskDurationMs: number;
  longTasks: Array<{ start: number; duration: number }> | null;
  extensionLongTasks: Array<{ start: number; duration: number }>;
  /** The traced visit's main-thread tasks (scripts/bench/page-trace.mjs); null on untraced visits. */
  tasks: TracedTasks | null;
  calibrationMs: number;
}

/** A long task of a traced visit: its start (ms from the navigation), length and what ran in it. */
export interface TracedLongTask {
  atMs: number;
  ms: number;
  /** The main thread's CPU time in the task (trace thread time), null when the trace has none. */
  cpuMs: number | null;
  kind: string;
  /** Whether it began once the document had loaded its DOM (DOMContentLoaded). */
  afterDomLoaded: boolean;
  /** Whose it is, in the visit with the extension: 'ours' | 'page' | 'bench' | 'caused' | 'unattributed'. */
  who?: string;
}

export interface TaskWindow {
  count: number;
  totalMs: number;
  longestMs: number;
  long: number[];
  longWithScript: number[];
  longTasks: TracedLongTask[];
}

export interface TracedTasks {
  evaluateMs: number | null;
  drawing: TaskWindow;
  scrolling: TaskWindow;
  visit: TracedLongTask[] | null;
}

export interface PageCostSummary {
  words: number;
  quoteMarks: number;
  runs: number;
  medianMainThreadMs: number;
  medianReadMs: number;
  medianHighlightMs: number;
  medianMarkersMs: number;
  medianAnalyzeMs: number;
  medianScriptDurationMs: number;
  medianThreadTimeMs: number;
  maxSliceMs: number;
  maxExtensionLongTaskMs: number;
  extensionLongTasks: number;
  tracedLongTasks: number;
  maxTracedTaskMs: number;
  tracedPageOwnLongTasks: number;
  tracedExtensionLongTasks: number;
  tracedBenchLongTasks: number;
  tracedUnattributedLongTasks: number;
  tracedVisit: PageCostRun;
  /** Long tasks of one traced visit without the extension, navigation through the scroll. */
  pageAloneLongTasks: TracedLongTask[] | null;
  budgetMainThreadMs: number | null;
  withinBudget: boolean;
  medianMainThreadRatio: number;
  loadAverage: number;
  results: PageCostRun[];
}

/** `npm run bench -- page`: per page name, its summary (words/quoteMarks only on the long article). */
export declare function pageCostSuite(options?: {
  runs?: number;
  extDir?: string;
  build?: boolean;
  /** Only the pages whose name holds this text. */
  only?: string;
  log?: (line: string) => void;
}): Promise<Record<string, Omit<PageCostSummary, 'words' | 'quoteMarks'>> | { skipped: string }>;

export declare function pageCost(options?: {
  runs?: number;
  extDir?: string;
  build?: boolean;
  log?: (line: string) => void;
}): Promise<PageCostSummary | { skipped: string }>;

/** Entry point for scripts/bench.ts (`npm run bench browser`): the same as pageCost. */
export declare function benchInBrowser(options?: Parameters<typeof pageCost>[0]): ReturnType<typeof pageCost>;
