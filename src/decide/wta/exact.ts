/**
 * Exact static WTA on HiGHS: column generation for a Lagrangian bound, then reduced-cost column
 * enumeration and a set-partitioning MIP, run by the driver of colgen.ts, whose header carries the
 * argument that makes the result valid (the Lagrangian bound holds for any prices; every assignment
 * at least as good as the incumbent uses only columns within the gap; the MIP's dual bound capped at
 * the incumbent bounds the whole problem). The full derivation is in
 * docs/models/battle-management.md ("Exact solver"). What is particular to the target-based problem:
 *
 * 1. Set-partitioning form (a Dantzig–Wolfe reformulation over targets). A column is a target j
 *    and a weapon subset S; its cost is cost_j(S) = V_j Π_{i∈S} q_ij + Σ_{i∈S} c_i. Choose exactly
 *    one column per target (the empty subset included), each weapon in at most one column. F is
 *    separable over targets, F(x) = Σ_j cost_j(S_j(x)), so this is the problem itself.
 *
 * 2. Pricing. σ_j(π) = min_S [cost_j(S) + π(S)] is computed exactly by our own subset search
 *    (bounds.ts, LagrangianPricer; a search stopped by its node budget returns a lower bound, so
 *    L(π) = Σ_j σ_j(π) − Σ_i π_i stays a bound). The same search offers its three best subsets per
 *    target to the master LP and enumerates every subset within the gap for the final MIP. The
 *    first stability centers are prices read off the incumbent (bounds.ts, incumbentPriceRange).
 *
 * Pairs with p_ij = 0 are left out of every column: such a weapon changes nothing on that target
 * but its cost, so moving it to "hold fire" never makes an assignment worse; the optimum over the
 * reduced family is the global optimum and the bounds stay valid.
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';
import type { WtaInstance } from './instance.js';
import { heuristicAssignment } from './heuristic.js';
import { incumbentPriceRange, LagrangianPricer } from './bounds.js';
import { solveByColumnGeneration, type ColumnGenerationProblem, type GroupColumn } from './colgen.js';
import { deadline, statusOf, wtaModel, wtaObjective, type Clock, type WtaModel, type WtaResult } from './objective.js';
/** Singleton columns per target in the first master LP (the rest come by pricing). */
const INITIAL_SINGLETONS = 100;

let highsPromise: Promise<Highs> | undefined;

type HighsLoader = () => Promise<Highs>;

/** The HiGHS WebAssembly runtime, loaded once and shared by every solve. */
export function loadHighs(): Promise<Highs> {
  if (!highsPromise) {
    // The package ships an ES module (default export = loader) under CommonJS-style typings, so
    // TypeScript sees the default one level deeper than Node does; accept either shape.
    const d = (highsModule as unknown as { default: HighsLoader | { default: HighsLoader } }).default;
    const loader = typeof d === 'function' ? d : d.default;
    highsPromise = loader();
  }
  return highsPromise;
}

export interface ExactOptions {
  /** Wall-clock budget in seconds (default 60); enforced only when `clock` is given. */
  timeLimit?: number;
  /** Seconds-valued clock supplied by the caller; without it the solve runs to completion. */
  clock?: Clock;
  /** Largest column family the final MIP may take before the solver stops with the bound (default 300 000). */
  maxColumns?: number;
  /** Maximum column-generation iterations (default 500). */
  maxCgIterations?: number;
  /** Diagnostics sink (one line per phase). */
  log?: (line: string) => void;
}

/** True cost of column (j, S): V_j Π q_ij + Σ c_i, evaluated in increasing weapon order. */
function columnCost(m: WtaModel, j: number, ws: ArrayLike<number>, n: number): number {
  let surv = m.V[j];
  let c = 0;
  for (let k = 0; k < n; k++) {
    surv *= m.q[ws[k] * m.T + j];
    c += m.c[ws[k]];
  }
  return surv + c;
}

/**
 * Solve the static WTA to proven optimality (within the time limit). Always returns the best
 * assignment found; `lowerBound` is rigorous (see the header), `status` is 'optimal' when the
 * relative gap is ≤ 1e-6.
 */
