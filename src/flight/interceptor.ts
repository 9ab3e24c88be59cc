/**
 * Interceptors (Flyer kind 'interceptor'): a point mass flying out from its launcher under thrust,
 * gravity (J2), Earth rotation terms and drag (US Standard Atmosphere 1976), steered by
 * proportional navigation toward the target's ESTIMATED state — a callback the engagement
 * supplies (track + uplink/seeker error); the interceptor never sees the truth.
 *
 * Equations of motion (ECEF; the same point-mass dynamics as every truth flyer, dynamics.ts):
 *   r̈ = g_J2(r) − 2ω×ṙ − ω×(ω×r) − ρ|ṙ|ṙ/(2β(t)) + (F/m(t))·t̂ + a_c
 *   m(t) = m0 − ṁ·t while the motor burns (t < t_b), F = I_sp·g0·ṁ (constant thrust),
 *   t̂ = v̂ (zero angle of attack: thrust along the velocity; along the launch direction until
 *   the missile moves), β(t) = m(t)/(C_D·A).
 * Launch: the autopilot holds the launch line for `guidanceDelay` s (thrust along it, everything
 * across it cancelled). Guidance (guidance.ts) then, every `guidanceStep` seconds, from the estimate at that instant,
 *   a_c = PN(N′, variant) − g_eff, then the component along v̂ removed (a missile steers, it
 *   cannot push along its path) and the magnitude limited to
 *   a_max = min(a_struct, max(q·A·C_N,max/m, a_divert)),
 * held constant (zero-order hold) over the step — as a flight computer updates its command.
 * The −g_eff term is gravity compensation (Zarchan ch. 2/14): PN then homes as in zero g.
 * Options for free-falling targets and kill vehicles (docs/models/flight.md §12):
 * `targetInFreeFall` compensates only the difference of the two free falls,
 *   a_c = PN + [g_eff(r_T) − 2ω×v_T] − [g_eff(r_M) − 2ω×v_M];
 * `seekerLock` (the kill vehicle's own seeker holds the target) makes the guidance terminal PN
 * after burnout whatever the time to go, with the command normal to the line of sight (divert
 * thrusters normal to a body pointed at the target) instead of normal to the velocity.
 * The command is re-projected ⟂ v̂ inside the step. Integration: RK4 (integrator.ts) with the
 * guidance step, split exactly at burnout.
 *
 * Notional airframes. The catalog gives only the maximum speed; mass, diameter, burn time,
 * I_sp, C_D, g-limits are NOTIONAL order-of-magnitude values for the class (table below). The
 * propellant mass is then DERIVED so that a reference flyout (sea level, 45° N, launched north
 * along a straight line at the type's reference elevation, 60° unless noted — gravity and drag across the line cancelled by
 * steering, as a gravity-compensated guided missile does —, standard atmosphere) burns out at
 * exactly the catalog max speed (bisection on the propellant fraction). Burnout speed on other
 * lines differs by the gravity loss g·t_b·(sin θ − sin 60°) and by drag (the test checks ±5 %
 * on guided flyouts at typical geometries, test/flight/interceptor.test.ts). This is an equivalent single stage for multi-stage
 * interceptors (SM-3, GBI): documented as such, not a staging model.
 * Induced drag from maneuvering and Mach-dependence of C_D are not modelled.
 *
 * Events: ground impact by root finding on the cubic Hermite of the last step (status 'impact');
 * after passing the estimated target (closing velocity turns negative) the interceptor flies on
 * for `flybyGrace` seconds and self-destructs (status 'destroyed', phase 'self-destruct'); also
 * at `maxFlightTime`. The miss distance to the TRUE target is the engagement's business:
 * `closestApproachTo` gives it exactly over the internal steps of the last `advance`.
 */
import { UserError } from '../errors.js';
import {
  densityAt,
  ellipsoidHeight,
  ecefToGeodeticInto,
  enuRotationInto,
  geodeticToEcefInto,
} from '../geo/index.js';
import { PointMassDynamics, TRUTH_EARTH, type EarthOptions, type Vehicle } from './dynamics.js';
import {
  type ClosestApproach,
  type PnVariant,
  closestApproach,
  newClosestApproach,
  proportionalNavigation,
} from './guidance.js';
import { Rk4, brentRoot } from './integrator.js';
import type { GeoPoint } from './route.js';
import type { FlightStatus, Flyer, ImpactPoint } from './types.js';

const G0 = 9.80665;
const DEG = Math.PI / 180;

/** Fields of a catalog interceptor entry (shared/catalog.json `interceptors[]`) used here. */
export interface InterceptorType {
  id: string;
  max_speed_m_s: number;
  max_range_m?: number | null;
  min_range_m?: number | null;
  max_altitude_m?: number | null;
  min_altitude_m?: number | null;
}

/** NOTIONAL airframe, motor and guidance settings of an interceptor type. */
export interface InterceptorAirframe {
  /** Launch mass (kg). */
  launchMass: number;
  /** Body diameter (m); reference area A = πd²/4. */
  diameter: number;
  /** Zero-lift drag coefficient C_D (constant). */
  dragCoefficient: number;
  /** Specific impulse (s). */
  specificImpulse: number;
  /** Motor burn time (s) (all stages together for multi-stage types). */
  burnTime: number;
  /** Structural/autopilot lateral acceleration limit (m/s²). */
  maxLateralAcceleration: number;
  /** Largest normal-force coefficient (aerodynamic lateral limit q·A·C_N/m). */
  normalForceCoefficient: number;
  /** Lateral acceleration available without air (TVC, attitude-control motors, kill-vehicle divert) (m/s²). */
  divertAcceleration: number;
  /** Effective navigation ratio N′. */
  navigationConstant: number;
  pnVariant: PnVariant;
  /** Seconds after launch before guidance starts (vertical rise / canister exit). */
  guidanceDelay: number;
  /** Guidance update and integration step (s). */
  guidanceStep: number;
  /** Self-destruct after this flight time (s). */
  maxFlightTime: number;
  /** 'vertical' (VLS, cold launch) or 'inclined' (trainable launcher pointed at the target). */
  launchMode: 'vertical' | 'inclined';
  /** Inclined launchers: elevation above the line of sight to the estimate at launch (rad). */
  launchLoft: number;
  /** Launch elevation of the reference flyout that sizes the motor (rad), typical of the type. */
  referenceElevation: number;
  /** Flight after passing the estimated target before self-destruct (s). */
  flybyGrace: number;
  /**
   * Midcourse loft (trajectory shaping) for long shots: the midcourse aim point is raised above
   * the predicted intercept point by R_go·tan(loftAngle) while the time to go exceeds
   * 4·terminalTime, fading linearly to no loft at 2·terminalTime (rad; 0 = no loft).
   */
  loftAngle: number;
  /** Time to go (s) below which the interceptor flies terminal PN on the estimate. */
  terminalTime: number;
  /** Midcourse velocity-pursuit time constant τ (s): a = (V/τ)·(û_aim − v̂). */
  midcourseTimeConstant: number;
  /** Fraction of the max speed used as the mean speed when predicting the intercept point. */
  predictionSpeedFraction: number;
  /**
   * After burnout, below this fraction of the max speed the interceptor can no longer maneuver
   * usefully and self-destructs (phase 'stall'): the kinematic end of its envelope.
   */
  minimumSpeedFraction: number;
}

