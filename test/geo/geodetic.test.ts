import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eciToGeodetic } from 'satellite.js';
import {
  J2,
  WGS84_A,
  WGS84_B,
  WGS84_E2,
  WGS84_F,
  degToRad,
  ecefToGeodetic,
  ecefToGeodeticInto,
  geodeticToEcef,
  geodeticToEcefInto,
  meridionalRadius,
  primeVerticalRadius,
  radToDeg,
} from '../../src/geo/index.js';

const deg = degToRad;

describe('WGS-84 constants (NIMA TR8350.2, 3rd ed., Tables 3.1-3.3)', () => {
  it('has the defining and derived values', () => {
    expect(WGS84_A).toBe(6378137);
    expect(1 / WGS84_F).toBeCloseTo(298.257223563, 9);
    expect(WGS84_B).toBeCloseTo(6356752.3142, 4); // Table 3.2: b = 6356752.3142 m
    expect(WGS84_E2).toBeCloseTo(6.69437999014e-3, 14); // Table 3.2: e² = 6.69437999014e-3
    expect(J2).toBeCloseTo(1.08262982e-3, 11); // −√5·C̄2,0 with C̄2,0 = −0.484166774985e-3
  });

  it('degToRad / radToDeg', () => {
    expect(degToRad(180)).toBe(Math.PI);
    expect(radToDeg(Math.PI / 2)).toBe(90);
  });
});

describe('geodeticToEcef', () => {
  it('reproduces the GeographicLib CartConvert(1) worked example', () => {
    // https://geographiclib.sourceforge.io/C++/doc/CartConvert.1.html:
    // echo 33.3 44.4 6000 | CartConvert  =>  3816209.60 3737108.55 3485109.57
    const [x, y, z] = geodeticToEcef({ lat: deg(33.3), lon: deg(44.4), h: 6000 });
    expect(x).toBeCloseTo(3816209.6, 1);
    expect(y).toBeCloseTo(3737108.55, 1);
    expect(z).toBeCloseTo(3485109.57, 1);
  });

  it('closed forms on the equator and at the poles', () => {
    const e = geodeticToEcef({ lat: 0, lon: 0, h: 1234.5 });
    expect(e[0]).toBeCloseTo(WGS84_A + 1234.5, 6);
    expect(e[1]).toBe(0);
    expect(e[2]).toBe(0);
    const e90 = geodeticToEcef({ lat: 0, lon: Math.PI / 2, h: 0 });
    expect(e90[1]).toBeCloseTo(WGS84_A, 6);
    const np = geodeticToEcef({ lat: Math.PI / 2, lon: 1, h: 100 });
    expect(Math.hypot(np[0], np[1])).toBeLessThan(1e-6);
    expect(np[2]).toBeCloseTo(WGS84_B + 100, 6);
    const sp = geodeticToEcef({ lat: -Math.PI / 2, lon: 0, h: -50 });
    expect(sp[2]).toBeCloseTo(-(WGS84_B - 50), 6);
  });

  it('radii of curvature: N = a, M = a(1−e²) at the equator; N = M = a²/b at the pole', () => {
    expect(primeVerticalRadius(0)).toBeCloseTo(WGS84_A, 6);
    expect(meridionalRadius(0)).toBeCloseTo(WGS84_A * (1 - WGS84_E2), 6);
    expect(primeVerticalRadius(Math.PI / 2)).toBeCloseTo((WGS84_A * WGS84_A) / WGS84_B, 6);
    expect(meridionalRadius(Math.PI / 2)).toBeCloseTo((WGS84_A * WGS84_A) / WGS84_B, 6);
  });

  it('rejects non-finite input and latitudes beyond the poles', () => {
    expect(() => geodeticToEcef({ lat: NaN, lon: 0, h: 0 })).toThrow(/lat/);
    expect(() => geodeticToEcef({ lat: 2, lon: 0, h: 0 })).toThrow(/lat/);
    expect(() => ecefToGeodetic([Infinity, 0, 0])).toThrow(/x/);
  });
});

