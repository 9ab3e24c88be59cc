/**
 * Per-target subset searches behind the exact solver's Lagrangian bound (see exact.ts and
 * docs/models/battle-management.md, "Exact solver").
 *
 * For one target with value V, candidate weapons k = 0..n−1 with survival probabilities q_k and
 * weights w_k ≥ 0 (a weapon's Lagrangian price π plus its firing cost c), a weapon subset S has
 *
 *   g(S) = V · Π_{k∈S} q_k + Σ_{k∈S} w_k.
 *
 * `minimize` finds min_S g(S) exactly (the Lagrangian subproblem / column-generation pricing);
 * `enumerate` lists every S with g(S) ≤ limit (the column family of the final MIP). Both are
 * depth-first searches over subsets in candidate order, pruned by a valid lower bound on every
 * extension of the current node. At a node (S, P = Π_S q, C = Σ_S w) a child adds k, and any
 * set S ∪ {k} ∪ R (R ⊆ later candidates) satisfies
 *
 *   g ≥ C + w_k + V·P·q_k · Π_R q + Σ_R w
 *     ≥ C + w_k + max(0, V·P·q_k − Σ_{r∈R} [V·P·q_k·(1 − q_r) − w_r])     (Π_R q ≥ 1 − Σ_R (1 − q))
 *     ≥ C + w_k + max(0, V·P·q_k − q_k · U_{k+1}),
 *   U_{k+1} = Σ_{r>k} max(0, V·P·(1 − q_r) − w_r)
 *
 * using max(0, q_k a − w) ≤ q_k max(0, a − w) for w ≥ 0. U is a suffix sum computed once per node.
 *
 * The second bound is the continuous relaxation in logarithms (tight when many weapons are cheap,
 * where the first is weak). With a_r = −ln q_r, Π_R q = exp(−Σ_R a_r), and relaxing R to
 * y ∈ [0, 1]^n gives the convex problem  min_y A·exp(−a·y) + w·y  (A = V·P·q_k). For a fixed
 * t = a·y the cheapest y is the fractional knapsack that fills items by increasing ratio
 * ρ_r = w_r / a_r, so the optimum walks the items in that order while the marginal saving
 * A·exp(−t) exceeds ρ_r, stopping inside an item at t* = ln(A/ρ_r) if needed. The candidates are
 * searched in increasing ρ, so "the later candidates" are a suffix in that order and the walk
 * usually stops after a few items. The search takes the larger of the two bounds.
 * `minimize` also skips a child k whose marginal gain V·P·(1 − q_k) − w_k is ≤ 0: the marginal
 * gain of k only shrinks as the set grows (P decreases), so any set containing S ∪ {k} is no
 * better without k.
 */
import type { WtaModel } from './objective.js';

/**
 * Sort idx[0..n) by (key ascending, tie ascending, idx ascending) in place — a hand-written
 * quicksort on typed arrays: a comparator callback per comparison made Array.prototype.sort the
 * bottleneck of 1000×1000 pricing (about 1 s per pass).
 */
export function sortIndices(idx: Int32Array, n: number, key: Float64Array, tie: Float64Array): void {
  const less = (a: number, b: number): boolean => {
    const ka = key[a];
    const kb = key[b];
    if (ka !== kb) return ka < kb;
    const ta = tie[a];
    const tb = tie[b];
    if (ta !== tb) return ta < tb;
    return a < b;
  };
  const stack = new Int32Array(128);
  let sp = 0;
  stack[sp++] = 0;
  stack[sp++] = n - 1;
  while (sp > 0) {
    let hi = stack[--sp];
    let lo = stack[--sp];
    while (hi - lo > 16) {
      const mid = (lo + hi) >> 1;
      if (less(idx[mid], idx[lo])) swap(idx, mid, lo);
      if (less(idx[hi], idx[lo])) swap(idx, hi, lo);
      if (less(idx[hi], idx[mid])) swap(idx, hi, mid);
      const pivot = idx[mid];
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (less(idx[i], pivot)) i++;
        while (less(pivot, idx[j])) j--;
        if (i <= j) {
          swap(idx, i, j);
          i++;
          j--;
        }
      }
      // keep the larger side for later, go on with the smaller: the stack stays O(log n)
      if (j - lo < hi - i) {
        stack[sp++] = i;
        stack[sp++] = hi;
        hi = j;
      } else {
        stack[sp++] = lo;
        stack[sp++] = j;
        lo = i;
      }
    }
    for (let a = lo + 1; a <= hi; a++) {
      const v = idx[a];
      let b = a - 1;
      while (b >= lo && less(v, idx[b])) {
        idx[b + 1] = idx[b];
        b--;
      }
      idx[b + 1] = v;
    }
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Receives one subset: its g and the caller's candidate indices `members[0..size)` (a scratch
 * buffer, valid during the call). Return false to stop the search.
 */
