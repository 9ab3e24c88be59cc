/**
 * Column generation, reduced-cost column enumeration and a set-partitioning MIP on HiGHS: the
 * driver shared by the exact target-based solver (exact.ts, a column is a target and a weapon
 * subset) and the exact asset-based one (assetExact.ts, a column is an asset and a defence plan).
 * The problem supplies its columns' costs, its pricing and enumeration searches and how an
 * assignment splits into columns; this file holds the argument that does not depend on them
 * (docs/models/battle-management.md, "Exact solver"):
 *
 * 1. Set-partitioning master (a Dantzig–Wolfe reformulation over groups: targets or assets). A
 *    column is a group g and a set of weapons (each with the target it fires at); its cost
 *    cost_g(col) is the group's part of F. Rows 0..G−1: exactly one column per group (the empty
 *    column included); rows G+i: weapon i in at most one column. F(x) = Σ_g cost_g(col_g(x)) for
 *    every feasible x, so the master IS the problem.
 *
 * 2. Lagrangian bound. For ANY weapon prices π ≥ 0 and any feasible x,
 *      F(x) = Σ_g [cost_g(col_g) + π(col_g)] − Σ_{i fires} π_i ≥ Σ_g σ_g(π) − Σ_i π_i =: L(π),
 *    where σ_g(π) ≤ min_col [cost_g(col) + π(col)] is the value (or a lower bound on it) that
 *    the problem's own pricing search returns. So L(π) is a rigorous lower bound whatever
 *    produced π. HiGHS only proposes good π: the duals of the master's LP relaxation, grown by
 *    column generation with Wentges smoothing (prices tried at α·center + (1 − α)·duals, the
 *    center being the best π so far; Wentges, "Weighted Dantzig–Wolfe decomposition", ITOR 4,
 *    1997). A column enters the LP when its reduced cost under the LP duals is negative; when a
 *    round at the LP duals themselves (α = 0) adds nothing, the LP is solved and L(π) is its value.
 *    Rounding in our own sums is covered by a slack ε(scale + Σπ_i) subtracted from L (the
 *    problem picks ε, far above the float error of its sums and far below the 1e-6 tolerance).
 *
 * 3. Completeness of the column family. With UB = F of the best known assignment and
 *    Δ = UB − L(π), the same identity gives, for every x with F(x) ≤ UB and every group g,
 *      cost_g(col_g) + π(col_g) − σ_g(π) ≤ F(x) − L(π) ≤ Δ
 *    (the other terms of F(x) − L(π) are ≥ 0), so every assignment at least as good as UB uses
 *    only columns of reduced cost ≤ Δ. The generated columns within Δ first give a small
 *    restricted MIP (a better UB, which shrinks Δ); then every column within Δ is enumerated (the
 *    problem's search, with the rounding slack) and the set-partitioning MIP over them (HiGHS,
 *    binary columns) finds an optimal assignment; its dual bound, capped at UB, is a lower bound
 *    for the whole problem (Baldacci, Christofides & Mingozzi 2008 use the same argument for
 *    vehicle routing).
 *
 * HiGHS is deterministic for the same model: columns enter the LP and the MIPs in the order the
 * problem offers them, so the same instance gives the same result.
 */
import type { Highs, Model } from 'highs';
import { statusOf, type WtaStats } from './objective.js';

/** Wentges smoothing weight on the stability center (0.5: the usual default). */
const WENTGES_ALPHA = 0.5;
/** Node budget of the whole enumeration of step 3. */
const MAX_ENUMERATION_NODES = 50_000_000;

/**
 * A column offered by a search: group g, its n weapons (increasing index) and, when the problem
 * has explicit targets, each weapon's target (null: every weapon fires at the group itself).
 */
export type ColumnOffer = (g: number, weapons: ArrayLike<number>, targets: ArrayLike<number> | null, n: number) => void;
/** A column of a fixed group found by the enumeration; false stops the enumeration. */
export type EnumerationSink = (weapons: ArrayLike<number>, targets: ArrayLike<number> | null, n: number) => boolean;
/** A group's column in an assignment: weapons increasing; targets null when implicit (= the group). */
export interface GroupColumn {
  weapons: number[];
  targets: number[] | null;
}

