/**
 * Re-entry motion model in ECEF with an estimated ballistic coefficient, for the force picture's
 * re-entry EKF (docs/models/tracking.md, "Re-entry with an estimated ballistic coefficient").
 *
 * State x = [r (3), v (3), θ] in ECEF (m, m/s) with θ = 1/β (m²/kg), β = m/(C_D·A) (kg/m², the
 * definition of flight/'s truth model). Equations of motion (Zarchan, "Tactical and Strategic
 * Missile Guidance", 6th ed., ch. 8; Farina, Ristic & Benvenuti, "Tracking a ballistic target:
 * comparison of several nonlinear filters", IEEE T-AES 38(3), 2002; Li & Jilkov, "Survey of
 * maneuvering target tracking. Part II: ballistic target models", SPIE 4473, 2001):
 *
 *   ṙ = v
 *   v̇ = g_J2(r) − 2ω×v − ω×(ω×r) − ½ ρ(h) |v| v θ        (v = ECEF = air-relative velocity,
 *   θ̇ = 0 (+ random walk)                                   the atmosphere co-rotates)
 *
 * Why θ = 1/β and not β or ln β: the acceleration is LINEAR in θ, so ∂a/∂θ = −½ρ|v|v is exact and
 * the EKF's linearisation in that direction costs nothing; θ = 0 is the vacuum limit (exo-
 * atmospheric tracks, where drag is unobservable, sit at a finite, well-defined value instead of
 * β → ∞ or ln β → ∞); and a Gaussian on θ with the drag's information ∝ ρ|v|³ stays near-Gaussian
 * as ρ grows. Positivity is kept by clamping θ ≥ 0 after an update (θ = 0 is the physical
 * boundary: no drag), which for θ = 1/β is a benign projection; ln β would keep positivity but
 * make the dynamics non-linear in the estimated parameter and put the unobservable vacuum case at
 * infinity.
 *
 * Propagation: classical RK4 (Butcher §23) with sub-steps ≤ `maxStep`, together with the
 * variational equations Φ̇ = A(x) Φ, Φ(0) = I (Maybeck, "Stochastic Models, Estimation and
 * Control" vol. 2, §12.3; Gelb, "Applied Optimal Estimation", §6.1), so the 7×7 transition
 * Jacobian Φ = ∂x(t+Δt)/∂x(t) is the exact derivative of the discrete RK4 map up to O(h⁴), at the
 * cost of one 3×7 matrix product per stage. A = ∂f/∂x analytically:
 *
 *   A = [[0, I, 0], [A_r, A_v, a_θ], [0, 0, 0]]
 *   A_r = μ/r³ (3 r̂r̂ᵀ − I) + diag(ω², ω², 0) − ½ θ |v| v ρ′(h) n̂ᵀ     (n̂ = ∂h/∂r, the surface normal)
 *   A_v = [[0, 2ω, 0], [−2ω, 0, 0], [0, 0, 0]] − ½ ρ θ (|v| I + v vᵀ/|v|)
 *   a_θ = −½ ρ |v| v
 *
 * Approximations in A only (the state propagation is full J2): the J2 part of the gravity
 * gradient is dropped (1.5 J2 (a/r)² ≈ 1.6e-3 of a gradient whose effect is (μ/r³)Δt² ≈ 4e-5 at
 * Δt = 5 s), n̂ is the ellipsoid's normal ∝ (x, y, z a²/b²) (exact on the surface), and
 * ρ′(h) is a central difference of geo's `densityAt` over ±10 m (relative error ~(δ/H)²/6 ≈ 3e-7
 * with H ≈ 7 km; the US-76 layer formulas have no exported derivative). Analytic propagation of Φ
 * was preferred over central differences of the whole propagation (14 extra propagations per
 * predict, with a step size to tune); the test checks the two agree.
 *
 * Height is `ellipsoidHeightFast` (the ellipsoid's radius along the geocentric direction subtracted;
 * < 1 m from the exact WGS-84 height below 100 km): a 1 m height error is a 0.015 % density error.
 * Drag is dropped above `DRAG_CEILING_REENTRY` = 120 km (as flight/'s truth does).
 *
 * Process noise: continuous white acceleration of spectral density q on v (the nearly-constant-
 * velocity Q, Bar-Shalom, Li & Kirubarajan 2001 §6.2.2, absorbing lift, C_D(Mach) and model error)
 * and a random walk of spectral density q_θ on θ:
 *
 *   Q = [[q Δt³/3 I, q Δt²/2 I, 0], [q Δt²/2 I, q Δt I, 0], [0, 0, q_θ Δt]].
 *
 * Pure functions on Float64Array; a caller-owned work buffer of `REENTRY_WORK_SIZE` entries makes
 * every call allocation-free. Hand-written: the EKF calls it for every re-entry track every scan.
 */
