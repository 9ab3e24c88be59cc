/**
 * Coverage: each radar's detection footprint at an altitude for an RCS (field of regard, range
 * limits, 4/3-Earth horizon and the radar equation at a detection probability), as GeoJSON
 * polygons; and a space IR constellation's coverage over time (fraction of the Earth seen by at
 * least one and at least two satellites). docs/models/sensors.md ("Coverage").
 */
import { geodeticToEcefInto, greatCircleDestination, greatCircleDestinationInto, localFrame, aerInto, rayClearance, ecefToGeodeticInto } from '../geo/index.js';
import { fromDb, requiredSnrDb } from './detection.js';
import type { SatelliteEphemeris } from './ephemeris.js';
import { CLOUD_TOP, irVisible } from './infrared.js';
import { apparentElevation, radarSnr, wrapPi, type RadarModel } from './radar.js';

const DEG = Math.PI / 180;
const RAD = 180 / Math.PI;

export interface FootprintOptions {
  /** Target radar cross section, m². */
  rcs: number;
  /** Target height above the ellipsoid, m. */
  altitude: number;
  /** Detection probability defining the edge [0.5]. */
  pd?: number;
  /** Azimuth step of the outline, rad [1°]. */
  azimuthStep?: number;
}

export interface Footprint {
  sensorId: string;
  /** Free-space range (m) at which the RCS is detected with probability pd (radar equation only). */
  detectionRange: number;
  /** Largest ground distance (m) of the footprint over all azimuths. */
  maxGroundRange: number;
  /** Smallest inner ground distance (m): > 0 when a cone of silence / minimum range leaves a hole. */
  minGroundRange: number;
  /** GeoJSON Polygon coordinates: rings of [lon°, lat°], closed; first outer, then holes. */
  rings: [number, number][][];
}

/**
 * The set of ground points over which a target at `altitude` with `rcs` is detected with at least
 * probability `pd`: for each azimuth of the sector, the nearest and farthest ground distance at
 * which the target is inside the range limits, elevation limits and sector, above the k-Earth
 * horizon, and at SNR ≥ SNR_req(pd) (coarse scan then bisection on the edges). No jamming, no
 * clutter loss (a footprint is a property of the radar).
 */
