/**
 * Hypersonic glide vehicle (Flyer kind 'glide'), DF-17 class: a rocket boost (flight-A's
 * `BoostVehicle`, vertical rise, pitch kick, gravity turn) releases a lifting body that falls
 * into the atmosphere, pulls up into an equilibrium glide, turns with bank angle toward its
 * aimpoint (or flies scripted maneuvers: dogleg, weave of bank reversals, pull-up/skip) and
 * dives onto the aimpoint; speed bleeds by drag all the way.
 *
 * Point-mass equations (ECEF; dynamics.ts supplies gravity with J2, Coriolis, centrifugal and the
 * drag −ρ|v|v/(2β)); this file adds the lift and sets β from the drag polar:
 *   L = ½ρv²·S·C_L along l̂ = cos σ·n̂ + sin σ·(v̂ × n̂),  n̂ = unit(r̂ − (r̂·v̂)v̂)
 *   (the lift axis in the vertical plane, rotated by the bank angle σ, positive = right turn;
 *   r̂ the geocentric vertical), D = ½ρv²·S·C_D(C_L), β = m/(C_D·S).
 * Drag polar (NOTIONAL): either constant lift-to-drag C_D = |C_L|/(L/D) (used to check the
 * closed form) or parabolic C_D = C_D0 + K·C_L², K = 1/(4·C_D0·(L/D)max²), whose best L/D
 * (L/D)max is reached at C_L* = √(C_D0/K) (Anderson, "Introduction to Flight", §6.7).
 * Controls (updated every `controlStep` s, held in between — zero-order hold — and flown with
 * RK4 on a fixed grid; the whole trajectory is deterministic and computed once at construction):
 *  - Equilibrium glide with altitude-rate damping: C_L = C_L,nom·(1 − c·ḣ/g_eff),
 *    g_eff = g − v_h²/r (gravity less the centrifugal relief of the horizontal speed), where the
 *    phugoid of the equilibrium glide has ω² ≈ g_eff/H_ρ (density scale height H_ρ ≈ 7 km) and
 *    c = 2ζω with ζ = 0.7. At fixed C_L the vehicle settles where q·S·C_L·cos σ = m·g_eff (the
 *    equilibrium-glide condition of Eggers, Allen & Neice, NACA TR-1382, 1958).
 *  - Heading: bank σ = clamp(k_ψ·Δψ, ±σ_max), Δψ the error between the velocity azimuth and the
 *    great-circle azimuth to the aimpoint (lateral guidance toward the aimpoint).
 *  - Scenario maneuvers override the bank (dogleg: fixed σ for a duration; weave: ±σ reversed every
 *    half period) or the lift (pull-up: C_L = C_L,max for a duration, a skip).
 *  - Terminal dive: once the line of sight to the aimpoint is `terminalDiveAngle` below the local
 *    horizontal, pure PN (N′ = 3) toward the aimpoint with gravity compensation, realised by lift:
 *    C_L = m|a_c|/(qS) ≤ C_L,max and σ = the direction of a_c about v̂.
 * Equilibrium-glide range (checked in the tests): with constant L/D, v̇ = −D/m = −g_eff/(L/D),
 *   R = (L/D)·(r/2)·ln[(g·r − v_f²)/(g·r − v0²)] → (L/D)·(Re/2)·ln(1/(1 − v0²/(g·Re))) for v_f → 0
 * (Eggers, Allen & Neice 1958; Hankey, "Hypersonic Lift-Drag Vehicles", 1988, ch. 2).
 * Impact: the downward crossing of the aimpoint height, by Brent's method on the step's Hermite
 * interpolant.
 */