export type SubsetSink = (g: number, members: Int32Array, size: number) => boolean;

export class SubsetSearch {
  private V = 0;
  private n = 0;
  private q: Float64Array = new Float64Array(0);
  private w: Float64Array = new Float64Array(0);
  private cur: Int32Array;
  /** Candidates in search order (increasing ρ): original index, q, w, a = −ln q, ρ = w/a. */
  private perm: Int32Array;
  private a: Float64Array;
  private rho: Float64Array;
  private rhoIn: Float64Array;
  private negAIn: Float64Array;
  private suffix: Float64Array[] = [];
  // minimize state
  private best = Infinity;
  private bestSet: Int32Array;
  private bestSize = 0;
  private threshold = -Infinity;
  private keep = 0;
  private keptG: Float64Array;
  private keptSets: Int32Array[];
  private keptSize: Int32Array;
  private nKept = 0;
  // enumerate state
  private limit = 0;
  private sink: SubsetSink | null = null;
  private stopped = false;
  private out: Int32Array;
  /** Nodes visited by the last search (for statistics). */
  nodes = 0;
  private nodeBudget = Infinity;
  private skippedLb = Infinity;

  constructor(maxCandidates: number, maxKeep = 16) {
    this.cur = new Int32Array(maxCandidates + 1);
    this.perm = new Int32Array(maxCandidates);
    this.out = new Int32Array(maxCandidates + 1);
    this.q = new Float64Array(maxCandidates);
    this.w = new Float64Array(maxCandidates);
    this.a = new Float64Array(maxCandidates);
    this.rho = new Float64Array(maxCandidates);
    this.rhoIn = new Float64Array(maxCandidates);
    this.negAIn = new Float64Array(maxCandidates);
    this.bestSet = new Int32Array(maxCandidates + 1);
    this.keptG = new Float64Array(maxKeep);
    this.keptSets = Array.from({ length: maxKeep }, () => new Int32Array(maxCandidates + 1));
    this.keptSize = new Int32Array(maxKeep);
  }

  /** Order the n candidates by increasing ρ = w/a (ties: larger a first, then index). */
  private prepare(V: number, n: number, q: Float64Array, w: Float64Array): void {
    this.V = V;
    this.n = n;
    const perm = this.perm;
    const rhoIn = this.rhoIn;
    const negA = this.negAIn;
    for (let k = 0; k < n; k++) {
      perm[k] = k;
      const a = q[k] > 0 ? -Math.log(q[k]) : Infinity;
      negA[k] = -a;
      rhoIn[k] = a === Infinity ? 0 : a > 0 ? w[k] / a : Infinity;
    }
    // increasing ρ; ties: larger a first, then index
    sortIndices(perm, n, rhoIn, negA);
    for (let k = 0; k < n; k++) {
      const o = perm[k];
      this.q[k] = q[o];
      this.w[k] = w[o];
      this.a[k] = -negA[o];
      this.rho[k] = rhoIn[o];
    }
  }

  /**
   * min over R ⊆ {from..n−1} (relaxed to y ∈ [0,1]) of A·exp(−a·y) + w·y: a lower bound on the
   * cheapest completion of a node whose survival is A (see the header).
   */
  private continuousBound(A: number, from: number): number {
    const n = this.n;
    const a = this.a;
    const rho = this.rho;
    const w = this.w;
    let t = 0;
    let cost = 0;
    let cur = A;
    for (let r = from; r < n; r++) {
      const p = rho[r];
      if (p >= cur) break;
      const ar = a[r];
      if (ar === Infinity) return cost; // a sure kill for an arbitrarily small fraction
      const end = cur * Math.exp(-ar);
      if (p >= end) return cost + p * (1 + Math.log(cur / p)); // interior optimum t* = t + ln(cur/ρ)
      t += ar;
      cost += w[r];
      cur = end;
    }
    return cost + cur;
  }

