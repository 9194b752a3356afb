// The page layer's modules import each other without a circle, type-only imports included: each
// one can be read, tested and replaced from the modules it stands on.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(__dirname, '../lib/page');
const modules = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

/** The lib/page modules one module imports (`import` and `import type`, and re-exports). */
function importsOf(name: string): string[] {
  const code = fs.readFileSync(path.join(DIR, `${name}.ts`), 'utf8');
  return [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]\.\/([\w-]+)['"]/g)].map((m) => m[1]);
}

/** A circle of imports through `start`, as the modules met along it, or null. */
function circleFrom(start: string, graph: Map<string, string[]>): string[] | null {
  const walk = (at: string, trail: string[]): string[] | null => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) return [...trail, next];
      if (trail.includes(next)) continue;
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

describe('lib/page imports', () => {
  const graph = new Map(modules.map((m) => [m, importsOf(m)]));

  it('reads the imports it checks', () => {
    expect(graph.get('article')).toEqual(expect.arrayContaining(['recover', 'text-blocks', 'marked-body']));
    expect(graph.get('recover')).toContain('text-blocks');
  });

  it.each(modules)('%s is on no circle of imports', (name) => {
    expect(circleFrom(name, graph)).toBeNull();
  });

  it('finds a circle when there is one', () => {
    expect(circleFrom('a', new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
  });
});
