/**
 * Raid generators → individual launches, deterministically: raid `r` draws from its own stream
 * (seed, `raid/<r>`), so editing one raid never changes another's launches.
 *
 * - Launch times: `uniform` spacing puts launch k at start + (k + ½)·(end − start)/count; `random`
 *   draws count uniform times in the window and sorts them.
 * - Launch points: uniform over the area — a circle by geodesic offset (azimuth U[0, 2π),
 *   distance R·√U, which is uniform in area for R ≪ Earth radius); a polygon by rejection sampling
 *   in its bounding box, uniform in (lon, sin lat), i.e. in area on the sphere.
 * - Targets: a weighted draw among the raid's targets; the aimpoint is displaced by the raid's
 *   dispersion (circular normal, σ = dispersion per axis, north/east) by a geodesic offset.
 */
import { stream, type Rng } from '../math/index.js';
import { geodesicDirect } from '../geo/index.js';
import type { GeoPoint, LatLon, Raid, Threat } from '../scenario/index.js';

export function expandRaid(raid: Raid, seed: number): Threat[] {
  const rng = stream(seed, `raid/${raid.id}`);
  const { start, end } = raid.window;
  const times: number[] = [];
  for (let k = 0; k < raid.count; k++) {
    times.push(raid.spacing === 'uniform' ? start + ((k + 0.5) * (end - start)) / raid.count : rng.uniformRange(start, end));
  }
  if (raid.spacing === 'random') times.sort((a, b) => a - b);
  const width = String(raid.count).length;
  const threats: Threat[] = [];
  for (let k = 0; k < raid.count; k++) {
    const launch = { ...samplePoint(raid.launchArea, rng), h: raid.launchArea.h };
    const j = weightedIndex(raid.targets.weights, rng);
    const base = raid.targets.points[j]!;
    const asset = raid.targets.kind === 'assets' ? raid.targets.assets[j]! : null;
    const point = raid.dispersion > 0 ? displace(base, raid.dispersion, rng) : { ...base };
    threats.push({
      id: `${raid.id}-${String(k + 1).padStart(width, '0')}`,
      name: `${raid.name} #${k + 1}`,
      force: raid.force,
      typeId: raid.typeId,
      type: raid.type,
      category: raid.category,
      launch: { time: times[k]!, location: launch },
      target: { asset, point },
      trajectory: raid.trajectory,
      route: raid.routing.kind === 'via' ? raid.routing.via.map((p) => ({ ...p })) : [],
      cruiseAltitude: raid.cruiseAltitude,
      maneuver: raid.maneuver,
    });
  }
  return threats;
}

function samplePoint(area: Raid['launchArea'], rng: Rng): LatLon {
  if (area.kind === 'circle') {
    const az = rng.uniformRange(0, 2 * Math.PI);
    const d = area.radius * Math.sqrt(rng.uniform());
    const p = geodesicDirect(area.center.lat, area.center.lon, az, d);
    return { lat: p.lat, lon: p.lon };
  }
  const poly = area.polygon;
  let latMin = Infinity, latMax = -Infinity, lonMin = Infinity, lonMax = -Infinity;
  for (const p of poly) {
    latMin = Math.min(latMin, p.lat);
    latMax = Math.max(latMax, p.lat);
    lonMin = Math.min(lonMin, p.lon);
    lonMax = Math.max(lonMax, p.lon);
  }
  const sMin = Math.sin(latMin);
  const sMax = Math.sin(latMax);
  for (let tries = 0; tries < 100_000; tries++) {
    const lat = Math.asin(rng.uniformRange(sMin, sMax));
    const lon = rng.uniformRange(lonMin, lonMax);
    if (insidePolygon(lat, lon, poly)) return { lat, lon };
  }
  // A degenerate (zero-area) polygon: fall back to its first vertex, deterministically.
  return { lat: poly[0]!.lat, lon: poly[0]!.lon };
}

/** Even–odd ray casting in (lon, lat); adequate for launch areas well away from the poles and ±180°. */
export function insidePolygon(lat: number, lon: number, poly: readonly LatLon[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.lat > lat !== b.lat > lat && lon < ((b.lon - a.lon) * (lat - a.lat)) / (b.lat - a.lat) + a.lon) inside = !inside;
  }
  return inside;
}

function weightedIndex(weights: readonly number[], rng: Rng): number {
  const u = rng.uniform();
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    if (u < acc) return i;
  }
  return weights.length - 1;
}

function displace(p: GeoPoint, sigma: number, rng: Rng): GeoPoint {
  const north = rng.normal(0, sigma);
  const east = rng.normal(0, sigma);
  const d = Math.hypot(north, east);
  if (d === 0) return { ...p };
  const q = geodesicDirect(p.lat, p.lon, Math.atan2(east, north), d);
  return { lat: q.lat, lon: q.lon, h: p.h };
}