import { GM_EARTH, OMEGA_EARTH, WGS84_A, WGS84_F } from '../../geo/constants.js';
import { densityAt } from '../../geo/atmosphere.js';
import { gravityJ2Into } from '../../geo/gravity.js';

/** State size [x y z vx vy vz θ]. */
export const REENTRY_STATE_SIZE = 7;
/** Entries of the work buffer the propagation needs. */
export const REENTRY_WORK_SIZE = 4 * 56 + 32;
/** Height (m) above which drag is not computed (as flight/'s truth, `DRAG_CEILING`). */
export const DRAG_CEILING_REENTRY = 120_000;

/** The Earth the model flies over. The tracker uses `REENTRY_EARTH`; the others are for checks. */
export interface ReentryEnvironment {
  /** 'j2': point mass + J2 (geo); 'point-mass': μ/r² only; 'none': no gravity. */
  gravity: 'j2' | 'point-mass' | 'none';
  /** Coriolis and centrifugal terms of the rotating ECEF frame. */
  rotation: boolean;
  /** US Standard Atmosphere 1976 (geo `densityAt`), an exponential ρ0·exp(−h/H), or none. */
  atmosphere: { kind: 'us1976' } | { kind: 'exponential'; density0: number; scaleHeight: number } | { kind: 'none' };
}

/** WGS-84 + J2, rotating, US 1976 — the tracker's model (the truth world's Earth). */
export const REENTRY_EARTH: ReentryEnvironment = Object.freeze({
  gravity: 'j2', rotation: true, atmosphere: Object.freeze({ kind: 'us1976' }),
}) as ReentryEnvironment;

const W = OMEGA_EARTH;

const A2_B2 = 1 / ((1 - WGS84_F) * (1 - WGS84_F)); // a²/b²

/**
 * Ellipsoidal height (m) of a point at geocentric radius r with z-coordinate z, approximated as
 * r minus the ellipsoid's radius in the same geocentric direction, r_e = ab/√(b²cos²ψ + a²sin²ψ).
 * The radial and normal directions differ by ≤ 0.19° (δ ≤ 3.4e-3 rad), so the error is
 * ≈ h δ²/2 ≤ 0.6 m at 100 km and ≤ 6 m at 1,000 km (the first-order formula a(1 − f sin²ψ) is
 * off by the O(f²) term, up to ~25 m). Exact on the polar axis and the equator.
 */
export function ellipsoidHeightFast(x: number, y: number, z: number): number {
  const r2 = x * x + y * y + z * z;
  const s2 = (z * z) / r2;
  return Math.sqrt(r2) - WGS84_A / Math.sqrt(1 - s2 + s2 * A2_B2);
}

function heightOf(x: number, y: number, z: number): number {
  return ellipsoidHeightFast(x, y, z);
}

function densityOf(env: ReentryEnvironment, h: number): number {
  const a = env.atmosphere;
  if (a.kind === 'none') return 0;
  if (a.kind === 'exponential') return a.density0 * Math.exp(-h / a.scaleHeight);
  return h < DRAG_CEILING_REENTRY ? densityAt(h) : 0;
}

function densitySlope(env: ReentryEnvironment, h: number, rho: number): number {
  const a = env.atmosphere;
  if (a.kind === 'none') return 0;
  if (a.kind === 'exponential') return -rho / a.scaleHeight;
  if (h >= DRAG_CEILING_REENTRY) return 0;
  return (densityAt(h + 10) - densityAt(h - 10)) / 20;
}

/**
 * Acceleration v̇ (m/s², ECEF) of the 7-state x[xo..xo+6] into out[oo..oo+2]. Returns the air
 * density ρ (kg/m³) used. Allocation-free.
 */
export function reentryAccelerationInto(
  out: Float64Array, x: ArrayLike<number>, env: ReentryEnvironment = REENTRY_EARTH, xo = 0, oo = 0,
): number {
  const px = x[xo], py = x[xo + 1], pz = x[xo + 2];
  const vx = x[xo + 3], vy = x[xo + 4], vz = x[xo + 5];
  if (env.gravity === 'j2') gravityJ2Into(out, x, oo, xo);
  else if (env.gravity === 'point-mass') {
    const r2 = px * px + py * py + pz * pz;
    const k = -GM_EARTH / (r2 * Math.sqrt(r2));
    out[oo] = k * px; out[oo + 1] = k * py; out[oo + 2] = k * pz;
  } else { out[oo] = 0; out[oo + 1] = 0; out[oo + 2] = 0; }
  if (env.rotation) {
    out[oo] += 2 * W * vy + W * W * px;
    out[oo + 1] += -2 * W * vx + W * W * py;
  }
  const h = heightOf(px, py, pz);
  const rho = densityOf(env, h);
  const theta = x[xo + 6];
  if (rho > 0 && theta !== 0) {
    const k = 0.5 * rho * Math.sqrt(vx * vx + vy * vy + vz * vz) * theta;
    out[oo] -= k * vx;
    out[oo + 1] -= k * vy;
    out[oo + 2] -= k * vz;
  }
  return rho;
}

