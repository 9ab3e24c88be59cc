// The outer-approximation bound of the asset-based WTA (src/decide/wta/assetOa.ts). References
// outside the solver's code: brute force over all (T+1)^W assignments on F written here from the
// definition F = Σ_k W_k (1 − Π_{j: a(j)=k} (1 − π_j Π_i (1 − p_ij)^x_ij)) + Σ_{fires} c_i
// (Hosein & Athans 1990), and hand-worked cases with π = 1 and p ∈ {0, 1}.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetInstance, assetModel, createAssetWtaInstance, type AssetWtaInstance } from '../../src/decide/wta/asset.js';
import { solveAssetWtaExact } from '../../src/decide/wta/assetExact.js';
import { stream } from '../../src/math/rng.js';
import { solveAssetOa } from '../../src/decide/wta/assetOa.js';
import { loadHighs } from '../../src/decide/wta/exact.js';

interface Plain {
  assetValues: number[];
  aims: number[];
  lethality: number[];
  pk: number[][];
  feasible?: boolean[][];
  cost?: number[];
}

function plainF(p: Plain, a: readonly number[]): number {
  let f = 0;
  for (let k = 0; k < p.assetValues.length; k++) {
    let surv = 1;
    for (let j = 0; j < p.aims.length; j++) {
      if (p.aims[j] !== k) continue;
      let s = 1;
      for (let i = 0; i < a.length; i++) if (a[i] === j) s *= 1 - p.pk[i]![j]!;
      surv *= 1 - p.lethality[j]! * s;
    }
    f += p.assetValues[k]! * (1 - surv);
  }
  for (let i = 0; i < a.length; i++) if (a[i]! >= 0) f += p.cost?.[i] ?? 0;
  return f;
}

function bruteForce(p: Plain): number {
  const W = p.pk.length;
  const T = p.aims.length;
  const a = new Array<number>(W).fill(-1);
  let best = Infinity;
  for (;;) {
    let ok = true;
    for (let i = 0; i < W && ok; i++) if (a[i]! >= 0 && p.feasible && !p.feasible[i]![a[i]!]) ok = false;
    if (ok) best = Math.min(best, plainF(p, a));
    let k = 0;
    while (k < W && a[k] === T - 1) a[k++] = -1;
    if (k === W) break;
    a[k]!++;
  }
  return best;
}

function toInstance(p: Plain): AssetWtaInstance {
  return createAssetWtaInstance({
    assets: { values: p.assetValues },
    aims: p.aims,
    lethality: p.lethality,
    pk: p.pk,
    ...(p.feasible ? { feasible: p.feasible } : {}),
    ...(p.cost ? { reserveValue: p.cost } : {}),
  });
}

// probabilities with the edge values 0 and 1 drawn often (π = 1: a surviving target surely kills its
// asset; p = 1: one shot surely kills; p = 0: a useless shot)
const prob = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(0, 1) }, { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) });

const smallPlain = (mask: boolean): fc.Arbitrary<{ p: Plain; a: number[] }> =>
  fc.integer({ min: 1, max: 4 }).chain((W) =>
    fc.integer({ min: 1, max: 4 }).chain((T) =>
      fc.integer({ min: 1, max: 2 }).chain((K) =>
        fc.record({
          p: fc.record({
            assetValues: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 100, noNaN: true })), { minLength: K, maxLength: K }),
            aims: fc.array(fc.integer({ min: 0, max: K - 1 }), { minLength: T, maxLength: T }),
            lethality: fc.array(prob, { minLength: T, maxLength: T }),
            pk: fc.array(fc.array(prob, { minLength: T, maxLength: T }), { minLength: W, maxLength: W }),
            ...(mask
              ? {
                  feasible: fc.array(fc.array(fc.boolean(), { minLength: T, maxLength: T }), { minLength: W, maxLength: W }),
                  cost: fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: W, maxLength: W }),
                }
              : {}),
          }),
          // an arbitrary (possibly poor or infeasible-pair) starting assignment
          a: fc.array(fc.integer({ min: -1, max: T - 1 }), { minLength: W, maxLength: W }),
        }),
      ),
    ),
  );

const noLimit = { expired: () => false, remaining: () => Infinity };

