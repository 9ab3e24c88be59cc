/**
 * Engagement feasibility of one (battery, track) pair, from the track's predicted path only.
 *
 * Intercept geometry: for an intercept at time t_I the target is at p(t_I) (its predicted path:
 * free fall for the ballistic model; for the intent model the great circle to the predicted
 * aimpoint at the track's height with a terminal descent (`intentPath`); ending at the predicted
 * impact). The interceptor needs TOF(p) — from the kinematic envelope of
 * flight/ (`timeToReach` over ground range × altitude) or, for guns, a constant mean projectile
 * speed. The launch time that puts the intercept at t_I is t_L(t_I) = t_I − TOF(p(t_I)). A pair is
 * geometrically possible at t_I when p(t_I) is inside the envelope (min/max range and altitude),
 * inside the battery's azimuth sector, above the intercept floor, and t_I is before the predicted
 * impact. The launch window is [min t_L, max t_L] over the possible t_I (scanned on a grid of 120
 * intercept times, the window's ends refined by bisection on the feasibility boundary), cut below
 * at the battery's ready time (`readyTime`: now + reaction time, launch interval, reloads).
 * The predicted intercept for a launch at time T solves t_I − TOF(p(t_I)) = T (the target's
 * predicted position iterated against the interceptor's time to reach, here by bracketing and
 * bisection — robust where the fixed-point iteration t_I ← T + TOF(p(t_I)) would not contract).
 *
 * Single-shot Pk (NOTIONAL): pk_type × classFactor(class) × edgeFactor, with edgeFactor falling
 * linearly from 1 at 80 % to 0.5 at 100 % of the maximum range or altitude (an interceptor near
 * the edge of its envelope arrives slow, with little manoeuvre margin). Class factors in
 * `CLASS_PK_FACTOR`.
 *
 * Sensor support: the battery's fire-control radar is among the track's contributing sensors, or
 * one of its cueing sensors is; a battery with neither a radar nor cueing sensors is assumed to
 * have an organic sensor (supported by any track of its force's picture).
 */
import {
  aerInto, ecefToGeodeticInto, geodeticToEcefInto, greatCircleAzimuth, greatCircleDestinationInto, greatCircleDistance, localFrame, meridionalRadius, primeVerticalRadius, type LocalFrame,
} from '../geo/index.js';
import type { EnvelopeTable } from '../flight/envelope.js';
import { bracketIndex } from '../math/index.js';
import { timeToReach } from '../flight/envelope.js';
import type { PictureTrack, TargetClass } from '../track/picture.js';
import { propagateBallistic, type BallisticPropagationOptions } from './impact.js';
import type { ThreatAssessment } from './types.js';
import { PLANNING_BALLISTIC_COEFFICIENT } from './threat.js';

/** Kinematic capability of an interceptor type as feasibility needs it. */
export interface Kinematics {
  readonly minRange: number;
  readonly maxRange: number;
  readonly minAltitude: number;
  readonly maxAltitude: number;
  /** Time of flight (s) to a point at ground range / altitude / slant range (m) from the launcher; Infinity if unreachable. */
  timeToReach(groundRange: number, altitude: number, slantRange: number): number;
}

/** Kinematics from flight/'s envelope table (ground range × altitude). */
export function envelopeKinematics(table: EnvelopeTable): Kinematics {
  return {
    minRange: table.minRange, maxRange: table.maxRange, minAltitude: table.minAltitude, maxAltitude: table.maxAltitude,
    timeToReach: (r, h) => timeToReach(table, r, h),
  };
}

/**
 * A constant-speed interceptor: TOF = slant range / speed. Range limits apply to the ground range
 * (`rangeKind: 'ground'`, default, as the envelope) or to the slant range. Used for guns (mean
 * projectile speed) and as the closed-form reference in tests.
 */
export function constantSpeedKinematics(
  speed: number, limits: { minRange: number; maxRange: number; minAltitude: number; maxAltitude: number },
  rangeKind: 'ground' | 'slant' = 'ground',
): Kinematics {
  return {
    ...limits,
    timeToReach: (r, h, s) => {
      const x = rangeKind === 'ground' ? r : s;
      if (!(x >= limits.minRange && x <= limits.maxRange && h >= limits.minAltitude && h <= limits.maxAltitude)) return Infinity;
      return s / speed;
    },
  };
}

/** Mean projectile speed of a gun round over its range, as a fraction of the muzzle velocity (notional, drag). */
export const GUN_MEAN_SPEED_FACTOR = 0.6;

