// Output a pipe can trust: every write waits for the stream to drain when its buffer is full, and
// the command ends only once the stream has flushed. A reader that goes away (`| head`) ends the
// output quietly instead of failing the scan.
import type { Writable } from 'node:stream';

export class StreamWriter {
  private closed = false;
  private error: Error | null = null;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.closed = true;
      if (e.code !== 'EPIPE') this.error = e;
    });
  }

  /** The stream failed for another reason than its reader leaving (disk full, …). */
  get failure(): Error | null {
    return this.error;
  }

  async write(chunk: string): Promise<void> {
    if (this.closed || this.stream.destroyed) return;
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }

  /** Resolves once everything written has been handed to the operating system. Standard output
   *  is never ended (Node refuses to close it): its last write's callback marks the flush. */
  async flush(): Promise<void> {
    if (this.closed || this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.stream.write('', () => resolve());
      this.stream.once('error', () => resolve());
      this.stream.once('close', () => resolve());
    });
  }
}
