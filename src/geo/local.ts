/**
 * Local tangent frames: ECEF ↔ ENU (east, north, up) and azimuth/elevation/range (AER).
 *
 * ENU is the local-level frame at a geodetic point, "up" along the ellipsoid normal. The rotation
 * from ECEF to ENU (rows E, N, U) is the standard one (e.g. Hofmann-Wellenhof, Lichtenegger &
 * Wasle, "GNSS", 2008, local-level system; it is what GeographicLib's LocalCartesian uses):
 *
 *   E = (−sinλ,        cosλ,        0   )
 *   N = (−sinφ cosλ,  −sinφ sinλ,   cosφ)
 *   U = ( cosφ cosλ,   cosφ sinλ,   sinφ)
 *
 * Azimuth is measured clockwise from north in [0, 2π), elevation above the local horizontal
 * plane (atan2(u, √(e² + n²)), well conditioned at all angles), range is the straight-line
 * distance. Vector versions rotate only; point versions subtract the origin first.
 */
import { type Geodetic, ecefToGeodeticInto, geodeticToEcefInto } from './geodetic.js';

type Vec3 = [number, number, number];

const TWO_PI = 2 * Math.PI;

/**
 * A local-level frame at a fixed observer, precomputed for hot loops (a radar site, a battery):
 * the origin in ECEF and the 3×3 rotation ECEF→ENU, row-major (rows E, N, U).
 */
export interface LocalFrame {
  readonly lat: number;
  readonly lon: number;
  readonly h: number;
  /** Origin, ECEF (m). */
  readonly origin: Float64Array;
  /** Row-major rotation ECEF → ENU (rows are the E, N, U unit vectors in ECEF). */
  readonly rotation: Float64Array;
}

/** Writes the row-major ECEF→ENU rotation at (lat, lon) into out[offset..offset+8]. */
export function enuRotationInto<T extends { [i: number]: number }>(
  out: T,
  lat: number,
  lon: number,
  offset = 0,
): T {
  const sphi = Math.sin(lat);
  const cphi = Math.cos(lat);
  const slam = Math.sin(lon);
  const clam = Math.cos(lon);
  out[offset] = -slam;
  out[offset + 1] = clam;
  out[offset + 2] = 0;
  out[offset + 3] = -sphi * clam;
  out[offset + 4] = -sphi * slam;
  out[offset + 5] = cphi;
  out[offset + 6] = cphi * clam;
  out[offset + 7] = cphi * slam;
  out[offset + 8] = sphi;
  return out;
}

function isGeodetic(o: Geodetic | ArrayLike<number>): o is Geodetic {
  return typeof (o as Geodetic).lat === 'number';
}

/** The local frame of an observer given geodetically ({lat, lon, h}) or as an ECEF point. */
export function localFrame(observer: Geodetic | ArrayLike<number>): LocalFrame {
  const origin = new Float64Array(3);
  let lat: number;
  let lon: number;
  let h: number;
  if (isGeodetic(observer)) {
    ({ lat, lon, h } = observer);
    geodeticToEcefInto(origin, lat, lon, h);
  } else {
    origin[0] = observer[0];
    origin[1] = observer[1];
    origin[2] = observer[2];
    const g = ecefToGeodeticInto(new Float64Array(3), origin);
    lat = g[0];
    lon = g[1];
    h = g[2];
  }
  if (!Number.isFinite(lat + lon + h + origin[0] + origin[1] + origin[2])) {
    throw new RangeError('localFrame: observer position must be finite');
  }
  return { lat, lon, h, origin, rotation: enuRotationInto(new Float64Array(9), lat, lon) };
}

/** Rotates an ECEF vector v into the frame's ENU axes (no translation): out = R·v. */
export function ecefVectorToEnuInto<T extends { [i: number]: number }>(
  out: T,
  frame: LocalFrame,
  v: ArrayLike<number>,
  outOffset = 0,
  vOffset = 0,
): T {
  const m = frame.rotation;
  const x = v[vOffset];
  const y = v[vOffset + 1];
  const z = v[vOffset + 2];
  out[outOffset] = m[0] * x + m[1] * y + m[2] * z;
  out[outOffset + 1] = m[3] * x + m[4] * y + m[5] * z;
  out[outOffset + 2] = m[6] * x + m[7] * y + m[8] * z;
  return out;
}

/** Rotates an ENU vector back to ECEF axes (no translation): out = Rᵀ·v. */
export function enuVectorToEcefInto<T extends { [i: number]: number }>(
  out: T,
  frame: LocalFrame,
  v: ArrayLike<number>,
  outOffset = 0,
  vOffset = 0,
): T {
  const m = frame.rotation;
  const e = v[vOffset];
  const n = v[vOffset + 1];
  const u = v[vOffset + 2];
  out[outOffset] = m[0] * e + m[3] * n + m[6] * u;
  out[outOffset + 1] = m[1] * e + m[4] * n + m[7] * u;
  out[outOffset + 2] = m[2] * e + m[5] * n + m[8] * u;
  return out;
}

