/**
 * Flying a state to the ground (or to an end altitude) and finding where it got there.
 *
 * The end of a flight is an event: g = h(r) − h_end crossing zero downward, located by Brent's
 * method on the Dormand–Prince dense output inside the step that crossed (integrator.ts) — never
 * "the first step below ground". Apogee is the downward zero of dh/dt = v·n̂ located the same way
 * (n̂ the outward surface normal, so dh/dt is exact for heights above a sphere or the ellipsoid).
 */
import { enuRotationInto } from '../geo/index.js';
import { boostSegments, BoostVehicle, type BallisticMissileType, type BoostProgram, type BoostSegment } from './boost.js';
import { ballisticBody, PointMassDynamics, type EarthOptions, type Vehicle } from './dynamics.js';
import { DormandPrince45, isCrossing, locateEvent, type DormandPrinceOptions } from './integrator.js';

/** Integration tolerances used for all ballistic truth (and by targeting, so both agree exactly). */
export const BALLISTIC_TOLERANCES: Readonly<DormandPrinceOptions> = Object.freeze({
  rtol: 1e-10,
  // Per component: 1 mm in position, 1 µm/s in velocity (the relative term dominates in flight).
  atol: [1e-3, 1e-3, 1e-3, 1e-6, 1e-6, 1e-6],
});

/** A point where the flight ended. */
export interface FlightEnd {
  /** Time of the end (s, in the integrator's time). */
  t: number;
  /** ECEF state at the end [x y z vx vy vz]. */
  state: Float64Array;
  /** Sub-point (rad) and height (m) of the end, on the flight's Earth model. */
  lat: number;
  lon: number;
  h: number;
}

/** What `flyToEnd` reports. */
export interface FreeFlightResult {
  /** Where the flight descended through the end altitude; undefined if it never did before tMax. */
  end: FlightEnd | undefined;
  /** Greatest height reached (m) and its time (s). */
  apogeeAltitude: number;
  apogeeTime: number;
  /** Height (m) where the integration stopped (the end altitude when `end` is set). */
  finalAltitude: number;
}

/** Options of `flyToEnd`. */
export interface FlyToEndOptions {
  /** Height (m) whose downward crossing ends the flight (default 0: impact). */
  endAltitude?: number;
  /** Give up at this time (s) (default start + 6 h). */
  tMax?: number;
  /** Track the apogee (default true). */
  apogee?: boolean;
}

/**
 * Integrates `dp` (already reset to the start state, with `dyn.derivative` as its right-hand
 * side) until the height descends through `endAltitude`. Also stops, without an end, if the
 * flight drops below min(endAltitude, 0) − 1 m without crossing the end altitude from above
 * (it started below it and never climbed over it), or at tMax.
 */
export function flyToEnd(
  dp: DormandPrince45,
  dyn: PointMassDynamics,
  options: FlyToEndOptions = {},
): FreeFlightResult {
  const earth = dyn.earth;
  const endAltitude = options.endAltitude ?? 0;
  const tMax = options.tMax ?? dp.t + 6 * 3600;
  const trackApogee = options.apogee ?? true;
  const floor = Math.min(endAltitude, 0) - 1;
  const out = new Float64Array(dp.dim);
  const heightEvent = (_t: number, y: Float64Array) => earth.height(y, 0) - endAltitude;
  const climbEvent = (_t: number, y: Float64Array) => dyn.heightRate(y);
  let g0 = heightEvent(dp.t, dp.y);
  let c0 = climbEvent(dp.t, dp.y);
  let apogeeAltitude = earth.height(dp.y, 0);
  let apogeeTime = dp.t;
  const apo = new Float64Array(dp.dim);
  while (dp.t < tMax) {
    dp.step(tMax);
    const g1 = heightEvent(dp.t, dp.y);
    if (trackApogee) {
      const c1 = climbEvent(dp.t, dp.y);
      if (isCrossing(c0, c1, 'falling')) {
        const ta = locateEvent(dp, climbEvent, c0, c1, apo);
        const ha = earth.height(apo, 0);
        if (ha > apogeeAltitude) {
          apogeeAltitude = ha;
          apogeeTime = ta;
        }
      }
      c0 = c1;
    }
    if (isCrossing(g0, g1, 'falling')) {
      const t = locateEvent(dp, heightEvent, g0, g1, out);
      return { end: endAt(dyn, t, out), apogeeAltitude, apogeeTime, finalAltitude: endAltitude };
    }
    g0 = g1;
    if (g1 + endAltitude < floor) break;
  }
  return { end: undefined, apogeeAltitude, apogeeTime, finalAltitude: earth.height(dp.y, 0) };
}

/** Packs an end state with its sub-point. */
export function endAt(dyn: PointMassDynamics, t: number, state: Float64Array): FlightEnd {
  const s = dyn.earth.surfaceCoordinatesInto(new Float64Array(3), state, 0);
  return { t, state: Float64Array.from(state), lat: s[0], lon: s[1], h: s[2] };
}

