// The ballistic missile Flyer: lifecycle, tick-independence, the boost model against the rocket
// equation, and the notional catalog vehicles against the catalog's public range and speed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { BALLISTIC_MISSILE_TYPES, ballisticMissile } from '../../src/flight/ballistic.js';
import { idealDeltaV, liftoffMass, massAt, STANDARD_GRAVITY, type BallisticMissileType } from '../../src/flight/boost.js';
import { MissilePropagator } from '../../src/flight/impact.js';
import { solveBoost } from '../../src/flight/targeting.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const DEG = Math.PI / 180;
const MU = 3.986004418e14;
const R = 6_371_000;

function ahead(latDeg: number, lonDeg: number, azDeg: number, km: number) {
  const r = WGS84.Direct(latDeg, lonDeg, azDeg, km * 1000);
  return { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG };
}

const launch = { lat: 50 * DEG, lon: 30 * DEG };
const aimpoint = ahead(50, 30, 250, 1200);

describe('BallisticMissileFlyer lifecycle', () => {
  it('pending → boost → midcourse → re-entry → impact, with thrust only in boost', () => {
    const f = ballisticMissile({ id: 'm1', type: 'df-21', launch, aimpoint, launchTime: 100 });
    expect(f.kind).toBe('ballistic');
    expect(f.advance(50)).toBe('pending');
    expect(f.thrusting).toBe(false);
    const site = f.state.slice(0, 3);
    const phases: string[] = [];
    let t = 50;
    while (f.advance(t) !== 'impact') {
      if (phases[phases.length - 1] !== f.phase) phases.push(f.phase);
      expect(f.thrusting).toBe(f.phase === 'boost');
      t += 0.5;
    }
    expect(phases).toEqual(['pending', 'boost', 'midcourse', 'reentry']);
    expect(f.phase).toBe('impact');
    expect(f.impact!.t).toBeGreaterThan(100);
    expect(f.impact!.t).toBeLessThanOrEqual(t);
    expect(Math.abs(f.impact!.h)).toBeLessThan(1e-3);
    // terminal: later advances do not move it
    const at = f.state.slice();
    expect(f.advance(t + 100)).toBe('impact');
    expect(Array.from(f.state)).toEqual(Array.from(at));
    expect(Math.hypot(site[0]! - at[0]!, site[1]! - at[1]!, site[2]! - at[2]!)).toBeGreaterThan(1e6);
  });

  it('the trajectory does not depend on the tick sequence (same steps, dense output between)', () => {
    const a = ballisticMissile({ id: 'a', type: 'df-21', launch, aimpoint, launchTime: 0 });
    const b = ballisticMissile({ id: 'b', type: 'df-21', launch, aimpoint, launchTime: 0 });
    let tb = 0;
    for (const t of [7, 33.3, 150, 400, 600]) {
      a.advance(t);
      while (tb + 0.37 < t) b.advance((tb += 0.37));
      b.advance(t);
      expect(Array.from(b.state)).toEqual(Array.from(a.state));
    }
  });

  it('destroy stops it where it is', () => {
    const f = ballisticMissile({ id: 'd', type: 'df-21', launch, aimpoint, launchTime: 0 });
    f.advance(200);
    f.destroy(250);
    expect(f.status).toBe('destroyed');
    expect(f.time).toBe(250);
    const s = f.state.slice();
    expect(f.advance(400)).toBe('destroyed');
    expect(Array.from(f.state)).toEqual(Array.from(s));
    expect(f.impact).toBeUndefined();
  });

  it('identical launches share one solve', () => {
    const a = ballisticMissile({ id: 'a', type: 'df-21', launch, aimpoint, launchTime: 0 });
    const b = ballisticMissile({ id: 'b', type: 'df-21', launch, aimpoint, launchTime: 60 });
    expect(b.solution).toBe(a.solution);
  });
});

describe('boost model', () => {
  it('Tsiolkovsky by hand for the notional Minuteman III', () => {
    const t = BALLISTIC_MISSILE_TYPES['minuteman-iii']!;
    // m0 = 33,800 kg; stage ratios 33800/13700, 11400/5200, 4400/1100 (inert dropped at each staging)
    const g0 = 9.80665;
    const dv = 270 * g0 * Math.log(33800 / 13700) + 290 * g0 * Math.log(11400 / 5200) + 300 * g0 * Math.log(4400 / 1100);
    expect(liftoffMass(t.boost)).toBe(33800);
    expect(idealDeltaV(t.boost)).toBeCloseTo(dv, 6);
    expect(massAt(t.boost, 60)).toBeCloseTo(11400, 9);
    expect(massAt(t.boost, 30)).toBeCloseTo(33800 - 20100 / 2, 9);
    expect(massAt(t.boost, 1000)).toBe(700);
  });

  it('vertical burn in vacuum: v(t_b) is bracketed by the rocket equation with surface and burnout gravity', () => {
    // v = Isp g0 ln(m0/mf) − ∫ g dt and g falls monotonically on the way up, so
    // Δv_ideal − g(0) t_b ≤ v(t_b) ≤ Δv_ideal − g(h_b) t_b.
    const type: BallisticMissileType = {
      id: 'test', name: 'test', reentryBallisticCoefficient: 1e4,
      boost: {
        stages: [{ propellantMass: 8000, inertMass: 1000, burnTime: 60, specificImpulse: 250 }],
        payloadMass: 1000, diameter: 1, dragCoefficient: 0.3, verticalRiseTime: 60, pitchOverTime: 0,
      },
    };
    const p = new MissilePropagator(type, { lat: 0.3, lon: 0.1, h: 0 }, { kickAngle: 0, azimuth: 0, cutoffTime: 60 },
      { earth: 'sphere', rotation: false, atmosphere: { kind: 'none' } }, 0);
    while (p.burnout === undefined) p.step();
    const y = p.burnout;
    const r = Math.hypot(y[0], y[1], y[2]);
    const v = Math.hypot(y[3], y[4], y[5]);
    const ideal = 250 * STANDARD_GRAVITY * Math.log(10000 / 2000);
    expect(v).toBeGreaterThan(ideal - (MU / R ** 2) * 60);
    expect(v).toBeLessThan(ideal - (MU / r ** 2) * 60);
    // radial: the velocity is along the position vector
    expect((y[0] * y[3] + y[1] * y[4] + y[2] * y[5]) / (r * v)).toBeCloseTo(1, 12);
  });
});

describe('notional catalog vehicles vs the catalog', () => {
  const catalog = JSON.parse(readFileSync(new URL('../../catalog/catalog.json', import.meta.url), 'utf8')) as {
    threats: { id: string; max_range_m: number; max_speed_m_s: number }[];
  };
  for (const id of Object.keys(BALLISTIC_MISSILE_TYPES)) {
    it(`${id} reaches the catalog range with a burnout speed near the catalog speed`, () => {
      const c = catalog.threats.find((t) => t.id === id)!;
      expect(c).toBeDefined();
      // Eastward from 40° N (the catalog ranges are maxima).
      const s = solveBoost({
        type: BALLISTIC_MISSILE_TYPES[id]!,
        launch: { lat: 40 * DEG, lon: 45 * DEG },
        aimpoint: ahead(40, 45, 70, c.max_range_m / 1000),
      });
      expect(s.miss).toBeLessThan(100);
      expect(Math.abs(s.burnout.speed / c.max_speed_m_s - 1)).toBeLessThan(0.2);
    });
  }
});
