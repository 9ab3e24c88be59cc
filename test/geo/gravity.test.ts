import { describe, expect, it } from 'vitest';
import {
  GM_EARTH,
  J2,
  OMEGA_EARTH,
  WGS84_A,
  WGS84_B,
  ecefFreeFallAccelerationInto,
  ecefToEciStateInto,
  geodeticToEcef,
  gravityJ2Into,
  gravityPotentialJ2,
  rotatingFrameAccelerationInto,
} from '../../src/geo/index.js';

const g3 = (r: number[]): Float64Array => gravityJ2Into(new Float64Array(3), r);

describe('point-mass + J2 gravity', () => {
  it('closed forms on the equator and at the pole', () => {
    const ge = g3([WGS84_A, 0, 0]);
    expect(ge[0]).toBeCloseTo(-(GM_EARTH / WGS84_A ** 2) * (1 + 1.5 * J2), 12);
    expect(ge[1]).toBe(-0);
    expect(ge[2]).toBe(-0);
    const gp = g3([0, 0, WGS84_B]);
    expect(gp[2]).toBeCloseTo(-(GM_EARTH / WGS84_B ** 2) * (1 - 3 * J2 * (WGS84_A / WGS84_B) ** 2), 12);
    // Far away the J2 term fades as (a/r)²: μ/r²·(1 + 1.5·J2·(a/r)²) ≈ μ/r²·(1 + 6.6e-8).
    const gf = g3([0, 1e9, 0]);
    expect(gf[1] / (-GM_EARTH / 1e18) - 1).toBeCloseTo(1.5 * J2 * (WGS84_A / 1e9) ** 2, 15);
    expect(gf[1] / (-GM_EARTH / 1e18) - 1).toBeLessThan(1e-7);
  });

  it('with the centrifugal term it reproduces WGS-84 normal gravity to 2e-4 m/s² (J4+ omitted)', () => {
    // NIMA TR8350.2 Table 3.4: γe = 9.7803253359 m/s² (equator), γp = 9.8321849378 m/s² (pole).
    const out = new Float64Array(3);
    ecefFreeFallAccelerationInto(out, [WGS84_A, 0, 0], [0, 0, 0]);
    expect(Math.abs(-out[0] - 9.7803253359)).toBeLessThan(1e-4);
    ecefFreeFallAccelerationInto(out, [0, 0, WGS84_B], [0, 0, 0]);
    expect(Math.abs(-out[2] - 9.8321849378)).toBeLessThan(2e-4);
    // at 30° and 60°: Somigliana's closed formula, γ = γe(1 + k sin²φ)/√(1 − e² sin²φ),
    // k = 0.00193185265241 (TR8350.2 Table 3.4)
    for (const lat of [Math.PI / 6, Math.PI / 3]) {
      const s2 = Math.sin(lat) ** 2;
      const somigliana = (9.7803253359 * (1 + 0.00193185265241 * s2)) / Math.sqrt(1 - 6.69437999014e-3 * s2);
      ecefFreeFallAccelerationInto(out, geodeticToEcef({ lat, lon: 0.3, h: 0 }), [0, 0, 0]);
      expect(Math.abs(Math.hypot(out[0], out[1], out[2]) - somigliana)).toBeLessThan(2e-4);
    }
  });

  it('is minus the gradient of the J2 potential (central differences)', () => {
    for (const r of [
      [6_500_000, 1_000_000, 2_000_000],
      [-3_000_000, 4_000_000, -5_500_000],
      [100_000, -200_000, 6_400_000],
      [42_000_000, 5_000_000, 3_000_000],
    ]) {
      const g = g3(r);
      const h = 1.0;
      for (let i = 0; i < 3; i++) {
        const rp = [...r];
        const rm = [...r];
        rp[i] += h;
        rm[i] -= h;
        const grad = (gravityPotentialJ2(rp) - gravityPotentialJ2(rm)) / (2 * h);
        expect(Math.abs(g[i] + grad)).toBeLessThan(1e-7);
      }
    }
  });

  it('writes with offsets and may alias its input', () => {
    const buf = new Float64Array([0, WGS84_A, 0, 0]);
    gravityJ2Into(buf, buf, 1, 1);
    expect(buf[0]).toBe(0);
    expect(buf[1]).toBeCloseTo(-(GM_EARTH / WGS84_A ** 2) * (1 + 1.5 * J2), 12);
  });
});

