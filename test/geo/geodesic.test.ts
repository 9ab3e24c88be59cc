import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EARTH_MEAN_RADIUS,
  degToRad,
  geodesicDirect,
  geodesicInverse,
  greatCircleAzimuth,
  greatCircleDestination,
  greatCircleDistance,
  radToDeg,
} from '../../src/geo/index.js';

const deg = degToRad;
const wrapDeg = (a: number): number => ((a % 360) + 360) % 360;

describe('geodesics on WGS-84 (GeographicLib)', () => {
  it('README example: Wellington → Salamanca is 19959679.267 m', () => {
    // geographiclib-geodesic README: geod.Inverse(-41.32, 174.81, 40.96, -5.50) → 19959679.267 m
    const r = geodesicInverse(deg(-41.32), deg(174.81), deg(40.96), deg(-5.5));
    expect(r.distance).toBeCloseTo(19959679.267, 3);
    expect(radToDeg(r.azimuth1)).toBeCloseTo(161.067669986, 6);
    expect(radToDeg(r.azimuth2)).toBeCloseTo(18.825195123, 6);
  });

  it('README example: 20000 km SW of Perth is (32.11195529, −63.95925278)', () => {
    const r = geodesicDirect(deg(-32.06), deg(115.74), deg(225), 20000e3);
    expect(radToDeg(r.lat)).toBeCloseTo(32.11195529, 8);
    expect(radToDeg(r.lon)).toBeCloseTo(-63.95925278, 8);
  });

  it('GeodSolve0/1 (JFK → CDG) from the GeographicLib test suite', () => {
    const inv = geodesicInverse(deg(40.6), deg(-73.8), deg(49.01666667), deg(2.55));
    expect(Math.abs(radToDeg(inv.azimuth1) - 53.47022)).toBeLessThan(0.5e-5);
    expect(Math.abs(radToDeg(inv.azimuth2) - 111.59367)).toBeLessThan(0.5e-5);
    expect(Math.abs(inv.distance - 5853226)).toBeLessThan(0.5);
    const dir = geodesicDirect(deg(40.63972222), deg(-73.77888889), deg(53.5), 5850e3);
    expect(Math.abs(radToDeg(dir.lat) - 49.01467)).toBeLessThan(0.5e-5);
    expect(Math.abs(radToDeg(dir.lon) - 2.56106)).toBeLessThan(0.5e-5);
    expect(Math.abs(radToDeg(dir.azimuth2) - 111.62947)).toBeLessThan(0.5e-5);
  });

  it('rows of Karney\'s GeodTest.dat (azimuths mapped to [0°, 360°))', () => {
    // lat1, lon1, azi1, lat2, lon2, azi2, s12
    const rows = [
      [35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762, 8935244.5604818305],
      [55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519, 4105086.1713924406],
      [-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466, 8394328.894657671],
      [-66.99028, 112.2363, 173.73491240878403, -12.70631, 285.90344, 2.512956620913668, 11150344.2312080241],
    ];
    for (const [lat1, lon1, azi1, lat2, lon2, azi2, s12] of rows) {
      const inv = geodesicInverse(deg(lat1), deg(lon1), deg(lat2), deg(lon2));
      expect(Math.abs(inv.distance - s12)).toBeLessThan(1e-6);
      expect(Math.abs(radToDeg(inv.azimuth1) - wrapDeg(azi1))).toBeLessThan(1e-9);
      expect(Math.abs(radToDeg(inv.azimuth2) - wrapDeg(azi2))).toBeLessThan(1e-9);
      const dir = geodesicDirect(deg(lat1), deg(lon1), deg(azi1), s12);
      expect(Math.abs(radToDeg(dir.lat) - lat2)).toBeLessThan(1e-9);
      expect(Math.abs(wrapDeg(radToDeg(dir.lon)) - wrapDeg(lon2))).toBeLessThan(1e-9);
      expect(dir.lon).toBeGreaterThan(-Math.PI);
      expect(dir.lon).toBeLessThanOrEqual(Math.PI);
    }
  });

  it('rejects non-finite input', () => {
    expect(() => geodesicInverse(NaN, 0, 0, 0)).toThrow(/lat1/);
    expect(() => geodesicDirect(0, 0, 0, Infinity)).toThrow(/distance/);
  });
});

describe('great circles (haversine, spherical, approximate)', () => {
  it('closed forms on the sphere: a quarter meridian is πR/2, 1° of equator is πR/180', () => {
    expect(greatCircleDistance(0, 0, Math.PI / 2, 0, 1000)).toBeCloseTo((Math.PI / 2) * 1000, 9);
    expect(greatCircleDistance(0, 0, 0, deg(1))).toBeCloseTo((Math.PI / 180) * EARTH_MEAN_RADIUS, 6);
    expect(greatCircleDistance(0, 0, 0, Math.PI, 1)).toBeCloseTo(Math.PI, 12);
    expect(radToDeg(greatCircleAzimuth(0, 0, 0, deg(10)))).toBeCloseTo(90, 12);
    expect(radToDeg(greatCircleAzimuth(0, 0, deg(-10), 0))).toBeCloseTo(180, 12);
  });

  it('stays within 0.6 % of the WGS-84 geodesic (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -3.1, max: 3.1, noNaN: true }),
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -3.1, max: 3.1, noNaN: true }),
        (la1, lo1, la2, lo2) => {
          const g = geodesicInverse(la1, lo1, la2, lo2).distance;
          fc.pre(g > 1000);
          return Math.abs(greatCircleDistance(la1, lo1, la2, lo2) / g - 1) < 0.006;
        },
      ),
      { numRuns: 2000, seed: 9 },
    );
  });

  it('destination is consistent with distance and initial azimuth (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.4, max: 1.4, noNaN: true }),
        fc.double({ min: -3.1, max: 3.1, noNaN: true }),
        fc.double({ min: 0, max: 6.28, noNaN: true }),
        fc.double({ min: 1000, max: 9e6, noNaN: true }),
        (lat, lon, az, d) => {
          const p = greatCircleDestination(lat, lon, az, d);
          const back = greatCircleDistance(lat, lon, p.lat, p.lon);
          let daz = Math.abs(greatCircleAzimuth(lat, lon, p.lat, p.lon) - az);
          daz = Math.min(daz, 2 * Math.PI - daz);
          return Math.abs(back - d) < 1e-4 && daz < 1e-8;
        },
      ),
      { numRuns: 2000, seed: 10 },
    );
  });
});