import { UserError } from '../errors.js';
import {
  EARTH_MEAN_RADIUS,
  densityAt,
  ecefToGeodeticInto,
  enuRotationInto,
  geodesicInverse,
  greatCircleAzimuth,
} from '../geo/index.js';
import {
  BoostVehicle,
  type BoostVehicleSpec,
  boostSegments,
  totalBurnTime,
} from './boost.js';
import { DRAG_CEILING, PointMassDynamics, TRUTH_EARTH, type EarthOptions, type Vehicle } from './dynamics.js';
import { proportionalNavigation } from './guidance.js';
import { type BurnoutConditions, burnoutStateInto } from './impact.js';
import { Rk4, brentRoot } from './integrator.js';
import { hermiteInto } from './interceptor.js';
import type { GeoPoint } from './route.js';
import type { FlightStatus, Flyer, ImpactPoint } from './types.js';

const DEG = Math.PI / 180;

/** Drag polar of the glide body. */
export type GlidePolar =
  | { kind: 'constant-ld'; liftToDrag: number }
  | { kind: 'parabolic'; cd0: number; liftToDragMax: number };

/** When a maneuver starts: seconds after launch, or when the ground range to the aimpoint drops below a value (m). */
export type ManeuverTrigger = { time: number } | { rangeToGo: number };

/** Scripted lateral/vertical maneuvers of the glide phase (scenario `maneuver`). */
export type GlideManeuver =
  /** Fixed bank (rad, + = right) for `duration` s: a dogleg off the direct path. */
  | { kind: 'dogleg'; start: ManeuverTrigger; duration: number; bank: number }
  /** Bank ±`bank` reversed every half `period` for `duration` s: an S-weave. */
  | { kind: 'weave'; start: ManeuverTrigger; duration: number; bank: number; period: number }
  /** Maximum lift for `duration` s: pull-up / skip. */
  | { kind: 'pull-up'; start: ManeuverTrigger; duration: number };

/** NOTIONAL glide vehicle parameters (see the header and docs/models/flight.md). */
export interface GlideParameters {
  /** Glide body mass (kg) and reference area (m²). */
  mass: number;
  referenceArea: number;
  polar: GlidePolar;
  /** Largest lift coefficient. */
  clMax: number;
  /** Trim lift coefficient of the equilibrium glide (default: C_L* of best L/D). */
  nominalCl?: number;
  /** Largest bank angle (rad) of the lateral guidance. */
  maxBank: number;
  /** Bank per radian of heading error. */
  headingGain: number;
  /** Damping ratio of the altitude-rate loop and density scale height (m) used to size it. */
  dampingRatio: number;
  scaleHeight: number;
  /** Terminal dive starts when the aimpoint is this far below the horizon (rad). */
  terminalDiveAngle: number;
  /** Speed (m/s) the range control plans to arrive with at the start of the dive. */
  terminalSpeed: number;
  /** Heading-error deadband (rad) before a bank reversal. */
  reversalDeadband: number;
  /** Control update and integration step (s). */
  controlStep: number;
  /** The booster (flight-A's boost model). */
  booster: BoostVehicleSpec;
  /**
   * Pitch kick from the vertical (rad), by range to the aimpoint: `kickAngleLong` at and beyond
   * `kickRangeLong` m (a higher, longer release arc), `kickAngleShort` at and below `kickRangeShort`
   * (a depressed boost that stays in the air, where the glide can bleed energy), linear between.
   */
  kickAngleShort: number;
  kickAngleLong: number;
  kickRangeShort: number;
  kickRangeLong: number;
}

/** Catalog fields read for a glide type. */
export interface GlideType {
  id: string;
  max_speed_m_s: number;
  max_range_m?: number | null;
}

/**
 * DF-17 class (NOTIONAL): a single-stage solid booster (DF-16-class, ~15 t) and a ~2 t glide body
 * with (L/D)max 2.6 (the brief's 2.5–3 class), C_D0 0.05, 4.5 m² reference area (equilibrium
 * glide at 35–50 km); burnout ~3.3 km/s (catalog max 3.4 km/s) with a 35–50° kick chosen by
 * range (`kickAngleFor`). Numbers are project assumptions, order of magnitude only.
 */