/** The target's predicted path: positions from t0 to tEnd (predicted impact). */
export interface TargetPath {
  readonly t0: number;
  readonly tEnd: number;
  positionInto(out: Float64Array, t: number): Float64Array;
}

/** Straight line at the track's velocity from its position, until `tEnd`. */
export function constantVelocityPath(t0: number, state: ArrayLike<number>, tEnd: number): TargetPath {
  const s = Float64Array.from([state[0], state[1], state[2], state[3], state[4], state[5]]);
  return {
    t0, tEnd,
    positionInto(out, t) {
      const dt = t - t0;
      out[0] = s[0] + s[3] * dt;
      out[1] = s[1] + s[4] * dt;
      out[2] = s[2] + s[5] * dt;
      return out;
    },
  };
}

/**
 * Intent-model path of a guided threat: along the great circle from the track's sub-point to the
 * predicted aimpoint at the track's height, arriving at `tEnd`, with a straight terminal descent to
 * the aimpoint's height over the last min(D, max(2 km, 2·h0)) of ground distance (≈ 27°, NOTIONAL).
 * A straight line in ECEF would instead climb away from a low flyer (d²/2R ≈ 0.8 km after 100 km).
 * Spherical (Gaussian mean radius at the start) in latitude/longitude, so it ends exactly on the aimpoint.
 */
export function intentPath(t0: number, state: ArrayLike<number>, aimpoint: ArrayLike<number>, tEnd: number): TargetPath {
  const g0 = ecefToGeodeticInto(new Float64Array(3), [state[0], state[1], state[2]]);
  const ga = ecefToGeodeticInto(new Float64Array(3), aimpoint);
  const R = Math.sqrt(meridionalRadius(g0[0]) * primeVerticalRadius(g0[0]));
  const D = greatCircleDistance(g0[0], g0[1], ga[0], ga[1], R);
  const az = greatCircleAzimuth(g0[0], g0[1], ga[0], ga[1]);
  const h0 = g0[2], hA = ga[2];
  const descent = Math.min(D, Math.max(2000, 2 * Math.max(0, h0 - hA)));
  const dur = Math.max(tEnd - t0, 1e-9);
  const ll = new Float64Array(2);
  return {
    t0, tEnd,
    positionInto(out, t) {
      const f = Math.min(1, Math.max(0, (t - t0) / dur));
      const s = f * D;
      greatCircleDestinationInto(ll, g0[0], g0[1], az, s, R);
      const left = D - s;
      const h = left >= descent ? h0 : hA + ((h0 - hA) * left) / Math.max(descent, 1e-9);
      return geodeticToEcefInto(out, ll[0], ll[1], h);
    },
  };
}

/** Free-fall path (drag-free, as the impact prediction), cubic Hermite between the recorded RK4 steps. */
export function ballisticPath(t0: number, state: ArrayLike<number>, opts: BallisticPropagationOptions = {}): TargetPath {
  const p = propagateBallistic(state, { ...opts, record: true });
  const times = p.times!, states = p.states!;
  const n = times.length;
  return {
    t0, tEnd: t0 + p.duration,
    positionInto(out, t) {
      const tau = Math.min(Math.max(t - t0, 0), times[n - 1]);
      const lo = bracketIndex(times, tau), hi = lo + 1;
      const h = times[hi] - times[lo];
      if (!(h > 0)) {
        for (let i = 0; i < 3; i++) out[i] = states[6 * lo + i];
        return out;
      }
      const u = (tau - times[lo]) / h;
      const h00 = 2 * u ** 3 - 3 * u ** 2 + 1, h10 = u ** 3 - 2 * u ** 2 + u, h01 = -2 * u ** 3 + 3 * u ** 2, h11 = u ** 3 - u ** 2;
      for (let i = 0; i < 3; i++) {
        out[i] = h00 * states[6 * lo + i] + h10 * h * states[6 * lo + 3 + i] + h01 * states[6 * hi + i] + h11 * h * states[6 * hi + 3 + i];
      }
      return out;
    },
  };
}

/** The path matching the assessment's model. */
export function pathFor(track: PictureTrack, assessment: ThreatAssessment, opts: BallisticPropagationOptions = {}): TargetPath {
  return assessment.model === 'ballistic'
    ? ballisticPath(track.t, track.state, { ballisticCoefficient: PLANNING_BALLISTIC_COEFFICIENT, ...opts })
    : intentPath(track.t, track.state, assessment.impactPoint, assessment.impactTime);
}

