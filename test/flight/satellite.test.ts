import { describe, expect, it } from 'vitest';
import * as satjs from 'satellite.js';
import {
  j2SecularRates,
  keplerStateInto,
  satelliteFromElements,
  satelliteFromTle,
} from '../../src/flight/satellite.js';
import { GM_EARTH, ecefToEciStateInto, gmst } from '../../src/geo/index.js';
import { UserError } from '../../src/errors.js';

const DEG = Math.PI / 180;

/**
 * Published SGP4 verification vectors: Vallado, Crawford, Hujsak & Kelso, "Revisiting Spacetrack
 * Report #3", AIAA 2006-6753, test set SGP4-VER.TLE with its output file tcppver.out (TEME,
 * km and km/s; tsince in minutes from the TLE epoch).
 */
const VALLADO = [
  {
    name: '00005 (58002B, e = 0.186)',
    l1: '1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753',
    l2: '2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667',
    rows: [
      [0, 7022.46529266, -1400.08296755, 0.03995155, 1.893841015, 6.405893759, 4.53480725],
      [360, -7154.03120202, -3783.17682504, -3536.19412294, 4.741887409, -4.151817765, -2.093935425],
      [720, -7134.59340119, 6531.68641334, 3260.27186483, -4.113793027, -2.911922039, -2.557327851],
      [1440, -938.55923943, -6268.18748831, -4294.02924751, 7.536105209, -0.427127707, 0.98987808],
    ],
  },
  {
    name: '28057 (sun-synchronous LEO)',
    l1: '1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836',
    l2: '2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550',
    rows: [
      [0, -2715.28237486, -6619.26436889, -0.01341443, -1.008587273, 0.422782003, 7.385272942],
      [120, -1816.87920942, -1835.78762132, 6661.07926465, 2.325140071, 6.655669329, 2.463394512],
      [240, 1483.17364291, 5395.21248786, 4448.65907172, 2.560540387, 4.039025766, -5.736648561],
      [360, 2801.25607157, 5455.03931333, -3692.12865695, -0.595095864, -3.951923117, -6.298799125],
    ],
  },
];

/** The TLE epoch as Unix ms (from satellite.js's Julian date). */
function tleEpochMs(l1: string, l2: string): number {
  const rec = satjs.twoline2satrec(l1, l2);
  return (rec.jdsatepoch - 2440587.5) * 86_400_000;
}

describe('satellites from TLE (SGP4) reproduce Vallado 2006 verification vectors', () => {
  for (const c of VALLADO) {
    it(c.name, () => {
      // Scenario epoch 30 minutes before the TLE epoch: the offset arithmetic is exercised too.
      const epoch = tleEpochMs(c.l1, c.l2) - 30 * 60_000;
      const sat = satelliteFromTle('sat', c.l1, c.l2, epoch);
      const teme = new Float64Array(6);
      for (const [tsince, x, y, z, vx, vy, vz] of c.rows) {
        const t = tsince * 60 + 1800;
        sat.advance(t);
        expect(sat.status).toBe('flying');
        // The simulator's ECEF state, rotated back to TEME with geo's GMST, must equal the table.
        ecefToEciStateInto(teme, sat.state, gmst(epoch + t * 1000));
        const ref = [x, y, z, vx, vy, vz];
        for (let i = 0; i < 3; i++) expect(Math.abs(teme[i] / 1000 - ref[i])).toBeLessThan(1e-5); // km (1 cm)
        for (let i = 3; i < 6; i++) expect(Math.abs(teme[i] / 1000 - ref[i])).toBeLessThan(1e-8); // km/s
      }
    });
  }

  it('ECEF agrees with satellite.js eciToEcf (an independent TEME→ECEF)', () => {
    const c = VALLADO[1];
    const epoch = tleEpochMs(c.l1, c.l2);
    const sat = satelliteFromTle('sat', c.l1, c.l2, epoch);
    sat.advance(5400);
    const rec = satjs.twoline2satrec(c.l1, c.l2);
    const pv = satjs.sgp4(rec, 90)!;
    const ecf = satjs.eciToEcf(pv.position as satjs.EciVec3<number>, satjs.gstime(new Date(epoch + 5400_000)));
    // satellite.js's GMST goes through a Julian date held in one double (resolution ~40 µs of
    // Earth rotation ≈ 2 cm at 7,000 km); a wrong rotation would be off by kilometres.
    expect(Math.abs(sat.state[0] / 1000 - ecf.x)).toBeLessThan(1e-3);
    expect(Math.abs(sat.state[1] / 1000 - ecf.y)).toBeLessThan(1e-3);
    expect(Math.abs(sat.state[2] / 1000 - ecf.z)).toBeLessThan(1e-3);
  });

  it('a bad TLE is a clear user error', () => {
    expect(() => satelliteFromTle('bad', '1 garbage', '2 garbage', 0)).toThrow(UserError);
  });
});

