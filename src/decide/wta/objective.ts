/**
 * The WTA objective, the solver result type, and the precomputed working form every solver shares.
 *
 *   F(x) = Σ_j V_j · Π_{i: a(i) = j} q_ij  +  Σ_{i: a(i) ≠ −1} c_i,      q_ij = 1 − p_ij
 *
 * with a(i) the target weapon i fires at (−1: holds fire) and c_i the firing cost (instance.ts).
 */
import { UserError } from '../../errors.js';
import { fireCosts, type WtaInstance } from './instance.js';

export type WtaStatus = 'optimal' | 'feasible';

/** What a WTA solver returns. */
export interface WtaResult {
  /** assignment[i] = target index weapon i fires at, or −1 when it holds fire. */
  readonly assignment: Int32Array;
  /** F(assignment), evaluated from the instance (never a solver's own rounding). */
  readonly objective: number;
  /** A proven lower bound: F(x) ≥ lowerBound for every feasible x; null when none is proven. */
  readonly lowerBound: number | null;
  /** 'optimal' when (objective − lowerBound)/objective ≤ 1e-6 (or both are 0), else 'feasible'. */
  readonly status: WtaStatus;
  /** Which method produced it and how far it went. */
  readonly stats: WtaStats;
}

export interface WtaStats {
  readonly method: 'greedy' | 'heuristic' | 'exact';
  /** Objective of the maximum-marginal-return greedy start. */
  readonly greedyObjective?: number;
  /** Objective after local search (before any exact phase). */
  readonly heuristicObjective?: number;
  /** Local-search passes run and improving exchanges applied. */
  readonly localSearchPasses?: number;
  readonly exchanges?: number;
  /** Ruin-and-recreate rounds run after the first local optimum. */
  readonly restarts?: number;
  /** Exact solver: column-generation iterations, columns in the LP and the final MIP. */
  readonly cgIterations?: number;
  readonly lpColumns?: number;
  readonly mipColumns?: number;
  /** Lagrangian (column-generation) bound before the MIP. */
  readonly lagrangianBound?: number;
  /** True when a time or size limit stopped the solver before it finished. */
  readonly limitReached?: boolean;
  /** Free-text note on how the bound was obtained or why the proof stopped. */
  readonly note?: string;
}

/** Relative gap tolerance of the 'optimal' status (shared format). */
export const OPTIMALITY_TOLERANCE = 1e-6;

export function statusOf(objective: number, lowerBound: number | null): WtaStatus {
  if (lowerBound === null) return 'feasible';
  const gap = objective - lowerBound;
  if (gap <= 0) return 'optimal';
  return gap <= OPTIMALITY_TOLERANCE * Math.abs(objective) ? 'optimal' : 'feasible';
}

/**
 * Precomputed, solver-ready form of an instance (typed arrays, both layouts). Built once per
 * solve; the hot loops index these directly.
 */
export interface WtaModel {
  readonly W: number;
  readonly T: number;
  readonly V: Float64Array;
  /** Survival probabilities q_ij = 1 − p_ij, weapon-major: q[i·T + j]. */
  readonly q: Float64Array;
  /** The same, target-major: qT[j·W + i] (scans over weapons for one target). */
  readonly qT: Float64Array;
  /** Feasibility, weapon-major (all ones when the instance has no mask). */
  readonly feasible: Uint8Array;
  /** The same, target-major: feasT[j·W + i]. */
  readonly feasT: Uint8Array;
  /** Firing cost c_i (value units). */
  readonly c: Float64Array;
}

export function wtaModel(inst: WtaInstance): WtaModel {
  const W = inst.weapons;
  const T = inst.targets;
  const q = new Float64Array(W * T);
  const qT = new Float64Array(W * T);
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < T; j++) {
      const x = 1 - inst.pk[i * T + j];
      q[i * T + j] = x;
      qT[j * W + i] = x;
    }
  }
  const feasible = inst.feasible ? Uint8Array.from(inst.feasible) : new Uint8Array(W * T).fill(1);
  const feasT = new Uint8Array(W * T);
  for (let i = 0; i < W; i++) for (let j = 0; j < T; j++) feasT[j * W + i] = feasible[i * T + j];
  return { W, T, V: inst.values, q, qT, feasible, feasT, c: fireCosts(inst) };
}

/**
 * Throw a UserError unless `assignment` is a valid solution: length W, entries in −1..T−1, and
 * only feasible pairs.
 */
export function checkAssignment(inst: WtaInstance, assignment: ArrayLike<number>): void {
  const W = inst.weapons;
  const T = inst.targets;
  if (assignment.length !== W) throw new UserError(`assignment has ${assignment.length} entries, expected ${W} (one per weapon)`);
  for (let i = 0; i < W; i++) {
    const a = assignment[i];
    if (!Number.isInteger(a) || a < -1 || a >= T) throw new UserError(`assignment[${i}] = ${a}: must be a target index 0..${T - 1} or −1 (hold fire)`);
    if (a >= 0 && inst.feasible && inst.feasible[i * T + a] === 0) {
      throw new UserError(`assignment[${i}] = ${a}: weapon ${i} cannot engage target ${a} (infeasible pair)`);
    }
  }
}

/**
 * F(assignment), evaluated from scratch: each target's survival product over its weapons in
 * increasing weapon index, then the firing costs. Every solver reports this value.
 */
export function wtaObjective(inst: WtaInstance, assignment: ArrayLike<number>): number {
  const T = inst.targets;
  const surv = Float64Array.from(inst.values);
  const c = fireCosts(inst);
  let cost = 0;
  for (let i = 0; i < inst.weapons; i++) {
    const j = assignment[i];
    if (j < 0) continue;
    surv[j] *= 1 - inst.pk[i * T + j];
    cost += c[i];
  }
  let f = 0;
  for (let j = 0; j < T; j++) f += surv[j];
  return f + cost;
}

/** Expected surviving value of each target under `assignment` (length T). */
export function survivingValues(inst: WtaInstance, assignment: ArrayLike<number>): Float64Array {
  const T = inst.targets;
  const surv = Float64Array.from(inst.values);
  for (let i = 0; i < inst.weapons; i++) {
    const j = assignment[i];
    if (j >= 0) surv[j] *= 1 - inst.pk[i * T + j];
  }
  return surv;
}

/** Wall-clock source in seconds, supplied by the caller (the core never reads the clock itself). */
export type Clock = () => number;

/** A deadline helper: `expired()` is false forever when no clock or no limit is given. */
export function deadline(clock: Clock | undefined, timeLimit: number | undefined): { expired(): boolean; remaining(): number } {
  if (!clock || timeLimit === undefined || !Number.isFinite(timeLimit)) {
    return { expired: () => false, remaining: () => Infinity };
  }
  const end = clock() + timeLimit;
  return { expired: () => clock() >= end, remaining: () => Math.max(0, end - clock()) };
}
