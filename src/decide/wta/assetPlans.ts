/**
 * Per-asset "defence plans" for the asset-based WTA (asset.ts) and the search over them.
 *
 * A plan for asset k assigns each weapon to one of k's targets or to nothing. Under weapon prices
 * π_i ≥ 0 its priced cost is
 *
 *   h_k(plan) = W_k · (1 − Π_{j: a(j)=k} (1 − π_j s_j)) + Σ_{i in plan} (c_i + π_i),
 *
 * (s_j = Π q_ij over the plan's weapons on j). `price` computes σ_k(π) = min h_k exactly by depth-first
 * branch and bound (or, past a node budget, a valid lower bound on it); `enumerate` lists every
 * plan with h_k ≤ a limit. Both are hand-written: the subproblem is a small nonlinear integer
 * program that no pinned library solves, and it is the hot loop of the exact solver.
 *
 * Search tree: the asset's usable weapons in a fixed order (strongest first), each branched into
 * "fires at target a" for each target a of the asset, then "holds fire". At a node with priced cost
 * C so far, current factors A^L_a = 1 − π_a s_a and optimistic ones A^U_a = 1 − π_a s_a Π_{remaining} q
 * (every remaining weapon on every target), the node is pruned when the larger of two lower bounds
 * on every completion exceeds the limit (w_i = c_i + π_i the weapon's priced cost):
 *
 *  (b2) telescoping: for any order of the targets,
 *         P_final − P_cur = Σ_a (A^F_a − A^L_a) Π_{b<a} A^F_b Π_{b>a} A^L_b,
 *       A^F ≤ A^U, and A^F_a − A^L_a ≤ π_a s_a Σ_{i→a} p_ia (union bound), so the net decrease of h
 *       is at most min( Σ_i max_a (ĝ_ia − w_i)⁺,  Σ_a N_a ), ĝ_ia = W_k c_a π_a s_a p_ia,
 *       c_a = Π_{b<a} A^U_b Π_{b>a} A^L_b; per target N_a = max(0, min(Σ_i (ĝ_ia − w_i)⁺,
 *       cap_a − min_i w_i, max_k [min(cap_a, top-k ĝ) − cheapest-k w])), cap_a = W_k c_a (A^U_a − A^L_a)
 *       (any gain on a target needs ≥ 1 weapon; k weapons gain at most the k largest ĝ and cost at
 *       least the k smallest w). Both orders (natural and reversed) are tried. A diminishing-returns
 *       bound with one coefficient per target — what the target-based search uses — is NOT valid
 *       here: gains on one asset are complementary (defending one of two lethal targets is worth
 *       little), so they do not diminish; the telescoping form is what keeps the bound valid.
 *  (b3) log chord: plans with U = Σ_a ln A_a < l = ln(1 − limit/W_k) cost more than the limit and
 *       need no bound; on [l, U_max] the chord of e^U lies above e^U, and each u_a = ln(1 − π_a e^{−y_a})
 *       is concave in the additive y_a = Σ_{i→a} (−ln q_ia), so its tangent at max(current, the level
 *       it must reach for U ≥ l) bounds its increase: the same per-weapon / per-target (N_a) sums as
 *       (b2) in log space, with the chord slope as exchange rate.
 *
 * For the minimum only, weapon d holds fire below a node where even its most optimistic marginal gain
 * W_k Π_{b≠a} A^U_b π_a s_a p_da is ≤ w_d on every target: removing it from any completion never
 * raises h. Past a node budget `price` returns max(root bound, least bound of the unexplored
 * subtrees), still a valid lower bound on σ_k.
 */
import type { AssetModel } from './asset.js';

/** Called with a plan: its weapons (increasing) and their targets, count n, priced cost h. */
export type PlanSink = (weapons: Int32Array, targets: Int32Array, n: number, h: number) => boolean | void;

