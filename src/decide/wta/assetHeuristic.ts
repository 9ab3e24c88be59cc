/**
 * The fast asset-based WTA heuristic (asset.ts): maximum marginal return on F, local search, and
 * ruin-and-recreate rounds; optionally a proven Lagrangian lower bound (assetPlans.ts).
 *
 * Greedy. Fire the (free weapon i, target j) pair with the largest decrease of F,
 *   gain(i, j) = W_k · P_{k,−j} · π_j s_j p_ij − c_i,   k = a(j),  P_{k,−j} = Π_{j'≠j, a(j')=k} (1 − π_j' s_j'),
 * (Hosein & Athans 1990 use the same maximum-marginal-return rule on J). Gains on one asset are
 * complementary: while two lethal targets (π = 1) aim at an asset, one shot at either gains
 * nothing (P_{k,−j} = 0), and the plain rule would stop with the asset undefended. When no true
 * gain is positive the step therefore ranks pairs by the optimistic gain, with P_{k,−j} computed
 * as if every free weapon also fired at every other target of the asset (the b2 bound of
 * assetPlans.ts), and stops only when that is ≤ 0 too.
 *
 * Local search. Passes of (1) single moves (a weapon to another target or to hold fire), (2) swaps
 * of two weapons' targets, (3) pair moves: two weapons to two targets of the SAME asset at once —
 * the move a complementary objective needs (it is the 2-exchange that single moves cannot reach
 * through a gainless first step). Each candidate's ΔF is exact and O(targets of the ≤ 2 touched
 * assets): targets keep the product of their nonzero q and a count of zero q, so removing a
 * weapon needs no recomputation; an applied move recomputes its targets from scratch (no drift).
 * The ideas are those of localSearch.ts (Ahuja et al. 2007's exchanges) restricted to ≤ 2 weapons.
 *
 * Rounds (Schrimpf et al. 2000, as heuristic.ts): free every weapon on one or two assets (a random
 * asset and, half the time, the asset of largest expected loss), refill by the greedy, search
 * again, keep the result if it is better. Deterministic (xorshift32 seeded by a constant).
 */
import {
  assetModel,
  modelObjective,
  stripUnusable,
  withSurvivingValue,
  type AssetModel,
  type AssetWtaInstance,
  type AssetWtaResult,
} from './asset.js';
import { AssetPlanSearch, assetLagrangianBound } from './assetPlans.js';
import { deadline, statusOf, type Clock } from './objective.js';

export interface AssetHeuristicOptions {
  /** Wall-clock budget in seconds (needs `clock`). */
  timeLimit?: number;
  /** Seconds-valued clock supplied by the caller. */
  clock?: Clock;
  /** Deterministic budget: maximum local-search passes per descent (default unlimited). */
  maxPasses?: number;
  /** Ruin-and-recreate rounds (default: 30 without a clock; as many as the budget allows with one). */
  restarts?: number;
  /** Stop the rounds after this many in a row without improvement (default 200). */
  maxStallRounds?: number;
  /** Also prove a lower bound (Lagrangian at prices read off the solution); default false. */
  lowerBound?: boolean;
}