const g = (n: number) => n * G0;

/**
 * NOTIONAL airframes (order of magnitude from public descriptions: launch masses and diameters
 * as commonly published, e.g. Wikipedia's infoboxes; burn times, I_sp, C_D, g-limits and C_N are
 * project assumptions typical of the class). Not authoritative.
 */
export const NOTIONAL_AIRFRAMES: Readonly<Record<string, Partial<InterceptorAirframe>>> = {
  'pac3-mse': { launchMass: 370, diameter: 0.29, burnTime: 9, maxLateralAcceleration: g(50), divertAcceleration: g(15), launchMode: 'inclined' },
  'pac2-gemt': { launchMass: 900, diameter: 0.41, burnTime: 12, maxLateralAcceleration: g(30), divertAcceleration: 0, launchMode: 'inclined', loftAngle: 20 * DEG },
  thaad: { launchMass: 900, diameter: 0.34, burnTime: 17, maxLateralAcceleration: g(20), divertAcceleration: g(10), launchMode: 'inclined', launchLoft: 30 * DEG, guidanceStep: 0.05, loftAngle: 25 * DEG },
  'sm3-2a': { launchMass: 1500, diameter: 0.53, burnTime: 40, maxLateralAcceleration: g(10), divertAcceleration: g(5), launchMode: 'vertical', guidanceDelay: 20, guidanceStep: 0.1, maxFlightTime: 900 },
  sm6: { launchMass: 1500, diameter: 0.53, burnTime: 15, maxLateralAcceleration: g(30), divertAcceleration: 0, launchMode: 'vertical', guidanceDelay: 1.5, loftAngle: 25 * DEG },
  'gmd-gbi': { launchMass: 20000, diameter: 1.3, burnTime: 170, maxLateralAcceleration: g(8), divertAcceleration: g(3), launchMode: 'vertical', guidanceDelay: 8, guidanceStep: 0.2, maxFlightTime: 1800, specificImpulse: 280, referenceElevation: 20 * DEG },
  'nasams-amraam': { launchMass: 152, diameter: 0.178, burnTime: 8, maxLateralAcceleration: g(40), divertAcceleration: 0, launchMode: 'inclined' },
  'nasams-amraam-er': { launchMass: 300, diameter: 0.254, burnTime: 10, maxLateralAcceleration: g(40), divertAcceleration: 0, launchMode: 'inclined' },
  'iris-t-slm': { launchMass: 110, diameter: 0.152, burnTime: 7, maxLateralAcceleration: g(60), divertAcceleration: g(10), launchMode: 'vertical', guidanceDelay: 0.5 },
  's400-48n6': { launchMass: 1900, diameter: 0.515, burnTime: 12, maxLateralAcceleration: g(20), divertAcceleration: 0, launchMode: 'vertical', guidanceDelay: 1.5, loftAngle: 25 * DEG },
  's400-40n6': { launchMass: 1900, diameter: 0.575, burnTime: 20, maxLateralAcceleration: g(20), divertAcceleration: g(5), launchMode: 'vertical', guidanceDelay: 1.5, loftAngle: 25 * DEG },
  hq9: { launchMass: 1300, diameter: 0.47, burnTime: 12, maxLateralAcceleration: g(20), divertAcceleration: 0, launchMode: 'vertical', guidanceDelay: 1.5, loftAngle: 25 * DEG },
};

/** Defaults for fields a type's entry does not set. */
const DEFAULT_AIRFRAME: InterceptorAirframe = {
  launchMass: 500,
  diameter: 0.3,
  dragCoefficient: 0.3,
  specificImpulse: 250,
  burnTime: 10,
  maxLateralAcceleration: g(30),
  normalForceCoefficient: 8,
  divertAcceleration: 0,
  navigationConstant: 4,
  pnVariant: 'true',
  guidanceDelay: 0.5,
  guidanceStep: 0.02,
  maxFlightTime: 300,
  launchMode: 'inclined',
  launchLoft: 15 * DEG,
  referenceElevation: 60 * DEG,
  flybyGrace: 0.5,
  loftAngle: 0,
  terminalTime: 8,
  midcourseTimeConstant: 2,
  predictionSpeedFraction: 0.75,
  minimumSpeedFraction: 0.25,
};

/** The airframe an interceptor of this type flies with: defaults ← notional table ← overrides. */
export function interceptorAirframe(type: InterceptorType, overrides: Partial<InterceptorAirframe> = {}): InterceptorAirframe {
  if (type.id === 'gepard') {
    throw new UserError('gepard is a gun: its rounds are not modelled as guided interceptor flyouts');
  }
  return { ...DEFAULT_AIRFRAME, ...(NOTIONAL_AIRFRAMES[type.id] ?? {}), ...overrides };
}

/** The derived motor: what it takes to reach the catalog max speed (see the header). */
export interface InterceptorMotor {
  /** Propellant mass (kg) and its fraction of the launch mass. */
  propellantMass: number;
  propellantFraction: number;
  /** Mass flow (kg/s) and thrust (N). */
  massFlow: number;
  thrust: number;
  /** Mass at burnout (kg). */
  burnoutMass: number;
  /** Ideal (vacuum, no gravity) velocity increment I_sp·g0·ln(m0/m_b) (m/s). */
  idealDeltaV: number;
  /** Speed at burnout on the reference flyout (m/s) = the catalog max speed. */
  referenceBurnoutSpeed: number;
}

