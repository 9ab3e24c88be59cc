/**
 * Gravity: point mass + J2 (oblateness), and the rotating-frame terms for motion in ECEF.
 *
 * Potential (zonal-harmonic expansion truncated after J2: Vallado, "Fundamentals of
 * Astrodynamics and Applications", 4th ed., ch. 8; Montenbruck & Gill, "Satellite Orbits", 2000,
 * §3.2):
 *
 *   U(r) = −GM/r · [1 − J2 (a/r)² P2(z/r)],   P2(s) = (3s² − 1)/2
 *
 * Acceleration g = −∇U:
 *
 *   gx = −GM x/r³ · [1 + (3/2) J2 (a/r)² (1 − 5z²/r²)]
 *   gy = −GM y/r³ · [1 + (3/2) J2 (a/r)² (1 − 5z²/r²)]
 *   gz = −GM z/r³ · [1 + (3/2) J2 (a/r)² (3 − 5z²/r²)]
 *
 * The field is symmetric about the z axis, so these components are the same in ECEF and in any
 * frame sharing the z axis (ECI/TEME). In the rotating ECEF frame a free body also feels the
 * Coriolis −2ω×v and centrifugal −ω×(ω×r) accelerations, ω = (0, 0, ω⊕):
 *
 *   −2ω×v       = ( 2ω vy, −2ω vx, 0)
 *   −ω×(ω×r)    = ( ω² x,   ω² y,  0)
 *
 * Omitted: J3 and higher (|J3|/J2 ≈ 2e-3), tides, third bodies — below a missile defense
 * simulator's resolution (the surface difference from WGS-84 normal gravity is ~1e-4 m/s²).
 * Hand-written because flight integration and ballistic filter prediction call it in their
 * innermost loops.
 */
import { GM_EARTH, J2, OMEGA_EARTH, WGS84_A } from './constants.js';

const J2_FACTOR = 1.5 * J2 * WGS84_A * WGS84_A; // (3/2) J2 a²
const W2 = OMEGA_EARTH * OMEGA_EARTH;
const TWO_W = 2 * OMEGA_EARTH;

/**
 * Gravitational acceleration (m/s², point mass + J2) at ECEF position r[rOffset..rOffset+2],
 * written to out[outOffset..outOffset+2]. No rotation terms. Allocation-free; out may alias r.
 */
export function gravityJ2Into<T extends { [i: number]: number }>(
  out: T,
  r: ArrayLike<number>,
  outOffset = 0,
  rOffset = 0,
): T {
  const x = r[rOffset];
  const y = r[rOffset + 1];
  const z = r[rOffset + 2];
  const r2 = x * x + y * y + z * z;
  const rn = Math.sqrt(r2);
  const muR3 = GM_EARTH / (r2 * rn);
  const j = J2_FACTOR / r2;
  const zz = (5 * z * z) / r2;
  const fxy = -muR3 * (1 + j * (1 - zz));
  out[outOffset] = fxy * x;
  out[outOffset + 1] = fxy * y;
  out[outOffset + 2] = -muR3 * (1 + j * (3 - zz)) * z;
  return out;
}

/**
 * Gravitational potential U (m²/s², point mass + J2, U → 0 at infinity, negative) at ECEF r.
 * Useful for energy checks: E = v²/2 + U − ω²(x² + y²)/2 is conserved in ECEF (Jacobi integral).
 */
export function gravityPotentialJ2(r: ArrayLike<number>, rOffset = 0): number {
  const x = r[rOffset];
  const y = r[rOffset + 1];
  const z = r[rOffset + 2];
  const r2 = x * x + y * y + z * z;
  const rn = Math.sqrt(r2);
  const s2 = (z * z) / r2;
  const p2 = 0.5 * (3 * s2 - 1);
  return (-GM_EARTH / rn) * (1 - (J2 * WGS84_A * WGS84_A * p2) / r2);
}

/**
 * Coriolis + centrifugal acceleration (m/s²) of a body at ECEF position r with ECEF velocity v:
 * −2ω×v − ω×(ω×r), written to out[outOffset..outOffset+2]. Allocation-free.
 */
export function rotatingFrameAccelerationInto<T extends { [i: number]: number }>(
  out: T,
  r: ArrayLike<number>,
  v: ArrayLike<number>,
  outOffset = 0,
  rOffset = 0,
  vOffset = 0,
): T {
  const x = r[rOffset];
  const y = r[rOffset + 1];
  const vx = v[vOffset];
  const vy = v[vOffset + 1];
  out[outOffset] = TWO_W * vy + W2 * x;
  out[outOffset + 1] = -TWO_W * vx + W2 * y;
  out[outOffset + 2] = 0;
  return out;
}

/**
 * Total acceleration (m/s²) of a free body in ECEF: J2 gravity + Coriolis + centrifugal,
 * at position r and velocity v (ECEF). For a packed state s = [x y z vx vy vz] at offset o call
 * `ecefFreeFallAccelerationInto(out, s, s, 0, o, o + 3)`. Allocation-free.
 */
export function ecefFreeFallAccelerationInto<T extends { [i: number]: number }>(
  out: T,
  r: ArrayLike<number>,
  v: ArrayLike<number>,
  outOffset = 0,
  rOffset = 0,
  vOffset = 0,
): T {
  const x = r[rOffset];
  const y = r[rOffset + 1];
  const z = r[rOffset + 2];
  const vx = v[vOffset];
  const vy = v[vOffset + 1];
  const r2 = x * x + y * y + z * z;
  const rn = Math.sqrt(r2);
  const muR3 = GM_EARTH / (r2 * rn);
  const j = J2_FACTOR / r2;
  const zz = (5 * z * z) / r2;
  const fxy = -muR3 * (1 + j * (1 - zz));
  out[outOffset] = fxy * x + TWO_W * vy + W2 * x;
  out[outOffset + 1] = fxy * y - TWO_W * vx + W2 * y;
  out[outOffset + 2] = -muR3 * (1 + j * (3 - zz)) * z;
  return out;
}
