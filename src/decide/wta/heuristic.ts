/**
 * The fast WTA heuristic: maximum-marginal-return greedy (greedy.ts), then VLSN local search
 * (localSearch.ts), then — while the budget lasts — ruin-and-recreate rounds (an iterated local
 * search: Schrimpf et al., "Record breaking optimization results using the ruin and recreate
 * principle", J. Comput. Physics 159, 2000): free every weapon of a few targets, refill, search
 * again, keep the result if it is better. The result is never worse than the
 * greedy start, and rounds only ever replace the best assignment by a better one.
 */
import type { WtaInstance } from './instance.js';
import { greedyAssignment } from './greedy.js';
import { vlsnLocalSearch } from './localSearch.js';
import { incumbentPriceRange, LagrangianPricer } from './bounds.js';
import { deadline, statusOf, wtaModel, wtaObjective, type Clock, type WtaModel, type WtaResult } from './objective.js';

export interface HeuristicOptions {
  /** Wall-clock budget in seconds (needs `clock`); default none: run to a local optimum. */
  timeLimit?: number;
  /** Seconds-valued clock supplied by the caller (e.g. `() => performance.now() / 1000`). */
  clock?: Clock;
  /** Deterministic budget: maximum local-search passes (default unlimited). */
  maxPasses?: number;
  /** Longest exchange cycle searched (arcs, default 4). */
  maxCycleLength?: number;
  /**
   * Ruin-and-recreate rounds after the first local optimum (half free a target and the targets
   * its weapons would move to, half random targets; 2–15 targets; refilled by greedy one round in
   * four, else in random order — the diversification is what makes the rounds pay). Default: as many as the time budget
   * allows when `clock` and `timeLimit` are given, else 0 (deterministic greedy + local search).
   */
  restarts?: number;
  /** Stop the rounds after this many in a row without improvement (default max(500, 5·T)). */
  maxStallRounds?: number;
  /**
   * Also prove a lower bound: the Lagrangian bound L(π) at weapon prices read off the solution
   * (bounds.ts), within what is left of the time budget (past it, each target gets its cheapest
   * valid bound). Typically a few % below the optimum; default false.
   */
  lowerBound?: boolean;
}

/** Greedy + local search (+ ruin-and-recreate rounds) on a prepared model. */
export function heuristicAssignment(
  m: WtaModel,
  opts: HeuristicOptions & { expired?: () => boolean; roundsExpired?: () => boolean } = {},
): { assignment: Int32Array; greedy: Int32Array; passes: number; exchanges: number; rounds: number } {
  const greedy = greedyAssignment(m);
  const assignment = Int32Array.from(greedy);
  const dl = deadline(opts.clock, opts.timeLimit);
  const expired = opts.expired ?? dl.expired;
  const lsOpts = {
    expired,
    ...(opts.maxPasses !== undefined ? { maxPasses: opts.maxPasses } : {}),
    ...(opts.maxCycleLength !== undefined ? { maxCycleLength: opts.maxCycleLength } : {}),
  };
  const st = vlsnLocalSearch(m, assignment, lsOpts);
  let passes = st.passes;
  let exchanges = st.exchanges;
  const restarts = opts.restarts ?? 0;
  let rounds = 0;
  if (restarts > 0 && m.T > 1) {
    let best = evaluate(m, assignment);
    const cur = new Int32Array(m.W);
    let rng = 0x9e3779b9; // xorshift32 state: deterministic, no Math.random
    const next = (): number => {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      return (rng >>> 0) / 4294967296;
    };
    const roundsExpired = opts.roundsExpired ?? expired;
    const kMax = Math.max(1, Math.min(15, Math.round(0.08 * m.T)));
    const maxStall = opts.maxStallRounds ?? Math.max(500, 5 * m.T);
    let lastImprovement = 0;
    while (rounds < restarts && rounds - lastImprovement < maxStall && !expired() && !roundsExpired()) {
      rounds++;
      cur.set(assignment);
      const k = 2 + Math.floor(next() * kMax);
      if (rounds % 2 === 0) ruin(m, cur, Math.floor(next() * m.T), k);
      else ruinRandom(m, cur, k, next);
      if (rounds % 4 === 0) greedyFill(m, cur);
      else randomOrderFill(m, cur, next);
      const r = vlsnLocalSearch(m, cur, lsOpts);
      passes += r.passes;
      exchanges += r.exchanges;
      const f = evaluate(m, cur);
      if (f < best - 1e-12 * Math.max(1, best)) {
        best = f;
        assignment.set(cur);
        lastImprovement = rounds;
      }
    }
  }
  return { assignment, greedy, passes, exchanges, rounds };
}

/** F of an assignment on the prepared model (same order of operations as wtaObjective). */
function evaluate(m: WtaModel, a: Int32Array): number {
  const s = Float64Array.from(m.V);
  let cost = 0;
  for (let i = 0; i < m.W; i++) {
    if (a[i] < 0) continue;
    s[a[i]] *= m.q[i * m.T + a[i]];
    cost += m.c[i];
  }
  let f = 0;
  for (let j = 0; j < m.T; j++) f += s[j];
  return f + cost;
}

/**
 * Free every weapon on target t0 and on up to k − 1 related targets: for each weapon on t0, the
 * other target where it would gain most (where its weapons would go if they left).
 */