export async function solveWtaExact(inst: WtaInstance, opts: ExactOptions = {}): Promise<WtaResult> {
  const log = opts.log ?? (() => {});
  const highs = await loadHighs();
  const m = wtaModel(inst);
  const { W, T, V, q, c } = m;
  const timeLimit = opts.timeLimit ?? 60;
  const dl = deadline(opts.clock, timeLimit);
  const maxColumns = opts.maxColumns ?? 300_000;
  const maxCg = opts.maxCgIterations ?? 500;

  // 1. Upper bound: greedy + VLSN local search (at most 10 % of the budget, ≤ 1 s).
  const hdl = deadline(opts.clock, Math.min(1, 0.1 * timeLimit));
  const h = heuristicAssignment(m, { expired: () => hdl.expired() || dl.expired() });
  let bestAssign = h.assignment;
  let UB = wtaObjective(inst, bestAssign);
  const greedyObjective = wtaObjective(inst, h.greedy);
  if (greedyObjective < UB) {
    bestAssign = h.greedy;
    UB = greedyObjective;
  }
  const heuristicObjective = UB;
  log(`heuristic: greedy ${greedyObjective}, local search ${UB} (${h.passes} passes, ${h.exchanges} exchanges)`);

  const pricer = new LagrangianPricer(m);
  let scale = 1;
  for (let j = 0; j < T; j++) scale += V[j];
  for (let i = 0; i < W; i++) scale += c[i];

  // 2.–5. Column generation, restricted master MIP, enumeration within the gap and the final MIP
  //        (colgen.ts) over columns (target j, weapon subset S).
  let range: { lo: Float64Array; hi: Float64Array } | undefined;
  const problem: ColumnGenerationProblem = {
    groups: T,
    weapons: W,
    explicitTargets: false,
    scale,
    /**
     * Slack for floating-point rounding in our own sums: L(π) = Σσ_j − Σπ_i adds O(W + T) terms
     * of size ≤ scale + Σπ, each with relative error ≤ n·2⁻⁵³; 1e-13 × that magnitude is ~100×
     * the worst case at these sizes and still far below the 1e-6 optimality tolerance.
     */
    relEps: 1e-13,
    noun: 'column',
    cost: (j, ws, _ts, n) => columnCost(m, j, ws, n),
    // Weapons with q_ij = 1 (p = 0) are left out of every column (header).
    columnsOf: (a) => {
      const per: GroupColumn[] = Array.from({ length: T }, () => ({ weapons: [], targets: null }));
      for (let i = 0; i < W; i++) if (a[i] >= 0 && q[i * T + a[i]] < 1) per[a[i]].weapons.push(i);
      return per;
    },
    objective: (a) => wtaObjective(inst, a),
    initialColumns: (offer) => {
      for (let j = 0; j < T; j++) {
        offer(j, [], null, 0);
        // The best INITIAL_SINGLETONS singletons by p, in decreasing p (the simplex starts markedly
        // faster in this order); pricing brings in any other column the LP needs.
        const cj = pricer.cands[j];
        const order = Array.from(cj.weapon).sort((x, y) => q[x * T + j] - q[y * T + j] || x - y);
        for (const i of order.slice(0, INITIAL_SINGLETONS)) offer(j, [i], null, 1);
      }
    },
    // Initial stability centers: prices read off the incumbent (bounds.ts, incumbentPriceRange),
    // points lo + θ·(hi − lo) of the segment.
    centerThetas: [0, 0.1],
    centerPrices: (theta) => {
      range ??= incumbentPriceRange(m, bestAssign);
      const { lo, hi } = range;
      return Float64Array.from(lo, (l, i) => l + theta * (hi[i] - l));
    },
    // σ_j(π) by our own subset search (bounds.ts); its 3 best subsets per target are offered.
    price: (pi, sigma, offer) => {
      const L = pricer.bound(pi, sigma, {
        keep: 3,
        ...(offer ? { onSubset: (j: number, ws: number[]) => offer(j, ws, null, ws.length) } : {}),
        expired: () => dl.expired(),
      });
      return { L, truncated: pricer.truncated };
    },
    enumerate: (j, pi, limit, sink, nodeBudget) => pricer.enumerate(j, pi, limit, (ws) => sink(ws, null, ws.length), nodeBudget),
  };
  const r = solveByColumnGeneration(problem, {
    highs,
    incumbent: bestAssign,
    seeds: [h.greedy],
    deadline: dl,
    timed: opts.clock !== undefined,
    maxCgIterations: maxCg,
    maxColumns,
    maxEntries: 20 * maxColumns,
    repriceTruncated: false,
    tooManyNote: `more than ${maxColumns} columns within the gap`,
    log,
  });
  const objective = wtaObjective(inst, r.assignment);
  // F ≥ 0 always (V ≥ 0, c ≥ 0), so 0 is a bound too.
  const lb = Math.min(Math.max(r.lowerBound, 0), objective);
  return {
    assignment: r.assignment,
    objective,
    lowerBound: lb,
    status: statusOf(objective, lb),
    stats: { method: 'exact', greedyObjective, heuristicObjective, localSearchPasses: h.passes, exchanges: h.exchanges, ...r.stats },
  };
}
