/**
 * Homing guidance laws and the exact closest approach between two sampled trajectories.
 *
 * Proportional navigation (PN) commands a lateral acceleration proportional to the rotation rate
 * of the line of sight (LOS). With r = r_T − r_M and v = v_T − v_M (target minus missile):
 *
 *   LOS rate vector        Ω   = (r × v) / |r|²                         (rad/s)
 *   closing velocity       V_c = −(r · v) / |r|
 *   true PN  (TPN)         a_c = N′ · V_c · (Ω × r̂)          ⟂ to the LOS
 *   pure PN  (PPN)         a_c = N′ · |v_M| · (Ω × v̂_M)      ⟂ to the missile velocity
 *
 * In the plane, Ω × r̂ is the unit normal to the LOS scaled by λ̇, so TPN is Zarchan's
 * n_c = N′·V_c·λ̇ (P. Zarchan, "Tactical and Strategic Missile Guidance", 6th ed., AIAA 2012,
 * ch. 2 eq. 2.1, and ch. 8 for the 3-D form); PPN is the form a missile with a body-fixed
 * acceleration (aerodynamic lift) flies naturally (Shneydor, "Missile Guidance and Pursuit",
 * 1998, ch. 5). Both command zero when the LOS does not rotate (collision course).
 * Augmented PN adds N′/2 times the target acceleration normal to the LOS (Zarchan ch. 8).
 *
 * Everything here is allocation-free over Float64Array slices.
 */

/** Variant of proportional navigation. */
export type PnVariant = 'true' | 'pure';

/**
 * PN acceleration command (m/s², ECEF or any Cartesian frame), written into out[o..o+2].
 *
 * @param rel  relative state target − missile, [rx, ry, rz, vx, vy, vz] (m, m/s)
 * @param vm   missile velocity (m/s), read at vm[iv..iv+2] (used by pure PN)
 * @param n    effective navigation ratio N′ (typically 3–5)
 * @param targetAccel optional estimated target acceleration (augmented PN), read at [0..2]
 * @returns the closing velocity V_c (m/s; negative when the range opens)
 */
export function proportionalNavigation(
  out: Float64Array, o: number,
  rel: ArrayLike<number>,
  vm: ArrayLike<number>, iv: number,
  n: number,
  variant: PnVariant,
  targetAccel?: ArrayLike<number>,
): number {
  const rx = rel[0], ry = rel[1], rz = rel[2];
  const vx = rel[3], vy = rel[4], vz = rel[5];
  const r2 = rx * rx + ry * ry + rz * rz;
  if (!(r2 > 0)) {
    out[o] = 0; out[o + 1] = 0; out[o + 2] = 0;
    return 0;
  }
  const r = Math.sqrt(r2);
  const vc = -(rx * vx + ry * vy + rz * vz) / r;
  // Ω = r × v / |r|²
  const wx = (ry * vz - rz * vy) / r2;
  const wy = (rz * vx - rx * vz) / r2;
  const wz = (rx * vy - ry * vx) / r2;
  let ax: number, ay: number, az: number;
  if (variant === 'true') {
    const k = (n * vc) / r; // N′·V_c·(Ω × r)/|r|
    ax = k * (wy * rz - wz * ry);
    ay = k * (wz * rx - wx * rz);
    az = k * (wx * ry - wy * rx);
  } else {
    // N′·|v_M|·(Ω × v̂_M) = N′·(Ω × v_M)
    const mx = vm[iv], my = vm[iv + 1], mz = vm[iv + 2];
    ax = n * (wy * mz - wz * my);
    ay = n * (wz * mx - wx * mz);
    az = n * (wx * my - wy * mx);
  }
  if (targetAccel) {
    // Augmented PN: + N′/2 · (a_T component normal to the LOS).
    const tx = targetAccel[0], ty = targetAccel[1], tz = targetAccel[2];
    const along = (tx * rx + ty * ry + tz * rz) / r2;
    ax += 0.5 * n * (tx - along * rx);
    ay += 0.5 * n * (ty - along * ry);
    az += 0.5 * n * (tz - along * rz);
  }
  out[o] = ax; out[o + 1] = ay; out[o + 2] = az;
  return vc;
}

