/**
 * Exact asset-based WTA on HiGHS: a Dantzig–Wolfe reformulation over ASSETS ("defence plans"),
 * column generation for a Lagrangian bound, reduced-cost enumeration of plans and a
 * set-partitioning MIP — the scheme of exact.ts with assets in place of targets. In short:
 *
 * 1. Set-partitioning form. A column is an asset k and a plan (each usable weapon → one of k's
 *    targets or nothing); its cost is cost_k(plan) = W_k (1 − Π_{j: a(j)=k} (1 − π_j s_j)) + Σ c_i.
 *    Choose exactly one plan per asset (the empty plan included), each weapon in at most one plan.
 *    Because F is separable over assets, this IS the problem (F(x) = Σ_k cost_k(plan_k(x))); the
 *    nonlinearity sits entirely inside the column costs, so the master is linear.
 *
 * 2. Lagrangian bound. For weapon prices π ≥ 0, L(π) = Σ_k σ_k(π) − Σ_i π_i ≤ F(x) for every
 *    feasible x, with σ_k(π) = min_plan [cost_k + π(plan)] computed (or bounded below) by our own
 *    branch and bound (assetPlans.ts). HiGHS proposes π: the duals of the master LP, grown by
 *    column generation with Wentges smoothing (Wentges, "Weighted Dantzig–Wolfe decomposition",
 *    ITOR 4, 1997). L(π) is a rigorous bound whatever produced π.
 *
 * 3. Completeness. With UB = F of the best known assignment, Δ = UB − L(π): any x with F(x) ≤ UB
 *    has, for every asset, cost_k(plan_k) + π(plan_k) − σ_k ≤ F(x) − L(π) ≤ Δ (the other terms of
 *    F(x) − L(π) are ≥ 0). Enumerating every plan within Δ of σ_k (assetPlans.ts, with rounding
 *    slack) and solving the set-partitioning MIP over them finds an optimum; its dual bound, capped
 *    at UB, is a lower bound for the whole problem (Baldacci, Christofides & Mingozzi 2008).
 *
 * 4. When 1–3 do not prove optimality within their share of the budget, the outer-approximation
 *    MIP of assetOa.ts runs from the best assignment with the rest, taking the plan stage's prices
 *    and σ_k bounds as cuts; its bound is valid on its own, and the larger of the two is reported.
 *
 * Only usable pairs (asset.ts `AssetModel.usable`) appear in plans: any other shot can be replaced
 * by holding fire without making F worse, so the optimum over this family is the global optimum.
 */
import type { Highs, Model } from 'highs';
import { loadHighs } from './exact.js';
import { assetModel, modelObjective, stripUnusable, withSurvivingValue, type AssetModel, type AssetWtaInstance, type AssetWtaResult } from './asset.js';
import { AssetPlanSearch, assetLagrangianBound, type PlanSink } from './assetPlans.js';
import { assetHeuristicAssignment, assetIncumbentPrices } from './assetHeuristic.js';
import { deadline, statusOf, type Clock, type WtaStats } from './objective.js';
import { solveAssetOa, type LagrangianCut } from './assetOa.js';

const WENTGES_ALPHA = 0.5;

export interface AssetExactOptions {
  /** Wall-clock budget in seconds (default 60); enforced only when `clock` is given. */
  timeLimit?: number;
  clock?: Clock;
  /** Largest plan family the final MIP may take (default 200 000). */
  maxColumns?: number;
  /** Maximum column-generation iterations (default 300). */
  maxCgIterations?: number;
  /** Node budget of one pricing search (default 300 000; past it the bound of the open subtrees is used). */
  pricingNodes?: number;
  /** Diagnostics sink. */
  log?: (line: string) => void;
}

