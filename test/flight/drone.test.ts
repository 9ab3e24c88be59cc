import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { CEP_PER_SIGMA, droneParameters, oneWayAttackDrone } from '../../src/flight/drone.js';
import { stream } from '../../src/math/index.js';

const GEOD = geographiclib.Geodesic.WGS84;
const inverse = (lat1: number, lon1: number, lat2: number, lon2: number) => {
  const r = GEOD.Inverse(lat1, lon1, lat2, lon2);
  return { s12: r.s12!, azi1: r.azi1!, azi2: r.azi2! };
};
const DEG = Math.PI / 180;
// shared/catalog.json (NOTIONAL): Shahed-136 / Geran-2.
const SHAHED = { id: 'shahed-136', max_speed_m_s: 51, cruise_speed_m_s: 50, min_altitude_m: 50, max_altitude_m: 4000, max_range_m: 2_000_000 };

describe('one-way attack drone', () => {
  it('CEP/σ is √(2 ln 2) = 1.1774 (circular normal)', () => {
    expect(CEP_PER_SIGMA).toBeCloseTo(1.17741, 5);
  });

  it('great-circle route: length = geodesic distance, time of flight = distance / speed (5e-4: climb and dive ramps)', () => {
    const d = oneWayAttackDrone(SHAHED, {
      id: 'd1', launchTime: 0, launch: { lat: 48 * DEG, lon: 33 * DEG }, target: { lat: 50.45 * DEG, lon: 30.52 * DEG },
    });
    const ref = inverse(48, 33, 50.45, 30.52);
    expect(Math.abs(d.route.length - ref.s12) / ref.s12).toBeLessThan(1e-12);
    expect(Math.abs(d.route.duration - ref.s12 / 50) / (ref.s12 / 50)).toBeLessThan(5e-4);
    // Exactly, with the 5° climb to 300 m and the 45° dive: each ramp adds Δs(1/cos γ − 1).
    const p = droneParameters(SHAHED);
    expect(p.cruiseHeight).toBe(300);
    const sc = 300 / Math.tan(5 * DEG), sd = 300 / Math.tan(45 * DEG);
    const exact = (ref.s12 - sc - sd + Math.hypot(sc, 300) + Math.hypot(sd, 300)) / 50;
    expect(Math.abs(d.route.duration - exact)).toBeLessThan(1e-6);
    d.advance(1e6);
    expect(d.status).toBe('impact');
    expect(inverse(d.impact!.lat / DEG, d.impact!.lon / DEG, 50.45, 30.52).s12).toBeLessThan(1e-3);
    expect(d.impact!.t).toBeCloseTo(d.route.duration, 9);
  });

  it('dispersion: impact misses follow the CEP (half the drones inside it), deterministic per stream', () => {
    const N = 3000;
    const cep = 25;
    let inside = 0;
    let maxSpeed = 0;
    for (let i = 0; i < N; i++) {
      const rng = stream(7, `raid/drone-${i}`);
      const d = oneWayAttackDrone(SHAHED, {
        id: `drone-${i}`, launchTime: 0, launch: { lat: 45 * DEG, lon: 35 * DEG },
        target: { lat: 45.3 * DEG, lon: 35.2 * DEG }, dispersion: { aimCep: cep },
      }, rng);
      maxSpeed = Math.max(maxSpeed, d.route.speed);
      d.advance(1e9);
      const miss = inverse(d.impact!.lat / DEG, d.impact!.lon / DEG, 45.3, 35.2).s12;
      if (miss <= cep) inside++;
    }
    // Binomial(3000, 0.5): 4σ = 0.0365.
    expect(Math.abs(inside / N - 0.5)).toBeLessThan(0.0365);
    expect(maxSpeed).toBeLessThanOrEqual(51);
    // Same stream → identical flight; another stream → a different one.
    const mk = (id: string) => oneWayAttackDrone(SHAHED, {
      id, launchTime: 0, launch: { lat: 45 * DEG, lon: 35 * DEG }, target: { lat: 45.3 * DEG, lon: 35.2 * DEG },
      waypoints: [{ lat: 45.2 * DEG, lon: 35.0 * DEG }], dispersion: { waypointSigma: 500 },
    }, stream(7, id));
    const a = mk('x'), b = mk('x'), c = mk('y');
    for (const f of [a, b, c]) f.advance(600);
    expect(Array.from(a.state)).toEqual(Array.from(b.state));
    expect(Array.from(a.state)).not.toEqual(Array.from(c.state));
  });

  it('flies at the cruise height and speed, with the RATO boost for 2 s', () => {
    const d = oneWayAttackDrone(SHAHED, {
      id: 'd2', launchTime: 10, launch: { lat: 48 * DEG, lon: 33 * DEG }, target: { lat: 49 * DEG, lon: 33 * DEG },
    });
    d.advance(11);
    expect(d.thrusting).toBe(true);
    d.advance(1000);
    expect(d.phase).toBe('cruise');
    expect(d.thrusting).toBe(false);
    expect(Math.hypot(d.state[3], d.state[4], d.state[5])).toBeCloseTo(50, 2);
  });
});
