import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ecfToLookAngles } from 'satellite.js';
import {
  WGS84_A,
  aer,
  aerInto,
  aerToEcef,
  degToRad,
  ecefToEnu,
  ecefToEnuInto,
  ecefVectorToEnu,
  enuRotationInto,
  enuToEcef,
  enuVectorToEcef,
  geodeticToEcef,
  localFrame,
} from '../../src/geo/index.js';

const deg = degToRad;

describe('ECEF ↔ ENU', () => {
  it('reproduces the GeographicLib CartConvert(1) local-cartesian example', () => {
    // echo 33.3 44.4 6000 | CartConvert -l 33 44 20  =>  37288.97 33374.29 5783.64
    const p = geodeticToEcef({ lat: deg(33.3), lon: deg(44.4), h: 6000 });
    const [e, n, u] = ecefToEnu({ lat: deg(33), lon: deg(44), h: 20 }, p);
    expect(e).toBeCloseTo(37288.97, 1);
    expect(n).toBeCloseTo(33374.29, 1);
    expect(u).toBeCloseTo(5783.64, 1);
    const back = enuToEcef({ lat: deg(33), lon: deg(44), h: 20 }, [e, n, u]);
    expect(Math.hypot(back[0] - p[0], back[1] - p[1], back[2] - p[2])).toBeLessThan(1e-6);
  });

  it('hand-worked axes at (0°, 0°): east = +y, north = +z, up = +x', () => {
    expect(ecefVectorToEnu([0, 1, 0], 0, 0)).toEqual([1, 0, 0]);
    expect(ecefVectorToEnu([0, 0, 1], 0, 0)).toEqual([0, 1, 0]);
    expect(ecefVectorToEnu([1, 0, 0], 0, 0)).toEqual([0, 0, 1]);
  });

  it('hand-worked axes at the north pole (lon 0): north = −x, east = +y, up = +z', () => {
    const [e, n, u] = ecefVectorToEnu([-1, 0, 0], Math.PI / 2, 0);
    expect(e).toBeCloseTo(0, 15);
    expect(n).toBeCloseTo(1, 15);
    expect(u).toBeCloseTo(0, 15);
    expect(ecefVectorToEnu([0, 1, 0], Math.PI / 2, 0)[0]).toBeCloseTo(1, 15);
  });

  it('the rotation is orthonormal and the vector round trip is exact (property)', () => {
    const m = new Float64Array(9);
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        (lat, lon) => {
          enuRotationInto(m, lat, lon);
          for (let i = 0; i < 3; i++) {
            for (let j = 0; j < 3; j++) {
              const dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
              if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-15) return false;
            }
          }
          // Right-handed: E × N = U.
          const cx = m[1] * m[5] - m[2] * m[4];
          const cy = m[2] * m[3] - m[0] * m[5];
          const cz = m[0] * m[4] - m[1] * m[3];
          if (Math.abs(cx - m[6]) + Math.abs(cy - m[7]) + Math.abs(cz - m[8]) > 1e-15) return false;
          const v = enuVectorToEcef(ecefVectorToEnu([1, -2, 3], lat, lon), lat, lon);
          return Math.abs(v[0] - 1) + Math.abs(v[1] + 2) + Math.abs(v[2] - 3) < 1e-14;
        },
      ),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe('azimuth / elevation / range', () => {
  it('hand-worked at (0°, 0°, 0 m): up, east, north, south, west', () => {
    const o = { lat: 0, lon: 0, h: 0 };
    const up = aer(o, [WGS84_A + 1000, 0, 0]);
    expect(up.elevation).toBeCloseTo(Math.PI / 2, 15);
    expect(up.range).toBeCloseTo(1000, 9);
    const east = aer(o, [WGS84_A, 1000, 0]);
    expect(east.azimuth).toBeCloseTo(Math.PI / 2, 15);
    expect(east.elevation).toBe(0);
    const north = aer(o, [WGS84_A, 0, 1000]);
    expect(north.azimuth).toBe(0);
    expect(aer(o, [WGS84_A, 0, -1000]).azimuth).toBeCloseTo(Math.PI, 15);
    expect(aer(o, [WGS84_A, -1000, 0]).azimuth).toBeCloseTo((3 * Math.PI) / 2, 15);
  });

  it('hand-worked at 45°N: a target straight "above" along +z is 45° up, due north, √2 km', () => {
    // At 45°N, lon 0: U = (cos45, 0, sin45), N = (−sin45, 0, cos45), so 1 km up + 1 km north is
    // the ECEF offset (0, 0, √2 km).
    const o = { lat: deg(45), lon: 0, h: 0 };
    const p0 = geodeticToEcef(o);
    const look = aer(o, [p0[0], p0[1], p0[2] + Math.SQRT2 * 1000]);
    expect(look.azimuth).toBeCloseTo(0, 12);
    expect(look.elevation).toBeCloseTo(Math.PI / 4, 12);
    expect(look.range).toBeCloseTo(Math.SQRT2 * 1000, 9);
  });

  it('agrees with satellite.js ecfToLookAngles (independent implementation)', () => {
    const sites = [
      { lat: deg(35.3), lon: deg(-116.8), h: 1000 },
      { lat: deg(-33.9), lon: deg(18.4), h: 0 },
      { lat: deg(64.3), lon: deg(-149.2), h: 200 },
    ];
    const targets = [
      [-2_400_000, -4_700_000, 4_100_000],
      [5_000_000, 1_700_000, -3_800_000],
      [-2_000_000, -1_400_000, 7_000_000],
      [12_000_000, -9_000_000, 20_000_000],
    ];
    for (const s of sites) {
      for (const t of targets) {
        const ours = aer(s, t);
        const theirs = ecfToLookAngles(
          { latitude: s.lat, longitude: s.lon, height: s.h / 1000 },
          { x: t[0] / 1000, y: t[1] / 1000, z: t[2] / 1000 },
        );
        let daz = Math.abs(ours.azimuth - theirs.azimuth);
        daz = Math.min(daz, 2 * Math.PI - daz);
        expect(daz).toBeLessThan(1e-9);
        expect(Math.abs(ours.elevation - theirs.elevation)).toBeLessThan(1e-9);
        expect(Math.abs(ours.range - theirs.rangeSat * 1000)).toBeLessThan(1e-3);
      }
    }
  });

  it('aerToEcef inverts aer (property), with the observer given geodetically or in ECEF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI - 1e-9, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: 1, max: 4e7, noNaN: true }),
        (lat, lon, az, el, range) => {
          const obs = { lat, lon, h: 100 };
          const p = aerToEcef(obs, { azimuth: az, elevation: el, range });
          const back = aer(geodeticToEcef(obs), p);
          const dAz = Math.abs(back.azimuth - az);
          return (
            Math.abs(back.range - range) < 1e-6 * Math.max(1, range / 1e6) &&
            Math.abs(back.elevation - el) < 1e-9 &&
            Math.min(dAz, 2 * Math.PI - dAz) * Math.cos(el) < 1e-9
          );
        },
      ),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('aerInto / ecefToEnuInto on a precomputed frame match the allocating API, with offsets', () => {
    const frame = localFrame({ lat: deg(10), lon: deg(20), h: 30 });
    const targets = new Float64Array([0, 0, 0, 6_000_000, 2_000_000, 1_000_000]);
    const out = new Float64Array(5);
    aerInto(out, frame, targets, 2, 3);
    const ref = aer({ lat: deg(10), lon: deg(20), h: 30 }, [6_000_000, 2_000_000, 1_000_000]);
    expect(out[2]).toBe(ref.azimuth);
    expect(out[3]).toBe(ref.elevation);
    expect(out[4]).toBe(ref.range);
    const enu = ecefToEnuInto(new Float64Array(3), frame, frame.origin);
    expect(Array.from(enu)).toEqual([0, 0, 0]);
  });
});
