import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ecfToEci, eciToEcf, gstime } from 'satellite.js';
import {
  OMEGA_EARTH,
  earthRotationAngle,
  ecefToEci,
  ecefToEciStateInto,
  ecefToEciVelocity,
  eciToEcef,
  eciToEcefStateInto,
  eciToEcefVelocity,
  gmst,
  julianDate,
  radToDeg,
} from '../../src/geo/index.js';

function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

describe('GMST (IAU-82)', () => {
  it('Vallado, Fundamentals of Astrodynamics, Example 3-5: 1992-08-20 12:14 UT1 → 152.578787886°', () => {
    expect(radToDeg(gmst(Date.UTC(1992, 7, 20, 12, 14, 0)))).toBeCloseTo(152.578787886, 6);
  });

  it('Julian date of J2000.0 is 2451545.0', () => {
    expect(julianDate(Date.UTC(2000, 0, 1, 12))).toBe(2451545);
  });

  it('matches satellite.js gstime(date) to 1e-8 rad from 1980 to 2060 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2060, 0, 1) }),
        (ms) => angleDiff(gmst(ms), gstime(new Date(ms))) < 1e-8,
      ),
      { numRuns: 5000, seed: 82 },
    );
  });

  it('advances one full turn per sidereal day (86164.0905 s) at 1.00273790935·2π/86400 rad/s', () => {
    const epoch = new Date('2025-03-01T00:00:00Z');
    const t0 = earthRotationAngle(epoch, 0);
    expect(angleDiff(earthRotationAngle(epoch, 86164.0905), t0)).toBeLessThan(2e-7);
    const rate = (earthRotationAngle(epoch, 10.5) - earthRotationAngle(epoch, 0.5)) / 10;
    // Aoki et al. 1982: the mean sidereal rate is 1.00273790935 revolutions per UT1 day.
    expect(Math.abs(rate - (1.00273790935 * 2 * Math.PI) / 86400)).toBeLessThan(1e-12);
    // … which differs from the WGS-84 ω⊕ used for the rotating frame by only ~1e-11 rad/s.
    expect(Math.abs(rate - OMEGA_EARTH)).toBeLessThan(2e-11);
    expect(earthRotationAngle(epoch.getTime(), 3600)).toBe(gmst(epoch.getTime() + 3_600_000));
    expect(() => earthRotationAngle(new Date('not a date'), 0)).toThrow(/epoch/);
  });
});

describe('ECEF ↔ ECI', () => {
  it('positions agree with satellite.js ecfToEci / eciToEcf', () => {
    const theta = gmst(Date.UTC(2024, 4, 17, 3, 21, 7, 250));
    const r = [4_100_000, -2_300_000, 4_500_000];
    const ours = ecefToEci(r, theta);
    const theirs = ecfToEci({ x: r[0], y: r[1], z: r[2] }, theta);
    expect(ours[0]).toBeCloseTo(theirs.x, 6);
    expect(ours[1]).toBeCloseTo(theirs.y, 6);
    expect(ours[2]).toBe(theirs.z);
    const back = eciToEcef(ours, theta);
    const theirsBack = eciToEcf({ x: ours[0], y: ours[1], z: ours[2] }, theta);
    expect(back[0]).toBeCloseTo(theirsBack.x, 6);
    expect(back[1]).toBeCloseTo(theirsBack.y, 6);
    expect(Math.hypot(back[0] - r[0], back[1] - r[1], back[2] - r[2])).toBeLessThan(1e-8);
  });

  it('a geostationary point fixed in ECEF moves at ω·r = 3074.65 m/s in ECI', () => {
    const r = [42_164_000, 0, 0];
    const v = ecefToEciVelocity(r, [0, 0, 0], 1.234);
    expect(Math.hypot(v[0], v[1], v[2])).toBeCloseTo(OMEGA_EARTH * 42_164_000, 6);
    expect(Math.abs(Math.hypot(v[0], v[1]) - 3074.65)).toBeLessThan(0.01);
    // and back: its ECEF velocity is zero
    const rEci = ecefToEci(r, 1.234);
    const vEcef = eciToEcefVelocity(rEci, v, 1.234);
    expect(Math.hypot(vEcef[0], vEcef[1], vEcef[2])).toBeLessThan(1e-9);
  });

  it('velocity transform equals the time derivative of the rotated position (finite difference)', () => {
    const epoch = Date.UTC(2026, 0, 15, 8);
    // A body moving in ECEF: r(t) = r0 + v·t.
    const r0 = [1_200_000, 5_800_000, 2_900_000];
    const v = [-3200, 450, 6100];
    const at = (t: number): number[] =>
      ecefToEci([r0[0] + v[0] * t, r0[1] + v[1] * t, r0[2] + v[2] * t], earthRotationAngle(epoch, t));
    const h = 0.01;
    const a = at(-h);
    const b = at(h);
    const fd = [(b[0] - a[0]) / (2 * h), (b[1] - a[1]) / (2 * h), (b[2] - a[2]) / (2 * h)];
    const ve = ecefToEciVelocity(r0, v, earthRotationAngle(epoch, 0));
    for (let i = 0; i < 3; i++) expect(Math.abs(ve[i] - fd[i])).toBeLessThan(1e-4);
  });

  it('state round trip ECEF → ECI → ECEF in place (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5e7, max: 5e7, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (s, theta) => {
          const buf = new Float64Array([9, ...s]);
          ecefToEciStateInto(buf, buf, theta, 1, 1);
          eciToEcefStateInto(buf, buf, theta, 1, 1);
          return buf[0] === 9 && s.every((x, i) => Math.abs(buf[i + 1] - x) <= 1e-8 * (1 + Math.abs(x)) + 1e-6);
        },
      ),
      { numRuns: 2000, seed: 5 },
    );
  });
});
