/**
 * The resolved scenario: what the simulator consumes. Plain, JSON-serialisable data in SI units
 * and radians (no classes, no Infinity, no undefined values that matter): lat/lon in RADIANS,
 * heights in metres above the WGS-84 ellipsoid, times in seconds since the scenario epoch, money
 * in US dollars, power in watts. Every default is filled in (see docs/scenario.md).
 */
import type {
  ASSET_KINDS,
  DATA_LINK_SHARES,
  FIRE_MODES,
  JAMMER_KINDS,
  KILL_MECHANISMS,
  LAYERS,
  SENSOR_KINDS,
  SIDES,
  THREAT_CATEGORIES,
  WEAPONS_CONTROL,
} from './schema.js';

export type Side = (typeof SIDES)[number];
export type AssetKind = (typeof ASSET_KINDS)[number];
export type SensorKind = (typeof SENSOR_KINDS)[number];
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];
export type KillMechanism = (typeof KILL_MECHANISMS)[number];
export type Layer = (typeof LAYERS)[number];
export type WeaponsControl = (typeof WEAPONS_CONTROL)[number];
export type FireMode = (typeof FIRE_MODES)[number];
export type JammerKind = (typeof JAMMER_KINDS)[number];
export type DataLinkShare = (typeof DATA_LINK_SHARES)[number];

/** Geodetic position: latitude and longitude in RADIANS, height `h` in metres above the WGS-84 ellipsoid. */
export interface GeoPoint {
  lat: number;
  lon: number;
  h: number;
}

/** A point on the ellipsoid surface, radians. */
export interface LatLon {
  lat: number;
  lon: number;
}

// ─── catalog types (catalog.json + scenario-local entries + per-entity overrides) ───────────────

export interface InterceptorType {
  id: string;
  /** The built-in catalog type this one derives from (see ThreatType.model); flight keys its notional airframe on it. */
  model: string;
  name: string;
  country: string;
  role: string;
  /** Engagement envelope, metres. */
  minRange: number;
  maxRange: number;
  minAltitude: number;
  maxAltitude: number;
  /** Burnout speed (muzzle velocity for a gun), m/s. */
  maxSpeed: number;
  /** Kill mechanism as published (free text). */
  killMechanism: string;
  kill: KillMechanism;
  /** US dollars per interceptor (per ROUND for a gun); null = not public. */
  unitCost: number | null;
  missilesPerLauncher: number | null;
  launchersPerBattery: number;
  /** Single-shot probability of kill (per burst for a gun). NOTIONAL default 0.7 (gun 0.3). */
  pk: number;
  /** Order-to-first-launch delay, s (default 5). */
  reactionTime: number;
  /** Minimum time between launches of one battery, s (default 2; gun 0). */
  launchInterval: number;
  /** Rounds expended per shot (default 1; gun 30). */
  roundsPerShot: number;
  /** Free-text battery composition from the catalog. */
  batteryNote: string;
  confidence: string;
  sources: Record<string, string>;
  notes: string;
}

/** Radar calibration point (see `sensorFields.calibration`). */
export interface RadarCalibration {
  rcs: number;
  range: number;
  pd: number;
  pfa: number;
}

/** Radar-equation parameters (present only when peakPower, gainDb, frequency and bandwidth are all known). */
export interface RadarEquation {
  peakPower: number;
  gainDb: number;
  frequency: number;
  bandwidth: number;
  noiseFigureDb: number;
  noiseTemperature: number;
  lossesDb: number;
}

/** Platform orbit published for a space sensor type (catalog), SI/radians. */
export interface PlatformOrbit {
  semiMajorAxis: number;
  eccentricity: number;
  inclination: number;
  period: number | null;
  count: number;
}

export interface SensorType {
  id: string;
  name: string;
  country: string;
  kind: SensorKind;
  description: string;
  band: string | null;
  frequency: number | null;
  maxDetectionRange: number | null;
  referenceRcs: number | null;
  /** From `calibration` if given, else from maxDetectionRange/referenceRcs with pd 0.9, pfa 1e-6; null if neither. */
  calibration: RadarCalibration | null;
  /** Radar-equation inputs as given (W, dBi, Hz, dB, K, dB); `radarEquation` is the complete set or null. */
  peakPower: number | null;
  gainDb: number | null;
  bandwidth: number | null;
  noiseFigureDb: number;
  noiseTemperature: number;
  lossesDb: number;
  radarEquation: RadarEquation | null;
  /** Azimuth width of one face, radians (default 2π). */
  fieldOfRegard: number;
  forwardBasedRange: number | null;
  /** Measurement standard deviations (null: the sensor model derives them). Range m, angle rad, range rate m/s. */
  rangeSigma: number | null;
  angleSigma: number | null;
  rangeRateSigma: number | null;
  platformOrbit: PlatformOrbit | null;
  confidence: string;
  sources: Record<string, string>;
  notes: string;
}

