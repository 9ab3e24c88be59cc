/**
 * Ground radars: the radar range equation (or a catalog calibration point), exact detection
 * probability, measurement noise that scales with SNR and beamwidth, field of regard, horizon
 * masking on the 4/3 Earth, a notional low-altitude clutter/MTI penalty, noise jamming, false
 * alarms as a Poisson process over the surveillance volume, revisit and track capacity.
 * Equations, defaults and sources: docs/models/sensors.md ("Radar").
 */
import { EARTH_MEAN_RADIUS, ecefToGeodeticInto, horizonRange, localFrame, rayClearance, type LocalFrame } from '../geo/index.js';
import type { Rng } from '../math/index.js';
import { mat } from '../math/index.js';
import { detectionCurve, fromDb, requiredSnrDb, toDb, type DetectionCurve, type SwerlingCase } from './detection.js';
import { BOLTZMANN, SPEED_OF_LIGHT, beamPatternGain, jammerAffects, jammingToNoise, type JammerEmitter } from './jamming.js';
import type { SensorSpec } from './spec.js';
import type { Detection, SensorTarget } from './types.js';

const TWO_PI = 2 * Math.PI;
const FOUR_PI_CUBED = Math.pow(4 * Math.PI, 3);
const DEG = Math.PI / 180;

/** Effective-Earth-radius factor for radar propagation in the standard atmosphere. */
export const RADAR_K = 4 / 3;

/**
 * Radar horizon range (m) between an antenna at `antennaHeight` and a target at `targetHeight`
 * (m above the surface) over an Earth of effective radius k·R (k = 4/3 by default, R = mean
 * radius 6 371 008.8 m): √(2kR·h₁) + √(2kR·h₂), i.e. 4.12·(√h₁ + √h₂) km with h in metres
 * (Skolnik, "Introduction to Radar Systems", 3rd ed., ch. 8 on propagation; geo/horizon.ts).
 */
export function radarHorizonRange(p: { antennaHeight: number; targetHeight?: number; k?: number }): number {
  return horizonRange(p.antennaHeight, p.targetHeight ?? 0, p.k ?? RADAR_K);
}

/** Inputs of the radar range equation (SI; gains and losses in dB as catalogs give them). */
export interface RangeEquationInput {
  /** Peak transmitted power, W. */
  peakPower: number;
  /** Antenna gain (transmit = receive), dBi. */
  gainDb: number;
  /** Carrier frequency, Hz (λ = c/f). */
  frequency: number;
  /** Receiver noise bandwidth, Hz (matched filter: pulse energy / N₀ = peak SNR at Bτ = 1). */
  bandwidth: number;
  /** Receiver noise figure, dB, and reference temperature T₀, K. */
  noiseFigureDb: number;
  noiseTemperature: number;
  /** Total system losses, dB. */
  lossesDb: number;
  /** Pulses integrated coherently before detection (SNR × Nc), default 1. */
  coherentPulses?: number;
  /** Target radar cross section, m², and range, m. */
  rcs: number;
  range: number;
}

/**
 * Single-look SNR from the radar range equation (Skolnik, "Introduction to Radar Systems", 3rd
 * ed., ch. 2, with the receiver noise k·T₀·F·B; Richards, "Fundamentals of Radar Signal
 * Processing", ch. 2):
 *     SNR = P_t · G² · λ² · σ · N_c / ((4π)³ · R⁴ · k · T₀ · F · B · L)
 */
export function rangeEquationSnr(p: RangeEquationInput): number {
  return rangeEquationConstant(p) * p.rcs / Math.pow(p.range, 4);
}

/** The constant C of SNR = C·σ/R⁴ for a range-equation radar (m⁴/m² · linear). */
export function rangeEquationConstant(p: Omit<RangeEquationInput, 'rcs' | 'range'>): number {
  const lambda = SPEED_OF_LIGHT / p.frequency;
  const g = fromDb(p.gainDb);
  const noise = BOLTZMANN * p.noiseTemperature * fromDb(p.noiseFigureDb) * p.bandwidth;
  return (p.peakPower * g * g * lambda * lambda * (p.coherentPulses ?? 1)) / (FOUR_PI_CUBED * noise * fromDb(p.lossesDb));
}

/**
 * The constant C of SNR = C·σ/R⁴ from a calibration point "detects σ₀ at R₀ with probability
 * Pd at false-alarm probability Pfa": C = SNR_req(Pd, Pfa, Swerling, N) · R₀⁴ / σ₀.
 */
export function calibrationConstant(c: { rcs: number; range: number; pd: number; pfa: number }, swerling: SwerlingCase = 0, pulses = 1): number {
  const snrRef = fromDb(requiredSnrDb({ pd: c.pd, pfa: c.pfa, swerling, pulses }));
  return (snrRef * Math.pow(c.range, 4)) / c.rcs;
}

/**
 * 3 dB beamwidth (rad) of a pencil beam of gain G (linear) by the rule of thumb
 * G ≈ 26 000 / (θ_az° · θ_el°), θ_az = θ_el: an ideal beam filling θ·φ would have
 * D = 41 253/(θ°·φ°) (square degrees in a sphere); taper and efficiency bring practical
 * antennas to ≈ 26 000–32 000 (a common rule of thumb in radar texts).
 */
