// The shared column-generation driver (src/decide/wta/colgen.ts) on a problem that is not a WTA:
// each group g has an arbitrary cost table cost_g(S) over weapon subsets S (random, ≥ 0), every
// weapon goes to at most one group, and F(x) = Σ_g cost_g(S_g(x)). The oracle is brute force over
// all (G+1)^W assignments, written from that definition alone.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnPool, cscBlock, solveByColumnGeneration, type ColumnGenerationProblem, type GroupColumn } from '../../src/decide/wta/colgen.js';
import { loadHighs } from '../../src/decide/wta/exact.js';

interface Toy {
  W: number;
  G: number;
  /** table[g][mask]: cost of group g taking the weapons of `mask`. */
  table: number[][];
}

function objective(t: Toy, a: ArrayLike<number>): number {
  let f = 0;
  for (let g = 0; g < t.G; g++) {
    let mask = 0;
    for (let i = 0; i < t.W; i++) if (a[i] === g) mask |= 1 << i;
    f += t.table[g]![mask]!;
  }
  return f;
}

function bruteForce(t: Toy): number {
  const a = new Array<number>(t.W).fill(-1);
  let best = Infinity;
  for (;;) {
    best = Math.min(best, objective(t, a));
    let k = 0;
    while (k < t.W && a[k] === t.G - 1) a[k++] = -1;
    if (k === t.W) return best;
    a[k]!++;
  }
}

const weaponsOf = (mask: number, W: number): number[] => {
  const ws: number[] = [];
  for (let i = 0; i < W; i++) if (mask & (1 << i)) ws.push(i);
  return ws;
};
const maskOf = (ws: ArrayLike<number>, n: number): number => {
  let mask = 0;
  for (let e = 0; e < n; e++) mask |= 1 << ws[e]!;
  return mask;
};

/**
 * The toy as a column-generation problem, with exhaustive pricing and enumeration; pricing offers
 * its `keep` best columns per group (0: none, so only the enumeration and the final MIP can find
 * anything better than the start).
 */
function toyProblem(t: Toy, keep: number): ColumnGenerationProblem {
  const { W, G, table } = t;
  const priced = (g: number, pi: Float64Array, mask: number): number => {
    let h = table[g]![mask]!;
    for (let i = 0; i < W; i++) if (mask & (1 << i)) h += pi[i]!;
    return h;
  };
  let scale = 1;
  for (const row of table) for (const x of row) scale += x;
  return {
    groups: G,
    weapons: W,
    explicitTargets: false,
    scale,
    relEps: 1e-12,
    noun: 'column',
    cost: (g, ws, _ts, n) => table[g]![maskOf(ws, n)]!,
    columnsOf: (a) => {
      const per: GroupColumn[] = Array.from({ length: G }, () => ({ weapons: [], targets: null }));
      for (let i = 0; i < W; i++) if (a[i]! >= 0) per[a[i]!]!.weapons.push(i);
      return per;
    },
    objective: (a) => objective(t, a),
    initialColumns: (offer) => {
      for (let g = 0; g < G; g++) offer(g, [], null, 0);
    },
    centerThetas: [0],
    centerPrices: () => new Float64Array(W),
    price: (pi, sigma, offer) => {
      let L = 0;
      for (let i = 0; i < W; i++) L -= pi[i]!;
      for (let g = 0; g < G; g++) {
        const order = Array.from({ length: 1 << W }, (_, mask) => mask).sort((x, y) => priced(g, pi, x) - priced(g, pi, y) || x - y);
        sigma[g] = priced(g, pi, order[0]!);
        L += sigma[g]!;
        if (offer) for (const mask of order.slice(0, keep)) offer(g, weaponsOf(mask, W), null, weaponsOf(mask, W).length);
      }
      return { L, truncated: 0 };
    },
    enumerate: (g, pi, limit, sink) => {
      for (let mask = 0; mask < 1 << W; mask++) {
        if (priced(g, pi, mask) > limit) continue;
        const ws = weaponsOf(mask, W);
        if (!sink(ws, null, ws.length)) return { complete: false, nodes: 1 << W };
      }
      return { complete: true, nodes: 1 << W };
    },
  };
}

const toy = fc.integer({ min: 1, max: 6 }).chain((W) =>
  fc.integer({ min: 1, max: 3 }).chain((G) =>
    fc.array(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1 << W, maxLength: 1 << W }), { minLength: G, maxLength: G }).map((table) => ({ W, G, table })),
  ),
);

describe('column-generation driver (colgen.ts)', () => {
  it('finds the brute-force optimum of arbitrary set-partitioning costs and proves it, from a poor start', async () => {
    const highs = await loadHighs();
    await fc.assert(
      fc.asyncProperty(toy, fc.constantFrom(0, 1, 50), fc.constantFrom(0, 1, 3), async (t, maxCgIterations, keep) => {
        const best = bruteForce(t);
        const start = new Int32Array(t.W).fill(-1); // hold fire: usually far from optimal
        const r = solveByColumnGeneration(toyProblem(t, keep), {
          highs,
          incumbent: start,
          seeds: [],
          deadline: { expired: () => false, remaining: () => Infinity },
          timed: false,
          maxCgIterations,
          maxColumns: 1e6,
          maxEntries: Infinity,
          repriceTruncated: false,
          tooManyNote: 'too many',
          log: () => {},
        });
        // HiGHS's MIP takes cost differences below its tolerances (mip_feasibility_tolerance 1e-6)
        // as ties: a table whose only nonzero entry is 5e-7 comes back at 5e-7 with bound 5e-7.
        const tol = 2e-6 * Math.max(1, best);
        expect(Math.abs(objective(t, r.assignment) - best)).toBeLessThanOrEqual(tol);
        expect(r.lowerBound).toBeLessThanOrEqual(best + tol);
        expect(r.lowerBound).toBeGreaterThanOrEqual(best - tol);
        for (const x of r.assignment) expect(x >= -1 && x < t.G).toBe(true);
      }),
      { numRuns: 80, seed: 11 },
    );
  });

  it('the pool drops repeated columns and the CSC block lists weapon rows in increasing order', () => {
    const pool = new ColumnPool(true);
    expect(pool.add(1, [3, 0], [2, 4], 2, 7)).toBe(true);
    expect(pool.add(1, [3, 0], [2, 4], 2, 9)).toBe(false); // same plan
    expect(pool.add(1, [3, 0], [2, 5], 2, 9)).toBe(true); // other targets: another plan
    expect(pool.find(1, [3, 0], [2, 5], 2)).toBe(1);
    const blk = cscBlock(pool, 2, 0, pool.size);
    expect(Array.from(blk.starts)).toEqual([0, 3, 6]);
    expect(Array.from(blk.indices)).toEqual([1, 2, 5, 1, 2, 5]); // row g = 1, then weapon rows G + i
    expect(Array.from(blk.cost)).toEqual([7, 9]);
  });
});