function ruin(m: WtaModel, a: Int32Array, t0: number, k: number): void {
  const { W, T, V, q, feasible } = m;
  const s = Float64Array.from(V);
  for (let i = 0; i < W; i++) if (a[i] >= 0) s[a[i]] *= q[i * T + a[i]];
  const chosen = new Uint8Array(T);
  chosen[t0] = 1;
  let n = 1;
  for (let i = 0; i < W && n < k; i++) {
    if (a[i] !== t0) continue;
    let bj = -1;
    let bg = -Infinity;
    for (let j = 0; j < T; j++) {
      if (j === t0 || chosen[j] || !feasible[i * T + j]) continue;
      const g = s[j] * (1 - q[i * T + j]);
      if (g > bg) {
        bg = g;
        bj = j;
      }
    }
    if (bj >= 0) {
      chosen[bj] = 1;
      n++;
    }
  }
  for (let i = 0; i < W; i++) if (a[i] >= 0 && chosen[a[i]]) a[i] = -1;
}

/** Free every weapon on k targets drawn at random. */
function ruinRandom(m: WtaModel, a: Int32Array, k: number, next: () => number): void {
  const chosen = new Uint8Array(m.T);
  for (let n = 0; n < k; n++) chosen[Math.floor(next() * m.T)] = 1;
  for (let i = 0; i < m.W; i++) if (a[i] >= 0 && chosen[a[i]]) a[i] = -1;
}

/** The weapons holding fire in a random order, each to its best target (diversifies the refill). */
function randomOrderFill(m: WtaModel, a: Int32Array, next: () => number): void {
  const { W, T, V, q, feasible, c } = m;
  const s = Float64Array.from(V);
  for (let i = 0; i < W; i++) if (a[i] >= 0) s[a[i]] *= q[i * T + a[i]];
  const free: number[] = [];
  for (let i = 0; i < W; i++) if (a[i] < 0) free.push(i);
  for (let k = free.length - 1; k > 0; k--) {
    const r = Math.floor(next() * (k + 1));
    const t = free[k];
    free[k] = free[r];
    free[r] = t;
  }
  for (const i of free) {
    const row = i * T;
    let bj = -1;
    let bg = 0;
    for (let j = 0; j < T; j++) {
      if (!feasible[row + j]) continue;
      const g = s[j] * (1 - q[row + j]) - c[i];
      if (g > bg) {
        bg = g;
        bj = j;
      }
    }
    if (bj >= 0) {
      a[i] = bj;
      s[bj] *= q[row + bj];
    }
  }
}

/** Maximum-marginal-return greedy over the weapons holding fire, from the current assignment. */
function greedyFill(m: WtaModel, a: Int32Array): void {
  const { W, T, V, q, feasible, c } = m;
  const s = Float64Array.from(V);
  for (let i = 0; i < W; i++) if (a[i] >= 0) s[a[i]] *= q[i * T + a[i]];
  const free: number[] = [];
  for (let i = 0; i < W; i++) if (a[i] < 0) free.push(i);
  for (;;) {
    let bi = -1;
    let bj = -1;
    let bg = 0;
    for (let k = 0; k < free.length; k++) {
      const i = free[k];
      if (a[i] >= 0) continue;
      const row = i * T;
      for (let j = 0; j < T; j++) {
        if (!feasible[row + j]) continue;
        const g = s[j] * (1 - q[row + j]) - c[i];
        if (g > bg) {
          bg = g;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) return;
    a[bi] = bj;
    s[bj] *= q[bi * T + bj];
  }
}

/** Greedy + VLSN local search as a solver result (no bound: status 'feasible'). */
export function solveWtaHeuristic(inst: WtaInstance, opts: HeuristicOptions = {}): WtaResult {
  const dl = deadline(opts.clock, opts.timeLimit);
  const m = wtaModel(inst);
  // With a clock and a budget, rounds run until 70 % of it when a bound is wanted, else all of it.
  const timed = opts.clock !== undefined && opts.timeLimit !== undefined && Number.isFinite(opts.timeLimit);
  const roundsDl = deadline(opts.clock, timed && opts.lowerBound ? 0.7 * opts.timeLimit! : opts.timeLimit);
  const restarts = opts.restarts ?? (timed ? Infinity : 0);
  // the first local search may use the whole budget; the rounds stop at roundsDl
  const h = heuristicAssignment(m, { ...opts, restarts, expired: dl.expired, roundsExpired: roundsDl.expired });
  const greedyObjective = wtaObjective(inst, h.greedy);
  let assignment = h.assignment;
  let objective = wtaObjective(inst, assignment);
  if (objective > greedyObjective) {
    // Only possible through rounding in the incremental gains; keep the better one.
    assignment = h.greedy;
    objective = greedyObjective;
  }
  let lowerBound: number | null = null;
  if (opts.lowerBound) {
    const pricer = new LagrangianPricer(m);
    const { lo, hi } = incumbentPriceRange(m, assignment);
    const sigma = new Float64Array(inst.targets);
    let best = -Infinity;
    for (const theta of [0, 0.1]) {
      const pi = Float64Array.from(lo, (l, i) => l + theta * (hi[i] - l));
      // past the deadline each target gets the cheapest valid bound (its root relaxation)
      best = Math.max(best, pricer.bound(pi, sigma, { nodeBudget: 2000, expired: dl.expired }));
      if (dl.expired()) break;
    }
    // rounding slack of our own sums (as in exact.ts); F ≥ 0 always
    let scale = 1;
    for (let j = 0; j < inst.targets; j++) scale += inst.values[j];
    for (let i = 0; i < inst.weapons; i++) scale += Math.max(lo[i], hi[i]) + m.c[i];
    lowerBound = Math.min(objective, Math.max(0, best - 1e-13 * scale));
  }
  return {
    assignment,
    objective,
    lowerBound,
    status: statusOf(objective, lowerBound),
    stats: { method: 'heuristic', greedyObjective, heuristicObjective: objective, localSearchPasses: h.passes, exchanges: h.exchanges, restarts: h.rounds },
  };
}
