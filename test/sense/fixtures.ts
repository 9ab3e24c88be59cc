// Shared builders for the sense tests (not a test file).
import { aerToEcefInto, localFrame } from '../../src/geo/index.js';
import type { SensorSpec, SensorTarget, SensorTypeSpec } from '../../src/sense/index.js';

export const DEG = Math.PI / 180;

export function radarType(over: Partial<SensorTypeSpec> = {}): SensorTypeSpec {
  return {
    id: 'test-radar',
    kind: 'radar',
    frequency: 3e9,
    maxDetectionRange: null,
    calibration: { rcs: 1, range: 100_000, pd: 0.9, pfa: 1e-6 },
    gainDb: 40,
    bandwidth: 1e6,
    noiseFigureDb: 3,
    noiseTemperature: 290,
    lossesDb: 0,
    radarEquation: null,
    rangeSigma: null,
    angleSigma: null,
    rangeRateSigma: null,
    ...over,
  };
}

export function radarSpec(over: Partial<SensorSpec> = {}, type: Partial<SensorTypeSpec> = {}): SensorSpec {
  return {
    id: 'radar-1',
    force: 'blue',
    kind: 'radar',
    type: radarType(type),
    location: { lat: 0.7, lon: 0.3, h: 10 },
    boresight: 0,
    sector: { width: 2 * Math.PI, elevationMin: 0, elevationMax: 80 * DEG },
    revisit: 1,
    maxTracks: 1000,
    satellites: [],
    ...over,
  };
}

/** ECEF state of a target at (azimuth, elevation, range) from a site, with an ECEF velocity. */
export function targetAt(
  site: { lat: number; lon: number; h: number },
  az: number,
  el: number,
  range: number,
  velocity: [number, number, number] = [0, 0, 0],
): Float64Array {
  const s = new Float64Array(6);
  aerToEcefInto(s, localFrame(site), az, el, range);
  s[3] = velocity[0];
  s[4] = velocity[1];
  s[5] = velocity[2];
  return s;
}

export function target(id: string, state: Float64Array, rcs = 1, extra: Partial<SensorTarget> = {}): SensorTarget {
  return { id, kind: 'cruise', state, rcs, thrusting: false, ...extra };
}