const REFERENCE_SITE: GeoPoint = { lat: 45 * DEG, lon: 0, h: 0 };

const motorCache = new Map<string, InterceptorMotor>();

function motorOf(a: InterceptorAirframe, propellantMass: number): InterceptorMotor {
  const massFlow = propellantMass / a.burnTime;
  const burnoutMass = a.launchMass - propellantMass;
  return {
    propellantMass,
    propellantFraction: propellantMass / a.launchMass,
    massFlow,
    thrust: a.specificImpulse * G0 * massFlow,
    burnoutMass,
    idealDeltaV: a.specificImpulse * G0 * Math.log(a.launchMass / burnoutMass),
    referenceBurnoutSpeed: NaN,
  };
}

/**
 * Speed at burnout of a straight-line flyout from `site` at `elevation` toward `azimuth` (gravity
 * and drag across the line cancelled by steering, as a gravity-compensated guided missile flying
 * at a point on that line), on `earth` (default: the truth Earth).
 */
export function burnoutSpeed(
  a: InterceptorAirframe, motor: InterceptorMotor, elevation: number,
  site: GeoPoint = REFERENCE_SITE, azimuth = 0, earth: EarthOptions = TRUTH_EARTH,
): number {
  const f = flyStraight(a, motor, elevation, site, azimuth, earth, a.burnTime);
  return Math.hypot(f[3], f[4], f[5]);
}

/** State after `duration` s of a straight-line flyout (see `burnoutSpeed`), for sizing and tests. */
export function flyStraight(
  a: InterceptorAirframe, motor: InterceptorMotor, elevation: number,
  site: GeoPoint, azimuth: number, earth: EarthOptions, duration: number, steps = 600,
): Float64Array {
  const u = launchDirection(site, azimuth, elevation);
  const vehicle = new MotorVehicle(a, motor, 0, u, Infinity);
  const dyn = new PointMassDynamics(earth, vehicle);
  const rk = new Rk4(dyn.derivative, 6);
  const y = new Float64Array(6);
  geodeticToEcefInto(y, site.lat, site.lon, site.h ?? 0);
  const h = duration / steps;
  let t = 0;
  for (let i = 0; i < steps; i++) {
    // Split exactly at burnout.
    if (t < a.burnTime && t + h > a.burnTime + 1e-12) {
      rk.step(t, y, a.burnTime - t, y);
      rk.step(a.burnTime, y, t + h - a.burnTime, y);
    } else {
      rk.step(t, y, h, y);
    }
    t += h;
  }
  return y;
}

/**
 * The motor of an interceptor type: propellant mass such that the reference flyout burns out at
 * the catalog max speed (bisection to 1e-6 of the speed). Cached per (type, airframe).
 * Throws `UserError` if the notional airframe cannot reach that speed (propellant fraction > 0.97).
 */
export function interceptorMotor(type: InterceptorType, airframe: InterceptorAirframe): InterceptorMotor {
  const key = JSON.stringify([type.id, type.max_speed_m_s, airframe]);
  const cached = motorCache.get(key);
  if (cached) return cached;
  const vmax = type.max_speed_m_s;
  if (!(vmax > 0)) throw new UserError(`interceptor type ${type.id}: max_speed_m_s must be positive`);
  const speedAt = (fraction: number): number =>
    burnoutSpeed(airframe, motorOf(airframe, fraction * airframe.launchMass), airframe.referenceElevation);
  let lo = 0.01, hi = 0.97;
  if (speedAt(hi) < vmax) {
    throw new UserError(
      `interceptor type ${type.id}: the notional airframe cannot reach the max speed ${vmax} m/s ` +
        '(propellant fraction would exceed 0.97); lower max_speed_m_s or change the airframe',
    );
  }
  if (speedAt(lo) > vmax) hi = lo;
  for (let i = 0; i < 60 && hi - lo > 1e-8; i++) {
    const mid = 0.5 * (lo + hi);
    if (speedAt(mid) < vmax) lo = mid;
    else hi = mid;
  }
  const motor = motorOf(airframe, 0.5 * (lo + hi) * airframe.launchMass);
  motor.referenceBurnoutSpeed = burnoutSpeed(airframe, motor, airframe.referenceElevation);
  motorCache.set(key, motor);
  return motor;
}

/** Unit ECEF vector of a launch direction (azimuth from north, elevation above the horizon). */
export function launchDirection(site: GeoPoint, azimuth: number, elevation: number): Float64Array {
  const m = enuRotationInto(new Float64Array(9), site.lat, site.lon);
  const e = Math.cos(elevation) * Math.sin(azimuth);
  const n = Math.cos(elevation) * Math.cos(azimuth);
  const u = Math.sin(elevation);
  return new Float64Array([
    m[0] * e + m[3] * n + m[6] * u,
    m[1] * e + m[4] * n + m[7] * u,
    m[2] * e + m[5] * n + m[8] * u,
  ]);
}

/**
 * Thrust, drag figure and the held lateral command, as the `Vehicle` of the point-mass dynamics.
 * Times are seconds since launch... of the integrator's clock `t`, offset by `launchTime`.
 */
class MotorVehicle implements Vehicle {
  /** Lateral acceleration command (ECEF, m/s²), held over a guidance step. */
  readonly command = new Float64Array(3);
  /**
   * True while a kill vehicle homes on its seeker (see `InterceptorOptions.seekerLock`): its divert
   * thrusters push normal to its body, which points along the line of sight, so the held command is
   * normal to the line of sight, not to the velocity.
   */
  divertAcrossLineOfSight = false;
  private readonly invCdA: number;

  constructor(
    private readonly a: InterceptorAirframe,
    private readonly motor: InterceptorMotor,
    private readonly launchTime: number,
    private readonly launchDir: Float64Array,
    /**
     * Seconds after launch during which the autopilot holds the launch line: thrust along the
     * launch direction and every acceleration across it cancelled (TVC), so the path is the
     * straight launch line — the rail/canister exit and attitude-hold phase before guidance.
     */
    private readonly holdUntil: number,
  ) {
    this.invCdA = 1 / (a.dragCoefficient * Math.PI * 0.25 * a.diameter * a.diameter);
  }

  mass(t: number): number {
    const tau = t - this.launchTime;
    return tau < this.a.burnTime ? this.a.launchMass - this.motor.massFlow * Math.max(0, tau) : this.motor.burnoutMass;
  }

