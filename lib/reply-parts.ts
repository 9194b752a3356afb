// A page's result sent back to it in parts. The page decodes a message's reply on its main thread,
// all in the task that receives it: Chromium took 25–82 ms there for the 5,000 quotes of the hostile
// suite's page (1.1 M characters as JSON), often a long task. A result longer than REPLY_PART_CHARS is answered
// with its head (the page's fields and the first quotes) and how many parts remain; the background
// keeps the other quotes under a reply id, and the page asks for them one part per message, each
// decoded in its own task, and joins the arrays. What the background keeps is bounded in count,
// size and age; a reply it lost (its service worker restarted meanwhile) is missing, and the page
// then sends itself again, as it does for text parts the background lost (lib/message-parts.ts).
import type { PageQuote, PageResult } from './types';
import { KeptByKey } from './kept-by-key';

/** Characters of JSON per part: a task of 2–7 ms on the page's main thread in Chromium (the whole
 *  1.1 M characters took 25–82 ms), far from a long task on a slower machine too, at the price of
 *  one round trip per part. A result this short is answered in one message. */
export const REPLY_PART_CHARS = 65_536;

/** Replies kept at once: more than the pages one browser reads at the same moment. */
export const MAX_REPLIES = 8;

/** Characters of JSON kept over all replies: some 14 results of 5,000 quotes. The newest reply is
 *  kept whatever its length (the others make room): its page is fetching it now, and its quotes
 *  were in memory anyway. */
export const MAX_PENDING_REPLY_CHARS = 16_000_000;

/** A reply whose page asked for no part for this long was abandoned (its tab closed, its page navigated). */
export const REPLY_IDLE_MS = 60_000;

/** The parts of a result still with the background: the page asks for parts 1 to count - 1. */
export interface ReplyRest {
  reply: string;
  /** Parts of the result, the head (part 0) included. */
  count: number;
  /** Quotes of the whole result. */
  quotes: number;
}

/** The background's answer to a page: its result whole, or its head with the rest to fetch. */
export type PageAnswer = PageResult & { rest?: ReplyRest };

/** One part of a result's quotes, as the background sends it. */
export interface ReplyPart {
  reply: string;
  index: number;
  count: number;
  quotes: PageQuote[];
}

/** Asks the background for one part of a result. */
export type FetchPart = (req: { reply: string; index: number }) => Promise<ReplyPart>;

/**
 * The whole result of an answer: the answer itself when it came whole, else its head joined with
 * each remaining part, asked for one at a time after a `pause` (so each part is decoded in a task
 * of its own and the page runs between). A part that is not the one asked for, or a total that is
 * not the announced one, throws: the page is then sent again, never drawn in half.
 */
export async function wholeResult(answer: PageAnswer, fetchPart: FetchPart, pause?: () => Promise<void>): Promise<PageResult> {
  if (answer.rest === undefined) return answer;
  const { rest, ...head } = answer;
  const { reply, count, quotes: total } = rest;
  if (typeof reply !== 'string' || !Number.isInteger(count) || count < 2 || !Number.isInteger(total)) {
    throw new Error(`the page's result came with a broken list of parts (${JSON.stringify(rest)}): send the page again`);
  }
  const chunks: PageQuote[][] = [head.quotes];
  for (let index = 1; index < count; index++) {
    await pause?.();
    const part = await fetchPart({ reply, index });
    if (part?.reply !== reply || part.index !== index || part.count !== count || !Array.isArray(part.quotes)) {
      throw new Error(`part ${index} of ${count} of the page's result ${reply} came as part ${part?.index} of ${part?.count} of ${part?.reply}: send the page again`);
    }
    chunks.push(part.quotes);
  }
  const quotes = ([] as PageQuote[]).concat(...chunks);
  if (quotes.length !== total) throw new Error(`the page's result came with ${quotes.length} of its ${total} quotes: send the page again`);
  return { ...head, quotes };
}

/**
 * `quotes` cut in order into runs whose message is at most `size` characters of JSON (a quote
 * longer than that alone in its run): the first run's message holds `headChars` besides its quotes,
 * each other's `partChars`. With each run's message length, counted from above.
 */