/** Notional single-shot Pk factor per target class (manoeuvring glide vehicles are hard). */
export const CLASS_PK_FACTOR: Readonly<Record<TargetClass, number>> = Object.freeze({
  ballistic: 1.0, glide: 0.6, cruise: 1.0, drone: 1.0, aircraft: 0.9, unknown: 0.8,
});

/** Edge-of-envelope degradation (see the header). */
export function edgeFactor(groundRange: number, altitude: number, k: Pick<Kinematics, 'maxRange' | 'maxAltitude'>): number {
  const u = Math.max(groundRange / k.maxRange, altitude / k.maxAltitude);
  return 1 - 0.5 * Math.min(1, Math.max(0, (u - 0.8) / 0.2));
}

/** What feasibility needs of a battery (a resolved scenario `Battery` fits). */
export interface FeasibilityBattery {
  id: string;
  location: { lat: number; lon: number; h: number };
  sector: { boresight: number; width: number };
  radar: string | null;
  cuedBy: readonly string[];
  interceptor: { pk: number };
}

export interface Feasibility {
  battery: string;
  track: string;
  feasible: boolean;
  /** Why not (when infeasible). */
  why: string;
  sensorSupport: boolean;
  /** [earliest, latest] launch time (s since epoch), already cut at readyTime; null if none. */
  launchWindow: [number, number] | null;
  /** For a launch at `launchTime` (= max(readyTime, earliest)): intercept time and point, TOF, Pk. */
  launchTime: number;
  interceptTime: number;
  interceptPoint: [number, number, number];
  timeOfFlight: number;
  pk: number;
}

export interface FeasibilityOptions {
  /** Earliest time the battery can launch (now + reaction, launch interval, reload). */
  readyTime: number;
  /** Lowest altitude at which an intercept is acceptable (debris over the defended area), m. Default 0. */
  interceptFloor?: number;
  /** Samples of the intercept-time scan (default 120). */
  samples?: number;
}

const frameCache = new WeakMap<object, LocalFrame>();

interface PathSamples {
  tStart: number;
  n: number;
  /** ECEF positions (3 per sample) and their geodetic coordinates (lat, lon, h per sample). */
  P: Float64Array;
  G: Float64Array;
  /** Longest straight-line distance between consecutive samples (m). */
  maxStep: number;
}
const sampleCache = new WeakMap<TargetPath, PathSamples>();

/** Samples t_k = tStart + k·dt (k = 0…n) of a path, cached on the path object. */
function pathSamples(path: TargetPath, tStart: number, n: number, dt: number): PathSamples {
  const c = sampleCache.get(path);
  if (c && c.tStart === tStart && c.n === n) return c;
  const P = new Float64Array(3 * (n + 1)), G = new Float64Array(3 * (n + 1));
  const p = new Float64Array(3), g = new Float64Array(3);
  let maxStep = 0;
  for (let k = 0; k <= n; k++) {
    path.positionInto(p, tStart + k * dt);
    P.set(p, 3 * k);
    ecefToGeodeticInto(g, p);
    G.set(g, 3 * k);
    if (k > 0) maxStep = Math.max(maxStep, Math.hypot(p[0] - P[3 * k - 3], p[1] - P[3 * k - 2], p[2] - P[3 * k - 1]));
  }
  const s = { tStart, n, P, G, maxStep };
  sampleCache.set(path, s);
  return s;
}
const siteCache = new WeakMap<object, Float64Array>();

/** A battery's ECEF position (m), computed once per location object. */
export function batterySite(location: FeasibilityBattery['location']): Float64Array {
  let site = siteCache.get(location);
  if (!site) {
    site = geodeticToEcefInto(new Float64Array(3), location.lat, location.lon, location.h);
    siteCache.set(location, site);
  }
  return site;
}

/** A battery's local ENU frame, computed once per location object. */
function batteryFrame(location: FeasibilityBattery['location']): LocalFrame {
  let f = frameCache.get(location);
  if (!f) {
    f = localFrame(location);
    frameCache.set(location, f);
  }
  return f;
}

/** Geometry of an intercept point from the battery: ground range, altitude, slant range, azimuth. */
function geometry(b: FeasibilityBattery, p: Float64Array, g: Float64Array, aer: Float64Array): void {
  ecefToGeodeticInto(g, p);
  aerInto(aer, batteryFrame(b.location), p);
}

