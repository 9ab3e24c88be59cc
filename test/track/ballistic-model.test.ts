// The re-entry motion model with an estimated ballistic coefficient (src/track/models/ballistic.ts)
// against independent references: Kepler's two-body closed form (vacuum, point mass), flight/'s
// Dormand–Prince truth integration (J2 + rotating frame, and US-76 drag), the Allen–Eggers closed
// form of a gravity-free straight re-entry in an exponential atmosphere, and central differences
// for the transition Jacobian.
import { describe, expect, it } from 'vitest';
import { DormandPrince45, PointMassDynamics, ballisticBody, integrateUntil } from '../../src/flight/index.js';
import { GM_EARTH, WGS84_B, ellipsoidHeight, geodeticToEcefInto } from '../../src/geo/index.js';
import {
  REENTRY_WORK_SIZE, reentryCovariancePredictInto, reentryJacobianInto, reentryProcessNoiseInto, reentryPropagateInto,
  type ReentryEnvironment,
} from '../../src/track/models/ballistic.js';

const DEG = Math.PI / 180;
const work = new Float64Array(REENTRY_WORK_SIZE);

/** Kepler two-body propagation, closed form via the eccentric anomaly (Vallado 4th ed., Alg. 2/8 f and g). */
function kepler(r0: number[], v0: number[], dt: number): number[] {
  const mu = GM_EARTH;
  const rn = Math.hypot(r0[0], r0[1], r0[2]);
  const v2 = v0[0] ** 2 + v0[1] ** 2 + v0[2] ** 2;
  const a = 1 / (2 / rn - v2 / mu);
  const rv = r0[0] * v0[0] + r0[1] * v0[1] + r0[2] * v0[2];
  const n = Math.sqrt(mu / a ** 3);
  // e cos E0 = 1 − r/a, e sin E0 = r·v/√(μa)
  const ecE = 1 - rn / a, esE = rv / Math.sqrt(mu * a);
  const E0 = Math.atan2(esE, ecE);
  const e = Math.hypot(ecE, esE);
  const M = E0 - e * Math.sin(E0) + n * dt;
  let E = M;
  for (let i = 0; i < 50; i++) E -= (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
  const dE = E - E0;
  const f = 1 - (a / rn) * (1 - Math.cos(dE));
  const g = dt - Math.sqrt(a ** 3 / mu) * (dE - Math.sin(dE));
  return [0, 1, 2].map((i) => f * r0[i] + g * v0[i]);
}

/** flight/'s truth integration (Dormand–Prince 5(4), rtol 1e-12) of a 6-state for dt seconds. */
function flightTruth(y0: ArrayLike<number>, dt: number, beta: number, atmosphere: 'none' | 'us1976'): Float64Array {
  const dyn = new PointMassDynamics({ earth: 'wgs84', rotation: true, atmosphere: { kind: atmosphere } }, ballisticBody(beta));
  const dp = new DormandPrince45(dyn.derivative, 6, { rtol: 1e-12, atol: 1e-9 });
  dp.reset(0, y0);
  const out = new Float64Array(6);
  integrateUntil(dp, dt, undefined, 'either', out);
  return out;
}

/** A descending state at height h over (lat, lon), speed v, flight-path angle γ, heading az. */
function entryState(lat: number, lon: number, h: number, v: number, gamma: number, az: number): Float64Array {
  const p = geodeticToEcefInto(new Float64Array(3), lat, lon, h);
  const e = [-Math.sin(lon), Math.cos(lon), 0];
  const nn = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const u = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  const x = new Float64Array(7);
  for (let i = 0; i < 3; i++) {
    x[i] = p[i];
    x[3 + i] = v * (Math.cos(gamma) * (Math.sin(az) * e[i] + Math.cos(az) * nn[i]) + Math.sin(gamma) * u[i]);
  }
  return x;
}

describe('re-entry model: propagation', () => {
  it('vacuum, point-mass, non-rotating: matches Kepler\'s closed form over 20 minutes within 1 m', () => {
    const env: ReentryEnvironment = { gravity: 'point-mass', rotation: false, atmosphere: { kind: 'none' } };
    const r0 = [6_878_000, 0, 0], v0 = [0, 6500, 2500];
    const x = Float64Array.from([...r0, ...v0, 1e-3]); // θ is irrelevant without air
    reentryPropagateInto(x, 1200, null, work, env, 1);
    const k = kepler(r0, v0, 1200);
    const err = Math.hypot(x[0] - k[0], x[1] - k[1], x[2] - k[2]);
    expect(err).toBeLessThan(1);
    // and a 5 s step (the tracker's revisit) is still within 1 m over 20 minutes
    const y = Float64Array.from([...r0, ...v0, 0]);
    reentryPropagateInto(y, 1200, null, work, env, 5);
    expect(Math.hypot(y[0] - k[0], y[1] - k[1], y[2] - k[2])).toBeLessThan(1);
  });

  it('vacuum, J2 + rotating frame: matches flight/\'s Dormand–Prince integration within 1 m over 10 minutes', () => {
    const x = entryState(40 * DEG, 20 * DEG, 600_000, 5000, 5 * DEG, 60 * DEG);
    const truth = flightTruth(x, 600, Infinity, 'none');
    x[6] = 0;
    reentryPropagateInto(x, 600, null, work);
    expect(Math.hypot(x[0] - truth[0], x[1] - truth[1], x[2] - truth[2])).toBeLessThan(1);
    expect(Math.hypot(x[3] - truth[3], x[4] - truth[4], x[5] - truth[5])).toBeLessThan(0.01);
  });

  for (const beta of [10_000, 500]) {
    it(`US-76 drag, β = ${beta} kg/m²: matches flight/'s re-entry from 100 km to low altitude`, () => {
      const x = entryState(35 * DEG, 45 * DEG, 100_000, 6000, -30 * DEG, 120 * DEG);
      const T = beta > 1000 ? 36 : 60; // the heavy RV reaches the ground at ~2.1 km/s, the light one slows to ~180 m/s at 10 km
      const truth = flightTruth(x, T, beta, 'us1976');
      x[6] = 1 / beta;
      reentryPropagateInto(x, T, null, work);
      const v = Math.hypot(truth[3], truth[4], truth[5]);
      // deceleration from 6 km/s is strong: the truth's speed shows the drag was exercised
      if (beta === 500) expect(v).toBeLessThan(300);
      else expect(v).toBeLessThan(2500);
      // measured 3.4 m / 0.06 m/s (β = 10,000, RK4 at 1 s through the last dense kilometres) and
      // 0.2 m / 0.001 m/s (β = 500); differences: RK4 at 1 s and the < 1 m height approximation
      expect(Math.hypot(x[0] - truth[0], x[1] - truth[1], x[2] - truth[2])).toBeLessThan(5);
      expect(Math.hypot(x[3] - truth[3], x[4] - truth[4], x[5] - truth[5])).toBeLessThan(0.1);
    });
  }

  it('Allen–Eggers: gravity-free vertical entry in an exponential atmosphere follows v(h) = v_e exp(−ρ0H/(2β sinγ) e^{−h/H})', () => {
    // Straight down the polar axis: a straight line normal to the surface, so h = z − b exactly
    // (flat Earth along the path), γ = −90° constant, no gravity, no rotation.
    const rho0 = 1.225, H = 7200, beta = 2000, ve = 7000;
    const env: ReentryEnvironment = { gravity: 'none', rotation: false, atmosphere: { kind: 'exponential', density0: rho0, scaleHeight: H } };
    // The model's height at the pole: r − a(1 − f) = r − b.
    const h0 = 150_000;
    const x = Float64Array.from([0, 0, WGS84_B + h0, 0, 0, -ve, 1 / beta]);
    const K = (rho0 * H) / (2 * beta * 1); // sin|γ| = 1
    // Speed at entry height h0 is ve·exp(−K e^{−h0/H}) relative to infinity; use that as reference.
    const vAt = (h: number) => ve * Math.exp(-K * (Math.exp(-h / H) - Math.exp(-h0 / H)));
    let worst = 0;
    let minV = Infinity;
    for (let k = 0; k < 400; k++) {
      reentryPropagateInto(x, 0.1, null, work, env, 0.1);
      const h = x[2] - WGS84_B;
      if (h < 5000) break;
      const v = -x[5];
      minV = Math.min(minV, v);
      worst = Math.max(worst, Math.abs(v - vAt(h)) / vAt(h));
    }
    // The run reaches strong deceleration (v below half the entry speed) before 5 km.
    expect(minV).toBeLessThan(0.5 * ve);
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('re-entry model: height', () => {
  it('ellipsoidHeightFast is within 1 m of geo\'s exact WGS-84 height below 120 km', async () => {
    const { ellipsoidHeightFast } = await import('../../src/track/models/ballistic.js');
    const p = new Float64Array(3);
    let worst = 0;
    for (let lat = -90; lat <= 90; lat += 5) {
      for (const h of [0, 20_000, 60_000, 120_000]) {
        geodeticToEcefInto(p, lat * DEG, 0.3, h);
        worst = Math.max(worst, Math.abs(ellipsoidHeightFast(p[0], p[1], p[2]) - ellipsoidHeight(p)));
      }
    }
    expect(worst).toBeLessThan(1);
  });
});

describe('re-entry model: transition Jacobian and covariance', () => {
  it('Φ from the variational equations equals central differences of the propagation', () => {
    const x0 = entryState(30 * DEG, 10 * DEG, 45_000, 4500, -35 * DEG, 200 * DEG);
    x0[6] = 1 / 3000;
    const dt = 5;
    const Phi = new Float64Array(49);
    const x = Float64Array.from(x0);
    reentryPropagateInto(x, dt, Phi, work);
    const delta = [1, 1, 1, 0.01, 0.01, 0.01, 1e-7];
    const xp = new Float64Array(7), xm = new Float64Array(7);
    for (let c = 0; c < 7; c++) {
      xp.set(x0); xm.set(x0);
      xp[c] += delta[c]; xm[c] -= delta[c];
      reentryPropagateInto(xp, dt, null, work);
      reentryPropagateInto(xm, dt, null, work);
      let colNorm = 0, errNorm = 0;
      for (let r = 0; r < 7; r++) {
        const fd = (xp[r] - xm[r]) / (2 * delta[c]);
        colNorm += fd * fd;
        errNorm += (fd - Phi[r * 7 + c]) ** 2;
      }
      expect(Math.sqrt(errNorm)).toBeLessThan(2e-4 * Math.sqrt(colNorm));
    }
    // the drag terms are exercised: Φ couples θ into velocity strongly at 45 km
    expect(Math.abs(Phi[3 * 7 + 6])).toBeGreaterThan(1e3);
  });

  it('continuous Jacobian A matches central differences of the acceleration', async () => {
    const { reentryAccelerationInto } = await import('../../src/track/models/ballistic.js');
    const x0 = entryState(-20 * DEG, 130 * DEG, 30_000, 3000, -40 * DEG, 10 * DEG);
    x0[6] = 1 / 800;
    const A = reentryJacobianInto(new Float64Array(49), x0);
    const ap = new Float64Array(3), am = new Float64Array(3);
    const delta = [0.5, 0.5, 0.5, 0.01, 0.01, 0.01, 1e-8];
    for (let c = 0; c < 7; c++) {
      const p = Float64Array.from(x0), m = Float64Array.from(x0);
      p[c] += delta[c]; m[c] -= delta[c];
      reentryAccelerationInto(ap, p);
      reentryAccelerationInto(am, m);
      for (let r = 0; r < 3; r++) {
        const fd = (ap[r] - am[r]) / (2 * delta[c]);
        // J2 gradient omitted (≤ 2e-3 of μ/r³ ≈ 1.6e-6 s⁻²) and r̂ for the surface normal
        expect(Math.abs(A[(3 + r) * 7 + c] - fd)).toBeLessThan(1e-3 * Math.abs(fd) + 5e-8 * (c < 3 ? 1 : c < 6 ? 1 : 1e4));
      }
    }
  });

  it('P ← ΦPΦᵀ + Q is symmetric, and Q has the NCV blocks and the θ random walk', () => {
    const Q = reentryProcessNoiseInto(new Float64Array(49), 4, 100, 1e-10);
    expect(Q[0]).toBeCloseTo((100 * 64) / 3, 9);
    expect(Q[3]).toBeCloseTo((100 * 16) / 2, 9);
    expect(Q[3 * 7 + 3]).toBeCloseTo(400, 9);
    expect(Q[48]).toBeCloseTo(4e-10, 20);
    const Phi = new Float64Array(49);
    const x = entryState(0, 0, 60_000, 5000, -30 * DEG, 0);
    x[6] = 1e-4;
    reentryPropagateInto(x, 4, Phi, work);
    const P = new Float64Array(49);
    for (let i = 0; i < 7; i++) P[i * 8] = i < 3 ? 100 : i < 6 ? 10 : 1e-8;
    reentryCovariancePredictInto(P, Phi, Q, new Float64Array(49));
    for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) expect(P[r * 7 + c]).toBe(P[c * 7 + r]);
    // position variance grew by the velocity variance × Δt² (10 × 16) and q Δt³/3
    expect(P[0]).toBeGreaterThan(100 + 160);
  });
});