/** The problem-specific parts of the column generation (see the header). */
export interface ColumnGenerationProblem {
  /** G: number of groups (targets or assets); master rows 0..G−1. */
  readonly groups: number;
  /** W: number of weapons; master rows G..G+W−1. */
  readonly weapons: number;
  /** Whether a column names each weapon's target (false: the target is the group). */
  readonly explicitTargets: boolean;
  /** Σ of the objective's magnitudes (1 + values + firing costs) for the rounding slack of L(π). */
  readonly scale: number;
  /** Relative rounding slack: L(π) is lowered by relEps·(scale + Σπ_i). */
  readonly relEps: number;
  /** Word for a column in the log and the notes ('column', 'plan'). */
  readonly noun: string;
  /** True cost of a column (pure: the same column always costs the same). */
  cost(g: number, weapons: ArrayLike<number>, targets: ArrayLike<number> | null, n: number): number;
  /** The columns of an assignment (weapon → target or −1), one per group, in group order. */
  columnsOf(assignment: Int32Array): GroupColumn[];
  /** The objective F of an assignment. */
  objective(assignment: Int32Array): number;
  /** Offer the first columns of the master LP (before those of the starting assignments). */
  initialColumns(offer: ColumnOffer): void;
  /** Prices of the initial stability centers, for each θ of `centerThetas`. */
  readonly centerThetas: readonly number[];
  centerPrices(theta: number): Float64Array;
  /**
   * L(π) with σ_g(π) (or a lower bound on it) in sigma[g]; offers candidate columns when `offer`
   * is given; `final`: the full search budget. `truncated` counts searches that stopped early.
   */
  price(pi: Float64Array, sigma: Float64Array, offer: ColumnOffer | undefined, final: boolean): { L: number; truncated: number };
  /** Every column of group g with cost_g + π(col) ≤ limit, to `sink`; complete = nothing left out. */
  enumerate(g: number, pi: Float64Array, limit: number, sink: EnumerationSink, nodeBudget: number, expired: () => boolean): { complete: boolean; nodes: number };
}

export interface ColumnGenerationOptions {
  highs: Highs;
  /** Best known assignment (UB = its objective) and others whose columns also seed the LP. */
  incumbent: Int32Array;
  seeds: readonly Int32Array[];
  /** The solve's deadline; `timed`: pass its remaining time to HiGHS as a time limit. */
  deadline: { expired(): boolean; remaining(): number };
  timed: boolean;
  maxCgIterations: number;
  /** Largest enumerated family, in columns and in weapon entries over all columns. */
  maxColumns: number;
  maxEntries: number;
  /** Repeat the pricing at full budget at the end when a search stopped early during the CG. */
  repriceTruncated: boolean;
  /** Note when the enumeration stops at maxColumns or its node budget. */
  tooManyNote: string;
  log: (line: string) => void;
}

export interface ColumnGenerationResult {
  /** Best assignment found (the incumbent unless the MIPs improved it). */
  assignment: Int32Array;
  /** Rigorous lower bound on F (not yet clipped to [0, F]). */
  lowerBound: number;
  stats: Partial<WtaStats>;
}

/** Growable pool of columns: group, weapon entries with their targets, true cost; deduplicated. */
export class ColumnPool {
  readonly group: number[] = [];
  readonly start: number[] = [0];
  readonly weapons: number[] = [];
  readonly targets: number[] = [];
  readonly cost: number[] = [];
  private readonly keys = new Map<string, number>();

  constructor(private readonly explicitTargets: boolean) {}

  get size(): number {
    return this.group.length;
  }

  key(g: number, ws: ArrayLike<number>, ts: ArrayLike<number> | null, n: number): string {
    if (!this.explicitTargets || ts === null) {
      if (n === ws.length) return `${g}:${Array.prototype.join.call(ws, ',')}`;
      let s = `${g}:`;
      for (let e = 0; e < n; e++) s += e === 0 ? `${ws[e]}` : `,${ws[e]}`;
      return s;
    }
    let s = `${g}:`;
    for (let e = 0; e < n; e++) s += `${ws[e]}>${ts[e]},`;
    return s;
  }

