import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rk4 } from '../../src/flight/integrator.js';
import {
  closestApproach,
  proportionalNavigation,
  zarchanHeadingErrorAcceleration,
} from '../../src/flight/guidance.js';

const DEG = Math.PI / 180;

/**
 * Zarchan, "Tactical and Strategic Missile Guidance" (6th ed., AIAA 2012), ch. 2: linearised
 * zero-lag PN engagement against a non-maneuvering target with heading error HE. Relative lateral
 * displacement y = y_T − y_M obeys ÿ = −n_c, y(0) = 0, ẏ(0) = −V_M·HE; range closes at V_c, so the
 * relative downrange x = V_c·(t_F − t) is prescribed. Closed form of the commanded acceleration:
 *   n_c(t) = −V_M·HE·N′/t_F · (1 − t/t_F)^(N′−2).
 * Zarchan's example numbers: V_M = 3000 ft/s, V_c = 4000 ft/s, t_F = 10 s (converted to SI).
 * The command is computed by OUR 3-D vector law from the relative state, each RK4 stage (zero lag).
 * The law's geometry is exact (atan, not y/x), so it matches the linear closed form to O(HE²):
 * with HE = −1° the difference stays below 1e-4 of n_c(0) (observed 3e-5 for N′ = 3); with
 * Zarchan's own HE = −20° it stays below 2e-2 of n_c(0) (observed 1.1e-2 for N′ = 3).
 */
describe('proportional navigation vs Zarchan heading-error closed form', () => {
  const FT = 0.3048;
  const vm = 3000 * FT;
  const vc = 4000 * FT;
  const tf = 10;
  const cases: [number, number, number][] = [
    [-1, 3, 1e-4], [-1, 4, 1e-4], [-1, 5, 1e-4], [-20, 3, 2e-2], [-20, 4, 2e-2], [-20, 5, 2e-2],
  ];
  for (const [heDeg, n, tol] of cases) {
    const he = heDeg * DEG;
    it(`HE = ${heDeg}°, N′ = ${n}: n_c(t) agrees at several times within ${tol} of n_c(0)`, () => {
      const rel = new Float64Array(6);
      const vmVec = new Float64Array([vm, 0, 0]);
      const acc = new Float64Array(3);
      const command = (t: number, y: number, ydot: number): number => {
        rel[0] = vc * (tf - t); rel[1] = y; rel[2] = 0;
        rel[3] = -vc; rel[4] = ydot; rel[5] = 0;
        proportionalNavigation(acc, 0, rel, vmVec, 0, n, 'true');
        return acc[1];
      };
      const rk = new Rk4((t, s, d) => {
        d[0] = s[1];
        d[1] = -command(t, s[0], s[1]);
      }, 2);
      const state = new Float64Array([0, -vm * he]);
      const dt = 1e-3;
      const checks = [0, 1, 2, 4, 6, 8, 9, 9.5];
      const nc0 = zarchanHeadingErrorAcceleration(0, vm, he, n, tf);
      expect(nc0).toBeGreaterThan(0);
      let t = 0;
      for (const tc of checks) {
        const steps = Math.round((tc - t) / dt);
        for (let i = 0; i < steps; i++) {
          rk.step(t, state, dt, state);
          t += dt;
        }
        const ours = command(t, state[0], state[1]);
        const ref = zarchanHeadingErrorAcceleration(t, vm, he, n, tf);
        expect(Math.abs(ours - ref)).toBeLessThan(tol * nc0);
      }
    });
  }

  it('pure PN equals true PN times V_M/V_c·cos-law on a collinear geometry, and both vanish on a collision course', () => {
    const acc = new Float64Array(3);
    // Collision course: relative velocity along −LOS ⇒ no LOS rotation.
    const rel = [1000, 2000, 3000, -1, -2, -3];
    proportionalNavigation(acc, 0, rel, [100, 0, 0], 0, 4, 'true');
    expect(Math.hypot(acc[0], acc[1], acc[2])).toBeLessThan(1e-12);
    proportionalNavigation(acc, 0, rel, [100, 0, 0], 0, 4, 'pure');
    expect(Math.hypot(acc[0], acc[1], acc[2])).toBeLessThan(1e-12);
    // Planar hand example: r = (1000, 0, 0), v = (−500, 50, 0): λ̇ = 50/1000 = 0.05 rad/s,
    // V_c = 500 m/s; TPN (N′=3) ⇒ a = 3·500·0.05 = 75 m/s² along +y.
    const vc = proportionalNavigation(acc, 0, [1000, 0, 0, -500, 50, 0], [400, 0, 0], 0, 3, 'true');
    expect(vc).toBeCloseTo(500, 12);
    expect(acc[0]).toBeCloseTo(0, 12);
    expect(acc[1]).toBeCloseTo(75, 12);
    // PPN with v_M = (400, 0, 0): a = 3·400·0.05 = 60 m/s² along +y (⟂ v_M).
    proportionalNavigation(acc, 0, [1000, 0, 0, -500, 50, 0], [400, 0, 0], 0, 3, 'pure');
    expect(acc[1]).toBeCloseTo(60, 12);
    expect(acc[0]).toBeCloseTo(0, 12);
  });
});

