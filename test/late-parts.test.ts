// Parts of the content script loaded when a page needs them: one import per part, what the part's
// script provided, a clear failure when it provided nothing, and a new try after a failure.
import { describe, expect, it } from 'vitest';
import { partLoader, providePart } from '../lib/page/late-parts';

describe('partLoader', () => {
  it('imports a part once and gives what its script provided', async () => {
    let imports = 0;
    const load = partLoader<{ n: number }>('one', async () => {
      imports += 1;
      providePart('one', { n: 7 });
    });
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toEqual({ n: 7 });
    expect(b).toBe(a);
    expect(await load()).toBe(a);
    expect(imports).toBe(1);
  });

  it('a script that provided nothing is a failure with the part named', async () => {
    const load = partLoader('absent', async () => {});
    await expect(load()).rejects.toThrow('The absent part of the extension did not load.');
  });

  it('tries again after a failed import', async () => {
    let imports = 0;
    const load = partLoader<string>('flaky', async () => {
      imports += 1;
      if (imports === 1) throw new Error('Extension context invalidated.');
      providePart('flaky', 'here');
    });
    await expect(load()).rejects.toThrow('Extension context invalidated.');
    expect(await load()).toBe('here');
    expect(imports).toBe(2);
  });

  it('an import that throws while called is a rejection, never a throw', async () => {
    const load = partLoader('throws', () => {
      throw new Error('no runtime');
    });
    const attempt = load();
    expect(attempt).toBeInstanceOf(Promise);
    await expect(attempt).rejects.toThrow('no runtime');
  });
});
