import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DF17, equilibriumGlideRange, flyGlide, glideVehicle } from '../../src/flight/glide.js';
import { densityAt, ecefToGeodetic, geodesicInverse, gravityPotentialJ2, greatCircleDistance } from '../../src/geo/index.js';
import { SPHERE_MU, SPHERE_RADIUS } from '../../src/flight/kepler.js';
import { UserError } from '../../src/errors.js';

const DEG = Math.PI / 180;
const catalog = JSON.parse(readFileSync(new URL('../../catalog/catalog.json', import.meta.url), 'utf8')) as {
  threats: { id: string; max_speed_m_s: number; max_range_m: number }[];
};
const DF17_TYPE = catalog.threats.find((t) => t.id === 'df-17')!;

describe('equilibrium glide vs the closed form (Eggers, Allen & Neice 1958)', () => {
  /**
   * Constant L/D = 2.5, no maneuvers, no terminal dive, no range control, spherical non-rotating
   * Earth (R = 6,371 km, μ = 3.986004418e14), US 1976 atmosphere. Released level at the
   * equilibrium altitude of its trim C_L. Reference: R = (L/D)·(r/2)·ln[(g r − v_f²)/(g r − v0²)],
   * projected to the surface (× Re/r), with r = Re + h0 and g = μ/r².
   * The closed form neglects the potential energy released as the equilibrium altitude falls
   * (here ~43 → ~27 km: g·Δh / Δ(v²/2) ≈ 3–6 %), so the simulated range is longer by that much:
   * stated tolerance 7 %. With that energy added (v0² → v0² + 2g(h0 − h_f), r and g at the mean
   * height) the closed form and the simulation agree within 1 % — the tight check.
   */
  const LD = 2.5;
  const mass = 2000, area = 4.5, cl = 0.3;
  const sphere = { earth: 'sphere' as const, rotation: false, atmosphere: { kind: 'us1976' as const } };

  function equilibriumHeight(v: number): number {
    let lo = 0, hi = 90_000;
    for (let i = 0; i < 100; i++) {
      const h = 0.5 * (lo + hi);
      const r = SPHERE_RADIUS + h;
      const need = (2 * mass * (SPHERE_MU / (r * r) - (v * v) / r)) / (v * v * area * cl);
      if (densityAt(h) > need) lo = h;
      else hi = h;
    }
    return 0.5 * (lo + hi);
  }

  for (const [v0, vf] of [[3000, 1000], [3400, 800], [2500, 700]]) {
    it(`v0 = ${v0} m/s → ${vf} m/s: ground range within 7 % of the closed form, 1 % energy-corrected`, () => {
      const h0 = equilibriumHeight(v0);
      const release = { lat: 10 * DEG, lon: 20 * DEG, altitude: h0, speed: v0, flightPathAngle: 0, azimuth: 90 * DEG };
      const tr = flyGlide({
        id: 'g', launchTime: 0, launch: { lat: 0, lon: 0 }, aimpoint: { lat: 10 * DEG, lon: 100 * DEG },
        release, earth: sphere, terminal: false, rangeControl: false, minimumSpeed: vf,
        parameters: { polar: { kind: 'constant-ld', liftToDrag: LD }, mass, referenceArea: area, nominalCl: cl },
      });
      expect(tr.summary.end).toBe('minimum-speed');
      const n = tr.times.length;
      const s = tr.states.subarray(6 * (n - 1), 6 * n);
      const lat = Math.atan2(s[2], Math.hypot(s[0], s[1])), lon = Math.atan2(s[1], s[0]);
      const simulated = greatCircleDistance(10 * DEG, 20 * DEG, lat, lon, SPHERE_RADIUS);
      const r = SPHERE_RADIUS + h0;
      const vEnd = Math.hypot(s[3], s[4], s[5]);
      const reference = (SPHERE_RADIUS / r) * equilibriumGlideRange(LD, v0, vEnd, SPHERE_MU / (r * r), r);
      expect(simulated).toBeGreaterThan(reference);
      expect(Math.abs(simulated - reference) / reference).toBeLessThan(0.07);
      // The brief's form R(v0) = (L/D)(Re/2) ln(1/(1 − v0²/(g Re))), g = μ/Re², minus the range
      // still left at v_f, agrees to the same tolerance.
      const g0 = SPHERE_MU / SPHERE_RADIUS ** 2;
      const brief = (v: number) => LD * (SPHERE_RADIUS / 2) * Math.log(1 / (1 - (v * v) / (g0 * SPHERE_RADIUS)));
      expect(Math.abs(simulated - (brief(v0) - brief(vEnd))) / simulated).toBeLessThan(0.07);
      // Energy-corrected closed form: within 1 %.
      const hf = Math.hypot(s[0], s[1], s[2]) - SPHERE_RADIUS;
      const rm = SPHERE_RADIUS + 0.5 * (h0 + hf), gm = SPHERE_MU / (rm * rm);
      const v0e = Math.sqrt(v0 * v0 + 2 * gm * (h0 - hf));
      const corrected = (SPHERE_RADIUS / rm) * equilibriumGlideRange(LD, v0e, vEnd, gm, rm);
      expect(Math.abs(simulated - corrected) / corrected).toBeLessThan(0.01);
    });
  }
});