/** A burnout (or any free-flight start) state given in local terms. */
export interface BurnoutConditions {
  /** Sub-point latitude and longitude (rad) on the flight's Earth model, and height (m). */
  lat: number;
  lon: number;
  altitude: number;
  /** Speed relative to the Earth (ECEF) (m/s). */
  speed: number;
  /** Flight-path angle above the local horizontal (rad). */
  flightPathAngle: number;
  /** Heading, clockwise from north (rad). */
  azimuth: number;
}

/**
 * ECEF state [x y z vx vy vz] of burnout conditions into out: the position from the Earth
 * model's surface coordinates, the velocity v·(cosγ sin Az, cosγ cos Az, sinγ) in the local
 * east-north-up frame (up = the surface normal) rotated to ECEF.
 */
export function burnoutStateInto(out: Float64Array, dyn: PointMassDynamics, b: BurnoutConditions): Float64Array {
  dyn.earth.positionInto(out, b.lat, b.lon, b.altitude, 0);
  const m = enuRotationInto(new Float64Array(9), b.lat, b.lon);
  const ve = b.speed * Math.cos(b.flightPathAngle) * Math.sin(b.azimuth);
  const vn = b.speed * Math.cos(b.flightPathAngle) * Math.cos(b.azimuth);
  const vu = b.speed * Math.sin(b.flightPathAngle);
  // ECEF = Rᵀ·ENU with R's rows E, N, U.
  out[3] = m[0] * ve + m[3] * vn + m[6] * vu;
  out[4] = m[1] * ve + m[4] * vn + m[7] * vu;
  out[5] = m[2] * ve + m[5] * vn + m[8] * vu;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Free flight from a burnout state: what `rampart trajectory ballistic` computes and the inner
// loop of burnout-state targeting (same integrator, tolerances and equations as the simulator).
// ---------------------------------------------------------------------------------------------

/** Result of a free flight from burnout. */
export interface FreeFlight {
  /** Surface distance between the burnout and end sub-points (m): great circle on the sphere, geodesic on WGS-84. */
  groundRange: number;
  /** Time from burnout to the end (s). */
  timeOfFlight: number;
  /** Greatest height above the reference surface (m). */
  apogeeAltitude: number;
  /** The end point (ECEF state, sub-point, height). */
  end: FlightEnd;
  /** Accepted integrator steps. */
  steps: number;
}

export interface FreeFlightOptions {
  earth: EarthOptions;
  /** Height (m) whose downward crossing ends the flight (default 0). */
  endAltitude?: number;
  /** β = m/(C_D·A) of the body (kg/m²); ignored without atmosphere. Default Infinity (no drag). */
  ballisticCoefficient?: number;
  /** Give up after this flight time (s); default 6 h. */
  tMax?: number;
}

/**
 * Flies burnout conditions to the end altitude. Throws RangeError if the trajectory never
 * descends through the end altitude (e.g. it starts below it and never climbs above, or it
 * escapes / orbits longer than tMax).
 */
export function flyFromBurnout(burnout: BurnoutConditions, options: FreeFlightOptions): FreeFlight {
  const dyn = new PointMassDynamics(options.earth, ballisticBody(options.ballisticCoefficient ?? Infinity));
  const y0 = burnoutStateInto(new Float64Array(6), dyn, burnout);
  const dp = new DormandPrince45(dyn.derivative, 6, BALLISTIC_TOLERANCES);
  dp.reset(0, y0);
  const r = flyToEnd(dp, dyn, { endAltitude: options.endAltitude ?? 0, tMax: options.tMax ?? 6 * 3600 });
  if (r.end === undefined) {
    const endAltitude = options.endAltitude ?? 0;
    throw new RangeError(
      r.finalAltitude > endAltitude
        ? `the trajectory has not come down through the end altitude ${endAltitude} m after ` +
            `${((options.tMax ?? 6 * 3600) / 3600).toFixed(1)} h of flight (now at ${(r.finalAltitude / 1000).toFixed(1)} km: ` +
            `escape or orbit)`
        : `the trajectory never climbs above the end altitude ${endAltitude} m ` +
            `(apogee ${(r.apogeeAltitude / 1000).toFixed(1)} km)`,
    );
  }
  const groundRange = dyn.earth.surfaceDistance(burnout.lat, burnout.lon, r.end.lat, r.end.lon);
  return {
    groundRange,
    timeOfFlight: r.end.t,
    apogeeAltitude: r.apogeeAltitude,
    end: r.end,
    steps: dp.steps,
  };
}

// ---------------------------------------------------------------------------------------------
// A ballistic missile's whole flight: boost segments, then the re-entry vehicle's free flight
// with drag, to impact. Used identically by targeting and by the simulator's flyer, so a solved
// trajectory is flown step for step (bit for bit) as it was solved.
// ---------------------------------------------------------------------------------------------

/** Where a ballistic missile flies from and to (sub-points in radians, heights in metres). */
export interface MissileLaunch {
  lat: number;
  lon: number;
  h: number;
}

/**
 * Boost + free flight + re-entry of one missile in time since launch τ (s). The integrator
 * restarts at every boost segment boundary (staging, end of the vertical rise and pitch-over,
 * thrust termination); between boundaries its steps depend only on the dynamics, never on who
 * asks for the state, so every consumer sees the same trajectory.
 */
export class MissilePropagator {
  readonly dyn: PointMassDynamics;
  readonly dp: DormandPrince45;
  readonly segments: BoostSegment[];
  readonly booster: BoostVehicle;
  readonly reentryVehicle: Vehicle;
  /** ECEF state at thrust termination (set once reached). */
  burnout: Float64Array | undefined;
  /** Impact (descending through `impactHeight`), once found. */
  impact: FlightEnd | undefined;
  /** Index of the boost segment being flown (segments.length after burnout). */
  private segment = 0;
  private gPrev: number;
  private readonly tMax: number;
  private readonly eventOut = new Float64Array(6);

  constructor(
    readonly type: BallisticMissileType,
    readonly launch: MissileLaunch,
    readonly program: BoostProgram,
    readonly earth: EarthOptions,
    /** Height (m) of the surface at the aimpoint: impact is the downward crossing of it. */
    readonly impactHeight: number,
  ) {
    const cutoff = program.cutoffTime;
    this.segments = boostSegments(type.boost, cutoff);
    this.reentryVehicle = ballisticBody(type.reentryBallisticCoefficient);
    // Launch-site frame vectors (rows E, N, U of the ENU rotation).
    const m = enuRotationInto(new Float64Array(9), launch.lat, launch.lon);
    this.booster = new BoostVehicle(type.boost, program, m.subarray(6, 9), m.subarray(0, 3), m.subarray(3, 6));
    this.booster.setSegment(this.segments[0]!);
    this.dyn = new PointMassDynamics(earth, this.booster);
    this.dp = new DormandPrince45(this.dyn.derivative, 6, BALLISTIC_TOLERANCES);
    const y0 = new Float64Array(6);
    this.dyn.earth.positionInto(y0, launch.lat, launch.lon, launch.h, 0);
    this.dp.reset(0, y0);
    this.gPrev = launch.h - impactHeight;
    this.tMax = cutoff + 4 * 3600;
  }

  /** True while thrust is on at the integrator's current time. */
  get boosting(): boolean {
    return this.segment < this.segments.length;
  }

  /** Time since launch of the integrator's state (end of the last step). */
  get tau(): number {
    return this.dp.t;
  }

  /**
   * One integrator step (crossing into the next segment first if the last step ended on a
   * boundary). Returns false, without stepping, once the impact is known or the time limit is hit.
   */
  step(): boolean {
    if (this.impact !== undefined) return false;
    const dp = this.dp;
    const segs = this.segments;
    if (this.segment < segs.length && dp.t >= segs[this.segment]!.end) {
      this.segment++;
      if (this.segment < segs.length) this.booster.setSegment(segs[this.segment]!);
      else {
        this.burnout = Float64Array.from(dp.y);
        this.dyn.vehicle = this.reentryVehicle;
      }
      dp.reset(dp.t, dp.y);
    }
    if (dp.t >= this.tMax) return false;
    dp.step(this.segment < segs.length ? segs[this.segment]!.end : this.tMax);
    const g1 = this.dyn.earth.height(dp.y, 0) - this.impactHeight;
    if (isCrossing(this.gPrev, g1, 'falling')) {
      const ih = this.impactHeight;
      const earth = this.dyn.earth;
      const t = locateEvent(dp, (_t, y) => earth.height(y, 0) - ih, this.gPrev, g1, this.eventOut);
      this.impact = endAt(this.dyn, t, this.eventOut);
    }
    this.gPrev = g1;
    return true;
  }

  /** Flies to impact (or the time limit); returns the impact if there is one. */
  runToImpact(): FlightEnd | undefined {
    while (this.step());
    return this.impact;
  }

  /** Flies until the state at τ is available (the last step covers τ) or the flight ended. */
  advanceTo(tau: number): void {
    while (this.impact === undefined && this.dp.t < tau && this.step());
  }

  /**
   * State at τ ≤ the integrator's time into out: the dense output of the last step (valid for τ in
   * [tPrev, t]); the impact state at and after impact.
   */
  stateAt(tau: number, out: Float64Array): Float64Array {
    if (this.impact !== undefined && tau >= this.impact.t) {
      out.set(this.impact.state);
      return out;
    }
    if (tau >= this.dp.t) out.set(this.dp.y);
    else this.dp.interpolate(Math.max(tau, this.dp.tPrev), out);
    return out;
  }
}
