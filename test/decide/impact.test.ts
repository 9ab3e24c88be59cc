// Impact prediction from a track: against the truth missile of flight/ (a different integrator,
// with drag), and the unscented covariance against Monte Carlo sampling of the same propagation.
import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { ballisticMissile } from '../../src/flight/index.js';
import { ecefToEnu, ecefToGeodetic, ellipsoidHeight, geodeticToEcef } from '../../src/geo/index.js';
import { mat, stream } from '../../src/math/index.js';
import { predictBallisticImpact, predictIntent, propagateBallistic } from '../../src/decide/impact.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const DEG = Math.PI / 180;

function ahead(latDeg: number, lonDeg: number, azDeg: number, km: number) {
  const r = WGS84.Direct(latDeg, lonDeg, azDeg, km * 1000);
  return { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG };
}

/** Truth state of a DF-21 at `tAfter` s after launch and its true impact point. */
function truthCase(tAfter: number) {
  const launch = { lat: 40 * DEG, lon: 100 * DEG };
  const aimpoint = ahead(40, 100, 120, 1200);
  const f = ballisticMissile({ id: 'm', type: 'df-21', launch, aimpoint, launchTime: 0 });
  f.advance(tAfter);
  const state = f.state.slice();
  while (f.advance(f.time + 5) !== 'impact') { /* fly to the ground */ }
  return { state, impact: f.impact! };
}

describe('ballistic impact prediction', () => {
  it('a noiseless state after burnout lands where the truth missile lands (drag neglected: small overshoot)', () => {
    const { state, impact } = truthCase(300); // midcourse, well after burnout
    expect(ellipsoidHeight(state)).toBeGreaterThan(100_000);
    const pred = predictBallisticImpact(300, state, new Float64Array(36))!;
    expect(pred).not.toBeNull();
    const enu = ecefToEnu(impact.position, pred.impactPoint);
    const miss = Math.hypot(enu[0], enu[1]);
    // Stated tolerance: < 500 m at 1200 km range (measured 239 m: the drag-free model overshoots
    // during re-entry, β = 8000 kg/m² for this RV: see docs/models/battle-management.md).
    expect(miss).toBeLessThan(500);
    // The bias is an overshoot: the predicted point lies downrange of the truth impact.
    const v = ecefToEnu(impact.position, [impact.position[0] + impact.velocity[0], impact.position[1] + impact.velocity[1], impact.position[2] + impact.velocity[2]]);
    expect(enu[0] * v[0] + enu[1] * v[1]).toBeGreaterThan(0);
    // Drag slows the last ~30 km: the drag-free prediction arrives early (measured −3.8 s).
    expect(pred.impactTime).toBeLessThan(impact.t);
    expect(impact.t - pred.impactTime).toBeLessThan(6);
    console.log(`DF-21 1200 km, prediction from t=300 s: miss ${miss.toFixed(0)} m, Δt ${(pred.impactTime - impact.t).toFixed(2)} s`);
    // With the RV's ballistic coefficient (here the truth model's own 8000 kg/m², as a check of the
    // drag term; the battle manager uses a notional class value) the bias nearly vanishes.
    const withDrag = predictBallisticImpact(300, state, new Float64Array(36), { ballisticCoefficient: 8000 })!;
    const e2 = ecefToEnu(impact.position, withDrag.impactPoint);
    const miss2 = Math.hypot(e2[0], e2[1]);
    expect(miss2).toBeLessThan(5);
    expect(Math.abs(withDrag.impactTime - impact.t)).toBeLessThan(0.05);
    console.log(`  with β = 8000 kg/m²: miss ${miss2.toFixed(1)} m, Δt ${(withDrag.impactTime - impact.t).toFixed(3)} s`);
  });

  it('drag-free propagation conserves the Jacobi integral (closed-form invariant of the rotating frame)', async () => {
    const { gravityPotentialJ2, OMEGA_EARTH } = await import('../../src/geo/index.js');
    const { state } = truthCase(300);
    const path = propagateBallistic(state, { record: true });
    const jacobi = (s: ArrayLike<number>, o: number) =>
      0.5 * (s[o + 3] ** 2 + s[o + 4] ** 2 + s[o + 5] ** 2) + gravityPotentialJ2(s, o) - 0.5 * OMEGA_EARTH ** 2 * (s[o] ** 2 + s[o + 1] ** 2);
    const e0 = jacobi(path.states!, 0);
    const n = path.times!.length;
    expect(Math.abs(jacobi(path.states!, 6 * (n - 1)) - e0)).toBeLessThan(1e-3);
    expect(Math.abs(ellipsoidHeight(path.end))).toBeLessThan(0.01);
  });

  it('unscented impact covariance agrees with Monte Carlo sampling of the same propagation', () => {
    const { state } = truthCase(300);
    // Track-like covariance: 200 m position, 5 m/s velocity, some correlation.
    const P = mat.diagonal([200 ** 2, 150 ** 2, 250 ** 2, 5 ** 2, 4 ** 2, 6 ** 2]);
    P[0 * 6 + 3] = P[3 * 6 + 0] = 0.5 * 200 * 5;
    const ut = predictBallisticImpact(300, state, P)!;
    const rng = stream(7, 'test/impact-mc');
    const L = mat.cholesky(P, 6);
    const N = 600;
    const x = new Float64Array(6);
    let me = 0, mn = 0, see = 0, sen = 0, snn = 0, mt = 0;
    for (let k = 0; k < N; k++) {
      rng.mvnormalInto(x, state, L, 6);
      const p = propagateBallistic(x);
      const e = ecefToEnu(ut.impactPoint, p.end);
      me += e[0]; mn += e[1]; see += e[0] * e[0]; sen += e[0] * e[1]; snn += e[1] * e[1]; mt += p.duration;
    }
    me /= N; mn /= N; mt /= N;
    const cee = see / N - me * me, cnn = snn / N - mn * mn, cen = sen / N - me * mn;
    // Means agree to a fraction of the spread; variances within the sampling error of N = 600
    // (relative sd of a variance estimate ≈ √(2/N) ≈ 6 %) plus nonlinearity: ±20 %.
    const sdE = Math.sqrt(ut.impactCov[0]), sdN = Math.sqrt(ut.impactCov[3]);
    expect(Math.abs(me)).toBeLessThan(0.15 * sdE + 0.15 * sdN);
    expect(Math.abs(mn)).toBeLessThan(0.15 * sdE + 0.15 * sdN);
    expect(cee / ut.impactCov[0]).toBeGreaterThan(0.8);
    expect(cee / ut.impactCov[0]).toBeLessThan(1.2);
    expect(cnn / ut.impactCov[3]).toBeGreaterThan(0.8);
    expect(cnn / ut.impactCov[3]).toBeLessThan(1.2);
    expect(Math.abs(cen / Math.sqrt(cee * cnn) - ut.impactCov[1] / (sdE * sdN))).toBeLessThan(0.1);
    expect(Math.abs(300 + mt - ut.impactTime)).toBeLessThan(0.5);
    console.log(`UT σE ${sdE.toFixed(0)} σN ${sdN.toFixed(0)}; MC σE ${Math.sqrt(cee).toFixed(0)} σN ${Math.sqrt(cnn).toFixed(0)}`);
  });
});

