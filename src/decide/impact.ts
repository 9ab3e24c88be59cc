/**
 * Impact prediction from a track (state + covariance) — the battle manager's own propagation, never
 * the truth model (DESIGN.md: decide/ sees tracks only).
 *
 * Ballistic class: free fall in ECEF under point-mass + J2 gravity with the Coriolis and
 * centrifugal terms (geo/gravity.ts `ecefFreeFallAccelerationInto`), classical RK4 with a fixed step
 * (default 1 s), until the ellipsoid height drops through the ground height; the crossing is then
 * located by bisection on the length of one RK4 step from the last state above ground. Drag is
 * neglected by default: above ~30 km it is negligible for a re-entry vehicle (ρ(30 km) ≈ 0.018
 * kg/m³); below, an RV decelerates strongly and the drag-free point lies BEYOND the true one
 * (downrange bias, quantified in test/decide/impact.test.ts). With `ballisticCoefficient` β
 * (kg/m², a planning assumption for the class — the track does not measure it) the drag term
 * −ρ(h)|v|v/(2β) is added below `DRAG_CEILING_DECIDE` (US Standard Atmosphere 1976 density, air
 * at rest in ECEF); threat evaluation uses β = 5000 kg/m² for ballistic tracks (threat.ts).
 *
 * Uncertainty: unscented transform with the symmetric 2n-point set (κ = 0: points x̄ ± √n·Lᵢ,
 * weights 1/(2n); Julier & Uhlmann 2004, "Unscented filtering and nonlinear estimation", Proc.
 * IEEE 92(3); identical to the third-degree spherical-radial cubature rule of Arasaratnam &
 * Haykin 2009). Each sigma point is propagated to the ground; the impact mean and its 2×2 east/north
 * covariance at the mean impact point, and the time-to-go mean and spread, are the weighted sample
 * moments.
 *
 * Cruise / drone / glide / aircraft (guided toward an asset): the intent model — see `predictIntent`.
 */
import {
  ecefFreeFallAccelerationInto,
  ecefToEnuInto,
  ecefToGeodeticInto,
  ellipsoidHeight,
  geodeticToEcefInto,
  localFrame,
  ecefVectorToEnuInto,
  densityAt,
} from '../geo/index.js';
import { mat } from '../math/index.js';
import type { ImpactPrediction } from './types.js';

export interface BallisticPropagationOptions {
  /** Integration step (s), default 1. */
  step?: number;
  /** Give up after this much flight time (s), default 4000 (beyond an ICBM's flight). */
  maxTime?: number;
  /** Ellipsoid height of the ground (m), default 0. */
  groundHeight?: number;
  /** Record the trajectory (every step) for feasibility queries. */
  record?: boolean;
  /** Ballistic coefficient β = m/(C_D·A), kg/m², for drag below 100 km; default Infinity (no drag). */
  ballisticCoefficient?: number;
}

/** Height (m) above which the decide/ propagation ignores drag even with a ballistic coefficient. */
export const DRAG_CEILING_DECIDE = 100_000;

/** Result of one free-fall propagation. */
export interface BallisticPath {
  /** True if the ground was reached within maxTime. */
  impacted: boolean;
  /** State at impact (or at maxTime), ECEF [x y z vx vy vz]. */
  end: Float64Array;
  /** Seconds from the start to impact (or to maxTime). */
  duration: number;
  /** Recorded samples (if asked): times from the start (s) and the states, 6 per sample. */
  times?: Float64Array;
  states?: Float64Array;
}

/** Scratch for RK4 (one set per module: the planner is single-threaded). */
const k1 = new Float64Array(6), k2 = new Float64Array(6), k3 = new Float64Array(6), k4 = new Float64Array(6);
const tmp = new Float64Array(6);

/** 1/(2β) of the propagation in progress (0: no drag). Module state: the planner is single-threaded. */
let halfInvBeta = 0;
const R_DRAG2 = (6_378_137 + DRAG_CEILING_DECIDE) ** 2; // beyond this radius (equatorial radius + ceiling) no drag
const WGS84_A = 6_378_137;
const GM = 3.986004418e14;
/** Above this radius (equatorial radius + 150 km) the propagation takes long steps. */
const HIGH_STEP_R2 = (WGS84_A + 150_000) ** 2;

