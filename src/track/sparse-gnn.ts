/**
 * A gated global-nearest-neighbour (GNN) assignment problem in sparse form, as the force picture
 * tracker (picture-tracker.ts) and the space-IR tracker (ir-tracker.ts) build it: one row per
 * track holding the observations inside its gate (column, cost), followed by a private "miss"
 * column of its own at the cost of not taking any (Blackman & Popoli, "Design and Analysis of
 * Modern Tracking Systems", 1999, §6.3: the track-to-observation problem augmented with one
 * dummy column per track, so that every row can always be assigned). Columns 0..nColumns−1 are
 * the observations; row r's miss column is nColumns + r. The problem is solved optimally by the
 * sparse Jonker–Volgenant `AssignmentSolver` (assignment.ts).
 *
 * Buffers grow and are reused (no allocation per problem once grown): both trackers build one or
 * more problems per scan or frame. Hand-written because it is the per-scan inner loop of the
 * picture tracker.
 *
 * Use: `begin(nColumns)`; per row `add(column, cost)` for each gated observation, optionally
 * `sortRowByColumn()`, then `endRow(missCost)`; `solve(solver)`; read `rowAssign[r]` (a column,
 * ≥ nColumns for the row's miss column) and `colAssign[c]` (a row or −1).
 */
import type { AssignmentSolver } from './assignment.js';

export class GatedAssignment {
  /** Number of rows ended since `begin`. */
  rows = 0;
  /** Number of entries (gated observations and miss columns) since `begin`. */
  entries = 0;
  /** Observation columns of this problem (set by `begin`). */
  columns = 0;
  /** Row r's entries are [rowStart[r], rowStart[r + 1]). */
  rowStart = new Int32Array(64);
  col = new Int32Array(64);
  cost = new Float64Array(64);
  /** After `solve`: the column of each row (first `rows` valid). */
  rowAssign = new Int32Array(64);
  /** After `solve`: the row of each column or −1 (first `columns + rows` valid). */
  colAssign = new Int32Array(64);

  /** Starts a new problem over `nColumns` observation columns. */
  begin(nColumns: number): void {
    this.rows = 0;
    this.entries = 0;
    this.columns = nColumns;
    this.rowStart[0] = 0;
  }

  /** Entries added to the row being built (not yet ended). */
  get rowEntries(): number {
    return this.entries - this.rowStart[this.rows];
  }

  /** Adds a gated observation to the row being built. */
  add(column: number, cost: number): void {
    const e = this.entries;
    if (e >= this.col.length) this.growEntries(e + 1);
    this.col[e] = column;
    this.cost[e] = cost;
    this.entries = e + 1;
  }

  /** Sorts the row being built by column (stable for distinct columns; insertion sort: rows are short). */
  sortRowByColumn(): void {
    const col = this.col, cost = this.cost, b = this.rowStart[this.rows], e = this.entries;
    for (let k = b + 1; k < e; k++) {
      const c = col[k], v = cost[k];
      let m = k - 1;
      while (m >= b && col[m] > c) { col[m + 1] = col[m]; cost[m + 1] = cost[m]; m--; }
      col[m + 1] = c;
      cost[m + 1] = v;
    }
  }

  /** Ends the row being built with its private miss column at `missCost`; returns the row index. */
  endRow(missCost: number): number {
    const r = this.rows;
    this.add(this.columns + r, missCost);
    this.rows = r + 1;
    if (this.rows + 1 > this.rowStart.length) this.rowStart = growInt(this.rowStart, this.rows + 1);
    this.rowStart[this.rows] = this.entries;
    return r;
  }

  /**
   * Solves the problem optimally. With no rows the solver is not called and every column is
   * unassigned (−1).
   */
  solve(solver: AssignmentSolver): void {
    const nr = this.rows, nc = this.columns + nr;
    if (this.rowAssign.length < nr) this.rowAssign = growInt(this.rowAssign, nr);
    if (this.colAssign.length < nc) this.colAssign = growInt(this.colAssign, nc);
    if (nr === 0) {
      this.colAssign.fill(-1, 0, nc);
      return;
    }
    solver.solve(nr, nc, this.rowStart, this.col, this.cost, this.rowAssign, this.colAssign);
  }

  private growEntries(n: number): void {
    this.col = growInt(this.col, n);
    const cost = new Float64Array(Math.max(n, 2 * this.cost.length));
    cost.set(this.cost);
    this.cost = cost;
  }
}

function growInt(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
