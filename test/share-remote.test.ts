// The remote handed to replication (lib/store/share-remote.ts): a failed info() read that nobody
// waits for leaves no unhandled rejection, one that is waited for still fails, and every other
// call is the database's own.
import { describe, expect, it } from 'vitest';
import { withHandledInfo } from '../lib/store/share-remote';

class FakeRemote {
  name = 'team';
  down = true;
  info(): Promise<{ update_seq: number }> {
    return this.down ? Promise.reject(new Error('socket hang up')) : Promise.resolve({ update_seq: 7 });
  }
  id(): string {
    return `id of ${this.name}`;
  }
}

/** Unhandled rejections reported while `run` and two turns of the event loop after it go by. */
async function unhandledDuring(run: () => unknown): Promise<unknown[]> {
  const seen: unknown[] = [];
  const note = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', note);
  try {
    run();
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.off('unhandledRejection', note);
  }
  return seen;
}

describe('withHandledInfo', () => {
  it('a progress read chained and left alone (replication\'s `src.info().then(…)`) rejects unseen', async () => {
    const remote = withHandledInfo(new FakeRemote());
    expect(await unhandledDuring(() => remote.info().then(() => undefined))).toEqual([]);
  });
  it('a caller who waits on the read or its chain still gets the error, and the value when up', async () => {
    const fake = new FakeRemote();
    const remote = withHandledInfo(fake);
    await expect(remote.info()).rejects.toThrow('socket hang up');
    await expect(remote.info().then((i) => i.update_seq)).rejects.toThrow('socket hang up');
    fake.down = false;
    expect(await remote.info().then((i) => i.update_seq)).toBe(7);
  });
  it('leaves every other call and property alone', () => {
    const remote = withHandledInfo(new FakeRemote());
    expect(remote.id()).toBe('id of team');
    expect(remote.name).toBe('team');
    expect(withHandledInfo('http://127.0.0.1/team')).toBe('http://127.0.0.1/team');
  });
});
