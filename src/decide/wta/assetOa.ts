/**
 * Outer-approximation (OA) MIP for the asset-based WTA, solved on HiGHS and refined until the
 * relaxation is exact at its own optimum (Duran & Grossmann 1986 outer approximation; the
 * piecewise secant relaxation of a concave univariate function as in spatial branch and bound,
 * e.g. Tawarmalani & Sahinidis 2004). It gives a VALID lower bound on
 *
 *   F(x) = Σ_k W_k (1 − P_k) + Σ_{i fires} c_i,   P_k = Π_{j: a(j)=k} A_j,   A_j = 1 − π_j e^{y_j},
 *   y_j = Σ_i x_ij ln q_ij   (ln s_j),
 *
 * and, at convergence, a proof of optimality. Variables: x_ij ∈ {0,1} (usable pairs only, see
 * asset.ts `AssetModel.usable`), u_j ≤ 0 (stands for ln A_j), v_k ∈ [0,1] (stands for P_k), and per
 * asset a multiple-choice piecewise model of "ln v_k ≤ Σ_j u_j". Objective Σ_k W_k (1 − v_k) + Σ c x.
 *
 * Validity (every feasible x has a relaxation point of objective ≤ F(x)). Take x, its true y_j,
 * u_j = min(0, min_t T_t(y_j)) (tangent envelope below) and v_k = P_k(x).
 *  (a) g_j(y) = ln(1 − π_j e^y) is concave in y (log of a positive concave function), so every
 *      tangent T_t(y) = g(t) + g'(t)(y − t) lies above g: u_j ≥ g_j(y_j) = ln A_j, and the rows
 *      "u_j ≤ T_t(y_j)" hold. With p_ij = 1 (q = 0, y = −∞, A = 1) the coefficient of x_ij is
 *      replaced by ℓ' ≤ t_min − 1 (t_min = least tangent point): then y'_j ≤ t − 1 for every tangent
 *      point t and T_t(y'_j) ≥ g(t) + |g'(t)| ≥ 0 ≥ g (since −g(t) ≤ |g'(t)| for all t: with
 *      a = π e^t ∈ (0,1), −ln(1 − a) ≤ a/(1 − a)). So the rows hold with u_j = 0.
 *  (b) A_j(y) = 1 − π e^y is concave too, so v_k = P_k ≤ A_j ≤ 1 − π e^t (1 + y_j − t) for every
 *      target j of asset k (all factors lie in [0,1]); with a killer the same ℓ' gives RHS ≥ 1.
 *  (c) ln v is concave in v, so on a piece [v_{b−1}, v_b] (v_{b−1} > 0) the secant lies below it:
 *      sec_b(v) ≤ ln v = ln P_k = Σ_j ln A_j ≤ Σ_j u_j. On the first piece [0, v_1] the row is
 *      relaxed by a big-M: M_k ≥ −Σ_j min over y ∈ [Y_j, 0] of min(0, min_t T_t(y)) (the envelope
 *      is concave, so its minimum over the interval sits at an end), so Σ_j u_j ≥ −M_k holds.
 *  (d) P_k = Π_r A_{j_r} ≤ Σ_r C_r A_{j_r} − Σ_{r≥2} C_r with C_r = Π_{s<r} (1 − π_{j_s}) ≥ 0
 *      (McCormick's X·Y ≤ X + L_X (Y − 1) for X ∈ [L_X, 1], Y ≤ 1, applied recursively, with
 *      A_j ≥ 1 − π_j); each A_j, having a coefficient ≥ 0, is replaced by its tangent bound (b).
 *  (e) For weapon prices π ≥ 0 and σ_k ≤ min over k's plans of W_k (1 − P_k) + Σ (c_i + π_i)
 *      (the plan stage's pricing bound, assetPlans.ts): the plan of x on asset k gives
 *      W_k (1 − v_k) + Σ_{x_ij = 1, a(j) = k} (c_i + π_i) ≥ σ_k at v_k = P_k. Summed over k these
 *      rows make the relaxation at least the Lagrangian bound L(π) of the plan stage.
 * Hence min(relaxation) ≤ min F. All coefficients get a relative slack of 1e-12 in the relaxing
 * direction so that floating-point rounding cannot cut off a true point; tangents steeper than
 * MAX_SLOPE are left out (fewer rows: still a relaxation). HiGHS solves the MIP with tolerances
 * FEAS_TOL, and its dual bound is used minus 10·FEAS_TOL·(columns + 1 + Σ W_k + Σ c_i), which covers
 * a column left at the wrong bound inside the dual tolerance or a row violated inside the primal one.
 *
 * Exactness at a point x: with a tangent at y_j(x) for every target and a breakpoint at P_k(x) for
 * every asset, the relaxation's best value at x is F(x) (u_j = g(y_j), v_k = P_k, the secant
 * meets ln v at its breakpoints; P_k = 0 arises only from π_j = 1, y_j = 0, where the cut (b) at
 * t = 0 gives v_k ≤ 0). So refining at each relaxation optimum x* (tangents at y(x*), breakpoints at
 * P(x*)) either proves x* optimal (relaxation value = F(x*)) or cuts x*'s relaxation value up to
 * F(x*); x ranges over a finite set, so the loop ends.
 */