export const DF17: Readonly<GlideParameters> = Object.freeze({
  mass: 2000,
  referenceArea: 4.5,
  polar: { kind: 'parabolic', cd0: 0.05, liftToDragMax: 2.6 } as GlidePolar,
  clMax: 1.0,
  maxBank: 60 * DEG,
  headingGain: 2,
  dampingRatio: 0.7,
  scaleHeight: 7000,
  terminalDiveAngle: 30 * DEG,
  terminalSpeed: 1500,
  reversalDeadband: 5 * DEG,
  controlStep: 0.25,
  booster: {
    stages: [{ propellantMass: 11_500, inertMass: 1_300, burnTime: 65, specificImpulse: 265 }],
    payloadMass: 2000,
    diameter: 0.9,
    dragCoefficient: 0.3,
    verticalRiseTime: 4,
    pitchOverTime: 5,
  },
  kickAngleShort: 50 * DEG,
  kickAngleLong: 35 * DEG,
  kickRangeShort: 800_000,
  kickRangeLong: 1_500_000,
});

/** The pitch kick for an aimpoint `range` m away (see GlideParameters). */
export function kickAngleFor(p: GlideParameters, range: number): number {
  const f = Math.min(1, Math.max(0, (range - p.kickRangeShort) / (p.kickRangeLong - p.kickRangeShort)));
  return p.kickAngleShort + f * (p.kickAngleLong - p.kickAngleShort);
}

/** The trim C_L and the drag coefficient at a given C_L for a polar. */
export function dragCoefficient(polar: GlidePolar, cl: number): number {
  if (polar.kind === 'constant-ld') return Math.abs(cl) / polar.liftToDrag;
  const k = 1 / (4 * polar.cd0 * polar.liftToDragMax ** 2);
  return polar.cd0 + k * cl * cl;
}

/** C_L of best L/D (parabolic polar); for constant L/D any C_L — returns `fallback`. */
export function bestLiftCoefficient(polar: GlidePolar, fallback = 0.3): number {
  if (polar.kind === 'constant-ld') return fallback;
  const k = 1 / (4 * polar.cd0 * polar.liftToDragMax ** 2);
  return Math.sqrt(polar.cd0 / k);
}

/** Equilibrium-glide ground range (m) from v0 down to vf (constant L/D, radius r, gravity g). */
export function equilibriumGlideRange(liftToDrag: number, v0: number, vf: number, g: number, r: number): number {
  return liftToDrag * (r / 2) * Math.log((g * r - vf * vf) / (g * r - v0 * v0));
}

/** Lift as the "thrust" of the point-mass dynamics, with the drag figure from the polar. */
class GlideBody implements Vehicle {
  cl = 0;
  bank = 0;
  private readonly polar: GlidePolar;
  private invCdS = Infinity;
  constructor(
    private readonly mass: number,
    private readonly area: number,
    polar: GlidePolar,
    private readonly density: (h: number) => number,
    private readonly height: (y: Float64Array) => number,
  ) {
    this.polar = polar;
  }

  setControls(cl: number, bank: number): void {
    this.cl = cl;
    this.bank = bank;
    const cd = dragCoefficient(this.polar, cl);
    this.invCdS = cd > 0 ? 1 / (cd * this.area) : Infinity;
  }

  ballisticCoefficient(): number {
    return this.mass * this.invCdS;
  }

  addThrust(_t: number, y: Float64Array, acc: Float64Array): void {
    if (this.cl === 0) return;
    const h = this.height(y);
    if (h > DRAG_CEILING) return;
    const vx = y[3], vy = y[4], vz = y[5];
    const v2 = vx * vx + vy * vy + vz * vz;
    const v = Math.sqrt(v2);
    if (v < 1) return;
    const L = (0.5 * this.density(h) * v2 * this.area * this.cl) / this.mass;
    liftAxisInto(liftAxis, y, this.bank);
    acc[0] += L * liftAxis[0];
    acc[1] += L * liftAxis[1];
    acc[2] += L * liftAxis[2];
  }
}