export interface PriceResult {
  /** A valid lower bound on σ_k (= `best` when complete). */
  lower: number;
  /** Best plan cost found (Infinity if none, which cannot happen: the empty plan exists). */
  best: number;
  complete: boolean;
  nodes: number;
}

interface AssetData {
  /** asset value W_k */
  Wk: number;
  /** targets (global indices) and their lethality */
  tg: Int32Array;
  pi: Float64Array;
  /** usable weapons, search order */
  wp: Int32Array;
  /** q and p per (depth, local target), 1 and 0 on unusable pairs */
  q: Float64Array;
  p: Float64Array;
  /** ω = −ln q per (depth, local target), 0 on unusable pairs (Infinity where q = 0) */
  om: Float64Array;
  /** suffix products suf[d·t + a] = Π_{d' ≥ d} q[d'·t + a] (suf[n·t + a] = 1) */
  suf: Float64Array;
}

export class AssetPlanSearch {
  private readonly data: AssetData[] = [];
  /** total nodes visited by the last call */
  nodes = 0;
  // scratch
  private s!: Float64Array;
  private choice!: Int32Array;
  private order!: Int32Array;
  private A!: Float64Array;
  private AL!: Float64Array;
  private oth!: Float64Array;
  private oth2!: Float64Array;
  private key!: Float64Array;
  private perT!: Float64Array;
  private wmin!: Float64Array;
  private gbuf!: Float64Array;
  private wbuf!: Float64Array;
  private f!: Float64Array;
  private cost!: Float64Array;
  private outW!: Int32Array;
  private outT!: Int32Array;

  constructor(private readonly m: AssetModel) {
    const { W, T, K, q, usable, leth, value, targetStart, targetList } = m;
    let maxN = 1;
    let maxT = 1;
    for (let k = 0; k < K; k++) {
      const tg = targetList.slice(targetStart[k], targetStart[k + 1]);
      const t = tg.length;
      const pi = Float64Array.from(tg, (j) => leth[j]);
      const strength: Array<[number, number]> = [];
      for (let i = 0; i < W; i++) {
        let best = 0;
        for (let a = 0; a < t; a++) if (usable[i * T + tg[a]]) best = Math.max(best, pi[a] * (1 - q[i * T + tg[a]]));
        if (best > 0) strength.push([i, best]);
      }
      strength.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      const wp = Int32Array.from(strength, (x) => x[0]);
      const n = wp.length;
      const qq = new Float64Array(n * t).fill(1);
      const pp = new Float64Array(n * t);
      const om = new Float64Array(n * t);
      for (let d = 0; d < n; d++) {
        for (let a = 0; a < t; a++) {
          const i = wp[d];
          if (usable[i * T + tg[a]]) {
            qq[d * t + a] = q[i * T + tg[a]];
            pp[d * t + a] = 1 - q[i * T + tg[a]];
            om[d * t + a] = -Math.log(q[i * T + tg[a]]);
          }
        }
      }
      const suf = new Float64Array((n + 1) * t).fill(1);
      for (let d = n - 1; d >= 0; d--) for (let a = 0; a < t; a++) suf[d * t + a] = suf[(d + 1) * t + a] * qq[d * t + a];
      this.data.push({ Wk: value[k], tg, pi, wp, q: qq, p: pp, om, suf });
      maxN = Math.max(maxN, n);
      maxT = Math.max(maxT, t);
    }
    this.s = new Float64Array((maxN + 1) * maxT);
    this.choice = new Int32Array(maxN);
    this.order = new Int32Array(maxN * (maxT + 1));
    this.A = new Float64Array(maxT);
    this.oth = new Float64Array(maxT);
    this.AL = new Float64Array(maxT);
    this.oth2 = new Float64Array(maxT);
    this.key = new Float64Array(maxT);
    this.perT = new Float64Array(maxT);
    this.wmin = new Float64Array(maxT);
    this.gbuf = new Float64Array(maxN);
    this.wbuf = new Float64Array(maxN);
    this.f = new Float64Array(maxT);
    this.cost = new Float64Array(maxN);
    this.outW = new Int32Array(maxN);
    this.outT = new Int32Array(maxN);
  }