/** Growable pool of plans: asset, weapon list (increasing), their targets, true cost. */
class PlanPool {
  asset: number[] = [];
  start: number[] = [0];
  weapons: number[] = [];
  targets: number[] = [];
  cost: number[] = [];
  private keys = new Map<string, number>();
  get size(): number {
    return this.asset.length;
  }
  static key(k: number, ws: ArrayLike<number>, ts: ArrayLike<number>, n: number): string {
    let s = `${k}:`;
    for (let e = 0; e < n; e++) s += `${ws[e]}>${ts[e]},`;
    return s;
  }
  add(k: number, ws: ArrayLike<number>, ts: ArrayLike<number>, n: number, cost: number): boolean {
    const key = PlanPool.key(k, ws, ts, n);
    if (this.keys.has(key)) return false;
    this.keys.set(key, this.asset.length);
    this.asset.push(k);
    for (let e = 0; e < n; e++) {
      this.weapons.push(ws[e]);
      this.targets.push(ts[e]);
    }
    this.start.push(this.weapons.length);
    this.cost.push(cost);
    return true;
  }
  find(key: string): number | undefined {
    return this.keys.get(key);
  }
}

/** True cost of a plan: W_k (1 − Π_{j of k} (1 − π_j s_j)) + Σ c_i (targets in increasing order). */
function planCost(m: AssetModel, k: number, ws: ArrayLike<number>, ts: ArrayLike<number>, n: number, s: Float64Array): number {
  const { T, q, leth, targetStart, targetList, c, value } = m;
  let cost = 0;
  for (let e = 0; e < n; e++) {
    s[ts[e]] *= q[ws[e] * T + ts[e]];
    cost += c[ws[e]];
  }
  let P = 1;
  for (let e = targetStart[k]; e < targetStart[k + 1]; e++) {
    const j = targetList[e];
    P *= 1 - leth[j] * s[j];
    s[j] = 1;
  }
  return value[k] * (1 - P) + cost;
}

/** The plans (one per asset) of an assignment, sorted by weapon. */
function plansOf(m: AssetModel, a: Int32Array): Array<{ ws: number[]; ts: number[] }> {
  const out = Array.from({ length: m.K }, () => ({ ws: [] as number[], ts: [] as number[] }));
  for (let i = 0; i < m.W; i++) {
    const j = a[i];
    if (j >= 0 && m.usable[i * m.T + j]) {
      out[m.aim[j]].ws.push(i);
      out[m.aim[j]].ts.push(j);
    }
  }
  return out;
}

function cscBlock(pool: PlanPool, K: number, from: number, to: number) {
  const n = to - from;
  const starts = new Int32Array(n + 1);
  const nnz = n + (pool.start[to] - pool.start[from]);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  let p = 0;
  for (let x = 0; x < n; x++) {
    const col = from + x;
    starts[x] = p;
    indices[p++] = pool.asset[col];
    for (let e = pool.start[col]; e < pool.start[col + 1]; e++) indices[p++] = K + pool.weapons[e]; // weapons increasing
  }
  starts[n] = p;
  return { cost: Float64Array.from(pool.cost.slice(from, to)), starts, indices, values };
}

/**
 * Solve the asset-based WTA to proven optimality (within the time limit). Minimises F (expected
 * lost asset value + firing costs); `lowerBound` is rigorous; `survivingValueBound` = Σ W_k −
 * lowerBound bounds J from above (no firing costs).
 */
