/**
 * Ballistic targeting: the burnout conditions (or boost-program settings) that put the impact on
 * an aimpoint, with Earth rotation, J2 and drag included — closed-loop, by flying the candidate
 * through the same integrator and equations the simulator uses and correcting it by Newton's
 * method on the miss vector.
 *
 * First guess (Keplerian, spherical non-rotating Earth, kepler.ts; Bate–Mueller–White ch. 6):
 * central angle Ψ between burnout and aimpoint radii r1, r2; flight-path angle
 *   minimum energy  γ* = ½ atan2(sin Ψ, r1/r2 − cos Ψ)    ((π − Ψ)/4 when r1 = r2),
 *   lofted          γ* + LOFT_ANGLE,  depressed  γ* − LOFT_ANGLE,  or a given γ;
 * speed v² = μ(1 − cos Ψ)/(r1 cosγ [(r1/r2) cosγ − cos(γ + Ψ)]); heading = the initial azimuth
 * of the geodesic (great circle on the sphere) to the aimpoint.
 *
 * Correction: the miss vector m = (east, north) of the impact point in the aimpoint's local
 * level frame is driven to zero by Newton iterations on (speed, azimuth) — or, for a flyer with a
 * boost phase, on (pitch-kick angle, azimuth, thrust-termination time) with the extra condition
 * γ_burnout = γ_target — with a forward-difference Jacobian and step halving when the miss does
 * not shrink (Dennis & Schnabel, "Numerical Methods for Unconstrained Optimization and Nonlinear
 * Equations", §6.3). The flight-path angle is kept at its Keplerian value: "minimum energy" here
 * means the minimum-energy angle of the vacuum arc over the same central angle, closed with
 * rotation, J2 and drag by speed and heading.
 */
import { UserError } from '../errors.js';
import {
  ecefToEnuInto,
  enuRotationInto,
  geodesicInverse,
  greatCircleAzimuth,
  type LocalFrame,
} from '../geo/index.js';
import { totalBurnTime, type BallisticMissileType, type BoostProgram } from './boost.js';
import { earthModel, TRUTH_EARTH, type EarthModel, type EarthOptions } from './dynamics.js';
import {
  flyFromBurnout,
  MissilePropagator,
  type BurnoutConditions,
  type FlightEnd,
  type FreeFlight,
} from './impact.js';
import { brentRoot } from './integrator.js';
import { minimumEnergy, speedForFlightPathAngle } from './kepler.js';

/** Offset of lofted/depressed trajectories from the minimum-energy flight-path angle (rad), notional. */
export const LOFT_ANGLE = (10 * Math.PI) / 180;

/** Shape of a ballistic trajectory. */
export type TrajectoryShape = 'minimum-energy' | 'lofted' | 'depressed' | { flightPathAngle: number };

/** A surface point: latitude, longitude (rad), height (m, default 0). */
export interface SurfacePoint {
  lat: number;
  lon: number;
  h?: number;
}

