// The gated GNN problem builder (sparse-gnn.ts) against exhaustive enumeration: every row takes a
// distinct gated observation or its own miss column, and the solution's total cost is the least
// over all such assignments (fast-check); rows sorted by column; no rows leaves every column free.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AssignmentSolver } from '../../src/track/assignment.js';
import { GatedAssignment } from '../../src/track/sparse-gnn.js';

interface Row { gated: { col: number; cost: number }[]; miss: number }

/** Least total cost: each row takes one of its gated columns (distinct across rows) or its miss. */
function bruteForce(rows: Row[]): number {
  let best = Infinity;
  const used = new Set<number>();
  const rec = (r: number, acc: number): void => {
    if (r === rows.length) { best = Math.min(best, acc); return; }
    rec(r + 1, acc + rows[r].miss);
    for (const { col, cost } of rows[r].gated) {
      if (used.has(col)) continue;
      used.add(col);
      rec(r + 1, acc + cost);
      used.delete(col);
    }
  };
  rec(0, 0);
  return best;
}

const problem = fc.integer({ min: 1, max: 6 }).chain((nColumns) =>
  fc.record({
    nColumns: fc.constant(nColumns),
    rows: fc.array(
      fc.record({
        gated: fc.uniqueArray(fc.record({ col: fc.integer({ min: 0, max: nColumns - 1 }), cost: fc.double({ min: -20, max: 20, noNaN: true }) }), {
          selector: (e) => e.col, maxLength: nColumns,
        }),
        miss: fc.double({ min: -20, max: 20, noNaN: true }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);

describe('GatedAssignment (gated GNN with a private miss column per row)', () => {
  it('solves to the exhaustive optimum; assignments are consistent and each row takes a gated or its own miss column', () => {
    const g = new GatedAssignment();
    const solver = new AssignmentSolver();
    fc.assert(
      fc.property(problem, ({ nColumns, rows }) => {
        g.begin(nColumns);
        for (const row of rows) {
          for (const e of row.gated) g.add(e.col, e.cost);
          g.sortRowByColumn();
          g.endRow(row.miss);
        }
        expect(g.rows).toBe(rows.length);
        g.solve(solver);
        let total = 0;
        const taken = new Set<number>();
        for (let r = 0; r < rows.length; r++) {
          // entries sorted by column, miss column last
          const cols = Array.from(g.col.subarray(g.rowStart[r], g.rowStart[r + 1]));
          expect(cols[cols.length - 1]).toBe(nColumns + r);
          expect(cols.slice(0, -1)).toEqual([...rows[r].gated.map((e) => e.col)].sort((a, b) => a - b));
          const c = g.rowAssign[r];
          expect(taken.has(c)).toBe(false);
          taken.add(c);
          expect(g.colAssign[c]).toBe(r);
          if (c === nColumns + r) total += rows[r].miss;
          else {
            const e = rows[r].gated.find((x) => x.col === c);
            expect(e).toBeDefined();
            total += e!.cost;
          }
        }
        for (let c = 0; c < nColumns; c++) if (!taken.has(c)) expect(g.colAssign[c]).toBe(-1);
        expect(total).toBeCloseTo(bruteForce(rows), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('with no rows leaves every column unassigned without calling the solver', () => {
    const g = new GatedAssignment();
    g.begin(3);
    g.add(0, 1); // stray entries never ended into a row are ignored
    g.begin(5);
    g.colAssign.fill(7);
    let called = false;
    g.solve({ solve: () => { called = true; return 0; } } as unknown as AssignmentSolver);
    expect(called).toBe(false);
    expect(Array.from(g.colAssign.subarray(0, 5))).toEqual([-1, -1, -1, -1, -1]);
  });

  it('prefers the miss column when every gated entry costs more (a hand-worked 2 × 2 case)', () => {
    // Row 0: col 0 at 5, miss at 3 → miss. Row 1: col 0 at 1, col 1 at 4, miss at 2 → col 0.
    const g = new GatedAssignment();
    g.begin(2);
    g.add(0, 5); g.endRow(3);
    g.add(1, 4); g.add(0, 1); g.sortRowByColumn(); g.endRow(2);
    g.solve(new AssignmentSolver());
    expect([g.rowAssign[0], g.rowAssign[1]]).toEqual([2, 0]);
    expect([g.colAssign[0], g.colAssign[1]]).toEqual([1, -1]);
  });
});
