// Public interface of the decide stage (see ../../README.md, architecture).
export * from './wta/index.js';
// Threat evaluation, impact prediction, feasibility, doctrine and the battle manager.
export type { ImpactPrediction, AssetAtRisk, ThreatAssessment, BatteryReadiness, EngagementOrder, AlliedEngagement } from './types.js';
export {
  propagateBallistic,
  predictBallisticImpact,
  predictIntent,
  positionVelocityCovariance,
  type BallisticPropagationOptions,
  type BallisticPath,
  type IntentCandidate,
  type IntentOptions,
} from './impact.js';
export {
  assessThreat,
  assessThreats,
  defendedAssets,
  footprintRadius,
  impactModelFor,
  notionalThreatCosts,
  predictImpact,
  probabilityInDisc,
  CLASS_LETHAL_RADIUS,
  CLASS_LETHALITY,
  DEFAULT_THREAT_COST,
  type DefendedAsset,
  type ThreatEvaluationOptions,
} from './threat.js';
export {
  ballisticPath,
  constantSpeedKinematics,
  constantVelocityPath,
  edgeFactor,
  engagementFeasibility,
  envelopeKinematics,
  groundRangeFrom,
  intentPath,
  pathFor,
  sensorSupport,
  CLASS_PK_FACTOR,
  GUN_MEAN_SPEED_FACTOR,
  type Feasibility,
  type FeasibilityBattery,
  type FeasibilityOptions,
  type Kinematics,
  type TargetPath,
} from './feasibility.js';
export {
  costCheck,
  reserveShots,
  threatPriorityWeight,
  topPriorityAssetKind,
  weaponsControlAllows,
  LAYER_RANK,
  TIGHT_MIN_QUALITY,
  type CostCheckInput,
} from './doctrine.js';
export {
  BattleManager,
  batteryKinematics,
  defaultWtaSolver,
  type BattleManagerOptions,
  type PlanResult,
  type TrackDecision,
  type WtaSolver,
} from './planner.js';
export { solveCycleWta } from './planner.js';
export { plausibleThreatCost } from './threat.js';