const liftAxis = new Float64Array(3);
const basis = new Float64Array(6);

/** Lift-plane basis at state y: n̂ (up in the vertical plane ⟂ v̂) into b[0..2], ŝ = v̂ × n̂ (right) into b[3..5]. */
function liftBasisInto(b: Float64Array, y: ArrayLike<number>): void {
  const x = y[0], yy = y[1], z = y[2];
  const r = Math.sqrt(x * x + yy * yy + z * z);
  const ux = x / r, uy = yy / r, uz = z / r;
  const v = Math.sqrt(y[3] * y[3] + y[4] * y[4] + y[5] * y[5]);
  const wx = y[3] / v, wy = y[4] / v, wz = y[5] / v;
  const d = ux * wx + uy * wy + uz * wz;
  let nx = ux - d * wx, ny = uy - d * wy, nz = uz - d * wz;
  const nn = Math.sqrt(nx * nx + ny * ny + nz * nz) || 1;
  nx /= nn; ny /= nn; nz /= nn;
  b[0] = nx; b[1] = ny; b[2] = nz;
  b[3] = wy * nz - wz * ny;
  b[4] = wz * nx - wx * nz;
  b[5] = wx * ny - wy * nx;
}

function liftAxisInto(out: Float64Array, y: ArrayLike<number>, bank: number): void {
  liftBasisInto(basis, y);
  const c = Math.cos(bank), s = Math.sin(bank);
  out[0] = c * basis[0] + s * basis[3];
  out[1] = c * basis[1] + s * basis[4];
  out[2] = c * basis[2] + s * basis[5];
}

export interface GlideOptions {
  id: string;
  /** Launch time, seconds since the scenario epoch. */
  launchTime: number;
  /** Launch site (rad, m). Ignored when `release` is given. */
  launch: GeoPoint;
  /** Aimpoint (rad, m). */
  aimpoint: GeoPoint;
  /** Scripted maneuvers of the glide phase. */
  maneuvers?: readonly GlideManeuver[];
  /**
   * A documented release state instead of the boost: the glide body appears at `launchTime` with
   * these burnout conditions (lat/lon/altitude/speed/flight-path angle/azimuth).
   */
  release?: BurnoutConditions;
  /** Parameter overrides (default: DF17). */
  parameters?: Partial<GlideParameters>;
  /** Earth model (default the truth Earth). */
  earth?: EarthOptions;
  /** Disable the terminal dive (tests of the glide alone). */
  terminal?: boolean;
  /** Disable range control by bank modulation (tests of the plain equilibrium glide). */
  rangeControl?: boolean;
  /** Stop the flight when the speed falls below this (m/s; default 0: fly to the ground). */
  minimumSpeed?: number;
  /** Longest flight (s, default 3 h). */
  maxFlightTime?: number;
}

/** Summary of a computed glide trajectory. */
export interface GlideSummary {
  /** Release (burnout or given) time since launch (s) and speed (m/s). */
  releaseTime: number;
  releaseSpeed: number;
  /** Ground range from launch (or release) to the end point (m). */
  groundRange: number;
  /** Time of the end since launch (s) and why it ended. */
  endTime: number;
  end: 'impact' | 'minimum-speed' | 'time-limit';
  /** Maximum lateral (cross-range) offset from the launch–aimpoint geodesic reached (m). */
  maxCrossRange: number;
}

/** A hypersonic glide vehicle: trajectory precomputed at construction; `advance` interpolates. */
export class GlideVehicle implements Flyer {
  readonly kind = 'glide' as const;
  readonly state = new Float64Array(6);
  readonly summary: GlideSummary;
  /** Step times since launch, states (6 per step) and phase index per step interval. */
  readonly times: Float64Array;
  readonly states: Float64Array;
  readonly stepPhase: Uint8Array;
  readonly phases: readonly string[];
  private _time: number;
  private _status: FlightStatus = 'pending';
  private _phase = 'pending';
  private _impact: ImpactPoint | undefined;
  private cursor = 0;
  private readonly releaseTime: number;
  private readonly ended: 'impact' | 'minimum-speed' | 'time-limit';

