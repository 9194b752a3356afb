// Types for page-trace.mjs (a plain ES module so it runs with node directly).
import type { TracedLongTask, TracedTasks } from './page-cost.mjs';

export declare const LONG_TASK_MS: number;
/** A Chromium trace event, as CDP's Tracing domain reports it. */
export interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; cat?: string; args?: Record<string, any> }
export declare function startTrace(cdp: unknown): Promise<{ stop(): Promise<TraceEvent[]> }>;
export declare function visitLongTasks(events: TraceEvent[]): TracedLongTask[] | null;
export declare function mainThreadTasks(events: TraceEvent[]): TracedTasks | null;
export declare function attributeLongTask(
  task: Pick<TracedLongTask, 'kind'>,
  alone: Pick<TracedLongTask, 'kind' | 'afterDomLoaded'>[] | null,
): 'ours' | 'page' | 'bench' | 'caused' | 'unattributed';