  find(g: number, ws: ArrayLike<number>, ts: ArrayLike<number> | null, n: number): number | undefined {
    return this.keys.get(this.key(g, ws, ts, n));
  }

  /** Add the column with a known cost unless present; true when new. */
  add(g: number, ws: ArrayLike<number>, ts: ArrayLike<number> | null, n: number, cost: number): boolean {
    const key = this.key(g, ws, ts, n);
    if (this.keys.has(key)) return false;
    this.push(key, g, ws, ts, n, cost);
    return true;
  }

  /** Add the column unless present, costing it only when new; true when new. */
  include(g: number, ws: ArrayLike<number>, ts: ArrayLike<number> | null, n: number, costOf: ColumnGenerationProblem['cost']): boolean {
    const key = this.key(g, ws, ts, n);
    if (this.keys.has(key)) return false;
    this.push(key, g, ws, ts, n, costOf(g, ws, ts, n));
    return true;
  }

  /** Copy column `col` of another pool. */
  copy(from: ColumnPool, col: number): boolean {
    const a = from.start[col];
    const b = from.start[col + 1];
    return this.add(from.group[col], from.weapons.slice(a, b), this.explicitTargets ? from.targets.slice(a, b) : null, b - a, from.cost[col]);
  }

  private push(key: string, g: number, ws: ArrayLike<number>, ts: ArrayLike<number> | null, n: number, cost: number): void {
    this.keys.set(key, this.group.length);
    this.group.push(g);
    for (let e = 0; e < n; e++) {
      this.weapons.push(ws[e]);
      this.targets.push(this.explicitTargets && ts !== null ? ts[e] : g);
    }
    this.start.push(this.weapons.length);
    this.cost.push(cost);
  }
}

/** CSC block of the pool's columns [from, to): row g (convexity), rows G+i (weapons, increasing). */
export function cscBlock(pool: ColumnPool, G: number, from: number, to: number) {
  const n = to - from;
  const starts = new Int32Array(n + 1);
  const nnz = n + (pool.start[to] - pool.start[from]);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  let p = 0;
  for (let k = 0; k < n; k++) {
    const col = from + k;
    starts[k] = p;
    indices[p++] = pool.group[col];
    const first = p;
    let sorted = true;
    for (let e = pool.start[col]; e < pool.start[col + 1]; e++) {
      const r = G + pool.weapons[e];
      if (p > first && r < indices[p - 1]) sorted = false;
      indices[p++] = r;
    }
    if (!sorted) indices.subarray(first, p).sort();
  }
  starts[n] = p;
  return { cost: Float64Array.from(pool.cost.slice(from, to)), starts, indices, values };
}

/** The master's row bounds: rows 0..G−1 "one column per group" (= 1), rows G+i "weapon i at most once" (≤ 1). */
function masterRows(G: number, W: number): { rowLower: Float64Array; rowUpper: Float64Array } {
  const rowLower = new Float64Array(G + W);
  const rowUpper = new Float64Array(G + W);
  for (let g = 0; g < G; g++) rowLower[g] = rowUpper[g] = 1;
  for (let i = 0; i < W; i++) {
    rowLower[G + i] = -Infinity;
    rowUpper[G + i] = 1;
  }
  return { rowLower, rowUpper };
}

/** The master over all the pool's columns: the LP relaxation (x ≥ 0) or the binary MIP. */
function masterModel(highs: Highs, pool: ColumnPool, G: number, W: number, rowLower: Float64Array, rowUpper: Float64Array, binary: boolean): Model {
  const n = pool.size;
  const blk = cscBlock(pool, G, 0, n);
  return highs.createModel({
    numCols: n,
    numRows: G + W,
    colCost: blk.cost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(binary ? 1 : Infinity),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: G + W, numCols: n, starts: blk.starts, indices: blk.indices, values: blk.values },
    ...(binary ? { integrality: new Int32Array(n).fill(1) } : {}),
  });
}

/**
 * Steps 1–3 of the header from a starting assignment: column generation for the Lagrangian
 * bound, the restricted master MIP, the enumeration of every column within the gap and the
 * set-partitioning MIP over them. Returns the best assignment and a rigorous lower bound.
 */
