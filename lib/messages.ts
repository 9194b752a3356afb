// The one typed protocol between content script, background and extension pages.
// Every message has one plain-data request object and a plain-data reply.
import type { PagePayload, PageResult } from './types';

export interface MessageMap {
  /** content → background: analyse the article text, store it, return each quote with its variants. */
  analyzePage: { req: PagePayload; res: PageResult };
  /** popup → background: the last result for a tab's URL, or null if the page was not analysed. */
  getPageResult: { req: { url: string }; res: PageResult | null };
}

export type MessageType = keyof MessageMap;
export type Request<T extends MessageType> = MessageMap[T]['req'];
export type Reply<T extends MessageType> = MessageMap[T]['res'];

/** The envelope on the wire. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: Request<T>;
}

/** A reply that failed in the handler travels as data, never as a thrown error across the boundary. */
export interface ErrorReply {
  error: string;
}

export function isErrorReply(value: unknown): value is ErrorReply {
  return typeof value === 'object' && value !== null && typeof (value as ErrorReply).error === 'string';
}

export function envelope<T extends MessageType>(type: T, payload: Request<T>): Envelope<T> {
  return { type, payload };
}
