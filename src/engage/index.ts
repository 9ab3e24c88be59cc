// Public interface of the engage stage (see ../../README.md, architecture).
export * from './damage.js';
export { BatteryState, type BatterySpec } from './battery.js';
export {
  endgamePk,
  killAssessmentTime,
  lethalZone,
  CLASS_VULNERABILITY,
  ENDGAME_RELIABILITY,
  type EndgameInterceptor,
} from './endgame.js';
export { CostLedger, type FundingSpec, type LedgerForce, type SpendLine } from './cost.js';