  ballisticCoefficient(t: number): number {
    return this.mass(t) * this.invCdA;
  }

  addThrust(t: number, y: Float64Array, acc: Float64Array): void {
    const tau = t - this.launchTime;
    if (tau < this.holdUntil) {
      // Straight along the launch line: keep only the along-line part of gravity and drag.
      const u = this.launchDir;
      const along = acc[0] * u[0] + acc[1] * u[1] + acc[2] * u[2];
      const k = (tau >= 0 && tau < this.a.burnTime ? this.motor.thrust / this.mass(t) : 0) + along;
      acc[0] = k * u[0];
      acc[1] = k * u[1];
      acc[2] = k * u[2];
      return;
    }
    const vx = y[3], vy = y[4], vz = y[5];
    const v = Math.sqrt(vx * vx + vy * vy + vz * vz);
    let ux: number, uy: number, uz: number;
    if (v > 1) {
      ux = vx / v; uy = vy / v; uz = vz / v;
    } else {
      ux = this.launchDir[0]; uy = this.launchDir[1]; uz = this.launchDir[2];
    }
    if (tau >= 0 && tau < this.a.burnTime) {
      const k = this.motor.thrust / this.mass(t);
      acc[0] += k * ux;
      acc[1] += k * uy;
      acc[2] += k * uz;
    }
    const c = this.command;
    if (this.divertAcrossLineOfSight) {
      // Kill-vehicle divert (homing on its seeker): the command is held as computed, normal to the
      // line of sight of the last guidance update (the body, and so the seeker, points at the target).
      acc[0] += c[0];
      acc[1] += c[1];
      acc[2] += c[2];
    } else if (c[0] !== 0 || c[1] !== 0 || c[2] !== 0) {
      // Keep the held command lateral to the current velocity.
      const d = c[0] * ux + c[1] * uy + c[2] * uz;
      acc[0] += c[0] - d * ux;
      acc[1] += c[1] - d * uy;
      acc[2] += c[2] - d * uz;
    }
  }
}

/** The engagement's estimate of the target: writes ECEF [x y z vx vy vz] at time t; false if none. */
export type TargetEstimate = (t: number, out: Float64Array) => boolean;

export interface InterceptorOptions {
  /** Stable id (e.g. "battery-2/pac3-mse-14"). */
  id: string;
  /** Launch time, seconds since the scenario epoch. */
  launchTime: number;
  /** Launcher position (rad, m). */
  site: GeoPoint;
  /** The target as the engagement estimates it (never the truth). */
  targetEstimate: TargetEstimate;
  /** Launch direction; default: vertical launchers straight up, inclined ones toward the estimate (see `defaultLaunchAngles`). */
  launchAzimuth?: number;
  launchElevation?: number;
  /** Overrides of the notional airframe. */
  airframe?: Partial<InterceptorAirframe>;
  /** Earth model (default: the truth Earth: WGS-84, J2, rotating, US 1976). */
  earth?: EarthOptions;
  /**
   * The fire control's current predicted intercept point (PIP): writes its ECEF position to
   * out[0..2] and returns its time (s since the epoch), or NaN when it has none. When given and
   * the time to go to it exceeds `terminalTime`, midcourse aims at that point at that time
   * (t_go = aim time − t) instead of the constant-velocity PIP of the estimate — for long shots
   * at free-falling targets whose path the fire control predicts ballistically. Terminal homing
   * (PN on `targetEstimate`) is unchanged. Without it (or while it returns NaN) nothing changes.
   */
  interceptAim?: InterceptAim;
  /**
   * Homing after seeker acquisition: true once the interceptor's own seeker holds the target (the
   * `targetEstimate` is then the seeker's measurement, not the uplink). While it returns true after
   * burnout (the kill vehicle flies free of its booster), guidance is terminal PN on the estimate
   * whatever the time to go — no fire-control aim, no midcourse PIP: a kill vehicle with a long-range
   * seeker homes on what it sees from acquisition on. Without it, nothing changes.
   */
  seekerLock?: (t: number) => boolean;
  /**
   * The target is known to fall freely (a ballistic object above the dense air, e.g. the World's
   * ballistic uplink): terminal PN compensates the known RELATIVE acceleration of two free fallers,
   *   a_c += [g_eff(r_T) − 2ω×v_T] − [g_eff(r_M) − 2ω×v_M]
   * (J2 + centrifugal g_eff at each position; the Coriolis difference), instead of only the
   * interceptor's own −g_eff (right against a target holding altitude, wrong against one in free fall:
   * it leaves an apparent 1 g target acceleration). Default false: the compensation is −g_eff(r_M).
   */
  targetInFreeFall?: boolean;
}

/** Fire-control predicted intercept point: ECEF position into out[0..2]; returns its time, NaN if none. */
export type InterceptAim = (t: number, out: Float64Array) => number;

/**
 * Default launch angles of an inclined launcher: the azimuth of the estimated target and an
 * elevation `loft` (the airframe's `launchLoft`, notional) above its line of sight, within
 * [20°, 80°]; a
 * vertical launcher fires at 89.9° (the guidance pitches it over after `guidanceDelay`).
 */
export function defaultLaunchAngles(
  site: GeoPoint, target: ArrayLike<number>, mode: 'vertical' | 'inclined', loft = 15 * DEG,
): { azimuth: number; elevation: number } {
  const o = geodeticToEcefInto(new Float64Array(3), site.lat, site.lon, site.h ?? 0);
  const m = enuRotationInto(new Float64Array(9), site.lat, site.lon);
  const dx = target[0] - o[0], dy = target[1] - o[1], dz = target[2] - o[2];
  const e = m[0] * dx + m[1] * dy + m[2] * dz;
  const n = m[3] * dx + m[4] * dy + m[5] * dz;
  const u = m[6] * dx + m[7] * dy + m[8] * dz;
  const azimuth = Math.atan2(e, n);
  if (mode === 'vertical') return { azimuth, elevation: 89.9 * DEG };
  const los = Math.atan2(u, Math.hypot(e, n));
  return { azimuth, elevation: Math.min(80 * DEG, Math.max(20 * DEG, los + loft)) };
}

