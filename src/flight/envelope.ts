/**
 * Kinematic envelopes of interceptor types for the battle manager: how long an interceptor takes
 * to reach a point at a given ground range and altitude from its launcher, or that it cannot.
 *
 * Method (a table from flown trajectories, not an approximation): for each node of a grid of
 * ground range × altitude, the interceptor model of interceptor.ts (same airframe, motor,
 * guidance, atmosphere, Earth) is launched at a stationary point there — its own estimate is
 * exact — and the time of closest approach is recorded when the miss is below `REACH_TOLERANCE`
 * and the interceptor is still flying (not stalled, not past its flight time); otherwise the node
 * is unreachable (Infinity). Reference launch site: sea level at 45° N, firing east (Earth rotation
 * and J2 are in the flyout; their effect on times of flight is < 1 % for these ranges).
 * Queries interpolate bilinearly between the four surrounding nodes; if any of them is
 * unreachable the point is reported unreachable (conservative at the edge of the envelope).
 * The catalog's range and altitude limits (min/max range and altitude — engagement limits of the
 * weapon system: radar, fuze, seeker) bound the table: outside them nothing is reachable.
 *
 * Tables are computed lazily per type (and airframe overrides) and cached; the grid is notional
 * and documented in docs/models/flight.md "Kinematic envelope". `decide/` reads these tables; it
 * never flies an interceptor.
 */
import { UserError } from '../errors.js';
import { geodesicDirect, geodeticToEcefInto } from '../geo/index.js';
import {
  type InterceptorAirframe,
  type InterceptorType,
  interceptorAirframe,
  launchInterceptor,
} from './interceptor.js';
import type { GeoPoint } from './route.js';

const DEG = Math.PI / 180;

/** A point counts as reached when the interceptor passes within this distance of it (m). */
export const REACH_TOLERANCE = 5;

/** Reference launch site of the tables. */
export const ENVELOPE_SITE: Readonly<GeoPoint> = Object.freeze({ lat: 45 * DEG, lon: 0, h: 0 });
const ENVELOPE_AZIMUTH = 90 * DEG;

/** Time of flight over a ground range × altitude grid for one interceptor type. */
export interface EnvelopeTable {
  readonly typeId: string;
  /** Ground range nodes (m, increasing) and altitude nodes (m, increasing). */
  readonly ranges: Float64Array;
  readonly altitudes: Float64Array;
  /** Time of flight (s) at node (altitude i, range j) = timeOfFlight[i·ranges.length + j]; Infinity if unreachable. */
  readonly timeOfFlight: Float64Array;
  /** Interceptor speed (m/s) at arrival, same layout (NaN if unreachable). */
  readonly arrivalSpeed: Float64Array;
  /** Catalog limits the table is bounded by (m). */
  readonly minRange: number;
  readonly maxRange: number;
  readonly minAltitude: number;
  readonly maxAltitude: number;
}

/** Result of flying one interceptor at one stationary point. */
export interface FlownPoint {
  /** Time of closest approach (s after launch) and the miss there (m). */
  time: number;
  miss: number;
  /** Speed at closest approach (m/s). */
  speed: number;
  reached: boolean;
}

/** ECEF of the point at ground range `range` (m) along the reference azimuth and altitude `h` from `site`. */
export function envelopePoint(range: number, altitude: number, site: GeoPoint = ENVELOPE_SITE, azimuth = ENVELOPE_AZIMUTH): Float64Array {
  const out = new Float64Array(3);
  if (range <= 0) {
    geodeticToEcefInto(out, site.lat, site.lon, altitude);
    return out;
  }
  const g = geodesicDirect(site.lat, site.lon, azimuth, range);
  return geodeticToEcefInto(out, g.lat, g.lon, altitude);
}

/**
 * Flies an interceptor of `type` from `site` at the stationary point (range, altitude) and reports
 * the closest approach (exact, over the whole flight).
 */
export function flyToPoint(
  type: InterceptorType, range: number, altitude: number,
  airframe: Partial<InterceptorAirframe> = {}, site: GeoPoint = ENVELOPE_SITE,
): FlownPoint {
  const p = envelopePoint(range, altitude, site);
  const target = new Float64Array([p[0], p[1], p[2], 0, 0, 0]);
  const f = launchInterceptor(type, {
    id: `envelope/${type.id}`, launchTime: 0, site,
    targetEstimate: (_t, out) => {
      out.set(target);
      return true;
    },
    airframe,
    // A point straight overhead has no azimuth: fire along the reference azimuth.
    ...(range < 1 ? { launchAzimuth: ENVELOPE_AZIMUTH } : {}),
  });
  const a = f.airframe;
  // Fly in chunks; closest approach over each chunk (target stationary: its Hermite is constant).
  let best = Infinity, bestT = NaN, bestSpeed = NaN;
  let t0 = 0;
  const chunk = 20;
  const cpa = { t: 0, distance: Infinity, interior: false };
  while (f.status === 'flying' || f.status === 'pending') {
    const t1 = Math.min(t0 + chunk, a.maxFlightTime);
    f.advance(t1);
    f.closestApproachTo(t0, target, f.time, target, cpa);
    if (cpa.distance < best) {
      best = cpa.distance;
      bestT = cpa.t;
      bestSpeed = Math.hypot(f.state[3], f.state[4], f.state[5]);
    }
    if (t1 >= a.maxFlightTime || f.time < t1) break;
    t0 = f.time;
  }
  // `bestSpeed` is the speed at the end of the chunk holding the closest approach; a reached point
  // is passed and the interceptor self-destructs `flybyGrace` (0.5 s) later, so it differs from
  // the speed at the closest approach by the deceleration over at most that time.
  const stalled = f.phase === 'stall' && bestT >= f.time - 1e-9;
  return { time: bestT, miss: best, speed: bestSpeed, reached: best <= REACH_TOLERANCE && !stalled };
}