describe('asset-based WTA: outer-approximation bound', () => {
  it('one round (no refinement): lower bound ≤ brute-force optimum; the incumbent is evaluated exactly', async () => {
    const highs = await loadHighs();
    await fc.assert(
      fc.asyncProperty(smallPlain(true), async ({ p, a }) => {
        const best = bruteForce(p);
        const inst = toInstance(p);
        const m = assetModel(inst);
        const start = Int32Array.from(a, (j, i) => (j >= 0 && p.feasible && !p.feasible[i]![j] ? -1 : j));
        const r = await solveAssetOa(highs, m, start, { ...noLimit, maxRounds: 1 });
        expect(r.lowerBound).toBeLessThanOrEqual(best + 1e-9 * Math.max(1, best));
        expect(Math.abs(r.objective - plainF(p, Array.from(r.assignment)))).toBeLessThanOrEqual(1e-9 * Math.max(1, best));
        expect(r.objective).toBeGreaterThanOrEqual(best - 1e-9 * Math.max(1, best));
      }),
      { numRuns: 60, seed: 1986 },
    );
  }, 120_000);

  it('refined to convergence: proves the brute-force optimum (π and p including 0 and 1)', async () => {
    const highs = await loadHighs();
    await fc.assert(
      fc.asyncProperty(smallPlain(false), async ({ p, a }) => {
        const best = bruteForce(p);
        const m = assetModel(toInstance(p));
        const r = await solveAssetOa(highs, m, Int32Array.from(a), { ...noLimit, maxRounds: 100 });
        const tol = 1e-9 * Math.max(1, best);
        expect(r.lowerBound).toBeLessThanOrEqual(best + tol);
        // converged: the bound meets the optimum (up to the bound's safety margin on tiny objectives)
        // (the bound keeps a safety margin of 1e-8 · (MIP columns + 1 + Σ W_k) for HiGHS's tolerances;
        // MIP columns: W·T + T + K + 2 per breakpoint, ≤ 60 per asset here)
        const margin = 1e-8 * (p.pk.length * p.aims.length + p.aims.length + 60 * p.assetValues.length + 1 + p.assetValues.reduce((x, y) => x + y, 0));
        expect(r.objective - r.lowerBound).toBeLessThanOrEqual(1e-6 * best + margin);
        expect(Math.abs(r.objective - best)).toBeLessThanOrEqual(1e-6 * Math.max(1, best));
        expect(Math.abs(plainF(p, Array.from(r.assignment)) - best)).toBeLessThanOrEqual(1e-6 * Math.max(1, best));
      }),
      { numRuns: 60, seed: 2004 },
    );
  }, 180_000);

  it('hand-worked: π = 1 targets, sure-kill and useless weapons', async () => {
    const highs = await loadHighs();
    // One asset (W = 10) attacked by two lethal targets (π = 1). Weapon 0 kills target 0 surely
    // (p = 1), weapon 1 has p = 0.5 on target 1, weapon 2 is useless (p = 0). Best: 0→0, 1→1:
    // P = (1 − 0)(1 − 0.5) = 0.5, F = 10 (1 − 0.5) = 5. Leaving either target alone gives F = 10.
    const p: Plain = { assetValues: [10], aims: [0, 0], lethality: [1, 1], pk: [[1, 0], [0, 0.5], [0, 0]] };
    const m = assetModel(toInstance(p));
    const r0 = await solveAssetOa(highs, m, Int32Array.from([-1, -1, -1]), { ...noLimit, maxRounds: 1 });
    expect(r0.lowerBound).toBeLessThanOrEqual(5 + 1e-9);
    const r = await solveAssetOa(highs, m, Int32Array.from([-1, -1, -1]), { ...noLimit, maxRounds: 50 });
    expect(r.objective).toBeCloseTo(5, 12);
    expect(r.lowerBound).toBeGreaterThanOrEqual(5 * (1 - 1e-6));
    expect(Array.from(r.assignment).slice(0, 2)).toEqual([0, 1]);
  });

  it('exact solver with the plan stage starved (no column generation, 10 pricing nodes, 1 plan): the OA stage still proves the brute-force optimum', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rng = stream(seed, 'wta-asset-oa/starved');
      const inst = assetInstance(5 + (seed % 2), 5, 2 + (seed % 2), () => rng.uniform());
      const p: Plain = {
        assetValues: Array.from(inst.assetValues),
        aims: Array.from(inst.aims),
        lethality: Array.from(inst.lethality),
        pk: Array.from({ length: inst.weapons }, (_, i) => Array.from(inst.pk.subarray(i * inst.targets, (i + 1) * inst.targets))),
      };
      const best = bruteForce(p);
      const r = await solveAssetWtaExact(inst, { maxColumns: 1, pricingNodes: 10, maxCgIterations: 0 });
      expect(r.lowerBound!).toBeLessThanOrEqual(best + 1e-9 * best);
      expect(Math.abs(r.objective - best)).toBeLessThanOrEqual(1e-9 * best);
      expect(r.status).toBe('optimal');
      expect(r.stats.note).toMatch(/outer-approximation MIP closes the gap/);
    }
  }, 120_000);
});
