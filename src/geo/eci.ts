/**
 * Earth rotation: ECEF ↔ ECI.
 *
 * The inertial frame is the one SGP4 works in (TEME, "true equator, mean equinox"), so that
 * satellite.js positions can be rotated into ECEF with the same angle: the Greenwich mean sidereal
 * time of the IAU-1982 model, Vallado, "Fundamentals of Astrodynamics and Applications", 4th ed.,
 * eq. 3-45 (the same polynomial satellite.js 7.1.0 `gstime` evaluates):
 *
 *   θ_GMST [s] = 67310.54841 + (876600·3600 + 8640184.812866)·T + 0.093104·T² − 6.2e-6·T³,
 *   T = (JD_UT1 − 2451545.0) / 36525,
 *
 * with UT1 taken equal to UTC (|UT1 − UTC| < 0.9 s; satellite.js makes the same choice).
 * ECEF → ECI is a rotation by +θ about z; polar motion, precession and nutation are ignored
 * (as between TEME and a pseudo-Earth-fixed frame).
 *
 * Hand-written rather than calling `satellite.gstime(date)` because a scenario clock runs in
 * sub-millisecond steps: the whole-revolution part 86400·⌊d⌋ s of the first-order term is
 * removed exactly before the polynomial is evaluated, so the angle keeps ~1e-12 rad resolution
 * instead of the ~4e-9 rad of a Julian date held in one double. Tests check it against
 * satellite.js `gstime` and `eciToEcf`.
 *
 * Velocities: v_eci = R(θ)·(v_ecef + ω×r_ecef), v_ecef = R(θ)ᵀ·v_eci − ω×r_ecef with ω the
 * WGS-84 rate (it differs from dθ/dt by 1e-12 rad/s: < 0.1 mm/s at GEO).
 */
import { OMEGA_EARTH } from './constants.js';

type Vec3 = [number, number, number];

const TWO_PI = 2 * Math.PI;
const MS_PER_DAY = 86_400_000;
/** Unix time (ms) of the J2000.0 epoch, 2000-01-01T12:00:00 UTC (JD 2451545.0). */
const J2000_UNIX_MS = Date.UTC(2000, 0, 1, 12, 0, 0);

/** Julian date (UTC) of a Unix time in milliseconds. */
export function julianDate(unixMs: number): number {
  return unixMs / MS_PER_DAY + 2440587.5;
}

/**
 * Greenwich mean sidereal time (rad, [0, 2π)) at a Unix time in milliseconds (UTC ≈ UT1),
 * IAU-82 (Vallado eq. 3-45), the angle satellite.js `gstime` returns.
 */
export function gmst(unixMs: number): number {
  if (!Number.isFinite(unixMs)) throw new RangeError(`gmst: time must be finite, got ${unixMs}`);
  const dMs = unixMs - J2000_UNIX_MS; // exact in double for any realistic date
  const days = dMs / MS_PER_DAY;
  const whole = Math.floor(days);
  const frac = (dMs - whole * MS_PER_DAY) / MS_PER_DAY; // [0, 1)
  const t = days / 36525;
  // 876600·3600·T s = 86400·d s: one full turn per day, so only the fractional day matters.
  const seconds =
    67310.54841 + 86400 * frac + t * (8640184.812866 + t * (0.093104 - 6.2e-6 * t));
  let theta = ((seconds % 86400) / 86400) * TWO_PI;
  if (theta < 0) theta += TWO_PI;
  return theta;
}

/** Unix milliseconds of a scenario epoch given as a Date or as Unix milliseconds. */
export function epochMs(epoch: Date | number): number {
  const ms = typeof epoch === 'number' ? epoch : epoch.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`epoch must be a valid date, got ${String(epoch)}`);
  return ms;
}

/**
 * Rotation angle (rad) of the ECEF frame relative to the ECI (TEME) frame at t seconds after the
 * scenario epoch: GMST (IAU-82), consistent with satellite.js. (Not the IAU-2000 "Earth rotation
 * angle"; the name says what it is used for.)
 */
export function earthRotationAngle(epoch: Date | number, t: number): number {
  return gmst(epochMs(epoch) + t * 1000);
}