export function radarFootprint(radar: RadarModel, options: FootprintOptions): Footprint {
  const pd = options.pd ?? 0.5;
  const need = fromDb(requiredSnrDb({ pd, pfa: radar.pfa, swerling: radar.swerling, pulses: radar.pulses }));
  const detectionRange = Math.pow((radar.snrConstant * options.rcs) / need, 0.25);
  const frame = localFrame(radar.site);
  const p = new Float64Array(3);
  const look = new Float64Array(3);
  const ll = new Float64Array(2);
  const h = options.altitude;
  const detectable = (az: number, d: number): boolean => {
    greatCircleDestinationInto(ll, radar.site.lat, radar.site.lon, az, d);
    geodeticToEcefInto(p, ll[0], ll[1], h);
    aerInto(look, frame, p);
    const [a, el, range] = look;
    if (range < radar.minRange || range > radar.maxRange) return false;
    const elApp = apparentElevation(el, range, radar.k);
    if (elApp < radar.elevationMin || elApp > radar.elevationMax) return false;
    if (radar.sectorWidth < 2 * Math.PI && Math.abs(wrapPi(a - radar.boresight)) > radar.sectorWidth / 2) return false;
    if (rayClearance(frame.origin, p, radar.k) < 0) return false;
    return radarSnr(radar, options.rcs, range) >= need;
  };
  const dMax = Math.min(radar.maxRange, detectionRange) * 1.05 + 1000;
  const steps = 400;
  const refine = (az: number, lo: number, hi: number, loIn: boolean): number => {
    // Edge between lo (state loIn) and hi (state !loIn).
    for (let i = 0; i < 40; i++) {
      const mid = 0.5 * (lo + hi);
      if (detectable(az, mid) === loIn) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  const full = radar.sectorWidth >= 2 * Math.PI - 1e-9;
  const step = options.azimuthStep ?? DEG;
  const n = Math.max(2, Math.ceil(radar.sectorWidth / step));
  const azs: number[] = [];
  for (let i = 0; i <= n; i++) {
    if (full && i === n) break;
    azs.push(full ? (i * 2 * Math.PI) / n : radar.boresight - radar.sectorWidth / 2 + (i * radar.sectorWidth) / n);
  }
  const inner: number[] = [];
  const outer: number[] = [];
  for (const az of azs) {
    let first = -1;
    let last = -1;
    for (let k = 0; k <= steps; k++) {
      const d = (k * dMax) / steps;
      if (detectable(az, d)) {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first < 0) {
      inner.push(0);
      outer.push(0);
      continue;
    }
    const dIn = first === 0 ? 0 : refine(az, ((first - 1) * dMax) / steps, (first * dMax) / steps, false);
    const dOut = last === steps ? dMax : refine(az, (last * dMax) / steps, ((last + 1) * dMax) / steps, true);
    inner.push(dIn);
    outer.push(dOut);
  }
  const point = (az: number, d: number): [number, number] => {
    if (d <= 0) return [radar.site.lon * RAD, radar.site.lat * RAD];
    const g = greatCircleDestination(radar.site.lat, radar.site.lon, az, d);
    return [normLon(g.lon * RAD), g.lat * RAD];
  };
  const rings: [number, number][][] = [];
  if (full) {
    const ring = azs.map((az, i) => point(az, outer[i]));
    ring.push(ring[0]);
    rings.push(ring);
    const minIn = Math.min(...inner);
    if (minIn > 0) {
      const hole = azs.map((az, i) => point(az, inner[i])).reverse();
      hole.push(hole[0]);
      rings.push(hole);
    }
  } else {
    const ring: [number, number][] = azs.map((az, i) => point(az, outer[i]));
    for (let i = azs.length - 1; i >= 0; i--) ring.push(point(azs[i], inner[i]));
    ring.push(ring[0]);
    rings.push(ring);
  }
  return {
    sensorId: radar.id,
    detectionRange,
    maxGroundRange: Math.max(...outer),
    minGroundRange: Math.min(...inner),
    rings,
  };
}

function normLon(lonDeg: number): number {
  let l = ((lonDeg + 180) % 360 + 360) % 360 - 180;
  if (l === -180 && lonDeg > 0) l = 180;
  return l;
}

export interface IrCoverageOptions {
  /** Start and length of the sampled interval, s since the epoch [0, 86 400]. */
  start?: number;
  duration?: number;
  /** Sampling step, s [900]. */
  step?: number;
  /** Grid spacing, rad [5°]. */
  grid?: number;
  /** Cloud-top height the line of sight must clear, m [10 km]. */
  cloudTop?: number;
  /** Height of the plume point tested, m [15 km: a boosting missile just above the clouds]. */
  altitude?: number;
}

export interface IrCoverage {
  times: number[];
  /** Area fraction of the Earth (cos-latitude weighted) seen by ≥ 1 and ≥ 2 satellites at each time. */
  fractionOne: number[];
  fractionTwo: number[];
  /** Per grid cell (centre lat/lon, rad): fraction of the sampled times seen by ≥ 1 and ≥ 2 satellites. */
  cells: { lat: number; lon: number; timeOne: number; timeTwo: number }[];
  /** Cell size, rad. */
  grid: number;
}

/**
 * Coverage of a set of IR satellites over time: at each sample time, every grid cell centre at
 * the plume altitude is tested against every satellite (limb and cloud tops, `irVisible`).
 */
export function irCoverage(satellites: readonly SatelliteEphemeris[], options: IrCoverageOptions = {}): IrCoverage {
  const start = options.start ?? 0;
  const duration = options.duration ?? 86_400;
  const step = options.step ?? 900;
  const grid = options.grid ?? 5 * DEG;
  const cloudTop = options.cloudTop ?? CLOUD_TOP;
  const altitude = options.altitude ?? cloudTop + 5000;
  const nLat = Math.round(Math.PI / grid);
  const nLon = Math.round((2 * Math.PI) / grid);
  const cells: { lat: number; lon: number; timeOne: number; timeTwo: number; w: number; p: Float64Array }[] = [];
  for (let i = 0; i < nLat; i++) {
    const lat = -Math.PI / 2 + (i + 0.5) * (Math.PI / nLat);
    for (let j = 0; j < nLon; j++) {
      const lon = -Math.PI + (j + 0.5) * ((2 * Math.PI) / nLon);
      cells.push({ lat, lon, timeOne: 0, timeTwo: 0, w: Math.cos(lat), p: geodeticToEcefInto(new Float64Array(3), lat, lon, altitude) });
    }
  }
  const wSum = cells.reduce((s, c) => s + c.w, 0);
  const times: number[] = [];
  const fractionOne: number[] = [];
  const fractionTwo: number[] = [];
  const state = new Float64Array(6);
  const positions: Float64Array[] = satellites.map(() => new Float64Array(3));
  for (let t = start; t <= start + duration + 1e-9; t += step) {
    const ok: boolean[] = satellites.map((s, k) => {
      if (!s.stateAt(t, state)) return false;
      positions[k].set(state.subarray(0, 3));
      return true;
    });
    let one = 0;
    let two = 0;
    for (const c of cells) {
      let count = 0;
      for (let k = 0; k < satellites.length && count < 2; k++) if (ok[k] && irVisible(positions[k], c.p, cloudTop)) count++;
      if (count >= 1) {
        one += c.w;
        c.timeOne++;
      }
      if (count >= 2) {
        two += c.w;
        c.timeTwo++;
      }
    }
    times.push(t);
    fractionOne.push(one / wSum);
    fractionTwo.push(two / wSum);
  }
  return {
    times,
    fractionOne,
    fractionTwo,
    cells: cells.map((c) => ({ lat: c.lat, lon: c.lon, timeOne: c.timeOne / times.length, timeTwo: c.timeTwo / times.length })),
    grid,
  };
}

/** Sub-satellite point (rad) of an ephemeris at t, for reports. */
export function subSatellitePoint(eph: SatelliteEphemeris, t: number): { lat: number; lon: number; h: number } | null {
  const s = new Float64Array(6);
  if (!eph.stateAt(t, s)) return null;
  const g = ecefToGeodeticInto(new Float64Array(3), s);
  return { lat: g[0], lon: g[1], h: g[2] };
}
