/**
 * Static weapon-target assignment (WTA): instance reader, objective, maximum-marginal-return
 * greedy, VLSN local search, Lagrangian bounds and the exact HiGHS solver.
 * Model and proofs: docs/models/battle-management.md, "Weapon-target assignment".
 */
import type { WtaInstance } from './instance.js';
import { solveWtaExact, type ExactOptions } from './exact.js';
import { solveWtaGreedy } from './greedy.js';
import { solveWtaHeuristic, type HeuristicOptions } from './heuristic.js';
import type { WtaResult } from './objective.js';

export {
  ahujaInstance,
  createWtaInstance,
  fireCosts,
  isPureInstance,
  parseWtaInstance,
  readWtaInstance,
  type WtaInstance,
  type WtaInstanceSpec,
} from './instance.js';
export {
  checkAssignment,
  OPTIMALITY_TOLERANCE,
  statusOf,
  survivingValues,
  wtaModel,
  wtaObjective,
  type Clock,
  type WtaModel,
  type WtaResult,
  type WtaStats,
  type WtaStatus,
} from './objective.js';
export { greedyAssignment, solveWtaGreedy } from './greedy.js';
export { vlsnLocalSearch, type LocalSearchOptions, type LocalSearchStats } from './localSearch.js';
export { heuristicAssignment, solveWtaHeuristic, type HeuristicOptions } from './heuristic.js';
export { incumbentPriceRange, LagrangianPricer, SubsetSearch } from './bounds.js';
export { loadHighs, solveWtaExact, type ExactOptions } from './exact.js';

export type WtaMethod = 'exact' | 'heuristic' | 'greedy';

export interface SolveWtaOptions extends ExactOptions, HeuristicOptions {
  /** 'exact' (default): prove optimality within the time limit; 'heuristic': greedy + VLSN. */
  method?: WtaMethod;
}

/** Solve a static WTA instance with the chosen method (see SolveWtaOptions). */
export async function solveWta(inst: WtaInstance, opts: SolveWtaOptions = {}): Promise<WtaResult> {
  switch (opts.method ?? 'exact') {
    case 'greedy':
      return solveWtaGreedy(inst);
    case 'heuristic':
      return solveWtaHeuristic(inst, opts);
    default:
      return solveWtaExact(inst, opts);
  }
}