/**
 * Removes from the acceleration at a[ia..] its component along the unit vector u[iu..]
 * (a lateral-only command: a missile cannot command acceleration along its own velocity).
 */
export function removeComponent(a: Float64Array, ia: number, u: ArrayLike<number>, iu: number): void {
  const d = a[ia] * u[iu] + a[ia + 1] * u[iu + 1] + a[ia + 2] * u[iu + 2];
  a[ia] -= d * u[iu];
  a[ia + 1] -= d * u[iu + 1];
  a[ia + 2] -= d * u[iu + 2];
}

/** Scales a[ia..ia+2] down to magnitude `limit` if it is longer (acceleration saturation). Returns the original magnitude. */
export function limitMagnitude(a: Float64Array, ia: number, limit: number): number {
  const m = Math.sqrt(a[ia] * a[ia] + a[ia + 1] * a[ia + 1] + a[ia + 2] * a[ia + 2]);
  if (m > limit && m > 0) {
    const k = limit / m;
    a[ia] *= k;
    a[ia + 1] *= k;
    a[ia + 2] *= k;
  }
  return m;
}

/**
 * Zarchan's closed-form commanded acceleration for linearised PN against a non-maneuvering
 * target with heading error HE, zero-lag guidance: (Zarchan, ch. 2, "heading-error" solution)
 *   n_c(t) = −V_M · HE · N′ / t_F · (1 − t/t_F)^(N′−2).
 * A reference for tests and documentation; the simulator never uses it.
 */
export function zarchanHeadingErrorAcceleration(
  t: number, missileSpeed: number, headingError: number, n: number, flightTime: number,
): number {
  return ((-missileSpeed * headingError * n) / flightTime) * Math.pow(1 - t / flightTime, n - 2);
}

// ---------------------------------------------------------------------------------------------
// Closest approach between two trajectories sampled at the ends of a step.
// ---------------------------------------------------------------------------------------------

/** Result of `closestApproach` (reused by the caller to avoid allocation). */
export interface ClosestApproach {
  /** Time of closest approach (s), within [t0, t1]. */
  t: number;
  /** Distance between the two objects at that time (m) — the miss distance. */
  distance: number;
  /** True if the minimum lies strictly inside the step (not at one of its ends). */
  interior: boolean;
}

/** A fresh result record for `closestApproach`. */
export function newClosestApproach(): ClosestApproach {
  return { t: 0, distance: Infinity, interior: false };
}

/**
 * Exact closest approach of two objects between t0 and t1, given each one's state
 * [x, y, z, vx, vy, vz] at both ends (a0, a1 for object A; b0, b1 for B).
 *
 * Each trajectory is represented by its cubic Hermite interpolant on the step (matches position
 * and velocity at both ends, so it is exact for motion with constant acceleration); the relative
 * position is then a cubic P(s), s = (t − t0)/h, and |P(s)|² a sextic whose stationary points are
 * the roots of the quintic q(s) = P(s)·P′(s). The quintic is bracketed on a fine grid (32 cells)
 * and each sign change refined by regula falsi with the Illinois modification (Dowell & Jarratt
 * 1971) to ~1e-13 of the step; the minimum over those
 * stationary points and the two ends is returned. Straight-line relative motion gives a
 * quadratic |P|² and hence the analytic result t* = t0 − (r0·v)/|v|², d = |r0 × v|/|v|.
 */