function deriv(out: Float64Array, y: Float64Array): void {
  out[0] = y[3];
  out[1] = y[4];
  out[2] = y[5];
  ecefFreeFallAccelerationInto(out, y, y, 3, 0, 3);
  if (halfInvBeta > 0 && y[0] * y[0] + y[1] * y[1] + y[2] * y[2] < R_DRAG2) {
    const h = ellipsoidHeight(y);
    if (h < DRAG_CEILING_DECIDE) {
      const k = densityAt(h) * Math.hypot(y[3], y[4], y[5]) * halfInvBeta;
      out[3] -= k * y[3];
      out[4] -= k * y[4];
      out[5] -= k * y[5];
    }
  }
}

/** One classical RK4 step of size h from y into out (out may not alias y). */
function rk4Step(out: Float64Array, y: Float64Array, h: number): void {
  deriv(k1, y);
  for (let i = 0; i < 6; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
  deriv(k2, tmp);
  for (let i = 0; i < 6; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
  deriv(k3, tmp);
  for (let i = 0; i < 6; i++) tmp[i] = y[i] + h * k3[i];
  deriv(k4, tmp);
  for (let i = 0; i < 6; i++) out[i] = y[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

/**
 * Propagates a free-falling ECEF state (no drag) until it descends through `groundHeight`.
 * Allocation: the result arrays only.
 */
export function propagateBallistic(state: ArrayLike<number>, opts: BallisticPropagationOptions = {}): BallisticPath {
  const h = opts.step ?? 1;
  const maxTime = opts.maxTime ?? 4000;
  const ground = opts.groundHeight ?? 0;
  const beta = opts.ballisticCoefficient ?? Infinity;
  halfInvBeta = beta > 0 && Number.isFinite(beta) ? 1 / (2 * beta) : 0;
  const y = new Float64Array(6);
  for (let i = 0; i < 6; i++) y[i] = state[i];
  const next = new Float64Array(6);
  const rec: number[] = [];
  const recT: number[] = [];
  if (opts.record) {
    recT.push(0);
    for (let i = 0; i < 6; i++) rec.push(y[i]);
  }
  let t = 0;
  let hPrev = ellipsoidHeight(y);
  // An escaping state (specific orbital energy ≥ 0) never comes down: no need to fly it for maxTime.
  const r0 = Math.hypot(y[0], y[1], y[2]);
  if (0.5 * (y[3] * y[3] + y[4] * y[4] + y[5] * y[5]) - GM / r0 >= 0 && hPrev > ground) {
    return { impacted: false, end: y, duration: 0, ...(opts.record ? { times: Float64Array.from(recT), states: Float64Array.from(rec) } : {}) };
  }
  if (hPrev <= ground) {
    return { impacted: true, end: y, duration: 0, ...(opts.record ? { times: Float64Array.from(recT), states: Float64Array.from(rec) } : {}) };
  }
  while (t < maxTime) {
    // Performance: far above the atmosphere the vacuum arc is smooth — take 5× longer steps (RK4's
    // error on a ballistic arc at 5 s stays far below a millimetre) and skip the exact height test.
    const r2 = y[0] * y[0] + y[1] * y[1] + y[2] * y[2];
    const step = r2 > HIGH_STEP_R2 ? 5 * h : h;
    rk4Step(next, y, step);
    const rn2 = next[0] * next[0] + next[1] * next[1] + next[2] * next[2];
    const hNext = rn2 > (WGS84_A + ground + 1000) ** 2 ? Infinity : ellipsoidHeight(next);
    if (hNext <= ground) {
      // Bisection on the step length τ ∈ (0, h]: height(RK4(y, τ)) − ground changes sign.
      let lo = 0, hi = step;
      for (let it = 0; it < 40 && hi - lo > 1e-7; it++) {
        const mid = 0.5 * (lo + hi);
        rk4Step(next, y, mid);
        if (ellipsoidHeight(next) > ground) lo = mid;
        else hi = mid;
      }
      rk4Step(next, y, hi);
      t += hi;
      if (opts.record) {
        recT.push(t);
        for (let i = 0; i < 6; i++) rec.push(next[i]);
      }
      return { impacted: true, end: next, duration: t, ...(opts.record ? { times: Float64Array.from(recT), states: Float64Array.from(rec) } : {}) };
    }
    y.set(next);
    t += step;
    hPrev = hNext;
    if (opts.record) {
      recT.push(t);
      for (let i = 0; i < 6; i++) rec.push(y[i]);
    }
  }
  void hPrev;
  return { impacted: false, end: y, duration: t, ...(opts.record ? { times: Float64Array.from(recT), states: Float64Array.from(rec) } : {}) };
}

/** Top-left 6×6 block of an n×n row-major covariance. */
export function positionVelocityCovariance(cov: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(36);
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) out[i * 6 + j] = cov[i * n + j];
  return out;
}

/**
 * Ballistic impact prediction with unscented-transform uncertainty (see the header). `t` is the
 * track time; `state` ECEF position/velocity (6 or more entries, the first 6 used) and `cov` its
 * n×n covariance (n = state.length). Returns null if the mean state does not reach the ground
 * within `maxTime` (e.g. still climbing to orbit). Sigma points that do not land are ignored.
 */
export function predictBallisticImpact(
  t: number, state: ArrayLike<number>, cov: ArrayLike<number>, opts: BallisticPropagationOptions = {},
): ImpactPrediction | null {
  const n = state.length;
  const ground = opts.groundHeight ?? 0;
  const mean = propagateBallistic(state, { ...opts, record: false });
  if (!mean.impacted) return null;
  const P = positionVelocityCovariance(cov, n);
  const L = new Float64Array(36);
  if (!mat.choleskySemidefiniteInto(L, mat.symmetrize(P, 6), 6)) {
    throw new RangeError('predictBallisticImpact: the track covariance is not positive semidefinite');
  }
  const scale = Math.sqrt(6);
  const pts: Float64Array[] = [];
  const tofs: number[] = [];
  const x = new Float64Array(6);
  for (let c = 0; c < 6; c++) {
    for (const sgn of [1, -1]) {
      for (let i = 0; i < 6; i++) x[i] = state[i] + sgn * scale * L[i * 6 + c];
      const p = propagateBallistic(x, { ...opts, record: false });
      if (p.impacted) {
        pts.push(p.end.slice(0, 3));
        tofs.push(p.duration);
      }
    }
  }
  // Mean impact point: the weighted mean of the sigma impacts, put back on the ground height.
  const m = new Float64Array(3);
  let tofMean = 0;
  if (pts.length > 0) {
    for (const p of pts) for (let i = 0; i < 3; i++) m[i] += p[i] / pts.length;
    for (const d of tofs) tofMean += d / tofs.length;
  } else {
    m.set(mean.end.subarray(0, 3));
    tofMean = mean.duration;
  }
  const g = ecefToGeodeticInto(new Float64Array(3), m);
  geodeticToEcefInto(m, g[0], g[1], ground);
  const frame = localFrame(m);
  const enu = new Float64Array(3);
  const C = new Float64Array(4);
  let vt = 0;
  for (let k = 0; k < pts.length; k++) {
    ecefToEnuInto(enu, frame, pts[k]);
    C[0] += (enu[0] * enu[0]) / pts.length;
    C[1] += (enu[0] * enu[1]) / pts.length;
    C[3] += (enu[1] * enu[1]) / pts.length;
    vt += ((tofs[k] - tofMean) ** 2) / pts.length;
  }
  C[2] = C[1];
  return {
    model: 'ballistic',
    impactPoint: m,
    impactCov: C,
    timeToGo: tofMean,
    timeToGoSigma: Math.sqrt(vt),
    impactTime: t + tofMean,
  };
}

/** A candidate aimpoint for the intent model. */
export interface IntentCandidate {
  id: string;
  /** ECEF reference point (m). */
  position: ArrayLike<number>;
  /** Footprint radius (m). */
  radius: number;
}

export interface IntentOptions {
  /** Heading uncertainty allowed for route turns and manoeuvres (rad, 1σ), default 10°. */
  maneuverSigma?: number;
  /** Prior weight of "none of the candidates" as a miss of this many σ, default 3. */
  nullSigmas?: number;
}

/**
 * Intent model for a guided air-breathing or gliding threat: which asset is the track's velocity
 * pointing at? For each candidate at horizontal distance d and angle α off the track's horizontal
 * heading (ENU at the track), the miss of the current heading is m = d·sin α (α < 90°; an asset
 * behind is missed by d). Its 1σ allowance grows with distance:
 *   σ² = R² + σ_pos² + d²·(σ_hdg² + σ_man²),
 * R the footprint radius, σ_pos the horizontal position sigma, σ_hdg the track's heading sigma
 * (cross-heading velocity sigma / speed), σ_man the manoeuvre allowance. The likelihood of aiming
 * at the candidate is the Gaussian density exp(−m²/2σ²)·σ_min/σ (so that, on one line of bearing, the
 * nearer asset — sharper σ — is preferred: "weighted by distance"), normalised together with a
 * "none of these" hypothesis of weight exp(−k²/2) (k = `nullSigmas`). Time to go = d / horizontal
 * speed; the impact point is the most probable candidate's reference point, with an isotropic
 * east/north covariance σ² of that candidate.
 */
export function predictIntent(
  t: number, state: ArrayLike<number>, cov: ArrayLike<number>, candidates: readonly IntentCandidate[], opts: IntentOptions = {},
): ImpactPrediction | null {
  if (candidates.length === 0) return null;
  const n = state.length;
  const sigMan = opts.maneuverSigma ?? (10 * Math.PI) / 180;
  const kNull = opts.nullSigmas ?? 3;
  const frame = localFrame([state[0], state[1], state[2]]);
  const v = ecefVectorToEnuInto(new Float64Array(3), frame, [state[3], state[4], state[5]]);
  const speedH = Math.hypot(v[0], v[1]);
  if (!(speedH > 1e-3)) return null;
  const ue = v[0] / speedH, un = v[1] / speedH;
  // Velocity covariance rotated to ENU: cross-heading component c = (−un, ue, 0).
  const R = frame.rotation;
  const cross = [-un * R[0] + ue * R[3], -un * R[1] + ue * R[4], -un * R[2] + ue * R[5]];
  let varCross = 0, varPos = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) varCross += cross[i] * cov[(3 + i) * n + 3 + j] * cross[j];
  }
  // Horizontal position variance: E and N rows of the position block.
  for (const row of [0, 3]) {
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) varPos += R[row + i] * cov[i * n + j] * R[row + j];
  }
  const sigHdg2 = varCross / (speedH * speedH);
  const enu = new Float64Array(3);
  const rows: { id: string; d: number; miss: number; sigma: number; pos: ArrayLike<number> }[] = [];
  for (const c of candidates) {
    ecefToEnuInto(enu, frame, c.position);
    const d = Math.hypot(enu[0], enu[1]);
    const along = enu[0] * ue + enu[1] * un;
    const miss = along > 0 ? Math.abs(enu[0] * un - enu[1] * ue) : d;
    const sigma = Math.sqrt(c.radius * c.radius + varPos + d * d * (sigHdg2 + sigMan * sigMan)) || 1;
    rows.push({ id: c.id, d, miss, sigma, pos: c.position });
  }
  const sMin = Math.min(...rows.map((r) => r.sigma));
  const w = rows.map((r) => Math.exp(-0.5 * (r.miss / r.sigma) ** 2) * (sMin / r.sigma));
  const total = w.reduce((a, b) => a + b, 0) + Math.exp(-0.5 * kNull * kNull);
  const intent = rows.map((r, i) => ({ asset: r.id, probability: w[i] / total }));
  let best = 0;
  for (let i = 1; i < rows.length; i++) if (w[i] > w[best]) best = i;
  const b = rows[best];
  const ttg = b.d / speedH;
  const speedVar = (() => {
    let s = 0;
    const u = [ue * R[0] + un * R[3], ue * R[1] + un * R[4], ue * R[2] + un * R[5]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += u[i] * cov[(3 + i) * n + 3 + j] * u[j];
    return s;
  })();
  return {
    model: 'intent',
    impactPoint: Float64Array.from([b.pos[0], b.pos[1], b.pos[2]]),
    impactCov: Float64Array.from([b.sigma * b.sigma, 0, 0, b.sigma * b.sigma]),
    timeToGo: ttg,
    timeToGoSigma: (ttg * Math.sqrt(Math.max(0, speedVar))) / speedH,
    impactTime: t + ttg,
    intent: intent.sort((a, c) => c.probability - a.probability),
  };
}
