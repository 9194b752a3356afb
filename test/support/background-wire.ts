// The background's handlers as a content script reaches them: each request and reply copied as it
// crosses the wire, failures turned into error replies and thrown on the calling side.
import { errorReply, makeHandlers } from '../../entrypoints/background';
import { replyOrThrow, type MessageType, type Reply, type Request } from '../../lib/messages';
import type { PageSend } from '../../lib/message-parts';

export const SENDER = { tab: { id: 3 }, frameId: 0 };

/** One message as it crossed: its type and the length of its reply as JSON. */
export interface Crossed {
  type: MessageType;
  replyChars: number;
}

export function wire(handlers: () => ReturnType<typeof makeHandlers>, sender: object = SENDER, log: string[] = [], crossed: Crossed[] = []): PageSend {
  return (async <T extends MessageType>(type: T, req: Request<T>): Promise<Reply<T>> => {
    log.push(type);
    const handler = handlers()[type] as (r: Request<T>, s: object) => Promise<Reply<T>>;
    let reply: unknown;
    try {
      reply = await handler(structuredClone(req), sender);
    } catch (err) {
      reply = errorReply(err);
    }
    crossed.push({ type, replyChars: JSON.stringify(reply ?? null).length });
    return replyOrThrow<Reply<T>>(structuredClone(reply));
  }) as PageSend;
}
