/**
 * Waypoint routes on the WGS-84 ellipsoid for air-breathing threats (cruise missiles, one-way
 * attack drones): geodesic legs joined by constant-radius turns, flown at a set height above a
 * smooth Earth (the ellipsoid), with climb, dive and pop-up ramps, at constant speed.
 *
 * Model (kinematic, documented in docs/models/flight.md "Routes"):
 *  - Horizontal path. Legs are geodesics on WGS-84 (GeographicLib via geo/). At an interior
 *    waypoint with course change Δ the vehicle flies by the waypoint on a circular arc of radius
 *    r = V/ω_max (ω_max the turn-rate limit), tangent to both legs ("fly-by" turn, as an RNAV
 *    fly-by waypoint): the arc starts and ends d = r·tan(|Δ|/2) from the waypoint along the legs
 *    and saves 2d − r|Δ| of path. The arc is built in the waypoint's local tangent plane and
 *    projected onto the ellipsoid (r is kilometres; the plane departs from the ellipsoid by
 *    d²/2R ≈ 0.1 m for d = 1 km, removed by the projection).
 *  - Representation. The path (at height 0) is sampled into nodes: ECEF position P_k, unit
 *    tangent T_k and path length s_k; between nodes it is the cubic Hermite interpolant in s.
 *    A geodesic sampled every 20 km is reproduced to ~2 mm (Hermite error ≤ Δs⁴/384·|P⁗|,
 *    |P⁗| ~ 1/R³), an arc sampled every 1° to ~1e-8·r (its curvature, hence the turn rate, to 2.5e-5). Evaluating a state is then a handful
 *    of multiplications with no allocation — what raids of thousands need.
 *  - Height h(s) is piecewise linear in path length: launch height → cruise height at the climb
 *    limit, cruise, then the terminal maneuver (dive, pop-up and dive, or level). The position is
 *    X(s) = P(s) + h(s)·n(P(s)), n the ellipsoid normal from the gradient of
 *    x²/a² + y²/a² + z²/b², and the velocity is its exact derivative dX/ds·ds/dt, so position and
 *    velocity are consistent for trackers.
 *  - Timing. Speed V is along the path: on a segment with slope k = dh/ds, ds/dt = V/√(1 + k²),
 *    so t(s) is piecewise linear and inverted exactly. The path length s is measured on the
 *    ellipsoid surface; at height h the true speed is larger by the factor (1 + h/ρ), ρ the
 *    radius of curvature: 1.6e-5 at 100 m, 1.6e-3 at 10 km (documented, not corrected).
 *
 * Vertical corners (start/end of a climb) are instantaneous changes of flight-path angle (a
 * notional pull-up with no load-factor limit); horizontal corners are the turn arcs above.
 */
import { UserError } from '../errors.js';
import {
  WGS84_A,
  WGS84_B,
  ecefToGeodeticInto,
  enuRotationInto,
  geodesicDirect,
  geodesicInverse,
  geodeticToEcefInto,
} from '../geo/index.js';
import type { FlightStatus, Flyer, ImpactPoint } from './types.js';

/** A geodetic point: latitude/longitude in radians, optional height above the ellipsoid (m). */
export interface GeoPoint {
  lat: number;
  lon: number;
  h?: number;
}

/** How the flight ends over the target. Angles in radians, heights in metres above ground. */
export type TerminalManeuver =
  /** From cruise height straight down the dive angle onto the target. */
  | { kind: 'dive'; diveAngle: number }
  /** Climb at `climbAngle` to `popupHeight`, then dive at `diveAngle` onto the target. */
  | { kind: 'popup'; popupHeight: number; climbAngle: number; diveAngle: number }
  /** Stay at cruise height; a final descent (at the climb limit) to the target height if they differ. */
  | { kind: 'level' };

export interface RouteSpec {
  /** Launch point; `h` is the launch height (default 0: ground launch; an aircraft's altitude for air launch). */
  launch: GeoPoint;
  /** Turn points between launch and target (heights ignored: the route flies its profile). */
  waypoints?: readonly GeoPoint[];
  /** Target (aimpoint); `h` is the aimpoint height above the ellipsoid (default 0). */
  target: GeoPoint;
  /** Speed along the path (m/s). */
  speed: number;
  /** Turn-rate limit ω_max (rad/s); the turn radius is speed/ω_max. */
  maxTurnRate: number;
  /** Cruise height above the (smooth) ground (m). */
  cruiseHeight: number;
  /** Largest flight-path angle for climbs and en-route descents (rad). */
  maxClimbAngle: number;
  terminal: TerminalManeuver;
  /** Node spacing along geodesic legs (m, default 20 km). */
  legNodeSpacing?: number;
  /** Largest turn angle between arc nodes (rad, default 1°). */
  arcNodeAngle?: number;
  /** Name used in error messages (e.g. "threats[3]"). */
  label?: string;
}