import type { Highs, Model } from 'highs';
import type { AssetModel } from './asset.js';
import { modelObjective } from './asset.js';

export interface AssetOaOptions {
  expired: () => boolean;
  remaining: () => number;
  log?: (line: string) => void;
  /** Refinement rounds (default 200). */
  maxRounds?: number;
  /**
   * Lagrangian cuts from the plan stage: weapon prices π ≥ 0 and per-asset lower bounds σ_k ≤
   * min over plans of [cost_k(plan) + π(plan)] (assetPlans.ts); see (e) above.
   */
  lagrangianCuts?: readonly LagrangianCut[];
  /** Initial breakpoints of every asset's survival P_k in (0, 1) (default DEFAULT_GRID). */
  grid?: readonly number[];
}

export interface LagrangianCut {
  readonly pi: Float64Array;
  readonly sigma: Float64Array;
  readonly L: number;
}

export interface AssetOaResult {
  /** Valid lower bound on min F (−∞ when no MIP finished with a bound). */
  lowerBound: number;
  /** Best assignment seen (the incumbent passed in, or better). */
  assignment: Int32Array;
  objective: number;
  rounds: number;
  optimal: boolean;
}

const REL = 1e-12;
/** Initial breakpoints of P_k (more make the relaxation tighter and the MIP slower). */
const DEFAULT_GRID = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** Largest tangent slope |g'(t)| used in a cut (larger ones are left out). */
const MAX_SLOPE = 1e6;
/** HiGHS primal, dual and integrality tolerances of the OA MIP. */
const FEAS_TOL = 1e-9;

/** g(t) = ln(1 − π e^t), computed as ln((1 − π) − π·expm1(t)) for accuracy near t = 0. */
function gFun(pi: number, t: number): number {
  return Math.log(1 - pi - pi * Math.expm1(t));
}

