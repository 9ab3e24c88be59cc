/**
 * Distances and bearings over the Earth.
 *
 * Exact: geodesics on the WGS-84 ellipsoid with GeographicLib (geographiclib-geodesic 2.2.0;
 * C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87:43–55, 2013), accurate to ~15 nm.
 * The package is CommonJS without named ESM exports, so it is imported as the default export
 * (Node gives an ES module the CommonJS `module.exports` object as its default).
 *
 * Fast: great circles on a sphere of radius R (default the mean radius R1 = 6371008.8 m) by the
 * haversine formula (R. W. Sinnott, "Virtues of the haversine", Sky & Telescope 68(2):159, 1984).
 * APPROXIMATE: on WGS-84 the spherical distance is off by up to ~0.5 % (the ellipsoid's
 * curvature varies from 6335 km to 6400 km). Use them only where that is acceptable (coarse
 * gating, pre-filters in hot loops); anything reported uses the geodesic.
 */
import geographiclib from 'geographiclib-geodesic';
import { EARTH_MEAN_RADIUS, degToRad, radToDeg } from './constants.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const INVERSE_MASK = geographiclib.Geodesic.DISTANCE | geographiclib.Geodesic.AZIMUTH;
const DIRECT_MASK =
  geographiclib.Geodesic.LATITUDE | geographiclib.Geodesic.LONGITUDE | geographiclib.Geodesic.AZIMUTH;
const TWO_PI = 2 * Math.PI;

function wrap2Pi(a: number): number {
  let r = a % TWO_PI;
  if (r < 0) r += TWO_PI;
  return r >= TWO_PI ? 0 : r;
}

function wrapPi(a: number): number {
  // (−π, π]
  let r = wrap2Pi(a);
  if (r > Math.PI) r -= TWO_PI;
  return r;
}

function finite(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${v}`);
}

/** Result of the inverse geodesic problem. */
export interface GeodesicInverse {
  /** Length of the geodesic (m). */
  distance: number;
  /** Forward azimuth at point 1, clockwise from north, [0, 2π). */
  azimuth1: number;
  /** Forward azimuth at point 2 (direction of travel on arrival), [0, 2π). */
  azimuth2: number;
}

/** Shortest path on WGS-84 between two points (radians in, metres and radians out). */
export function geodesicInverse(
  lat1: number,
  lon1: number,
  lat2: number,
  lon2: number,
): GeodesicInverse {
  finite('lat1', lat1);
  finite('lon1', lon1);
  finite('lat2', lat2);
  finite('lon2', lon2);
  const r = WGS84.Inverse(radToDeg(lat1), radToDeg(lon1), radToDeg(lat2), radToDeg(lon2), INVERSE_MASK);
  return {
    distance: r.s12 as number,
    azimuth1: wrap2Pi(degToRad(r.azi1 as number)),
    azimuth2: wrap2Pi(degToRad(r.azi2 as number)),
  };
}

/** Result of the direct geodesic problem. */
export interface GeodesicDirect {
  /** Latitude of the end point (rad). */
  lat: number;
  /** Longitude of the end point (rad, (−π, π]). */
  lon: number;
  /** Forward azimuth at the end point, [0, 2π). */
  azimuth2: number;
}

/** End point of the geodesic leaving (lat, lon) at `azimuth` (rad from north) for `distance` m. */
export function geodesicDirect(
  lat: number,
  lon: number,
  azimuth: number,
  distance: number,
): GeodesicDirect {
  finite('lat', lat);
  finite('lon', lon);
  finite('azimuth', azimuth);
  finite('distance', distance);
  const r = WGS84.Direct(radToDeg(lat), radToDeg(lon), radToDeg(azimuth), distance, DIRECT_MASK);
  return {
    lat: degToRad(r.lat2 as number),
    lon: wrapPi(degToRad(r.lon2 as number)),
    azimuth2: wrap2Pi(degToRad(r.azi2 as number)),
  };
}

/**
 * Great-circle distance (m) on a sphere of radius `radius` by the haversine formula.
 * APPROXIMATE on the Earth (≤ ~0.5 % vs the WGS-84 geodesic); allocation-free.
 */
export function greatCircleDistance(
  lat1: number,
  lon1: number,
  lat2: number,
  lon2: number,
  radius = EARTH_MEAN_RADIUS,
): number {
  const sdlat = Math.sin((lat2 - lat1) / 2);
  const sdlon = Math.sin((lon2 - lon1) / 2);
  const hav = sdlat * sdlat + Math.cos(lat1) * Math.cos(lat2) * sdlon * sdlon;
  return 2 * radius * Math.asin(Math.min(1, Math.sqrt(hav)));
}

/** Initial great-circle bearing from point 1 to point 2 (rad, clockwise from north, [0, 2π)). */
export function greatCircleAzimuth(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dlon = lon2 - lon1;
  const y = Math.sin(dlon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dlon);
  return wrap2Pi(Math.atan2(y, x));
}

/**
 * End point of the great circle leaving (lat, lon) at `azimuth` for `distance` m on a sphere of
 * radius `radius`, written as [lat, lon] to out[offset..offset+1]. APPROXIMATE; allocation-free.
 */
export function greatCircleDestinationInto<T extends { [i: number]: number }>(
  out: T,
  lat: number,
  lon: number,
  azimuth: number,
  distance: number,
  radius = EARTH_MEAN_RADIUS,
  offset = 0,
): T {
  const delta = distance / radius;
  const sphi = Math.sin(lat);
  const cphi = Math.cos(lat);
  const sd = Math.sin(delta);
  const cd = Math.cos(delta);
  const sphi2 = sphi * cd + cphi * sd * Math.cos(azimuth);
  const lat2 = Math.asin(Math.max(-1, Math.min(1, sphi2)));
  const lon2 = lon + Math.atan2(Math.sin(azimuth) * sd * cphi, cd - sphi * sphi2);
  out[offset] = lat2;
  out[offset + 1] = wrapPi(lon2);
  return out;
}

/** Great-circle end point as {lat, lon} (rad). APPROXIMATE (spherical). */
export function greatCircleDestination(
  lat: number,
  lon: number,
  azimuth: number,
  distance: number,
  radius = EARTH_MEAN_RADIUS,
): { lat: number; lon: number } {
  const o = greatCircleDestinationInto([0, 0], lat, lon, azimuth, distance, radius);
  return { lat: o[0], lon: o[1] };
}