export async function solveAssetWtaExact(inst: AssetWtaInstance, opts: AssetExactOptions = {}): Promise<AssetWtaResult> {
  const timeLimit = opts.timeLimit ?? 60;
  const dl = deadline(opts.clock, timeLimit);
  // Stage 1: plan column generation + enumeration (fast and complete on small instances), with
  // a share of the budget when a clock is given.
  // The heuristic inside it keeps its budget of the whole solve (≤ 10 %, ≤ 1 s).
  const share = inst.weapons * inst.targets <= 150 ? PLAN_SHARE_SMALL : PLAN_SHARE_LARGE;
  const planOpts: AssetExactOptions = opts.clock ? { ...opts, timeLimit: share * timeLimit } : opts;
  const cuts: LagrangianCut[] = [];
  const r1 = await solvePlanExact(inst, planOpts, Math.min(1, 0.1 * timeLimit), cuts);
  if (r1.status === 'optimal' || dl.expired()) return r1;
  // Stage 2: outer-approximation MIP (assetOa.ts) from the best assignment, for the rest of the
  // budget; its bound is valid on its own, so the final bound is the larger of the two.
  const highs = await loadHighs();
  const m = assetModel(inst);
  const oa = await solveAssetOa(highs, m, stripUnusable(m, r1.assignment), {
    expired: () => dl.expired(),
    remaining: () => dl.remaining(),
    maxRounds: opts.clock ? 200 : 30,
    lagrangianCuts: cuts,
    ...(opts.log ? { log: opts.log } : {}),
  });
  const better = oa.objective < r1.objective;
  const assignment = better ? oa.assignment : r1.assignment;
  const objective = modelObjective(m, assignment);
  const lb0 = Math.max(r1.lowerBound ?? -Infinity, oa.lowerBound);
  const lb = Number.isFinite(lb0) ? Math.min(Math.max(lb0, 0), objective) : null;
  return withSurvivingValue(inst, {
    assignment,
    objective,
    lowerBound: lb,
    status: statusOf(objective, lb),
    stats: {
      ...r1.stats,
      limitReached: statusOf(objective, lb) !== 'optimal',
      note: statusOf(objective, lb) === 'optimal' ? 'outer-approximation MIP closes the gap' : `${r1.stats.note ?? ''}; outer-approximation bound ${oa.lowerBound} after ${oa.rounds} rounds`,
    },
  });
}

/**
 * Share of the time limit given to the plan stage before the outer-approximation stage: half up to
 * about 12 × 12 (where the plan stage usually proves optimality in a few seconds), a fifth beyond
 * (where it measured no proof and no useful bound, docs "Asset-based WTA").
 */
const PLAN_SHARE_SMALL = 0.5;
const PLAN_SHARE_LARGE = 0.2;
/** Prices (with their per-asset σ_k bounds) handed from the plan stage to the OA MIP as cuts. */
const MAX_LAGRANGIAN_CUTS = 20;