describe('satellites from Keplerian elements', () => {
  const epoch = Date.UTC(2024, 5, 1, 0, 0, 0);

  it('a circular orbit returns to the same inertial position after T = 2π√(a³/μ)', () => {
    const a = 7_000_000;
    const T = 2 * Math.PI * Math.sqrt(a ** 3 / GM_EARTH);
    const sat = satelliteFromElements('c', {
      semiMajorAxis: a, eccentricity: 0, inclination: 51.6 * DEG, raan: 30 * DEG, argumentOfPerigee: 0, meanAnomaly: 10 * DEG, epoch,
    }, epoch, { j2: false });
    sat.advance(1000);
    const p0 = Array.from(sat.inertialState);
    sat.advance(1000 + T);
    const p1 = Array.from(sat.inertialState);
    for (let i = 0; i < 6; i++) expect(Math.abs(p1[i] - p0[i])).toBeLessThan(i < 3 ? 1e-6 : 1e-9);
    // Half a period later it is diametrically opposite, at the same radius; speed √(μ/a).
    sat.advance(1000 + 1.5 * T);
    for (let i = 0; i < 3; i++) expect(Math.abs(sat.inertialState[i] + p0[i])).toBeLessThan(1e-6);
    expect(Math.hypot(sat.inertialState[3], sat.inertialState[4], sat.inertialState[5])).toBeCloseTo(Math.sqrt(GM_EARTH / a), 6);
  });

  it('an eccentric orbit satisfies vis-viva v² = μ(2/r − 1/a) and conserves angular momentum', () => {
    const el = { semiMajorAxis: 26_600_000, eccentricity: 0.72, inclination: 63.4 * DEG, raan: 1, argumentOfPerigee: 270 * DEG, meanAnomaly: 0.3, epoch };
    const s = new Float64Array(6);
    const h0 = [0, 0, 0];
    for (const dt of [0, 3000, 20_000, 40_000]) {
      keplerStateInto(s, el, dt, false);
      const r = Math.hypot(s[0], s[1], s[2]);
      const v2 = s[3] ** 2 + s[4] ** 2 + s[5] ** 2;
      expect(Math.abs(v2 - GM_EARTH * (2 / r - 1 / el.semiMajorAxis)) / v2).toBeLessThan(1e-12);
      const h = [s[1] * s[5] - s[2] * s[4], s[2] * s[3] - s[0] * s[5], s[0] * s[4] - s[1] * s[3]];
      if (dt === 0) h0.splice(0, 3, ...h);
      for (let i = 0; i < 3; i++) expect(Math.abs(h[i] - h0[i]) / Math.hypot(...h0)).toBeLessThan(1e-12);
    }
  });

  it('J2: a sun-synchronous orbit (a = 7,078 km, e = 0, i = 98.19°) precesses its node at 360°/365.2422 d', () => {
    // The design relation cos i = −(2/3)·Ω̇_sun·a^{7/2}/(J2·R⊕²·√μ) (Vallado §9.6, "sun-synchronous
    // orbits") gives i ≈ 98.19° at 700 km; the node must then advance ~0.9856°/day eastward.
    const r = j2SecularRates({ semiMajorAxis: 7_078_000, eccentricity: 0, inclination: 98.19 * DEG });
    const degPerDay = (r.raanRate * 86400) / DEG;
    expect(Math.abs(degPerDay - 360 / 365.2422)).toBeLessThan(0.005);
  });

  it('ECEF state: a geostationary orbit stays over its longitude', () => {
    const a = Math.cbrt(GM_EARTH / 7.2921150e-5 ** 2); // ≈ 42,164 km
    // Place it at 0° longitude at the epoch: RAAN + ω + M = GMST(epoch).
    const g0 = gmst(epoch);
    const sat = satelliteFromElements('geo', {
      semiMajorAxis: a, eccentricity: 0, inclination: 0, raan: 0, argumentOfPerigee: 0, meanAnomaly: g0, epoch,
    }, epoch, { j2: false });
    const geo = new Float64Array(3);
    for (const t of [0, 6 * 3600, 86164]) {
      sat.advance(t);
      sat.geodeticInto(geo);
      expect(Math.abs(geo[1])).toBeLessThan(2e-4); // rad: GMST's rate vs ω⊕ differ slightly (≈ 3e-5 rad/day)
      expect(Math.hypot(sat.state[3], sat.state[4], sat.state[5])).toBeLessThan(0.05);
    }
  });
});
