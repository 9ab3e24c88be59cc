/**
 * Early-warning processing of space IR lines of sight (the ground segment of a SBIRS/DSP-like
 * system, notional): triangulation of simultaneous LOS from two or more satellites, boost tracks
 * from the triangulated points, and launch reports (launch point and time, azimuth, predicted
 * impact area, latency). It reads detections only — never truth. Method and sources:
 * docs/models/sensors.md ("Triangulation and launch reports").
 */
import {
  OMEGA_EARTH,
  GM_EARTH,
  WGS84_A,
  WGS84_B,
  ecefToEnuInto,
  ecefToGeodeticInto,
  ellipsoidHeight,
  enuToEcefInto,
  greatCircleAzimuth,
  greatCircleDestination,
  greatCircleDistance,
  localFrame,
} from '../geo/index.js';
import { mat } from '../math/index.js';
import { losDirection } from './infrared.js';
import type { Detection } from './types.js';

type V3 = [number, number, number];

/** One line of sight: from `position` (ECEF, m) along the unit vector `direction`. */
export interface LineOfSight {
  position: ArrayLike<number>;
  direction: ArrayLike<number>;
  /** Angular standard deviation (rad) of the direction, for weighting (default 1). */
  sigma?: number;
}

export interface Triangulation {
  /** Least-squares point (ECEF, m). */
  point: V3;
  /** Its covariance (row-major 3×3, m²) from the angular sigmas (first-order). */
  covariance: Float64Array;
  /** RMS perpendicular distance of the point from the lines, m. */
  residual: number;
}

/**
 * The point closest to two or more lines in the weighted least-squares sense:
 *     minimise Σ w_i·|(I − u_i u_iᵀ)(x − p_i)|²   ⇒   (Σ w_i P_i) x = Σ w_i P_i p_i,  P_i = I − u_i u_iᵀ,
 * with w_i = 1/(σ_i·d_i)², d_i the distance from p_i to x (a LOS angle error σ moves the line
 * by σ·d at the point), iterated twice from equal weights. The covariance is (Σ w_i P_i)⁻¹
 * (Hartley & Zisserman, "Multiple View Geometry", 2nd ed., §12 on triangulation; the
 * closest-point-to-lines normal equations). Returns null for fewer than two lines or (nearly)
 * parallel lines.
 */
export function triangulate(lines: readonly LineOfSight[]): Triangulation | null {
  if (lines.length < 2) return null;
  const A = new Float64Array(9);
  const b = new Float64Array(3);
  let x: V3 | null = null;
  for (let iter = 0; iter < 3; iter++) {
    A.fill(0);
    b.fill(0);
    for (const l of lines) {
      const u = l.direction;
      const n = Math.hypot(u[0], u[1], u[2]);
      const ux = u[0] / n, uy = u[1] / n, uz = u[2] / n;
      const s = l.sigma ?? 1;
      let w = 1 / (s * s);
      if (x) {
        const d = Math.hypot(x[0] - l.position[0], x[1] - l.position[1], x[2] - l.position[2]);
        w /= d * d;
      }
      const P = [1 - ux * ux, -ux * uy, -ux * uz, -uy * ux, 1 - uy * uy, -uy * uz, -uz * ux, -uz * uy, 1 - uz * uz];
      for (let i = 0; i < 9; i++) A[i] += w * P[i];
      for (let i = 0; i < 3; i++) {
        b[i] += w * (P[3 * i] * l.position[0] + P[3 * i + 1] * l.position[1] + P[3 * i + 2] * l.position[2]);
      }
    }
    const L = new Float64Array(9);
    if (!mat.choleskyInto(L, A, 3)) return null;
    // Reject near-parallel geometry: smallest pivot relative to the largest.
    const piv = [L[0] * L[0], L[4] * L[4], L[8] * L[8]];
    if (Math.min(...piv) < 1e-10 * Math.max(...piv)) return null;
    const sol = new Float64Array(3);
    mat.choleskySolveInto(sol, L, b, 3, 1);
    x = [sol[0], sol[1], sol[2]];
  }
  const covariance = mat.spdInverse(A, 3);
  let ss = 0;
  for (const l of lines) {
    const u = l.direction;
    const n = Math.hypot(u[0], u[1], u[2]);
    const dx = x![0] - l.position[0], dy = x![1] - l.position[1], dz = x![2] - l.position[2];
    // Perpendicular distance |d × û| (no cancellation, unlike |d|² − (d·û)²).
    const cx = (dy * u[2] - dz * u[1]) / n, cy = (dz * u[0] - dx * u[2]) / n, cz = (dx * u[1] - dy * u[0]) / n;
    ss += cx * cx + cy * cy + cz * cz;
  }
  return { point: x!, covariance, residual: Math.sqrt(ss / lines.length) };
}