describe('rotating-frame terms', () => {
  it('centrifugal ω²a outward at the equator; Coriolis (Eötvös) 2ωv outward for eastward motion', () => {
    const out = new Float64Array(3);
    rotatingFrameAccelerationInto(out, [WGS84_A, 0, 0], [0, 0, 0]);
    expect(out[0]).toBeCloseTo(OMEGA_EARTH ** 2 * WGS84_A, 15);
    expect(out[0]).toBeCloseTo(0.0339, 4);
    rotatingFrameAccelerationInto(out, [0, 0, 0], [0, 100, 0]); // 100 m/s east at lon 0
    expect(out[0]).toBeCloseTo(2 * OMEGA_EARTH * 100, 15);
    expect(out[1]).toBeCloseTo(0, 15);
    rotatingFrameAccelerationInto(out, [0, 0, 0], [0, 0, 250]); // vertical along the axis: none
    expect(Math.hypot(out[0], out[1], out[2])).toBe(0);
  });

  it('ECEF free fall is gravity + Coriolis + centrifugal', () => {
    const r = [3_000_000, -4_000_000, 4_500_000];
    const v = [1200, -300, 2500];
    const a = ecefFreeFallAccelerationInto(new Float64Array(3), r, v);
    const g = g3(r);
    const w = rotatingFrameAccelerationInto(new Float64Array(3), r, v);
    for (let i = 0; i < 3; i++) expect(a[i]).toBeCloseTo(g[i] + w[i], 14);
  });

  it('an ECEF trajectory agrees with the same motion integrated in ECI, and conserves the Jacobi integral', () => {
    // RK4, 1 s steps, 1500 s of a ballistic arc. The ECI integration uses the same J2 field
    // (axially symmetric, so its components are frame-independent about z) without rotation
    // terms; the two must describe the same motion.
    const rk4 = (s: Float64Array, dt: number, f: (s: Float64Array, out: Float64Array) => void): void => {
      const k1 = new Float64Array(6);
      const k2 = new Float64Array(6);
      const k3 = new Float64Array(6);
      const k4 = new Float64Array(6);
      const tmp = new Float64Array(6);
      f(s, k1);
      for (let i = 0; i < 6; i++) tmp[i] = s[i] + (dt / 2) * k1[i];
      f(tmp, k2);
      for (let i = 0; i < 6; i++) tmp[i] = s[i] + (dt / 2) * k2[i];
      f(tmp, k3);
      for (let i = 0; i < 6; i++) tmp[i] = s[i] + dt * k3[i];
      f(tmp, k4);
      for (let i = 0; i < 6; i++) s[i] += (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    };
    const fEcef = (s: Float64Array, out: Float64Array): void => {
      out[0] = s[3];
      out[1] = s[4];
      out[2] = s[5];
      ecefFreeFallAccelerationInto(out, s, s, 3, 0, 3);
    };
    const fEci = (s: Float64Array, out: Float64Array): void => {
      out[0] = s[3];
      out[1] = s[4];
      out[2] = s[5];
      gravityJ2Into(out, s, 3, 0);
    };
    const r0 = geodeticToEcef({ lat: 0.7, lon: 0.4, h: 100e3 });
    const ecef = new Float64Array([...r0, 2500, -1800, 4200]);
    const eci = ecefToEciStateInto(new Float64Array(6), ecef, 0); // θ = 0 at t = 0
    const jacobi = (s: Float64Array): number =>
      0.5 * (s[3] ** 2 + s[4] ** 2 + s[5] ** 2) +
      gravityPotentialJ2(s) -
      0.5 * OMEGA_EARTH ** 2 * (s[0] ** 2 + s[1] ** 2);
    const e0 = jacobi(ecef);
    const T = 1500;
    for (let t = 0; t < T; t++) {
      rk4(ecef, 1, fEcef);
      rk4(eci, 1, fEci);
    }
    const back = ecefToEciStateInto(new Float64Array(6), ecef, OMEGA_EARTH * T);
    expect(Math.hypot(back[0] - eci[0], back[1] - eci[1], back[2] - eci[2])).toBeLessThan(1e-3);
    expect(Math.hypot(back[3] - eci[3], back[4] - eci[4], back[5] - eci[5])).toBeLessThan(1e-6);
    expect(Math.abs(jacobi(ecef) / e0 - 1)).toBeLessThan(1e-10);
  });
});
