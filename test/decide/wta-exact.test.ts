// The exact WTA solver (HiGHS): optimum = brute force on small instances, rigorous lower bounds,
// proven optimality on the shared samples and an 80×80 Ahuja instance.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { ahujaInstance, checkAssignment, readWtaInstance, solveWta, solveWtaExact, wtaObjective } from '../../src/decide/wta/index.js';
import { stream } from '../../src/math/rng.js';
import { bruteForce, close, plainObjective, smallInstance, toInstance, type PlainInstance } from './wta-oracle.js';

const DATA = '/work/shared/data/wta';

function readPlain(file: string): PlainInstance {
  const inst = readWtaInstance(join(DATA, file));
  const pk: number[][] = [];
  for (let i = 0; i < inst.weapons; i++) pk.push(Array.from(inst.pk.subarray(i * inst.targets, (i + 1) * inst.targets)));
  return { values: Array.from(inst.values), pk };
}

describe('exact WTA solver', () => {
  it('sample_5x4: the brute-force optimum, proven', async () => {
    const p = readPlain('sample_5x4.json');
    const bf = bruteForce(p);
    const r = await solveWtaExact(readWtaInstance(join(DATA, 'sample_5x4.json')));
    expect(close(r.objective, bf.best, 1e-12)).toBe(true);
    expect(r.status).toBe('optimal');
    expect(r.lowerBound!).toBeLessThanOrEqual(bf.best);
    expect(close(plainObjective(p, Array.from(r.assignment)), bf.best, 1e-12)).toBe(true);
  });

  it('optimum = brute force on random instances (W ≤ 6, T ≤ 4), bound ≤ optimum, status optimal', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance(), async (p) => {
        const bf = bruteForce(p);
        const r = await solveWtaExact(toInstance(p));
        expect(close(r.objective, bf.best)).toBe(true);
        expect(r.lowerBound).not.toBeNull();
        expect(r.lowerBound!).toBeLessThanOrEqual(bf.best + 1e-12 * Math.max(1, bf.best));
        expect(r.status).toBe('optimal');
      }),
      { numRuns: 120, seed: 2022 },
    );
  });

  it('with time windows (mask), shot costs and reserve values: still the brute-force optimum', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance({ mask: true, cost: true }), async (p) => {
        const bf = bruteForce(p);
        const inst = toInstance(p);
        const r = await solveWtaExact(inst);
        expect(() => checkAssignment(inst, r.assignment)).not.toThrow();
        expect(close(r.objective, bf.best)).toBe(true);
        expect(r.lowerBound!).toBeLessThanOrEqual(bf.best + 1e-12 * Math.max(1, bf.best));
        expect(r.status).toBe('optimal');
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('the lower bound never exceeds the objective (more weapons than the brute force can take)', async () => {
    // W up to 12: beyond brute force, so only the invariant lowerBound ≤ objective (and both ≥ 0).
    await fc.assert(
      fc.asyncProperty(smallInstance({ maxW: 12, maxT: 6, cost: true }), async (p) => {
        const r = await solveWtaExact(toInstance(p));
        expect(r.lowerBound!).toBeLessThanOrEqual(r.objective);
        expect(close(r.objective, wtaObjective(toInstance(p), r.assignment), 1e-15)).toBe(true);
      }),
      { numRuns: 60, seed: 99 },
    );
  });

  for (const f of ['sample_12x12.json', 'sample_30x20.json']) {
    it(`${f}: status optimal`, async () => {
      const inst = readWtaInstance(join(DATA, f));
      const r = await solveWtaExact(inst);
      expect(r.status).toBe('optimal');
      expect((r.objective - r.lowerBound!) / r.objective).toBeLessThanOrEqual(1e-6);
      expect(r.objective).toBeLessThanOrEqual(r.stats.heuristicObjective!);
      expect(() => checkAssignment(inst, r.assignment)).not.toThrow();
    });
  }

  it('an 80×80 Ahuja instance is proven optimal', async () => {
    const rng = stream(2026, 'test/wta/80x80');
    const inst = ahujaInstance(80, 80, () => rng.uniform());
    const r = await solveWtaExact(inst);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeLessThanOrEqual(r.stats.heuristicObjective!);
  });

  it('with a tiny time limit it still returns a feasible assignment and a valid bound', async () => {
    const rng = stream(7, 'test/wta/limit');
    const inst = ahujaInstance(150, 100, () => rng.uniform());
    let t = 0;
    // a fake clock that jumps 1 s per reading: the deadline passes almost at once
    const r = await solveWtaExact(inst, { timeLimit: 2, clock: () => (t += 1) });
    expect(() => checkAssignment(inst, r.assignment)).not.toThrow();
    if (r.lowerBound !== null) expect(r.lowerBound).toBeLessThanOrEqual(r.objective);
    expect(r.objective).toBeLessThanOrEqual(r.stats.greedyObjective!);
  });

  it('solveWta dispatches the methods', async () => {
    const inst = readWtaInstance(join(DATA, 'sample_12x12.json'));
    const [g, h, e] = await Promise.all([solveWta(inst, { method: 'greedy' }), solveWta(inst, { method: 'heuristic' }), solveWta(inst)]);
    expect(g.stats.method).toBe('greedy');
    expect(h.stats.method).toBe('heuristic');
    expect(e.stats.method).toBe('exact');
    expect(e.objective).toBeLessThanOrEqual(h.objective);
    expect(h.objective).toBeLessThanOrEqual(g.objective);
  });
});
