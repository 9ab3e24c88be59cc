/**
 * The scenario shapes the sense stage reads, declared structurally. `sense/` sits beside
 * `scenario/` in the stage order (DESIGN.md: neither imports the other), so these interfaces
 * name only the fields sensors use; the resolved `Scenario` of `rampart/scenario` satisfies them
 * as is (`createSensors(scenario, seed)` takes the resolved scenario directly).
 * Units as in the resolved scenario: SI, radians, seconds since the scenario epoch.
 */

export interface GeoPointSpec {
  lat: number;
  lon: number;
  h: number;
}

export interface RadarCalibrationSpec {
  rcs: number;
  range: number;
  pd: number;
  pfa: number;
}

export interface RadarEquationSpec {
  peakPower: number;
  gainDb: number;
  frequency: number;
  bandwidth: number;
  noiseFigureDb: number;
  noiseTemperature: number;
  lossesDb: number;
}

export interface SensorTypeSpec {
  id: string;
  kind: string;
  frequency: number | null;
  maxDetectionRange: number | null;
  calibration: RadarCalibrationSpec | null;
  gainDb: number | null;
  bandwidth: number | null;
  noiseFigureDb: number;
  noiseTemperature: number;
  lossesDb: number;
  radarEquation: RadarEquationSpec | null;
  rangeSigma: number | null;
  angleSigma: number | null;
  rangeRateSigma: number | null;
}

export interface OrbitalElementsSpec {
  semiMajorAxis: number;
  eccentricity: number;
  inclination: number;
  raan: number;
  argumentOfPerigee: number;
  meanAnomaly: number;
  /** Epoch of the elements, ms since 1970 (UTC). */
  epochMs: number;
}

export type SatelliteSpec =
  | { id: string; kind: 'tle'; tle: [string, string] }
  | { id: string; kind: 'elements'; elements: OrbitalElementsSpec };

export interface SensorSpec {
  id: string;
  force: string;
  kind: string;
  type: SensorTypeSpec;
  location: GeoPointSpec | null;
  boresight: number;
  sector: { width: number; elevationMin: number; elevationMax: number };
  revisit: number;
  maxTracks: number;
  satellites: readonly SatelliteSpec[];
}

export interface JammerSpec {
  id: string;
  force: string;
  kind: 'stand-off' | 'self-protection';
  location: GeoPointSpec | null;
  /** Threat or raid ids a self-protection jammer flies with. */
  escorts: readonly string[];
  erp: number;
  frequency: number;
  bandwidth: number;
  active: { start: number; end: number };
  targets: readonly string[];
}

export interface ForceSpec {
  id: string;
  allies: readonly string[];
}

/** The part of a resolved scenario that `createSensors` reads. */
export interface SensorScenario {
  epochMs: number;
  seed?: number;
  forces: readonly ForceSpec[];
  sensors: readonly SensorSpec[];
  jammers: readonly JammerSpec[];
}
