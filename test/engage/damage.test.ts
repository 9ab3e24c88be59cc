import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { damageFraction, fragility, peakOverpressure, rangeForOverpressure } from '../../src/engage/damage.js';

// Independent empirical blast fits (peak incident overpressure vs scaled distance Z, m/kg^(1/3)):
// Brode (1955): ΔP[bar] = 0.975/Z + 1.455/Z² + 5.85/Z³ − 0.019   (0.1 < ΔP < 10 bar)
// Sadovsky (1952): ΔP[MPa] = 0.085/Z + 0.3/Z² + 0.8/Z³            (1 ≤ Z ≤ 15)
const brode = (z: number) => (0.975 / z + 1.455 / z ** 2 + 5.85 / z ** 3 - 0.019) * 1e5;
const sadovsky = (z: number) => (0.085 / z + 0.3 / z ** 2 + 0.8 / z ** 3) * 1e6;

describe('blast overpressure (Kinney & Graham)', () => {
  it('hand-worked value at Z = 5 m/kg^1/3: 808·(1+(5/4.5)²)/(…) = 0.2885 atm', () => {
    expect(peakOverpressure(5, 1) / 101325).toBeCloseTo(0.28851, 4);
  });
  it('agrees with the Brode and Sadovsky fits within 25 % for 3 ≤ Z ≤ 15 (they differ by 30 % closer in)', () => {
    for (const z of [3, 4, 5, 7, 10, 15]) {
      const kg = peakOverpressure(z * Math.cbrt(100), 100);
      expect(Math.abs(kg / brode(z) - 1)).toBeLessThan(0.25);
      expect(Math.abs(kg / sadovsky(z) - 1)).toBeLessThan(0.25);
    }
  });
  it('obeys cube-root (Hopkinson–Cranz) scaling and decreases with distance', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 500, noNaN: true }), fc.double({ min: 1, max: 2000, noNaN: true }), (r, w) => {
        const k = 2;
        expect(peakOverpressure(r * k, w * k ** 3)).toBeCloseTo(peakOverpressure(r, w), 6);
        expect(peakOverpressure(r * 1.1, w)).toBeLessThan(peakOverpressure(r, w));
      }),
    );
  });
  it('rangeForOverpressure inverts peakOverpressure', () => {
    const r = rangeForOverpressure(35_000, 250);
    expect(peakOverpressure(r, 250)).toBeCloseTo(35_000, -1);
  });
});

describe('damage to assets', () => {
  it('fragility is 1/2 at P50 and monotone', () => {
    expect(fragility(70_000, 70_000)).toBeCloseTo(0.5, 6);
    expect(fragility(140_000, 70_000)).toBeGreaterThan(0.98);
    expect(fragility(35_000, 70_000)).toBeLessThan(0.02);
  });
  it('a vanishing asset radius gives the point fragility', () => {
    const d = 30;
    const point = fragility(peakOverpressure(d, 100), 35_000);
    expect(damageFraction(d, 100, { radius: 1e-3, p50: 35_000 })).toBeCloseTo(point, 4);
  });
  it('a large area hit at its centre loses about (lethal radius / area radius)²', () => {
    const w = 250;
    const r50 = rangeForOverpressure(35_000, w);
    const R = 10 * r50;
    expect(damageFraction(0, w, { radius: R, p50: 35_000 })).toBeCloseTo((r50 / R) ** 2, 2);
  });
  it('nothing is damaged out of reach', () => {
    expect(damageFraction(5_000, 50, { radius: 100, p50: 35_000 })).toBe(0);
  });
});
