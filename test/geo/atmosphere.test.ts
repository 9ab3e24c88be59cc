import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  densityAt,
  geometricAltitude,
  geopotentialAltitude,
  standardAtmosphere,
  standardAtmosphereInto,
} from '../../src/geo/index.js';

/*
 * Reference values: U.S. Standard Atmosphere, 1976 (NOAA-S/T 76-1562, NASA-TM-X-74335),
 * Part 4, Table I, geometric-altitude pages (document pp. 51-73): altitude (m), temperature (K),
 * pressure (Pa; printed in mb, ×100 here), density (kg/m³), as printed.
 */
// prettier-ignore
const TABLE_I_BELOW_86: [number, number, number, number][] = [
  [-5000, 320.676, 1.7776e5, 1.9311],
  [0, 288.15, 1.01325e5, 1.225],
  [1000, 281.651, 8.9876e4, 1.1117],
  [5000, 255.676, 5.4048e4, 7.3643e-1],
  [10000, 223.252, 2.6499e4, 4.1351e-1],
  [11000, 216.774, 2.2699e4, 3.648e-1],
  [15000, 216.65, 1.2111e4, 1.9476e-1],
  [20000, 216.65, 5.5293e3, 8.891e-2],
  [25000, 221.552, 2.5492e3, 4.0084e-2],
  [30000, 226.509, 1.197e3, 1.841e-2],
  [32000, 228.49, 8.8906e2, 1.3555e-2],
  [40000, 250.35, 2.8714e2, 3.9957e-3],
  [45000, 264.164, 1.491e2, 1.9663e-3],
  [47400, 270.65, 1.1022e2, 1.4187e-3],
  [50000, 270.65, 7.9779e1, 1.0269e-3],
  [55000, 260.771, 4.2525e1, 5.681e-4],
  [60000, 247.021, 2.1958e1, 3.0968e-4],
  [65000, 233.292, 1.0929e1, 1.6321e-4],
  [70000, 219.585, 5.2209, 8.2829e-5],
  [75000, 208.399, 2.3881, 3.9921e-5],
  [80000, 198.639, 1.0524, 1.8458e-5],
  [85000, 188.893, 4.4568e-1, 8.2196e-6],
];

// prettier-ignore
const TABLE_I_ABOVE_86: [number, number, number, number][] = [
  [86000, 186.87, 3.7338e-1, 6.958e-6],
  [90000, 186.87, 1.8359e-1, 3.416e-6],
  [92000, 186.96, 1.2887e-1, 2.393e-6],
  [100000, 195.08, 3.2011e-2, 5.604e-7],
  [110000, 240.0, 7.1042e-3, 9.708e-8],
  [120000, 360.0, 2.5382e-3, 2.222e-8],
  [150000, 634.39, 4.5422e-4, 2.076e-9],
  [200000, 854.56, 8.4736e-5, 2.541e-10],
  [230000, 915.78, 3.9276e-5, 1.029e-10],
  [300000, 976.01, 8.7704e-6, 1.916e-11],
  [400000, 995.83, 1.4518e-6, 2.803e-12],
  [500000, 999.24, 3.0236e-7, 5.215e-13],
  [1000000, 1000.0, 7.5138e-9, 3.561e-15],
];

/** Table I density column at altitudes between the model's pressure nodes (km, kg/m³). */
// prettier-ignore
const TABLE_I_DENSITY: [number, number][] = [
  [92, 2.393e-6], [94, 1.670e-6], [96, 1.162e-6], [98, 8.071e-7], [102, 3.935e-7],
  [104, 2.769e-7], [106, 1.954e-7], [108, 1.381e-7], [112, 6.838e-8], [114, 4.975e-8],
  [116, 3.720e-8], [118, 2.847e-8], [122, 1.767e-8], [124, 1.428e-8], [126, 1.171e-8],
  [128, 9.717e-9], [132, 6.904e-9], [134, 5.897e-9], [136, 5.074e-9], [138, 4.396e-9],
  [142, 3.358e-9], [144, 2.958e-9], [146, 2.618e-9], [148, 2.326e-9], [155, 1.585e-9],
  [165, 9.750e-10], [175, 6.339e-10], [185, 4.295e-10], [195, 3.006e-10], [205, 2.160e-10],
  [215, 1.585e-10], [225, 1.184e-10], [235, 8.979e-11], [245, 6.898e-11], [255, 5.360e-11],
  [265, 4.206e-11], [275, 3.329e-11], [285, 2.656e-11], [295, 2.133e-11], [310, 1.552e-11],
  [575, 1.637e-13], [625, 7.998e-14], [675, 4.148e-14], [725, 2.318e-14], [775, 1.410e-14],
  [825, 9.339e-15], [875, 6.664e-15], [925, 5.038e-15], [975, 3.968e-15],
];