  /** Number of usable weapons of asset k. */
  weaponsOf(k: number): number {
    return this.data[k].wp.length;
  }

  /**
   * σ_k(π) = min over plans of h_k by branch and bound. `onPlan` sees every improving plan (the
   * CG pricing collects them). Past `nodeBudget` nodes the search stops and `lower` is the least
   * bound of the subtrees left unexplored (valid, possibly below σ_k).
   */
  price(k: number, prices: Float64Array | null, opts: { nodeBudget?: number; onPlan?: PlanSink; expired?: () => boolean } = {}): PriceResult {
    const st = { mode: 0, limit: Infinity, best: Infinity, cut: Infinity, root: -Infinity, budget: opts.nodeBudget ?? 2_000_000, stop: false, sink: opts.onPlan, expired: opts.expired };
    this.run(k, prices, st);
    const complete = st.cut === Infinity;
    // both the root bound and the least bound of the unexplored subtrees are valid lower bounds
    return { lower: complete ? st.best : Math.max(st.root, Math.min(st.best, st.cut)), best: st.best, complete, nodes: this.nodes };
  }

  /**
   * Every plan of asset k with h_k ≤ limit, each passed to `onPlan` (return false to stop).
   * `complete` is false when stopped by the sink or the node budget.
   */
  enumerate(k: number, prices: Float64Array | null, limit: number, onPlan: PlanSink, nodeBudget = 50_000_000, expired?: () => boolean): { complete: boolean; nodes: number } {
    const st = { mode: 1, limit, best: Infinity, cut: Infinity, root: -Infinity, budget: nodeBudget, stop: false, sink: onPlan, expired };
    this.run(k, prices, st);
    return { complete: !st.stop && st.cut === Infinity, nodes: this.nodes };
  }