const JAC_SCRATCH = new Float64Array(6);

/**
 * Continuous-time Jacobian A = ∂f/∂x (7×7 row-major) of the model at x (see the header for the
 * terms and the approximations), written to A. Allocation-free.
 */
export function reentryJacobianInto(A: Float64Array, x: ArrayLike<number>, env: ReentryEnvironment = REENTRY_EARTH): Float64Array {
  A.fill(0, 0, 49);
  for (let i = 0; i < 3; i++) A[i * 7 + 3 + i] = 1;
  jacobianRows(A, 21, x, 0, env, JAC_SCRATCH, 0);
  return A;
}

/**
 * Rows 3..5 of A (the acceleration's derivatives, 3 rows × 7) at the state s[so..so+6] into
 * J[o..o+20]; tmp[to..to+5] is scratch (r̂, v). `rhoAt`, if not NaN, is the air density at this
 * state already evaluated by the caller (`derivative` has it from the acceleration: one US-76
 * evaluation fewer per RK4 stage, the same value).
 */
function jacobianRows(
  J: Float64Array, o: number, s: ArrayLike<number>, so: number, env: ReentryEnvironment, tmp: Float64Array, to: number,
  rhoAt = NaN,
): void {
  const px = s[so], py = s[so + 1], pz = s[so + 2];
  const vx = s[so + 3], vy = s[so + 4], vz = s[so + 5], theta = s[so + 6];
  const r2 = px * px + py * py + pz * pz;
  const r = Math.sqrt(r2);
  const U = to, V = to + 3;
  // Outward ellipsoid normal ∝ ∇((x² + y²)/a² + z²/b²) = (x, y, z a²/b²)/a²: ∂h/∂r (a point above
  // the surface shares it with its foot to ~h e²/R ≈ 1e-4 rad at 100 km).
  const nz = pz * A2_B2;
  const nn = Math.sqrt(px * px + py * py + nz * nz);
  tmp[U] = px / nn; tmp[U + 1] = py / nn; tmp[U + 2] = nz / nn;
  tmp[V] = vx; tmp[V + 1] = vy; tmp[V + 2] = vz;
  for (let k = 0; k < 21; k++) J[o + k] = 0;
  if (env.gravity !== 'none') {
    // Point-mass gravity gradient μ/r³ (3 r̂r̂ᵀ − I) = μ/r⁵ (3 r rᵀ − r² I).
    const m = GM_EARTH / (r2 * r2 * r);
    for (let a = 0; a < 3; a++) for (let c = 0; c < 3; c++) J[o + a * 7 + c] = m * (3 * s[so + a] * s[so + c] - (a === c ? r2 : 0));
  }
  if (env.rotation) {
    J[o] += W * W; // centrifugal: ∂a_x/∂x
    J[o + 8] += W * W; // ∂a_y/∂y
    J[o + 4] += 2 * W; // Coriolis: a_x += 2ω v_y
    J[o + 10] -= 2 * W; // a_y −= 2ω v_x
  }
  const h = heightOf(px, py, pz);
  const rho = rhoAt === rhoAt ? rhoAt : densityOf(env, h);
  if (rho > 0) {
    const sp = Math.sqrt(vx * vx + vy * vy + vz * vz);
    const drho = densitySlope(env, h, rho);
    const k = 0.5 * rho * theta;
    const isp = sp > 0 ? 1 / sp : 0;
    for (let a = 0; a < 3; a++) {
      const va = tmp[V + a];
      for (let c = 0; c < 3; c++) {
        J[o + a * 7 + c] -= 0.5 * theta * sp * va * drho * tmp[U + c];
        J[o + a * 7 + 3 + c] -= k * ((a === c ? sp : 0) + va * tmp[V + c] * isp);
      }
      J[o + a * 7 + 6] = -0.5 * rho * sp * va;
    }
  }
}

/**
 * dz/dt of z = [x (7), Φ (49)] (n = 56) or of x alone (n = 7): [v, a, 0] and A Φ.
 * `jac` is 27 entries of scratch (rows 3..5 of A, then r̂ and v).
 */