/** Geocentric radius (m) of the WGS-84 ellipsoid at geocentric latitude φ. */
function ellipsoidRadius(phi: number): number {
  const c = Math.cos(phi), s = Math.sin(phi);
  const a = WGS84_A, b = WGS84_B;
  return (a * b) / Math.sqrt(b * b * c * c + a * a * s * s);
}

export interface BallisticImpact {
  /** Time of flight from the state to impact, s. */
  timeOfFlight: number;
  /** Impact point: geodetic lat/lon (rad) and ECEF (m). */
  lat: number;
  lon: number;
  position: V3;
  /** Ground range from the state's sub-point along the great circle (mean radius), m. */
  range: number;
}

/**
 * Impact of a free-flying body from an ECEF state by two-body Kepler motion over a rotating
 * Earth, no drag (the classical impact predictor; Bate, Mueller & White, "Fundamentals of
 * Astrodynamics", 1971, ch. 6 "Ballistic missile trajectories"; Vallado 4th ed. §2.2–2.3):
 * inertial velocity v_i = v + ω×r; p = h²/μ, e from the eccentricity vector; the descending
 * crossing of the radius R of the ellipsoid (geocentric radius at the impact latitude, iterated)
 * at true anomaly ν₂ = 2π − acos((p/R − 1)/e); time of flight from Kepler's equation; the impact
 * point rotated back by the Earth's turn ω·tof. Returns null if the orbit does not come down.
 */
export function ballisticImpact(state: ArrayLike<number>): BallisticImpact | null {
  const rx = state[0], ry = state[1], rz = state[2];
  // Inertial velocity in the frame aligned with ECEF at this instant.
  const vx = state[3] - OMEGA_EARTH * ry;
  const vy = state[4] + OMEGA_EARTH * rx;
  const vz = state[5];
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const rv = rx * vx + ry * vy + rz * vz;
  const hx = ry * vz - rz * vy, hy = rz * vx - rx * vz, hz = rx * vy - ry * vx;
  const h = Math.hypot(hx, hy, hz);
  const mu = GM_EARTH;
  const energy = v2 / 2 - mu / r;
  if (!(energy < 0) || !(h > 0)) return null;
  const a = -mu / (2 * energy);
  const p = (h * h) / mu;
  const e = Math.sqrt(Math.max(0, 1 - p / a));
  if (e < 1e-9) return null; // circular: never comes down
  const n = Math.sqrt(mu / (a * a * a));
  // True anomaly now: cos ν = (p/r − 1)/e, sign from r·v.
  const cosNu1 = Math.max(-1, Math.min(1, (p / r - 1) / e));
  const nu1 = rv >= 0 ? Math.acos(cosNu1) : 2 * Math.PI - Math.acos(cosNu1);
  const meanAnomaly = (nu: number): number => {
    const E = 2 * Math.atan2(Math.sqrt(1 - e) * Math.sin(nu / 2), Math.sqrt(1 + e) * Math.cos(nu / 2));
    return E - e * Math.sin(E);
  };
  const rhat: V3 = [rx / r, ry / r, rz / r];
  const hhat: V3 = [hx / h, hy / h, hz / h];
  const t: V3 = [hhat[1] * rhat[2] - hhat[2] * rhat[1], hhat[2] * rhat[0] - hhat[0] * rhat[2], hhat[0] * rhat[1] - hhat[1] * rhat[0]];
  let R = ellipsoidRadius(Math.asin(rz / r));
  let result: BallisticImpact | null = null;
  for (let iter = 0; iter < 4; iter++) {
    const c = (p / R - 1) / e;
    if (c > 1) return null; // perigee above R: no impact
    if (c < -1) return null;
    const nu2 = 2 * Math.PI - Math.acos(c); // descending branch
    let dnu = nu2 - nu1;
    if (dnu <= 0) dnu += 2 * Math.PI;
    let dM = meanAnomaly(nu2) - meanAnomaly(nu1);
    while (dM <= 0) dM += 2 * Math.PI;
    const tof = dM / n;
    // Impact direction in inertial axes: rotate r̂ by Δν about ĥ; then undo the Earth's turn.
    const cd = Math.cos(dnu), sd = Math.sin(dnu);
    const ix = R * (rhat[0] * cd + t[0] * sd);
    const iy = R * (rhat[1] * cd + t[1] * sd);
    const iz = R * (rhat[2] * cd + t[2] * sd);
    const th = OMEGA_EARTH * tof;
    const ct = Math.cos(th), st = Math.sin(th);
    const pos: V3 = [ct * ix + st * iy, -st * ix + ct * iy, iz];
    const g = ecefToGeodeticInto(new Float64Array(3), pos);
    result = {
      timeOfFlight: tof,
      lat: g[0],
      lon: g[1],
      position: pos,
      range: 6_371_008.8 * Math.acos(Math.max(-1, Math.min(1, (rx * pos[0] + ry * pos[1] + rz * pos[2]) / (r * Math.hypot(...pos))))),
    };
    const Rn = ellipsoidRadius(Math.asin(iz / R));
    if (Math.abs(Rn - R) < 0.01) break;
    R = Rn;
  }
  return result;
}