  private scratch(depth: number): Float64Array {
    let s = this.suffix[depth];
    if (!s) {
      s = new Float64Array(this.cur.length + 1);
      this.suffix[depth] = s;
    }
    return s;
  }

  /**
   * A rigorous lower bound on min_S g(S) over all subsets of the n candidates, exact (= the
   * minimum) unless the search ran out of its node budget: then it is the smallest lower bound of
   * the subtrees left unexplored, capped by the best subset found. Also keeps up to `keep` subsets
   * with g < threshold, smallest first (candidate columns). Read the best subset found with
   * `bestValue()`/`bestMembers()` and the kept subsets with `kept()`.
   */
  minimize(V: number, n: number, q: Float64Array, w: Float64Array, threshold = -Infinity, keep = 0, nodeBudget = Infinity): number {
    this.prepare(V, n, q, w);
    this.nodeBudget = nodeBudget;
    this.skippedLb = Infinity;
    this.best = Infinity;
    this.bestSize = 0;
    this.threshold = threshold;
    this.keep = Math.min(keep, this.keptG.length);
    this.nKept = 0;
    this.nodes = 0;
    this.dfsMin(0, 0, 1, 0);
    return Math.min(this.best, this.skippedLb);
  }

  /** g of the best subset the last `minimize` found (≥ the returned bound; equal when exact). */
  bestValue(): number {
    return this.best;
  }

  /** True when the last `minimize` stopped on its node budget (its bound may be below the min). */
  truncated(): boolean {
    return this.skippedLb < this.best;
  }

  /** The argmin of the last `minimize`, as indices into the caller's candidate arrays. */
  bestMembers(): Int32Array {
    return Int32Array.from(this.bestSet.subarray(0, this.bestSize), (k) => this.perm[k]);
  }

  /** The subsets kept by the last `minimize` with g < threshold: [g, candidate indices][]. */
  kept(): Array<[number, Int32Array]> {
    const out: Array<[number, Int32Array]> = [];
    for (let k = 0; k < this.nKept; k++) {
      out.push([this.keptG[k], Int32Array.from(this.keptSets[k].subarray(0, this.keptSize[k]), (x) => this.perm[x])]);
    }
    return out;
  }

  private dfsMin(depth: number, start: number, P: number, C: number): void {
    this.nodes++;
    const V = this.V;
    const g = C + V * P;
    if (g < this.best) {
      this.best = g;
      this.bestSize = depth;
      this.bestSet.set(this.cur.subarray(0, depth));
    }
    if (this.keep > 0 && g < this.threshold) this.keepSubset(g, depth);
    const n = this.n;
    const q = this.q;
    const w = this.w;
    const VP = V * P;
    const U = this.scratch(depth);
    U[n] = 0;
    for (let k = n - 1; k >= start; k--) {
      const gain = VP * (1 - q[k]) - w[k];
      U[k] = U[k + 1] + (gain > 0 ? gain : 0);
    }
    for (let k = start; k < n; k++) {
      if (VP * (1 - q[k]) - w[k] <= 0) continue;
      const Cc = C + w[k];
      const surv = VP * q[k] - q[k] * U[k + 1];
      const bound = this.pruneBound();
      const lbU = Cc + (surv > 0 ? surv : 0);
      if (lbU >= bound) continue;
      const lbC = Cc + this.continuousBound(VP * q[k], k + 1);
      if (lbC >= bound) continue;
      if (this.nodes >= this.nodeBudget) {
        const lb = lbU > lbC ? lbU : lbC;
        if (lb < this.skippedLb) this.skippedLb = lb;
        continue;
      }
      this.cur[depth] = k;
      this.dfsMin(depth + 1, k + 1, P * q[k], Cc);
    }
  }

  /** Explore a subtree only if it may beat the best, or may hold a subset worth keeping. */
  private pruneBound(): number {
    if (this.keep === 0) return this.best;
    const kth = this.nKept === this.keep ? this.keptG[this.nKept - 1] : Infinity;
    const collect = Math.min(this.threshold, kth);
    return collect > this.best ? collect : this.best;
  }