  private run(
    k: number,
    prices: Float64Array | null,
    st: {
      mode: number;
      limit: number;
      best: number;
      cut: number;
      root: number;
      budget: number;
      stop: boolean;
      sink: PlanSink | undefined;
      expired: (() => boolean) | undefined;
    },
  ): void {
    const D = this.data[k];
    const { Wk, pi, wp, q, p, suf } = D;
    const t = D.tg.length;
    const n = wp.length;
    const { s, choice, order, A, AL, oth, oth2, f, key, cost, outW, outT } = this;
    const c = this.m.c;
    let costSum = 0;
    for (let d = 0; d < n; d++) {
      cost[d] = c[wp[d]] + (prices ? prices[wp[d]] : 0);
      costSum += cost[d];
    }
    for (let a = 0; a < t; a++) s[a] = 1;
    // rounding slack: prune only when the bound exceeds the limit by more than the float error of
    // sums of at most n + t + 2 terms of size ≤ Wk + Σcost
    const tol = 1e-12 * (1 + Wk + costSum);
    this.nodes = 0;
    const emit = (h: number): boolean | void => {
      let m = 0;
      for (let d = 0; d < n; d++) {
        if (choice[d] >= 0) {
          // insertion by weapon index (plans are short)
          let x = m++;
          while (x > 0 && outW[x - 1] > wp[d]) {
            outW[x] = outW[x - 1];
            outT[x] = outT[x - 1];
            x--;
          }
          outW[x] = wp[d];
          outT[x] = D.tg[choice[d]];
        }
      }
      return st.sink ? st.sink(outW, outT, m, h) : undefined;
    };
    const rec = (d: number, C: number): void => {
      this.nodes++;
      const sb = d * t;
      if (d === n) {
        let P = 1;
        for (let a = 0; a < t; a++) P *= 1 - pi[a] * s[sb + a];
        const h = Wk * (1 - P) + C;
        if (st.mode === 0) {
          if (h < st.best) {
            st.best = h;
            emit(h);
          }
        } else if (h <= st.limit) {
          if (emit(h) === false) st.stop = true;
        }
        return;
      }
      // bound (see the header): A^L = current factors, A^U = optimistic ones
      let Pcur = 1;
      for (let a = 0; a < t; a++) {
        AL[a] = 1 - pi[a] * s[sb + a];
        A[a] = 1 - pi[a] * s[sb + a] * suf[sb + a];
        Pcur *= AL[a];
      }
      // ordering 1: c_a = W Π_{b<a} A^U_b Π_{b>a} A^L_b; ordering 2: the reverse
      let pre = 1;
      for (let a = 0; a < t; a++) {
        oth[a] = pre;
        pre *= A[a];
      }
      let post = 1;
      for (let a = t - 1; a >= 0; a--) {
        oth[a] *= post;
        post *= AL[a];
      }
      pre = 1;
      for (let a = 0; a < t; a++) {
        oth2[a] = pre;
        pre *= AL[a];
      }
      post = 1;
      for (let a = t - 1; a >= 0; a--) {
        oth2[a] *= post;
        post *= A[a];
      }
      const Lcur = C + Wk * (1 - Pcur);
      const g1 = this.gainBound(D, d, sb, oth, cost);
      // key of child ordering: ordering-1 rate per unit p (f, kept from gainBound)
      for (let a = 0; a < t; a++) key[a] = f[a];
      const g2 = this.gainBound(D, d, sb, oth2, cost);
      const limit = st.mode === 0 ? st.best : st.limit;
      let lb = Lcur - Math.min(g1, g2);
      if (limit < Wk) {
        const lg = this.logChordBound(D, d, sb, C, limit, cost);
        if (lg > lb) lb = lg;
      }
      if (d === 0) st.root = lb;
      if (lb > limit + tol) return;
      // the deadline (checked every 4096 nodes) ends the search like the node budget
      if ((this.nodes & 4095) === 0 && st.expired?.()) st.budget = 0;
      if (this.nodes > st.budget) {
        if (lb < st.cut) st.cut = lb;
        return;
      }
      // children: targets by decreasing optimistic gain, then hold fire
      const ob = d * (t + 1);
      let nc = 0;
      // Minimum only: weapon d is useless below this node when even its most optimistic marginal
      // gain, W_k · P̄_{−a} · π_a s_a p_da with every other factor at its optimistic value A^U, is
      // ≤ its cost on every target — removing it from any completion never raises h.
      let useless = false;
      if (st.mode === 0) {
        useless = true;
        let pre = 1;
        for (let a = 0; a < t; a++) {
          oth[a] = pre;
          pre *= A[a];
        }
        let post = 1;
        for (let a = t - 1; a >= 0 && useless; a--) {
          if (p[d * t + a] > 0 && Wk * oth[a] * post * pi[a] * s[sb + a] * p[d * t + a] > cost[d]) useless = false;
          post *= A[a];
        }
      }
      for (let a = 0; a < t && !useless; a++) {
        if (p[d * t + a] === 0) continue;
        const ka = key[a] * p[d * t + a];
        let x = nc++;
        while (x > 0 && key[order[ob + x - 1]] * p[d * t + order[ob + x - 1]] < ka) {
          order[ob + x] = order[ob + x - 1];
          x--;
        }
        order[ob + x] = a;
      }
      order[ob + nc++] = -1;
      const nb = sb + t;
      for (let r = 0; r < nc; r++) {
        const a = order[ob + r];
        for (let b = 0; b < t; b++) s[nb + b] = s[sb + b];
        choice[d] = a;
        if (a >= 0) {
          s[nb + a] *= q[d * t + a];
          rec(d + 1, C + cost[d]);
        } else {
          rec(d + 1, C);
        }
        if (st.stop) return;
      }
      choice[d] = -1;
    };
    rec(0, 0);
  }

