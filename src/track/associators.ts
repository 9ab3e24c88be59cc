/**
 * Data association. Equations: docs/models/tracking.md §Association.
 *
 * Both associators score a (track i, detection j) pairing by the likelihood ratio of "j is i's
 * detection" against "j is clutter":  ℓ_ij = P_D · N(ν_ij; 0, S_ij) / λ,  and "i is not
 * detected (in its gate)" by  b = 1 − P_D·P_G  (Bar-Shalom, Daum & Huang, "The probabilistic data
 * association filter", IEEE Control Systems 29(6) 2009, eqs. 31–36; Blackman & Popoli 1999 §6.4).
 *
 *  - GNN: the most likely joint assignment — minimise Σ −ln ℓ_ij over assigned pairs plus −ln b
 *    per unassigned track — solved exactly as a sparse rectangular assignment (tracks × (detections
 *    + one "missed" column per track)) with the Jonker–Volgenant shortest augmenting path.
 *  - JPDA: marginal association probabilities β_ij over all feasible joint events of each
 *    cluster of tracks linked by shared gated detections (Fortmann, Bar-Shalom & Scheffe, IEEE
 *    J. Oceanic Eng. 8(3) 1983). Exact enumeration when the cluster's event count is small,
 *    otherwise loopy belief propagation (Williams & Lau, "Approximate evaluation of marginal
 *    association probabilities with belief propagation", IEEE TAES 50(4) 2014), which is exact on
 *    trees and very accurate in practice.
 */
import { AssignmentSolver } from './assignment.js';
import type { AssociationContext, AssociationResult, Associator, GateTable } from './types.js';

/** Floor on the clutter density so λ = 0 (no clutter) still gives finite costs. */
const MIN_DENSITY = 1e-30;

export function logLikelihoodRatio(lnG: number, pd: number, clutterDensity: number): number {
  return Math.log(pd) + lnG - Math.log(Math.max(clutterDensity, MIN_DENSITY));
}

export function missLogWeight(pd: number, pg: number): number {
  return Math.log(Math.max(1 - pd * pg, 1e-12));
}

class GlobalNearestNeighbour implements Associator {
  readonly name = 'global nearest neighbour (JV assignment)';
  readonly soft = false;
  private readonly solver = new AssignmentSolver();
  private rowStart = new Int32Array(16);
  private col = new Int32Array(64);
  private cost = new Float64Array(64);
  private rowAssign = new Int32Array(16);
  private colAssign = new Int32Array(64);
  private detRows = new Int32Array(64);
  private conflict = new Int32Array(64);
  private colDet = new Int32Array(64);
  private detStamp = new Int32Array(64);
  private rowShared = new Uint8Array(16);
  private stamp = 0;

