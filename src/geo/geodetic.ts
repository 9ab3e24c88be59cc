/**
 * Geodetic (latitude, longitude, height above the WGS-84 ellipsoid) ↔ ECEF.
 *
 * Forward: the standard closed form with the prime-vertical radius of curvature N(φ)
 * (e.g. Torge & Müller, "Geodesy", 4th ed., 2012; NIMA TR8350.2).
 *
 * Inverse: Vermeille's closed-form solution (H. Vermeille, "An analytical method to transform
 * geocentric into geodetic coordinates", J. Geodesy 85:105–117, 2011), in the cancellation-free
 * arrangement Karney uses in GeographicLib's `Geocentric::IntReverse` (C. F. F. Karney,
 * GeographicLib, Geocentric.cpp): the cubic's real root by Cardano with the sign-aware cube root
 * outside the evolute and the trigonometric root inside it, then the quartic's root k without
 * subtracting nearly equal numbers. Exact (to round-off, ~1e-9 m) at any height, at the poles,
 * along the axis and near the centre; no iteration. Hand-written because it is hot (every sensor
 * and every trajectory step needs a height) and no pinned library provides it.
 */
import { WGS84_A, WGS84_E2 } from './constants.js';

type Vec3 = [number, number, number];

/** A geodetic position: latitude and longitude in radians, height above the ellipsoid in metres. */
export interface Geodetic {
  lat: number;
  lon: number;
  h: number;
}

const A = WGS84_A;
const E2 = WGS84_E2;
const E2M = 1 - E2; // (1 − f)²
const E4 = E2 * E2;

/** Prime-vertical radius of curvature N(φ) = a / √(1 − e² sin²φ) (m). */
export function primeVerticalRadius(lat: number): number {
  const s = Math.sin(lat);
  return A / Math.sqrt(1 - E2 * s * s);
}

/** Meridional radius of curvature M(φ) = a(1 − e²) / (1 − e² sin²φ)^{3/2} (m). */
export function meridionalRadius(lat: number): number {
  const s = Math.sin(lat);
  const w = 1 - E2 * s * s;
  return (A * E2M) / (w * Math.sqrt(w));
}

/**
 * Writes the ECEF position (m) of geodetic (lat, lon, h) into out[offset..offset+2].
 * x = (N + h) cosφ cosλ, y = (N + h) cosφ sinλ, z = (N(1 − e²) + h) sinφ.
 */
export function geodeticToEcefInto<T extends { [i: number]: number }>(
  out: T,
  lat: number,
  lon: number,
  h: number,
  offset = 0,
): T {
  const sphi = Math.sin(lat);
  const cphi = Math.cos(lat);
  const n = A / Math.sqrt(1 - E2 * sphi * sphi);
  const rc = (n + h) * cphi;
  out[offset] = rc * Math.cos(lon);
  out[offset + 1] = rc * Math.sin(lon);
  out[offset + 2] = (n * E2M + h) * sphi;
  return out;
}

/**
 * Writes geodetic (lat, lon, h) of the ECEF point r[rOffset..rOffset+2] into
 * out[outOffset..outOffset+2]. Latitude in [−π/2, π/2], longitude in (−π, π], height in metres.
 * Allocation-free; valid for any point (Vermeille 2011, see the file header).
 */
