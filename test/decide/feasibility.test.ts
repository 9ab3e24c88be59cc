// Feasibility: launch window and intercept against the closed form of a constant-velocity target
// and a constant-speed interceptor; envelope, sector and sensor-support refusals; flight/'s envelope.
import { describe, expect, it } from 'vitest';
import { aer, aerToEcef, ecefToGeodetic, geodesicInverse } from '../../src/geo/index.js';
import { cruiseMissile, interceptorEnvelope, timeToReach } from '../../src/flight/index.js';
import { geodeticToEcef } from '../../src/geo/index.js';
import { mat } from '../../src/math/index.js';
import type { PictureTrack } from '../../src/track/picture.js';
import {
  constantSpeedKinematics, constantVelocityPath, groundRangeFrom, intentPath, edgeFactor, engagementFeasibility, envelopeKinematics, type FeasibilityBattery,
} from '../../src/decide/feasibility.js';

const DEG = Math.PI / 180;
const site = { lat: 50 * DEG, lon: 30 * DEG, h: 0 };
const battery: FeasibilityBattery = {
  id: 'b1', location: site, sector: { boresight: 0, width: 2 * Math.PI }, radar: 'r1', cuedBy: [], interceptor: { pk: 0.7 },
};

/** A target D0 m away (slant) at azimuth `az`, elevation 1°, flying straight at the site at u m/s. */
function incoming(D0: number, u: number, az = 90 * DEG, offset = 0): PictureTrack {
  const p = aerToEcef(site, { azimuth: az, elevation: 1 * DEG, range: D0 });
  const aim = offset === 0 ? aerToEcef(site, { azimuth: 0, elevation: 0, range: 0 }) : aerToEcef(site, { azimuth: az + 90 * DEG, elevation: 0, range: offset });
  const d = [aim[0] - p[0], aim[1] - p[1], aim[2] - p[2]];
  const n = Math.hypot(d[0], d[1], d[2]);
  return {
    id: 'T1', t: 0, state: Float64Array.from([...p, (u * d[0]) / n, (u * d[1]) / n, (u * d[2]) / n]),
    covariance: mat.identity(6), classProbabilities: { drone: 1 }, classification: 'drone', quality: 0.9, status: 'confirmed', sensors: ['r1'],
  };
}

describe('launch window — closed form (constant-velocity target, constant-speed interceptor)', () => {
  // D(t) = D0 − u t; TOF = D/v. Enter max range R at (D0−R)/u → earliest t_L = (D0−R)/u − R/v;
  // reach min range r at (D0−r)/u → latest t_L = (D0−r)/u − r/v. Launch at T: t_I = (T + D0/v)/(1 + u/v).
  const D0 = 60_000, u = 250, v = 1000, R = 20_000, r = 2_000;
  const kin = constantSpeedKinematics(v, { minRange: r, maxRange: R, minAltitude: 0, maxAltitude: 30_000 }, 'slant');
  const track = incoming(D0, u);
  const path = constantVelocityPath(0, track.state, D0 / u);

  it('window bounds and intercept match the hand calculation', () => {
    const f = engagementFeasibility(battery, kin, track, 'drone', path, { readyTime: 0 });
    expect(f.feasible).toBe(true);
    expect(f.launchWindow![0]).toBeCloseTo((D0 - R) / u - R / v, 3); // 140 s
    expect(f.launchWindow![1]).toBeCloseTo((D0 - r) / u - r / v, 3); // 230 s
    expect(f.launchTime).toBeCloseTo(140, 3);
    expect(f.interceptTime).toBeCloseTo((140 + D0 / v) / (1 + u / v), 3); // 160 s
  });

  it('a later ready time cuts the window and moves the intercept (t_I = 168 s for T = 150 s)', () => {
    const f = engagementFeasibility(battery, kin, track, 'drone', path, { readyTime: 150 });
    expect(f.launchWindow![0]).toBeCloseTo(150, 9);
    expect(f.launchWindow![1]).toBeCloseTo(230, 3);
    expect(f.interceptTime).toBeCloseTo(168, 3);
    expect(f.timeOfFlight).toBeCloseTo(18, 3); // D(168) = 18 km at 1 km/s
    const g = ecefToGeodetic(f.interceptPoint);
    const ground = groundRangeFrom(battery, g.lat, g.lon, aer(site, f.interceptPoint).azimuth);
    expect(f.pk).toBeCloseTo(0.7 * edgeFactor(ground, g.h, kin), 12);
    expect(edgeFactor(ground, g.h, kin)).toBeCloseTo(1 - 0.5 * (18_000 * Math.cos(DEG) / R - 0.8) / 0.2, 3);
    // The ground range agrees with the WGS-84 geodesic (geographiclib-backed geo/) to 1e-5.
    expect(Math.abs(ground / geodesicInverse(site.lat, site.lon, g.lat, g.lon).distance - 1)).toBeLessThan(1e-5);
  });

  it('ready after the latest launch time: infeasible', () => {
    const f = engagementFeasibility(battery, kin, track, 'drone', path, { readyTime: 231 });
    expect(f.feasible).toBe(false);
    expect(f.why).toMatch(/closes before/);
  });

  it('a target passing 50 km abeam never enters a 20 km envelope: infeasible', () => {
    const t2 = incoming(D0, u, 90 * DEG, 50_000);
    const f = engagementFeasibility(battery, kin, t2, 'drone', constantVelocityPath(0, t2.state, 400), { readyTime: 0 });
    expect(f.feasible).toBe(false);
    expect(f.launchWindow).toBeNull();
  });

  it('outside the sector, or without sensor support: infeasible', () => {
    const west = { ...battery, sector: { boresight: 270 * DEG, width: 90 * DEG } };
    expect(engagementFeasibility(west, kin, track, 'drone', path, { readyTime: 0 }).feasible).toBe(false);
    const east = { ...battery, sector: { boresight: 80 * DEG, width: 90 * DEG } };
    expect(engagementFeasibility(east, kin, track, 'drone', path, { readyTime: 0 }).feasible).toBe(true);
    const blind = engagementFeasibility(battery, kin, { ...track, sensors: ['r2'] }, 'drone', path, { readyTime: 0 });
    expect(blind.feasible).toBe(false);
    expect(blind.why).toMatch(/sensor support/);
    const cued = engagementFeasibility({ ...battery, cuedBy: ['r2'] }, kin, { ...track, sensors: ['r2'] }, 'drone', path, { readyTime: 0 });
    expect(cued.feasible).toBe(true);
  });
});