  /**
   * The log-chord bound (see the header, (b3)): plans with U = Σ_a ln A_a below l = ln(1 − limit/W_k)
   * cost more than `limit` and need no bound; on [l, U_max] the chord of e^U lies above e^U, so
   *   h ≥ C + W_k (1 − e^l) − W_k β (U_final − l),   β = (e^{U_max} − e^l)/(U_max − l),
   * and U_final ≤ Σ_a ũ_a + Σ_{i→a} slope_a ω_ia (each u_a = ln(1 − π_a e^{−y_a}) is concave in the
   * additive y_a = Σ ω; its tangent at max(current, the level l_a it must reach) bounds it), capped
   * per target by ln A^U_a. Returns −Infinity when the bound does not apply.
   */
  private logChordBound(D: AssetData, d: number, sb: number, C: number, limit: number, cost: Float64Array): number {
    const { Wk, om } = D;
    const t = D.tg.length;
    const n = D.wp.length;
    const { A, AL, f, perT } = this;
    const l = Math.log1p(-limit / Wk);
    let Umax = 0;
    for (let a = 0; a < t; a++) Umax += Math.log(A[a]);
    if (!(Umax > l)) return C + Wk * (1 - Math.exp(Umax)); // every completion is beyond the limit (b1)
    const el = Math.exp(l);
    const span = Umax - l;
    const beta = span > 1e-12 ? (Math.exp(Umax) - el) / span : Math.exp(Umax);
    const Wb = Wk * beta;
    let Ut = 0;
    for (let a = 0; a < t; a++) {
      // level target a must reach for U ≥ l: l_a = l − Σ_{b≠a} ln A^U_b
      const la = l - (Umax - Math.log(A[a]));
      const At = Math.max(AL[a], Math.exp(la));
      const ua = Math.log(At);
      Ut += ua;
      f[a] = (Wb * (1 - At)) / At; // W β · slope_a
      perT[a] = -Math.max(0, Wb * (Math.log(A[a]) - ua));
    }
    // perT[a] holds −cap_a; per-target gains accumulate in `sums`
    let byWeapon = 0;
    const sums = this.oth2; // scratch (not used by the caller after this point)
    const wmin = this.wmin;
    for (let a = 0; a < t; a++) {
      sums[a] = 0;
      wmin[a] = Infinity;
    }
    for (let e = d; e < n; e++) {
      let g = 0;
      const ce = cost[e];
      for (let a = 0; a < t; a++) {
        const w = om[e * t + a];
        if (w === 0) continue;
        if (ce < wmin[a]) wmin[a] = ce;
        const x = f[a] * w - ce;
        if (x > 0) {
          sums[a] += x;
          if (x > g) g = x;
        }
      }
      byWeapon += g;
    }
    let byTarget = 0;
    for (let a = 0; a < t; a++) {
      const net = Math.max(0, Math.min(sums[a], -perT[a] - wmin[a]));
      byTarget += net > 0 ? Math.min(net, this.topK(om, f[a], d, a, t, n, -perT[a], cost)) : 0;
    }
    const G = Math.min(byWeapon, byTarget);
    return C + Wk * (1 - el) - Wb * (Ut - l) - G;
  }

  /**
   * Net gain bound of one target: a set R of k remaining weapons gains at most min(cap, G_k) and
   * costs at least P_k, G_k = the k largest gross gains scale·x[e·t + a], P_k = the k smallest
   * costs; returns max_k (min(cap, G_k) − P_k) ≥ 0.
   */
  private topK(x: Float64Array, scale: number, d: number, a: number, t: number, n: number, cap: number, cost: Float64Array): number {
    const g = this.gbuf;
    const w = this.wbuf;
    let m = 0;
    for (let e = d; e < n; e++) {
      const v = x[e * t + a];
      if (v === 0) continue;
      g[m] = -scale * v; // ascending sort of negatives = descending gains
      w[m] = cost[e];
      m++;
    }
    const gs = g.subarray(0, m).sort();
    const ws = w.subarray(0, m).sort();
    let best = 0;
    let G = 0;
    let P = 0;
    for (let k = 0; k < m; k++) {
      G -= gs[k];
      P += ws[k];
      const v = Math.min(cap, G) - P;
      if (v > best) best = v;
      if (G >= cap) break; // more weapons only add cost
    }
    return best;
  }

