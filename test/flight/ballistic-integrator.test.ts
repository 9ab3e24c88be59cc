// Integrator checks against exact solutions of simple ODEs (references outside our code:
// closed-form solutions, the Dottie number, Kepler's period).
import { describe, expect, it } from 'vitest';
import {
  brentRoot,
  DormandPrince45,
  integrateUntil,
  Rk4,
  type Derivative,
} from '../../src/flight/integrator.js';

// y'' = −y  (y, y') — exact y = cos t, y' = −sin t.
const oscillator: Derivative = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -y[0];
};

describe('Rk4', () => {
  it('is 4th order on the harmonic oscillator', () => {
    const rk = new Rk4(oscillator, 2);
    const err = (steps: number) => {
      const y = rk.integrate(0, Float64Array.of(1, 0), 10, steps, new Float64Array(2));
      return Math.hypot(y[0] - Math.cos(10), y[1] + Math.sin(10));
    };
    const e1 = err(200), e2 = err(400);
    const order = Math.log2(e1 / e2);
    expect(order).toBeGreaterThan(3.9);
    expect(order).toBeLessThan(4.1);
    expect(e2).toBeLessThan(1e-6);
  });
});

describe('DormandPrince45', () => {
  it('integrates the oscillator over 10 periods to its tolerance', () => {
    const dp = new DormandPrince45(oscillator, 2, { rtol: 1e-11, atol: 1e-12 });
    dp.reset(0, [1, 0]);
    const T = 20 * Math.PI;
    while (dp.t < T) dp.step(T);
    expect(dp.t).toBe(T);
    expect(Math.abs(dp.y[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(dp.y[1])).toBeLessThan(1e-8);
    expect(dp.rejected).toBeLessThan(dp.steps);
  });

  it('global error shrinks with the tolerance (about 5th order in the step)', () => {
    const errAt = (rtol: number) => {
      const dp = new DormandPrince45(oscillator, 2, { rtol, atol: rtol });
      dp.reset(0, [1, 0]);
      while (dp.t < 10) dp.step(10);
      return { err: Math.hypot(dp.y[0] - Math.cos(10), dp.y[1] + Math.sin(10)), steps: dp.steps };
    };
    const a = errAt(1e-6), b = errAt(1e-9);
    expect(b.err).toBeLessThan(a.err / 100);
    expect(b.steps).toBeGreaterThan(a.steps);
    expect(a.err).toBeLessThan(1e-4);
  });

  it('dense output matches the exact solution inside steps', () => {
    const dp = new DormandPrince45(oscillator, 2, { rtol: 1e-10, atol: 1e-12 });
    dp.reset(0, [1, 0]);
    const out = new Float64Array(2);
    let worst = 0;
    let checked = 0;
    while (dp.t < 10) {
      dp.step(10);
      for (const th of [0.13, 0.5, 0.77]) {
        const t = dp.tPrev + th * (dp.t - dp.tPrev);
        dp.interpolate(t, out);
        worst = Math.max(worst, Math.abs(out[0] - Math.cos(t)), Math.abs(out[1] + Math.sin(t)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // Steps are long (h ~ 0.3): the 4th-order interpolant is still good to ~1e-8.
    expect(worst).toBeLessThan(1e-8);
    expect(worst).toBeGreaterThan(0);
  });

  it('never steps past tLimit and lands on it exactly', () => {
    const dp = new DormandPrince45(oscillator, 2);
    dp.reset(0, [1, 0]);
    for (const tl of [0.001, 0.5, 0.5000001, 3]) {
      while (dp.t < tl) dp.step(tl);
      expect(dp.t).toBe(tl);
    }
  });

  it('Kepler orbit returns to its start after one period 2π√(a³/μ)', () => {
    const mu = 3.986004418e14;
    const twoBody: Derivative = (_t, y, d) => {
      const r = Math.hypot(y[0], y[1], y[2]);
      const k = -mu / (r * r * r);
      d[0] = y[3]; d[1] = y[4]; d[2] = y[5];
      d[3] = k * y[0]; d[4] = k * y[1]; d[5] = k * y[2];
    };
    // Ellipse with perigee 7000 km, speed 8.5 km/s at perigee.
    const r0 = 7.0e6, v0 = 8500;
    const a = 1 / (2 / r0 - (v0 * v0) / mu);
    const T = 2 * Math.PI * Math.sqrt((a * a * a) / mu);
    const dp = new DormandPrince45(twoBody, 6, { rtol: 1e-12, atol: 1e-6 });
    dp.reset(0, [r0, 0, 0, 0, v0 * 0.8, v0 * 0.6]);
    while (dp.t < T) dp.step(T);
    expect(Math.hypot(dp.y[0] - r0, dp.y[1], dp.y[2])).toBeLessThan(1e-2);
    expect(Math.hypot(dp.y[3], dp.y[4] - v0 * 0.8, dp.y[5] - v0 * 0.6)).toBeLessThan(1e-5);
  });
});

describe('event location', () => {
  it('finds y = 1/2 on exponential decay at ln 2, not at the step end', () => {
    const decay: Derivative = (_t, y, d) => {
      d[0] = -y[0];
    };
    const dp = new DormandPrince45(decay, 1, { rtol: 1e-12, atol: 1e-14 });
    dp.reset(0, [1]);
    const out = new Float64Array(1);
    const r = integrateUntil(dp, 10, (_t, y) => y[0] - 0.5, 'falling', out);
    expect(r.event).toBe(true);
    expect(Math.abs(r.t - Math.LN2)).toBeLessThan(1e-10);
    expect(Math.abs(out[0] - 0.5)).toBeLessThan(1e-11);
    expect(dp.t).toBeGreaterThan(r.t); // the step went past; the event was found inside it
  });

  it('respects the crossing direction (rising zero of sin t is at 2π, falling at π)', () => {
    const dp = new DormandPrince45(oscillator, 2, { rtol: 1e-12, atol: 1e-14 });
    dp.reset(0, [0, 1]); // y = sin t
    const out = new Float64Array(2);
    const r = integrateUntil(dp, 10, (_t, y) => y[0], 'rising', out);
    expect(Math.abs(r.t - 2 * Math.PI)).toBeLessThan(1e-9);
    const dp2 = new DormandPrince45(oscillator, 2, { rtol: 1e-12, atol: 1e-14 });
    dp2.reset(0, [0, 1]);
    const r2 = integrateUntil(dp2, 10, (_t, y) => y[0], 'falling', out);
    expect(Math.abs(r2.t - Math.PI)).toBeLessThan(1e-9);
  });

  it('Brent finds the Dottie number cos x = x', () => {
    const g = (x: number) => Math.cos(x) - x;
    let calls = 0;
    const root = brentRoot((x) => (calls++, g(x)), 0, 1, g(0), g(1), 1e-15);
    expect(Math.abs(root - 0.7390851332151607)).toBeLessThan(1e-14);
    expect(calls).toBeLessThan(15);
    expect(() => brentRoot(g, 0, 0.5, g(0), g(0.5), 1e-12)).toThrow(RangeError);
  });
});