describe('ecefToGeodetic (Vermeille 2011)', () => {
  it('reproduces the GeographicLib CartConvert(1) reverse example deep inside the Earth', () => {
    // echo 30000 30000 0 | CartConvert -r  =>  6.483 45 -6335709.73
    const g = ecefToGeodetic([30000, 30000, 0]);
    expect(radToDeg(g.lat)).toBeCloseTo(6.483, 3);
    expect(radToDeg(g.lon)).toBeCloseTo(45, 12);
    expect(g.h).toBeCloseTo(-6335709.73, 2);
  });

  it('at the poles and along the axis: h = |z| − b, lat = ±π/2', () => {
    for (const z of [WGS84_B - 10_000, WGS84_B, WGS84_B + 1, WGS84_B + 400e3, 42_164e3, 1000, 1]) {
      const n = ecefToGeodetic([0, 0, z]);
      expect(n.lat).toBe(Math.PI / 2);
      expect(Math.abs(n.h - (z - WGS84_B))).toBeLessThan(1e-6);
      const s = ecefToGeodetic([0, 0, -z]);
      expect(s.lat).toBe(-Math.PI / 2);
      expect(Math.abs(s.h - (z - WGS84_B))).toBeLessThan(1e-6);
    }
    expect(ecefToGeodetic([0, 0, 0]).h).toBeCloseTo(-WGS84_B, 6);
  });

  it('on the equator: h = ρ − a, lat = 0, from −10 km to GEO radius', () => {
    for (const rho of [WGS84_A - 10_000, WGS84_A, WGS84_A + 0.001, 7_000e3, 42_164e3]) {
      for (const lon of [0, 1, -2.5, Math.PI]) {
        const g = ecefToGeodetic([rho * Math.cos(lon), rho * Math.sin(lon), 0]);
        expect(g.lat).toBe(0);
        expect(Math.abs(g.h - (rho - WGS84_A))).toBeLessThan(1e-6);
        expect(Math.abs(g.lon - Math.atan2(Math.sin(lon), Math.cos(lon)))).toBeLessThan(1e-15);
      }
    }
  });

  it('GEO: a geostationary radius of 42,164 km is 35,786 km above the equator', () => {
    const g = ecefToGeodetic([42_164_000, 0, 0]);
    expect(g.h).toBeCloseTo(42_164_000 - WGS84_A, 6);
  });

  it('agrees with satellite.js eciToGeodetic (independent iterative method) to 1 mm', () => {
    // satellite.js works in km with b = 6356.7523142 km (0.05 mm from WGS-84's b) and iterates
    // Bowring's latitude 20 times; its height formula is singular at the poles, so |lat| ≤ 80°.
    for (const [latDeg, lonDeg, h] of [
      [0, 0, 0],
      [12.5, -75, 35_786_000],
      [-33.9, 151.2, 50],
      [51.5, -0.1, 400_000],
      [79.9, 10, -10_000],
      [-60, 170, 1_500_000],
    ]) {
      const r = geodeticToEcef({ lat: deg(latDeg), lon: deg(lonDeg), h });
      const ours = ecefToGeodetic(r);
      const theirs = eciToGeodetic({ x: r[0] / 1000, y: r[1] / 1000, z: r[2] / 1000 }, 0);
      expect(Math.abs(ours.h - theirs.height * 1000)).toBeLessThan(1e-3);
      expect(Math.abs(ours.lat - theirs.latitude)).toBeLessThan(1e-3 / WGS84_A);
      expect(Math.abs(ours.lon - theirs.longitude)).toBeLessThan(1e-12);
    }
  });

  it('round trip geodetic → ECEF → geodetic within 1 mm over the whole range (property)', () => {
    const out = new Float64Array(3);
    const g = new Float64Array(3);
    const back = new Float64Array(3);
    fc.assert(
      fc.property(
        fc.double({ min: -Math.PI / 2, max: Math.PI / 2, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.oneof(
          fc.double({ min: -10_000, max: 100_000, noNaN: true }),
          fc.double({ min: -10_000, max: 36_000_000, noNaN: true }),
        ),
        (lat, lon, h) => {
          geodeticToEcefInto(out, lat, lon, h);
          ecefToGeodeticInto(g, out);
          geodeticToEcefInto(back, g[0], g[1], g[2]);
          const dpos = Math.hypot(back[0] - out[0], back[1] - out[1], back[2] - out[2]);
          // Height to 1 mm; latitude to the equivalent 1 mm on the ground (0.16 nrad).
          return Math.abs(g[2] - h) < 1e-3 && Math.abs(g[0] - lat) < 1e-3 / 6.4e6 && dpos < 1e-3;
        },
      ),
      { numRuns: 20_000, seed: 76 },
    );
  });

  it('round trip near the poles and along the axis', () => {
    const out = new Float64Array(3);
    const g = new Float64Array(3);
    for (const lat of [Math.PI / 2, Math.PI / 2 - 1e-9, Math.PI / 2 - 1e-5, -Math.PI / 2 + 1e-7]) {
      for (const h of [-10_000, 0, 1, 1e5, 3.6e7]) {
        geodeticToEcefInto(out, lat, 0.7, h);
        ecefToGeodeticInto(g, out);
        expect(Math.abs(g[2] - h)).toBeLessThan(1e-3);
        expect(Math.abs(g[0] - lat)).toBeLessThan(1e-12);
      }
    }
  });

  it('Into variants honour offsets', () => {
    const buf = new Float64Array(8).fill(7);
    geodeticToEcefInto(buf, 0, 0, 0, 2);
    expect([buf[0], buf[1], buf[2], buf[5]]).toEqual([7, 7, WGS84_A, 7]);
    const out = new Float64Array(6);
    ecefToGeodeticInto(out, buf, 3, 2);
    expect(out[3]).toBe(0);
    expect(Math.abs(out[5])).toBeLessThan(1e-9);
  });
});