function derivative(
  z: Float64Array, zo: number, dz: Float64Array, dzo: number, n: number, env: ReentryEnvironment, jac: Float64Array, jo: number,
): void {
  dz[dzo] = z[zo + 3];
  dz[dzo + 1] = z[zo + 4];
  dz[dzo + 2] = z[zo + 5];
  const rho = reentryAccelerationInto(dz, z, env, zo, dzo + 3);
  dz[dzo + 6] = 0;
  if (n === 7) return;
  jacobianRows(jac, jo, z, zo, env, jac, jo + 21, rho);
  const P = zo + 7, D = dzo + 7;
  for (let c = 0; c < 7; c++) {
    // rows 0..2 of AΦ = rows 3..5 of Φ
    dz[D + c] = z[P + 21 + c];
    dz[D + 7 + c] = z[P + 28 + c];
    dz[D + 14 + c] = z[P + 35 + c];
    for (let a = 0; a < 3; a++) {
      let s = 0;
      for (let k = 0; k < 7; k++) s += jac[jo + a * 7 + k] * z[P + k * 7 + c];
      dz[D + 21 + a * 7 + c] = s;
    }
    dz[D + 42 + c] = 0;
  }
}

/**
 * Propagates the 7-state x in place by Δt (either sign) with RK4 sub-steps of at most `maxStep`
 * seconds. With `Phi` (49 entries), also writes the 7×7 transition Jacobian ∂x(t+Δt)/∂x(t).
 * `work` needs `REENTRY_WORK_SIZE` entries. Allocation-free.
 */
export function reentryPropagateInto(
  x: Float64Array, dt: number, Phi: Float64Array | null, work: Float64Array,
  env: ReentryEnvironment = REENTRY_EARTH, maxStep = 1,
): void {
  const n = Phi === null ? 7 : 56;
  // work layout: z0 [0,56), zs [56,112), ksum [112,168), k [168,224), jac [224,251)
  const Z0 = 0, ZS = 56, KS = 112, K = 168;
  for (let i = 0; i < 7; i++) work[Z0 + i] = x[i];
  if (n === 56) {
    for (let i = 0; i < 49; i++) work[Z0 + 7 + i] = 0;
    for (let i = 0; i < 7; i++) work[Z0 + 7 + i * 8] = 1;
  }
  if (dt === 0) {
    if (Phi !== null) for (let i = 0; i < 49; i++) Phi[i] = work[Z0 + 7 + i];
    return;
  }
  const steps = Math.max(1, Math.ceil(Math.abs(dt) / maxStep));
  const h = dt / steps;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) work[KS + i] = 0;
    for (let stage = 0; stage < 4; stage++) {
      const src = stage === 0 ? Z0 : ZS;
      derivative(work, src, work, K, n, env, work, 224);
      const w = stage === 0 || stage === 3 ? 1 : 2;
      for (let i = 0; i < n; i++) work[KS + i] += w * work[K + i];
      if (stage < 3) {
        const c = stage === 2 ? h : 0.5 * h;
        for (let i = 0; i < n; i++) work[ZS + i] = work[Z0 + i] + c * work[K + i];
      }
    }
    for (let i = 0; i < n; i++) work[Z0 + i] += (h / 6) * work[KS + i];
  }
  for (let i = 0; i < 7; i++) x[i] = work[Z0 + i];
  if (Phi !== null) for (let i = 0; i < 49; i++) Phi[i] = work[Z0 + 7 + i];
}

/**
 * Process noise Q (7×7 row-major) over |Δt|: white acceleration q (m²/s³) on v, random walk
 * q_θ (m⁴/kg²/s) on θ (see the header). Allocation-free.
 */
export function reentryProcessNoiseInto(Q: Float64Array, dt: number, q: number, qTheta: number): Float64Array {
  const a = Math.abs(dt);
  Q.fill(0, 0, 49);
  const q11 = (q * a * a * a) / 3, q12 = ((q * a * a) / 2) * Math.sign(dt), q22 = q * a;
  for (let i = 0; i < 3; i++) {
    Q[i * 7 + i] = q11;
    Q[i * 7 + i + 3] = q12;
    Q[(i + 3) * 7 + i] = q12;
    Q[(i + 3) * 7 + i + 3] = q22;
  }
  Q[48] = qTheta * a;
  return Q;
}

/**
 * Covariance prediction P ← Φ P Φᵀ + Q (7×7, row-major, symmetrised), in place. `work` needs 49
 * entries. Allocation-free.
 */
export function reentryCovariancePredictInto(P: Float64Array, Phi: Float64Array, Q: Float64Array, work: Float64Array): Float64Array {
  // work = Φ P
  for (let r = 0; r < 7; r++) {
    for (let c = 0; c < 7; c++) {
      let s = 0;
      for (let k = 0; k < 7; k++) s += Phi[r * 7 + k] * P[k * 7 + c];
      work[r * 7 + c] = s;
    }
  }
  for (let r = 0; r < 7; r++) {
    for (let c = r; c < 7; c++) {
      let s = 0;
      for (let k = 0; k < 7; k++) s += work[r * 7 + k] * Phi[c * 7 + k];
      s += 0.5 * (Q[r * 7 + c] + Q[c * 7 + r]);
      P[r * 7 + c] = s;
      P[c * 7 + r] = s;
    }
  }
  return P;
}