/** Grid of an envelope: ranges and altitudes (m). */
export interface EnvelopeGrid {
  ranges: number[];
  altitudes: number[];
}

/** The default grid: 13 ranges from the catalog minimum to maximum range, 9 altitudes from min to max altitude. */
export function defaultEnvelopeGrid(type: InterceptorType): EnvelopeGrid {
  const rMin = type.min_range_m ?? 0, rMax = type.max_range_m ?? 0;
  const hMin = type.min_altitude_m ?? 0, hMax = type.max_altitude_m ?? 0;
  if (!(rMax > rMin) || !(hMax > hMin)) {
    throw new UserError(`interceptor type ${type.id}: the catalog range/altitude limits do not define an envelope`);
  }
  const lin = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  return { ranges: lin(rMin, rMax, 13), altitudes: lin(hMin, hMax, 9) };
}

/** Flies the whole grid of a type (a few seconds per type). */
export function computeEnvelope(
  type: InterceptorType, grid: EnvelopeGrid = defaultEnvelopeGrid(type), airframe: Partial<InterceptorAirframe> = {},
): EnvelopeTable {
  interceptorAirframe(type, airframe); // validates the type (e.g. refuses guns)
  const nr = grid.ranges.length, nh = grid.altitudes.length;
  const tof = new Float64Array(nr * nh).fill(Infinity);
  const speed = new Float64Array(nr * nh).fill(NaN);
  for (let i = 0; i < nh; i++) {
    for (let j = 0; j < nr; j++) {
      const r = flyToPoint(type, grid.ranges[j], grid.altitudes[i], airframe);
      if (r.reached) {
        tof[i * nr + j] = r.time;
        speed[i * nr + j] = r.speed;
      }
    }
  }
  return {
    typeId: type.id,
    ranges: Float64Array.from(grid.ranges),
    altitudes: Float64Array.from(grid.altitudes),
    timeOfFlight: tof,
    arrivalSpeed: speed,
    minRange: type.min_range_m ?? 0,
    maxRange: type.max_range_m ?? Infinity,
    minAltitude: type.min_altitude_m ?? 0,
    maxAltitude: type.max_altitude_m ?? Infinity,
  };
}

const cache = new Map<string, EnvelopeTable>();

/** The (cached) envelope table of a type with optional airframe overrides. */
export function interceptorEnvelope(type: InterceptorType, airframe: Partial<InterceptorAirframe> = {}): EnvelopeTable {
  const key = JSON.stringify([type, airframe]);
  let t = cache.get(key);
  if (!t) {
    t = computeEnvelope(type, defaultEnvelopeGrid(type), airframe);
    cache.set(key, t);
  }
  return t;
}

function bracket(nodes: Float64Array, x: number): number {
  let lo = 0, hi = nodes.length - 1;
  if (x <= nodes[0]) return 0;
  if (x >= nodes[hi]) return hi - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Time of flight (s) from launch to a point at ground range `range` and altitude `altitude` (m)
 * from the launcher, by bilinear interpolation in the table; Infinity if not reachable.
 * Allocation-free.
 */
export function timeToReach(table: EnvelopeTable, range: number, altitude: number): number {
  if (!(range >= table.minRange && range <= table.maxRange && altitude >= table.minAltitude && altitude <= table.maxAltitude)) {
    return Infinity;
  }
  const { ranges, altitudes, timeOfFlight: tof } = table;
  const nr = ranges.length;
  const j = bracket(ranges, range), i = bracket(altitudes, altitude);
  const u = Math.min(1, Math.max(0, (range - ranges[j]) / (ranges[j + 1] - ranges[j])));
  const w = Math.min(1, Math.max(0, (altitude - altitudes[i]) / (altitudes[i + 1] - altitudes[i])));
  const t00 = tof[i * nr + j], t01 = tof[i * nr + j + 1];
  const t10 = tof[(i + 1) * nr + j], t11 = tof[(i + 1) * nr + j + 1];
  // Exactly on a reachable node or edge: use only the nodes that carry weight.
  const c00 = (1 - u) * (1 - w), c01 = u * (1 - w), c10 = (1 - u) * w, c11 = u * w;
  let sum = 0;
  if (c00 > 0) { if (t00 === Infinity) return Infinity; sum += c00 * t00; }
  if (c01 > 0) { if (t01 === Infinity) return Infinity; sum += c01 * t01; }
  if (c10 > 0) { if (t10 === Infinity) return Infinity; sum += c10 * t10; }
  if (c11 > 0) { if (t11 === Infinity) return Infinity; sum += c11 * t11; }
  return sum;
}

/** True if the point is inside the envelope (and reached within `withinTime` s, if given). */
export function canReach(table: EnvelopeTable, range: number, altitude: number, withinTime = Infinity): boolean {
  return timeToReach(table, range, altitude) <= withinTime;
}