  associate(gate: GateTable, rows: Int32Array, nrows: number, ctx: AssociationContext, out: AssociationResult): void {
    if (nrows === 0) return;
    const nd = ctx.detections;
    const lnPd = Math.log(ctx.pd);
    const lnLam = Math.log(Math.max(ctx.clutterDensity, MIN_DENSITY));
    const missCost = -missLogWeight(ctx.pd, ctx.pg);
    const avail = ctx.available;
    if (this.detRows.length < nd) {
      this.detRows = new Int32Array(2 * nd);
      this.detStamp = new Int32Array(2 * nd);
    }
    if (this.conflict.length < nrows) this.conflict = new Int32Array(2 * nrows);
    const { detRows, detStamp } = this;
    const rs = gate.rowStart;
    const det = gate.det;
    const lnG = gate.lnG;
    if (++this.stamp === 0x7fffffff) {
      detStamp.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    // Decomposition: rows whose available gated detections are gated by no other row decide
    // alone (best detection vs miss); only rows sharing a detection go to the assignment solver.
    // Exact: a shared detection makes every row gating it a solver row. One pass: detRows[j]
    // holds the first row (position k) that gated available detection j (valid where
    // detStamp[j] is this call's stamp); a later row gating j marks both rows as sharing.
    // Every row's lone decision is taken on the way (the same comparisons, in the same order,
    // as a second pass would make) and kept only for the rows that end up not sharing.
    if (this.rowShared.length < nrows) this.rowShared = new Uint8Array(2 * nrows);
    const rowShared = this.rowShared;
    const assigned = out.assigned;
    let anyShared = false;
    for (let k = 0; k < nrows; k++) {
      const i = rows[k];
      let shared = 0;
      let best = -1;
      let bestCost = missCost;
      const g1 = rs[i + 1];
      for (let g = rs[i]; g < g1; g++) {
        const j = det[g];
        if (!avail[j]) continue;
        if (detStamp[j] !== stamp) {
          detStamp[j] = stamp;
          detRows[j] = k;
        } else {
          rowShared[detRows[j]] = 1;
          shared = 1;
        }
        const c = -(lnPd + lnG[g] - lnLam);
        if (c < bestCost) {
          bestCost = c;
          best = j;
        }
      }
      rowShared[k] = shared;
      if (shared) anyShared = true;
      assigned[i] = best;
    }
    if (!anyShared) return;
    let nConflict = 0;
    let cap = 0;
    const conflict = this.conflict;
    for (let k = 0; k < nrows; k++) {
      if (rowShared[k] === 0) continue;
      const i = rows[k];
      conflict[nConflict++] = i;
      cap += rs[i + 1] - rs[i] + 1;
    }
    if (nConflict === 0) return;
    const nr = nConflict;
    const crow = this.conflict;
    if (this.rowStart.length < nr + 1) {
      this.rowStart = new Int32Array(2 * nr + 1);
      this.rowAssign = new Int32Array(2 * nr + 1);
    }
    if (this.col.length < cap) {
      this.col = new Int32Array(2 * cap);
      this.cost = new Float64Array(2 * cap);
      this.colDet = new Int32Array(2 * cap);
    }
    // Columns of the sub-problem: the detections its rows gate, numbered locally in order of
    // first appearance (detRows[j] is reused as j's local column + 1, negated), then one
    // "not detected" column per row — so the solver's work and buffers scale with the conflict
    // rows' entries, not with the scan's detections.
    const { rowStart, col, cost, rowAssign, colDet } = this;
    let nLocal = 0;
    for (let k = 0; k < nr; k++) {
      const i = crow[k];
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) {
        const j = gate.det[g];
        if (!avail[j] || detRows[j] < 0) continue;
        detRows[j] = -(++nLocal);
        colDet[nLocal - 1] = j;
      }
    }
    const ncols = nLocal + nr;
    if (this.colAssign.length < ncols) this.colAssign = new Int32Array(2 * ncols);
    const colAssign = this.colAssign;
    let e = 0;
    for (let k = 0; k < nr; k++) {
      const i = crow[k];
      rowStart[k] = e;
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) {
        const j = gate.det[g];
        if (!avail[j]) continue;
        col[e] = -detRows[j] - 1;
        cost[e] = -(lnPd + gate.lnG[g] - lnLam);
        e++;
      }
      col[e] = nLocal + k; // this track's own "not detected" column
      cost[e] = missCost;
      e++;
    }
    rowStart[nr] = e;
    this.solver.solve(nr, ncols, rowStart, col, cost, rowAssign, colAssign);
    for (let k = 0; k < nr; k++) {
      const c = rowAssign[k];
      out.assigned[crow[k]] = c < nLocal ? colDet[c] : -1;
    }
  }
}

/** Global nearest neighbour association by optimal (JV) assignment. */
export function globalNearestNeighbour(): Associator {
  return new GlobalNearestNeighbour();
}

export interface JpdaOptions {
  /** Largest number of joint events enumerated exactly per cluster (default 20 000). */
  maxExactEvents?: number;
  /** Belief-propagation iterations and tolerance (defaults 200, 1e-10). */
  maxIterations?: number;
  tolerance?: number;
}

class Jpda implements Associator {
  readonly name = 'JPDA (exact per cluster, loopy BP for large clusters)';
  readonly soft = true;
  private readonly maxExact: number;
  private readonly maxIter: number;
  private readonly tol: number;
  private parent = new Int32Array(64);
  private clusterOf = new Int32Array(64);
  private order = new Int32Array(64);
  private clusterStart = new Int32Array(64);
  private psi = new Float64Array(64); // per gate entry, row-normalised ℓ/b
  private used = new Uint8Array(64);
  private choice = new Int32Array(64);
  private nu = new Float64Array(64);
  private mu = new Float64Array(64);
  private detSum = new Float64Array(64);
  private rowScale = new Float64Array(64);
  private cid = new Int32Array(64);
  private fillPos = new Int32Array(64);
  private total = 0;
  private cRows: Int32Array = new Int32Array(0);
  private cBase = 0;
  private cCount = 0;
  private gate: GateTable | null = null;
  private avail: Uint8Array = new Uint8Array(0);
  private out: AssociationResult | null = null;

