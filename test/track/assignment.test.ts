// The Jonker–Volgenant shortest-augmenting-path solver against brute-force enumeration of every
// assignment (fast-check), on dense, rectangular, sparse and infeasible problems.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AssignmentSolver, solveDense } from '../../src/track/index.js';

/** Minimum total over all matchings covering min(nr, nc) pairs; NaN if none exists. */
function bruteForce(cost: number[], nr: number, nc: number): number {
  const transpose = nr > nc;
  const R = transpose ? nc : nr;
  const C = transpose ? nr : nc;
  const at = (i: number, j: number) => (transpose ? cost[j * nc + i] : cost[i * nc + j]);
  const used = new Array<boolean>(C).fill(false);
  let best = Infinity;
  const rec = (i: number, acc: number) => {
    if (i === R) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < C; j++) {
      const v = at(i, j);
      if (used[j] || !Number.isFinite(v)) continue;
      used[j] = true;
      rec(i + 1, acc + v);
      used[j] = false;
    }
  };
  rec(0, 0);
  return best === Infinity ? NaN : best;
}

const problem = fc
  .record({ nr: fc.integer({ min: 1, max: 6 }), nc: fc.integer({ min: 1, max: 6 }) })
  .chain(({ nr, nc }) =>
    fc.record({
      nr: fc.constant(nr),
      nc: fc.constant(nc),
      cost: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
          { weight: 1, arbitrary: fc.constant(Infinity) },
        ),
        { minLength: nr * nc, maxLength: nr * nc },
      ),
    }),
  );

describe('JV assignment = brute force', () => {
  it('dense and rectangular problems with forbidden entries (any shape)', () => {
    fc.assert(
      fc.property(problem, ({ nr, nc, cost }) => {
        const expected = bruteForce(cost, nr, nc);
        const { rowAssign, total } = solveDense(cost, nr, nc);
        if (Number.isNaN(expected)) {
          expect(total).toBeNaN();
          return;
        }
        expect(Math.abs(total - expected)).toBeLessThan(1e-9);
        // the returned assignment is a valid matching with that total
        const seen = new Set<number>();
        let sum = 0;
        let pairs = 0;
        rowAssign.forEach((j, i) => {
          if (j < 0) return;
          expect(seen.has(j)).toBe(false);
          seen.add(j);
          sum += cost[i * nc + j];
          pairs++;
        });
        expect(pairs).toBe(Math.min(nr, nc));
        expect(Math.abs(sum - expected)).toBeLessThan(1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('sparse GNN-shaped problems: detections + one private "missed" column per track', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 0, max: 20, noNaN: true }), ({ nr, nc, cost }, miss) => {
        // rows = tracks, columns = nc detections + nr dummies (track i may only use dummy nc+i)
        const C = nc + nr;
        const dense = new Array<number>(nr * C).fill(Infinity);
        for (let i = 0; i < nr; i++) {
          for (let j = 0; j < nc; j++) dense[i * C + j] = cost[i * nc + j];
          dense[i * C + nc + i] = miss;
        }
        const rowStart = new Int32Array(nr + 1);
        const col: number[] = [];
        const c: number[] = [];
        for (let i = 0; i < nr; i++) {
          rowStart[i] = col.length;
          for (let j = 0; j < C; j++) {
            if (Number.isFinite(dense[i * C + j])) {
              col.push(j);
              c.push(dense[i * C + j]);
            }
          }
        }
        rowStart[nr] = col.length;
        const ra = new Int32Array(nr);
        const ca = new Int32Array(C);
        const total = new AssignmentSolver().solve(nr, C, rowStart, Int32Array.from(col), Float64Array.from(c), ra, ca);
        expect(Math.abs(total - bruteForce(dense, nr, C))).toBeLessThan(1e-9);
        for (let i = 0; i < nr; i++) expect(ca[ra[i]]).toBe(i);
      }),
      { numRuns: 300 },
    );
  });

  it('reuses its workspace across problems of different sizes', () => {
    const s = new AssignmentSolver();
    const solve = (cost: number[][]) => {
      const nr = cost.length;
      const nc = cost[0].length;
      const rowStart = Int32Array.from({ length: nr + 1 }, (_, i) => i * nc);
      const col = Int32Array.from({ length: nr * nc }, (_, e) => e % nc);
      const ra = new Int32Array(nr);
      return { total: s.solve(nr, nc, rowStart, col, Float64Array.from(cost.flat()), ra, new Int32Array(nc)), ra: Array.from(ra) };
    };
    // 3×3: the optimum picks (0,1), (1,0), (2,2): 1 + 2 + 2 = 5
    expect(solve([[4, 1, 3], [2, 0, 5], [3, 2, 2]])).toEqual({ total: 5, ra: [1, 0, 2] });
    expect(solve([[7]]).total).toBe(7);
    expect(solve([[1, 2, 3, 4], [2, 4, 6, 8]]).total).toBe(4); // 2 + 2 (row 0 → col 1, row 1 → col 0)
  });
});