export interface ThreatType {
  id: string;
  /** The built-in catalog type this one derives from (through `base:` chains); its own id for a
   *  built-in or a brand-new local type. Flight models key their notional airframe/motor data on it. */
  model: string;
  name: string;
  country: string;
  threatClass: string;
  category: ThreatCategory;
  maxSpeed: number;
  /** Cruise/glide speed, m/s (default maxSpeed). */
  cruiseSpeed: number;
  maxRange: number;
  minAltitude: number;
  maxAltitude: number;
  warheadMass: number | null;
  unitCost: number | null;
  rcs: number;
  confidence: string;
  sources: Record<string, string>;
  notes: string;
}

/** Radar letter band limits [low, high] in Hz (IEEE Std 521-2019). */
export type RadarBands = Record<string, [number, number]>;

export interface Catalog {
  interceptors: InterceptorType[];
  sensors: SensorType[];
  threats: ThreatType[];
  radarBands: RadarBands;
  /** Typical RCS values (Skolnik), m². */
  rcsClasses: { class: string; rcs: number }[];
  meta: Record<string, string>;
}

// ─── scenario entities ──────────────────────────────────────────────────────────────────────────

export interface Funding {
  /** The force whose costs are paid. */
  force: string;
  share: number;
  costs: 'interceptors';
}

/** A force's tactical data link (sim/datalink.ts; docs/models/battle-management.md, "Data links"). */
export interface DataLink {
  /** Delay (s) before this force's messages reach its partners. */
  latency: number;
  shares: DataLinkShare[];
  /** Partners that receive this force's messages. */
  with: string[];
  /** Probability in [0, 1) that one message of this force to one partner is lost (0: none). */
  messageLoss: number;
  /** Most tracks per track report (null: no limit). */
  trackCapacity: number | null;
  /** Seconds after which a partner drops a track of this force no report has refreshed (null: 3 × the report interval). */
  staleAfter: number | null;
}

export interface Force {
  id: string;
  name: string;
  side: Side;
  /** All allies, both directions (alliances are mutual), excluding the force itself. */
  allies: string[];
  color: string | null;
  dataLink: DataLink | null;
  /** Costs of other forces this force pays. */
  funding: Funding[];
}

export type Area = { kind: 'point' } | { kind: 'circle'; radius: number } | { kind: 'polygon'; polygon: LatLon[] };

export interface Asset {
  id: string;
  name: string;
  force: string;
  kind: AssetKind;
  location: GeoPoint;
  area: Area;
  value: number;
  valueUsd: number | null;
  /** Overpressure causing severe damage, Pa (soft 34,474; medium 68,948; hard 344,738; hardened 2,068,427). */
  hardness: number;
  /** Power in WATTS; restoreTime s or null (not restored). */
  power: { generation: number; serves: number; feeds: string[]; restoreTime: number | null } | null;
}

/** Classical elements, SI/radians; epochMs is ms since 1970 (UTC). */
export interface OrbitalElements {
  semiMajorAxis: number;
  eccentricity: number;
  inclination: number;
  raan: number;
  argumentOfPerigee: number;
  meanAnomaly: number;
  epochMs: number;
}

export type Satellite = { id: string; kind: 'tle'; tle: [string, string] } | { id: string; kind: 'elements'; elements: OrbitalElements };

export interface Sensor {
  id: string;
  name: string;
  force: string;
  /** Catalog type id, or null for a custom sensor. */
  typeId: string | null;
  type: SensorType;
  kind: SensorKind;
  /** Ground/airborne site; null for satellites. */
  location: GeoPoint | null;
  /** Face centre azimuth, radians clockwise from north. */
  boresight: number;
  /** Field of regard, radians: azimuth width centred on the boresight, elevation limits. */
  sector: { width: number; elevationMin: number; elevationMax: number };
  revisit: number;
  maxTracks: number;
  /** Satellites carrying the sensor (ir-satellite); empty for ground sensors. Ids `<sensor id>/<n>`. */
  satellites: Satellite[];
}

export interface FireDoctrine {
  mode: FireMode;
  /** Interceptors per engagement (1 in shoot-look-shoot). */
  salvoSize: number;
}