describe('closest approach between two sampled trajectories', () => {
  it('straight-line motion: equals the analytic closest approach (t* = −r0·v/|v|², d = |r0×v|/|v|)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5000, max: 5000, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (w, h) => {
          const pa = w.slice(0, 3), va = w.slice(3, 6).map((x) => x / 2);
          const pb = w.slice(6, 9), vb = w.slice(9, 12).map((x) => x / 2);
          const t0 = 100;
          const t1 = t0 + h;
          const at = (p: number[], v: number[], t: number) => [
            p[0] + v[0] * (t - t0), p[1] + v[1] * (t - t0), p[2] + v[2] * (t - t0), v[0], v[1], v[2],
          ];
          const res = closestApproach(t0, at(pa, va, t0), at(pb, vb, t0), t1, at(pa, va, t1), at(pb, vb, t1));
          const r0 = [pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]];
          const v = [vb[0] - va[0], vb[1] - va[1], vb[2] - va[2]];
          const v2 = v[0] ** 2 + v[1] ** 2 + v[2] ** 2;
          let ts = v2 > 0 ? -(r0[0] * v[0] + r0[1] * v[1] + r0[2] * v[2]) / v2 : 0;
          ts = Math.min(Math.max(ts, 0), h);
          const d = Math.hypot(r0[0] + v[0] * ts, r0[1] + v[1] * ts, r0[2] + v[2] * ts);
          const scale = Math.hypot(...r0) + Math.sqrt(v2) * h;
          expect(Math.abs(res.distance - d)).toBeLessThanOrEqual(1e-9 * scale + 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a hand-worked flyby: A at rest, B passes at 3 m offset with 2000 m/s; minimum inside the step', () => {
    // B: x = −1500 + 2000 (t − 10), y = 3, z = 0 over t ∈ [10, 11]: closest at t = 10.75 s, 3 m.
    const a = [0, 0, 0, 0, 0, 0];
    const res = closestApproach(10, a, [-1500, 3, 0, 2000, 0, 0], 11, a, [500, 3, 0, 2000, 0, 0]);
    expect(res.t).toBeCloseTo(10.75, 10);
    expect(res.distance).toBeCloseTo(3, 9);
    expect(res.interior).toBe(true);
  });

  it('constant accelerations (cubic Hermite is exact): matches a brute-force minimum of the exact motion', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 18, maxLength: 18 }),
        (w) => {
          const h = 2;
          const p = [w[0] * 800, w[1] * 800, w[2] * 800];
          const v = [w[3] * 1500 - 500, w[4] * 1000, w[5] * 1000];
          const acc = [w[6] * 300, w[7] * 300, w[8] * 300];
          const q = [w[9] * 10, w[10] * 10, w[11] * 10];
          const u = [w[12] * 50, w[13] * 50, w[14] * 50];
          const g = [w[15] * 100, w[16] * 100, w[17] * 100];
          const st = (p0: number[], v0: number[], a0: number[], t: number) => [
            p0[0] + v0[0] * t + 0.5 * a0[0] * t * t,
            p0[1] + v0[1] * t + 0.5 * a0[1] * t * t,
            p0[2] + v0[2] * t + 0.5 * a0[2] * t * t,
            v0[0] + a0[0] * t, v0[1] + a0[1] * t, v0[2] + a0[2] * t,
          ];
          const res = closestApproach(0, st(q, u, g, 0), st(p, v, acc, 0), h, st(q, u, g, h), st(p, v, acc, h));
          let best = Infinity;
          const N = 200000;
          for (let i = 0; i <= N; i++) {
            const t = (i / N) * h;
            const A = st(q, u, g, t), B = st(p, v, acc, t);
            best = Math.min(best, Math.hypot(B[0] - A[0], B[1] - A[1], B[2] - A[2]));
          }
          // Brute force can only overestimate the minimum: the true minimum lies within Δt/2 of a
          // grid point, and the distance changes at most at the peak relative speed over the step,
          // |v_rel(0)| + |a_rel|·h, so the overestimate is at most that speed × Δt/2.
          const vRel = Math.hypot(v[0] - u[0], v[1] - u[1], v[2] - u[2]);
          const aRel = Math.hypot(acc[0] - g[0], acc[1] - g[1], acc[2] - g[2]);
          const grid = ((vRel + aRel * h) * (h / N)) / 2;
          expect(res.distance).toBeLessThanOrEqual(best + 1e-9);
          expect(best - res.distance).toBeLessThanOrEqual(grid + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
