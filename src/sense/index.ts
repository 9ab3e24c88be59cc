/**
 * rampart/sense — sensors turn truth into detections (DESIGN.md rule 1): radars (range equation
 * or calibration, exact Swerling detection laws, noise, horizon, clutter, false alarms), noise
 * jamming (J/S, burn-through, strobes), space-based infrared early warning (limb and cloud tops,
 * triangulation, launch reports), and coverage maps. Equations and sources: docs/models/sensors.md.
 */
export type { Detection, SensorTarget } from './types.js';
export type {
  SensorScenario,
  SensorSpec,
  SensorTypeSpec,
  JammerSpec,
  ForceSpec,
  SatelliteSpec,
  OrbitalElementsSpec,
  GeoPointSpec,
  RadarCalibrationSpec,
  RadarEquationSpec,
} from './spec.js';
export {
  type SwerlingCase,
  type DetectionParameters,
  type DetectionProbabilityInput,
  type RequiredSnrInput,
  detectionProbability,
  detectionProbabilityForThreshold,
  detectionThreshold,
  requiredSnrDb,
  albersheimSnrDb,
  DetectionCurve,
  detectionCurve,
  fromDb,
  toDb,
} from './detection.js';
export {
  RADAR_K,
  DEFAULT_CLUTTER,
  CUED_DWELL_PULSES,
  CUE_TIME_FRACTION,
  CUE_GATE,
  type RadarCue,
  type ClutterModel,
  type RadarOptions,
  type RadarModel,
  type RangeEquationInput,
  type ScanSummary,
  radarHorizonRange,
  rangeEquationSnr,
  rangeEquationConstant,
  calibrationConstant,
  beamwidthFromGain,
  clutterLossDb,
  radarModel,
  radarSnr,
  detectionRange,
  measurementSigmas,
  wrapTwoPi,
  wrapPi,
  apparentElevation,
  REFRACTION_PATH,
  RadarSensor,
} from './radar.js';
export {
  BOLTZMANN,
  SPEED_OF_LIGHT,
  type JammerEmitter,
  type JammingGeometry,
  beamPatternGain,
  jammingToNoise,
  selfScreeningJammingToSignal,
  burnThroughRange,
  jammerAffects,
} from './jamming.js';
export {
  CLOUD_TOP,
  type InfraredModel,
  type InfraredOptions,
  type FrameSummary,
  plumeIntensity,
  losFrameInto,
  losAnglesInto,
  losDirection,
  irVisible,
  InfraredSensor,
} from './infrared.js';
export { type SatelliteEphemeris, type EphemerisFactory, defaultEphemeris } from './ephemeris.js';
export {
  type LineOfSight,
  type Triangulation,
  type BallisticImpact,
  type ImpactArea,
  type LaunchReport,
  type EarlyWarningOptions,
  triangulate,
  ballisticImpact,
  EarlyWarningCenter,
} from './warning.js';
export {
  type FootprintOptions,
  type Footprint,
  type IrCoverageOptions,
  type IrCoverage,
  radarFootprint,
  irCoverage,
  subSatellitePoint,
} from './coverage.js';
export { type SensorSuiteOptions, SensorSuite, createSensors } from './suite.js';