  private keepSubset(g: number, size: number): void {
    const K = this.keep;
    if (this.nKept === K && g >= this.keptG[K - 1]) return;
    let p = this.nKept < K ? this.nKept++ : K - 1;
    const slot = this.keptSets[p];
    while (p > 0 && this.keptG[p - 1] > g) {
      this.keptG[p] = this.keptG[p - 1];
      this.keptSets[p] = this.keptSets[p - 1];
      this.keptSize[p] = this.keptSize[p - 1];
      p--;
    }
    this.keptG[p] = g;
    this.keptSets[p] = slot;
    slot.set(this.cur.subarray(0, size));
    this.keptSize[p] = size;
  }

  /**
   * Call `sink` for every subset S (the empty one included) with g(S) ≤ limit, in depth-first
   * order. Returns false if the sink stopped the search or the node budget ran out (the list is
   * then incomplete).
   */
  enumerate(V: number, n: number, q: Float64Array, w: Float64Array, limit: number, sink: SubsetSink, nodeBudget = Infinity): boolean {
    this.prepare(V, n, q, w);
    this.nodeBudget = nodeBudget;
    this.limit = limit;
    this.sink = sink;
    this.stopped = false;
    this.nodes = 0;
    this.dfsEnum(0, 0, 1, 0);
    this.sink = null;
    return !this.stopped;
  }

  private dfsEnum(depth: number, start: number, P: number, C: number): void {
    if (++this.nodes > this.nodeBudget) {
      this.stopped = true;
      return;
    }
    const V = this.V;
    const g = C + V * P;
    if (g <= this.limit) {
      const out = this.out;
      for (let k = 0; k < depth; k++) out[k] = this.perm[this.cur[k]];
      if (!this.sink!(g, out, depth)) {
        this.stopped = true;
        return;
      }
    }
    const n = this.n;
    const q = this.q;
    const w = this.w;
    const VP = V * P;
    const U = this.scratch(depth);
    U[n] = 0;
    for (let k = n - 1; k >= start; k--) {
      const gain = VP * (1 - q[k]) - w[k];
      U[k] = U[k + 1] + (gain > 0 ? gain : 0);
    }
    for (let k = start; k < n; k++) {
      const Cc = C + w[k];
      if (Cc > this.limit) continue;
      const surv = VP * q[k] - q[k] * U[k + 1];
      if (Cc + (surv > 0 ? surv : 0) > this.limit) continue;
      if (Cc + this.continuousBound(VP * q[k], k + 1) > this.limit) continue;
      this.cur[depth] = k;
      this.dfsEnum(depth + 1, k + 1, P * q[k], Cc);
      if (this.stopped) return;
    }
  }
}

/** One target's candidate weapons: feasible pairs with p > 0, by increasing weapon index. */
export interface TargetCandidates {
  readonly n: number;
  readonly weapon: Int32Array;
  readonly q: Float64Array;
}

/** A weapon subset chosen for target j: its weapons (increasing index) and its g under π. */
export type ColumnSink = (j: number, weapons: number[], g: number) => void;

/**
 * The Lagrangian relaxation of the WTA's weapon constraints (docs: "Exact solver"). For prices
 * π ≥ 0 (one per weapon),
 *
 *   L(π) = Σ_j σ_j(π) − Σ_i π_i,   σ_j(π) = min_S [V_j Π_{i∈S} q_ij + Σ_{i∈S} (c_i + π_i)],
 *
 * is a lower bound on F(x) for every feasible x, whatever π is: F(x) = Σ_j [cost_j(S_j) + π(S_j)]
 * − Σ_{fired} π_i ≥ Σ_j σ_j(π) − Σ_i π_i. `bound` computes it with σ_j from `SubsetSearch` (exact
 * unless a node budget truncates a search, and then still a lower bound), so the bound is rigorous
 * up to floating-point rounding in our own sums. Pairs with p = 0 or masked out are never in S:
 * a weapon with p_ij = 0 only adds its cost to target j, so dropping it from S never hurts.
 */
export class LagrangianPricer {
  readonly cands: TargetCandidates[] = [];
  private readonly search: SubsetSearch;
  private readonly wBuf: Float64Array;
  /** Targets whose last search hit its node budget (bound valid, possibly below σ). */
  truncated = 0;