export function beamwidthFromGain(gain: number): number {
  return Math.sqrt(26_000 / gain) * DEG;
}

/** Notional low-altitude clutter / MTI model (docs/models/sensors.md, "Clutter and MTI"). */
export interface ClutterModel {
  /** Targets below this height above the ellipsoid are in the clutter region, m (default 1000). */
  height: number;
  /** Half-width of the MTI clutter notch in radial speed, m/s (default 15). */
  notchSpeed: number;
  /** Largest attenuation inside the notch, dB (default 40). */
  maxLossDb: number;
  /** Loss applied to every target in the clutter region (MTI improvement limit), dB (default 0). */
  residualLossDb: number;
}

export const DEFAULT_CLUTTER: ClutterModel = { height: 1000, notchSpeed: 15, maxLossDb: 40, residualLossDb: 0 };

/**
 * Attenuation (dB, ≥ 0) of a target in the clutter region by the MTI filter: a two-pulse
 * canceller's power response rises as (v_r/v_n)² near zero Doppler (Skolnik 3rd ed., ch. 3,
 * |H(f_d)|² = 4 sin²(π f_d T) ≈ (2π f_d T)²), normalised to 0 dB at the notch edge v_n:
 *     L = min(L_max, −20·log10(|v_r|/v_n)) for |v_r| < v_n, else 0; plus the residual loss.
 * Targets above the clutter height are not attenuated.
 */
export function clutterLossDb(model: ClutterModel, height: number, radialSpeed: number): number {
  if (!(height < model.height)) return 0;
  const v = Math.abs(radialSpeed);
  let notch = 0;
  if (v < model.notchSpeed) notch = v > 0 ? Math.min(model.maxLossDb, -20 * Math.log10(v / model.notchSpeed)) : model.maxLossDb;
  return notch + model.residualLossDb;
}

/** Options a caller may set per radar (defaults in brackets; docs/models/sensors.md). */
export interface RadarOptions {
  /** Target fluctuation model assumed by the detection law [0: nonfluctuating, aspect-independent RCS]. */
  swerling?: SwerlingCase;
  /** Pulses integrated noncoherently per look [1]. */
  pulses?: number;
  /** Pulses integrated coherently per look (range-equation radars only) [1]. */
  coherentPulses?: number;
  /** False-alarm probability per resolution cell [calibration pfa, else 1e-6]. */
  pfa?: number;
  /** Effective-Earth-radius factor for horizon masking [4/3]. */
  k?: number;
  /** Minimum and maximum (instrumented) range, m [radar: 500 m, early warning: 10 km; 1.5 × reference range]. */
  minRange?: number;
  maxRange?: number;
  /** Antenna gain when the type gives none, dBi [38]. */
  defaultGainDb?: number;
  /** Receiver bandwidth when the type gives none, Hz [1 MHz]. */
  defaultBandwidth?: number;
  /** Carrier frequency when the type gives none, Hz [3 GHz]. */
  defaultFrequency?: number;
  /** Monopulse slope k_m in σ_θ = θ₃/(k_m √(2·SNR)) [1.6]. */
  monopulseSlope?: number;
  /** Angle noise floor as a fraction of the beamwidth [0.01]; range noise floor, m [1]. */
  angleFloorFraction?: number;
  rangeFloor?: number;
  /** Average sidelobe level for jamming received off the beam axis, dB [−30]. */
  sidelobeDb?: number;
  /** Clutter/MTI model, or false to switch it off [DEFAULT_CLUTTER]. */
  clutter?: Partial<ClutterModel> | false;
  /** Generate false alarms [true]. */
  falseAlarms?: boolean;
  /** Time of the first scan, s [a uniform draw in [0, revisit) from the radar's stream]. */
  firstScan?: number;
  /** Forces whose jammers do not affect this radar (own force and allies) [own force]; the radar takes their cues. */
  friendlyForces?: Iterable<string>;
  /** Pulses integrated noncoherently in a cued dwell [CUED_DWELL_PULSES; at least `pulses`]. */
  cuedPulses?: number;
  /** Fraction of the scan time the radar gives to cued dwells [CUE_TIME_FRACTION]. */
  cueTimeFraction?: number;
}

/**
 * Pulses of a cued dwell (noncoherent integration), default. A phased array handed a cue
 * schedules a dwell of many pulses on each beam position of the cue's volume instead of the
 * search's single look: 16 pulses (a typical burst; tracking dwells of early-warning arrays are
 * of this order) give ≈ 9.0 dB of noncoherent integration gain at Pd 0.5, Pfa 1e-6 on a
 * nonfluctuating target — R_cued/R_search = (gain)^(1/4) ≈ 1.67 (docs/models/sensors.md,
 * "Cued search").
 */
export const CUED_DWELL_PULSES = 16;
/**
 * Fraction of the radar's time given to cued dwells, default. Multifunction and early-warning
 * arrays split their time between search and track/cued dwells; a quarter for cues leaves the
 * search frame three quarters of its beam positions per revisit (notional).
 */
export const CUE_TIME_FRACTION = 0.25;
/** χ² (3 dof) bound of a cue's acquisition volume: P = 0.99. */
export const CUE_GATE = 11.344866730144373;
/** χ² (2 dof) bound of a cue's angular extent seen from the radar: P = 0.99. */
const CUE_GATE_2D = 9.210340371976184;