/**
 * Ground range (m) from the battery to (lat, lon) seen at azimuth `azimuth`: great circle on the
 * sphere of Euler's normal-section radius 1/R_α = cos²α/M + sin²α/N at the battery (M, N the
 * meridional and prime-vertical radii of curvature) — within ~1e-5 relative of the WGS-84
 * geodesic over an engagement's few hundred km (the mean-Earth sphere errs by up to 0.3 %).
 */
export function groundRangeFrom(b: Pick<FeasibilityBattery, 'location'>, lat: number, lon: number, azimuth: number): number {
  const c = Math.cos(azimuth), s = Math.sin(azimuth);
  // M and N at the battery depend on its latitude only: computed once per battery location (the
  // planner calls this ~10⁸ times in a long raid).
  let mn = radiiCache.get(b.location);
  if (!mn) {
    mn = [meridionalRadius(b.location.lat), primeVerticalRadius(b.location.lat)];
    radiiCache.set(b.location, mn);
  }
  const R = 1 / ((c * c) / mn[0] + (s * s) / mn[1]);
  return greatCircleDistance(b.location.lat, b.location.lon, lat, lon, R);
}
const radiiCache = new WeakMap<object, [number, number]>();

function inSector(az: number, sector: { boresight: number; width: number }): boolean {
  if (sector.width >= 2 * Math.PI - 1e-12) return true;
  let d = (az - sector.boresight) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return Math.abs(d) <= sector.width / 2 + 1e-12;
}

/** Sensor support of a battery for a track (see the header). */
export function sensorSupport(b: Pick<FeasibilityBattery, 'radar' | 'cuedBy'>, track: Pick<PictureTrack, 'sensors'>): boolean {
  if (b.radar === null && b.cuedBy.length === 0) return true;
  const has = (id: string) => track.sensors.some((s) => s === id || s.startsWith(id + '/'));
  return (b.radar !== null && has(b.radar)) || b.cuedBy.some(has);
}