  constructor(readonly id: string, readonly launchTime: number, traj: GlideTrajectory) {
    this.times = traj.times;
    this.states = traj.states;
    this.stepPhase = traj.phase;
    this.phases = traj.phases;
    this.summary = traj.summary;
    this.releaseTime = traj.summary.releaseTime;
    this.ended = traj.summary.end;
    for (let i = 0; i < 6; i++) this.state[i] = this.states[i];
    if (traj.boosted) { this.state[3] = 0; this.state[4] = 0; this.state[5] = 0; }
    this._time = launchTime;
  }

  get time(): number { return this._time; }
  get status(): FlightStatus { return this._status; }
  get phase(): string { return this._phase; }
  get thrusting(): boolean { return this._status === 'flying' && this._time - this.launchTime < this.releaseTime; }
  get impact(): ImpactPoint | undefined { return this._impact; }

  advance(t: number): FlightStatus {
    if (this._status === 'impact' || this._status === 'destroyed') {
      this._time = Math.max(this._time, t);
      return this._status;
    }
    this._time = t;
    if (t < this.launchTime) return this._status;
    const tau = t - this.launchTime;
    const n = this.times.length;
    const tEnd = this.times[n - 1];
    if (tau >= tEnd) {
      for (let i = 0; i < 6; i++) this.state[i] = this.states[6 * (n - 1) + i];
      const s = this.state;
      if (this.ended === 'impact') {
        this._status = 'impact';
        this._phase = 'impact';
        const g = ecefToGeodeticInto(new Float64Array(3), s);
        this._impact = {
          t: this.launchTime + tEnd, lat: g[0], lon: g[1], h: g[2],
          position: [s[0], s[1], s[2]], velocity: [s[3], s[4], s[5]],
        };
      } else {
        this._status = 'destroyed';
        this._phase = this.ended;
      }
      return this._status;
    }
    this._status = 'flying';
    let k = this.cursor;
    while (k < n - 2 && tau > this.times[k + 1]) k++;
    while (k > 0 && tau < this.times[k]) k--;
    this.cursor = k;
    const h = this.times[k + 1] - this.times[k];
    hermiteInto(this.state, this.states, this.states, h, (tau - this.times[k]) / h, 6 * k, 6 * k + 6);
    this._phase = this.phases[this.stepPhase[k]];
    return this._status;
  }

  destroy(t: number): void {
    if (this._status === 'impact' || this._status === 'destroyed') return;
    if (t > this._time && this.advance(t) !== 'flying') return;
    this._status = 'destroyed';
    this._phase = 'destroyed';
    this.state[3] = 0; this.state[4] = 0; this.state[5] = 0;
  }
}

interface GlideTrajectory {
  times: Float64Array;
  states: Float64Array;
  phase: Uint8Array;
  phases: string[];
  summary: GlideSummary;
  boosted: boolean;
}