/** Incremental evaluation state of an assignment. */
class State {
  readonly tgt: Int32Array;
  readonly zeros: Int32Array;
  readonly prodNZ: Float64Array;
  readonly s: Float64Array;
  readonly P: Float64Array;
  private readonly affT = new Int32Array(4);
  private readonly affS = new Float64Array(4);
  private readonly affK = new Int32Array(4);
  constructor(
    private readonly m: AssetModel,
    a: Int32Array,
  ) {
    this.tgt = Int32Array.from(a);
    this.zeros = new Int32Array(m.T);
    this.prodNZ = new Float64Array(m.T);
    this.s = new Float64Array(m.T);
    this.P = new Float64Array(m.K);
    for (let j = 0; j < m.T; j++) this.refreshTarget(j);
    for (let k = 0; k < m.K; k++) this.refreshAsset(k);
  }
  refreshTarget(j: number): void {
    const { W, T, q } = this.m;
    let z = 0;
    let p = 1;
    for (let i = 0; i < W; i++) {
      if (this.tgt[i] !== j) continue;
      const x = q[i * T + j];
      if (x === 0) z++;
      else p *= x;
    }
    this.zeros[j] = z;
    this.prodNZ[j] = p;
    this.s[j] = z > 0 ? 0 : p;
  }
  refreshAsset(k: number): void {
    const { targetStart, targetList, leth } = this.m;
    let P = 1;
    for (let e = targetStart[k]; e < targetStart[k + 1]; e++) P *= 1 - leth[targetList[e]] * this.s[targetList[e]];
    this.P[k] = P;
  }
  /**
   * Exact ΔF of moving weapon w1 to n1 and (if w2 ≥ 0) w2 to n2 (−1: hold fire), w1 ≠ w2.
   */
  delta(w1: number, n1: number, w2: number, n2: number): number {
    const { T, q, aim, leth, value, targetStart, targetList, c } = this.m;
    const { affT, affS, affK, tgt } = this;
    let na = 0;
    const addT = (j: number): void => {
      if (j < 0) return;
      for (let x = 0; x < na; x++) if (affT[x] === j) return;
      affT[na++] = j;
    };
    addT(tgt[w1]);
    addT(n1);
    if (w2 >= 0) {
      addT(tgt[w2]);
      addT(n2);
    }
    for (let x = 0; x < na; x++) {
      const j = affT[x];
      let z = this.zeros[j];
      let p = this.prodNZ[j];
      for (let r = 0; r < 2; r++) {
        const w = r === 0 ? w1 : w2;
        if (w < 0) continue;
        const nt = r === 0 ? n1 : n2;
        const ot = tgt[w];
        if (ot === nt) continue;
        const qq = q[w * T + j];
        if (ot === j) {
          if (qq === 0) z--;
          else p /= qq;
        }
        if (nt === j) {
          if (qq === 0) z++;
          else p *= qq;
        }
      }
      affS[x] = z > 0 ? 0 : p;
    }
    let nk = 0;
    for (let x = 0; x < na; x++) {
      const k = aim[affT[x]];
      let seen = false;
      for (let y = 0; y < nk; y++) if (affK[y] === k) seen = true;
      if (!seen) affK[nk++] = k;
    }
    let d = 0;
    for (let y = 0; y < nk; y++) {
      const k = affK[y];
      let Pn = 1;
      for (let e = targetStart[k]; e < targetStart[k + 1]; e++) {
        const j = targetList[e];
        let sj = this.s[j];
        for (let x = 0; x < na; x++) if (affT[x] === j) sj = affS[x];
        Pn *= 1 - leth[j] * sj;
      }
      d += value[k] * (this.P[k] - Pn);
    }
    if (tgt[w1] < 0 && n1 >= 0) d += c[w1];
    else if (tgt[w1] >= 0 && n1 < 0) d -= c[w1];
    if (w2 >= 0) {
      if (tgt[w2] < 0 && n2 >= 0) d += c[w2];
      else if (tgt[w2] >= 0 && n2 < 0) d -= c[w2];
    }
    return d;
  }
  apply(w: number, nt: number): void {
    const ot = this.tgt[w];
    if (ot === nt) return;
    this.tgt[w] = nt;
    if (ot >= 0) {
      this.refreshTarget(ot);
      this.refreshAsset(this.m.aim[ot]);
    }
    if (nt >= 0) {
      this.refreshTarget(nt);
      this.refreshAsset(this.m.aim[nt]);
    }
  }
}

