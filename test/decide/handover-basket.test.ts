// The handover basket of a kill vehicle (decide/planner.ts handoverBasket), hand-worked: the miss a
// kill vehicle can divert after its seeker acquires, ½·a_d·(R_acq/v_c)², with the closing speed
// from the planned geometry.
import { describe, expect, it } from 'vitest';
import { handoverBasket, positionSigma } from '../../src/decide/planner.js';
import { constantVelocityPath } from '../../src/decide/feasibility.js';

const G0 = 9.80665;

describe('handover basket', () => {
  // Launcher at the origin, intercept 600 s later 2,400 km down x: mean interceptor velocity
  // (4,000, 0, 0) m/s. The target flies (−3,000, 0, 0) m/s toward it: closing 7,000 m/s.
  const site = [0, 0, 0];
  const f = { interceptTime: 1000, interceptPoint: [2_400_000, 0, 0] as [number, number, number], timeOfFlight: 600 };
  const path = constantVelocityPath(0, [5_400_000, 0, 0, -3000, 0, 0], 2000);

  it('GBI: 300 km acquisition, 3 g divert → ½·3g·(300 km / 7 km/s)² = 27.0 km', () => {
    const t = 300_000 / 7000;
    expect(handoverBasket({ model: 'gmd-gbi', kill: 'hit-to-kill' }, site, f, path)!).toBeCloseTo(0.5 * 3 * G0 * t * t, 6);
  });

  it('SM-3 Block IIA: 200 km acquisition, 5 g divert', () => {
    const t = 200_000 / 7000;
    expect(handoverBasket({ model: 'sm3-2a', kill: 'hit-to-kill' }, site, f, path)!).toBeCloseTo(0.5 * 5 * G0 * t * t, 6);
  });

  it('the closing speed is the relative velocity: a crossing target at 7 km/s closes at √(4² + 7²) km/s', () => {
    const crossing = constantVelocityPath(0, [2_400_000, -7_000_000, 0, 0, 7000, 0], 2000);
    const t = 300_000 / Math.hypot(4000, 7000);
    expect(handoverBasket({ model: 'gmd-gbi', kill: 'hit-to-kill' }, site, f, crossing)!).toBeCloseTo(0.5 * 3 * G0 * t * t, 6);
  });

  it('no basket for interceptors without a homing kill vehicle, or without a planned intercept', () => {
    expect(handoverBasket({ model: 'pac3-mse', kill: 'hit-to-kill' }, site, f, path)).toBeNull();
    expect(handoverBasket({ model: 'thaad', kill: 'hit-to-kill' }, site, f, path)).toBeNull();
    expect(handoverBasket({ model: 'gmd-gbi', kill: 'hit-to-kill' }, site, { ...f, timeOfFlight: NaN }, path)).toBeNull();
  });

  it('positionSigma is √tr(P_pos) for 6- and 7-state covariances', () => {
    for (const n of [6, 7]) {
      const P = new Float64Array(n * n);
      P[0] = 1e6; P[n + 1] = 4e6; P[2 * n + 2] = 4e6; P[3 * n + 3] = 100;
      expect(positionSigma({ state: new Float64Array(n), covariance: P })).toBeCloseTo(3000, 9);
    }
  });
});