/** A route precomputed for fast evaluation (see the file header). Plain data; never mutated. */
export interface Route {
  /** Path length along the ground track (m), turns included. */
  readonly length: number;
  /** Sum of the geodesic legs launch → waypoints → target (m), without the turn cut-offs. */
  readonly legLength: number;
  /** Time from launch to arrival at the target (s). */
  readonly duration: number;
  /** Speed along the path (m/s). */
  readonly speed: number;
  /** Turn radius V/ω_max (m). */
  readonly turnRadius: number;
  /** Course change at each interior waypoint (rad, + = right turn). */
  readonly turnAngles: Float64Array;
  /** Horizontal nodes: path length s_k (m), ECEF position P_k (3 per node, m), unit tangent T_k. */
  readonly nodeS: Float64Array;
  readonly nodeP: Float64Array;
  readonly nodeT: Float64Array;
  /** Vertical profile breakpoints: path length (m), height (m), time since launch (s). */
  readonly profileS: Float64Array;
  readonly profileH: Float64Array;
  readonly profileT: Float64Array;
  /** Phase of each profile segment (index into `phases`), length = breakpoints − 1. */
  readonly profilePhase: Uint8Array;
  readonly phases: readonly string[];
  /** Target ECEF position (m). */
  readonly targetEcef: Float64Array;
}

/** Per-flyer search position in a route (monotone in time, so lookups are O(1) amortised). */
export interface RouteCursor {
  node: number;
  profile: number;
}

export function newRouteCursor(): RouteCursor {
  return { node: 0, profile: 0 };
}

const TWO_PI = 2 * Math.PI;
const A2 = WGS84_A * WGS84_A;
const B2 = WGS84_B * WGS84_B;

function wrapPi(a: number): number {
  let r = a % TWO_PI;
  if (r <= -Math.PI) r += TWO_PI;
  else if (r > Math.PI) r -= TWO_PI;
  return r;
}

function checkNumber(label: string, name: string, v: number, min: number, max = Infinity): void {
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new UserError(`${label}: ${name} must be a number in [${min}, ${max}], got ${v}`);
  }
}

function checkPoint(label: string, name: string, p: GeoPoint): void {
  if (!p || !Number.isFinite(p.lat) || !Number.isFinite(p.lon) || Math.abs(p.lat) > Math.PI / 2) {
    throw new UserError(`${label}: ${name} must have a latitude in [−90°, 90°] and a finite longitude`);
  }
  if (p.h !== undefined && !Number.isFinite(p.h)) throw new UserError(`${label}: ${name}.h must be finite`);
}

/** Growable node list used only while building a route. */
class NodeBuilder {
  s: number[] = [];
  p: number[] = [];
  t: number[] = [];
  push(s: number, px: number, py: number, pz: number, tx: number, ty: number, tz: number): void {
    const n = this.s.length;
    if (n > 0 && s <= this.s[n - 1] + 1e-9) {
      // Same point reached twice (a leg of zero remaining length): keep the later tangent.
      this.t.splice(3 * (n - 1), 3, tx, ty, tz);
      return;
    }
    this.s.push(s);
    this.p.push(px, py, pz);
    this.t.push(tx, ty, tz);
  }
}

const rot = new Float64Array(9);
const tmp3 = new Float64Array(3);
const geo3 = new Float64Array(3);

/** Pushes a node at (lat, lon) on the surface with course `azimuth` (rad). */
function pushSurfaceNode(nb: NodeBuilder, s: number, lat: number, lon: number, azimuth: number): void {
  geodeticToEcefInto(tmp3, lat, lon, 0);
  enuRotationInto(rot, lat, lon);
  const se = Math.sin(azimuth), ce = Math.cos(azimuth);
  // Tangent = sinα·E + cosα·N (rows 0 and 1 of the ECEF→ENU rotation are E and N in ECEF).
  nb.push(s, tmp3[0], tmp3[1], tmp3[2],
    se * rot[0] + ce * rot[3], se * rot[1] + ce * rot[4], se * rot[2] + ce * rot[5]);
}