/** Feasibility of one (battery, track) pair — see the header. */
export function engagementFeasibility(
  battery: FeasibilityBattery, kin: Kinematics, track: PictureTrack, targetClass: TargetClass, path: TargetPath, opts: FeasibilityOptions,
): Feasibility {
  const floor = opts.interceptFloor ?? 0;
  const n = opts.samples ?? 120;
  const p = new Float64Array(3), g = new Float64Array(3), aer = new Float64Array(3);
  /** t_L(t_I), or NaN where an intercept at t_I is impossible. */
  const launchAt = (tI: number): number => {
    path.positionInto(p, tI);
    geometry(battery, p, g, aer);
    if (g[2] < floor || !inSector(aer[0], battery.sector)) return NaN;
    const ground = groundRangeFrom(battery, g[0], g[1], aer[0]);
    const tof = kin.timeToReach(ground, g[2], aer[2]);
    return Number.isFinite(tof) ? tI - tof : NaN;
  };
  const support = sensorSupport(battery, track);
  const base: Feasibility = {
    battery: battery.id, track: track.id, feasible: false, why: '', sensorSupport: support, launchWindow: null,
    launchTime: NaN, interceptTime: NaN, interceptPoint: [NaN, NaN, NaN], timeOfFlight: NaN, pk: 0,
  };
  const tStart = Math.max(path.t0, track.t), tEnd = path.tEnd - 1e-6;
  if (!(tEnd > tStart)) return { ...base, why: 'the threat is predicted to impact now' };
  const dt = (tEnd - tStart) / n;
  // The path's samples (ECEF and geodetic) do not depend on the battery: computed once per path and
  // shared by every battery that evaluates it this cycle (the planner's hot spot).
  const S = pathSamples(path, tStart, n, dt);
  // Cheap pre-check on straight-line distances (no geodetic conversion): if every sample is farther
  // than the maximum slant reach (max range and altitude, + 1 % for the arc/chord difference) by
  // more than the distance flown between samples, nothing inside can be in the envelope either.
  const site = batterySite(battery.location);
  const reach = 1.01 * Math.hypot(kin.maxRange, kin.maxAltitude) + 1000;
  let minD = Infinity;
  const dist = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    // √(Σ d²) rather than Math.hypot (V8's variadic hypot guards against overflow, ~5× slower; the
    // distances here are < 10⁸ m) — the hot loop of the planner: 121 samples × tracks × batteries.
    const dx = S.P[3 * k] - site[0], dy = S.P[3 * k + 1] - site[1], dz = S.P[3 * k + 2] - site[2];
    dist[k] = Math.sqrt(dx * dx + dy * dy + dz * dz);
    minD = Math.min(minD, dist[k]);
  }
  if (minD - S.maxStep > reach) return { ...base, why: 'the predicted path never enters the envelope/sector before impact' };
  const frame = batteryFrame(battery.location);
  const ts: number[] = [], ls: number[] = [];
  for (let k = 0; k <= n; k++) {
    ts.push(tStart + k * dt);
    // A sample beyond the slant reach cannot be in the envelope (same bound as the pre-check).
    if (dist[k] > reach) {
      ls.push(NaN);
      continue;
    }
    // launchAt(t_k) on the cached sample (same arithmetic as `launchAt`; copied into p, not a
    // subarray view — one allocation per sample was the planner's largest garbage source).
    p[0] = S.P[3 * k]; p[1] = S.P[3 * k + 1]; p[2] = S.P[3 * k + 2];
    aerInto(aer, frame, p);
    const gLat = S.G[3 * k], gLon = S.G[3 * k + 1], gH = S.G[3 * k + 2];
    if (gH < floor || !inSector(aer[0], battery.sector)) {
      ls.push(NaN);
      continue;
    }
    const tof = kin.timeToReach(groundRangeFrom(battery, gLat, gLon, aer[0]), gH, aer[2]);
    ls.push(Number.isFinite(tof) ? ts[k] - tof : NaN);
  }
  const okIdx = ls.map((l, k) => (Number.isNaN(l) ? -1 : k)).filter((k) => k >= 0);
  if (okIdx.length === 0) return { ...base, why: 'the predicted path never enters the envelope/sector before impact' };
  // Refine the first and last feasible intercept times by bisection on the boundary.
  const refine = (inside: number, outside: number): number => {
    let a = inside, b = outside;
    for (let it = 0; it < 50 && Math.abs(b - a) > 1e-6; it++) {
      const m = 0.5 * (a + b);
      if (Number.isNaN(launchAt(m))) b = m;
      else a = m;
    }
    return a;
  };
  let lo = Infinity, hi = -Infinity;
  for (const k of okIdx) {
    lo = Math.min(lo, ls[k]);
    hi = Math.max(hi, ls[k]);
  }
  const first = okIdx[0], last = okIdx[okIdx.length - 1];
  if (first > 0) lo = Math.min(lo, launchAt(refine(ts[first], ts[first - 1])));
  if (last < n) hi = Math.max(hi, launchAt(refine(ts[last], ts[last + 1])));
  const earliest = Math.max(lo, opts.readyTime);
  if (hi < opts.readyTime) {
    return { ...base, launchWindow: null, why: `the launch window [${lo.toFixed(1)}, ${hi.toFixed(1)}] s closes before the battery is ready (${opts.readyTime.toFixed(1)} s)` };
  }
  // Earliest intercept for a launch at `earliest`: the first feasible t_I with t_L(t_I) ≥ earliest.
  let kHit = -1;
  for (const k of okIdx) if (ls[k] >= earliest - 1e-9) { kHit = k; break; }
  let tI: number;
  if (kHit < 0) tI = refine(ts[last], ts[Math.min(last + 1, n)]);
  else if (kHit > 0 && !Number.isNaN(ls[kHit - 1])) {
    let a = ts[kHit - 1], b = ts[kHit];
    for (let it = 0; it < 60 && b - a > 1e-7; it++) {
      const m = 0.5 * (a + b);
      const l = launchAt(m);
      if (!Number.isNaN(l) && l >= earliest) b = m;
      else a = m;
    }
    tI = b;
  } else if (kHit > 0) tI = refine(ts[kHit], ts[kHit - 1]);
  else tI = ts[kHit];
  const tL = launchAt(tI);
  path.positionInto(p, tI);
  geometry(battery, p, g, aer);
  const ground = groundRangeFrom(battery, g[0], g[1], aer[0]);
  const pk = battery.interceptor.pk * CLASS_PK_FACTOR[targetClass] * edgeFactor(ground, g[2], kin);
  return {
    ...base,
    feasible: support,
    why: support ? '' : 'no sensor support (neither the fire-control radar nor a cueing sensor holds the track)',
    launchWindow: [earliest, hi],
    launchTime: Math.max(tL, earliest),
    interceptTime: tI,
    interceptPoint: [p[0], p[1], p[2]],
    timeOfFlight: tI - tL,
    pk,
  };
}