describe('DF-17 class glide vehicle', () => {
  const launch = { lat: 25 * DEG, lon: 118 * DEG };
  const aimpoint = { lat: 24 * DEG, lon: 128 * DEG };

  it('boosts (thrusting, IR-visible) to ~the catalog max speed, glides at 30–60 km and dives onto the aimpoint', () => {
    const f = glideVehicle(DF17_TYPE, { id: 'hgv-1', launchTime: 100, launch, aimpoint });
    expect(Math.abs(f.summary.releaseSpeed - DF17_TYPE.max_speed_m_s) / DF17_TYPE.max_speed_m_s).toBeLessThan(0.1);
    f.advance(130);
    expect(f.thrusting).toBe(true);
    expect(f.phase).toBe('boost');
    // Glide altitude band well after release.
    f.advance(100 + 300);
    expect(f.phase).toBe('glide');
    const g = ecefToGeodetic(f.state);
    expect(g.h).toBeGreaterThan(30_000);
    expect(g.h).toBeLessThan(60_000);
    f.advance(1e5);
    expect(f.status).toBe('impact');
    const imp = f.impact!;
    expect(geodesicInverse(imp.lat, imp.lon, aimpoint.lat, aimpoint.lon).distance).toBeLessThan(5);
    expect(Math.hypot(...imp.velocity)).toBeGreaterThan(400);
    expect(f.phases).toContain('terminal');
  });

  it('energy bleeds by drag through the unpowered flight (lift does no work): E = v²/2 + U − ω²(x²+y²)/2 decreases', () => {
    const tr = flyGlide({ id: 'h', launchTime: 0, launch, aimpoint });
    const w = 7.292115e-5;
    let prev = Infinity, checked = 0;
    for (let k = 0; k < tr.times.length; k++) {
      if (tr.times[k] <= tr.summary.releaseTime) continue;
      const s = tr.states.subarray(6 * k, 6 * k + 6);
      const e = 0.5 * (s[3] ** 2 + s[4] ** 2 + s[5] ** 2) + gravityPotentialJ2(s) - 0.5 * w * w * (s[0] ** 2 + s[1] ** 2);
      expect(e).toBeLessThanOrEqual(prev + 1e-3); // J/kg; RK4 round-off on a ~3e7 J/kg total
      prev = e;
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('maneuvers: a dogleg and a weave move it off the direct path and it still hits; a pull-up climbs', () => {
    const plain = flyGlide({ id: 'p', launchTime: 0, launch, aimpoint });
    const dog = flyGlide({
      id: 'd', launchTime: 0, launch, aimpoint,
      maneuvers: [{ kind: 'dogleg', start: { rangeToGo: 450_000 }, duration: 60, bank: 50 * DEG }],
    });
    const weave = flyGlide({
      id: 'w', launchTime: 0, launch, aimpoint,
      maneuvers: [{ kind: 'weave', start: { rangeToGo: 500_000 }, duration: 90, bank: 45 * DEG, period: 40 }],
    });
    const end = (tr: typeof plain) => {
      const n = tr.times.length;
      const s = tr.states.subarray(6 * (n - 1));
      const g = ecefToGeodetic(s);
      return geodesicInverse(g.lat, g.lon, aimpoint.lat, aimpoint.lon).distance;
    };
    // Largest separation from the unmaneuvered trajectory at equal times (same control grid).
    const separation = (tr: typeof plain) => {
      let m = 0;
      for (let k = 0; k < Math.min(tr.times.length, plain.times.length); k++) {
        const a = tr.states.subarray(6 * k, 6 * k + 3), b = plain.states.subarray(6 * k, 6 * k + 3);
        m = Math.max(m, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
      }
      return m;
    };
    expect(separation(dog)).toBeGreaterThan(20_000);
    expect(separation(weave)).toBeGreaterThan(5_000);
    expect(weave.phases).toContain('weave');
    expect(end(dog)).toBeLessThan(5);
    expect(end(weave)).toBeLessThan(5);
    // Weave: the horizontal turn direction reverses at least twice inside the maneuver window.
    const wi = weave.phases.indexOf('weave');
    let reversals = 0, lastSign = 0;
    for (let k = 1; k + 1 < weave.times.length; k++) {
      if (weave.phase[k] !== wi) continue;
      const a = weave.states.subarray(6 * (k - 1), 6 * k), b = weave.states.subarray(6 * k, 6 * k + 6);
      // Turn sign: vertical component of v_{k-1} × v_k relative to the radial direction.
      const cz = (a[4] * b[5] - a[5] * b[4]) * b[0] + (a[5] * b[3] - a[3] * b[5]) * b[1] + (a[3] * b[4] - a[4] * b[3]) * b[2];
      const sign = Math.sign(cz);
      if (sign !== 0 && lastSign !== 0 && sign !== lastSign) reversals++;
      if (sign !== 0) lastSign = sign;
    }
    expect(reversals).toBeGreaterThanOrEqual(2);
    const pull = flyGlide({
      id: 'u', launchTime: 0, launch, aimpoint,
      maneuvers: [{ kind: 'pull-up', start: { time: 300 }, duration: 20 }],
    });
    const heightAt = (tr: typeof plain, t: number) => {
      let k = 0;
      while (tr.times[k + 1] < t) k++;
      return ecefToGeodetic(tr.states.subarray(6 * k, 6 * k + 3)).h;
    };
    expect(heightAt(pull, 330) - heightAt(pull, 300)).toBeGreaterThan(1000);
  });

  it('an aimpoint beyond the catalog range is a clear user error', () => {
    expect(() => glideVehicle(DF17_TYPE, { id: 'far', launchTime: 0, launch, aimpoint: { lat: 25 * DEG, lon: 150 * DEG } }))
      .toThrow(UserError);
  });

  it('DF17 parameters are the documented notional ones (L/D max 2.6)', () => {
    expect(DF17.polar).toEqual({ kind: 'parabolic', cd0: 0.05, liftToDragMax: 2.6 });
  });
});