interface Leg {
  from: GeoPoint;
  to: GeoPoint;
  length: number;
  azimuth1: number;
  azimuth2: number;
}

/**
 * Builds a route (validating it: a `UserError` names what is infeasible, e.g. waypoints too close
 * for the turn radius, or a route too short for the climb and the terminal maneuver).
 */
export function buildRoute(spec: RouteSpec): Route {
  const label = spec.label ?? 'route';
  checkPoint(label, 'launch', spec.launch);
  checkPoint(label, 'target', spec.target);
  const waypoints = spec.waypoints ?? [];
  waypoints.forEach((w, i) => checkPoint(label, `waypoints[${i}]`, w));
  checkNumber(label, 'speed (m/s)', spec.speed, 1e-3);
  checkNumber(label, 'maxTurnRate (rad/s)', spec.maxTurnRate, 1e-6);
  checkNumber(label, 'cruiseHeight (m)', spec.cruiseHeight, 0, 1e5);
  checkNumber(label, 'maxClimbAngle (rad)', spec.maxClimbAngle, 1e-4, Math.PI / 2 - 1e-3);
  const legSpacing = spec.legNodeSpacing ?? 20_000;
  const arcStep = spec.arcNodeAngle ?? Math.PI / 180;
  const v = spec.speed;
  const r = v / spec.maxTurnRate;

  // Legs between consecutive points.
  const points: GeoPoint[] = [spec.launch, ...waypoints, spec.target];
  const legs: Leg[] = [];
  let legLength = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const g = geodesicInverse(points[i].lat, points[i].lon, points[i + 1].lat, points[i + 1].lon);
    if (!(g.distance > 1)) {
      throw new UserError(`${label}: points ${i} and ${i + 1} of the route (launch, waypoints…, target) coincide`);
    }
    legs.push({ from: points[i], to: points[i + 1], length: g.distance, azimuth1: g.azimuth1, azimuth2: g.azimuth2 });
    legLength += g.distance;
  }

  // Fly-by turn at each interior waypoint: course change Δ, lead distance d = r·tan(|Δ|/2).
  const nTurns = legs.length - 1;
  const turnAngles = new Float64Array(nTurns);
  const lead = new Float64Array(nTurns);
  for (let i = 0; i < nTurns; i++) {
    const delta = wrapPi(legs[i + 1].azimuth1 - legs[i].azimuth2);
    if (Math.abs(delta) > (175 * Math.PI) / 180) {
      throw new UserError(
        `${label}: waypoints[${i}] reverses the course (${((delta * 180) / Math.PI).toFixed(1)}°); ` +
          'a fly-by turn cannot reverse — add a waypoint to split the turn',
      );
    }
    turnAngles[i] = delta;
    lead[i] = r * Math.tan(Math.abs(delta) / 2);
  }
  for (let i = 0; i < legs.length; i++) {
    const used = (i > 0 ? lead[i - 1] : 0) + (i < nTurns ? lead[i] : 0);
    if (used > legs[i].length) {
      throw new UserError(
        `${label}: leg ${i} (${(legs[i].length / 1000).toFixed(2)} km) is too short for its turns ` +
          `(${(used / 1000).toFixed(2)} km of lead needed with turn radius ${(r / 1000).toFixed(2)} km = speed/maxTurnRate)`,
      );
    }
  }

  // Sample: for each leg the geodesic part between the turn lead-ins, then the turn arc. The
  // arc's end points are computed in the waypoint's tangent plane like the rest of the arc (they
  // differ from the geodesic's points at distance d by millimetres — the geodesic's projection on
  // the plane is not quite straight — and a millimetre over a 30 m node spacing would show as a
  // 1e-4 kink in the turn rate); the legs end on them.
  const nb = new NodeBuilder();
  let s = 0;
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i];
    const turnBefore = i > 0 && lead[i - 1] > 0;
    const turnAfter = i < nTurns && lead[i] > 0;
    const a = i > 0 ? lead[i - 1] : 0;
    const b = leg.length - (i < nTurns ? lead[i] : 0);
    const n = Math.max(1, Math.ceil((b - a) / legSpacing));
    const arc = turnAfter ? new FlyByArc(leg, turnAngles[i], r) : undefined;
    for (let k = turnBefore ? 1 : 0; k <= n; k++) {
      const d = a + ((b - a) * k) / n;
      if (k === n && arc) {
        arc.push(nb, s + (b - a), 0);
      } else if (d === 0) {
        pushSurfaceNode(nb, s, leg.from.lat, leg.from.lon, leg.azimuth1);
      } else if (d === leg.length) {
        pushSurfaceNode(nb, s + (d - a), leg.to.lat, leg.to.lon, leg.azimuth2);
      } else {
        const g = geodesicDirect(leg.from.lat, leg.from.lon, leg.azimuth1, d);
        pushSurfaceNode(nb, s + (d - a), g.lat, g.lon, g.azimuth2);
      }
    }
    s += b - a;
    if (arc) {
      const steps = Math.max(2, Math.ceil(Math.abs(turnAngles[i]) / arcStep));
      for (let k = 1; k <= steps; k++) arc.push(nb, s + (arc.length * k) / steps, k / steps);
      s += arc.length;
    }
  }
  const length = s;

  // Vertical profile.
  const profile = buildProfile(spec, length, label);
  const nodeS = Float64Array.from(nb.s);
  return {
    length,
    legLength,
    duration: profile.t[profile.t.length - 1],
    speed: v,
    turnRadius: r,
    turnAngles,
    nodeS,
    nodeP: Float64Array.from(nb.p),
    nodeT: Float64Array.from(nb.t),
    profileS: Float64Array.from(profile.s),
    profileH: Float64Array.from(profile.h),
    profileT: Float64Array.from(profile.t),
    profilePhase: Uint8Array.from(profile.phase),
    phases: profile.phases,
    targetEcef: geodeticToEcefInto(new Float64Array(3), spec.target.lat, spec.target.lon, spec.target.h ?? 0),
  };
}

