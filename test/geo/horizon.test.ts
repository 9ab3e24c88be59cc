import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WGS84_A,
  ecefToGeodeticInto,
  geodeticToEcef,
  geodeticToEcefInto,
  horizonGroundRange,
  horizonRange,
  horizonRangeExact,
  limbView,
  lineOfSight,
  rayClearance,
} from '../../src/geo/index.js';

/** ECEF point on the equator at central angle γ from lon 0 and height h. */
const eq = (gamma: number, h: number): number[] => [
  (WGS84_A + h) * Math.cos(gamma),
  (WGS84_A + h) * Math.sin(gamma),
  0,
];

describe('horizon range', () => {
  it('10 m antenna to a sea-level target with k = 4/3: √(2·(4/3)·6371 km·10 m) = 13.03 km', () => {
    expect(horizonRange(10, 0, 4 / 3, 6371000)).toBeCloseTo(Math.sqrt(2 * (4 / 3) * 6371000 * 10), 9);
    expect(horizonRange(10, 0, 4 / 3, 6371000)).toBeCloseTo(13034.3, 1);
    // Radar rule of thumb (4/3 Earth): d[km] ≈ 4.12·√h[m]; geometric: 3.57·√h[m].
    expect(horizonRange(10, 0, 4 / 3) / 1000).toBeCloseTo(4.12 * Math.sqrt(10), 1);
    expect(horizonRange(100, 0, 1) / 1000).toBeCloseTo(3.57 * Math.sqrt(100), 0);
    // Two elevated ends add: 10 m mast and 1000 m aircraft.
    expect(horizonRange(10, 1000, 4 / 3, 6371000)).toBeCloseTo(
      Math.sqrt(2 * (4 / 3) * 6371000 * 10) + Math.sqrt(2 * (4 / 3) * 6371000 * 1000),
      6,
    );
  });

  it('exact spherical form: an orbit at 400 km sees 2292.8 km to the horizon (R = 6371 km)', () => {
    // √((R + h)² − R²) = √(2·6371·400 + 400²) km = √5256800 km
    expect(horizonRangeExact(400e3, 0, 1, 6371e3) / 1000).toBeCloseTo(Math.sqrt(5256800), 6);
    // … and converges to the classical form for low heights
    expect(horizonRangeExact(10, 0, 4 / 3) / horizonRange(10, 0, 4 / 3)).toBeCloseTo(1, 6);
    // ground range: R·acos(R/(R + h))
    expect(horizonGroundRange(400e3, 0, 1, 6371e3)).toBeCloseTo(6371e3 * Math.acos(6371 / 6771), 3);
  });

  it('rejects negative heights and non-positive k', () => {
    expect(() => horizonRange(-1)).toThrow(/h1/);
    expect(() => horizonRange(10, 0, 0)).toThrow(/k/);
    expect(() => lineOfSight([WGS84_A, 0, 0], [WGS84_A, 1, 0], -1)).toThrow(/k/);
  });
});