/** Maximum-marginal-return greedy over the weapons holding fire in `a` (in place). */
export function assetGreedyFill(m: AssetModel, a: Int32Array): void {
  const { W, T, K, q, usable, aim, leth, value, targetStart, targetList, c } = m;
  const s = new Float64Array(T);
  const smin = new Float64Array(T);
  const oth = new Float64Array(T);
  const othOpt = new Float64Array(T);
  for (;;) {
    s.fill(1);
    for (let i = 0; i < W; i++) if (a[i] >= 0) s[a[i]] *= q[i * T + a[i]];
    smin.set(s);
    for (let i = 0; i < W; i++) if (a[i] < 0) for (let j = 0; j < T; j++) if (usable[i * T + j]) smin[j] *= q[i * T + j];
    for (let k = 0; k < K; k++) {
      // P_{k,−j} by prefix/suffix products (a factor may be 0)
      let pre = 1;
      let preO = 1;
      for (let e = targetStart[k]; e < targetStart[k + 1]; e++) {
        const j = targetList[e];
        oth[j] = pre;
        othOpt[j] = preO;
        pre *= 1 - leth[j] * s[j];
        preO *= 1 - leth[j] * smin[j];
      }
      let post = 1;
      let postO = 1;
      for (let e = targetStart[k + 1] - 1; e >= targetStart[k]; e--) {
        const j = targetList[e];
        oth[j] *= post;
        othOpt[j] *= postO;
        post *= 1 - leth[j] * s[j];
        postO *= 1 - leth[j] * smin[j];
      }
    }
    let bi = -1;
    let bj = -1;
    let bg = 0;
    let oi = -1;
    let oj = -1;
    let og = 0;
    for (let i = 0; i < W; i++) {
      if (a[i] >= 0) continue;
      for (let j = 0; j < T; j++) {
        if (!usable[i * T + j]) continue;
        const base = value[aim[j]] * leth[j] * s[j] * (1 - q[i * T + j]);
        const g = base * oth[j] - c[i];
        if (g > bg) {
          bg = g;
          bi = i;
          bj = j;
        }
        const go = base * othOpt[j] - c[i];
        if (go > og) {
          og = go;
          oi = i;
          oj = j;
        }
      }
    }
    if (bi >= 0) a[bi] = bj;
    else if (oi >= 0) a[oi] = oj;
    else return;
  }
}