/**
 * The fly-by arc at the waypoint between `inLeg` and the next leg (course change `delta`, radius
 * r), built in the waypoint's tangent plane (east, north) and projected onto the ellipsoid.
 */
class FlyByArc {
  /** Arc length r·|Δ| (m). */
  readonly length: number;
  private readonly sign: number;
  private readonly aIn: number;
  private readonly delta: number;
  private readonly r: number;
  private readonly ce: number;
  private readonly cn: number;
  private readonly rotW: Float64Array;
  private readonly wEcef: Float64Array;

  constructor(inLeg: Leg, delta: number, r: number) {
    const w = inLeg.to;
    this.sign = delta > 0 ? 1 : -1; // + = right (clockwise) turn
    this.aIn = inLeg.azimuth2;
    this.delta = delta;
    this.r = r;
    this.length = r * Math.abs(delta);
    const d = r * Math.tan(Math.abs(delta) / 2);
    // Lead-in point d before the waypoint; the centre lies on the turn side, along the
    // right-hand normal (cos α, −sin α) of course α.
    const tinE = -d * Math.sin(this.aIn), tinN = -d * Math.cos(this.aIn);
    this.ce = tinE + this.sign * r * Math.cos(this.aIn);
    this.cn = tinN - this.sign * r * Math.sin(this.aIn);
    this.rotW = enuRotationInto(new Float64Array(9), w.lat, w.lon);
    this.wEcef = geodeticToEcefInto(new Float64Array(3), w.lat, w.lon, 0);
  }

  /** Pushes the node at fraction f ∈ [0, 1] of the arc (course aIn + f·Δ) at path length s. */
  push(nb: NodeBuilder, s: number, f: number): void {
    const { sign, r, rotW, wEcef } = this;
    const alpha = this.aIn + this.delta * f;
    // Point on the circle where the course is α: centre − sign·r·(right normal of α).
    const e = this.ce - sign * r * Math.cos(alpha);
    const n = this.cn + sign * r * Math.sin(alpha);
    // Plane point → ECEF, then onto the ellipsoid (geodetic round trip with h = 0).
    tmp3[0] = wEcef[0] + rotW[0] * e + rotW[3] * n;
    tmp3[1] = wEcef[1] + rotW[1] * e + rotW[4] * n;
    tmp3[2] = wEcef[2] + rotW[2] * e + rotW[5] * n;
    ecefToGeodeticInto(geo3, tmp3);
    const lat = geo3[0], lon = geo3[1];
    geodeticToEcefInto(tmp3, lat, lon, 0);
    // Course α in the waypoint's plane, re-projected onto the local horizontal at the node.
    const se = Math.sin(alpha), co = Math.cos(alpha);
    let tx = se * rotW[0] + co * rotW[3];
    let ty = se * rotW[1] + co * rotW[4];
    let tz = se * rotW[2] + co * rotW[5];
    const ux = Math.cos(lat) * Math.cos(lon), uy = Math.cos(lat) * Math.sin(lon), uz = Math.sin(lat);
    const dot = tx * ux + ty * uy + tz * uz;
    tx -= dot * ux; ty -= dot * uy; tz -= dot * uz;
    const tn = Math.sqrt(tx * tx + ty * ty + tz * tz);
    nb.push(s, tmp3[0], tmp3[1], tmp3[2], tx / tn, ty / tn, tz / tn);
  }
}