/** ECEF → ECI position rotation by θ (= gmst): out = R3(−θ)·r. Allocation-free. */
export function ecefToEciInto<T extends { [i: number]: number }>(
  out: T,
  r: ArrayLike<number>,
  theta: number,
  outOffset = 0,
  rOffset = 0,
): T {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const x = r[rOffset];
  const y = r[rOffset + 1];
  out[outOffset] = c * x - s * y;
  out[outOffset + 1] = s * x + c * y;
  out[outOffset + 2] = r[rOffset + 2];
  return out;
}

/** ECI → ECEF position rotation by θ (= gmst): out = R3(θ)·r. Allocation-free. */
export function eciToEcefInto<T extends { [i: number]: number }>(
  out: T,
  r: ArrayLike<number>,
  theta: number,
  outOffset = 0,
  rOffset = 0,
): T {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const x = r[rOffset];
  const y = r[rOffset + 1];
  out[outOffset] = c * x + s * y;
  out[outOffset + 1] = -s * x + c * y;
  out[outOffset + 2] = r[rOffset + 2];
  return out;
}

/**
 * ECEF state [x y z vx vy vz] → ECI state, with the transport term: v_eci = R(v + ω×r).
 * `out` and `state` may be the same array at the same offset.
 */
export function ecefToEciStateInto<T extends { [i: number]: number }>(
  out: T,
  state: ArrayLike<number>,
  theta: number,
  outOffset = 0,
  stateOffset = 0,
): T {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const x = state[stateOffset];
  const y = state[stateOffset + 1];
  const z = state[stateOffset + 2];
  const vx = state[stateOffset + 3] - OMEGA_EARTH * y;
  const vy = state[stateOffset + 4] + OMEGA_EARTH * x;
  const vz = state[stateOffset + 5];
  out[outOffset] = c * x - s * y;
  out[outOffset + 1] = s * x + c * y;
  out[outOffset + 2] = z;
  out[outOffset + 3] = c * vx - s * vy;
  out[outOffset + 4] = s * vx + c * vy;
  out[outOffset + 5] = vz;
  return out;
}

/**
 * ECI state [x y z vx vy vz] → ECEF state: r = Rᵀr_eci, v = Rᵀv_eci − ω×r.
 * `out` and `state` may be the same array at the same offset.
 */
export function eciToEcefStateInto<T extends { [i: number]: number }>(
  out: T,
  state: ArrayLike<number>,
  theta: number,
  outOffset = 0,
  stateOffset = 0,
): T {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const xi = state[stateOffset];
  const yi = state[stateOffset + 1];
  const vxi = state[stateOffset + 3];
  const vyi = state[stateOffset + 4];
  const x = c * xi + s * yi;
  const y = -s * xi + c * yi;
  out[outOffset] = x;
  out[outOffset + 1] = y;
  out[outOffset + 2] = state[stateOffset + 2];
  out[outOffset + 3] = c * vxi + s * vyi + OMEGA_EARTH * y;
  out[outOffset + 4] = -s * vxi + c * vyi - OMEGA_EARTH * x;
  out[outOffset + 5] = state[stateOffset + 5];
  return out;
}

/** ECEF position → ECI position at sidereal angle θ (from `gmst`). */
export function ecefToEci(r: ArrayLike<number>, theta: number): Vec3 {
  return ecefToEciInto([0, 0, 0] as Vec3, r, theta);
}

/** ECI position → ECEF position at sidereal angle θ (from `gmst`). */
export function eciToEcef(r: ArrayLike<number>, theta: number): Vec3 {
  return eciToEcefInto([0, 0, 0] as Vec3, r, theta);
}

/** ECEF velocity of a body at ECEF position r → ECI velocity: R(θ)(v + ω×r). */
export function ecefToEciVelocity(r: ArrayLike<number>, v: ArrayLike<number>, theta: number): Vec3 {
  const st = ecefToEciStateInto(new Float64Array(6), [r[0], r[1], r[2], v[0], v[1], v[2]], theta);
  return [st[3], st[4], st[5]];
}

/** ECI velocity of a body at ECI position r → ECEF velocity: Rᵀ(θ)v − ω×(Rᵀr). */
export function eciToEcefVelocity(r: ArrayLike<number>, v: ArrayLike<number>, theta: number): Vec3 {
  const st = eciToEcefStateInto(new Float64Array(6), [r[0], r[1], r[2], v[0], v[1], v[2]], theta);
  return [st[3], st[4], st[5]];
}