async function solvePlanExact(inst: AssetWtaInstance, opts: AssetExactOptions, heuristicSeconds: number, cuts: LagrangianCut[]): Promise<AssetWtaResult> {
  const log = opts.log ?? (() => {});
  const highs = await loadHighs();
  const m = assetModel(inst);
  const { W, K, value, c } = m;
  const timeLimit = opts.timeLimit ?? 60;
  const dl = deadline(opts.clock, timeLimit);
  const maxColumns = opts.maxColumns ?? 200_000;
  const maxCg = opts.maxCgIterations ?? 300;
  const pricingNodes = opts.pricingNodes ?? 300_000;
  // during column generation a pricing search may stop early (it still yields columns and a valid,
  // weaker bound); the full budget is spent once, at the final prices
  const cgNodes = Math.max(1000, Math.floor(pricingNodes / 10));
  const search = new AssetPlanSearch(m);
  const sBuf = new Float64Array(m.T).fill(1);

  // 1. Upper bound: greedy + local search + rounds (≤ 10 % of the budget, ≤ 1 s; 50 rounds without a clock).
  const hdl = deadline(opts.clock, heuristicSeconds);
  const h = assetHeuristicAssignment(m, { restarts: opts.clock ? 400 : 50, expired: () => hdl.expired() || dl.expired() });
  let bestAssign = h.assignment;
  let UB = modelObjective(m, bestAssign);
  const greedyObjective = modelObjective(m, h.greedy);
  const heuristicObjective = UB;
  log(`heuristic: greedy ${greedyObjective}, local search ${UB} (${h.rounds} rounds)`);

  let scale = 1;
  for (let k = 0; k < K; k++) scale += value[k];
  for (let i = 0; i < W; i++) scale += c[i];
  /** rounding slack of L(π) = Σσ_k − Σπ_i (as exact.ts): far above the float error, far below 1e-6 */
  const numEps = (pi: Float64Array): number => {
    let s = scale;
    for (let i = 0; i < W; i++) s += pi[i];
    return 1e-12 * s;
  };

  const finish = (lowerBound: number | null, extra: Partial<WtaStats>): AssetWtaResult => {
    const objective = modelObjective(m, bestAssign);
    const lb = lowerBound === null ? null : Math.min(Math.max(lowerBound, 0), objective);
    return withSurvivingValue(inst, {
      assignment: bestAssign,
      objective,
      lowerBound: lb,
      status: statusOf(objective, lb),
      stats: { method: 'exact', greedyObjective, heuristicObjective, localSearchPasses: h.passes, exchanges: h.moves, restarts: h.rounds, ...extra },
    });
  };

  // 2. Column generation.
  const pool = new PlanPool();
  const addPlan = (k: number, ws: ArrayLike<number>, ts: ArrayLike<number>, n: number): boolean => {
    if (pool.find(PlanPool.key(k, ws, ts, n)) !== undefined) return false;
    return pool.add(k, ws, ts, n, planCost(m, k, ws, ts, n, sBuf));
  };
  const addAssignmentPlans = (a: Int32Array): void => {
    plansOf(m, a).forEach((p, k) => addPlan(k, p.ws, p.ts, p.ws.length));
  };
  for (let k = 0; k < K; k++) {
    addPlan(k, [], [], 0);
    for (let e = m.targetStart[k]; e < m.targetStart[k + 1]; e++) {
      const j = m.targetList[e];
      for (let i = 0; i < W; i++) if (m.usable[i * m.T + j]) addPlan(k, [i], [j], 1);
    }
  }
  addAssignmentPlans(bestAssign);
  addAssignmentPlans(h.greedy);

  let bestL = -Infinity;
  let bestPi = new Float64Array(W);
  let bestSigma = new Float64Array(K);
  let haveCenter = false;
  let truncated = 0;
  const sigmaTry = new Float64Array(K);
  const tryPrices = (pi: Float64Array, sink: (k: number) => PlanSink | undefined, budget = cgNodes): number => {
    const r = assetLagrangianBound(search, m, pi, sigmaTry, { nodeBudget: budget, onPlan: sink, expired: () => dl.expired() });
    if (!r.complete) truncated++;
    cuts.push({ pi: Float64Array.from(pi), sigma: Float64Array.from(sigmaTry), L: r.L });
    if (cuts.length > MAX_LAGRANGIAN_CUTS) {
      cuts.sort((a, b) => b.L - a.L);
      cuts.length = MAX_LAGRANGIAN_CUTS;
    }
    if (r.L > bestL) {
      bestL = r.L;
      bestPi = Float64Array.from(pi);
      bestSigma = Float64Array.from(sigmaTry);
      haveCenter = true;
    }
    return r.L;
  };
  {
    const pi0 = assetIncumbentPrices(m, bestAssign);
    for (const theta of [1, 0.5]) {
      if (dl.expired()) break;
      const pi = Float64Array.from(pi0, (x) => theta * x);
      const L = tryPrices(pi, (k) => (ws, ts, n) => {
        addPlan(k, ws, ts, n);
      });
      log(`cg: center θ = ${theta}, L = ${L}`);
    }
  }

  const rowLower = new Float64Array(K + W);
  const rowUpper = new Float64Array(K + W);
  for (let k = 0; k < K; k++) rowLower[k] = rowUpper[k] = 1;
  for (let i = 0; i < W; i++) {
    rowLower[K + i] = -Infinity;
    rowUpper[K + i] = 1;
  }
  const first = cscBlock(pool, K, 0, pool.size);
  const lp: Model = highs.createModel({
    numCols: pool.size,
    numRows: K + W,
    colCost: first.cost,
    colLower: new Float64Array(pool.size),
    colUpper: new Float64Array(pool.size).fill(Infinity),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: K + W, numCols: pool.size, starts: first.starts, indices: first.indices, values: first.values },
  });
  let inLp = pool.size;
  let iterations = 0;
  const piLp = new Float64Array(W);
  const piTry = new Float64Array(W);
  let lpValue = NaN;
  let alpha = WENTGES_ALPHA;
  try {
    lp.options.set({ output_flag: false, presolve: 'off' });
    for (; iterations < maxCg; iterations++) {
      if (dl.expired() || statusOf(UB, bestL - numEps(bestPi)) === 'optimal') break;
      if (opts.clock) lp.options.set('time_limit', Math.max(0.01, dl.remaining()));
      lp.run();
      if (lp.getModelStatus() !== highs.constants.modelStatus.optimal) {
        log(`cg: LP status ${lp.getModelStatus()}, stopping column generation`);
        break;
      }
      lpValue = lp.getObjectiveValue();
      if (lpValue - bestL <= 1e-9 * Math.abs(lpValue)) break;
      const rowDual = lp.getSolution().rowDual;
      for (let i = 0; i < W; i++) piLp[i] = Math.max(0, -rowDual[K + i]);
      const a = haveCenter ? alpha : 0;
      for (let i = 0; i < W; i++) piTry[i] = a * bestPi[i] + (1 - a) * piLp[i];
      let added = 0;
      const L = tryPrices(piTry, (k) => (ws, ts, n) => {
        let rc = planCost(m, k, ws, ts, n, sBuf) - rowDual[k];
        for (let e = 0; e < n; e++) rc += piLp[ws[e]];
        if (rc < -1e-9 * (1 + Math.abs(rowDual[k])) && addPlan(k, ws, ts, n)) added++;
      });
      log(`cg ${iterations}: LP ${lpValue}, α ${a}, L ${L}, best L ${bestL}, added ${added}, columns ${pool.size}`);
      if (added === 0) {
        if (a === 0) break;
        alpha = 0;
        continue;
      }
      alpha = WENTGES_ALPHA;
      const blk = cscBlock(pool, K, inLp, pool.size);
      lp.addCols({
        cost: blk.cost,
        lower: new Float64Array(pool.size - inLp),
        upper: new Float64Array(pool.size - inLp).fill(Infinity),
        matrix: { format: 'csc', numRows: K + W, numCols: pool.size - inLp, starts: blk.starts, indices: blk.indices, values: blk.values },
      });
      inLp = pool.size;
    }
  } finally {
    lp.dispose();
  }
  if (truncated > 0 && !dl.expired() && statusOf(UB, bestL - numEps(bestPi)) !== 'optimal') {
    const lastLp = Float64Array.from(piLp);
    const L1 = tryPrices(bestPi, () => undefined, pricingNodes);
    const L2 = iterations > 0 && !dl.expired() ? tryPrices(lastLp, () => undefined, pricingNodes) : -Infinity;
    log(`final pricing: L(center) ${L1}, L(LP duals) ${L2}`);
  }
  const NUM_EPS = numEps(bestPi);
  const lagrangian = bestL - NUM_EPS;
  const cgStats = { cgIterations: iterations, lpColumns: pool.size, lagrangianBound: lagrangian };
  log(`cg: ${iterations} iterations, ${pool.size} columns, LP ${lpValue}, L ${bestL}, UB ${UB}${truncated ? `, ${truncated} truncated pricings` : ''}`);
  if (statusOf(UB, lagrangian) === 'optimal') return finish(lagrangian, { ...cgStats, note: 'the Lagrangian bound closes the gap' });
  if (dl.expired()) return finish(lagrangian, { ...cgStats, limitReached: true, note: 'time limit during column generation' });

  // 3. A better incumbent from the generated plans within the gap (restricted master MIP, briefly).
  {
    const sub = new PlanPool();
    const slack = UB - bestL + NUM_EPS;
    for (let col = 0; col < pool.size; col++) {
      const k = pool.asset[col];
      let rc = pool.cost[col] - bestSigma[k];
      for (let e = pool.start[col]; e < pool.start[col + 1]; e++) rc += bestPi[pool.weapons[e]];
      if (rc <= slack) {
        const ws = pool.weapons.slice(pool.start[col], pool.start[col + 1]);
        const ts = pool.targets.slice(pool.start[col], pool.start[col + 1]);
        sub.add(k, ws, ts, ws.length, pool.cost[col]);
      }
    }
    const r = planMip(highs, m, sub, rowLower, rowUpper, bestAssign, { maxNodes: 2000, ...(opts.clock ? { timeLimit: Math.max(0.01, Math.min(dl.remaining() / 4, 5)) } : {}) });
    if (r.assignment) {
      const f = modelObjective(m, r.assignment);
      if (f < UB) {
        UB = f;
        bestAssign = r.assignment;
      }
    }
    log(`restricted master MIP (${sub.size} plans): status ${r.status}, UB ${UB}`);
    if (statusOf(UB, lagrangian) === 'optimal') return finish(lagrangian, { ...cgStats, note: 'the Lagrangian bound closes the gap' });
  }
  if (dl.expired()) return finish(lagrangian, { ...cgStats, limitReached: true, note: 'time limit after the restricted master MIP' });

  // 4. Every plan within Δ of σ_k under the best prices.
  const delta = UB - bestL + NUM_EPS;
  const fam = new PlanPool();
  let complete = true;
  let nodesLeft = 50_000_000;
  for (let k = 0; k < K && complete; k++) {
    const r = search.enumerate(
      k,
      bestPi,
      bestSigma[k] + delta,
      (ws, ts, n) => {
        fam.add(k, ws, ts, n, planCost(m, k, ws, ts, n, sBuf));
        if ((fam.size & 1023) === 0 && dl.expired()) return false;
        return fam.size <= maxColumns;
      },
      nodesLeft,
      () => dl.expired(),
    );
    nodesLeft -= r.nodes;
    if (!r.complete || dl.expired()) complete = false;
  }
  log(`enumeration: Δ = ${delta}, ${fam.size} plans${complete ? '' : ' (stopped: limit)'}`);
  if (!complete) {
    return finish(lagrangian, {
      ...cgStats,
      limitReached: true,
      note: dl.expired() ? 'time limit during plan enumeration' : `more than ${maxColumns} plans within the gap (or the node limit)`,
    });
  }

  // 5. Set-partitioning MIP over the complete family.
  const r = planMip(highs, m, fam, rowLower, rowUpper, bestAssign, opts.clock ? { timeLimit: Math.max(0.01, dl.remaining()) } : {});
  if (r.assignment && modelObjective(m, r.assignment) < modelObjective(m, bestAssign)) bestAssign = r.assignment;
  log(`mip: status ${r.status}, dual bound ${r.dualBound}, objective ${modelObjective(m, bestAssign)}`);
  const mipLower = Number.isFinite(r.dualBound) ? Math.min(r.dualBound, UB) : -Infinity;
  return finish(Math.max(lagrangian, mipLower), {
    ...cgStats,
    mipColumns: fam.size,
    limitReached: !r.optimal,
    note: r.optimal ? 'reduced-cost plan enumeration + set-partitioning MIP' : 'time limit during the MIP',
  });
}