export interface Doctrine {
  weaponsControl: WeaponsControl;
  fire: FireDoctrine;
  maxShotsPerThreat: number;
  reserve: { kind: 'share'; share: number } | { kind: 'per-battery'; perBattery: number };
  /** Complete orders (every category / kind exactly once), most urgent first. */
  priorities: { threats: ThreatCategory[]; assets: AssetKind[] };
  costAware: { enabled: boolean; maxCostRatio: number };
  killAssessmentDelay: number;
  minPk: number;
}

export interface Battery {
  id: string;
  name: string;
  force: string;
  interceptorId: string;
  interceptor: InterceptorType;
  location: GeoPoint;
  launchers: number;
  interceptorsPerLauncher: number;
  /** Total interceptors (loaded + reload stock). */
  inventory: number;
  /** Seconds to reload one launcher, or null (no reloading during the run). */
  reloadTime: number | null;
  /** Engagement sector, radians. */
  sector: { boresight: number; width: number };
  radar: string | null;
  cuedBy: string[];
  /** Defended assets in priority order. */
  defends: string[];
  layer: Layer;
  /** Fully resolved doctrine: defaults ← force ← battery section ← battery weaponsControl. */
  doctrine: Doctrine;
}

export interface Trajectory {
  shape: 'minimum-energy' | 'lofted' | 'depressed' | 'flight-path-angle';
  /** Burnout flight-path angle, radians (flight-path-angle shape only). */
  flightPathAngle: number | null;
  /** Offset from the minimum-energy angle, radians (lofted/depressed; 0 otherwise). */
  offset: number;
}

export type Maneuver =
  | { kind: 'weave'; start: number | null; maxLoad: number; amplitude: number; period: number }
  | { kind: 'dogleg'; start: number | null; maxLoad: number; crossrange: number }
  | { kind: 'pull-up'; start: number | null; maxLoad: number };

export interface Target {
  /** Targeted asset id, or null for a bare aimpoint. */
  asset: string | null;
  point: GeoPoint;
}

export interface Threat {
  id: string;
  name: string;
  force: string;
  typeId: string;
  type: ThreatType;
  category: ThreatCategory;
  launch: { time: number; location: GeoPoint };
  target: Target;
  /** Ballistic and glide only (null otherwise; ballistic defaults to minimum-energy). */
  trajectory: Trajectory | null;
  /** Waypoints (h filled with cruiseAltitude when not given); empty = direct. */
  route: GeoPoint[];
  /** Cruise height, m (cruise/drone/aircraft), else null. */
  cruiseAltitude: number | null;
  maneuver: Maneuver | null;
}

export interface Raid {
  id: string;
  name: string;
  force: string;
  typeId: string;
  type: ThreatType;
  category: ThreatCategory;
  count: number;
  launchArea: ({ kind: 'circle'; center: LatLon; radius: number } | { kind: 'polygon'; polygon: LatLon[] }) & { h: number };
  window: { start: number; end: number };
  spacing: 'uniform' | 'random';
  /** Targets with weights normalised to sum 1. For assets, `points` holds their reference points. */
  targets:
    | { kind: 'assets'; assets: string[]; points: GeoPoint[]; weights: number[] }
    | { kind: 'aimpoints'; points: GeoPoint[]; weights: number[] };
  routing: { kind: 'direct' } | { kind: 'via'; via: GeoPoint[] };
  dispersion: number;
  trajectory: Trajectory | null;
  cruiseAltitude: number | null;
  maneuver: Maneuver | null;
}

export interface Jammer {
  id: string;
  name: string;
  force: string;
  kind: JammerKind;
  location: GeoPoint | null;
  escorts: string[];
  /** Effective radiated power, W. */
  erp: number;
  /** Centre frequency and bandwidth, Hz. */
  frequency: number;
  bandwidth: number;
  active: { start: number; end: number };
  /** Sensors aimed at; empty = every non-allied sensor in the band. */
  targets: string[];
}

/** The resolved scenario the simulator consumes. */
export interface Scenario {
  format: 1;
  /** File it was read from (as given to the loader). */
  source: string;
  name: string;
  description: string;
  notional: boolean;
  /** Epoch as a normalised ISO-8601 UTC string and as milliseconds since 1970-01-01T00:00:00Z. */
  epoch: string;
  epochMs: number;
  /** Seconds. */
  duration: number;
  timeStep: number;
  seed: number;
  forces: Force[];
  assets: Asset[];
  sensors: Sensor[];
  batteries: Battery[];
  threats: Threat[];
  raids: Raid[];
  jammers: Jammer[];
  doctrine: { default: Doctrine; forces: Record<string, Doctrine> };
  /** The catalog as used by this scenario (built-in + local entries; without per-entity overrides). */
  catalog: Catalog;
}