/** A guided interceptor in flight (see the file header). */
export class Interceptor implements Flyer {
  readonly kind = 'interceptor' as const;
  readonly state = new Float64Array(6);
  readonly airframe: InterceptorAirframe;
  readonly motor: InterceptorMotor;
  readonly type: InterceptorType;
  /** Closing velocity to the estimate at the last guidance update (m/s). */
  closingVelocity = NaN;
  /** Range to the estimate at the last guidance update (m). */
  rangeToEstimate = NaN;
  /** Lateral acceleration command magnitude before saturation at the last update (m/s²). */
  commandedAcceleration = 0;
  /** Predicted time to go to the intercept point at the last update (s). */
  timeToGo = Infinity;
  /** Guidance law in use at the last update. */
  guidanceMode: 'none' | 'midcourse' | 'terminal' = 'none';
  private _time: number;
  private _status: FlightStatus = 'pending';
  private _phase = 'pending';
  private _impact: ImpactPoint | undefined;
  private readonly vehicle: MotorVehicle;
  private readonly dyn: PointMassDynamics;
  private readonly rk: Rk4;
  private readonly estimate: TargetEstimate;
  private readonly aim: InterceptAim | undefined;
  private readonly seekerLock: ((t: number) => boolean) | undefined;
  private readonly targetInFreeFall: boolean;
  private readonly gravT = new Float64Array(3);
  private readonly aimPoint = new Float64Array(3);
  // Coasting-intercept solve (coastIntercept): its scratch and the residual, made once (no allocation per step).
  private readonly coastPip = new Float64Array(3);
  private readonly coastEst = new Float64Array(6);
  private readonly coastG = new Float64Array(3);
  private cT = 0;
  private cY: Float64Array = this.coastEst;
  private cV = 0;
  private readonly coastF = (tau: number): number => {
    if (!this.estimate(this.cT + tau, this.coastEst)) return NaN;
    const e = this.coastEst, y = this.cY, g = this.coastG, k = 0.5 * tau * tau;
    return Math.hypot(e[0] - y[0] - k * g[0], e[1] - y[1] - k * g[1], e[2] - y[2] - k * g[2]) - this.cV * tau;
  };
  private readonly est = new Float64Array(6);
  private readonly rel = new Float64Array(6);
  private readonly grav = new Float64Array(3);
  // Fixed integration grid (launchTime + k·guidanceStep, split at burnout), independent of how
  // the caller slices time: the committed grid state and the next step computed ahead.
  private gridT = 0;
  private readonly gridY = new Float64Array(6);
  private aheadT = 0;
  private readonly aheadY = new Float64Array(6);
  private aheadValid = false;
  private readonly scratch6 = new Float64Array(6);
  private readonly pip = new Float64Array(3);
  private wasClosing = false;
  private passTime = Infinity;
  private readonly area: number;
  // Internal step history of the last advance (for closest approach), preallocated and grown rarely.
  private histT = new Float64Array(64);
  private histY = new Float64Array(64 * 6);
  private histN = 0;
  private readonly cpa = newClosestApproach();
  private readonly tgtA = new Float64Array(6);
  private readonly tgtB = new Float64Array(6);
  private readonly stepA = new Float64Array(6);
  private readonly stepB = new Float64Array(6);

  constructor(readonly id: string, readonly launchTime: number, type: InterceptorType, options: InterceptorOptions) {
    this.type = type;
    this.airframe = interceptorAirframe(type, options.airframe);
    this.motor = interceptorMotor(type, this.airframe);
    this.estimate = options.targetEstimate;
    this.aim = options.interceptAim;
    this.seekerLock = options.seekerLock;
    this.targetInFreeFall = options.targetInFreeFall ?? false;
    const site = options.site;
    if (!Number.isFinite(launchTime)) throw new UserError(`${id}: launch time must be finite`);
    geodeticToEcefInto(this.state, site.lat, site.lon, site.h ?? 0);
    let az = options.launchAzimuth;
    let el = options.launchElevation;
    if (az === undefined || el === undefined) {
      const have = this.estimate(launchTime, this.est);
      const d = have
        ? defaultLaunchAngles(site, this.est, this.airframe.launchMode, this.airframe.launchLoft)
        : { azimuth: 0, elevation: this.airframe.launchMode === 'vertical' ? 89.9 * DEG : 45 * DEG };
      az ??= d.azimuth;
      el ??= d.elevation;
    }
    this.vehicle = new MotorVehicle(this.airframe, this.motor, launchTime, launchDirection(site, az, el), this.airframe.guidanceDelay);
    this.dyn = new PointMassDynamics(options.earth ?? TRUTH_EARTH, this.vehicle);
    this.rk = new Rk4(this.dyn.derivative, 6);
    this._time = launchTime;
    this.area = Math.PI * 0.25 * this.airframe.diameter ** 2;
  }

  get time(): number { return this._time; }
  get status(): FlightStatus { return this._status; }
  get phase(): string { return this._phase; }
  get thrusting(): boolean {
    return this._status === 'flying' && this._time - this.launchTime < this.airframe.burnTime;
  }
  get impact(): ImpactPoint | undefined { return this._impact; }
  /** Current mass (kg). */
  get mass(): number { return this.vehicle.mass(this._time); }

  /** Lateral acceleration available now (m/s²): min(structural, max(aerodynamic, divert)). */
  availableLateralAcceleration(y: ArrayLike<number> = this.state, t = this._time): number {
    const h = ellipsoidHeight(y);
    const v2 = y[3] * y[3] + y[4] * y[4] + y[5] * y[5];
    const q = 0.5 * densityAt(h) * v2;
    const aero = (q * this.area * this.airframe.normalForceCoefficient) / this.vehicle.mass(t);
    return Math.min(this.airframe.maxLateralAcceleration, Math.max(aero, this.airframe.divertAcceleration));
  }

