// DESIGN.md: lower stages never import higher ones; track/ never imports flight/; no stage imports sim/.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');
const RANK: Record<string, number> = {
  math: 0, geo: 1, scenario: 2, flight: 2, sense: 2, track: 3, decide: 4, engage: 5, sim: 6, run: 7, report: 8, io: 8, serve: 8, cli: 9,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('layering', () => {
  it('imports point down the stage order', () => {
    const violations: string[] = [];
    for (const file of files(SRC)) {
      const stage = relative(SRC, file).split('/')[0]!;
      if (!(stage in RANK)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
        const target = relative(SRC, resolve(dirname(file), m[1]!)).split('/')[0]!;
        if (target === stage || !(target in RANK)) continue;
        const bad =
          RANK[target]! > RANK[stage]! ||
          (RANK[target] === RANK[stage] && target !== stage) ||
          (stage === 'track' && target === 'flight') ||
          (target === 'sim' && stage !== 'run' && stage !== 'cli' && RANK[stage]! < RANK.run!);
        if (bad) violations.push(`${relative(SRC, file)} imports ${target}/`);
      }
    }
    expect(violations).toEqual([]);
  });
});
