// Targeting closes the loop with Earth rotation, J2 and drag: the solved trajectories, flown again
// through the simulator's integrator, land within 100 m of the aimpoint. Distances are measured
// with GeographicLib (geographiclib-geodesic, Karney 2013) directly — independent of our code.
import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { UserError } from '../../src/errors.js';
import { BALLISTIC_MISSILE_TYPES, ballisticMissile } from '../../src/flight/ballistic.js';
import { TRUTH_EARTH, type EarthOptions } from '../../src/flight/dynamics.js';
import { flyFromBurnout } from '../../src/flight/impact.js';
import { minimumEnergy, speedForFlightPathAngle, SPHERE_MU, SPHERE_RADIUS } from '../../src/flight/kepler.js';
import { solveBoost, solveBurnout } from '../../src/flight/targeting.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const DEG = Math.PI / 180;

/** The point `km` away from (lat, lon) along `azimuth` (degrees), on WGS-84 (GeographicLib). */
function ahead(latDeg: number, lonDeg: number, azDeg: number, km: number) {
  const r = WGS84.Direct(latDeg, lonDeg, azDeg, km * 1000);
  return { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG };
}

/** Geodesic distance (m) between two sub-points given in radians (GeographicLib). */
function geodesicMiss(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return WGS84.Inverse(a.lat / DEG, a.lon / DEG, b.lat / DEG, b.lon / DEG).s12 as number;
}

describe('burnout-state targeting (rotation, J2, drag)', () => {
  const truth: EarthOptions = TRUTH_EARTH;
  for (const [km, az] of [[300, 45], [1000, 270], [3000, 0], [10000, 100]] as const) {
    it(`${km} km toward ${az}°: the solved burnout, flown again, lands within 100 m`, () => {
      const from = { lat: 38 * DEG, lon: -97 * DEG };
      const to = ahead(38, -97, az, km);
      const s = solveBurnout({ from, to, burnoutAltitude: 80_000, earth: truth, ballisticCoefficient: 15_000 });
      expect(s.miss).toBeLessThan(100);
      const again = flyFromBurnout(s.burnout, { earth: truth, ballisticCoefficient: 15_000 });
      const miss = geodesicMiss(again.end, to);
      expect(miss).toBeLessThan(100);
      expect(miss).toBeLessThan(1); // what it actually achieves (Newton to 1 cm)
      // The correction was needed: the Keplerian first guess alone misses by kilometres.
      const first = flyFromBurnout(
        { ...s.burnout, speed: s.firstGuess.speed, azimuth: s.firstGuess.azimuth },
        { earth: truth, ballisticCoefficient: 15_000 },
      );
      expect(geodesicMiss(first.end, to)).toBeGreaterThan(1000);
    });
  }

  it('on the airless non-rotating sphere the Keplerian solution is exact (no Newton step needed)', () => {
    const vacuum: EarthOptions = { earth: 'sphere', rotation: false, atmosphere: { kind: 'none' } };
    const from = { lat: 10 * DEG, lon: 20 * DEG };
    const to = { lat: 30 * DEG, lon: 60 * DEG };
    const s = solveBurnout({ from, to, burnoutAltitude: 0, earth: vacuum });
    expect(s.iterations).toBe(0);
    expect(s.miss).toBeLessThan(0.01);
    // Central angle by the spherical law of cosines, independently of the code.
    const psi = Math.acos(
      Math.sin(from.lat) * Math.sin(to.lat) + Math.cos(from.lat) * Math.cos(to.lat) * Math.cos(to.lon - from.lon),
    );
    const r = SPHERE_RADIUS;
    expect(s.burnout.flightPathAngle).toBeCloseTo((Math.PI - psi) / 4, 10);
    const nuStar = (2 * Math.sin(psi / 2)) / (1 + Math.sin(psi / 2));
    expect(Math.abs(s.burnout.speed / Math.sqrt((nuStar * SPHERE_MU) / r) - 1)).toBeLessThan(1e-10);
    expect(minimumEnergy(psi, r, r).speed).toBeCloseTo(s.burnout.speed, 6);
    // A given flight-path angle: lofted 60°
    const l = solveBurnout({ from, to, burnoutAltitude: 0, earth: vacuum, trajectory: { flightPathAngle: 60 * DEG } });
    expect(l.iterations).toBe(0);
    expect(l.burnout.speed).toBeCloseTo(speedForFlightPathAngle(psi, 60 * DEG, r, r), 6);
    expect(l.flight.apogeeAltitude).toBeGreaterThan(s.flight.apogeeAltitude);
  });
});