  /** Sets the held lateral command from the estimate at (t, y). */
  private guide(t: number, y: Float64Array): void {
    const cmd = this.vehicle.command;
    cmd[0] = 0; cmd[1] = 0; cmd[2] = 0;
    const tau = t - this.launchTime;
    if (tau < this.airframe.guidanceDelay || this.passTime < Infinity) return;
    if (!this.estimate(t, this.est)) return;
    const rel = this.rel, est = this.est;
    for (let i = 0; i < 6; i++) rel[i] = est[i] - y[i];
    const range = Math.hypot(rel[0], rel[1], rel[2]);
    this.rangeToEstimate = range;
    const a = this.airframe;
    const vc = -(rel[0] * rel[3] + rel[1] * rel[4] + rel[2] * rel[5]) / range;
    this.closingVelocity = vc;
    const v = Math.hypot(y[3], y[4], y[5]);
    // Fire-control aim (interceptAim): its PIP and time to go, if it has one; after burnout, the
    // coasting intercept near it (see `coastIntercept`).
    // Homing on the seeker (seekerLock, after burnout): terminal PN from acquisition on; the
    // fire-control aim is no longer consulted.
    const homing = this.seekerLock !== undefined && tau >= a.burnTime && this.seekerLock(t);
    const pip = this.aimPoint;
    const aimTgo = this.aim && !homing ? this.aim(t, pip) - t : NaN;
    const coastTgo = aimTgo < Infinity && tau >= a.burnTime && v > 1
      ? this.coastIntercept(t, y, v, Math.max(aimTgo, a.guidanceStep)) : NaN;
    if ((coastTgo === coastTgo ? coastTgo : aimTgo) > a.terminalTime && aimTgo < Infinity) {
      // Midcourse on the fire control's aim: the intercept is still more than terminalTime ahead,
      // so a negative range rate to the estimate is not a pass — two arcs converging on the PIP
      // need not close monotonically (e.g. a vertical rise while the target still recedes). The
      // flyby rule (below) applies from the terminal phase on, where the range rate is meaningful.
    } else if (vc > 0) this.wasClosing = true;
    else if (this.wasClosing) {
      // Passed the (estimated) target: fly on briefly, then self-destruct.
      this.passTime = t;
      return;
    }
    const tx = est[3], ty = est[4], tz = est[5];
    let tgo = Infinity;
    // PIP (px, py, pz) and the vector to it (dx, dy, dz).
    let px: number, py: number, pz: number, dx: number, dy: number, dz: number;
    const vp = Math.max(v, a.predictionSpeedFraction * this.type.max_speed_m_s);
    // Time to go used by the ballistic aim (below); the fly-out time to go to the PIP.
    let tgoAim: number;
    if (coastTgo === coastTgo) {
      // Coasting: the estimate's position at the time the interceptor can reach it.
      tgo = coastTgo;
      px = this.coastPip[0]; py = this.coastPip[1]; pz = this.coastPip[2];
      dx = px - y[0]; dy = py - y[1]; dz = pz - y[2];
      tgoAim = coastTgo;
    } else if (aimTgo === aimTgo) {
      // The fire control's PIP at its time (finite aim time, NaN otherwise).
      tgo = aimTgo;
      px = pip[0]; py = pip[1]; pz = pip[2];
      dx = px - y[0]; dy = py - y[1]; dz = pz - y[2];
      // The ballistic aim flies to the PIP in max(t_go, R_go/V_p): never in less time than the
      // interceptor needs at its mean speed V_p (as the envelope flyouts that timed the planner's
      // intercept fly: t_go = R_go/V_p to a point). A shorter t_go (the clock runs while a slow
      // boosting interceptor has barely moved) would flatten the path into the atmosphere, where
      // drag takes the speed it needs; a longer one (ahead of time) lofts it to arrive on time.
      tgoAim = Math.max(aimTgo, Math.hypot(dx, dy, dz) / vp);
    } else {
      // Predicted intercept point (constant-velocity target, mean interceptor speed Vp):
      // |r + v_T·t| = Vp·t  ⇒  (v_T² − Vp²)t² + 2(r·v_T)t + r² = 0, smallest positive root.
      const qa = tx * tx + ty * ty + tz * tz - vp * vp;
      const qb = 2 * (rel[0] * tx + rel[1] * ty + rel[2] * tz);
      const qc = range * range;
      if (Math.abs(qa) < 1e-9) tgo = qb < 0 ? -qc / qb : Infinity;
      else {
        const disc = qb * qb - 4 * qa * qc;
        if (disc >= 0) {
          const sq = Math.sqrt(disc);
          const r1 = (-qb - sq) / (2 * qa), r2 = (-qb + sq) / (2 * qa);
          tgo = Math.min(r1 > 0 ? r1 : Infinity, r2 > 0 ? r2 : Infinity);
        }
      }
      px = est[0] + tx * tgo; py = est[1] + ty * tgo; pz = est[2] + tz * tgo;
      dx = rel[0] + tx * tgo; dy = rel[1] + ty * tgo; dz = rel[2] + tz * tgo;
      tgoAim = tgo;
    }
    this.timeToGo = tgo;
    if (!homing && tgo > a.terminalTime && tgo < Infinity && v > 1) {
      // Midcourse: velocity pursuit of the (lofted) predicted intercept point.
      let ax = dx, ay = dy, az = dz;
      if (a.loftAngle > 0 && tgo > 2 * a.terminalTime) {
        const w = Math.min(1, (tgo - 2 * a.terminalTime) / (2 * a.terminalTime));
        const pr = Math.hypot(px, py, pz);
        // Capped so the aim point stays below 0.6 of the type's ceiling, where it can still maneuver.
        const ceiling = this.type.max_altitude_m ?? Infinity;
        this.pip[0] = px; this.pip[1] = py; this.pip[2] = pz;
        const pipHeight = ellipsoidHeight(this.pip);
        const loft = Math.min(w * Math.hypot(ax, ay, az) * Math.tan(a.loftAngle), Math.max(0, 0.6 * ceiling - pipHeight));
        ax += (loft * px) / pr; ay += (loft * py) / pr; az += (loft * pz) / pr;
      }
      // Ballistic aim: the velocity that reaches the aim point in tgo under constant gravity,
      // v_req = Δr/tgo − ½·g_eff·tgo (g_eff at the current position); no gravity compensation:
      // gravity bends the path onto the aim point.
      const g = this.effectiveGravityInto(this.grav, y);
      const gx = g[0], gy = g[1], gz = g[2];
      ax = ax / tgoAim - 0.5 * gx * tgoAim;
      ay = ay / tgoAim - 0.5 * gy * tgoAim;
      az = az / tgoAim - 0.5 * gz * tgoAim;
      const an = Math.hypot(ax, ay, az);
      const k = v / a.midcourseTimeConstant;
      cmd[0] = k * (ax / an - y[3] / v);
      cmd[1] = k * (ay / an - y[4] / v);
      cmd[2] = k * (az / an - y[5] / v);
      this.guidanceMode = 'midcourse';
    } else {
      proportionalNavigation(cmd, 0, rel, y, 3, a.navigationConstant, a.pnVariant);
      this.guidanceMode = 'terminal';
      // Gravity compensation: − g_eff (J2 + centrifugal; Coriolis is velocity-dependent and left to PN).
      const g = this.effectiveGravityInto(this.grav, y);
      cmd[0] -= g[0];
      cmd[1] -= g[1];
      cmd[2] -= g[2];
      if (this.targetInFreeFall) {
        // Target in free fall: its own g_eff and Coriolis are known too, so only the difference of
        // the two free falls is compensated (ω = ω·ẑ: −2ω×v = 2ω·(v_y, −v_x, 0)).
        const gT = this.effectiveGravityInto(this.gravT, est);
        const w = this.dyn.earth.omega;
        cmd[0] += gT[0] + 2 * w * (est[4] - y[4]);
        cmd[1] += gT[1] - 2 * w * (est[3] - y[3]);
        cmd[2] += gT[2];
      }
    }
    // Lateral only, then saturate. A kill vehicle homing on its seeker diverts normal to the line
    // of sight (its body points at the target); every other flight steers normal to its velocity.
    this.vehicle.divertAcrossLineOfSight = homing;
    if (homing) {
      const d = (cmd[0] * rel[0] + cmd[1] * rel[1] + cmd[2] * rel[2]) / (range * range);
      cmd[0] -= d * rel[0]; cmd[1] -= d * rel[1]; cmd[2] -= d * rel[2];
    } else if (v > 1) {
      const ux = y[3] / v, uy = y[4] / v, uz = y[5] / v;
      const d = cmd[0] * ux + cmd[1] * uy + cmd[2] * uz;
      cmd[0] -= d * ux; cmd[1] -= d * uy; cmd[2] -= d * uz;
    }
    const m = Math.hypot(cmd[0], cmd[1], cmd[2]);
    this.commandedAcceleration = m;
    const lim = this.availableLateralAcceleration(y, t);
    if (m > lim) {
      const k = lim / m;
      cmd[0] *= k; cmd[1] *= k; cmd[2] *= k;
    }
  }