export function ecefToGeodeticInto<T extends { [i: number]: number }>(
  out: T,
  r: ArrayLike<number>,
  outOffset = 0,
  rOffset = 0,
): T {
  const x = r[rOffset];
  const y = r[rOffset + 1];
  const z = r[rOffset + 2];
  const rxy = Math.sqrt(x * x + y * y);
  // Vermeille 2011: p, q, r in units of a².
  const p = (rxy / A) * (rxy / A);
  const q = E2M * (z / A) * (z / A);
  const rr = (p + q - E4) / 6;
  let lat: number;
  let h: number;
  if (!(E4 * q === 0 && rr <= 0)) {
    // Outside the singular disc on the equatorial plane: the cubic's root u, then v, w and the
    // quartic's root k.
    const s = (E4 * p * q) / 4;
    const r2 = rr * rr;
    const r3 = rr * r2;
    const disc = s * (2 * r3 + s);
    let u = rr;
    if (disc >= 0) {
      // Outside the evolute: Cardano with the larger-magnitude radicand (no cancellation).
      let t3 = s + r3;
      t3 += t3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc);
      const t = Math.cbrt(t3);
      u += t + (t !== 0 ? r2 / t : 0);
    } else {
      // Inside the evolute (within ~43 km of the centre): trigonometric root of the cubic.
      const ang = Math.atan2(Math.sqrt(-disc), -(s + r3));
      u += 2 * rr * Math.cos(ang / 3);
    }
    const v = Math.sqrt(u * u + E4 * q);
    const uv = u < 0 ? (E4 * q) / (v - u) : u + v; // u + v without cancellation
    const w = Math.max(0, (E2 * (uv - q)) / (2 * v));
    const k = uv / (Math.sqrt(uv + w * w) + w); // = √(u + v + w²) − w
    const k2 = k + E2;
    const d = (k * rxy) / k2;
    // tan φ = z (k + e²) / (k · rxy); h = (k + e² − 1)/k · √(d² + z²)
    lat = Math.atan2(z / k, rxy / k2);
    h = (1 - E2M / k) * Math.sqrt(d * d + z * z);
  } else {
    // On the equatorial plane within a·e² of the axis: the nearest surface points are off the
    // equator (the latitude is not unique; the northern one is returned).
    const zz = Math.sqrt((E4 - p) / E2M);
    const xx = Math.sqrt(p);
    const hyp = Math.sqrt(zz * zz + xx * xx);
    lat = Math.atan2(z < 0 ? -zz : zz, xx);
    h = (-A * E2M * hyp) / E2;
  }
  out[outOffset] = lat;
  out[outOffset + 1] = Math.atan2(y, x);
  out[outOffset + 2] = h;
  return out;
}

function checkFinite(what: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${what} must be a finite number, got ${v}`);
}

/** Geodetic {lat, lon (rad), h (m)} → ECEF [x, y, z] (m). */
export function geodeticToEcef(g: Geodetic): Vec3 {
  checkFinite('lat', g.lat);
  checkFinite('lon', g.lon);
  checkFinite('h', g.h);
  if (Math.abs(g.lat) > Math.PI / 2 + 1e-12) {
    throw new RangeError(`lat must be within [-π/2, π/2] rad, got ${g.lat}`);
  }
  return geodeticToEcefInto([0, 0, 0] as Vec3, g.lat, g.lon, g.h);
}

const scratch = new Float64Array(3);

/** ECEF [x, y, z] (m) → geodetic {lat, lon (rad), h (m)}. */
export function ecefToGeodetic(r: ArrayLike<number>): Geodetic {
  checkFinite('x', r[0]);
  checkFinite('y', r[1]);
  checkFinite('z', r[2]);
  ecefToGeodeticInto(scratch, r);
  return { lat: scratch[0], lon: scratch[1], h: scratch[2] };
}

/** Height above the ellipsoid (m) of an ECEF point (a convenience over ecefToGeodeticInto). */
export function ellipsoidHeight(r: ArrayLike<number>, rOffset = 0): number {
  ecefToGeodeticInto(scratch, r, 0, rOffset);
  return scratch[2];
}

/** Writes the outward ellipsoid normal ("up") at (lat, lon) into out[offset..offset+2]. */
export function geodeticNormalInto<T extends { [i: number]: number }>(
  out: T,
  lat: number,
  lon: number,
  offset = 0,
): T {
  const cphi = Math.cos(lat);
  out[offset] = cphi * Math.cos(lon);
  out[offset + 1] = cphi * Math.sin(lon);
  out[offset + 2] = Math.sin(lat);
  return out;
}