describe('intent model', () => {
  it('a drone flying toward an asset picks it, and a candidate behind the drone is not chosen', () => {
    const site = { lat: 50 * DEG, lon: 30 * DEG, h: 0 };
    const A = geodeticToEcef({ ...ahead(50, 30, 90, 40), h: 0 }); // 40 km east
    const B = geodeticToEcef({ ...ahead(50, 30, 0, 40), h: 0 }); // 40 km north
    const C = geodeticToEcef({ ...ahead(50, 30, 270, 10), h: 0 }); // behind (west)
    const p = geodeticToEcef({ ...site, h: 500 });
    // Velocity 50 m/s due east at the site.
    const g = ecefToGeodetic(p);
    const east = [-Math.sin(g.lon), Math.cos(g.lon), 0];
    const state = [p[0], p[1], p[2], 50 * east[0], 50 * east[1], 50 * east[2]];
    const cov = mat.diagonal([100, 100, 100, 1, 1, 1]);
    const pred = predictIntent(0, state, cov, [
      { id: 'A', position: A, radius: 500 }, { id: 'B', position: B, radius: 500 }, { id: 'C', position: C, radius: 500 },
    ])!;
    expect(pred.intent![0].asset).toBe('A');
    expect(pred.intent![0].probability).toBeGreaterThan(0.9);
    expect(pred.timeToGo).toBeGreaterThan(790);
    expect(pred.timeToGo).toBeLessThan(810); // 40 km / 50 m/s
  });
});