  /**
   * Apparent gravity g_eff at position p in the rotating frame (J2 gravity + centrifugal ω²(x, y, 0);
   * Coriolis is velocity-dependent and handled where needed) into `out`, which it returns.
   */
  private effectiveGravityInto(out: Float64Array, p: ArrayLike<number>): Float64Array {
    this.dyn.earth.gravityInto(out, p, 0);
    const w = this.dyn.earth.omega;
    out[0] += w * w * p[0];
    out[1] += w * w * p[1];
    return out;
  }

  /**
   * Coasting intercept (interceptAim, after burnout): the speed V is now what it will be, so the
   * intercept time is set by the geometry, not by the fire control's clock. Solves for the time to
   * go τ at which the estimate's position E(t+τ) is reachable on a constant-gravity arc at the
   * current speed — the ballistic aim of `guide` with |v_req| = V:
   *   F(τ) = |E(t+τ) − r − ½·g_eff·τ²| − V·τ = 0
   * (F(0) = range > 0), the root bracketed from the fire control's time to go τ₀ (inward if
   * F(τ₀) < 0, outward ×1.5 up to the rest of the flight time otherwise), Brent to 1 ms. Writes
   * E(t+τ) into `coastPip`; NaN when no root (the estimate is unreachable at this speed) or the
   * estimate has no value.
   */
  private coastIntercept(t: number, y: Float64Array, v: number, tgo0: number): number {
    this.effectiveGravityInto(this.coastG, y);
    this.cT = t; this.cY = y; this.cV = v;
    const F = this.coastF;
    const f0 = F(tgo0);
    if (f0 !== f0) return NaN;
    let lo = 0, flo = Math.hypot(this.rel[0], this.rel[1], this.rel[2]), hi = tgo0, fhi = f0;
    if (f0 > 0) {
      const tMax = this.launchTime + this.airframe.maxFlightTime - t;
      lo = tgo0; flo = f0;
      for (;;) {
        hi = Math.min(lo * 1.5, tMax);
        fhi = F(hi);
        if (fhi !== fhi) return NaN;
        if (fhi <= 0) break;
        if (hi >= tMax) return NaN;
        lo = hi; flo = fhi;
      }
    }
    const tau = brentRoot(F, lo, hi, flo, fhi, 1e-3);
    if (!this.estimate(t + tau, this.coastEst)) return NaN;
    this.coastPip[0] = this.coastEst[0]; this.coastPip[1] = this.coastEst[1]; this.coastPip[2] = this.coastEst[2];
    return tau;
  }

  private record(t: number, y: Float64Array): void {
    if (this.histN === this.histT.length) {
      const nt = new Float64Array(this.histT.length * 2);
      nt.set(this.histT);
      const ny = new Float64Array(this.histY.length * 2);
      ny.set(this.histY);
      this.histT = nt;
      this.histY = ny;
    }
    this.histT[this.histN] = t;
    this.histY.set(y, this.histN * 6);
    this.histN++;
  }

  /** Computes the next grid step (guidance from the committed grid state, then one RK4 step). */
  private computeAhead(): void {
    const a = this.airframe;
    const t0 = this.gridT;
    this.guide(t0, this.gridY);
    let h = a.guidanceStep;
    const tb = this.launchTime + a.burnTime;
    if (t0 < tb && t0 + h > tb) h = tb - t0; // split exactly at burnout
    this.rk.step(t0, this.gridY, h, this.aheadY);
    this.aheadT = t0 + h;
    this.aheadValid = true;
  }