interface Profile {
  s: number[];
  h: number[];
  t: number[];
  phase: number[];
  phases: string[];
}

function buildProfile(spec: RouteSpec, length: number, label: string): Profile {
  const phases: string[] = [];
  const phaseIndex = (name: string): number => {
    const i = phases.indexOf(name);
    if (i >= 0) return i;
    phases.push(name);
    return phases.length - 1;
  };
  const h0 = spec.launch.h ?? 0;
  const hc = spec.cruiseHeight;
  const ht = spec.target.h ?? 0;
  const tanClimb = Math.tan(spec.maxClimbAngle);
  const s: number[] = [0];
  const h: number[] = [h0];
  const phase: number[] = [];
  const add = (sk: number, hk: number, name: string): void => {
    if (sk < s[s.length - 1] - 1e-6) {
      throw new UserError(
        `${label}: the route (${(length / 1000).toFixed(1)} km) is too short for the climb to cruise height ` +
          'and the terminal maneuver',
      );
    }
    if (sk <= s[s.length - 1] + 1e-9) {
      // Zero-length segment: replace the height (degenerate ramp) — keeps s strictly increasing.
      h[h.length - 1] = hk;
      return;
    }
    s.push(sk);
    h.push(hk);
    phase.push(phaseIndex(name));
  };
  // Climb (or descent, for an air launch) to cruise height.
  const sCruise = Math.abs(hc - h0) / tanClimb;
  if (sCruise > 0) add(sCruise, hc, hc > h0 ? 'climb' : 'descent');
  // Terminal maneuver.
  const term = spec.terminal;
  if (term.kind === 'dive') {
    checkNumber(label, 'terminal.diveAngle (rad)', term.diveAngle, 1e-3, Math.PI / 2 - 1e-3);
    const sDive = length - Math.max(0, hc - ht) / Math.tan(term.diveAngle);
    add(sDive, hc, 'cruise');
    add(length, ht, 'terminal');
  } else if (term.kind === 'popup') {
    checkNumber(label, 'terminal.diveAngle (rad)', term.diveAngle, 1e-3, Math.PI / 2 - 1e-3);
    checkNumber(label, 'terminal.climbAngle (rad)', term.climbAngle, 1e-3, Math.PI / 2 - 1e-3);
    const hp = term.popupHeight;
    checkNumber(label, 'terminal.popupHeight (m)', hp, Math.max(hc, ht), 1e5);
    const sDive = length - (hp - ht) / Math.tan(term.diveAngle);
    const sPop = sDive - (hp - hc) / Math.tan(term.climbAngle);
    add(sPop, hc, 'cruise');
    add(sDive, hp, 'popup');
    add(length, ht, 'terminal');
  } else if (term.kind === 'level') {
    const sDown = length - Math.abs(hc - ht) / tanClimb;
    add(sDown, hc, 'cruise');
    add(length, ht, 'terminal');
  } else {
    throw new UserError(`${label}: unknown terminal maneuver ${(term as { kind: string }).kind}`);
  }
  // Times: ds/dt = V/√(1 + k²) on each segment.
  const t: number[] = [0];
  for (let i = 1; i < s.length; i++) {
    const ds = s[i] - s[i - 1], dh = h[i] - h[i - 1];
    t.push(t[i - 1] + Math.sqrt(ds * ds + dh * dh) / spec.speed);
  }
  return { s, h, t, phase, phases };
}

/**
 * State on the route at `tau` seconds after launch (clamped to [0, duration]): writes the ECEF
 * [x, y, z, vx, vy, vz] into out[o..o+5] and returns the phase index (into `route.phases`).
 * Allocation-free; `cursor` remembers the last segments searched.
 */
