import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type InterceptorType,
  type TargetEstimate,
  burnoutSpeed,
  flyStraight,
  interceptorAirframe,
  interceptorMotor,
  launchInterceptor,
} from '../../src/flight/interceptor.js';
import { newClosestApproach } from '../../src/flight/guidance.js';
import { enuRotationInto, geodeticToEcefInto } from '../../src/geo/index.js';

const DEG = Math.PI / 180;
const G0 = 9.80665;
const catalog = JSON.parse(readFileSync(new URL('../../catalog/catalog.json', import.meta.url), 'utf8')) as {
  interceptors: (InterceptorType & { kill_mechanism: string })[];
};
const missiles = catalog.interceptors.filter((t) => t.id !== 'gepard');
const byId = (id: string) => missiles.find((t) => t.id === id)!;

const site = { lat: 40 * DEG, lon: 20 * DEG, h: 0 };
const R = enuRotationInto(new Float64Array(9), site.lat, site.lon);
const O = geodeticToEcefInto(new Float64Array(3), site.lat, site.lon, 0);

/** A straight-line target in the site's ENU frame (a local, non-maneuvering test target). */
function straightTarget(e0: number, n0: number, u0: number, ve: number, vn: number, vu: number): (t: number, out: Float64Array) => Float64Array {
  return (t, out) => {
    const e = e0 + ve * t, n = n0 + vn * t, u = u0 + vu * t;
    for (let i = 0; i < 3; i++) {
      out[i] = O[i] + R[i] * e + R[3 + i] * n + R[6 + i] * u;
      out[3 + i] = R[i] * ve + R[3 + i] * vn + R[6 + i] * vu;
    }
    return out;
  };
}

/** Typical engagement per type: a target that the interceptor meets near mid-envelope. */
function geometry(t: InterceptorType): (time: number, out: Float64Array) => Float64Array {
  const maxR = t.max_range_m!, maxH = t.max_altitude_m!, minH = t.min_altitude_m!;
  if (minH >= 40_000) {
    // Upper tier / exo: a ballistic-like target descending at 30° at 3 km/s toward the site.
    const R0 = Math.min(0.5 * maxR, 2_000_000), H = Math.min(0.5 * (minH + maxH), 600_000);
    const v = 3000, g = 30 * DEG;
    return straightTarget(R0 + v * Math.cos(g) * 20, 0, H + v * Math.sin(g) * 20, -v * Math.cos(g), 0, -v * Math.sin(g));
  }
  // Lower tier: an air-breathing target at 0.6 of the ceiling closing at 300 m/s.
  return straightTarget(0.45 * maxR, 0.05 * maxR, 0.4 * maxH, -300, 0, 0);
}

function flyEngagement(t: InterceptorType, estimateOffset = 0) {
  const truth = geometry(t);
  const est: TargetEstimate = (time, out) => {
    truth(time, out);
    // A constant estimate error along the site's north axis (uplink/track bias).
    for (let i = 0; i < 3; i++) out[i] += estimateOffset * R[3 + i];
    return true;
  };
  const f = launchInterceptor(t, { id: `${t.id}-1`, launchTime: 0, site, targetEstimate: est });
  const a = f.airframe;
  const tgt0 = new Float64Array(6), tgt1 = new Float64Array(6);
  const cpa = newClosestApproach();
  let miss = Infinity, missT = NaN, burnout = NaN;
  f.advance(a.burnTime);
  burnout = Math.hypot(f.state[3], f.state[4], f.state[5]);
  let tPrev = f.time;
  truth(tPrev, tgt0);
  for (let time = tPrev + 0.25; f.status === 'flying' && time < a.maxFlightTime + 1; time += 0.25) {
    f.advance(time);
    truth(f.time, tgt1);
    f.closestApproachTo(tPrev, tgt0, f.time, tgt1, cpa);
    if (cpa.distance < miss) {
      miss = cpa.distance;
      missT = cpa.t;
    }
    tgt0.set(tgt1);
    tPrev = f.time;
  }
  return { f, miss, missT, burnout };
}