export function solveByColumnGeneration(problem: ColumnGenerationProblem, opts: ColumnGenerationOptions): ColumnGenerationResult {
  const { highs, deadline: dl, log } = opts;
  const G = problem.groups;
  const W = problem.weapons;
  const noun = problem.noun;
  const costOf = problem.cost.bind(problem);
  let bestAssign = opts.incumbent;
  let UB = problem.objective(bestAssign);

  const numEps = (pi: Float64Array): number => {
    let s = problem.scale;
    for (let i = 0; i < W; i++) s += pi[i];
    return problem.relEps * s;
  };

  // The LP's first columns: the problem's own, then those of the starting assignments.
  const pool = new ColumnPool(problem.explicitTargets);
  const include: ColumnOffer = (g, ws, ts, n) => {
    pool.include(g, ws, ts, n, costOf);
  };
  problem.initialColumns(include);
  for (const a of [opts.incumbent, ...opts.seeds]) problem.columnsOf(a).forEach((col, g) => include(g, col.weapons, col.targets, col.weapons.length));

  // Stability center: the best L(π) found so far, with its prices and σ.
  let bestL = -Infinity;
  let bestPi = new Float64Array(W);
  let bestSigma = new Float64Array(G);
  let haveCenter = false;
  let truncated = 0;
  const sigmaTry = new Float64Array(G);
  const tryPrices = (pi: Float64Array, offer: ColumnOffer | undefined, final = false): number => {
    const r = problem.price(pi, sigmaTry, offer, final);
    truncated += r.truncated;
    if (r.L > bestL) {
      bestL = r.L;
      bestPi = Float64Array.from(pi);
      bestSigma = Float64Array.from(sigmaTry);
      haveCenter = true;
    }
    return r.L;
  };
  for (const theta of problem.centerThetas) {
    if (dl.expired()) break;
    const L = tryPrices(problem.centerPrices(theta), include);
    log(`cg: center θ = ${theta}, L = ${L}`);
  }

  // Column generation on the master LP.
  const { rowLower, rowUpper } = masterRows(G, W);
  const lp = masterModel(highs, pool, G, W, rowLower, rowUpper, false);
  let inLp = pool.size;
  let iterations = 0;
  const piLp = new Float64Array(W);
  const piTry = new Float64Array(W);
  let lpValue = NaN;
  let alpha = WENTGES_ALPHA;
  try {
    // No presolve: the master changes every round and is re-solved warm from the last basis.
    lp.options.set({ output_flag: false, presolve: 'off' });
    for (; iterations < opts.maxCgIterations; iterations++) {
      if (dl.expired() || statusOf(UB, bestL - numEps(bestPi)) === 'optimal') break;
      if (opts.timed) lp.options.set('time_limit', Math.max(0.01, dl.remaining()));
      lp.run();
      const status = lp.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) {
        log(`cg: LP status ${status}, stopping column generation`);
        break;
      }
      lpValue = lp.getObjectiveValue();
      if (lpValue - bestL <= 1e-9 * Math.abs(lpValue)) break; // the bound has reached the LP optimum
      const rowDual = lp.getSolution().rowDual;
      // Weapon rows are "≤ 1" in a minimisation: their duals are ≤ 0; π = −dual ≥ 0 (clipped).
      for (let i = 0; i < W; i++) piLp[i] = Math.max(0, -rowDual[G + i]);
      const a = haveCenter ? alpha : 0;
      for (let i = 0; i < W; i++) piTry[i] = a * bestPi[i] + (1 - a) * piLp[i];
      let added = 0;
      // A column enters the LP if its reduced cost under the LP duals is negative.
      const L = tryPrices(piTry, (g, ws, ts, n) => {
        const cost = costOf(g, ws, ts, n);
        let rc = cost - rowDual[g];
        for (let e = 0; e < n; e++) rc += piLp[ws[e]];
        if (rc < -1e-9 * (1 + Math.abs(rowDual[g])) && pool.add(g, ws, ts, n, cost)) added++;
      });
      log(`cg ${iterations}: LP ${lpValue}, α ${a}, L ${L}, best L ${bestL}, added ${added}, columns ${pool.size}`);
      if (added === 0) {
        if (a === 0) break; // priced at the LP duals and nothing enters: the LP is solved
        alpha = 0; // mispricing: next round at the LP duals themselves
        continue;
      }
      alpha = WENTGES_ALPHA;
      const blk = cscBlock(pool, G, inLp, pool.size);
      lp.addCols({
        cost: blk.cost,
        lower: new Float64Array(pool.size - inLp),
        upper: new Float64Array(pool.size - inLp).fill(Infinity),
        matrix: { format: 'csc', numRows: G + W, numCols: pool.size - inLp, starts: blk.starts, indices: blk.indices, values: blk.values },
      });
      inLp = pool.size;
    }
  } finally {
    lp.dispose();
  }
  // Searches cut short during the CG gave weaker σ: price the center and the last LP duals again in full.
  if (opts.repriceTruncated && truncated > 0 && !dl.expired() && statusOf(UB, bestL - numEps(bestPi)) !== 'optimal') {
    const lastLp = Float64Array.from(piLp);
    const L1 = tryPrices(bestPi, undefined, true);
    const L2 = iterations > 0 && !dl.expired() ? tryPrices(lastLp, undefined, true) : -Infinity;
    log(`final pricing: L(center) ${L1}, L(LP duals) ${L2}`);
  }
  const NUM_EPS = numEps(bestPi);
  const lagrangian = bestL - NUM_EPS;
  const cgStats = { cgIterations: iterations, lpColumns: pool.size, lagrangianBound: lagrangian };
  const done = (lowerBound: number, stats: Partial<WtaStats>): ColumnGenerationResult => ({ assignment: bestAssign, lowerBound, stats });
  log(`cg: ${iterations} iterations, ${pool.size} columns, LP ${lpValue}, L ${bestL}, UB ${UB}${truncated ? `, ${truncated} truncated pricings` : ''}`);
  if (statusOf(UB, lagrangian) === 'optimal') return done(lagrangian, { ...cgStats, note: 'the Lagrangian bound closes the gap' });
  if (dl.expired()) return done(lagrangian, { ...cgStats, limitReached: true, note: 'time limit during column generation' });

  // A better incumbent from the generated columns within Δ (the restricted master as a MIP,
  // briefly): only they can be in an assignment better than UB, which makes this MIP small, and
  // a smaller UB shrinks the enumerated family.
  {
    const sub = new ColumnPool(problem.explicitTargets);
    const slack = UB - bestL + NUM_EPS;
    for (let col = 0; col < pool.size; col++) {
      let rc = pool.cost[col] - bestSigma[pool.group[col]];
      for (let e = pool.start[col]; e < pool.start[col + 1]; e++) rc += bestPi[pool.weapons[e]];
      if (rc <= slack) sub.copy(pool, col);
    }
    const r = columnMip(highs, problem, sub, rowLower, rowUpper, bestAssign, {
      maxNodes: 2000,
      ...(opts.timed ? { timeLimit: Math.max(0.01, Math.min(dl.remaining() / 4, 5)) } : {}),
    });
    if (r.assignment) {
      const f = problem.objective(r.assignment);
      if (f < UB) {
        UB = f;
        bestAssign = r.assignment;
      }
    }
    log(`restricted master MIP (${sub.size} ${noun}s): status ${r.status}, UB ${UB}`);
    if (statusOf(UB, lagrangian) === 'optimal') return done(lagrangian, { ...cgStats, note: 'the Lagrangian bound closes the gap' });
  }
  if (dl.expired()) return done(lagrangian, { ...cgStats, limitReached: true, note: 'time limit after the restricted master MIP' });

  // Every column with reduced cost ≤ Δ = UB − L(π) under the best prices π.
  const delta = UB - bestL + NUM_EPS;
  const fam = new ColumnPool(problem.explicitTargets);
  let complete = true;
  let nodesLeft = MAX_ENUMERATION_NODES;
  const expired = (): boolean => dl.expired();
  for (let g = 0; g < G && complete; g++) {
    const r = problem.enumerate(
      g,
      bestPi,
      bestSigma[g] + delta,
      (ws, ts, n) => {
        fam.include(g, ws, ts, n, costOf);
        if ((fam.size & 1023) === 0 && dl.expired()) return false;
        return fam.size <= opts.maxColumns && fam.weapons.length <= opts.maxEntries;
      },
      nodesLeft,
      expired,
    );
    nodesLeft -= r.nodes;
    if (!r.complete || dl.expired()) complete = false;
  }
  log(`enumeration: Δ = ${delta}, ${fam.size} ${noun}s${complete ? '' : ' (stopped: limit)'}`);
  if (!complete) {
    return done(lagrangian, {
      ...cgStats,
      limitReached: true,
      note: dl.expired() ? `time limit during ${noun} enumeration` : opts.tooManyNote,
    });
  }

  // Set-partitioning MIP over the complete family; the incumbent's columns are in it.
  const r = columnMip(highs, problem, fam, rowLower, rowUpper, bestAssign, opts.timed ? { timeLimit: Math.max(0.01, dl.remaining()) } : {});
  if (r.assignment && problem.objective(r.assignment) < problem.objective(bestAssign)) bestAssign = r.assignment;
  log(`mip: status ${r.status}, dual bound ${r.dualBound}, objective ${problem.objective(bestAssign)}`);
  // Every assignment outside the family costs more than UB (the enumeration limit already carries
  // the rounding slack), so min(MIP dual bound, UB) is a valid bound.
  const mipLower = Number.isFinite(r.dualBound) ? Math.min(r.dualBound, UB) : -Infinity;
  return done(Math.max(lagrangian, mipLower), {
    ...cgStats,
    mipColumns: fam.size,
    limitReached: !r.optimal,
    note: r.optimal ? `reduced-cost ${noun} enumeration + set-partitioning MIP` : 'time limit during the MIP',
  });
}

