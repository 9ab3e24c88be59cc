/**
 * Exact asset-based WTA on HiGHS: a Dantzig–Wolfe reformulation over ASSETS ("defence plans"),
 * column generation for a Lagrangian bound, reduced-cost enumeration of plans and a
 * set-partitioning MIP — the scheme of exact.ts with assets in place of targets, run by the same
 * driver (colgen.ts, whose header carries the argument: the Lagrangian bound holds for any prices,
 * every assignment at least as good as the incumbent uses only plans within the gap, and the MIP's
 * dual bound capped at the incumbent bounds the whole problem). What is particular here:
 *
 * 1. Set-partitioning form. A column is an asset k and a plan (each usable weapon → one of k's
 *    targets or nothing); its cost is cost_k(plan) = W_k (1 − Π_{j: a(j)=k} (1 − π_j s_j)) + Σ c_i.
 *    Choose exactly one plan per asset (the empty plan included), each weapon in at most one plan.
 *    Because F is separable over assets, this IS the problem (F(x) = Σ_k cost_k(plan_k(x))); the
 *    nonlinearity sits entirely inside the column costs, so the master is linear.
 *
 * 2. Pricing. For weapon prices π ≥ 0, L(π) = Σ_k σ_k(π) − Σ_i π_i ≤ F(x) for every feasible x,
 *    with σ_k(π) = min_plan [cost_k + π(plan)] computed (or bounded below, when a node budget cuts
 *    the search short) by our own branch and bound (assetPlans.ts), which also offers plans to the
 *    master LP and enumerates every plan within the gap. During column generation each pricing
 *    search has a tenth of the node budget; when one was cut short, the best prices and the last
 *    LP duals are priced again with the full budget. The first stability centers are prices read
 *    off the incumbent (assetHeuristic.ts, assetIncumbentPrices).
 *
 * 3. When 1–2 do not prove optimality within their share of the budget, the outer-approximation
 *    MIP of assetOa.ts runs from the best assignment with the rest, taking the plan stage's prices
 *    and σ_k bounds as cuts; its bound is valid on its own, and the larger of the two is reported.
 *
 * Only usable pairs (asset.ts `AssetModel.usable`) appear in plans: any other shot can be replaced
 * by holding fire without making F worse, so the optimum over this family is the global optimum.
 */
import { loadHighs } from './exact.js';
import { solveByColumnGeneration, type ColumnGenerationProblem, type GroupColumn } from './colgen.js';
import { assetModel, modelObjective, stripUnusable, withSurvivingValue, type AssetModel, type AssetWtaInstance, type AssetWtaResult } from './asset.js';
import { AssetPlanSearch, assetLagrangianBound } from './assetPlans.js';
import { assetHeuristicAssignment, assetIncumbentPrices } from './assetHeuristic.js';
import { deadline, statusOf, type Clock, type WtaStats } from './objective.js';
import { solveAssetOa, type LagrangianCut } from './assetOa.js';

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

/** The plans (one per asset) of an assignment, sorted by weapon; unusable shots left out. */
function plansOf(m: AssetModel, a: Int32Array): GroupColumn[] {
  const out = Array.from({ length: m.K }, () => ({ weapons: [] as number[], targets: [] as number[] }));
  for (let i = 0; i < m.W; i++) {
    const j = a[i];
    if (j >= 0 && m.usable[i * m.T + j]) {
      out[m.aim[j]].weapons.push(i);
      out[m.aim[j]].targets.push(j);
    }
  }
  return out;
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
  const bestAssign = h.assignment;
  const UB = modelObjective(m, bestAssign);
  const greedyObjective = modelObjective(m, h.greedy);
  const heuristicObjective = UB;
  log(`heuristic: greedy ${greedyObjective}, local search ${UB} (${h.rounds} rounds)`);

  let scale = 1;
  for (let k = 0; k < K; k++) scale += value[k];
  for (let i = 0; i < W; i++) scale += c[i];

  // 2.–5. Column generation, restricted master MIP, enumeration within the gap and the final MIP
  //        (colgen.ts) over plans (asset k, weapon → target).
  let pi0: Float64Array | undefined;
  const problem: ColumnGenerationProblem = {
    groups: K,
    weapons: W,
    explicitTargets: true,
    scale,
    /** rounding slack of L(π) = Σσ_k − Σπ_i (as exact.ts): far above the float error, far below 1e-6 */
    relEps: 1e-12,
    noun: 'plan',
    // plans always name their targets (explicitTargets)
    cost: (k, ws, ts, n) => planCost(m, k, ws, ts!, n, sBuf),
    columnsOf: (a) => plansOf(m, a),
    objective: (a) => modelObjective(m, a),
    initialColumns: (offer) => {
      for (let k = 0; k < K; k++) {
        offer(k, [], [], 0);
        for (let e = m.targetStart[k]; e < m.targetStart[k + 1]; e++) {
          const j = m.targetList[e];
          for (let i = 0; i < W; i++) if (m.usable[i * m.T + j]) offer(k, [i], [j], 1);
        }
      }
    },
    centerThetas: [1, 0.5],
    centerPrices: (theta) => {
      pi0 ??= assetIncumbentPrices(m, bestAssign);
      return Float64Array.from(pi0, (x) => theta * x);
    },
    price: (pi, sigma, offer, final) => {
      const r = assetLagrangianBound(search, m, pi, sigma, {
        nodeBudget: final ? pricingNodes : cgNodes,
        onPlan: offer
          ? (k) => (ws, ts, n) => {
              offer(k, ws, ts, n);
            }
          : () => undefined,
        expired: () => dl.expired(),
      });
      cuts.push({ pi: Float64Array.from(pi), sigma: Float64Array.from(sigma), L: r.L });
      if (cuts.length > MAX_LAGRANGIAN_CUTS) {
        cuts.sort((a, b) => b.L - a.L);
        cuts.length = MAX_LAGRANGIAN_CUTS;
      }
      return { L: r.L, truncated: r.complete ? 0 : 1 };
    },
    enumerate: (k, pi, limit, sink, nodeBudget, expired) => search.enumerate(k, pi, limit, sink, nodeBudget, expired),
  };
  const r = solveByColumnGeneration(problem, {
    highs,
    incumbent: bestAssign,
    seeds: [h.greedy],
    deadline: dl,
    timed: opts.clock !== undefined,
    maxCgIterations: maxCg,
    maxColumns,
    maxEntries: Infinity,
    repriceTruncated: true,
    tooManyNote: `more than ${maxColumns} plans within the gap (or the node limit)`,
    log,
  });
  const objective = modelObjective(m, r.assignment);
  const lb = Math.min(Math.max(r.lowerBound, 0), objective);
  return withSurvivingValue(inst, {
    assignment: r.assignment,
    objective,
    lowerBound: lb,
    status: statusOf(objective, lb),
    stats: { method: 'exact', greedyObjective, heuristicObjective, localSearchPasses: h.passes, exchanges: h.moves, restarts: h.rounds, ...r.stats },
  });
}