/** Local search (moves, swaps, same-asset pair moves) on `a` in place; returns passes and moves applied. */
export function assetLocalSearch(m: AssetModel, a: Int32Array, opts: { maxPasses?: number; expired?: () => boolean } = {}): { passes: number; moves: number } {
  const { W, T, K, usable, targetStart, targetList, value, c } = m;
  const st = new State(m, a);
  let scale = 1;
  for (let k = 0; k < K; k++) scale += value[k];
  for (let i = 0; i < W; i++) scale += c[i];
  const EPS = 1e-12 * scale;
  const maxPasses = opts.maxPasses ?? Infinity;
  const expired = opts.expired ?? (() => false);
  let passes = 0;
  let moves = 0;
  const tgt = st.tgt;
  while (passes < maxPasses && !expired()) {
    passes++;
    let improved = false;
    // (1) single moves, best target per weapon
    for (let i = 0; i < W; i++) {
      let bd = -EPS;
      let bt = -2;
      if (tgt[i] >= 0) {
        const d = st.delta(i, -1, -1, -1);
        if (d < bd) {
          bd = d;
          bt = -1;
        }
      }
      for (let j = 0; j < T; j++) {
        if (j === tgt[i] || !usable[i * T + j]) continue;
        const d = st.delta(i, j, -1, -1);
        if (d < bd) {
          bd = d;
          bt = j;
        }
      }
      if (bt !== -2) {
        st.apply(i, bt);
        moves++;
        improved = true;
      }
    }
    if (improved) continue;
    // (2) swaps
    for (let i1 = 0; i1 < W; i1++) {
      for (let i2 = i1 + 1; i2 < W; i2++) {
        const t1 = tgt[i1];
        const t2 = tgt[i2];
        if (t1 === t2) continue;
        if (t2 >= 0 && !usable[i1 * T + t2]) continue;
        if (t1 >= 0 && !usable[i2 * T + t1]) continue;
        if (st.delta(i1, t2, i2, t1) < -EPS) {
          st.apply(i1, t2);
          st.apply(i2, t1);
          moves++;
          improved = true;
        }
      }
    }
    if (improved) continue;
    // (3) pair moves onto two targets of one asset
    if (expired()) break;
    for (let k = 0; k < K && !improved; k++) {
      const e0 = targetStart[k];
      const e1 = targetStart[k + 1];
      for (let i1 = 0; i1 < W; i1++) {
        for (let i2 = i1 + 1; i2 < W; i2++) {
          let bd = -EPS;
          let b1 = -1;
          let b2 = -1;
          for (let x = e0; x < e1; x++) {
            const j1 = targetList[x];
            if (!usable[i1 * T + j1]) continue;
            for (let y = e0; y < e1; y++) {
              const j2 = targetList[y];
              if (!usable[i2 * T + j2] || (j1 === tgt[i1] && j2 === tgt[i2])) continue;
              const d = st.delta(i1, j1, i2, j2);
              if (d < bd) {
                bd = d;
                b1 = j1;
                b2 = j2;
              }
            }
          }
          if (b1 >= 0) {
            st.apply(i1, b1);
            st.apply(i2, b2);
            moves++;
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  a.set(tgt);
  return { passes, moves };
}

/** Greedy + local search + ruin-and-recreate rounds on a prepared model. */
export function assetHeuristicAssignment(
  m: AssetModel,
  opts: { maxPasses?: number; restarts?: number; maxStallRounds?: number; expired?: () => boolean } = {},
): { assignment: Int32Array; greedy: Int32Array; passes: number; moves: number; rounds: number } {
  const expired = opts.expired ?? (() => false);
  const greedy = new Int32Array(m.W).fill(-1);
  assetGreedyFill(m, greedy);
  const a = Int32Array.from(greedy);
  const ls = { expired, ...(opts.maxPasses !== undefined ? { maxPasses: opts.maxPasses } : {}) };
  let { passes, moves } = assetLocalSearch(m, a, ls);
  let best = modelObjective(m, a);
  const restarts = opts.restarts ?? 30;
  let rounds = 0;
  if (m.K > 0) {
    let rng = 0x9e3779b9;
    const next = (): number => {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      return (rng >>> 0) / 4294967296;
    };
    const cur = new Int32Array(m.W);
    const loss = new Float64Array(m.K);
    const search = new AssetPlanSearch(m);
    const maxStall = opts.maxStallRounds ?? 200;
    let lastImprovement = 0;
    while (rounds < restarts && rounds - lastImprovement < maxStall && !expired()) {
      rounds++;
      cur.set(a);
      const k1 = Math.floor(next() * m.K);
      let k2 = -1;
      if (rounds % 2 === 0) {
        // the asset of largest expected loss
        loss.fill(0);
        const s = new Float64Array(m.T).fill(1);
        for (let i = 0; i < m.W; i++) if (cur[i] >= 0) s[cur[i]] *= m.q[i * m.T + cur[i]];
        const P = new Float64Array(m.K).fill(1);
        for (let j = 0; j < m.T; j++) P[m.aim[j]] *= 1 - m.leth[j] * s[j];
        let bl = -1;
        for (let k = 0; k < m.K; k++) {
          loss[k] = m.value[k] * (1 - P[k]);
          if (k !== k1 && loss[k] > bl) {
            bl = loss[k];
            k2 = k;
          }
        }
      }
      if (rounds % 3 === 1) {
        // asset re-plan: asset k1's best plan when taking a weapon from elsewhere costs its
        // marginal value there (assetPlans.ts search, small node budget)
        replanAsset(m, search, cur, k1);
      } else {
        for (let i = 0; i < m.W; i++) {
          const j = cur[i];
          if (j >= 0 && (m.aim[j] === k1 || m.aim[j] === k2)) cur[i] = -1;
          else if (j >= 0 && next() < 0.1) cur[i] = -1; // a few random weapons too
        }
      }
      assetGreedyFill(m, cur);
      const r = assetLocalSearch(m, cur, ls);
      passes += r.passes;
      moves += r.moves;
      const f = modelObjective(m, cur);
      if (f < best - 1e-12 * Math.max(1, best)) {
        best = f;
        a.set(cur);
        lastImprovement = rounds;
      }
    }
  }
  // never worse than the greedy start
  if (modelObjective(m, greedy) < modelObjective(m, a)) a.set(greedy);
  return { assignment: stripUnusable(m, a), greedy, passes, moves, rounds };
}

/**
 * Replace asset k's plan in `a` by the best plan for k under opportunity costs: a weapon on another
 * asset costs what F loses when it leaves, a weapon on k or holding fire costs nothing (plus c_i).
 */
function replanAsset(m: AssetModel, search: AssetPlanSearch, a: Int32Array, k: number): void {
  const st = new State(m, a);
  const prices = new Float64Array(m.W);
  for (let i = 0; i < m.W; i++) if (a[i] >= 0 && m.aim[a[i]] !== k) prices[i] = Math.max(0, st.delta(i, -1, -1, -1) + m.c[i]);
  let bw: Int32Array | null = null;
  let bt: Int32Array | null = null;
  search.price(k, prices, {
    nodeBudget: 20_000,
    onPlan: (ws, ts, n) => {
      bw = ws.slice(0, n);
      bt = ts.slice(0, n);
    },
  });
  if (!bw || !bt) return;
  for (let i = 0; i < m.W; i++) if (a[i] >= 0 && m.aim[a[i]] === k) a[i] = -1;
  const ws: Int32Array = bw;
  const ts: Int32Array = bt;
  for (let e = 0; e < ws.length; e++) a[ws[e]] = ts[e];
}

/**
 * Weapon prices read off an assignment: a firing weapon's price is what F loses when it holds
 * fire (its marginal value), a weapon holding fire's is the most F would fall if it fired at one
 * target. These are the prices a Lagrangian dual near the assignment would carry.
 */
export function assetIncumbentPrices(m: AssetModel, a: Int32Array): Float64Array {
  const st = new State(m, a);
  const pi = new Float64Array(m.W);
  for (let i = 0; i < m.W; i++) {
    if (a[i] >= 0) {
      pi[i] = Math.max(0, st.delta(i, -1, -1, -1) + m.c[i]);
    } else {
      let g = 0;
      for (let j = 0; j < m.T; j++) if (m.usable[i * m.T + j]) g = Math.max(g, -(st.delta(i, j, -1, -1) - m.c[i]));
      pi[i] = g;
    }
  }
  return pi;
}

/** The maximum-marginal-return greedy alone, as a solver result (no bound). */
export function solveAssetWtaGreedy(inst: AssetWtaInstance): AssetWtaResult {
  const m = assetModel(inst);
  const a = new Int32Array(m.W).fill(-1);
  assetGreedyFill(m, a);
  const assignment = stripUnusable(m, a);
  const objective = modelObjective(m, assignment);
  return withSurvivingValue(inst, { assignment, objective, lowerBound: null, status: 'feasible', stats: { method: 'greedy', greedyObjective: objective } });
}

/** Greedy + local search (+ rounds) as a solver result; with `lowerBound`, a proven bound too. */
export function solveAssetWtaHeuristic(inst: AssetWtaInstance, opts: AssetHeuristicOptions = {}): AssetWtaResult {
  const m = assetModel(inst);
  const dl = deadline(opts.clock, opts.timeLimit);
  const timed = opts.clock !== undefined && opts.timeLimit !== undefined && Number.isFinite(opts.timeLimit);
  const roundsDl = deadline(opts.clock, timed && opts.lowerBound ? 0.6 * opts.timeLimit! : opts.timeLimit);
  const h = assetHeuristicAssignment(m, {
    restarts: opts.restarts ?? (timed ? Infinity : 30),
    expired: () => dl.expired() || roundsDl.expired(),
    ...(opts.maxPasses !== undefined ? { maxPasses: opts.maxPasses } : {}),
    ...(opts.maxStallRounds !== undefined ? { maxStallRounds: opts.maxStallRounds } : {}),
  });
  const assignment = h.assignment;
  const objective = modelObjective(m, assignment);
  const greedyObjective = modelObjective(m, h.greedy);
  let lowerBound: number | null = null;
  if (opts.lowerBound) lowerBound = Math.min(objective, heuristicBound(m, assignment, () => dl.expired()));
  return withSurvivingValue(inst, {
    assignment,
    objective,
    lowerBound,
    status: statusOf(objective, lowerBound),
    stats: { method: 'heuristic', greedyObjective, heuristicObjective: objective, localSearchPasses: h.passes, exchanges: h.moves, restarts: h.rounds },
  });
}

/** max over a few scalings θ·π of the incumbent prices of L(θπ) (valid for any θ ≥ 0), minus rounding slack; ≥ 0. */
export function heuristicBound(m: AssetModel, a: Int32Array, expired: () => boolean): number {
  const search = new AssetPlanSearch(m);
  const pi0 = assetIncumbentPrices(m, a);
  const sigma = new Float64Array(m.K);
  let best = 0; // F ≥ 0 always
  let scale = 1;
  for (let k = 0; k < m.K; k++) scale += m.value[k];
  for (let i = 0; i < m.W; i++) scale += m.c[i] + pi0[i];
  for (const theta of [1, 0.7, 0.4]) {
    const pi = Float64Array.from(pi0, (x) => theta * x);
    // past the deadline the searches get a small budget (their bound stays valid)
    const r = assetLagrangianBound(search, m, pi, sigma, { nodeBudget: expired() ? 2000 : 200_000, expired });
    best = Math.max(best, r.L - 1e-12 * scale);
    if (expired()) break;
  }
  return best;
}