/** min Σ cost·x over the pool's plans as a binary set-partitioning MIP, started from `incumbent`. */
function planMip(
  highs: Highs,
  m: AssetModel,
  pool: PlanPool,
  rowLower: Float64Array,
  rowUpper: Float64Array,
  incumbent: Int32Array,
  limits: { timeLimit?: number; maxNodes?: number },
): { assignment: Int32Array | null; status: number; optimal: boolean; dualBound: number } {
  const { W, K } = m;
  const blk = cscBlock(pool, K, 0, pool.size);
  const mip: Model = highs.createModel({
    numCols: pool.size,
    numRows: K + W,
    colCost: blk.cost,
    colLower: new Float64Array(pool.size),
    colUpper: new Float64Array(pool.size).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: K + W, numCols: pool.size, starts: blk.starts, indices: blk.indices, values: blk.values },
    integrality: new Int32Array(pool.size).fill(1),
  });
  try {
    mip.options.set({ output_flag: false, mip_rel_gap: 1e-9, mip_abs_gap: 0, presolve: 'off', mip_heuristic_run_feasibility_jump: false });
    if (limits.timeLimit !== undefined) mip.options.set('time_limit', limits.timeLimit);
    if (limits.maxNodes !== undefined) mip.options.set('mip_max_nodes', limits.maxNodes);
    const idx: number[] = [];
    plansOf(m, stripUnusable(m, incumbent)).forEach((p, k) => {
      const col = pool.find(PlanPool.key(k, p.ws, p.ts, p.ws.length));
      if (col !== undefined) idx.push(col);
    });
    if (idx.length === K) {
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
