// Conservation laws in vacuum over an ICBM-length free flight (≈ 35 min, 10,000 km):
//  - sphere, no rotation: specific energy v²/2 − μ/r and angular momentum r × v (Kepler problem);
//  - WGS-84 J2 in the rotating ECEF frame: the Jacobi integral v²/2 + U_J2(r) − ω²(x² + y²)/2 and
//    the inertial angular momentum about the polar axis x·vy − y·vx + ω(x² + y²) (J2 is
//    axisymmetric). The potential is written here from its textbook form
//    U = −μ/r [1 − J2 (a/r)² (3 sin²φ − 1)/2] (Vallado eq. 8-18), independently of the code.
// Documented bound (docs/models/flight.md): relative drift < 1e-9 with BALLISTIC_TOLERANCES.
import { describe, expect, it } from 'vitest';
import { ballisticBody, PointMassDynamics, type EarthOptions } from '../../src/flight/dynamics.js';
import { BALLISTIC_TOLERANCES, burnoutStateInto } from '../../src/flight/impact.js';
import { DormandPrince45 } from '../../src/flight/integrator.js';

const DEG = Math.PI / 180;
const MU = 3.986004418e14;
const A = 6378137.0;
const J2 = 1.08262982e-3; // WGS-84 (TR8350.2: −√5 · C̄20, C̄20 = −0.484166774985e-3)
const OMEGA = 7.292115e-5;
const BOUND = 1e-9;

function flight(earth: EarthOptions, check: (y: Float64Array) => void): number {
  const dyn = new PointMassDynamics(earth, ballisticBody(Infinity));
  // 7 km/s at 100 km, 25°: ~10,000 km, ~35 min, apogee ~1,300 km
  const y0 = burnoutStateInto(new Float64Array(6), dyn, {
    lat: 35 * DEG, lon: -100 * DEG, altitude: 100_000, speed: 7000, flightPathAngle: 25 * DEG, azimuth: 20 * DEG,
  });
  const dp = new DormandPrince45(dyn.derivative, 6, BALLISTIC_TOLERANCES);
  dp.reset(0, y0);
  check(dp.y);
  while (dp.t < 2100) {
    dp.step(2100);
    check(dp.y);
  }
  return dp.steps;
}

describe('vacuum conservation over an ICBM flight', () => {
  it('sphere, non-rotating: energy and angular momentum', () => {
    let e0 = NaN, h0: number[] = [];
    let dE = 0, dH = 0;
    const steps = flight({ earth: 'sphere', rotation: false, atmosphere: { kind: 'none' } }, (y) => {
      const r = Math.hypot(y[0], y[1], y[2]);
      const e = 0.5 * (y[3] ** 2 + y[4] ** 2 + y[5] ** 2) - MU / r;
      const h = [y[1] * y[5] - y[2] * y[4], y[2] * y[3] - y[0] * y[5], y[0] * y[4] - y[1] * y[3]];
      if (Number.isNaN(e0)) { e0 = e; h0 = h; }
      dE = Math.max(dE, Math.abs(e / e0 - 1));
      dH = Math.max(dH, Math.hypot(h[0]! - h0[0]!, h[1]! - h0[1]!, h[2]! - h0[2]!) / Math.hypot(...(h0 as [number, number, number])));
    });
    expect(steps).toBeGreaterThan(20);
    expect(dE).toBeLessThan(BOUND);
    expect(dH).toBeLessThan(BOUND);
  });

  it('WGS-84 J2, rotating frame: Jacobi integral and polar angular momentum', () => {
    let c0 = NaN, hz0 = NaN;
    let dC = 0, dHz = 0;
    flight({ earth: 'wgs84', rotation: true, atmosphere: { kind: 'none' } }, (y) => {
      const [x, yy, z, vx, vy, vz] = y as unknown as number[];
      const r = Math.hypot(x!, yy!, z!);
      const s2 = (z! / r) ** 2;
      const U = (-MU / r) * (1 - J2 * (A / r) ** 2 * 0.5 * (3 * s2 - 1));
      const C = 0.5 * (vx! ** 2 + vy! ** 2 + vz! ** 2) + U - 0.5 * OMEGA ** 2 * (x! ** 2 + yy! ** 2);
      const hz = x! * vy! - yy! * vx! + OMEGA * (x! ** 2 + yy! ** 2);
      if (Number.isNaN(c0)) { c0 = C; hz0 = hz; }
      dC = Math.max(dC, Math.abs(C / c0 - 1));
      dHz = Math.max(dHz, Math.abs(hz / hz0 - 1));
    });
    expect(dC).toBeLessThan(BOUND);
    expect(dHz).toBeLessThan(BOUND);
  });

  it('the J2 term matters: without it (sphere) the Jacobi integral of the WGS-84 flight is not conserved', () => {
    // Guards the test above against a gravity model that silently drops J2.
    let c0 = NaN, dC = 0;
    flight({ earth: 'wgs84', rotation: true, atmosphere: { kind: 'none' } }, (y) => {
      const [x, yy, z, vx, vy, vz] = y as unknown as number[];
      const r = Math.hypot(x!, yy!, z!);
      const C = 0.5 * (vx! ** 2 + vy! ** 2 + vz! ** 2) - MU / r - 0.5 * OMEGA ** 2 * (x! ** 2 + yy! ** 2);
      if (Number.isNaN(c0)) c0 = C;
      dC = Math.max(dC, Math.abs(C / c0 - 1));
    });
    expect(dC).toBeGreaterThan(1e-5);
  });
});