describe('interceptor motor and flyout', () => {
  it('vacuum, no rotation, straight horizontal line: burnout speed = Tsiolkovsky I_sp·g0·ln(m0/m_b) (1e-3)', () => {
    const vacuum = { earth: 'sphere' as const, rotation: false, atmosphere: { kind: 'none' as const } };
    for (const id of ['pac3-mse', 'nasams-amraam', 'iris-t-slm']) {
      const t = byId(id);
      const a = interceptorAirframe(t);
      const m = interceptorMotor(t, a);
      const y = flyStraight(a, m, 0, site, 90 * DEG, vacuum, a.burnTime);
      const ideal = a.specificImpulse * G0 * Math.log(a.launchMass / (a.launchMass - m.propellantMass));
      expect(Math.abs(Math.hypot(y[3], y[4], y[5]) - ideal) / ideal).toBeLessThan(1e-3);
    }
  });

  it('the derived motor reaches the catalog max speed on its reference flyout and within ±5% within ±15° of its elevation (not below 15°)', () => {
    for (const t of missiles) {
      const a = interceptorAirframe(t);
      const m = interceptorMotor(t, a);
      expect(Math.abs(m.referenceBurnoutSpeed - t.max_speed_m_s) / t.max_speed_m_s).toBeLessThan(1e-5);
      expect(m.propellantFraction).toBeGreaterThan(0.2);
      expect(m.propellantFraction).toBeLessThan(0.97);
      const ref = a.referenceElevation / DEG;
      for (const el of [Math.max(15, ref - 15), Math.max(15, ref - 7.5), ref + 7.5, Math.min(89.9, ref + 15)]) {
        const v = burnoutSpeed(a, m, el * DEG);
        expect(Math.abs(v - t.max_speed_m_s) / t.max_speed_m_s, `${t.id} at ${el}°`).toBeLessThan(0.05);
      }
    }
  });

  for (const t of missiles) {
    it(`${t.id}: a guided flyout burns out at the catalog max speed ±5% and hits a straight-line target (exact estimate)`, () => {
      const { f, miss, burnout } = flyEngagement(t);
      expect(Math.abs(burnout - t.max_speed_m_s) / t.max_speed_m_s).toBeLessThan(0.05);
      expect(miss).toBeLessThan(1);
      expect(f.status).toBe('destroyed'); // self-destructs after passing the target
      expect(f.phase).toBe('self-destruct');
    });
  }

  it('guides on the ESTIMATE: a 40 m estimate bias gives a ~40 m miss on the truth', () => {
    const { miss } = flyEngagement(byId('pac3-mse'), 40);
    expect(miss).toBeGreaterThan(35);
    expect(miss).toBeLessThan(45);
  });

  it('trajectory does not depend on how the caller slices time (fixed internal grid)', () => {
    const t = byId('nasams-amraam');
    const truth = geometry(t);
    const est: TargetEstimate = (time, out) => (truth(time, out), true);
    const a = launchInterceptor(t, { id: 'a', launchTime: 5, site, targetEstimate: est });
    const b = launchInterceptor(t, { id: 'b', launchTime: 5, site, targetEstimate: est });
    a.advance(17.3);
    for (let time = 0; time <= 17.3; time += 0.013) b.advance(time);
    b.advance(17.3);
    for (let i = 0; i < 6; i++) expect(Math.abs(a.state[i] - b.state[i])).toBeLessThan(1e-6 * (i < 3 ? 1e3 : 1));
  });

  it('closest approach over the last advance equals a brute-force minimum of the flown trajectory', () => {
    const t = byId('iris-t-slm');
    const truth = geometry(t);
    // Estimate biased by 15 m so the miss is finite and well defined.
    const est: TargetEstimate = (time, out) => {
      truth(time, out);
      for (let i = 0; i < 3; i++) out[i] += 15 * R[6 + i];
      return true;
    };
    const { missT, miss } = flyEngagement(t, 0);
    void miss;
    // Fly twice: one coarse advance across the closest approach, one sampled finely.
    const coarse = launchInterceptor(t, { id: 'c', launchTime: 0, site, targetEstimate: est });
    const fine = launchInterceptor(t, { id: 'f', launchTime: 0, site, targetEstimate: est });
    const t0 = Math.floor(missT) - 1, t1 = t0 + 3;
    coarse.advance(t0);
    const tg0 = truth(t0, new Float64Array(6));
    coarse.advance(t1);
    const tg1 = truth(coarse.time, new Float64Array(6));
    const cpa = coarse.closestApproachTo(t0, tg0, coarse.time, tg1);
    let best = Infinity;
    const tg = new Float64Array(6);
    fine.advance(t0);
    for (let time = t0; time <= coarse.time + 1e-9 && fine.status === 'flying'; time += 1e-4) {
      fine.advance(time);
      truth(fine.time, tg);
      best = Math.min(best, Math.hypot(fine.state[0] - tg[0], fine.state[1] - tg[1], fine.state[2] - tg[2]));
    }
    expect(cpa.distance).toBeGreaterThan(10);
    // Sampling every 0.1 ms at ~1.5 km/s closing can overestimate by ≤ (v·Δt)²/(8d) ≈ 0.2 mm.
    expect(Math.abs(cpa.distance - best)).toBeLessThan(2e-3);
  });

  it('impact on the ground is found by root finding (height 0 at the impact time)', () => {
    const t = byId('pac2-gemt');
    // No target estimate: an unguided ballistic flyout from a 30° launch.
    const f = launchInterceptor(t, {
      id: 'dud', launchTime: 0, site, targetEstimate: () => false, launchAzimuth: 0, launchElevation: 30 * DEG,
      airframe: { maxFlightTime: 1000, minimumSpeedFraction: 0 },
    });
    f.advance(1000);
    expect(f.status).toBe('impact');
    expect(Math.abs(f.impact!.h)).toBeLessThan(1e-3);
  });

  it('gepard (a gun) is refused with a clear error', () => {
    expect(() => interceptorAirframe({ id: 'gepard', max_speed_m_s: 1175 })).toThrow(/gun/);
  });
});

describe('end of flight time', () => {
  it('an interceptor self-destructs at launch + maxFlightTime between guidance steps (not left flying, frozen)', () => {
    // SM-3-class kill vehicle, launched at 0.37 s with its 0.1 s guidance grid, its flight time cut
    // to 100.05 s: the end (100.42 s) falls between grid points 100.37 and 100.47, long before the
    // fly-by of this receding target (645 s with the full flight time).
    const sm3 = byId('sm3-2a');
    const away = straightTarget(300_000, 0, 150_000, 3000, 0, 0);
    const f = launchInterceptor(sm3, {
      id: 'sm3-timeout', launchTime: 0.37, site, airframe: { maxFlightTime: 100.05 },
      targetEstimate: (t, out) => { away(t, out); return true; },
    });
    const end = 0.37 + 100.05;
    let t = 0.37;
    while ((f.status === 'pending' || f.status === 'flying') && t < end + 5) f.advance((t += 0.7));
    expect(f.status).toBe('destroyed');
    expect(f.phase).toBe('self-destruct');
    expect(f.time).toBeCloseTo(end, 9);
    expect(t).toBeLessThan(end + 0.7);
  });
});