describe('with the flown envelope of flight/', () => {
  it('the intercept time of flight is the envelope time to reach the intercept point; a far receding target is infeasible', () => {
    const table = interceptorEnvelope({ id: 'nasams-amraam', max_speed_m_s: 1200, min_range_m: 1000, max_range_m: 30_000, min_altitude_m: 30, max_altitude_m: 15_000 });
    const kin = envelopeKinematics(table);
    const track = incoming(60_000, 250);
    const f = engagementFeasibility(battery, kin, track, 'cruise', constantVelocityPath(0, track.state, 240), { readyTime: 10 });
    expect(f.feasible).toBe(true);
    const g = ecefToGeodetic(f.interceptPoint);
    const ground = groundRangeFrom(battery, g.lat, g.lon, aer(site, f.interceptPoint).azimuth);
    expect(ground).toBeLessThanOrEqual(30_000 + 1);
    expect(f.timeOfFlight).toBeCloseTo(timeToReach(table, ground, g.h), 6);
    expect(f.interceptTime - f.launchTime).toBeCloseTo(f.timeOfFlight, 6);
    // Receding: velocity reversed.
    const away = { ...track, state: Float64Array.from([...track.state.slice(0, 3), ...track.state.slice(3).map((x) => -x)]) };
    expect(engagementFeasibility(battery, kin, away, 'cruise', constantVelocityPath(0, away.state, 600), { readyTime: 0 }).feasible).toBe(false);
  }, 60_000);
});

describe('intent path of a guided threat', () => {
  it('follows a truth cruise missile (flight/, direct route) within its terminal dive, and ends on the aimpoint', () => {
    const KH101 = { id: 'kh-101', max_speed_m_s: 270, cruise_speed_m_s: 200, min_altitude_m: 30, max_altitude_m: 6000, max_range_m: 2_500_000 };
    const target = { lat: 50 * DEG, lon: 30 * DEG, h: 0 };
    const cm = cruiseMissile(KH101, { id: 'c', launchTime: 0, launch: { lat: 50.9 * DEG, lon: 31.2 * DEG }, target });
    const t0 = 0.4 * cm.route.duration;
    cm.advance(t0);
    const cmState0 = cm.state.slice();
    const aim = geodeticToEcef(target);
    const path = intentPath(t0, cm.state, aim, cm.route.duration);
    const p = new Float64Array(3);
    // Midway to impact: the truth cruises at constant height along the great circle, as the path does.
    const tm = 0.5 * (t0 + cm.route.duration);
    cm.advance(tm);
    path.positionInto(p, tm);
    const d = Math.hypot(p[0] - cm.state[0], p[1] - cm.state[1], p[2] - cm.state[2]);
    expect(d).toBeLessThan(100);
    // The straight ECEF line at the track's velocity is hundreds of metres off by then (d²/2R climb).
    const q = constantVelocityPath(t0, cmState0, cm.route.duration).positionInto(new Float64Array(3), tm);
    expect(Math.hypot(q[0] - cm.state[0], q[1] - cm.state[1], q[2] - cm.state[2])).toBeGreaterThan(3 * d);
    console.log(`intent path vs truth at mid-course: ${d.toFixed(1)} m; straight line: ${Math.hypot(q[0] - cm.state[0], q[1] - cm.state[1], q[2] - cm.state[2]).toFixed(0)} m`);
    path.positionInto(p, cm.route.duration);
    expect(Math.hypot(p[0] - aim[0], p[1] - aim[1], p[2] - aim[2])).toBeLessThan(1);
  });
});