/** Central angle between two ECEF positions (rad), atan2 form. */
function centralAngle(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

/** The local east-north-up frame at a point of the Earth model (sphere or WGS-84). */
export function surfaceFrame(earth: EarthModel, lat: number, lon: number, h: number): LocalFrame {
  return {
    lat, lon, h,
    origin: earth.positionInto(new Float64Array(3), lat, lon, h),
    rotation: enuRotationInto(new Float64Array(9), lat, lon),
  };
}

/** Initial heading from one sub-point to another on the Earth model (rad from north). */
export function headingTo(earth: EarthModel, from: SurfacePoint, to: SurfacePoint): number {
  return earth.shape === 'wgs84'
    ? geodesicInverse(from.lat, from.lon, to.lat, to.lon).azimuth1
    : greatCircleAzimuth(from.lat, from.lon, to.lat, to.lon);
}

/**
 * Keplerian flight-path angle and speed that carry a vacuum arc from radius r1 through the
 * central angle Ψ to radius r2, for a trajectory shape (see the file header).
 */
export function keplerianAim(
  shape: TrajectoryShape,
  rangeAngle: number,
  r1: number,
  r2: number,
  mu: number,
): { flightPathAngle: number; speed: number } {
  const minE = minimumEnergy(rangeAngle, r1, r2, mu);
  let gamma: number;
  if (shape === 'minimum-energy') gamma = minE.flightPathAngle;
  else if (shape === 'lofted') gamma = minE.flightPathAngle + LOFT_ANGLE;
  else if (shape === 'depressed') gamma = minE.flightPathAngle - LOFT_ANGLE;
  else gamma = shape.flightPathAngle;
  return { flightPathAngle: gamma, speed: speedForFlightPathAngle(rangeAngle, gamma, r1, r2, mu) };
}

/** The Keplerian target flight-path angle at a burnout position for an aimpoint position (both ECEF). */
export function targetFlightPathAngle(
  shape: TrajectoryShape,
  burnoutPosition: ArrayLike<number>,
  aimPosition: ArrayLike<number>,
  mu: number,
): number {
  const r1 = Math.hypot(burnoutPosition[0], burnoutPosition[1], burnoutPosition[2]);
  const r2 = Math.hypot(aimPosition[0], aimPosition[1], aimPosition[2]);
  return keplerianAim(shape, centralAngle(burnoutPosition, aimPosition), r1, r2, 1).flightPathAngle;
}

// ---------------------------------------------------------------------------------------------
// Burnout-state targeting (the calculator's `--from/--to`).
// ---------------------------------------------------------------------------------------------

export interface BurnoutTargetingInput {
  /** Burnout sub-point (the launch site in the calculator). */
  from: SurfacePoint;
  /** Aimpoint; its height (default 0) is the end altitude of the flight. */
  to: SurfacePoint;
  /** Burnout height (m), default 0. */
  burnoutAltitude?: number;
  trajectory?: TrajectoryShape;
  earth: EarthOptions;
  /** β of the body (kg/m²) for drag, default Infinity. */
  ballisticCoefficient?: number;
  /** Stop when the miss is below this (m); default 0.01 m. */
  missTolerance?: number;
  /** Newton iterations at most; default 30. */
  maxIterations?: number;
}

export interface BurnoutSolution {
  burnout: BurnoutConditions;
  flight: FreeFlight;
  /** Distance from the impact point to the aimpoint (m). */
  miss: number;
  /** Newton iterations used. */
  iterations: number;
  /** Keplerian first guess (speed m/s, azimuth and flight-path angle rad). */
  firstGuess: { speed: number; azimuth: number; flightPathAngle: number };
}

/**
 * Solves the burnout speed and heading (flight-path angle fixed by the trajectory shape) that
 * land a free flight from `from` (at the burnout altitude) on `to`. Throws UserError when the
 * aimpoint cannot be reached that way (no ellipse, or Newton does not converge).
 */
export function solveBurnout(input: BurnoutTargetingInput): BurnoutSolution {
  const earth = earthModel(input.earth);
  const hb = input.burnoutAltitude ?? 0;
  const hAim = input.to.h ?? 0;
  const shape = input.trajectory ?? 'minimum-energy';
  const tol = input.missTolerance ?? 0.01;
  const maxIter = input.maxIterations ?? 30;
  const p1 = earth.positionInto(new Float64Array(3), input.from.lat, input.from.lon, hb);
  const p2 = earth.positionInto(new Float64Array(3), input.to.lat, input.to.lon, hAim);
  const psi = centralAngle(p1, p2);
  if (!(psi > 1e-6)) throw new UserError('the aimpoint is at the burnout point: no ballistic trajectory to solve');
  const r1 = Math.hypot(p1[0], p1[1], p1[2]);
  const r2 = Math.hypot(p2[0], p2[1], p2[2]);
  const aim = keplerianAim(shape, psi, r1, r2, earth.mu);
  if (!Number.isFinite(aim.speed) || !(aim.flightPathAngle > -Math.PI / 2 && aim.flightPathAngle < Math.PI / 2)) {
    throw new UserError(
      `no ballistic arc reaches the aimpoint with a flight-path angle of ${deg(aim.flightPathAngle)}° ` +
        `over ${(psi * 180 / Math.PI).toFixed(2)}° of central angle`,
    );
  }
  const gamma = aim.flightPathAngle;
  const az0 = headingTo(earth, input.from, input.to);
  const frame = surfaceFrame(earth, input.to.lat, input.to.lon, hAim);
  const enu = new Float64Array(3);
  const fly = (speed: number, azimuth: number): { f: FreeFlight; e: number; n: number; u: number } | undefined => {
    try {
      const f = flyFromBurnout(
        { lat: input.from.lat, lon: input.from.lon, altitude: hb, speed, flightPathAngle: gamma, azimuth },
        { earth: input.earth, endAltitude: hAim, ballisticCoefficient: input.ballisticCoefficient },
      );
      // The end is at the aimpoint's height, so its horizontal ENU offset is the miss
      // (the vertical offset is the drop of the surface, ~d²/2R).
      ecefToEnuInto(enu, frame, f.end.state);
      return { f, e: enu[0], n: enu[1], u: enu[2] };
    } catch (err) {
      if (err instanceof RangeError) return undefined;
      throw err;
    }
  };
  let v = aim.speed, az = az0;
  let cur = fly(v, az);
  if (cur === undefined) {
    throw new UserError(`the Keplerian first guess (${v.toFixed(1)} m/s) does not come down at the aimpoint height`);
  }
  let iterations = 0;
  let miss = Math.hypot(cur.e, cur.n);
  while (miss > tol && iterations < maxIter) {
    iterations++;
    const dv = Math.max(1e-3, 1e-6 * v);
    const da = 1e-6;
    const fv = fly(v + dv, az);
    const fa = fly(v, az + da);
    if (fv === undefined || fa === undefined) break;
    // Jacobian of (e, n) with respect to (v, az), forward differences.
    const j11 = (fv.e - cur.e) / dv, j21 = (fv.n - cur.n) / dv;
    const j12 = (fa.e - cur.e) / da, j22 = (fa.n - cur.n) / da;
    const det = j11 * j22 - j12 * j21;
    if (!(Math.abs(det) > 0)) break;
    const sv = -(j22 * cur.e - j12 * cur.n) / det;
    const sa = -(-j21 * cur.e + j11 * cur.n) / det;
    let lambda = 1;
    let improved = false;
    for (let k = 0; k < 20; k++) {
      const cand = fly(v + lambda * sv, az + lambda * sa);
      if (cand !== undefined) {
        const m = Math.hypot(cand.e, cand.n);
        if (m < miss) {
          v += lambda * sv;
          az += lambda * sa;
          cur = cand;
          miss = m;
          improved = true;
          break;
        }
      }
      lambda /= 2;
    }
    if (!improved) break;
  }
  if (!(miss < 100)) {
    throw new UserError(
      `targeting did not converge: best miss ${miss.toFixed(1)} m after ${iterations} iterations ` +
        `(burnout speed ${v.toFixed(1)} m/s, flight-path angle ${deg(gamma)}°)`,
    );
  }
  const twoPi = 2 * Math.PI;
  return {
    burnout: {
      lat: input.from.lat, lon: input.from.lon, altitude: hb,
      speed: v, flightPathAngle: gamma, azimuth: ((az % twoPi) + twoPi) % twoPi,
    },
    flight: cur.f,
    miss: Math.hypot(cur.e, cur.n, cur.u),
    iterations,
    firstGuess: { speed: aim.speed, azimuth: az0, flightPathAngle: gamma },
  };
}

function deg(rad: number): string {
  return ((rad * 180) / Math.PI).toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// Boost targeting: the boost program (kick angle, azimuth, thrust termination) of a missile type
// that lands its re-entry vehicle on the aimpoint, flying the whole missile each time.
// ---------------------------------------------------------------------------------------------

export interface BoostTargetingInput {
  type: BallisticMissileType;
  launch: SurfacePoint;
  aimpoint: SurfacePoint;
  trajectory?: TrajectoryShape;
  /** Default: the truth world (WGS-84 + J2, rotating, US 1976 atmosphere). */
  earth?: EarthOptions;
  /** Stop when the miss is below this (m); default 0.5 m. */
  missTolerance?: number;
  /** Newton iterations at most (default 25). */
  maxIterations?: number;
}

export interface BoostSolution {
  program: BoostProgram;
  /** Burnout (thrust termination) state and figures. */
  burnout: {
    time: number;
    state: Float64Array;
    speed: number;
    flightPathAngle: number;
    altitude: number;
  };
  /** Flight-path angle the trajectory shape asks for at that burnout point (rad). */
  targetFlightPathAngle: number;
  /** Impact, in time since launch. */
  impact: FlightEnd;
  /** Impact to aimpoint distance (m). */
  miss: number;
  /** Newton iterations used. */
  iterations: number;
  /** Whole-missile flights flown by the solver. */
  flights: number;
}

interface BoostTrial {
  program: BoostProgram;
  prop: MissilePropagator;
  impact: FlightEnd | undefined;
  /** East/north miss at the aimpoint (m), flight-path angle error (rad), along-track error (m). */
  e: number;
  n: number;
  u: number;
  dGamma: number;
  gammaBurnout: number;
  gammaTarget: number;
  along: number;
}

/** Flight-path angle (rad) of an ECEF state above the local horizontal of the Earth model. */
export function flightPathAngleOf(earth: EarthModel, state: ArrayLike<number>): number {
  const s = earth.surfaceCoordinatesInto(new Float64Array(3), state, 0);
  const up = earth.upInto(new Float64Array(3), s[0], s[1]);
  const v = Math.hypot(state[3], state[4], state[5]);
  return Math.asin((state[3] * up[0] + state[4] * up[1] + state[5] * up[2]) / v);
}

/**
 * Solves the boost program that lands `type` from `launch` on `aimpoint` (see the file header):
 * 1. azimuth = heading to the aimpoint; full burn; kick angle by bisection so that the burnout
 *    flight-path angle equals the shape's target;
 * 2. cut-off time by bisection on the along-track error (range grows with burn time);
 * 3. Newton on (kick, azimuth, cut-off) → (east miss, north miss, γ error) with a forward-
 *    difference Jacobian and step halving, until the miss is below the tolerance.
 * Throws UserError when the aimpoint is beyond the type's reach for that shape (or too close).
 */
export function solveBoost(input: BoostTargetingInput): BoostSolution {
  const type = input.type;
  const earthOpts = input.earth ?? TRUTH_EARTH;
  const earth = earthModel(earthOpts);
  const shape = input.trajectory ?? 'minimum-energy';
  const tol = input.missTolerance ?? 0.5;
  const maxIter = input.maxIterations ?? 25;
  const launch = { lat: input.launch.lat, lon: input.launch.lon, h: input.launch.h ?? 0 };
  const aimH = input.aimpoint.h ?? 0;
  const aimPos = earth.positionInto(new Float64Array(3), input.aimpoint.lat, input.aimpoint.lon, aimH);
  const frame = surfaceFrame(earth, input.aimpoint.lat, input.aimpoint.lon, aimH);
  const wantedRange = earth.surfaceDistance(launch.lat, launch.lon, input.aimpoint.lat, input.aimpoint.lon);
  const fullBurn = totalBurnTime(type.boost);
  const minCutoff = type.boost.verticalRiseTime + type.boost.pitchOverTime + 1;
  let flights = 0;
  const enu = new Float64Array(3);
  const label = `${type.id} from (${deg(launch.lat)}°, ${deg(launch.lon)}°) to (${deg(input.aimpoint.lat)}°, ${deg(input.aimpoint.lon)}°)`;

  const gammaTargetAt = (burnout: Float64Array): number =>
    targetFlightPathAngle(shape, burnout, aimPos, earth.mu);

  /** Boost only (to thrust termination): burnout state. */
  const boostOnly = (program: BoostProgram): Float64Array => {
    const prop = new MissilePropagator(type, launch, program, earthOpts, aimH);
    while (prop.burnout === undefined && prop.impact === undefined && prop.step());
    // The step that ends the last segment leaves the state at the cut-off; cross into free flight.
    if (prop.burnout === undefined && prop.impact === undefined) prop.step();
    flights++;
    return prop.burnout ?? Float64Array.from(prop.dp.y);
  };

  const trial = (program: BoostProgram): BoostTrial => {
    const prop = new MissilePropagator(type, launch, program, earthOpts, aimH);
    const impact = prop.runToImpact();
    flights++;
    const burnout = prop.burnout ?? Float64Array.from(prop.dp.y);
    const gammaBurnout = flightPathAngleOf(earth, burnout);
    const gammaTarget = gammaTargetAt(burnout);
    let e = NaN, n = NaN, u = NaN, along = -wantedRange;
    if (impact !== undefined) {
      ecefToEnuInto(enu, frame, impact.state);
      e = enu[0]; n = enu[1]; u = enu[2];
      const flown = earth.surfaceDistance(launch.lat, launch.lon, impact.lat, impact.lon);
      along = flown - wantedRange;
    }
    return { program, prop, impact, e, n, u, dGamma: gammaBurnout - gammaTarget, gammaBurnout, gammaTarget, along };
  };

  // 1. Kick angle for the target flight-path angle at full burn (γ_burnout falls as the kick grows).
  const azimuth0 = headingTo(earth, input.launch, input.aimpoint);
  const gammaError = (kick: number, cutoff: number): number => {
    const b = boostOnly({ kickAngle: kick, azimuth: azimuth0, cutoffTime: cutoff });
    return flightPathAngleOf(earth, b) - gammaTargetAt(b);
  };
  const solveKick = (cutoff: number): number => {
    const lo = MIN_KICK, hi = MAX_KICK;
    const glo = gammaError(lo, cutoff), ghi = gammaError(hi, cutoff);
    // Cannot reach the target angle at this cut-off: take the nearer end.
    if (!(glo > 0) || !(ghi < 0)) return Math.abs(glo) < Math.abs(ghi) ? lo : hi;
    return brentRoot((k) => gammaError(k, cutoff), lo, hi, glo, ghi, 1e-7);
  };
  let kick = solveKick(fullBurn);

  // 2. Cut-off time by bisection on the along-track error.
  let cur = trial({ kickAngle: kick, azimuth: azimuth0, cutoffTime: fullBurn });
  if (!(cur.impact !== undefined && cur.along >= 0)) {
    throw new UserError(
      `the aimpoint is beyond the notional reach of ${type.id} on a ${shapeName(shape)} trajectory: ` +
        `${(wantedRange / 1000).toFixed(0)} km asked, ${cur.impact ? ((cur.along + wantedRange) / 1000).toFixed(0) + ' km' : 'no impact'} at full burn (${label})`,
    );
  }
  {
    const lo = minCutoff, hi = fullBurn;
    const atLo = trial({ kickAngle: kick, azimuth: azimuth0, cutoffTime: lo });
    if (atLo.impact !== undefined && atLo.along > 0) {
      throw new UserError(
        `the aimpoint is inside the minimum range of ${type.id}: ${(wantedRange / 1000).toFixed(0)} km asked, ` +
          `${((atLo.along + wantedRange) / 1000).toFixed(0)} km with the earliest thrust termination (${label})`,
      );
    }
    const alongAt = (c: number) => trial({ kickAngle: kick, azimuth: azimuth0, cutoffTime: c }).along;
    const cutoff = brentRoot(alongAt, lo, hi, atLo.along, cur.along, 1e-2);
    kick = solveKick(cutoff);
    cur = trial({ kickAngle: kick, azimuth: azimuth0, cutoffTime: cutoff });
  }

  // 3. Newton on the full problem.
  const GAMMA_SCALE = 1e5; // 1e-5 rad of flight-path angle weighs like 1 m of miss
  const merit = (t: BoostTrial): number =>
    t.impact === undefined ? Infinity : Math.hypot(t.e, t.n, t.dGamma * GAMMA_SCALE);
  let iterations = 0;
  const missOf = (t: BoostTrial) => Math.hypot(t.e, t.n, t.u);
  while ((missOf(cur) > tol || Math.abs(cur.dGamma) > 1e-5) && iterations < maxIter) {
    iterations++;
    const p = cur.program;
    const steps = [1e-5, 1e-5, 1e-3];
    const x = [p.kickAngle, p.azimuth, p.cutoffTime];
    const J: number[][] = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    let ok = true;
    for (let j = 0; j < 3; j++) {
      const xx = x.slice();
      xx[j] += steps[j]!;
      const t = trial({ kickAngle: xx[0]!, azimuth: xx[1]!, cutoffTime: xx[2]! });
      if (t.impact === undefined) { ok = false; break; }
      J[0]![j] = (t.e - cur.e) / steps[j]!;
      J[1]![j] = (t.n - cur.n) / steps[j]!;
      J[2]![j] = (t.dGamma - cur.dGamma) / steps[j]!;
    }
    if (!ok) break;
    const dx = solve3(J, [-cur.e, -cur.n, -cur.dGamma]);
    if (dx === undefined) break;
    let lambda = 1;
    let improved = false;
    const m0 = merit(cur);
    for (let k = 0; k < 12; k++) {
      const cutoff = Math.min(fullBurn, Math.max(minCutoff, x[2]! + lambda * dx[2]!));
      const kickAngle = Math.min(MAX_KICK, Math.max(MIN_KICK, x[0]! + lambda * dx[0]!));
      const cand = trial({ kickAngle, azimuth: x[1]! + lambda * dx[1]!, cutoffTime: cutoff });
      if (merit(cand) < m0) {
        cur = cand;
        improved = true;
        break;
      }
      lambda /= 2;
    }
    if (!improved) break;
  }
  const miss = missOf(cur);
  if (!(miss < 100) || cur.impact === undefined) {
    throw new UserError(
      `targeting ${label} did not converge: best miss ${Number.isFinite(miss) ? miss.toFixed(1) + ' m' : 'no impact'} ` +
        `after ${iterations} iterations (the aimpoint may be at the edge of the type's reach)`,
    );
  }
  const bo = cur.prop.burnout!;
  return {
    program: cur.program,
    burnout: {
      time: cur.program.cutoffTime,
      state: bo,
      speed: Math.hypot(bo[3], bo[4], bo[5]),
      flightPathAngle: cur.gammaBurnout,
      altitude: earth.height(bo, 0),
    },
    targetFlightPathAngle: cur.gammaTarget,
    impact: cur.impact,
    miss,
    iterations,
    flights,
  };
}

/** Range of pitch-kick angles targeting may use (rad from the vertical). */
const MIN_KICK = 1e-3;
const MAX_KICK = (80 * Math.PI) / 180;

/** Solves A x = b for 3×3 A by Cramer's rule; undefined if singular. */
function solve3(A: number[][], b: number[]): number[] | undefined {
  const [a, bb, c] = A as [number[], number[], number[]];
  const det = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const d = det([a, bb, c]);
  if (!(Math.abs(d) > 0) || !Number.isFinite(d)) return undefined;
  const out: number[] = [];
  for (let j = 0; j < 3; j++) {
    const m = [a.slice(), bb.slice(), c.slice()];
    for (let i = 0; i < 3; i++) m[i]![j] = b[i]!;
    out.push(det(m) / d);
  }
  return out;
}

function shapeName(shape: TrajectoryShape): string {
  return typeof shape === 'string' ? shape : `${deg(shape.flightPathAngle)}° flight-path-angle`;
}