  /**
   * Upper bound on the net decrease of h from the remaining weapons (depth ≥ d) for one target
   * ordering with coefficients c_a = W_k · coef[a]: the smaller of Σ_i max_a (ĝ_ia − cost_i)⁺ and
   * Σ_a min(cap_a, Σ_i (ĝ_ia − cost_i)⁺), ĝ_ia = c_a π_a s_a p_ia, cap_a = c_a (A^U_a − A^L_a).
   * Leaves c_a π_a s_a in `f`.
   */
  private gainBound(D: AssetData, d: number, sb: number, coef: Float64Array, cost: Float64Array): number {
    const { Wk, pi, p } = D;
    const t = D.tg.length;
    const n = D.wp.length;
    const { s, A, AL, f, perT } = this;
    const wmin = this.wmin;
    for (let a = 0; a < t; a++) {
      f[a] = Wk * coef[a] * pi[a] * s[sb + a];
      perT[a] = 0;
      wmin[a] = Infinity;
    }
    let byWeapon = 0;
    for (let e = d; e < n; e++) {
      let g = 0;
      const ce = cost[e];
      for (let a = 0; a < t; a++) {
        if (p[e * t + a] === 0) continue;
        if (ce < wmin[a]) wmin[a] = ce;
        const x = f[a] * p[e * t + a] - ce;
        if (x > 0) {
          perT[a] += x;
          if (x > g) g = x;
        }
      }
      byWeapon += g;
    }
    // per target: any gain needs at least one weapon, which costs at least wmin_a
    let byTarget = 0;
    for (let a = 0; a < t; a++) {
      const cap = Wk * coef[a] * (A[a] - AL[a]);
      const net = Math.max(0, Math.min(perT[a], cap - wmin[a]));
      byTarget += net > 0 ? Math.min(net, this.topK(D.p, f[a], d, a, t, n, cap, cost)) : 0;
    }
    return Math.min(byWeapon, byTarget);
  }
}

/**
 * The Lagrangian bound of the asset-based WTA at weapon prices π ≥ 0:
 *   F(x) ≥ L(π) = Σ_k σ_k(π) − Σ_i π_i   for every feasible x
 * (relax "each weapon fires at most once" across assets; within an asset a plan already uses each
 * weapon at most once). Proof: F(x) = Σ_k h_k(plan_k(x)) − Σ_{i fires} π_i ≥ Σ_k σ_k − Σ_i π_i.
 * `sigma` receives the per-asset lower bounds used.
 */
export function assetLagrangianBound(
  search: AssetPlanSearch,
  m: AssetModel,
  prices: Float64Array,
  sigma: Float64Array,
  opts: { nodeBudget?: number; onPlan?: (k: number) => PlanSink | undefined; expired?: () => boolean } = {},
): { L: number; complete: boolean; nodes: number } {
  let L = 0;
  let complete = true;
  let nodes = 0;
  for (let k = 0; k < m.K; k++) {
    const sink = opts.onPlan?.(k);
    const r = search.price(k, prices, {
      ...(opts.nodeBudget !== undefined ? { nodeBudget: opts.nodeBudget } : {}),
      ...(sink ? { onPlan: sink } : {}),
      ...(opts.expired ? { expired: opts.expired } : {}),
    });
    sigma[k] = r.lower;
    L += r.lower;
    nodes += r.nodes;
    if (!r.complete) complete = false;
  }
  for (let i = 0; i < m.W; i++) L -= prices[i];
  return { L, complete, nodes };
}