describe('line of sight and clearance', () => {
  it('clearance of a chord between equal heights on the equator: (ka + h)·cos(γ/2k) − ka', () => {
    for (const k of [1, 4 / 3]) {
      for (const [gamma, h] of [
        [0.01, 1000],
        [0.05, 10_000],
        [0.3, 500_000],
      ]) {
        const expected = (k * WGS84_A + h) * Math.cos(gamma / (2 * k)) - k * WGS84_A;
        expect(rayClearance(eq(0, h), eq(gamma, h), k)).toBeCloseTo(expected, 5);
      }
    }
  });

  it('the limit of visibility on the equator matches the tangent-angle closed form', () => {
    // On the k-scaled Earth (radius ka) two heights see each other up to a ground angle
    // γ = k·[acos(ka/(ka+h1)) + acos(ka/(ka+h2))].
    for (const k of [1, 4 / 3]) {
      for (const [h1, h2] of [
        [10, 100],
        [30, 5000],
        [10_000, 3000],
        [1000, 400_000],
      ]) {
        const re = k * WGS84_A;
        const gmax = k * (Math.acos(re / (re + h1)) + Math.acos(re / (re + h2)));
        expect(lineOfSight(eq(0, h1), eq(0.999 * gmax, h2), k)).toBe(true);
        expect(lineOfSight(eq(0, h1), eq(1.001 * gmax, h2), k)).toBe(false);
        expect(lineOfSight(eq(1.001 * gmax, h2), eq(0, h1), k)).toBe(false); // symmetric
      }
    }
    // Refraction extends the horizon: visible with k = 4/3, not geometrically.
    const g1 = Math.acos(WGS84_A / (WGS84_A + 10)) + Math.acos(WGS84_A / (WGS84_A + 100));
    expect(lineOfSight(eq(0, 10), eq(1.05 * g1, 100), 1)).toBe(false);
    expect(lineOfSight(eq(0, 10), eq(1.05 * g1, 100), 4 / 3)).toBe(true);
    // and a minimum clearance shortens it
    expect(lineOfSight(eq(0, 10_000), eq(0.01, 10_000), 1, 20_000)).toBe(false);
  });

  it('k = 1 is exact on the ellipsoid: same verdict and ≤ 0.34 % clearance vs brute force', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    const q = new Float64Array(3);
    const g = new Float64Array(3);
    fc.assert(
      fc.property(
        fc.double({ min: -1.57, max: 1.57, noNaN: true }),
        fc.double({ min: -3.14, max: 3.14, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.double({ min: -1.57, max: 1.57, noNaN: true }),
        fc.double({ min: -3.14, max: 3.14, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        (la1, lo1, h1, la2, lo2, h2) => {
          geodeticToEcefInto(a, la1, lo1, h1);
          geodeticToEcefInto(b, la2, lo2, h2);
          // Brute force: the lowest geodetic height along the segment (2000 samples).
          let min = Infinity;
          for (let i = 0; i <= 2000; i++) {
            const t = i / 2000;
            q[0] = a[0] + t * (b[0] - a[0]);
            q[1] = a[1] + t * (b[1] - a[1]);
            q[2] = a[2] + t * (b[2] - a[2]);
            ecefToGeodeticInto(g, q);
            if (g[2] < min) min = g[2];
          }
          const c = rayClearance(a, b, 1);
          if (Math.abs(min) > 10 && Math.sign(c) !== Math.sign(min)) return false;
          // sampling resolution: the chord is ≤ 2e4 km long, 10 km steps → ≤ ~3 m of sag error
          return Math.abs(c - min) <= 0.0034 * Math.abs(min) + 5;
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });

  it('over the pole: a chord between 80°N, lon 0 and 80°N, lon 180 at 500 km', () => {
    // By symmetry the chord's lowest point is its midpoint, over the pole, where the exact
    // geodetic height is known from ecefToGeodetic.
    const p1 = geodeticToEcef({ lat: (80 * Math.PI) / 180, lon: 0, h: 500e3 });
    const p2 = geodeticToEcef({ lat: (80 * Math.PI) / 180, lon: Math.PI, h: 500e3 });
    const mid = new Float64Array([(p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2, (p1[2] + p2[2]) / 2]);
    const hMid = ecefToGeodeticInto(new Float64Array(3), mid)[2];
    const c = rayClearance(p1, p2, 1);
    expect(Math.abs(c - hMid)).toBeLessThan(0.0034 * hMid);
    expect(lineOfSight(p1, p2)).toBe(hMid > 0);
  });
});

describe('Earth limb (space sensor)', () => {
  const rGeo = 42_164e3;
  it('visibility limit from GEO over a 20 km grazing shell matches the tangent construction', () => {
    const g = 20e3;
    const rg = WGS84_A + g;
    for (const ht of [30e3, 300e3, 2000e3]) {
      const gmax = Math.acos(rg / rGeo) + Math.acos(rg / (WGS84_A + ht));
      const sensor = [rGeo, 0, 0];
      expect(limbView(sensor, eq(0.999 * gmax, ht), g).visible).toBe(true);
      expect(limbView(sensor, eq(1.001 * gmax, ht), g).visible).toBe(false);
    }
  });

  it('background: look-down targets are seen against the Earth, limb targets against space', () => {
    const sensor = [rGeo, 0, 0];
    const below = limbView(sensor, eq(0, 30e3), 20e3);
    expect(below.visible).toBe(true);
    expect(below.againstEarth).toBe(true);
    expect(below.clearance).toBeCloseTo(10e3, 3);
    // 2000 km up, 80° away: the ray's closest approach (8375 km from the centre) lies before the
    // target, so the background is space.
    const limb = limbView(sensor, eq((80 * Math.PI) / 180, 2000e3), 20e3);
    expect(limb.visible).toBe(true);
    expect(limb.againstEarth).toBe(false);
    expect(limb.backgroundClearance).toBeCloseTo(2000e3 - 20e3, 3);
  });

  it('a target under the grazing altitude (booster under cloud tops) is not visible', () => {
    expect(limbView([rGeo, 0, 0], eq(0, 10e3), 20e3).visible).toBe(false);
    expect(limbView([rGeo, 0, 0], eq(0, 10e3), 0).visible).toBe(true);
  });
});