/** ENU coordinates (m) of an ECEF point relative to the frame origin: out = R·(p − origin). */
export function ecefToEnuInto<T extends { [i: number]: number }>(
  out: T,
  frame: LocalFrame,
  p: ArrayLike<number>,
  outOffset = 0,
  pOffset = 0,
): T {
  const m = frame.rotation;
  const o = frame.origin;
  const x = p[pOffset] - o[0];
  const y = p[pOffset + 1] - o[1];
  const z = p[pOffset + 2] - o[2];
  out[outOffset] = m[0] * x + m[1] * y + m[2] * z;
  out[outOffset + 1] = m[3] * x + m[4] * y + m[5] * z;
  out[outOffset + 2] = m[6] * x + m[7] * y + m[8] * z;
  return out;
}

/** ECEF point of ENU coordinates relative to the frame origin: out = origin + Rᵀ·enu. */
export function enuToEcefInto<T extends { [i: number]: number }>(
  out: T,
  frame: LocalFrame,
  enu: ArrayLike<number>,
  outOffset = 0,
  enuOffset = 0,
): T {
  enuVectorToEcefInto(out, frame, enu, outOffset, enuOffset);
  out[outOffset] += frame.origin[0];
  out[outOffset + 1] += frame.origin[1];
  out[outOffset + 2] += frame.origin[2];
  return out;
}

/**
 * Azimuth (rad, clockwise from north, [0, 2π)), elevation (rad) and range (m) of an ECEF target
 * from the frame origin, written to out[outOffset..outOffset+2]. Allocation-free.
 */
export function aerInto<T extends { [i: number]: number }>(
  out: T,
  frame: LocalFrame,
  target: ArrayLike<number>,
  outOffset = 0,
  targetOffset = 0,
): T {
  ecefToEnuInto(out, frame, target, outOffset, targetOffset);
  const e = out[outOffset];
  const n = out[outOffset + 1];
  const u = out[outOffset + 2];
  const horiz = Math.sqrt(e * e + n * n);
  let az = Math.atan2(e, n);
  if (az < 0) az += TWO_PI;
  if (az >= TWO_PI) az = 0; // atan2 of −0 rounding guard
  out[outOffset] = az;
  out[outOffset + 1] = Math.atan2(u, horiz);
  out[outOffset + 2] = Math.sqrt(horiz * horiz + u * u);
  return out;
}

/** ECEF point at (azimuth, elevation, range) from the frame origin. Allocation-free. */
export function aerToEcefInto<T extends { [i: number]: number }>(
  out: T,
  frame: LocalFrame,
  azimuth: number,
  elevation: number,
  range: number,
  outOffset = 0,
): T {
  const ce = Math.cos(elevation);
  const e = range * ce * Math.sin(azimuth);
  const n = range * ce * Math.cos(azimuth);
  const u = range * Math.sin(elevation);
  const m = frame.rotation;
  out[outOffset] = frame.origin[0] + m[0] * e + m[3] * n + m[6] * u;
  out[outOffset + 1] = frame.origin[1] + m[1] * e + m[4] * n + m[7] * u;
  out[outOffset + 2] = frame.origin[2] + m[2] * e + m[5] * n + m[8] * u;
  return out;
}

/** Look angles and range of a target. */
export interface Aer {
  /** Clockwise from north, [0, 2π) rad. */
  azimuth: number;
  /** Above the local horizontal plane, [−π/2, π/2] rad. */
  elevation: number;
  /** Straight-line distance (m). */
  range: number;
}

/** ENU coordinates (m) of an ECEF point seen from an observer (geodetic or ECEF). */
export function ecefToEnu(observer: Geodetic | ArrayLike<number>, p: ArrayLike<number>): Vec3 {
  return ecefToEnuInto([0, 0, 0] as Vec3, localFrame(observer), p);
}

/** ECEF point of ENU coordinates (m) relative to an observer (geodetic or ECEF). */
export function enuToEcef(observer: Geodetic | ArrayLike<number>, enu: ArrayLike<number>): Vec3 {
  return enuToEcefInto([0, 0, 0] as Vec3, localFrame(observer), enu);
}

/** Rotates an ECEF vector (velocity, line of sight) into ENU axes at (lat, lon). */
export function ecefVectorToEnu(v: ArrayLike<number>, lat: number, lon: number): Vec3 {
  const m = enuRotationInto(new Float64Array(9), lat, lon);
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  ];
}

/** Rotates an ENU vector at (lat, lon) into ECEF axes. */
export function enuVectorToEcef(v: ArrayLike<number>, lat: number, lon: number): Vec3 {
  const m = enuRotationInto(new Float64Array(9), lat, lon);
  return [
    m[0] * v[0] + m[3] * v[1] + m[6] * v[2],
    m[1] * v[0] + m[4] * v[1] + m[7] * v[2],
    m[2] * v[0] + m[5] * v[1] + m[8] * v[2],
  ];
}

/** Azimuth/elevation/range of an ECEF target from an observer (geodetic or ECEF). */
export function aer(observer: Geodetic | ArrayLike<number>, target: ArrayLike<number>): Aer {
  const o = aerInto(new Float64Array(3), localFrame(observer), target);
  return { azimuth: o[0], elevation: o[1], range: o[2] };
}

/** ECEF point at the given azimuth/elevation/range from an observer (inverse of `aer`). */
export function aerToEcef(observer: Geodetic | ArrayLike<number>, look: Aer): Vec3 {
  return aerToEcefInto(
    [0, 0, 0] as Vec3,
    localFrame(observer),
    look.azimuth,
    look.elevation,
    look.range,
  );
}