/** Table I kinetic temperature above 86 km (km, K). */
// prettier-ignore
const TABLE_I_TEMPERATURE: [number, number][] = [
  [95, 188.42], [105, 208.84], [115, 300.0], [130, 469.27], [140, 559.63], [160, 696.29],
  [180, 790.07], [250, 941.33], [350, 990.06], [450, 998.22], [600, 999.85], [700, 999.97],
  [800, 999.99],
];

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('US Standard Atmosphere 1976, 0–86 km (hydrostatic layers)', () => {
  it('matches Table I to its printed digits (T to 0.001 K, p and ρ to 1 unit in the 5th digit)', () => {
    for (const [z, t, p, rho] of TABLE_I_BELOW_86) {
      const s = standardAtmosphere(z);
      expect(Math.abs(s.temperature - t), `T at ${z} m`).toBeLessThan(0.0011);
      expect(rel(s.pressure, p), `p at ${z} m`).toBeLessThan(1.1e-4);
      expect(rel(s.density, rho), `ρ at ${z} m`).toBeLessThan(1.1e-4);
    }
  });

  it('reproduces the published layer-base pressures (US76 Table 4 bases, 7 digits)', () => {
    // geopotential km' → Pa
    const bases: [number, number][] = [
      [0, 101325],
      [11, 22632.06],
      [20, 5474.889],
      [32, 868.0187],
      [47, 110.9063],
      [51, 66.93887],
      [71, 3.95642],
      [84.852, 0.3733836],
    ];
    for (const [hKm, p] of bases) {
      const z = geometricAltitude(hKm * 1000);
      expect(rel(standardAtmosphere(z).pressure, p), `p at H = ${hKm} km'`).toBeLessThan(2e-7);
    }
  });

  it('speed of sound matches Table I / Table III (340.294 m/s at sea level)', () => {
    const cs: [number, number][] = [
      [0, 340.294],
      [500, 338.37],
      [10000, 299.53],
      [11000, 295.154],
      [20000, 295.07],
      [50000, 329.8],
      [85000, 275.52],
    ];
    for (const [z, c] of cs) expect(rel(standardAtmosphere(z).speedOfSound, c), `c at ${z}`).toBeLessThan(2e-5);
  });

  it('geometric ↔ geopotential altitude: H = r0·z/(r0 + z), 86 km ↔ 84.852 km\'', () => {
    expect(geopotentialAltitude(86000)).toBeCloseTo(84852.05, 1);
    expect(geometricAltitude(geopotentialAltitude(12345.6))).toBeCloseTo(12345.6, 8);
  });
});

describe('US Standard Atmosphere 1976, 86–1000 km and above', () => {
  it('temperature, pressure and density at tabulated altitudes (T to the printed 0.01 K, p and ρ within 0.2 %)', () => {
    for (const [z, t, p, rho] of TABLE_I_ABOVE_86) {
      const s = standardAtmosphere(z);
      expect(Math.abs(s.temperature - t), `T at ${z} m`).toBeLessThan(0.011);
      expect(rel(s.pressure, p), `p at ${z} m`).toBeLessThan(2e-3);
      expect(rel(s.density, rho), `ρ at ${z} m`).toBeLessThan(2e-3);
    }
    for (const [zKm, t] of TABLE_I_TEMPERATURE) {
      expect(Math.abs(standardAtmosphere(zKm * 1000).temperature - t), `T at ${zKm} km`).toBeLessThan(0.011);
    }
  });

  it('density ρ = pM/(R*T) from the p, M interpolation matches Table I\'s density column within 0.1 %', () => {
    for (const [zKm, rho] of TABLE_I_DENSITY) {
      expect(rel(standardAtmosphere(zKm * 1000).density, rho), `ρ at ${zKm} km`).toBeLessThan(1e-3);
    }
  });

  it('is continuous at 86 km (ρ, p to 1e-4) and density falls monotonically from −5 km to 3000 km', () => {
    const lo = standardAtmosphere(86000 - 1e-6);
    const hi = standardAtmosphere(86000);
    expect(rel(hi.density, lo.density)).toBeLessThan(1e-4);
    expect(rel(hi.pressure, lo.pressure)).toBeLessThan(1e-4);
    let prev = Infinity;
    for (let z = -5000; z <= 3e6; z += 250) {
      const rho = standardAtmosphere(z).density;
      expect(rho).toBeLessThan(prev);
      prev = rho;
    }
  });

  it('above 1000 km density keeps falling smoothly towards 0 (no clamp)', () => {
    const r1 = standardAtmosphere(1000e3).density;
    const r2 = standardAtmosphere(1500e3).density;
    const r3 = standardAtmosphere(36000e3).density;
    expect(r2).toBeLessThan(r1 / 5);
    expect(r2).toBeGreaterThan(0);
    expect(r3).toBeLessThan(1e-60);
    expect(standardAtmosphere(1200e3).temperature).toBeCloseTo(1000, 3);
  });

  it('below −5 km the model is clamped; NaN is an error', () => {
    expect(standardAtmosphere(-8000)).toEqual(standardAtmosphere(-5000));
    expect(() => standardAtmosphere(NaN)).toThrow(/NaN/);
  });
});

describe('densityAt (fast path)', () => {
  it('agrees with the full model to 3e-5 from −5 km to 2000 km (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 2e6, noNaN: true }), (h) => {
        return rel(densityAt(h), standardAtmosphere(h).density) < 3e-5;
      }),
      { numRuns: 20_000, seed: 1976 },
    );
    for (const h of [-5000, 0, 11019.13, 47350, 85999.9, 86000, 86000.1, 999_999, 1e6, 1.5e6]) {
      expect(rel(densityAt(h), standardAtmosphere(h).density), `h = ${h}`).toBeLessThan(3e-5);
    }
  });

  it('matches Table I sea-level density 1.2250 kg/m³ and clamps below −5 km', () => {
    expect(densityAt(0)).toBeCloseTo(1.225, 4);
    expect(densityAt(-9000)).toBe(densityAt(-5000));
  });

  it('standardAtmosphereInto writes T, p, ρ, c at an offset', () => {
    const buf = new Float64Array(6);
    standardAtmosphereInto(buf, 0, 2);
    expect(buf[0]).toBe(0);
    expect(buf[2]).toBe(288.15);
    expect(buf[3]).toBe(101325);
  });
});
