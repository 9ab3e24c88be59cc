/**
 * rampart/track — multi-target tracking: filters, gating, association, track management and
 * metrics, composed Stone Soup-style (docs/models/tracking.md).
 *
 *   models      transition (NCV, NCA, CT) and measurement (Cartesian, radar polar) models
 *   filters     Kalman / extended / unscented predictors and updaters, IMM
 *   gating      χ² gates with a hashed measurement-space grid pre-selection
 *   association GNN (JV assignment), JPDA (exact / loopy BP)
 *   management  single-point initiation with score or M-of-N confirmation, deletion
 *   tracker     `multiTargetTracker(parts)` — the loop that composes them
 *   metrics     GOSPA, OSPA, track continuity, PCRLB (linear-Gaussian)
 *   case        the tracking benchmark case format (reader, output) and `casegen` (synthetic cases)
 */
export type {
  TransitionModel, MeasurementModel, Predictor, Updater, Scan, SensorContext, GateTable, AssociationResult,
  AssociationContext, Associator, TrackRecord, Initiator, Deleter, Track,
} from './types.js';
export { TENTATIVE, CONFIRMED } from './types.js';
export {
  constantVelocity, constantAcceleration, coordinatedTurn, knownTurnRate, constantVelocityTurnAugmented,
} from './models/transition.js';
export { cartesianPosition, polar, wrapAngle } from './models/measurement.js';
export type { PolarComponent } from './models/measurement.js';
export {
  kalmanPredictor, kalmanUpdater, extendedKalmanUpdater, unscentedKalmanPredictor, unscentedKalmanUpdater,
} from './filters/kalman.js';
export type { UnscentedOptions } from './filters/kalman.js';
export { immPredictor, immUpdater, ImmPredictor } from './filters/imm.js';
export type { ImmOptions } from './filters/imm.js';
export { Gater } from './gating.js';
export type { GateOptions } from './gating.js';
export { AssignmentSolver, solveDense } from './assignment.js';
export { globalNearestNeighbour, jpda } from './associators.js';
export type { JpdaOptions } from './associators.js';
export { singlePointInitiator, trackDeleter } from './management.js';
export type { Confirmation, SinglePointInitiatorOptions, DeleterOptions } from './management.js';
export { multiTargetTracker, MultiTargetTracker } from './tracker.js';
export type { TrackerParts, StepResult, Tracker } from './tracker.js';
export { gospa, ospa, scoreSequence, pcrlbLinearGaussian } from './metrics.js';
export type { GospaOptions, GospaResult, ScoredScan, ScanMetrics, SequenceMetrics, PcrlbInput } from './metrics.js';
export { SiapAccumulator, siap, siapOfCase } from './siap.js'; export type { SiapOptions, SiapSample, SiapMeasures, CaseEstimates } from './siap.js';
export { parseTrackingCase, readTrackingCase } from './case.js';
export type { TrackingCase, CaseScan, CaseTruth, CaseFrame, TrackerOutput } from './case.js';
export {
  TRACKERS, DEFAULT_TRACKER, prepareCase, runCase, scoreCase, toOutput, caseSensor,
} from './benchmark.js';
export type { TrackerSettings, CaseRun, Estimates } from './benchmark.js';
export { generateCase, resimulateSingleTarget, caseToJson } from './casegen.js';
export type { SyntheticCaseOptions } from './casegen.js';
export { ForcePictureTracker, forcePictureTracker } from './picture-tracker.js';
export type { ForcePictureOptions, PictureProcessNoise, PictureTrackerStats } from './picture-tracker.js';
export { raeMeasureInto, raeInnovationInto, raeToEcefInto } from './ecef-rae.js';
export type { RadarSiteFrame } from './ecef-rae.js';
export { TARGET_CLASSES, classLogLikelihoodsInto, updateClassLogProbabilities, approximateHeight, CLASS_MEMORY } from './ecef-classify.js';
export type { PictureTrack, TargetClass, TrackCue } from './picture.js';
export { TrackFuser, covarianceIntersection, predictNcvInPlace, FUSION_DEFAULTS } from './fusion.js';
export type { RemoteTrackReport, TrackFuserOptions, CiCriterion, CovarianceIntersection } from './fusion.js';
export { IrTracker, triangulateLos, losLine, IR_BOOST_JERK_DENSITY, IR_BURNOUT_HEIGHT, IR_CUE_SPEED_SIGMA, type IrTrackerOptions, type IrTrack3d, type IrAngleTrack, type LosLine, type LosFix } from './ir-tracker.js';
