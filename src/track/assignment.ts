/**
 * Optimal rectangular assignment on a sparse cost matrix: the shortest-augmenting-path form of
 * the Jonker–Volgenant algorithm (R. Jonker & A. Volgenant, "A shortest augmenting path algorithm
 * for dense and sparse linear assignment problems", Computing 38 (1987) 325–340), in the
 * rectangular variant of D. F. Crouse, "On implementing 2D rectangular assignment algorithms",
 * IEEE TAES 52(4) 2016 (Alg. 1 — the algorithm behind SciPy's linear_sum_assignment), with
 * Dijkstra restricted to the columns each row actually reaches (sparse rows, as in JV's LAPJVsp).
 *
 * Every row is assigned to exactly one column, each column to at most one row, minimising the
 * summed cost over the entries given (absent entries are forbidden). Costs are shifted by their
 * row minimum first — harmless because every row is assigned exactly once — so the reduced costs
 * Dijkstra needs start non-negative. Work is local: an augmentation only touches the columns
 * reachable by alternating paths from the new row, so sparse gated problems cost ~O(entries).
 */

export class AssignmentSolver {
  private u = new Float64Array(0);
  private v = new Float64Array(0);
  private rowMin = new Float64Array(0);
  private shortest = new Float64Array(0);
  private path = new Int32Array(0);
  private scStamp = new Int32Array(0);
  private touchStamp = new Int32Array(0);
  private remaining = new Int32Array(0);
  private srList = new Int32Array(0);
  private scList = new Int32Array(0);
  private stamp = 0;

  private ensure(nr: number, nc: number): void {
    if (this.u.length < nr) {
      const c = Math.max(nr, 2 * this.u.length, 16);
      this.u = new Float64Array(c);
      this.rowMin = new Float64Array(c);
      this.srList = new Int32Array(c);
    }
    if (this.v.length < nc) {
      const c = Math.max(nc, 2 * this.v.length, 16);
      this.v = new Float64Array(c);
      this.shortest = new Float64Array(c);
      this.path = new Int32Array(c);
      this.scStamp = new Int32Array(c);
      this.touchStamp = new Int32Array(c);
      this.remaining = new Int32Array(c);
      this.scList = new Int32Array(c);
      this.stamp = 0;
    }
  }

  /**
   * Solve. Row i's entries are e in [rowStart[i], rowStart[i+1]): column col[e], cost cost[e].
   * Writes rowAssign[i] (column) and colAssign[j] (row or −1). Returns the total cost, or NaN if
   * some row cannot be assigned (no complete assignment exists).
   */
  solve(
    nr: number, nc: number, rowStart: Int32Array, col: Int32Array, cost: Float64Array,
    rowAssign: Int32Array, colAssign: Int32Array,
  ): number {
    this.ensure(nr, nc);
    const { u, v, rowMin, shortest, path, scStamp, touchStamp, remaining, srList, scList } = this;
    u.fill(0, 0, nr);
    v.fill(0, 0, nc);
    rowAssign.fill(-1, 0, nr);
    colAssign.fill(-1, 0, nc);
    for (let i = 0; i < nr; i++) {
      let mn = Infinity;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) if (cost[e] < mn) mn = cost[e];
      if (mn === Infinity) return NaN;
      rowMin[i] = mn;
    }
    for (let cur = 0; cur < nr; cur++) {
      // Stamps mark "scanned"/"touched" for this row's search without clearing arrays.
      if (++this.stamp === 0x7fffffff) {
        scStamp.fill(0);
        touchStamp.fill(0);
        this.stamp = 1;
      }
      const stamp = this.stamp;
      let nRemaining = 0;
      let nSR = 0;
      let nSC = 0;
      let minVal = 0;
      let i = cur;
      let sink = -1;
      while (sink < 0) {
        srList[nSR++] = i;
        const ui = u[i];
        const ri = rowMin[i];
        for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
          const j = col[e];
          if (scStamp[j] === stamp) continue;
          const r = minVal + (cost[e] - ri) - ui - v[j];
          if (touchStamp[j] !== stamp) {
            touchStamp[j] = stamp;
            remaining[nRemaining++] = j;
            shortest[j] = r;
            path[j] = i;
          } else if (r < shortest[j]) {
            shortest[j] = r;
            path[j] = i;
          }
        }
        // Closest unscanned column; on ties prefer a free one (ends the search sooner).
        let lowest = Infinity;
        let kBest = -1;
        for (let k = 0; k < nRemaining; k++) {
          const j = remaining[k];
          const s = shortest[j];
          if (s < lowest || (s === lowest && colAssign[j] < 0)) {
            lowest = s;
            kBest = k;
          }
        }
        if (kBest < 0) return NaN; // no augmenting path: infeasible
        const j = remaining[kBest];
        remaining[kBest] = remaining[--nRemaining];
        minVal = lowest;
        scStamp[j] = stamp;
        scList[nSC++] = j;
        if (colAssign[j] < 0) sink = j;
        else i = colAssign[j];
      }
      // Dual update (Crouse 2016, Alg. 1 steps 4–5).
      u[cur] += minVal;
      for (let k = 1; k < nSR; k++) {
        const r = srList[k];
        u[r] += minVal - shortest[rowAssign[r]];
      }
      for (let k = 0; k < nSC; k++) {
        const j = scList[k];
        v[j] -= minVal - shortest[j];
      }
      // Augment along the alternating path back to `cur`.
      let j = sink;
      for (;;) {
        const r = path[j];
        colAssign[j] = r;
        const prev = rowAssign[r];
        rowAssign[r] = j;
        j = prev;
        if (r === cur) break;
      }
    }
    let total = 0;
    for (let i = 0; i < nr; i++) {
      const j = rowAssign[i];
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        if (col[e] === j) {
          total += cost[e];
          break;
        }
      }
    }
    return total;
  }
}

/**
 * Dense rectangular assignment (any shape): minimise Σ cost[i][j] over a matching that covers
 * min(rows, cols) pairs. `cost` is row-major nr×nc; non-finite entries are forbidden. Returns the
 * row→column map (−1 for unmatched rows when nr > nc) and the total, NaN if infeasible.
 * Allocates; for metrics and tests.
 */
export function solveDense(cost: ArrayLike<number>, nr: number, nc: number): { rowAssign: Int32Array; total: number } {
  const transpose = nr > nc;
  const R = transpose ? nc : nr;
  const C = transpose ? nr : nc;
  const rowStart = new Int32Array(R + 1);
  const col = new Int32Array(R * C);
  const c = new Float64Array(R * C);
  let e = 0;
  for (let i = 0; i < R; i++) {
    rowStart[i] = e;
    for (let j = 0; j < C; j++) {
      const v = transpose ? cost[j * nc + i] : cost[i * nc + j];
      if (!Number.isFinite(v)) continue;
      col[e] = j;
      c[e] = v;
      e++;
    }
  }
  rowStart[R] = e;
  const ra = new Int32Array(R);
  const ca = new Int32Array(C);
  const total = new AssignmentSolver().solve(R, C, rowStart, col, c, ra, ca);
  if (!transpose) return { rowAssign: ra, total };
  return { rowAssign: ca, total };
}