  constructor(private readonly m: WtaModel) {
    const { W, T, qT, feasT } = m;
    let maxN = 1;
    const idx = new Int32Array(W);
    for (let j = 0; j < T; j++) {
      const col = qT.subarray(j * W, (j + 1) * W);
      let n = 0;
      for (let i = 0; i < W; i++) if (feasT[j * W + i] && col[i] < 1) idx[n++] = i;
      const weapon = idx.slice(0, n);
      this.cands.push({ n, weapon, q: Float64Array.from(weapon, (i) => col[i]) });
      if (n > maxN) maxN = n;
    }
    this.search = new SubsetSearch(maxN, 8);
    this.wBuf = new Float64Array(maxN);
  }

  private weights(j: number, pi: Float64Array): void {
    const cj = this.cands[j];
    const c = this.m.c;
    for (let k = 0; k < cj.n; k++) this.wBuf[k] = pi[cj.weapon[k]] + c[cj.weapon[k]];
  }

  /**
   * L(π); fills sigmaOut[j] with the lower bound used for σ_j(π). With `keep` > 0, `onSubset`
   * receives up to `keep` best subsets per target (column-generation candidates). `nodeBudget`
   * caps each target's search; `expired()` true switches to the cheapest valid bound.
   */
  bound(
    pi: Float64Array,
    sigmaOut: Float64Array,
    opts: { keep?: number; onSubset?: ColumnSink; nodeBudget?: number; expired?: () => boolean } = {},
  ): number {
    const { W, T, V } = this.m;
    const keep = opts.onSubset ? (opts.keep ?? 3) : 0;
    const budget = opts.nodeBudget ?? 20_000;
    this.truncated = 0;
    let L = 0;
    for (let i = 0; i < W; i++) L -= pi[i];
    for (let j = 0; j < T; j++) {
      const cj = this.cands[j];
      this.weights(j, pi);
      const sg = this.search.minimize(V[j], cj.n, cj.q, this.wBuf, Infinity, keep, opts.expired?.() ? 1 : budget);
      if (this.search.truncated()) this.truncated++;
      sigmaOut[j] = sg;
      L += sg;
      if (opts.onSubset) {
        for (const [g, members] of this.search.kept()) {
          opts.onSubset(j, Array.from(members, (k) => cj.weapon[k]).sort((x, y) => x - y), g);
        }
      }
    }
    return L;
  }

  /**
   * Every subset S of target j's candidates with g_j(S) ≤ limit, as sorted weapon lists.
   * Returns false when the sink stopped or the node budget ran out (list incomplete).
   */
  enumerate(j: number, pi: Float64Array, limit: number, sink: (weapons: number[]) => boolean, nodeBudget = Infinity): { complete: boolean; nodes: number } {
    const cj = this.cands[j];
    this.weights(j, pi);
    const complete = this.search.enumerate(
      this.m.V[j],
      cj.n,
      cj.q,
      this.wBuf,
      limit,
      (_g, members, size) => {
        const ws: number[] = [];
        for (let k = 0; k < size; k++) ws.push(cj.weapon[members[k]]);
        ws.sort((x, y) => x - y);
        return sink(ws);
      },
      nodeBudget,
    );
    return { complete, nodes: this.search.nodes };
  }
}

/**
 * Weapon prices read off an assignment: in an optimal LP solution of the set-partitioning master,
 * complementary slackness puts a fired weapon's price between what it would gain on its best
 * other target (lo) and what removing it would cost (hi); a weapon holding fire has lo = hi = its
 * best gain. Both net of the weapon's firing cost, and ≥ 0.
 */
export function incumbentPriceRange(m: WtaModel, assignment: Int32Array): { lo: Float64Array; hi: Float64Array } {
  const { W, T, V, q, feasible, c } = m;
  const surv = Float64Array.from(V);
  for (let i = 0; i < W; i++) if (assignment[i] >= 0) surv[assignment[i]] *= q[i * T + assignment[i]];
  const lo = new Float64Array(W);
  const hi = new Float64Array(W);
  for (let i = 0; i < W; i++) {
    const t = assignment[i];
    let add = 0;
    for (let j = 0; j < T; j++) if (j !== t && feasible[i * T + j]) add = Math.max(add, surv[j] * (1 - q[i * T + j]));
    lo[i] = Math.max(0, add - c[i]);
    if (t >= 0) {
      const qi = q[i * T + t];
      hi[i] = Math.max(lo[i], (qi > 0 ? surv[t] * (1 / qi - 1) : V[t]) - c[i]);
    } else hi[i] = lo[i];
  }
  return { lo, hi };
}
