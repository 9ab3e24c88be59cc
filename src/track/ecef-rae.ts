/**
 * The radar measurement model of the force picture: range, azimuth, elevation of an ECEF state
 * seen from a radar site (sense/'s 'rae' Detection: z = [range, azimuth clockwise from north,
 * geometric elevation] in the site's ENU frame), its analytic Jacobian, and the converted
 * measurement (AER → ECEF point and its linearised covariance) used to initiate tracks.
 *
 * With d = M·(p − o) = [e, n, u] (M the ECEF→ENU rotation of geo's `enuRotationInto`, o the site),
 * s = √(e² + n²), ρ = |d| (Bar-Shalom, Li & Kirubarajan, "Estimation with Applications to Tracking
 * and Navigation", 2001, §10.3; Blackman & Popoli, "Design and Analysis of Modern Tracking
 * Systems", 1999, §4.4):
 *
 *   h(x) = [ρ, atan2(e, n), atan2(u, s)]
 *   ∂ρ/∂d  = [e, n, u]/ρ
 *   ∂az/∂d = [n, −e, 0]/s²
 *   ∂el/∂d = [−e·u, −n·u, s²]/(ρ² s)
 *   H = [∂h/∂d · M , 0₃ₓ₃]  (the measurement does not depend on velocity)
 *
 * Hand-written (no matrix library) because gating evaluates it for every track of every scan.
 */
import { wrapAngle } from './models/measurement.js';

/** A radar site: ECEF origin (m) and the row-major ECEF→ENU rotation (geo `LocalFrame` fields). */
export interface RadarSiteFrame {
  readonly origin: ArrayLike<number>;
  readonly rotation: ArrayLike<number>;
}

/**
 * Predicted measurement ẑ = h(x) (written to z[zo..zo+2]) and the position block of the Jacobian
 * Hp (3×3 row-major, written to H[ho..ho+8]; the velocity block is zero) of the ECEF position
 * x[xo..xo+2] seen from `site`. Returns the range ρ. Allocation-free.
 */
export function raeMeasureInto(
  site: RadarSiteFrame, x: ArrayLike<number>, xo: number,
  z: Float64Array, zo: number, H: Float64Array, ho: number,
): number {
  const M = site.rotation;
  const o = site.origin;
  const dx = x[xo] - o[0];
  const dy = x[xo + 1] - o[1];
  const dz = x[xo + 2] - o[2];
  const e = M[0] * dx + M[1] * dy + M[2] * dz;
  const n = M[3] * dx + M[4] * dy + M[5] * dz;
  const u = M[6] * dx + M[7] * dy + M[8] * dz;
  const s2 = e * e + n * n;
  const s = Math.sqrt(s2);
  const r2 = s2 + u * u;
  const r = Math.sqrt(r2);
  let az = Math.atan2(e, n);
  if (az < 0) az += 2 * Math.PI;
  z[zo] = r;
  z[zo + 1] = az;
  z[zo + 2] = Math.atan2(u, s);
  // Rows of ∂h/∂d (guard the zenith/site singularities: s or r → 0 has no defined direction).
  const ir = r > 0 ? 1 / r : 0;
  const is2 = s2 > 0 ? 1 / s2 : 0;
  const iel = r2 > 0 && s > 0 ? 1 / (r2 * s) : 0;
  const a0 = e * ir, a1 = n * ir, a2 = u * ir;
  const b0 = n * is2, b1 = -e * is2;
  const c0 = -e * u * iel, c1 = -n * u * iel, c2 = s2 * iel;
  for (let k = 0; k < 3; k++) {
    const m0 = M[k], m1 = M[3 + k], m2 = M[6 + k];
    H[ho + k] = a0 * m0 + a1 * m1 + a2 * m2;
    H[ho + 3 + k] = b0 * m0 + b1 * m1;
    H[ho + 6 + k] = c0 * m0 + c1 * m1 + c2 * m2;
  }
  return r;
}

/** Innovation ν = z − ẑ with the azimuth component wrapped to (−π, π]. */
export function raeInnovationInto(z: ArrayLike<number>, zo: number, zhat: ArrayLike<number>, ho: number, nu: Float64Array, no: number): void {
  nu[no] = z[zo] - zhat[ho];
  nu[no + 1] = wrapAngle(z[zo + 1] - zhat[ho + 1]);
  nu[no + 2] = z[zo + 2] - zhat[ho + 2];
}

/**
 * Converted measurement: the ECEF point p of z = [ρ, az, el] from `site` (written to p[po..po+2])
 * and its linearised covariance C = Mᵀ J R Jᵀ M (3×3 row-major at C[co..co+8]), J = ∂(e,n,u)/∂(ρ,az,el):
 *
 *   e = ρ cos el sin az,  n = ρ cos el cos az,  u = ρ sin el.
 *
 * R is read as the top-left 3×3 block of a row-major `dim`×`dim` matrix (dim 3 for 'rae', 4 for
 * 'raer'). `scratch` needs 18 entries. Allocation-free.
 */
export function raeToEcefInto(
  site: RadarSiteFrame, z: ArrayLike<number>, R: ArrayLike<number>, dim: number,
  p: Float64Array, po: number, C: Float64Array | null, co: number, scratch: Float64Array,
): void {
  const M = site.rotation;
  const o = site.origin;
  const rho = z[0], az = z[1], el = z[2];
  const ce = Math.cos(el), se = Math.sin(el), ca = Math.cos(az), sa = Math.sin(az);
  const e = rho * ce * sa, n = rho * ce * ca, u = rho * se;
  p[po] = o[0] + M[0] * e + M[3] * n + M[6] * u;
  p[po + 1] = o[1] + M[1] * e + M[4] * n + M[7] * u;
  p[po + 2] = o[2] + M[2] * e + M[5] * n + M[8] * u;
  if (C === null) return;
  // G = Mᵀ J (3×3): ECEF sensitivity to (ρ, az, el).
  const J = scratch; // J[0..8]
  J[0] = ce * sa; J[1] = rho * ce * ca; J[2] = -rho * se * sa;
  J[3] = ce * ca; J[4] = -rho * ce * sa; J[5] = -rho * se * ca;
  J[6] = se; J[7] = 0; J[8] = rho * ce;
  const G = scratch; // G at 9..17
  for (let i = 0; i < 3; i++) {
    for (let k = 0; k < 3; k++) {
      G[9 + i * 3 + k] = M[i] * J[k] + M[3 + i] * J[3 + k] + M[6 + i] * J[6 + k];
    }
  }
  // C = G R Gᵀ
  for (let i = 0; i < 3; i++) {
    for (let j = i; j < 3; j++) {
      let acc = 0;
      for (let a = 0; a < 3; a++) {
        const gia = G[9 + i * 3 + a];
        if (gia === 0) continue;
        for (let b = 0; b < 3; b++) acc += gia * R[a * dim + b] * G[9 + j * 3 + b];
      }
      C[co + i * 3 + j] = acc;
      C[co + j * 3 + i] = acc;
    }
  }
}