/**
 * min Σ cost·x over the pool's columns as a binary set-partitioning MIP (one column per group,
 * each weapon at most once), started from `incumbent` when all its columns are in the pool.
 */
function columnMip(
  highs: Highs,
  problem: ColumnGenerationProblem,
  pool: ColumnPool,
  rowLower: Float64Array,
  rowUpper: Float64Array,
  incumbent: Int32Array,
  limits: { timeLimit?: number; maxNodes?: number },
): { assignment: Int32Array | null; status: number; optimal: boolean; dualBound: number } {
  const G = problem.groups;
  const W = problem.weapons;
  const mip = masterModel(highs, pool, G, W, rowLower, rowUpper, true);
  try {
    // Presolve and the feasibility-jump heuristic cost more than they save on these
    // set-partitioning models (measured on Ahuja 80×80: 0.6 s → 0.2 s).
    mip.options.set({ output_flag: false, mip_rel_gap: 1e-9, mip_abs_gap: 0, presolve: 'off', mip_heuristic_run_feasibility_jump: false });
    if (limits.timeLimit !== undefined) mip.options.set('time_limit', limits.timeLimit);
    if (limits.maxNodes !== undefined) mip.options.set('mip_max_nodes', limits.maxNodes);
    const idx: number[] = [];
    problem.columnsOf(incumbent).forEach((c, g) => {
      const col = pool.find(g, c.weapons, c.targets, c.weapons.length);
      if (col !== undefined) idx.push(col);
    });
    if (idx.length === G) {
      const x0 = new Float64Array(pool.size);
      for (const col of idx) x0[col] = 1;
      mip.setSolution({ colValue: x0 });
    }
    mip.run();
    const status = mip.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    let dualBound = -Infinity;
    try {
      dualBound = Number(mip.info.get('mip_dual_bound'));
    } catch {
      dualBound = -Infinity;
    }
    if (!Number.isFinite(dualBound)) dualBound = -Infinity;
    const x = mip.getSolution().colValue;
    let assignment: Int32Array | null = null;
    if (x.length === pool.size && Number(mip.info.get('primal_solution_status')) === 2) {
      assignment = new Int32Array(W).fill(-1);
      for (let col = 0; col < pool.size; col++) {
        if (x[col] > 0.5) for (let e = pool.start[col]; e < pool.start[col + 1]; e++) assignment[pool.weapons[e]] = pool.targets[e];
      }
    }
    return { assignment, status, optimal, dualBound };
  } finally {
    mip.dispose();
  }
}