export function closestApproach(
  t0: number, a0: ArrayLike<number>, b0: ArrayLike<number>,
  t1: number, a1: ArrayLike<number>, b1: ArrayLike<number>,
  out: ClosestApproach = newClosestApproach(),
): ClosestApproach {
  const h = t1 - t0;
  // Relative state (B − A) at both ends.
  const p0x = b0[0] - a0[0], p0y = b0[1] - a0[1], p0z = b0[2] - a0[2];
  const v0x = b0[3] - a0[3], v0y = b0[4] - a0[4], v0z = b0[5] - a0[5];
  const p1x = b1[0] - a1[0], p1y = b1[1] - a1[1], p1z = b1[2] - a1[2];
  const v1x = b1[3] - a1[3], v1y = b1[4] - a1[4], v1z = b1[5] - a1[5];
  const d0 = Math.sqrt(p0x * p0x + p0y * p0y + p0z * p0z);
  const d1 = Math.sqrt(p1x * p1x + p1y * p1y + p1z * p1z);
  let bestS = d0 <= d1 ? 0 : 1;
  let best2 = Math.min(d0, d1) ** 2;
  if (h > 0) {
    // P(s) = A + B s + C s² + D s³ (Hermite in monomial form).
    const Ax = p0x, Ay = p0y, Az = p0z;
    const Bx = h * v0x, By = h * v0y, Bz = h * v0z;
    const Cx = 3 * (p1x - p0x) - h * (2 * v0x + v1x);
    const Cy = 3 * (p1y - p0y) - h * (2 * v0y + v1y);
    const Cz = 3 * (p1z - p0z) - h * (2 * v0z + v1z);
    const Dx = 2 * (p0x - p1x) + h * (v0x + v1x);
    const Dy = 2 * (p0y - p1y) + h * (v0y + v1y);
    const Dz = 2 * (p0z - p1z) + h * (v0z + v1z);
    // q(s) = P·P′ with P′ = B + 2C s + 3D s²: coefficients of s^0..s^5.
    const AB = Ax * Bx + Ay * By + Az * Bz;
    const AC = Ax * Cx + Ay * Cy + Az * Cz;
    const AD = Ax * Dx + Ay * Dy + Az * Dz;
    const BB = Bx * Bx + By * By + Bz * Bz;
    const BC = Bx * Cx + By * Cy + Bz * Cz;
    const BD = Bx * Dx + By * Dy + Bz * Dz;
    const CC = Cx * Cx + Cy * Cy + Cz * Cz;
    const CD = Cx * Dx + Cy * Dy + Cz * Dz;
    const DD = Dx * Dx + Dy * Dy + Dz * Dz;
    // |P|² derivative / 2 = Σ c_k s^k:
    const q0 = AB;
    const q1 = BB + 2 * AC;
    const q2 = 3 * AD + 3 * BC;
    const q3 = 4 * BD + 2 * CC;
    const q4 = 5 * CD;
    const q5 = 3 * DD;
    const q = (s: number): number => q0 + s * (q1 + s * (q2 + s * (q3 + s * (q4 + s * q5))));
    const dist2 = (s: number): number => {
      const x = Ax + s * (Bx + s * (Cx + s * Dx));
      const y = Ay + s * (By + s * (Cy + s * Dy));
      const z = Az + s * (Bz + s * (Cz + s * Dz));
      return x * x + y * y + z * z;
    };
    const CELLS = 32;
    let sa = 0;
    let qa = q(0);
    for (let i = 1; i <= CELLS; i++) {
      const sb = i / CELLS;
      const qb = q(sb);
      // A minimum of |P|² is where q goes from negative to positive.
      if (qa < 0 && qb >= 0) {
        const s = illinoisRoot(q, sa, sb, qa, qb);
        const d2 = dist2(s);
        if (d2 < best2) {
          best2 = d2;
          bestS = s;
        }
      }
      sa = sb;
      qa = qb;
    }
  }
  out.t = t0 + bestS * h;
  out.distance = Math.sqrt(Math.max(0, best2));
  out.interior = bestS > 0 && bestS < 1;
  return out;
}

/** Regula falsi with the Illinois modification on a bracket [a, b] with fa < 0 ≤ fb. */
function illinoisRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number): number {
  let side = 0;
  let cPrev = Infinity;
  for (let i = 0; i < 200; i++) {
    if (fb === 0) return b;
    const c = (a * fb - b * fa) / (fb - fa);
    if (Math.abs(b - a) < 1e-13 || Math.abs(c - cPrev) < 1e-15) return c;
    cPrev = c;
    const fc = f(c);
    if (fc === 0) return c;
    if ((fc < 0) === (fa < 0)) {
      a = c;
      fa = fc;
      if (side === -1) fb *= 0.5;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side === 1) fa *= 0.5;
      side = 1;
    }
  }
  return 0.5 * (a + b);
}