export function quoteRuns(quotes: readonly PageQuote[], size: number, headChars: number, partChars: number): { runs: PageQuote[][]; chars: number[] } {
  const runs: PageQuote[][] = [[]];
  const chars = [headChars];
  for (const q of quotes) {
    // a comma between array items
    const n = JSON.stringify(q).length + 1;
    const last = runs.length - 1;
    if (chars[last] + n > size && runs[last].length > 0) {
      runs.push([q]);
      chars.push(partChars + n);
    } else {
      runs[last].push(q);
      chars[last] += n;
    }
  }
  return { runs, chars };
}

interface Kept {
  parts: PageQuote[][];
  chars: number[];
  /** The part the page asks for next. */
  next: number;
  /** Characters of the parts not yet fetched. */
  pending: number;
}

export interface ReplyStoreOptions {
  partChars?: number;
  maxReplies?: number;
  maxPendingChars?: number;
  idleMs?: number;
  /** Starts every reply id of this store, so that a restarted background never takes a reply id of
   *  its previous life for one of its own. */
  idPrefix?: string;
}

/**
 * The background's results under way to their pages, by owner (the page's tab and frame, so one
 * page cannot ask for another's parts) and reply id. Parts are handed out in order, each once;
 * a request out of order refuses the reply and drops it. Time is a parameter: `now` in ms.
 */
export class ReplyStore {
  private readonly replies: KeptByKey<Kept>;
  private made = 0;
  private readonly partChars: number;
  private readonly idPrefix: string;

  constructor(options: ReplyStoreOptions = {}) {
    this.partChars = options.partChars ?? REPLY_PART_CHARS;
    this.replies = new KeptByKey({
      maxEntries: options.maxReplies ?? MAX_REPLIES,
      maxChars: options.maxPendingChars ?? MAX_PENDING_REPLY_CHARS,
      idleMs: options.idleMs ?? REPLY_IDLE_MS,
    });
    this.idPrefix = options.idPrefix ?? Math.random().toString(36).slice(2, 10);
  }

  /** The answer to send `owner` for `result`: the result itself when short, else its head, the rest kept. */
  answer(owner: string, result: PageResult, now: number): PageAnswer {
    this.replies.dropIdle(now);
    const reply = `${this.idPrefix}-${this.made + 1}`;
    // the messages without their quotes, with numbers at least as long as the real ones
    const most = result.quotes.length;
    const headChars = JSON.stringify({ ...result, quotes: [], rest: { reply, count: most, quotes: most } }).length;
    const partChars = JSON.stringify({ reply, index: most, count: most, quotes: [] }).length;
    const { runs, chars } = quoteRuns(result.quotes, this.partChars, headChars, partChars);
    if (runs.length === 1) return result;
    this.made += 1;
    const kept: Kept = { parts: runs, chars, next: 1, pending: 0 };
    for (let i = 1; i < chars.length; i++) kept.pending += chars[i];
    this.replies.set(keyOf(owner, reply), kept, kept.pending, now);
    this.replies.makeRoom(keyOf(owner, reply));
    return { ...result, quotes: runs[0], rest: { reply, count: runs.length, quotes: most } };
  }

  /** Part `index` of `owner`'s reply, which is forgotten after its last part; null when the reply
   *  is not here (never made, dropped, or lost with a restarted background). Throws, dropping the
   *  reply, when `index` is not the part that comes next. */
  part(owner: string, reply: string, index: number, now: number): ReplyPart | null {
    const key = keyOf(owner, reply);
    const kept = this.replies.get(key, now);
    if (!kept) return null;
    const count = kept.parts.length;
    if (index !== kept.next) {
      this.replies.drop(key);
      throw new Error(`part ${index} of the page's result ${reply} asked for where part ${kept.next} of ${count} comes next`);
    }
    kept.next += 1;
    kept.pending -= kept.chars[index];
    this.replies.weigh(key, kept.pending, now);
    if (kept.next === count) this.replies.drop(key);
    return { reply, index, count, quotes: kept.parts[index] };
  }

  /** Replies and characters kept (for tests). */
  size(): { replies: number; chars: number } {
    const { entries, chars } = this.replies.size();
    return { replies: entries, chars };
  }
}

const keyOf = (owner: string, reply: string) => `${owner}\n${reply}`;