/** Predicted impact area of a launch report: a corridor along the launch azimuth. */
export interface ImpactArea {
  /** Launch azimuth ± halfWidth (rad), ground ranges [minRange, maxRange] (m) from the launch point. */
  azimuth: number;
  halfWidth: number;
  minRange: number;
  maxRange: number;
  /** Corridor outline, [lat, lon] in radians, closed (first = last). */
  polygon: [number, number][];
}

/** A launch report (an event of the recording). Angles in radians, times s since the epoch. */
export interface LaunchReport {
  type: 'launch' | 'burnout';
  /** Report time. */
  t: number;
  /** Force of the early-warning system. */
  force: string;
  trackId: string;
  /** Estimated launch time and point (geodetic, rad). */
  launchTime: number;
  launchPoint: { lat: number; lon: number };
  /** Launch azimuth (clockwise from north) and its 1σ, rad. */
  azimuth: number;
  azimuthSigma: number;
  /** Report time − estimated launch time, s. */
  latency: number;
  /** Time of the first triangulated point of the boost track. */
  firstDetection: number;
  /** Triangulated points used. */
  points: number;
  impactArea: ImpactArea;
  /** 'burnout' reports: the impact point predicted from the last boost state (Kepler). */
  impactPoint?: { lat: number; lon: number; t: number };
  /** Rough 1σ radius of that prediction, m. */
  impactRadius?: number;
  /** Sensors that contributed lines of sight. */
  sensors: string[];
  /** Scoring only (from the detections' truthId): never read by a decision. */
  truthIds: string[];
}

export interface EarlyWarningOptions {
  /** Force owning the processing (copied into reports). */
  force?: string;
  /** Largest RMS miss distance of lines of sight triangulated together, m [20 km]. */
  pairGate?: number;
  /** Largest speed assumed when associating a point with a boost track, m/s [8 km/s]. */
  maxSpeed?: number;
  /** Distance slack of track association beyond the predicted position, m [20 km]. */
  trackGate?: number;
  /** Triangulated points before the first launch report [3]. */
  minPoints?: number;
  /** A boost track not updated for this long is over (burnout or lost), s [25]. */
  coastTime?: number;
  /** Ground-range band of the impact corridor, m [300 km, 13 000 km]. */
  rangeBand?: [number, number];
  /** Launch-site height assumed when extrapolating back to launch, m [0]. */
  launchHeight?: number;
}