  constructor(o: JpdaOptions) {
    this.maxExact = o.maxExactEvents ?? 20000;
    this.maxIter = o.maxIterations ?? 200;
    this.tol = o.tolerance ?? 1e-10;
  }

  private find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  associate(gate: GateTable, rows: Int32Array, nrows: number, ctx: AssociationContext, out: AssociationResult): void {
    if (nrows === 0) return;
    const nd = ctx.detections;
    const nodes = nrows + nd;
    if (this.parent.length < nodes) {
      this.parent = new Int32Array(2 * nodes);
      this.clusterOf = new Int32Array(2 * nodes);
    }
    if (this.order.length < nrows + 1) {
      this.order = new Int32Array(2 * nrows + 1);
      this.clusterStart = new Int32Array(2 * nrows + 2);
      this.choice = new Int32Array(2 * nrows + 1);
    }
    if (this.psi.length < gate.nnz) {
      this.psi = new Float64Array(2 * gate.nnz);
      this.mu = new Float64Array(2 * gate.nnz);
      this.nu = new Float64Array(2 * gate.nnz);
    }
    if (this.used.length < nd) {
      this.used = new Uint8Array(2 * nd);
      this.detSum = new Float64Array(2 * nd);
    }
    const { parent, psi } = this;
    const avail = ctx.available;
    const lnPd = Math.log(ctx.pd);
    const lnLam = Math.log(Math.max(ctx.clutterDensity, MIN_DENSITY));
    const lnB = missLogWeight(ctx.pd, ctx.pg);
    for (let k = 0; k < nodes; k++) parent[k] = k;
    // ψ_e = ℓ_e / b per entry (row-normalised: scaling a row by a constant leaves β unchanged)
    for (let k = 0; k < nrows; k++) {
      const i = rows[k];
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) {
        const j = gate.det[g];
        out.beta[g] = 0;
        if (!avail[j]) {
          psi[g] = 0;
          continue;
        }
        psi[g] = Math.exp(Math.min(lnPd + gate.lnG[g] - lnLam - lnB, 600));
        const a = this.find(k);
        const b = this.find(nrows + j);
        if (a !== b) parent[a] = b;
      }
    }
    // Group rows by cluster root (counting sort).
    const { clusterOf, order, clusterStart } = this;
    for (let k = 0; k < nodes; k++) clusterOf[k] = -1;
    let nc = 0;
    if (this.cid.length < nrows) this.cid = new Int32Array(2 * nrows);
    const cid = this.cid;
    for (let k = 0; k < nrows; k++) {
      const r = this.find(k);
      if (clusterOf[r] < 0) clusterOf[r] = nc++;
      cid[k] = clusterOf[r];
    }
    clusterStart.fill(0, 0, nc + 1);
    for (let k = 0; k < nrows; k++) clusterStart[cid[k] + 1]++;
    for (let c = 0; c < nc; c++) clusterStart[c + 1] += clusterStart[c];
    if (this.fillPos.length < nc) this.fillPos = new Int32Array(2 * nc);
    const fillPos = this.fillPos;
    for (let c = 0; c < nc; c++) fillPos[c] = clusterStart[c];
    for (let k = 0; k < nrows; k++) order[fillPos[cid[k]]++] = rows[k];
    this.gate = gate;
    this.avail = avail;
    this.out = out;
    for (let c = 0; c < nc; c++) {
      const s = clusterStart[c];
      const e = clusterStart[c + 1];
      this.solveCluster(order, s, e - s);
    }
  }

  private solveCluster(rowsArr: Int32Array, base: number, count: number): void {
    const gate = this.gate!;
    const out = this.out!;
    const psi = this.psi;
    if (count === 1) {
      // Single-track PDA: β_e = ψ_e / (1 + Σψ), β₀ = 1 / (1 + Σψ).
      const i = rowsArr[base];
      let s = 1;
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) s += psi[g];
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) out.beta[g] = psi[g] / s;
      out.beta0[i] = 1 / s;
      return;
    }
    let events = 1;
    for (let k = 0; k < count && events <= this.maxExact; k++) {
      const i = rowsArr[base + k];
      let deg = 1;
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) if (psi[g] > 0) deg++;
      events *= deg;
    }
    if (events <= this.maxExact) this.exact(rowsArr, base, count);
    else this.beliefPropagation(rowsArr, base, count);
  }

  /** Enumerate every feasible joint event (each detection to at most one track). */
  private exact(rowsArr: Int32Array, base: number, count: number): void {
    const out = this.out!;
    const gate = this.gate!;
    this.cRows = rowsArr;
    this.cBase = base;
    this.cCount = count;
    this.total = 0;
    if (this.rowScale.length < count) this.rowScale = new Float64Array(2 * count);
    for (let k = 0; k < count; k++) {
      const i = rowsArr[base + k];
      out.beta0[i] = 0;
      // Scale each row by 1/max(1, max ψ): every event holds one choice per row, so this cancels
      // in β and keeps products of many large ratios from overflowing.
      let mx = 1;
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) if (this.psi[g] > mx) mx = this.psi[g];
      this.rowScale[k] = 1 / mx;
    }
    this.enumerate(0, 1);
    const inv = 1 / this.total;
    for (let k = 0; k < count; k++) {
      const i = rowsArr[base + k];
      out.beta0[i] *= inv;
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) out.beta[g] *= inv;
    }
  }

  private enumerate(depth: number, w: number): void {
    const out = this.out!;
    if (depth === this.cCount) {
      this.total += w;
      for (let k = 0; k < this.cCount; k++) {
        const ch = this.choice[k];
        if (ch < 0) out.beta0[this.cRows[this.cBase + k]] += w;
        else out.beta[ch] += w;
      }
      return;
    }
    const gate = this.gate!;
    const i = this.cRows[this.cBase + depth];
    const sc = this.rowScale[depth];
    this.choice[depth] = -1;
    this.enumerate(depth + 1, w * sc);
    for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) {
      const p = this.psi[g] * sc;
      if (p === 0) continue;
      const j = gate.det[g];
      if (this.used[j]) continue;
      this.used[j] = 1;
      this.choice[depth] = g;
      this.enumerate(depth + 1, w * p);
      this.used[j] = 0;
    }
    this.choice[depth] = -1;
  }

  /**
   * Williams & Lau (2014) message passing on the bipartite association graph:
   *   μ_{i→j} = ψ_ij / (1 + Σ_{j'≠j} ψ_ij' ν_{j'→i}),   ν_{j→i} = 1 / (1 + Σ_{i'≠i} μ_{i'→j});
   *   β_ij = ψ_ij ν_{j→i} / (1 + Σ_j' ψ_ij' ν_{j'→i}),  β_i0 = 1 / (same).
   */
  private beliefPropagation(rowsArr: Int32Array, base: number, count: number): void {
    const gate = this.gate!;
    const out = this.out!;
    const { psi, mu, nu, detSum } = this;
    for (let k = 0; k < count; k++) {
      const i = rowsArr[base + k];
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) nu[g] = 1;
    }
    for (let it = 0; it < this.maxIter; it++) {
      // tracks → detections
      for (let k = 0; k < count; k++) {
        const i = rowsArr[base + k];
        let s = 1;
        for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) s += psi[g] * nu[g];
        for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) mu[g] = psi[g] / (s - psi[g] * nu[g]);
      }
      for (let k = 0; k < count; k++) {
        const i = rowsArr[base + k];
        for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) detSum[gate.det[g]] = 1;
      }
      for (let k = 0; k < count; k++) {
        const i = rowsArr[base + k];
        for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) if (psi[g] > 0) detSum[gate.det[g]] += mu[g];
      }
      // detections → tracks
      let change = 0;
      for (let k = 0; k < count; k++) {
        const i = rowsArr[base + k];
        for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) {
          if (psi[g] === 0) continue;
          const v = 1 / (detSum[gate.det[g]] - mu[g]);
          change = Math.max(change, Math.abs(v - nu[g]));
          nu[g] = v;
        }
      }
      if (change < this.tol) break;
    }
    for (let k = 0; k < count; k++) {
      const i = rowsArr[base + k];
      let s = 1;
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) s += psi[g] * nu[g];
      for (let g = gate.rowStart[i]; g < gate.rowStart[i + 1]; g++) out.beta[g] = (psi[g] * nu[g]) / s;
      out.beta0[i] = 1 / s;
    }
  }
}

/** Joint probabilistic data association (soft association). */
export function jpda(options: JpdaOptions = {}): Associator {
  return new Jpda(options);
}