/**
 * A predicted acquisition volume handed to a radar (structurally track/'s `TrackCue`; sense/ sits
 * below track/ in the layer order and so names its own type).
 */
export interface RadarCue {
  id: string;
  /** Force whose sensors made the cue (the radar serves its own force's and its allies' cues). */
  force: string;
  /** Time of `state`, s. */
  t: number;
  /** ECEF [x, y, z, vx, vy, vz] at t (m, m/s) and its 6×6 covariance (row-major). */
  state: ArrayLike<number>;
  covariance: ArrayLike<number>;
}

/** A cue the radar serves at one scan: predicted position, inverse position covariance, beams. */
interface ServedCue {
  cue: RadarCue;
  position: Float64Array;
  L: Float64Array;
  inverse: Float64Array;
  beams: number;
  rangeCells: number;
}

/** A radar's resolved parameters (plain numbers; see `radarModel`). */
export interface RadarModel {
  id: string;
  force: string;
  kind: string;
  site: { lat: number; lon: number; h: number };
  frequency: number;
  wavelength: number;
  /** SNR = snrConstant · σ / R⁴ (linear, per pulse after coherent integration). */
  snrConstant: number;
  snrSource: 'equation' | 'calibration';
  pfa: number;
  swerling: SwerlingCase;
  pulses: number;
  /** Antenna gain (linear), 3 dB beamwidth (rad), receiver bandwidth (Hz), noise figure (linear), T₀ (K). */
  gain: number;
  beamwidth: number;
  bandwidth: number;
  noiseFigure: number;
  noiseTemperature: number;
  boresight: number;
  sectorWidth: number;
  elevationMin: number;
  elevationMax: number;
  minRange: number;
  maxRange: number;
  revisit: number;
  maxTracks: number;
  k: number;
  /** Fixed measurement sigmas from the catalog (null: derived from SNR). */
  rangeSigma: number | null;
  angleSigma: number | null;
  rangeRateSigma: number | null;
  monopulseSlope: number;
  angleFloor: number;
  rangeFloor: number;
  sidelobeDb: number;
  clutter: ClutterModel | null;
  /** Range resolution c/(2B), m; resolution cells in the surveillance volume; mean false alarms per scan. */
  rangeResolution: number;
  resolutionCells: number;
  falseAlarmsPerScan: number;
  friendlyForces: ReadonlySet<string>;
  /** Pulses per cued dwell; beam positions the scan's time budget allows for cued dwells. */
  cuedPulses: number;
  cueBeamBudget: number;
}