export async function solveAssetOa(highs: Highs, m: AssetModel, incumbent: Int32Array, opts: AssetOaOptions): Promise<AssetOaResult> {
  const { W, T, K, q, leth, value, usable, aim, c } = m;
  const log = opts.log ?? (() => {});
  // usable pairs → x columns
  const pairW: number[] = [];
  const pairT: number[] = [];
  const lnq: number[] = [];
  const killer: boolean[] = [];
  const targetPairs: number[][] = Array.from({ length: T }, () => []);
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < T; j++) {
      if (!usable[i * T + j] || value[aim[j]] <= 0) continue;
      targetPairs[j].push(pairW.length);
      pairW.push(i);
      pairT.push(j);
      const qq = q[i * T + j];
      killer.push(qq <= 0);
      lnq.push(qq > 0 ? Math.log(qq) : 0);
    }
  }
  const nx = pairW.length;
  // tangent points per target (for u: t with finite g; for A-cuts: any t ≤ 0)
  const tangU: number[][] = Array.from({ length: T }, () => []);
  const tangA: number[][] = Array.from({ length: T }, () => []);
  const keyU: Set<number>[] = Array.from({ length: T }, () => new Set());
  const keyA: Set<number>[] = Array.from({ length: T }, () => new Set());
  const addTangent = (j: number, t: number): boolean => {
    if (!(t <= 0) || !Number.isFinite(t)) return false;
    let added = false;
    const pi = leth[j];
    if (pi > 0 && !keyA[j].has(t)) {
      keyA[j].add(t);
      tangA[j].push(t);
      added = true;
    }
    // a tangent steeper than MAX_SLOPE (t near the pole of g at π = 1) is left out: dropping a cut
    // keeps the relaxation valid, and HiGHS takes such coefficients for infinite
    if (pi > 0 && !keyU[j].has(t) && 1 - pi - pi * Math.expm1(t) > 0 && Number.isFinite(gFun(pi, t)) && (pi * Math.exp(t)) / (1 - pi - pi * Math.expm1(t)) <= MAX_SLOPE) {
      keyU[j].add(t);
      tangU[j].push(t);
      added = true;
    }
    return added;
  };
  // breakpoints per asset in (0, 1]
  const bps: number[][] = Array.from({ length: K }, () => [1]);
  const addBreakpoint = (k: number, v: number): boolean => {
    if (!(v > 0) || v >= 1 || bps[k].includes(v)) return false;
    bps[k].push(v);
    bps[k].sort((a, b) => a - b);
    return true;
  };
  const pointOf = (a: Int32Array): { y: Float64Array; P: Float64Array; kill: Uint8Array } => {
    const y = new Float64Array(T);
    const kill = new Uint8Array(T);
    for (let i = 0; i < W; i++) {
      const j = a[i];
      if (j < 0 || !usable[i * T + j]) continue;
      const qq = q[i * T + j];
      if (qq > 0) y[j] += Math.log(qq);
      else kill[j] = 1;
    }
    const P = new Float64Array(K).fill(1);
    for (let j = 0; j < T; j++) P[aim[j]] *= kill[j] ? 1 : 1 - leth[j] - leth[j] * Math.expm1(y[j]);
    return { y, P, kill };
  };
  const refineAt = (a: Int32Array): number => {
    const { y, P, kill } = pointOf(a);
    let n = 0;
    for (let j = 0; j < T; j++) if (!kill[j] && addTangent(j, y[j])) n++;
    for (let k = 0; k < K; k++) if (value[k] > 0 && addBreakpoint(k, P[k])) n++;
    return n;
  };
  // seed: no weapon, every single weapon, a few typical multiples
  for (let j = 0; j < T; j++) {
    addTangent(j, 0);
    let mean = 0;
    let n = 0;
    for (const p of targetPairs[j]) {
      if (killer[p]) continue;
      addTangent(j, lnq[p]);
      mean += lnq[p];
      n++;
    }
    if (n > 0) for (let r = 2; r <= Math.min(4, n); r++) addTangent(j, (r * mean) / n);
  }
  for (let k = 0; k < K; k++) for (const v of opts.grid ?? DEFAULT_GRID) addBreakpoint(k, v);
  let best: Int32Array = Int32Array.from(incumbent);
  let UB = modelObjective(m, best);
  if (nx === 0) {
    // no usable pair: holding fire everywhere is optimal (any shot only adds its cost c_i ≥ 0)
    const hold = new Int32Array(W).fill(-1);
    const f = modelObjective(m, hold);
    return { lowerBound: f, assignment: f <= UB ? hold : best, objective: Math.min(f, UB), rounds: 0, optimal: true };
  }
  refineAt(best);
  let totalW = 0;
  for (let k = 0; k < K; k++) totalW += value[k];
  let costSum = 0;
  for (let i = 0; i < W; i++) costSum += c[i];
  let LB = -Infinity;
  let rounds = 0;
  const maxRounds = opts.maxRounds ?? 200;
  const tol = (v: number): number => REL * (1 + Math.abs(v));

  while (rounds < maxRounds && !opts.expired()) {
    rounds++;
    // ---- build the model (columns: x, u, v, then per asset δ_b, w_b)
    let tMin = 0;
    for (let j = 0; j < T; j++) for (const t of tangA[j]) tMin = Math.min(tMin, t);
    for (let j = 0; j < T; j++) for (const t of tangU[j]) tMin = Math.min(tMin, t);
    const killCoef = tMin - 1;
    const cutPoint = (() => {
      const { y, kill } = pointOf(best);
      return Float64Array.from(y, (v, j) => (kill[j] ? -1 : v));
    })();
    const coef = (p: number): number => (killer[p] ? Math.min(killCoef, lnq[p]) : lnq[p]);
    const colCost: number[] = [];
    const colLower: number[] = [];
    const colUpper: number[] = [];
    const integ: number[] = [];
    for (let p = 0; p < nx; p++) {
      colCost.push(c[pairW[p]]);
      colLower.push(0);
      colUpper.push(1);
      integ.push(1);
    }
    const uCol = colCost.length;
    for (let j = 0; j < T; j++) {
      colCost.push(0);
      colLower.push(-Infinity);
      colUpper.push(0);
      integ.push(0);
    }
    const vCol = colCost.length;
    for (let k = 0; k < K; k++) {
      colCost.push(value[k] > 0 ? -value[k] : 0);
      colLower.push(0);
      colUpper.push(value[k] > 0 ? 1 : 0);
      integ.push(0);
    }
    const dCol: number[] = [];
    for (let k = 0; k < K; k++) {
      dCol.push(colCost.length);
      if (value[k] <= 0) continue;
      const B = bps[k].length; // pieces [0, b0], [b0, b1], …
      for (let b = 0; b < B; b++) {
        colCost.push(0);
        colLower.push(0);
        colUpper.push(1);
        integ.push(1);
      }
      for (let b = 0; b < B; b++) {
        colCost.push(0);
        colLower.push(0);
        colUpper.push(1);
        integ.push(0);
      }
    }
    const nCol = colCost.length;
    // rows as sparse lists
    const rowsIdx: number[][] = [];
    const rowsVal: number[][] = [];
    const rLo: number[] = [];
    const rUp: number[] = [];
    const row = (idx: number[], val: number[], lo: number, up: number): void => {
      rowsIdx.push(idx);
      rowsVal.push(val);
      rLo.push(lo);
      rUp.push(up);
    };
    // weapons fire at most once
    const byWeapon: number[][] = Array.from({ length: W }, () => []);
    for (let p = 0; p < nx; p++) byWeapon[pairW[p]].push(p);
    for (let i = 0; i < W; i++) if (byWeapon[i].length > 1) row(byWeapon[i], byWeapon[i].map(() => 1), -Infinity, 1);
    // M_k for the first piece
    const envMin = new Float64Array(T); // min over y ∈ [Y_j, 0] of min(0, min_t T_t(y))
    for (let j = 0; j < T; j++) {
      let Y = 0;
      for (const p of targetPairs[j]) Y += coef(p);
      let lo = 0;
      const pi = leth[j];
      for (const t of tangU[j]) {
        const g = gFun(pi, t);
        const d = (-pi * Math.exp(t)) / (1 - pi - pi * Math.expm1(t));
        lo = Math.min(lo, g + d * (0 - t), g + d * (Y - t));
      }
      envMin[j] = lo;
      // tangent rows: u_j − g'(t) Σ coef x ≤ g(t) − g'(t) t (+ slack)
      for (const t of tangU[j]) {
        const g = gFun(pi, t);
        const d = (-pi * Math.exp(t)) / (1 - pi - pi * Math.expm1(t));
        const idx = [uCol + j];
        const val = [1];
        for (const p of targetPairs[j]) {
          idx.push(p);
          val.push(-d * coef(p));
        }
        const rhs = g - d * t;
        row(idx, val, -Infinity, rhs + tol(rhs) + tol(d * t));
      }
      // A-cuts: v_k + π e^t Σ coef x ≤ 1 − π e^t (1 − t)
      const k = aim[j];
      if (value[k] > 0) {
        for (const t of tangA[j]) {
          const e = pi * Math.exp(t);
          const idx = [vCol + k];
          const val = [1];
          for (const p of targetPairs[j]) {
            idx.push(p);
            val.push(e * coef(p));
          }
          const rhs = 1 - e * (1 - t);
          row(idx, val, -Infinity, rhs + tol(1) + tol(e * t));
        }
      }
    }
    // (d) product cuts: P_k = Π_r A_{j_r} ≤ Σ_r C_r A_{j_r} − Σ_{r≥2} C_r, C_r = Π_{s<r} L_{j_s}, L_j = 1 − π_j ≤ A_j
    //     (McCormick's over-estimator X·Y ≤ X + L_X (Y − 1) for X ∈ [L_X, 1], Y ∈ [0, 1], applied
    //     recursively; every C_r ≥ 0, so each A is replaced by its tangent over-estimate (b)).
    for (let k = 0; k < K; k++) {
      if (value[k] <= 0) continue;
      const tg = m.targetList.slice(m.targetStart[k], m.targetStart[k + 1]);
      if (tg.length < 2) continue;
      for (let f = 0; f < tg.length; f++) {
        const order = [tg[f], ...Array.from(tg).filter((_, e) => e !== f).sort((a, b) => leth[a] - leth[b])];
        const coefX = new Map<number, number>();
        let rhs = 0;
        let C = 1;
        for (let r = 0; r < order.length; r++) {
          const j = order[r];
          const pi = leth[j];
          const t = cutPoint[j];
          const e = pi * Math.exp(t);
          rhs += C * (1 - e * (1 - t)) - (r > 0 ? C : 0);
          for (const p of targetPairs[j]) coefX.set(p, C * e * coef(p));
          C *= 1 - pi;
          if (C <= 0) break;
        }
        const idx = [vCol + k, ...coefX.keys()];
        const val = [1, ...coefX.values()];
        row(idx, val, -Infinity, rhs + tol(tg.length) * 10);
      }
    }
    // (e) Lagrangian cuts: W_k (1 − v_k) + Σ_{pairs on k's targets} (c_i + π_i) x_ij ≥ σ_k
    for (const cut of opts.lagrangianCuts ?? []) {
      for (let k = 0; k < K; k++) {
        if (value[k] <= 0 || !(cut.sigma[k] > -Infinity)) continue;
        const idx = [vCol + k];
        const val = [-value[k]];
        let mag = 1 + value[k] + Math.abs(cut.sigma[k]);
        for (let e = m.targetStart[k]; e < m.targetStart[k + 1]; e++) {
          for (const p of targetPairs[m.targetList[e]]) {
            const w = c[pairW[p]] + cut.pi[pairW[p]];
            idx.push(p);
            val.push(w);
            mag += w;
          }
        }
        row(idx, val, cut.sigma[k] - value[k] - 1e-10 * mag, Infinity);
      }
    }
    for (let k = 0; k < K; k++) {
      if (value[k] <= 0) continue;
      const B = bps[k].length;
      const d0 = dCol[k];
      const w0 = d0 + B;
      // Σ δ = 1
      row(Array.from({ length: B }, (_, b) => d0 + b), new Array(B).fill(1), 1, 1);
      // v − Σ w = 0
      row([vCol + k, ...Array.from({ length: B }, (_, b) => w0 + b)], [1, ...new Array(B).fill(-1)], 0, 0);
      // lo_b δ_b ≤ w_b ≤ hi_b δ_b
      for (let b = 0; b < B; b++) {
        const lo = b === 0 ? 0 : bps[k][b - 1];
        const hi = bps[k][b];
        row([w0 + b, d0 + b], [1, -hi], -Infinity, 0);
        if (lo > 0) row([w0 + b, d0 + b], [1, -lo], 0, Infinity);
      }
      // Σ_j u_j − Σ_{b≥1} (a_b δ_b + m_b w_b) + M δ_0 ≥ 0, sec_b(v) = a_b + m_b v ≤ ln v (minus slack)
      let M = 1;
      const idx: number[] = [];
      const val: number[] = [];
      for (let e = m.targetStart[k]; e < m.targetStart[k + 1]; e++) {
        const j = m.targetList[e];
        M -= envMin[j];
        idx.push(uCol + j);
        val.push(1);
      }
      idx.push(d0);
      val.push(M);
      for (let b = 1; b < B; b++) {
        const lo = bps[k][b - 1];
        const hi = bps[k][b];
        const mb = (Math.log(hi) - Math.log(lo)) / (hi - lo);
        let ab = Math.log(lo) - mb * lo;
        ab -= tol(ab) + tol(Math.log(lo)) + 1e-13;
        idx.push(d0 + b, w0 + b);
        val.push(-ab, -mb);
      }
      row(idx, val, 0, Infinity);
    }
    // CSC
    const nRow = rLo.length;
    const counts = new Int32Array(nCol + 1);
    for (const idx of rowsIdx) for (const col of idx) counts[col + 1]++;
    for (let x = 0; x < nCol; x++) counts[x + 1] += counts[x];
    const nnz = counts[nCol];
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    const fill = counts.slice(0, nCol);
    for (let r = 0; r < nRow; r++) {
      const idx = rowsIdx[r];
      const val = rowsVal[r];
      for (let e = 0; e < idx.length; e++) {
        const at = fill[idx[e]]++;
        indices[at] = r;
        values[at] = val[e];
      }
    }
    const mip: Model = highs.createModel({
      numCols: nCol,
      numRows: nRow,
      colCost: Float64Array.from(colCost),
      colLower: Float64Array.from(colLower),
      colUpper: Float64Array.from(colUpper),
      rowLower: Float64Array.from(rLo),
      rowUpper: Float64Array.from(rUp),
      matrix: { format: 'csc', numRows: nRow, numCols: nCol, starts: counts, indices, values },
      integrality: Int32Array.from(integ),
    });
    // MIP start: the incumbent with u_j = min(0, tangent envelope at y'_j), v_k = P_k (feasible by (a)–(d))
    const x0 = new Float64Array(nCol);
    {
      const { P } = pointOf(best);
      const yc = new Float64Array(T);
      for (let p = 0; p < nx; p++) {
        if (best[pairW[p]] === pairT[p]) {
          x0[p] = 1;
          yc[pairT[p]] += coef(p);
        }
      }
      for (let j = 0; j < T; j++) {
        let u = 0;
        const pi = leth[j];
        for (const t of tangU[j]) {
          const g = gFun(pi, t);
          const d = (-pi * Math.exp(t)) / (1 - pi - pi * Math.expm1(t));
          u = Math.min(u, g + d * (yc[j] - t));
        }
        x0[uCol + j] = u;
      }
      for (let k = 0; k < K; k++) {
        if (value[k] <= 0) continue;
        x0[vCol + k] = P[k];
        const B = bps[k].length;
        let b = 0;
        while (b < B - 1 && P[k] > bps[k][b]) b++;
        x0[dCol[k] + b] = 1;
        x0[dCol[k] + B + b] = P[k];
      }
    }
    let xStar: Int32Array | null = null;
    let dual = -Infinity;
    let status = -1;
    let optimalMip = false;
    let nodes = 0;
    try {
      mip.options.set({ output_flag: false, mip_rel_gap: 1e-8, mip_abs_gap: 1e-9, primal_feasibility_tolerance: FEAS_TOL, dual_feasibility_tolerance: FEAS_TOL, mip_feasibility_tolerance: FEAS_TOL });
      try {
        mip.setSolution({ colValue: x0 });
      } catch {
        // a rejected start only costs time
      }
      const left = opts.remaining();
      if (Number.isFinite(left)) mip.options.set('time_limit', Math.max(0.01, left));
      mip.run();
      status = mip.getModelStatus();
      nodes = Number(mip.info.get('mip_node_count'));
      optimalMip = status === highs.constants.modelStatus.optimal;
      try {
        dual = Number(mip.info.get('mip_dual_bound'));
      } catch {
        dual = -Infinity;
      }
      if (!Number.isFinite(dual)) dual = -Infinity;
      const sol = mip.getSolution().colValue;
      if (sol.length === nCol && Number(mip.info.get('primal_solution_status')) === 2) {
        xStar = new Int32Array(W).fill(-1);
        for (let p = 0; p < nx; p++) if (sol[p] > 0.5) xStar[pairW[p]] = pairT[p];
      }
    } finally {
      mip.dispose();
    }
    // HiGHS's bound is exact only up to its tolerances: a column with reduced cost inside the dual
    // tolerance may be left at the wrong bound, and rows may be violated by the primal one, each
    // moving the value by ≈ tolerance × (column range 1 or the objective scale); the margin covers it
    if (dual > -Infinity) LB = Math.max(LB, dual + totalW - 10 * FEAS_TOL * (nCol + 1 + totalW + costSum));
    let added = 0;
    if (xStar) {
      const f = modelObjective(m, xStar);
      if (f < UB) {
        UB = f;
        best = xStar;
      }
      added = refineAt(xStar);
    }
    log(`oa ${rounds}: nodes ${nodes}, status ${status}, relaxation ${dual + totalW}, LB ${LB}, UB ${UB}, cols ${nCol}, rows ${nRow}, refined ${added}`);
    if (UB - LB <= 1e-6 * Math.abs(UB) || LB >= UB) break;
    if (!optimalMip || added === 0) break;
  }
  return { lowerBound: LB, assignment: best, objective: UB, rounds, optimal: UB - LB <= 1e-6 * Math.abs(UB) };
}