  advance(t: number): FlightStatus {
    if (this._status === 'impact' || this._status === 'destroyed') {
      // Terminal: the state stays where the flight ended; the clock moves on (as ballistic.ts does).
      this._time = Math.max(this._time, t);
      return this._status;
    }
    if (t < this.launchTime) {
      this._time = t;
      return this._status;
    }
    if (this._status === 'pending') {
      this._status = 'flying';
      this._time = this.launchTime;
      this.gridT = this.launchTime;
      this.gridY.set(this.state);
      this.aheadValid = false;
    }
    const a = this.airframe;
    const earth = this.dyn.earth;
    this.histN = 0;
    this.record(this._time, this.state);
    const tMaxFlight = this.launchTime + a.maxFlightTime;
    const tEnd = Math.min(t, tMaxFlight);
    for (;;) {
      if (this.gridT >= tEnd - 1e-12) break;
      if (!this.aheadValid) this.computeAhead();
      // Ground impact inside the step: root of the Hermite height.
      if (this.gridT - this.launchTime > 1 && earth.height(this.aheadY, 0) < 0 && earth.height(this.gridY, 0) >= 0) {
        const ti = this.groundImpactTime();
        if (ti <= tEnd) {
          this.impactAt(ti);
          this.record(this._time, this.state);
          return this._status;
        }
      }
      if (this.aheadT > tEnd + 1e-12) break;
      // Commit the step.
      this.gridT = this.aheadT;
      this.gridY.set(this.aheadY);
      this.aheadValid = false;
      const y = this.gridY;
      const stalled = this.gridT - this.launchTime > a.burnTime &&
        Math.hypot(y[3], y[4], y[5]) < a.minimumSpeedFraction * this.type.max_speed_m_s;
      if (this.gridT >= this.passTime + a.flybyGrace || stalled || this.gridT >= tMaxFlight - 1e-9) {
        this.state.set(y);
        this._time = this.gridT;
        this.record(this._time, this.state);
        this.selfDestruct(stalled ? 'stall' : 'self-destruct');
        return this._status;
      }
      if (this.gridT < tEnd - 1e-12) this.record(this.gridT, y);
    }
    // Output state at tEnd: the grid state, or the Hermite interpolant inside the next step.
    if (tEnd <= this.gridT + 1e-12) {
      this.state.set(this.gridY);
    } else {
      hermiteInto(this.state, this.gridY, this.aheadY, this.aheadT - this.gridT, (tEnd - this.gridT) / (this.aheadT - this.gridT));
    }
    this._time = tEnd;
    this.record(this._time, this.state);
    // Flight time is up between guidance steps: self-destruct there (otherwise the flyer would stay
    // 'flying', frozen at tMaxFlight, for every later advance).
    if (tEnd >= tMaxFlight - 1e-9) {
      this.selfDestruct('self-destruct');
      return this._status;
    }
    const tau = this._time - this.launchTime;
    this._phase = this.passTime < Infinity ? 'flyby'
      : tau < a.burnTime ? 'boost'
      : this.guidanceMode === 'terminal' ? 'terminal' : 'midcourse';
    return this._status;
  }

  /** Time of ground impact inside the pending step [gridT, aheadT]: Brent on the Hermite height. */
  private groundImpactTime(): number {
    const a = this.gridY, b = this.aheadY, h = this.aheadT - this.gridT;
    const p = this.scratch6;
    const height = (s: number): number => this.dyn.earth.height(hermiteInto(p, a, b, h, s), 0);
    const s = brentRoot(height, 0, 1, height(0), height(1), 1e-12);
    return this.gridT + s * h;
  }

  private impactAt(ti: number): void {
    const h = this.aheadT - this.gridT;
    const p = hermiteInto(this.state, this.gridY, this.aheadY, h, (ti - this.gridT) / h);
    this._time = ti;
    this._status = 'impact';
    this._phase = 'impact';
    const geo = ecefToGeodeticInto(new Float64Array(3), p);
    this._impact = {
      t: ti, lat: geo[0], lon: geo[1], h: geo[2],
      position: [p[0], p[1], p[2]], velocity: [p[3], p[4], p[5]],
    };
  }

  private selfDestruct(phase: string): void {
    this._status = 'destroyed';
    this._phase = phase;
  }

  destroy(t: number): void {
    if (this._status === 'impact' || this._status === 'destroyed') return;
    if (t > this._time && this.advance(t) !== 'flying') return;
    this._status = 'destroyed';
    this._phase = 'destroyed';
    this.state[3] = 0; this.state[4] = 0; this.state[5] = 0;
  }

  /**
   * Exact closest approach to a target over the last `advance`: the target's TRUE states at the
   * start (t0) and end (t1) of that advance are interpolated by cubic Hermite at the
   * interceptor's internal step times, and each internal step is searched by `closestApproach`
   * (guidance.ts). t0/t1 must be the times of the previous and current `time`.
   */
  closestApproachTo(
    t0: number, target0: ArrayLike<number>, t1: number, target1: ArrayLike<number>,
    out: ClosestApproach = newClosestApproach(),
  ): ClosestApproach {
    out.distance = Infinity;
    const n = this.histN;
    const span = t1 - t0;
    for (let i = 0; i + 1 < n; i++) {
      const ta = this.histT[i], tb = this.histT[i + 1];
      if (tb <= ta) continue;
      hermiteInto(this.tgtA, target0, target1, span, span > 0 ? (ta - t0) / span : 0);
      hermiteInto(this.tgtB, target0, target1, span, span > 0 ? (tb - t0) / span : 1);
      const hy = this.histY, ma = this.stepA, mb = this.stepB;
      for (let k = 0; k < 6; k++) {
        ma[k] = hy[i * 6 + k];
        mb[k] = hy[i * 6 + 6 + k];
      }
      closestApproach(ta, ma, this.tgtA, tb, mb, this.tgtB, this.cpa);
      if (this.cpa.distance < out.distance) {
        out.distance = this.cpa.distance;
        out.t = this.cpa.t;
        out.interior = this.cpa.interior;
      }
    }
    return out;
  }
}

/**
 * Cubic Hermite state (position and velocity) at fraction s ∈ [0, 1] of a step of length h
 * between states a[ia..ia+5] and b[ib..ib+5]. Allocation-free; `out` may alias neither a nor b.
 */
export function hermiteInto(
  out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, h: number, s: number, ia = 0, ib = 0,
): Float64Array {
  const s2 = s * s, s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
  const d00 = (6 * s2 - 6 * s) / h, d10 = 3 * s2 - 4 * s + 1, d01 = -d00, d11 = 3 * s2 - 2 * s;
  for (let i = 0; i < 3; i++) {
    const pa = a[ia + i], va = a[ia + i + 3], pb = b[ib + i], vb = b[ib + i + 3];
    out[i] = h00 * pa + h10 * h * va + h01 * pb + h11 * h * vb;
    out[i + 3] = d00 * pa + d10 * va + d01 * pb + d11 * vb;
  }
  return out;
}

/** An interceptor of catalog type `type` launched per `options` (Flyer kind 'interceptor'). */
export function launchInterceptor(type: InterceptorType, options: InterceptorOptions): Interceptor {
  return new Interceptor(options.id, options.launchTime, type, options);
}