function positive(name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive finite number, got ${v}`);
  return v;
}

/** Resolves a scenario radar (structural `SensorSpec`) and options into a `RadarModel`. */
export function radarModel(sensor: SensorSpec, options: RadarOptions = {}): RadarModel {
  const type = sensor.type;
  if (!sensor.location) throw new RangeError(`radar ${sensor.id} has no location`);
  const swerling = options.swerling ?? 0;
  const pulses = options.pulses ?? 1;
  const eq = type.radarEquation;
  const cal = type.calibration;
  if (!eq && !cal) throw new RangeError(`radar ${sensor.id}: the type needs a calibration point or the radar-equation parameters`);
  const frequency = positive(`radar ${sensor.id} frequency`, eq?.frequency ?? type.frequency ?? options.defaultFrequency ?? 3e9);
  const gainDb = eq?.gainDb ?? type.gainDb ?? options.defaultGainDb ?? 38;
  const bandwidth = positive(`radar ${sensor.id} bandwidth`, eq?.bandwidth ?? type.bandwidth ?? options.defaultBandwidth ?? 1e6);
  const noiseFigureDb = eq?.noiseFigureDb ?? type.noiseFigureDb;
  const noiseTemperature = eq?.noiseTemperature ?? type.noiseTemperature;
  const pfa = options.pfa ?? cal?.pfa ?? 1e-6;
  let snrConstant: number;
  let referenceRange: number;
  if (eq) {
    snrConstant = rangeEquationConstant({ ...eq, ...(options.coherentPulses !== undefined ? { coherentPulses: options.coherentPulses } : {}) });
    // Reference: 1 m² at Pd 0.9.
    referenceRange = Math.pow((snrConstant * 1) / fromDb(requiredSnrDb({ pd: 0.9, pfa, swerling, pulses })), 0.25);
  } else {
    snrConstant = calibrationConstant({ ...cal!, pfa: cal!.pfa }, swerling, pulses);
    referenceRange = cal!.range;
  }
  const gain = fromDb(gainDb);
  const beamwidth = beamwidthFromGain(gain);
  const earlyWarning = sensor.kind === 'early-warning-radar';
  const minRange = options.minRange ?? (earlyWarning ? 10_000 : 500);
  const maxRange = options.maxRange ?? 1.5 * referenceRange;
  if (!(maxRange > minRange)) throw new RangeError(`radar ${sensor.id}: maxRange ${maxRange} m must exceed minRange ${minRange} m`);
  const sectorWidth = Math.min(TWO_PI, sensor.sector.width);
  const elevationMin = sensor.sector.elevationMin;
  const elevationMax = sensor.sector.elevationMax;
  const rangeResolution = SPEED_OF_LIGHT / (2 * bandwidth);
  // Resolution cells of the surveillance volume: range cells × azimuth beams × elevation beams.
  const resolutionCells =
    Math.ceil((maxRange - minRange) / rangeResolution) *
    Math.max(1, Math.ceil(sectorWidth / beamwidth)) *
    Math.max(1, Math.ceil((elevationMax - elevationMin) / beamwidth));
  const clutter = options.clutter === false ? null : { ...DEFAULT_CLUTTER, ...(options.clutter ?? {}) };
  // Cued dwells: the time of f·(search beam positions × search pulses) pulses, in dwells of N_c pulses.
  const cuedPulses = Math.max(pulses, Math.round(options.cuedPulses ?? CUED_DWELL_PULSES));
  const searchBeams = Math.max(1, Math.ceil(sectorWidth / beamwidth)) * Math.max(1, Math.ceil((elevationMax - elevationMin) / beamwidth));
  const cueTimeFraction = options.cueTimeFraction ?? CUE_TIME_FRACTION;
  if (!(cueTimeFraction >= 0 && cueTimeFraction <= 1)) throw new RangeError(`radar ${sensor.id}: cueTimeFraction must be in [0, 1], got ${cueTimeFraction}`);
  const cueBeamBudget = Math.floor((cueTimeFraction * searchBeams * pulses) / cuedPulses);
  return {
    id: sensor.id,
    force: sensor.force,
    kind: sensor.kind,
    site: { ...sensor.location },
    frequency,
    wavelength: SPEED_OF_LIGHT / frequency,
    snrConstant,
    snrSource: eq ? 'equation' : 'calibration',
    pfa,
    swerling,
    pulses,
    gain,
    beamwidth,
    bandwidth,
    noiseFigure: fromDb(noiseFigureDb),
    noiseTemperature,
    boresight: sensor.boresight,
    sectorWidth,
    elevationMin,
    elevationMax,
    minRange,
    maxRange,
    revisit: positive(`radar ${sensor.id} revisit`, sensor.revisit),
    maxTracks: sensor.maxTracks,
    k: options.k ?? RADAR_K,
    rangeSigma: type.rangeSigma,
    angleSigma: type.angleSigma,
    rangeRateSigma: type.rangeRateSigma,
    monopulseSlope: options.monopulseSlope ?? 1.6,
    angleFloor: (options.angleFloorFraction ?? 0.01) * beamwidth,
    rangeFloor: options.rangeFloor ?? 1,
    sidelobeDb: options.sidelobeDb ?? -30,
    clutter,
    rangeResolution,
    resolutionCells,
    falseAlarmsPerScan: options.falseAlarms === false ? 0 : resolutionCells * pfa,
    friendlyForces: new Set([sensor.force, ...(options.friendlyForces ?? [])]),
    cuedPulses,
    cueBeamBudget,
  };
}

/** SNR (linear, per pulse) of a target of RCS σ (m²) at range R (m) for a radar model. */
export function radarSnr(model: Pick<RadarModel, 'snrConstant'>, rcs: number, range: number): number {
  const r2 = range * range;
  return (model.snrConstant * rcs) / (r2 * r2);
}

/** Free-space detection range (m) of RCS σ with probability pd (no horizon, no jamming). */
export function detectionRange(model: Pick<RadarModel, 'snrConstant' | 'pfa' | 'swerling' | 'pulses'>, rcs: number, pd = 0.5): number {
  const x = fromDb(requiredSnrDb({ pd, pfa: model.pfa, swerling: model.swerling, pulses: model.pulses }));
  return Math.pow((model.snrConstant * rcs) / x, 0.25);
}

/** Standard deviations of one radar measurement (range m, azimuth rad, elevation rad). */
export function measurementSigmas(
  model: Pick<RadarModel, 'rangeSigma' | 'angleSigma' | 'bandwidth' | 'beamwidth' | 'monopulseSlope' | 'angleFloor' | 'rangeFloor'>,
  snr: number,
  elevation: number,
  out: Float64Array = new Float64Array(3),
): Float64Array {
  // σ_R = c/(2B·√(2·SNR)): the matched-filter range accuracy δR = c/(2B·√(2E/N₀)) (Skolnik,
  // "Introduction to Radar Systems", 3rd ed., ch. 6), with a floor, root-sum-square.
  const s2 = 2 * Math.max(snr, 1e-6);
  const sqrt2snr = Math.sqrt(s2);
  const rThermal = SPEED_OF_LIGHT / (2 * model.bandwidth * sqrt2snr);
  const sigmaR = model.rangeSigma ?? Math.sqrt(rThermal * rThermal + model.rangeFloor * model.rangeFloor);
  // σ_θ = θ₃/(k_m·√(2·SNR)) monopulse angle noise (Barton, "Radar System Analysis and Modeling",
  // 2005; Sherman & Barton,
  // "Monopulse Principles and Techniques", 2nd ed.), floored; azimuth error grows 1/cos(el).
  const aThermal = model.beamwidth / (model.monopulseSlope * sqrt2snr);
  const sigmaTheta = model.angleSigma ?? Math.sqrt(aThermal * aThermal + model.angleFloor * model.angleFloor);
  out[0] = sigmaR;
  out[1] = sigmaTheta / Math.max(Math.cos(elevation), 0.05);
  out[2] = sigmaTheta;
  return out;
}

/**
 * Path length over which refraction bends a radar ray, m: the 4/3-Earth ray reaches 10 km height
 * after √(2·kR⊕·10 km) ≈ 412 km at grazing incidence; above, the air is too thin to bend it.
 */
export const REFRACTION_PATH = 412_000;

/**
 * Apparent (refracted) elevation of a target at geometric elevation `elevation` and range R:
 * on the k-Earth a ray bends by (1 − 1/k)/R⊕ per metre, so the target looks higher by
 * L·(1 − 1/k)/(2R⊕) with L = min(R, REFRACTION_PATH) — at most 0.46° for k = 4/3, the order of
 * the astronomical refraction at the horizon (≈ 0.57°), so a target in space is not lifted by
 * degrees as the unbounded k-model would (Skolnik 3rd ed., ch. 8; Doerry, "Earth curvature and
 * atmospheric refraction effects on radar signal propagation", Sandia SAND2012-10690, 2013).
 * Field-of-regard limits apply to the apparent elevation; measurements report the geometric one.
 */
export function apparentElevation(elevation: number, range: number, k: number): number {
  const path = range < REFRACTION_PATH ? range : REFRACTION_PATH;
  return elevation + (path * (1 - 1 / k)) / (2 * EARTH_MEAN_RADIUS);
}

/** Wraps an angle to [0, 2π). */
export function wrapTwoPi(a: number): number {
  a %= TWO_PI;
  return a < 0 ? a + TWO_PI : a;
}

/** Wraps an angle to (−π, π]. */
export function wrapPi(a: number): number {
  a = wrapTwoPi(a);
  return a > Math.PI ? a - TWO_PI : a;
}

/** What one scan of a radar produced (for the detection-summary event). */
export interface ScanSummary {
  t: number;
  sensorId: string;
  /** Targets inside the coverage (field of regard, range, horizon) this scan. */
  inCoverage: number;
  detections: number;
  falseAlarms: number;
  strobes: number;
  /** Active jammers affecting the radar this scan. */
  jammers: number;
  /** Detections dropped because the scan exceeded the track capacity. */
  dropped: number;
  /** Cues served with a cued dwell this scan, and target detections made in cued dwells. */
  cues: number;
  cuedDetections: number;
}

/**
 * A radar with its state: its RNG stream and the time of its next scan. `observe(t, …)` scans
 * when a scan is due (t ≥ next scan time; then the next is one revisit later) and returns that
 * scan's detections; between scans it returns [].
 */
export class RadarSensor {
  readonly model: RadarModel;
  readonly frame: LocalFrame;
  readonly curve: DetectionCurve;
  /** Time of the next scan, s. */
  nextScan: number;
  /** Summary of the latest scan (undefined before the first). */
  lastScan: ScanSummary | undefined;
  /** J/N (linear) a jammer must reach in the main beam to be reported as a strobe. */
  readonly strobeThreshold: number;
  /** Detection law of a cued dwell (N_c pulses noncoherently integrated). */
  readonly cuedCurve: DetectionCurve;
  /** Cues handed over by `cue` (served at the next scans while they last). */
  private cueList: readonly RadarCue[] = [];
  private readonly rng: Rng;
  private readonly enu = new Float64Array(3);
  private readonly sig = new Float64Array(3);
  private readonly geod = new Float64Array(3);
  private readonly jam: { ux: number; uy: number; uz: number; jn: number; az: number; el: number; range: number; jammer: JammerEmitter }[] = [];

  constructor(model: RadarModel, rng: Rng, firstScan?: number) {
    this.model = model;
    this.rng = rng;
    this.frame = localFrame(model.site);
    this.curve = detectionCurve({ pfa: model.pfa, swerling: model.swerling, pulses: model.pulses });
    this.nextScan = firstScan ?? rng.uniform() * model.revisit;
    this.strobeThreshold = fromDb(requiredSnrDb({ pd: 0.5, pfa: model.pfa, swerling: 0, pulses: model.pulses }));
    this.cuedCurve = detectionCurve({ pfa: model.pfa, swerling: model.swerling, pulses: model.cuedPulses });
  }

  /**
   * Hand the radar cues (predicted acquisition volumes, e.g. from space-IR tracks) made at time t.
   * They replace the previous cues; cues of forces outside the radar's friendly forces are
   * ignored. At each scan the radar serves the cues whose 3σ volume (predicted to the scan time)
   * reaches its field of regard above the horizon, cheapest first, within its track capacity and
   * cued-dwell time budget (`RadarModel.cueBeamBudget` beam positions per scan).
   */
  cue(cues: readonly RadarCue[], _t: number): void {
    this.cueList = cues.filter((c) => this.model.friendlyForces.has(c.force));
  }

  /** Whether an ECEF point is in the coverage: range, apparent elevation, sector, horizon. */
  covers(p: ArrayLike<number>): boolean {
    const m = this.model;
    const o = this.frame.origin;
    const rot = this.frame.rotation;
    const dx = p[0] - o[0], dy = p[1] - o[1], dz = p[2] - o[2];
    const e = rot[0] * dx + rot[1] * dy + rot[2] * dz;
    const n = rot[3] * dx + rot[4] * dy + rot[5] * dz;
    const u = rot[6] * dx + rot[7] * dy + rot[8] * dz;
    const horiz = Math.sqrt(e * e + n * n);
    const range = Math.sqrt(horiz * horiz + u * u);
    if (range < m.minRange || range > m.maxRange) return false;
    const elApp = apparentElevation(Math.atan2(u, horiz), range, m.k);
    if (elApp < m.elevationMin || elApp > m.elevationMax) return false;
    if (!this.inSector(wrapTwoPi(Math.atan2(e, n)))) return false;
    return rayClearance(o, p, m.k) >= 0;
  }

  /**
   * The cues served at a scan at t. Each cue's position and covariance are predicted to t at
   * constant velocity (P_pp + Δ(P_pv + P_vp) + Δ²P_vv); it is servable if its centre or one of the
   * six points centre ± 3·(Cholesky column) on its 3σ ellipsoid is in the coverage. Its cost is
   * the beam positions covering its angular extent seen from the radar: the χ²₂(0.99) ellipse of
   * the position covariance projected across the line of sight, π·9.21·√det(Σ_⊥)/R², over one
   * beam position θ₃² (beams spaced a beamwidth apart). Served cheapest first (then by id) while
   * the beam budget and the track capacity last.
   */
  servedCues(t: number): ServedCue[] {
    const m = this.model;
    const o = this.frame.origin;
    const cand: ServedCue[] = [];
    const q = new Float64Array(3);
    for (const c of this.cueList) {
      const dt = t - c.t;
      const x = c.state, C = c.covariance;
      const position = new Float64Array([x[0] + dt * x[3], x[1] + dt * x[4], x[2] + dt * x[5]]);
      const P = new Float64Array(9);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          P[3 * i + j] = C[6 * i + j] + dt * (C[6 * i + 3 + j] + C[6 * (3 + i) + j]) + dt * dt * C[6 * (3 + i) + 3 + j];
        }
      }
      const L = new Float64Array(9);
      if (!mat.choleskyInto(L, P, 3)) continue;
      let visible = this.covers(position);
      for (let k = 0; k < 6 && !visible; k++) {
        const col = k >> 1, sgn = k & 1 ? -3 : 3;
        for (let i = 0; i < 3; i++) q[i] = position[i] + sgn * L[3 * i + col];
        visible = this.covers(q);
      }
      if (!visible) continue;
      // Angular extent across the LOS: orthonormal e1, e2 ⊥ û.
      const dx = position[0] - o[0], dy = position[1] - o[1], dz = position[2] - o[2];
      const R = Math.hypot(dx, dy, dz);
      const u = [dx / R, dy / R, dz / R];
      const a = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
      let e1 = [u[1] * a[2] - u[2] * a[1], u[2] * a[0] - u[0] * a[2], u[0] * a[1] - u[1] * a[0]];
      const n1 = Math.hypot(e1[0], e1[1], e1[2]);
      e1 = e1.map((v) => v / n1);
      const e2 = [u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0]];
      const quad = (v: number[], w: number[]): number => {
        let s = 0;
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += v[i] * P[3 * i + j] * w[j];
        return s;
      };
      const s11 = quad(e1, e1), s22 = quad(e2, e2), s12 = quad(e1, e2);
      const area = (Math.PI * CUE_GATE_2D * Math.sqrt(Math.max(0, s11 * s22 - s12 * s12))) / (R * R);
      const beams = Math.max(1, Math.ceil(area / (m.beamwidth * m.beamwidth)));
      const sigmaR = Math.sqrt(quad(u, u));
      const rangeCells = Math.max(1, Math.ceil((2 * Math.sqrt(CUE_GATE) * sigmaR) / m.rangeResolution));
      cand.push({ cue: c, position, L, inverse: mat.choleskyInverseInto(new Float64Array(9), L, 3), beams, rangeCells });
    }
    cand.sort((p1, p2) => p1.beams - p2.beams || (p1.cue.id < p2.cue.id ? -1 : p1.cue.id > p2.cue.id ? 1 : 0));
    const served: ServedCue[] = [];
    let budget = m.cueBeamBudget;
    for (const c of cand) {
      if (served.length >= m.maxTracks) break;
      if (c.beams > budget) continue;
      budget -= c.beams;
      served.push(c);
    }
    return served;
  }

  get id(): string {
    return this.model.id;
  }

  /** Whether an azimuth (rad) is inside the face's sector. */
  inSector(azimuth: number): boolean {
    if (this.model.sectorWidth >= TWO_PI) return true;
    return Math.abs(wrapPi(azimuth - this.model.boresight)) <= this.model.sectorWidth / 2;
  }

  /** Scan if one is due at t; return its detections (see the class comment). */
  observe(t: number, targets: readonly SensorTarget[], jammers: readonly JammerEmitter[] = []): Detection[] {
    if (t < this.nextScan) return [];
    const revisit = this.model.revisit;
    // Next scan one revisit after the due time (keeps the scan phase; skips missed scans).
    this.nextScan += revisit * Math.max(1, Math.floor((t - this.nextScan) / revisit) + 1);
    return this.scan(t, targets, jammers);
  }

  /** One scan at time t, unconditionally. */
  scan(t: number, targets: readonly SensorTarget[], jammers: readonly JammerEmitter[] = []): Detection[] {
    const m = this.model;
    const f = this.frame;
    const o = f.origin;
    const rot = f.rotation;
    const rng = this.rng;
    const out: Detection[] = [];
    const sensorPosition: [number, number, number] = [o[0], o[1], o[2]];

    // Jammers working against this radar and above its horizon: main-beam J/N and direction.
    this.jam.length = 0;
    for (const j of jammers) {
      if (!jammerAffects(j, { id: m.id, frequency: m.frequency, bandwidth: m.bandwidth, friendlyForces: m.friendlyForces })) continue;
      if (rayClearance(o, j.position, m.k) < 0) continue;
      const dx = j.position[0] - o[0];
      const dy = j.position[1] - o[1];
      const dz = j.position[2] - o[2];
      const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (!(range > 0)) continue;
      const jn = jammingToNoise({
        erp: j.erp, jammerBandwidth: j.bandwidth, range, frequency: m.frequency, receiveGain: m.gain,
        receiverBandwidth: m.bandwidth, noiseFigure: m.noiseFigure, noiseTemperature: m.noiseTemperature,
      });
      const e = rot[0] * dx + rot[1] * dy + rot[2] * dz;
      const n = rot[3] * dx + rot[4] * dy + rot[5] * dz;
      const u = rot[6] * dx + rot[7] * dy + rot[8] * dz;
      this.jam.push({ ux: dx / range, uy: dy / range, uz: dz / range, jn, az: wrapTwoPi(Math.atan2(e, n)), el: Math.atan2(u, Math.hypot(e, n)), range, jammer: j });
    }

    const served = this.cueList.length > 0 ? this.servedCues(t) : [];
    let cuedDetections = 0;
    let inCoverage = 0;
    const enu = this.enu;
    for (let i = 0; i < targets.length; i++) {
      const tg = targets[i];
      const s = tg.state;
      const dx = s[0] - o[0];
      const dy = s[1] - o[1];
      const dz = s[2] - o[2];
      enu[0] = rot[0] * dx + rot[1] * dy + rot[2] * dz;
      enu[1] = rot[3] * dx + rot[4] * dy + rot[5] * dz;
      enu[2] = rot[6] * dx + rot[7] * dy + rot[8] * dz;
      const horiz = Math.sqrt(enu[0] * enu[0] + enu[1] * enu[1]);
      const range = Math.sqrt(horiz * horiz + enu[2] * enu[2]);
      if (range < m.minRange || range > m.maxRange) continue;
      const el = Math.atan2(enu[2], horiz);
      const elApp = apparentElevation(el, range, m.k);
      if (elApp < m.elevationMin || elApp > m.elevationMax) continue;
      let az = Math.atan2(enu[0], enu[1]);
      if (az < 0) az += TWO_PI;
      if (!this.inSector(az)) continue;
      if (rayClearance(o, s, m.k) < 0) continue; // below the radar horizon (k-Earth)
      inCoverage++;
      const radialSpeed = (dx * s[3] + dy * s[4] + dz * s[5]) / range;
      let snr = radarSnr(m, tg.rcs, range);
      if (m.clutter) {
        ecefToGeodeticInto(this.geod, s);
        const loss = clutterLossDb(m.clutter, this.geod[2], radialSpeed);
        if (loss > 0) snr /= fromDb(loss);
      }
      if (this.jam.length > 0) {
        const ux = dx / range, uy = dy / range, uz = dz / range;
        let jn = 0;
        for (const j of this.jam) {
          const c = ux * j.ux + uy * j.uy + uz * j.uz;
          const psi = Math.acos(c > 1 ? 1 : c < -1 ? -1 : c);
          jn += j.jn * beamPatternGain(psi, m.beamwidth, m.sidelobeDb);
        }
        snr /= 1 + jn; // SJNR = S/(N + J)
      }
      // A target inside a served cue's volume (χ²₃ ≤ CUE_GATE) gets the cued dwell instead of
      // the search look: N_c pulses at the same per-pulse SNR (and N_c/N times the look's energy).
      let cued = false;
      for (let c = 0; c < served.length && !cued; c++) {
        const sc = served[c];
        const v0 = s[0] - sc.position[0], v1 = s[1] - sc.position[1], v2 = s[2] - sc.position[2];
        const Pi = sc.inverse;
        const d2 = v0 * (Pi[0] * v0 + Pi[1] * v1 + Pi[2] * v2) + v1 * (Pi[3] * v0 + Pi[4] * v1 + Pi[5] * v2) + v2 * (Pi[6] * v0 + Pi[7] * v1 + Pi[8] * v2);
        cued = d2 <= CUE_GATE;
      }
      const pd = (cued ? this.cuedCurve : this.curve).pdLinear(snr);
      if (!(rng.uniform() < pd)) continue;
      if (cued) {
        const d = this.measure(t, sensorPosition, range, az, el, radialSpeed, (snr * m.cuedPulses) / m.pulses, tg.id);
        d.cued = true;
        out.push(d);
        cuedDetections++;
      } else out.push(this.measure(t, sensorPosition, range, az, el, radialSpeed, snr, tg.id));
    }
    const detections = out.length;

    // False alarms: Poisson(cells × Pfa) per scan, uniform over the (range, azimuth, elevation)
    // resolution cells of the surveillance volume (CFAR: unchanged by jamming).
    let falseAlarms = 0;
    if (m.falseAlarmsPerScan > 0) {
      falseAlarms = rng.poisson(m.falseAlarmsPerScan);
      for (let k = 0; k < falseAlarms; k++) {
        const range = rng.uniformRange(m.minRange, m.maxRange);
        const az = wrapTwoPi(m.sectorWidth >= TWO_PI ? rng.uniform() * TWO_PI : m.boresight + (rng.uniform() - 0.5) * m.sectorWidth);
        const el = rng.uniformRange(m.elevationMin, m.elevationMax);
        // The statistic exceeded the threshold by an Exp(1) amount (memoryless noise tail, exact
        // for N = 1); the radar's SNR estimate is that excess over the noise mean.
        const snr = Math.max((this.curve.threshold + rng.exponential(1)) / m.pulses - 1, 1);
        out.push(this.measure(t, sensorPosition, range, az, el, 0, snr, null));
      }
      // Cued dwells test their own cells at the same Pfa: Poisson(beams × range cells × Pfa) more
      // false alarms per served cue, placed by the cue's Gaussian.
      for (const sc of served) {
        const n = rng.poisson(sc.beams * sc.rangeCells * m.pfa);
        for (let k = 0; k < n; k++) {
          const g0 = rng.normal(0, 1), g1 = rng.normal(0, 1), g2 = rng.normal(0, 1);
          const L = sc.L;
          const dx = sc.position[0] + L[0] * g0 - o[0];
          const dy = sc.position[1] + L[3] * g0 + L[4] * g1 - o[1];
          const dz = sc.position[2] + L[6] * g0 + L[7] * g1 + L[8] * g2 - o[2];
          const e = rot[0] * dx + rot[1] * dy + rot[2] * dz;
          const nn = rot[3] * dx + rot[4] * dy + rot[5] * dz;
          const uu = rot[6] * dx + rot[7] * dy + rot[8] * dz;
          const range = Math.sqrt(e * e + nn * nn + uu * uu);
          const snr = Math.max((this.cuedCurve.threshold + rng.exponential(1)) / m.cuedPulses - 1, 1);
          const d = this.measure(t, sensorPosition, range, wrapTwoPi(Math.atan2(e, nn)), Math.atan2(uu, Math.hypot(e, nn)), 0, snr, null);
          d.cued = true;
          out.push(d);
          falseAlarms++;
        }
      }
    }

    // Strobes on jammers strong enough to see, inside the field of regard.
    let strobes = 0;
    for (const j of this.jam) {
      if (j.jn < this.strobeThreshold) continue;
      const elApp = apparentElevation(j.el, j.range, m.k);
      if (elApp < m.elevationMin || elApp > m.elevationMax || !this.inSector(j.az)) continue;
      measurementSigmas(m, j.jn, j.el, this.sig);
      const sa = this.sig[1];
      const se = this.sig[2];
      const z = new Float64Array([wrapTwoPi(j.az + rng.normal(0, sa)), j.el + rng.normal(0, se)]);
      const R = new Float64Array([sa * sa, 0, 0, se * se]);
      out.push({ t, sensorId: m.id, kind: 'strobe', z, R, sensorPosition, snr: j.jn, truthId: j.jammer.carrier ?? j.jammer.id });
      strobes++;
    }

    // Track capacity: keep the strongest maxTracks reports.
    let dropped = 0;
    if (out.length > m.maxTracks) {
      out.sort((a, b) => (b.snr ?? 0) - (a.snr ?? 0));
      dropped = out.length - m.maxTracks;
      out.length = m.maxTracks;
    }
    this.lastScan = { t, sensorId: m.id, inCoverage, detections, falseAlarms, strobes, jammers: this.jam.length, dropped, cues: served.length, cuedDetections };
    return out;
  }

  private measure(
    t: number,
    sensorPosition: [number, number, number],
    range: number,
    az: number,
    el: number,
    radialSpeed: number,
    snr: number,
    truthId: string | null,
  ): Detection {
    const m = this.model;
    const rng = this.rng;
    measurementSigmas(m, snr, el, this.sig);
    const sr = this.sig[0];
    const sa = this.sig[1];
    const se = this.sig[2];
    const doppler = m.rangeRateSigma !== null;
    const dim = doppler ? 4 : 3;
    const z = new Float64Array(dim);
    const R = new Float64Array(dim * dim);
    z[0] = range + rng.normal(0, sr);
    z[1] = wrapTwoPi(az + rng.normal(0, sa));
    z[2] = el + rng.normal(0, se);
    R[0] = sr * sr;
    R[dim + 1] = sa * sa;
    R[2 * dim + 2] = se * se;
    if (doppler) {
      const sv = m.rangeRateSigma!;
      z[3] = radialSpeed + rng.normal(0, sv);
      R[15] = sv * sv;
    }
    return { t, sensorId: m.id, kind: doppler ? 'raer' : 'rae', z, R, sensorPosition, snr, truthId };
  }
}

/** Detection SNR of a look in dB (helper for reports). */
export function snrDb(d: { snr?: number }): number {
  return d.snr !== undefined && d.snr > 0 ? toDb(d.snr) : -Infinity;
}
