/**
 * Static weapon-target assignment (WTA): instance reader, objective, maximum-marginal-return
 * greedy, VLSN local search, Lagrangian bounds and the exact HiGHS solver; the same for the
 * asset-based problem (asset*.ts).
 * Model and proofs: docs/models/battle-management.md, "Weapon-target assignment".
 */
import type { WtaInstance } from './instance.js';
import { solveWtaExact, type ExactOptions } from './exact.js';
import { solveWtaGreedy } from './greedy.js';
import { solveWtaHeuristic, type HeuristicOptions } from './heuristic.js';
import type { WtaResult } from './objective.js';
import type { AssetWtaInstance, AssetWtaResult } from './asset.js';
import { solveAssetWtaExact, type AssetExactOptions } from './assetExact.js';
import { solveAssetWtaGreedy, solveAssetWtaHeuristic, type AssetHeuristicOptions } from './assetHeuristic.js';

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

export {
  assetFireCosts,
  assetInstance,
  assetModel,
  assetObjective,
  assetSurvival,
  assetSurvivingValue,
  checkAssetAssignment,
  createAssetWtaInstance,
  isAssetBasedJson,
  parseAnyWtaInstance,
  readAnyWtaInstance,
  type AnyWtaInstance,
  type AssetModel,
  type AssetWtaInstance,
  type AssetWtaInstanceSpec,
  type AssetWtaResult,
} from './asset.js';
export { AssetPlanSearch, assetLagrangianBound, type PlanSink, type PriceResult } from './assetPlans.js';
export {
  assetGreedyFill,
  assetHeuristicAssignment,
  assetIncumbentPrices,
  assetLocalSearch,
  solveAssetWtaGreedy,
  solveAssetWtaHeuristic,
  type AssetHeuristicOptions,
} from './assetHeuristic.js';
export { solveAssetWtaExact, type AssetExactOptions } from './assetExact.js';

export type WtaMethod = 'exact' | 'heuristic' | 'greedy';

export interface SolveAssetWtaOptions extends AssetExactOptions, AssetHeuristicOptions {
  /** 'exact' (default): prove optimality within the time limit; 'heuristic'; 'greedy'. */
  method?: WtaMethod;
}

/** Solve a static asset-based WTA instance (minimise expected lost asset value + firing costs). */
export async function solveAssetWta(inst: AssetWtaInstance, opts: SolveAssetWtaOptions = {}): Promise<AssetWtaResult> {
  switch (opts.method ?? 'exact') {
    case 'greedy':
      return solveAssetWtaGreedy(inst);
    case 'heuristic':
      return solveAssetWtaHeuristic(inst, opts);
    default:
      return solveAssetWtaExact(inst, opts);
  }
}

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