/** Flies a glide vehicle (boost or release, glide, maneuvers, terminal) and tabulates the states. */
export function flyGlide(options: GlideOptions): GlideTrajectory {
  const p: GlideParameters = { ...DF17, ...(options.parameters ?? {}) };
  const earthOpts = options.earth ?? TRUTH_EARTH;
  const atm = earthOpts.atmosphere;
  const density = atm.kind === 'none' ? () => 0
    : atm.kind === 'exponential' ? (h: number) => atm.density0 * Math.exp(-h / atm.scaleHeight)
    : densityAt;
  const phases: string[] = [];
  const phaseId = (name: string): number => {
    const i = phases.indexOf(name);
    if (i >= 0) return i;
    phases.push(name);
    return phases.length - 1;
  };
  const times: number[] = [];
  const states: number[] = [];
  const stepPhase: number[] = [];
  const y = new Float64Array(6);
  const push = (t: number) => {
    times.push(t);
    for (let i = 0; i < 6; i++) states.push(y[i]);
  };
  const aim = options.aimpoint;
  const aimH = aim.h ?? 0;
  let releaseTime = 0;
  let boosted = false;
  let dyn: PointMassDynamics;

  // ---- Boost (flight-A's BoostVehicle) or the given release state.
  if (options.release) {
    const tmp = new PointMassDynamics(earthOpts, { ballisticCoefficient: () => Infinity });
    burnoutStateInto(y, tmp, options.release);
    push(0);
  } else {
    boosted = true;
    const L = options.launch;
    const geod = geodesicInverse(L.lat, L.lon, aim.lat, aim.lon);
    const cutoff = totalBurnTime(p.booster);
    const m = enuRotationInto(new Float64Array(9), L.lat, L.lon);
    const program = { kickAngle: kickAngleFor(p, geod.distance), azimuth: geod.azimuth1, cutoffTime: cutoff };
    const booster = new BoostVehicle(p.booster, program,
      m.subarray(6, 9), m.subarray(0, 3), m.subarray(3, 6));
    dyn = new PointMassDynamics(earthOpts, booster);
    dyn.earth.positionInto(y, L.lat, L.lon, L.h ?? 0, 0);
    const rk = new Rk4(dyn.derivative, 6);
    push(0);
    const boostPhase = phaseId('boost');
    let t = 0;
    for (const seg of boostSegments(p.booster, cutoff)) {
      booster.setSegment(seg);
      const n = Math.max(1, Math.ceil((seg.end - seg.start) / p.controlStep));
      const h = (seg.end - seg.start) / n;
      for (let i = 0; i < n; i++) {
        rk.step(t, y, h, y);
        t = seg.start + (i + 1) * h;
        stepPhase.push(boostPhase);
        push(t);
      }
    }
    releaseTime = t;
  }
  const releaseSpeed = Math.hypot(y[3], y[4], y[5]);

  // ---- Glide.
  const nominalCl = p.nominalCl ?? bestLiftCoefficient(p.polar);
  const body = new GlideBody(p.mass, p.referenceArea, p.polar, density, (yy) => dyn.earth.height(yy, 0));
  dyn = new PointMassDynamics(earthOpts, body);
  const earth = dyn.earth;
  const rk = new Rk4(dyn.derivative, 6);
  const maneuvers = options.maneuvers ?? [];
  const maneuverStart = maneuvers.map(() => NaN);
  const terminalEnabled = options.terminal ?? true;
  const minSpeed = options.minimumSpeed ?? 0;
  const tMax = options.maxFlightTime ?? 3 * 3600;
  const geo = new Float64Array(3);
  const aimEcef = earth.positionInto(new Float64Array(3), aim.lat, aim.lon, aimH, 0);
  const rel = new Float64Array(6);
  const cmd = new Float64Array(3);
  const g = new Float64Array(3);
  const prev = new Float64Array(6);
  const tmp = new Float64Array(6);
  let terminal = false;
  let bankSign = 1;
  const rangeControl = options.rangeControl ?? true;
  const ldNominal = p.polar.kind === 'constant-ld' ? p.polar.liftToDrag
    : nominalCl / dragCoefficient(p.polar, nominalCl);
  let t = releaseTime;
  let end: GlideSummary['end'] = 'time-limit';
  let maxCross = 0;
  const start = options.release ? options.release : options.launch;
  // Cross-track distance from the great circle launch → aimpoint (spherical; reporting only).
  const baseAz = greatCircleAzimuth(start.lat, start.lon, aim.lat, aim.lon);
  const gr = (lat: number, lon: number): number => earth.surfaceDistance(start.lat, start.lon, lat, lon);
  while (t < tMax) {
    earth.surfaceCoordinatesInto(geo, y, 0);
    const lat = geo[0], lon = geo[1], h = geo[2];
    const r = Math.hypot(y[0], y[1], y[2]);
    const v = Math.hypot(y[3], y[4], y[5]);
    const ux = y[0] / r, uy = y[1] / r, uz = y[2] / r;
    const hdot = y[3] * ux + y[4] * uy + y[5] * uz;
    const vh2 = Math.max(0, v * v - hdot * hdot);
    earth.gravityInto(g, y, 0);
    const gmag = Math.hypot(g[0], g[1], g[2]);
    const gEff = Math.max(0.5, gmag - vh2 / r);
    const rangeToGo = earth.surfaceDistance(lat, lon, aim.lat, aim.lon);
    // Cross-range from the initial geodesic (spherical approximation of the along/cross split).
    const d0 = gr(lat, lon);
    if (d0 > 1) {
      const az = greatCircleAzimuth(start.lat, start.lon, lat, lon);
      const R0 = EARTH_MEAN_RADIUS;
      maxCross = Math.max(maxCross, Math.abs(R0 * Math.asin(Math.sin(d0 / R0) * Math.sin(az - baseAz))));
    }
    // Terminal switch: aimpoint at least terminalDiveAngle below the horizon.
    for (let i = 0; i < 3; i++) rel[i] = aimEcef[i] - y[i];
    const dist = Math.hypot(rel[0], rel[1], rel[2]);
    const depression = -Math.asin((rel[0] * ux + rel[1] * uy + rel[2] * uz) / dist);
    if (terminalEnabled && !terminal && depression >= p.terminalDiveAngle && h < DRAG_CEILING) terminal = true;
    const q = 0.5 * density(h) * v * v;
    let cl = 0, bank = 0;
    let phaseName = 'glide';
    if (terminal) {
      phaseName = 'terminal';
      rel[3] = -y[3]; rel[4] = -y[4]; rel[5] = -y[5];
      proportionalNavigation(cmd, 0, rel, y, 3, 3, 'pure');
      cmd[0] -= g[0]; cmd[1] -= g[1]; cmd[2] -= g[2];
      liftBasisInto(basis, y);
      const an = cmd[0] * basis[0] + cmd[1] * basis[1] + cmd[2] * basis[2];
      const as = cmd[0] * basis[3] + cmd[1] * basis[4] + cmd[2] * basis[5];
      const a = Math.hypot(an, as);
      cl = q > 0 ? Math.min(p.clMax, (p.mass * a) / (q * p.referenceArea)) : 0;
      bank = Math.atan2(as, an);
    } else {
      // Lateral guidance toward the aimpoint, with range control by bank magnitude: the
      // equilibrium-glide range still available from speed v down to the terminal speed, with
      // the vertical L/D reduced to (L/D)·cos σ, should match the range to go (the classical
      // bank-modulation of entry guidance; reversals keep the heading error inside a deadband).
      const azAim = greatCircleAzimuth(lat, lon, aim.lat, aim.lon);
      const m = enuRotationInto(tmp9, lat, lon);
      const ve = m[0] * y[3] + m[1] * y[4] + m[2] * y[5];
      const vn = m[3] * y[3] + m[4] * y[4] + m[5] * y[5];
      let dpsi = azAim - Math.atan2(ve, vn);
      dpsi = Math.atan2(Math.sin(dpsi), Math.cos(dpsi));
      let sigmaRange = 0;
      if (rangeControl && v > p.terminalSpeed) {
        const gr0 = gmag * r;
        const available = ldNominal * (r / 2) * Math.log((gr0 - p.terminalSpeed ** 2) / Math.max(1, gr0 - v * v));
        const needed = Math.max(0, rangeToGo - terminalAllowance(h, p));
        if (available > needed && available > 0) sigmaRange = Math.min(p.maxBank, Math.acos(Math.max(0, needed / available)));
      }
      if (Math.abs(dpsi) > p.reversalDeadband && Math.sign(dpsi) !== bankSign) bankSign = Math.sign(dpsi) || 1;
      const headingBank = Math.max(-p.maxBank, Math.min(p.maxBank, p.headingGain * dpsi));
      bank = sigmaRange > Math.abs(headingBank) ? bankSign * sigmaRange : headingBank;
      if (sigmaRange <= Math.abs(headingBank)) bankSign = Math.sign(headingBank) || bankSign;
      // Equilibrium glide with altitude-rate damping.
      const omega = Math.sqrt(gEff / p.scaleHeight);
      cl = nominalCl * (1 - (2 * p.dampingRatio * omega * hdot) / gEff);
      // Scenario maneuvers.
      const tau = t;
      for (let i = 0; i < maneuvers.length; i++) {
        const mv = maneuvers[i];
        if (Number.isNaN(maneuverStart[i])) {
          const trig = mv.start;
          if (('time' in trig && tau >= trig.time) || ('rangeToGo' in trig && rangeToGo <= trig.rangeToGo)) {
            maneuverStart[i] = tau;
          }
        }
        const s0 = maneuverStart[i];
        if (!Number.isNaN(s0) && tau < s0 + mv.duration) {
          phaseName = mv.kind;
          if (mv.kind === 'dogleg') bank = mv.bank;
          else if (mv.kind === 'weave') bank = Math.floor((2 * (tau - s0)) / mv.period) % 2 === 0 ? mv.bank : -mv.bank;
          else cl = p.clMax;
        }
      }
      cl = Math.max(-p.clMax, Math.min(p.clMax, cl));
    }
    body.setControls(cl, bank);
    prev.set(y);
    const hStep = p.controlStep;
    rk.step(t, y, hStep, y);
    const h1 = earth.height(y, 0) - aimH;
    stepPhase.push(phaseId(phaseName));
    if (h1 < 0 && h - aimH >= 0) {
      // Impact inside the step: Brent on the Hermite height.
      const height = (s: number): number => earth.height(hermiteInto(tmp, prev, y, hStep, s), 0) - aimH;
      const s = brentRoot(height, 0, 1, height(0), height(1), 1e-12);
      hermiteInto(y, prev, y.slice(), hStep, s);
      t += s * hStep;
      push(t);
      end = 'impact';
      break;
    }
    t += hStep;
    push(t);
    if (Math.hypot(y[3], y[4], y[5]) < minSpeed) {
      end = 'minimum-speed';
      break;
    }
  }
  earth.surfaceCoordinatesInto(geo, y, 0);
  if (times.length < 2) throw new UserError(`${options.id}: the glide trajectory has no steps`);
  return {
    times: Float64Array.from(times),
    states: Float64Array.from(states),
    phase: Uint8Array.from(stepPhase),
    phases,
    boosted,
    summary: {
      releaseTime,
      releaseSpeed,
      groundRange: gr(geo[0], geo[1]),
      endTime: t,
      end,
      maxCrossRange: maxCross,
    },
  };
}

const tmp9 = new Float64Array(9);

/** Ground range covered by the terminal dive from height h (m): h·cot(dive angle). */
function terminalAllowance(h: number, p: GlideParameters): number {
  return Math.max(0, h) / Math.tan(p.terminalDiveAngle);
}

/**
 * A hypersonic glide vehicle of catalog type `type` (e.g. 'df-17') flying `options`. The
 * trajectory is computed once here (deterministic); a `UserError` reports an aimpoint beyond the
 * type's catalog range.
 */
export function glideVehicle(type: GlideType, options: GlideOptions): GlideVehicle {
  if (!Number.isFinite(options.launchTime)) throw new UserError(`${options.id}: launch time must be finite`);
  const from = options.release ?? options.launch;
  const range = geodesicInverse(from.lat, from.lon, options.aimpoint.lat, options.aimpoint.lon).distance;
  if (type.max_range_m != null && range > type.max_range_m) {
    throw new UserError(
      `${options.id}: aimpoint ${(range / 1000).toFixed(0)} km away exceeds the ${type.id} maximum range ` +
        `${(type.max_range_m / 1000).toFixed(0)} km`,
    );
  }
  return new GlideVehicle(options.id, options.launchTime, flyGlide(options));
}