describe('boost targeting of catalog missiles (the simulator\'s truth world)', () => {
  const cases = [
    ['iskander-m', 300, 60],
    ['df-21', 1000, 200],
    ['df-26', 3000, 130],
    ['minuteman-iii', 10000, 10],
  ] as const;
  for (const [type, km, az] of cases) {
    it(`${type}, ${km} km: the flyer lands within 100 m of the aimpoint`, () => {
      const launch = { lat: 41 * DEG, lon: 44 * DEG };
      const aimpoint = ahead(41, 44, az, km);
      const flyer = ballisticMissile({ id: `t-${type}`, type, launch, aimpoint, launchTime: 30 });
      let t = 0;
      while (flyer.advance(t) !== 'impact' && t < 5000) t += 2;
      expect(flyer.status).toBe('impact');
      const impact = flyer.impact!;
      expect(geodesicMiss(impact, aimpoint)).toBeLessThan(100);
      expect(geodesicMiss(impact, aimpoint)).toBeLessThan(1);
      // the flyer flies exactly the solved trajectory
      expect(impact.t).toBe(30 + flyer.solution.impact.t);
      expect(impact.position[0]).toBe(flyer.solution.impact.state[0]);
      // and it got there by flying: boost, then a midcourse, then drag slowed the re-entry vehicle
      expect(flyer.solution.burnout.time).toBeGreaterThan(10);
      expect(Math.hypot(...impact.velocity)).toBeLessThan(flyer.solution.burnout.speed);
    });
  }

  it('the burnout flight-path angle is the minimum-energy angle (and lofted is higher)', () => {
    const launch = { lat: 41 * DEG, lon: 44 * DEG };
    const aimpoint = ahead(41, 44, 90, 2500);
    const type = BALLISTIC_MISSILE_TYPES['df-26']!;
    const me = solveBoost({ type, launch, aimpoint, trajectory: 'minimum-energy' });
    const lo = solveBoost({ type, launch, aimpoint, trajectory: 'lofted' });
    expect(Math.abs(me.burnout.flightPathAngle - me.targetFlightPathAngle)).toBeLessThan(1e-4);
    expect(lo.burnout.flightPathAngle).toBeGreaterThan(me.burnout.flightPathAngle + 9 * DEG);
    expect(lo.impact.t).toBeGreaterThan(me.impact.t);
    expect(lo.miss).toBeLessThan(100);
  });

  it('out of reach or too close: a clear UserError', () => {
    const launch = { lat: 41 * DEG, lon: 44 * DEG };
    expect(() => ballisticMissile({ id: 'x', type: 'iskander-m', launch, aimpoint: ahead(41, 44, 0, 1500), launchTime: 0 }))
      .toThrow(UserError);
    expect(() => ballisticMissile({ id: 'x', type: 'iskander-m', launch, aimpoint: ahead(41, 44, 0, 1500), launchTime: 0 }))
      .toThrow(/beyond the notional reach of iskander-m/);
    expect(() => ballisticMissile({ id: 'x', type: 'minuteman-iii', launch, aimpoint: ahead(41, 44, 0, 1), launchTime: 0 }))
      .toThrow(/minimum range/);
    expect(() => ballisticMissile({ id: 'x', type: 'no-such-missile', launch, aimpoint: ahead(41, 44, 0, 300), launchTime: 0 }))
      .toThrow(/unknown ballistic missile type 'no-such-missile'/);
  });
});