interface BoostPoint {
  t: number;
  p: V3;
  /** Position variance scale (trace/3 of the triangulation covariance), m². */
  var: number;
}

interface BoostTrack {
  id: string;
  points: BoostPoint[];
  sensors: Set<string>;
  truth: Set<string>;
  reported: boolean;
  last: number;
}

/** Weighted least-squares quadratic fit of the track's positions about time t₀: p(τ) = a + bτ + cτ². */
function fitQuadratic(points: readonly BoostPoint[], t0: number): { a: V3; b: V3; c: V3; varB: number } {
  const deg = points.length >= 3 ? 2 : 1;
  const k = deg + 1;
  const N = new Float64Array(k * k);
  const rhs = new Float64Array(k * 3);
  for (const pt of points) {
    const tau = pt.t - t0;
    const basis = deg === 2 ? [1, tau, tau * tau] : [1, tau];
    const w = 1 / Math.max(pt.var, 1);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) N[i * k + j] += w * basis[i] * basis[j];
      for (let c = 0; c < 3; c++) rhs[i * 3 + c] += w * basis[i] * pt.p[c];
    }
  }
  const L = new Float64Array(k * k);
  const sol = new Float64Array(k * 3);
  if (!mat.choleskyInto(L, N, k)) {
    const p = points[points.length - 1].p;
    return { a: [...p] as V3, b: [0, 0, 0], c: [0, 0, 0], varB: Infinity };
  }
  mat.choleskySolveInto(sol, L, rhs, k, 3);
  const inv = mat.choleskyInverseInto(new Float64Array(k * k), L, k);
  const a: V3 = [sol[0], sol[1], sol[2]];
  const b: V3 = [sol[3], sol[4], sol[5]];
  const c: V3 = deg === 2 ? [sol[6], sol[7], sol[8]] : [0, 0, 0];
  return { a, b, c, varB: inv[k + 1] };
}

function evalFit(f: { a: V3; b: V3; c: V3 }, tau: number): V3 {
  return [f.a[0] + f.b[0] * tau + f.c[0] * tau * tau, f.a[1] + f.b[1] * tau + f.c[1] * tau * tau, f.a[2] + f.b[2] * tau + f.c[2] * tau * tau];
}

/** Points along a great circle corridor (launch point, azimuth ± half width, ranges). */
function corridor(lat: number, lon: number, azimuth: number, halfWidth: number, minRange: number, maxRange: number): [number, number][] {
  const ring: [number, number][] = [];
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const az = azimuth - halfWidth + (2 * halfWidth * i) / steps;
    const p = greatCircleDestination(lat, lon, az, maxRange);
    ring.push([p.lat, p.lon]);
  }
  for (let i = steps; i >= 0; i--) {
    const az = azimuth - halfWidth + (2 * halfWidth * i) / steps;
    const p = greatCircleDestination(lat, lon, az, minRange);
    ring.push([p.lat, p.lon]);
  }
  ring.push(ring[0]);
  return ring;
}

/**
 * The early-warning ground processor: feed it each tick's detections (it uses the 'los' ones);
 * it triangulates, builds boost tracks and returns the launch reports produced at that tick.
 */
export class EarlyWarningCenter {
  private readonly opts: Required<EarlyWarningOptions>;
  private readonly tracks: BoostTrack[] = [];
  private nextId = 1;
  /** Every report produced so far, in order. */
  readonly reports: LaunchReport[] = [];

  constructor(options: EarlyWarningOptions = {}) {
    this.opts = {
      force: options.force ?? '',
      pairGate: options.pairGate ?? 20_000,
      maxSpeed: options.maxSpeed ?? 8_000,
      trackGate: options.trackGate ?? 20_000,
      minPoints: options.minPoints ?? 3,
      coastTime: options.coastTime ?? 25,
      rangeBand: options.rangeBand ?? [300_000, 13_000_000],
      launchHeight: options.launchHeight ?? 0,
    };
  }