export function evaluateRoute(route: Route, tau: number, out: Float64Array, o: number, cursor: RouteCursor): number {
  const { profileS: ps, profileH: ph, profileT: pt, nodeS: ns, nodeP: np, nodeT: nt } = route;
  const nProf = ps.length;
  if (!(tau > 0)) tau = 0;
  const tEnd = pt[nProf - 1];
  if (tau > tEnd) tau = tEnd;
  // Profile segment j with pt[j] ≤ tau ≤ pt[j+1].
  let j = cursor.profile;
  if (j > nProf - 2) j = nProf - 2;
  while (j < nProf - 2 && tau > pt[j + 1]) j++;
  while (j > 0 && tau < pt[j]) j--;
  cursor.profile = j;
  const dtSeg = pt[j + 1] - pt[j];
  const sRate = (ps[j + 1] - ps[j]) / dtSeg; // ds/dt
  const slope = (ph[j + 1] - ph[j]) / (ps[j + 1] - ps[j]); // dh/ds
  const s = ps[j] + (tau - pt[j]) * sRate;
  const h = ph[j] + (s - ps[j]) * slope;
  // Node segment k with ns[k] ≤ s ≤ ns[k+1].
  const nNodes = ns.length;
  let k = cursor.node;
  if (k > nNodes - 2) k = nNodes - 2;
  while (k < nNodes - 2 && s > ns[k + 1]) k++;
  while (k > 0 && s < ns[k]) k--;
  cursor.node = k;
  const ds = ns[k + 1] - ns[k];
  const u = (s - ns[k]) / ds;
  const u2 = u * u, u3 = u2 * u;
  // Cubic Hermite basis and its derivative (per unit u).
  const h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u, h01 = -2 * u3 + 3 * u2, h11 = u3 - u2;
  const d00 = 6 * u2 - 6 * u, d10 = 3 * u2 - 4 * u + 1, d01 = -d00, d11 = 3 * u2 - 2 * u;
  const i0 = 3 * k, i1 = i0 + 3;
  const px = h00 * np[i0] + h10 * ds * nt[i0] + h01 * np[i1] + h11 * ds * nt[i1];
  const py = h00 * np[i0 + 1] + h10 * ds * nt[i0 + 1] + h01 * np[i1 + 1] + h11 * ds * nt[i1 + 1];
  const pz = h00 * np[i0 + 2] + h10 * ds * nt[i0 + 2] + h01 * np[i1 + 2] + h11 * ds * nt[i1 + 2];
  // dP/ds
  const qx = (d00 * np[i0] + d01 * np[i1]) / ds + d10 * nt[i0] + d11 * nt[i1];
  const qy = (d00 * np[i0 + 1] + d01 * np[i1 + 1]) / ds + d10 * nt[i0 + 1] + d11 * nt[i1 + 1];
  const qz = (d00 * np[i0 + 2] + d01 * np[i1 + 2]) / ds + d10 * nt[i0 + 2] + d11 * nt[i1 + 2];
  // Ellipsoid normal n = g/|g|, g = (x/a², y/a², z/b²), and dn/ds.
  const gx = px / A2, gy = py / A2, gz = pz / B2;
  const gn = Math.sqrt(gx * gx + gy * gy + gz * gz);
  const nx = gx / gn, ny = gy / gn, nz = gz / gn;
  const gpx = qx / A2, gpy = qy / A2, gpz = qz / B2;
  const ndg = nx * gpx + ny * gpy + nz * gpz;
  const dnx = (gpx - ndg * nx) / gn, dny = (gpy - ndg * ny) / gn, dnz = (gpz - ndg * nz) / gn;
  out[o] = px + h * nx;
  out[o + 1] = py + h * ny;
  out[o + 2] = pz + h * nz;
  // dX/dt = (P′ + h·n′ + k·n)·ds/dt
  out[o + 3] = (qx + h * dnx + slope * nx) * sRate;
  out[o + 4] = (qy + h * dny + slope * ny) * sRate;
  out[o + 5] = (qz + h * dnz + slope * nz) * sRate;
  return route.profilePhase[j];
}

/** Height profile value h(s) (m) at path length s (for tests and reports). */
export function routeHeightAt(route: Route, s: number): number {
  const { profileS: ps, profileH: ph } = route;
  if (s <= ps[0]) return ph[0];
  for (let j = 0; j + 1 < ps.length; j++) {
    if (s <= ps[j + 1]) return ph[j] + ((s - ps[j]) * (ph[j + 1] - ph[j])) / (ps[j + 1] - ps[j]);
  }
  return ph[ph.length - 1];
}