  /** Consume the detections of time t; return the launch reports made now. */
  ingest(t: number, detections: readonly Detection[]): LaunchReport[] {
    const made: LaunchReport[] = [];
    const los = detections.filter((d) => d.kind === 'los');
    if (los.length > 0) {
      for (const pt of this.triangulateFrame(los)) this.associate(t, pt, made);
    }
    // End boost tracks that stopped updating (plume gone: burnout, or out of view).
    for (let i = 0; i < this.tracks.length; i++) {
      const tr = this.tracks[i];
      if (t - tr.last > this.opts.coastTime) {
        if (tr.reported && tr.points.length >= this.opts.minPoints) made.push(this.report(tr, t, 'burnout'));
        this.tracks.splice(i--, 1);
      }
    }
    this.reports.push(...made);
    return made;
  }

  /** Close every open boost track now (end of run); returns the burnout reports. */
  flush(t: number): LaunchReport[] {
    const made: LaunchReport[] = [];
    for (const tr of this.tracks) if (tr.reported && tr.points.length >= this.opts.minPoints) made.push(this.report(tr, t, 'burnout'));
    this.tracks.length = 0;
    this.reports.push(...made);
    return made;
  }

  /** Triangulated points of one frame: greedy pairing of LOS from different satellites. */
  private triangulateFrame(los: readonly Detection[]): { p: V3; var: number; sensors: string[]; truth: string[]; t: number }[] {
    type L = { d: Detection; platform: string; line: LineOfSight; used: boolean };
    const lines: L[] = los.map((d) => ({
      d,
      platform: d.platformId ?? `${d.sensorId}@${d.sensorPosition.join(',')}`,
      line: { position: d.sensorPosition, direction: losDirection(d.z, d.sensorPosition), sigma: Math.sqrt(d.R[0]) },
      used: false,
    }));
    const pairs: { i: number; j: number; tri: Triangulation }[] = [];
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[i].platform === lines[j].platform) continue;
        const tri = triangulate([lines[i].line, lines[j].line]);
        if (!tri || tri.residual > this.opts.pairGate) continue;
        const h = ellipsoidHeight(tri.point);
        if (h < -20_000 || h > 2_000_000) continue;
        pairs.push({ i, j, tri });
      }
    }
    pairs.sort((a, b) => a.tri.residual - b.tri.residual);
    const points: { p: V3; var: number; sensors: string[]; truth: string[]; t: number }[] = [];
    for (const pr of pairs) {
      if (lines[pr.i].used || lines[pr.j].used) continue;
      const members = [pr.i, pr.j];
      // Add LOS of other satellites passing near the point.
      const usedPlatforms = new Set([lines[pr.i].platform, lines[pr.j].platform]);
      for (let k = 0; k < lines.length; k++) {
        if (lines[k].used || members.includes(k) || usedPlatforms.has(lines[k].platform)) continue;
        const tri = triangulate([...members.map((m) => lines[m].line), lines[k].line]);
        if (tri && tri.residual <= this.opts.pairGate) {
          members.push(k);
          usedPlatforms.add(lines[k].platform);
        }
      }
      const tri = triangulate(members.map((m) => lines[m].line));
      if (!tri) continue;
      for (const m of members) lines[m].used = true;
      const c = tri.covariance;
      points.push({
        p: tri.point,
        var: (c[0] + c[4] + c[8]) / 3,
        sensors: [...new Set(members.map((m) => lines[m].d.sensorId))],
        truth: [...new Set(members.map((m) => lines[m].d.truthId).filter((x): x is string => typeof x === 'string'))],
        t: lines[members[0]].d.t,
      });
    }
    return points;
  }

  private associate(t: number, pt: { p: V3; var: number; sensors: string[]; truth: string[]; t: number }, made: LaunchReport[]): void {
    let best: BoostTrack | undefined;
    let bestD = Infinity;
    for (const tr of this.tracks) {
      const dt = pt.t - tr.last;
      if (!(dt > 0)) continue;
      const n = tr.points.length;
      const lastP = tr.points[n - 1];
      let pred: V3 = lastP.p;
      let gate = this.opts.maxSpeed * dt + this.opts.trackGate;
      if (n >= 2) {
        const prev = tr.points[n - 2];
        const h = lastP.t - prev.t;
        pred = [0, 1, 2].map((c) => lastP.p[c] + ((lastP.p[c] - prev.p[c]) / h) * dt) as V3;
        gate = 0.5 * 60 * dt * dt + this.opts.trackGate; // up to 6 g unmodelled acceleration
      }
      const d = Math.hypot(pt.p[0] - pred[0], pt.p[1] - pred[1], pt.p[2] - pred[2]);
      if (d < gate && d < bestD) {
        best = tr;
        bestD = d;
      }
    }
    if (!best) {
      best = { id: `${this.opts.force || 'ew'}/boost-${this.nextId++}`, points: [], sensors: new Set(), truth: new Set(), reported: false, last: pt.t };
      this.tracks.push(best);
    }
    best.points.push({ t: pt.t, p: pt.p, var: pt.var });
    best.last = pt.t;
    for (const s of pt.sensors) best.sensors.add(s);
    for (const s of pt.truth) best.truth.add(s);
    if (!best.reported && best.points.length >= this.opts.minPoints) {
      best.reported = true;
      made.push(this.report(best, t, 'launch'));
    }
  }

  /**
   * A launch report from a boost track (docs/models/sensors.md, "Launch reports"):
   *  - launch time t₀ from the early points (≤ 6) by the from-rest model h = ½·a·(t − t₀)², i.e.
   *    a weighted straight-line fit of √h against t (t₀ = where it crosses zero);
   *  - launch point: the horizontal (ENU at the first point's sub-point) positions fitted as
   *    x₀ + c·(t − t₀)^2.5 (pitch-over displacement grows between τ² and τ³), x₀ = launch point;
   *  - azimuth of the fitted horizontal motion (c_E, c_N), with its 1σ from the fit;
   *  - impact area: a corridor along the azimuth over the configured range band; at burnout
   *    (plume lost) the Kepler impact of the last boost state (quadratic fit of the last ≤ 4
   *    points, extrapolated half a frame) with a radius from the velocity uncertainty (fit
   *    covariance plus the acceleration over half a frame, as the burnout instant is unseen).
   */
  private report(tr: BoostTrack, t: number, type: 'launch' | 'burnout'): LaunchReport {
    const all = tr.points;
    const early = all.slice(0, 6);
    // √h against t: weighted least squares (var of √h ≈ var(h)/(4h)).
    const heights = early.map((p) => Math.max(ellipsoidHeight(p.p) - this.opts.launchHeight, 1));
    let sw = 0, st = 0, sy = 0, stt = 0, sty = 0;
    early.forEach((p, i) => {
      const y = Math.sqrt(heights[i]);
      const w = (4 * heights[i]) / Math.max(p.var, 1);
      sw += w; st += w * p.t; sy += w * y; stt += w * p.t * p.t; sty += w * p.t * y;
    });
    const den = sw * stt - st * st;
    const slope = den > 0 ? (sw * sty - st * sy) / den : 0;
    const intercept = den > 0 ? (sy - slope * st) / sw : 0;
    const first = early[0];
    let launchTime = slope > 0 ? -intercept / slope : first.t;
    if (!(launchTime <= first.t)) launchTime = first.t;
    if (launchTime < first.t - 600) launchTime = first.t - 600;
    // Horizontal positions in ENU at the first point's sub-point.
    const g0 = ecefToGeodeticInto(new Float64Array(3), first.p);
    const frame = localFrame({ lat: g0[0], lon: g0[1], h: 0 });
    const enu = new Float64Array(3);
    let a0 = 0, a1 = 0, a2 = 0; // Σw, Σws, Σws²
    const bE = [0, 0], bN = [0, 0]; // Σw·x, Σw·s·x
    const xs: { s: number; e: number; n: number; w: number }[] = [];
    for (const p of early) {
      ecefToEnuInto(enu, frame, p.p);
      const s = Math.pow(Math.max(p.t - launchTime, 0), 2.5);
      const w = 1 / Math.max(p.var, 1);
      xs.push({ s, e: enu[0], n: enu[1], w });
      a0 += w; a1 += w * s; a2 += w * s * s;
      bE[0] += w * enu[0]; bE[1] += w * s * enu[0];
      bN[0] += w * enu[1]; bN[1] += w * s * enu[1];
    }
    const det = a0 * a2 - a1 * a1;
    let e0 = xs[0].e, n0 = xs[0].n, cE = 0, cN = 0, varC = Infinity;
    if (det > 0 && xs.length >= 2) {
      cE = (a0 * bE[1] - a1 * bE[0]) / det;
      cN = (a0 * bN[1] - a1 * bN[0]) / det;
      e0 = (bE[0] - cE * a1) / a0;
      n0 = (bN[0] - cN * a1) / a0;
      varC = a0 / det;
    }
    enu[0] = e0; enu[1] = n0; enu[2] = 0;
    const launchEcef = enuToEcefInto(new Float64Array(3), frame, enu);
    const g = ecefToGeodeticInto(new Float64Array(3), launchEcef);
    let azimuth = Math.atan2(cE, cN);
    if (azimuth < 0) azimuth += 2 * Math.PI;
    const c = Math.hypot(cE, cN);
    const azimuthSigma = c > 0 ? Math.min(Math.PI, Math.sqrt(varC) / c) : Math.PI;
    const halfWidth = Math.min(Math.PI / 2, Math.max(3 * azimuthSigma, 2 * (Math.PI / 180)));
    let [minRange, maxRange] = this.opts.rangeBand;
    let corridorAzimuth = azimuth;
    let corridorHalfWidth = halfWidth;
    const report: LaunchReport = {
      type,
      t,
      force: this.opts.force,
      trackId: tr.id,
      launchTime,
      launchPoint: { lat: g[0], lon: g[1] },
      azimuth,
      azimuthSigma,
      latency: t - launchTime,
      firstDetection: first.t,
      points: all.length,
      impactArea: { azimuth, halfWidth, minRange, maxRange, polygon: [] },
      sensors: [...tr.sensors].sort(),
      truthIds: [...tr.truth].sort(),
    };
    if (type === 'burnout' && all.length >= 3) {
      const tail = all.slice(-4);
      const tEnd = tail[tail.length - 1].t;
      const framePeriod = (tEnd - tail[0].t) / (tail.length - 1);
      const bo = fitQuadratic(tail, tEnd);
      const tau = framePeriod / 2;
      const p = evalFit(bo, tau);
      const vb: V3 = [bo.b[0] + 2 * bo.c[0] * tau, bo.b[1] + 2 * bo.c[1] * tau, bo.b[2] + 2 * bo.c[2] * tau];
      const impact = ballisticImpact([p[0], p[1], p[2], vb[0], vb[1], vb[2]]);
      if (impact) {
        report.impactPoint = { lat: impact.lat, lon: impact.lon, t: tEnd + tau + impact.timeOfFlight };
        // Velocity 1σ: fit plus the unseen acceleration over half a frame; mapped to the ground
        // by the sensitivity of the impact point to speed along the velocity.
        const speed = Math.hypot(...vb);
        const accel = 2 * Math.hypot(...bo.c);
        const dv = Math.sqrt(Math.max(bo.varB, 0) + (accel * tau) ** 2);
        const k = 1 + dv / speed;
        const other = ballisticImpact([p[0], p[1], p[2], vb[0] * k, vb[1] * k, vb[2] * k]);
        const radius = other ? greatCircleDistance(impact.lat, impact.lon, other.lat, other.lon) : impact.range;
        report.impactRadius = radius;
        const rangeToImpact = greatCircleDistance(g[0], g[1], impact.lat, impact.lon);
        corridorAzimuth = greatCircleAzimuth(g[0], g[1], impact.lat, impact.lon);
        corridorHalfWidth = Math.min(Math.PI / 2, Math.max(Math.atan2(radius, rangeToImpact), Math.PI / 180));
        minRange = Math.max(0, rangeToImpact - radius);
        maxRange = rangeToImpact + radius;
      }
    }
    report.impactArea = {
      azimuth: corridorAzimuth,
      halfWidth: corridorHalfWidth,
      minRange,
      maxRange,
      polygon: corridor(g[0], g[1], corridorAzimuth, corridorHalfWidth, minRange, maxRange),
    };
    return report;
  }
}