// ---------------------------------------------------------------------------------------------
// The Flyer that follows a route (cruise missiles and drones).
// ---------------------------------------------------------------------------------------------

/** A flyer that follows a precomputed `Route` at constant speed (kinds 'cruise' and 'drone'). */
export class RouteFlyer implements Flyer {
  readonly state = new Float64Array(6);
  private _time: number;
  private _status: FlightStatus = 'pending';
  private _phase = 'pending';
  private _thrusting = false;
  private _impact: ImpactPoint | undefined = undefined;
  private readonly cursor = newRouteCursor();

  constructor(
    readonly id: string,
    readonly kind: 'cruise' | 'drone',
    readonly launchTime: number,
    /** The route flown (precomputed; shared read-only). */
    readonly route: Route,
    /** Seconds after launch during which a rocket booster burns (0: none). */
    readonly boosterBurnTime = 0,
  ) {
    if (!Number.isFinite(launchTime)) throw new UserError(`${id}: launch time must be finite, got ${launchTime}`);
    this._time = launchTime;
    evaluateRoute(route, 0, this.state, 0, this.cursor);
    // At rest on its launcher (or carried) until launch.
    this.state[3] = 0; this.state[4] = 0; this.state[5] = 0;
  }

  get time(): number { return this._time; }
  get status(): FlightStatus { return this._status; }
  get phase(): string { return this._phase; }
  get thrusting(): boolean { return this._thrusting; }
  get impact(): ImpactPoint | undefined { return this._impact; }
  /** Time of arrival at the target (s since epoch) if not destroyed first. */
  get arrivalTime(): number { return this.launchTime + this.route.duration; }

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
    const tau = t - this.launchTime;
    const dur = this.route.duration;
    const phase = evaluateRoute(this.route, Math.min(tau, dur), this.state, 0, this.cursor);
    if (tau >= dur) {
      this._time = this.launchTime + dur;
      this._status = 'impact';
      this._phase = 'impact';
      this._thrusting = false;
      const g = ecefToGeodeticInto(new Float64Array(3), this.state);
      const s = this.state;
      this._impact = {
        t: this._time, lat: g[0], lon: g[1], h: g[2],
        position: [s[0], s[1], s[2]], velocity: [s[3], s[4], s[5]],
      };
      return this._status;
    }
    this._time = t;
    this._status = 'flying';
    this._thrusting = tau < this.boosterBurnTime;
    this._phase = this._thrusting ? 'boost' : this.route.phases[phase];
    return this._status;
  }

  destroy(t: number): void {
    if (this._status === 'impact' || this._status === 'destroyed') return;
    if (t > this._time && this.advance(t) === 'impact') return; // it arrived before the intercept time
    this._status = 'destroyed';
    this._phase = 'destroyed';
    this._thrusting = false;
    this._time = Math.max(this._time, t);
    this.state[3] = 0; this.state[4] = 0; this.state[5] = 0;
  }
}

/**
 * The fields of a catalog threat entry (shared/catalog.json `threats[]`) that route-following
 * models read. Extra fields are ignored; a scenario's overrides are applied by the caller.
 */
export interface AirBreatherType {
  id: string;
  max_speed_m_s: number;
  cruise_speed_m_s?: number | null;
  min_altitude_m?: number | null;
  max_altitude_m?: number | null;
  max_range_m?: number | null;
}

/** Checks a built route against the type's catalog limits (range, speed, altitude). */
export function checkRouteAgainstType(route: Route, type: AirBreatherType, label: string, cruiseHeight: number): void {
  if (type.max_range_m != null && route.length > type.max_range_m * (1 + 1e-9)) {
    throw new UserError(
      `${label}: route length ${(route.length / 1000).toFixed(1)} km exceeds the ${type.id} maximum range ` +
        `${(type.max_range_m / 1000).toFixed(0)} km`,
    );
  }
  if (route.speed > type.max_speed_m_s * (1 + 1e-9)) {
    throw new UserError(`${label}: speed ${route.speed} m/s exceeds the ${type.id} maximum ${type.max_speed_m_s} m/s`);
  }
  if (type.max_altitude_m != null && cruiseHeight > type.max_altitude_m) {
    throw new UserError(
      `${label}: cruise height ${cruiseHeight} m is above the ${type.id} ceiling ${type.max_altitude_m} m`,
    );
  }
}
