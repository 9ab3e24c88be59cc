// The battle manager: decisions from the track picture only (a degraded picture changes them),
// weapons control, cost awareness, reserve policy, salvo and shoot-look-shoot.
import { describe, expect, it } from 'vitest';
import { ballisticMissile } from '../../src/flight/index.js';
import { mat } from '../../src/math/index.js';
import type { Battery, Doctrine } from '../../src/scenario/types.js';
import type { PictureTrack } from '../../src/track/picture.js';
import { BattleManager, type BatteryReadiness, type PlanResult } from '../../src/decide/index.js';
import { DEG, GUN, PAC3, asset, ballisticTrack, battery, drone, manager, plant, readiness, WGS84 } from './planner-fixtures.js';

describe('weapons control', () => {
  it('weapons hold → no orders; tight → an unidentified track is not engaged; free → it is', () => {
    const pic = [drone('d1', 90 * DEG, 20_000, plant, 0, 'unknown', 0.9)];
    const run = (wc: Doctrine['weaponsControl']) => {
      const b = battery('pac', PAC3, { doctrine: { weaponsControl: wc } });
      return manager([b]).plan(0, pic, [readiness(b)]);
    };
    expect(run('hold').orders).toEqual([]);
    const tight = run('tight');
    expect(tight.orders).toEqual([]);
    expect(tight.decisions[0].why).toMatch(/weapons tight/);
    const free = run('free');
    expect(free.orders.length).toBe(1);
    expect(free.orders[0]).toMatchObject({ battery: 'pac', track: 'd1', doctrine: 'shoot-look-shoot', shots: 1 });
    // Identified with quality ≥ 0.5: tight engages.
    const b = battery('pac', PAC3, { doctrine: { weaponsControl: 'tight' } });
    expect(manager([b]).plan(0, [drone('d1', 90 * DEG, 20_000, plant)], [readiness(b)]).orders.length).toBe(1);
  });
});

describe('cost awareness', () => {
  it('keeps a $4.1M interceptor off a $35k drone when a gun can engage, and says why', () => {
    const pac = battery('pac', PAC3, { layer: 'lower', doctrine: { costAware: { enabled: true, maxCostRatio: 1 } } });
    const gun = battery('gun', GUN, { layer: 'gun', doctrine: { costAware: { enabled: true, maxCostRatio: 1 } }, inventory: 1200, interceptorsPerLauncher: 300 });
    // 4 km out: the gun's intercept is inside 80 % of its range (full Pk), so it fires now.
    const pic = [drone('d1', 90 * DEG, 4000, plant)];
    const r = manager([pac, gun]).plan(0, pic, [readiness(pac), readiness(gun)]);
    expect(r.orders.map((o) => o.battery)).toEqual(['gun']);
    expect(r.orders[0].reason).toMatch(/pac: cost-aware: \$4\.10M > 1 × threat cost \$35k and cheaper layer gun can engage/);
    // Cost awareness off: the PAC-3 (higher Pk) takes it.
    const pac2 = battery('pac', PAC3, { layer: 'lower' });
    const gun2 = battery('gun', GUN, { layer: 'gun', inventory: 1200, interceptorsPerLauncher: 300 });
    const r2 = manager([pac2, gun2]).plan(0, pic, [readiness(pac2), readiness(gun2)]);
    expect(r2.orders.map((o) => o.battery)).toContain('pac');
  });

  it('unless the asset at risk justifies it: a $1B plant gets the PAC-3 first (the gun holds for leakers)', () => {
    // Expected saving of the PAC-3 over the gun alone: 0.7 × (1 − 0.3) × ($1B × P(hit) ≈ 1 × lethality 0.3) ≈ $145M ≥ $4.1M.
    const big = asset('plant', 'substation', 0, 0, 10, 1e9);
    const pac = battery('pac', PAC3, { layer: 'lower', doctrine: { costAware: { enabled: true, maxCostRatio: 1 } } });
    const gun = battery('gun', GUN, { layer: 'gun', doctrine: { costAware: { enabled: true, maxCostRatio: 1 } }, inventory: 1200, interceptorsPerLauncher: 300 });
    const r = manager([pac, gun], [big]).plan(0, [drone('d1', 90 * DEG, 6000, big)], [readiness(pac), readiness(gun)]);
    expect(r.orders.map((o) => o.battery)).toEqual(['pac']);
    expect(r.orders[0].reason).toMatch(/gun: layering: gun tier holds for leakers/);
  });

  it('without a cheaper layer: the value at risk decides (ratio 1: no; ratio 5: yes)', () => {
    const pic = [drone('d1', 90 * DEG, 6000, plant)];
    const one = battery('pac', PAC3, { doctrine: { costAware: { enabled: true, maxCostRatio: 1 } } });
    // value at risk ≈ $5M × P(hit) ≈ 0.99 × lethality 0.3 ≈ $1.5M < $4.1M
    expect(manager([one]).plan(0, pic, [readiness(one)]).orders).toEqual([]);
    const five = battery('pac', PAC3, { doctrine: { costAware: { enabled: true, maxCostRatio: 5 } } });
    expect(manager([five]).plan(0, pic, [readiness(five)]).orders.length).toBe(1);
  });
});

/** Plays cycles: orders consume readiness (one shot per order per interval); tracks persist (all miss). */
function play(bm: BattleManager, bats: Battery[], ready: BatteryReadiness[], picture: (t: number) => PictureTrack[], until: number): PlanResult[] {
  const out: PlanResult[] = [];
  for (let t = 0; t <= until; t += 2) {
    const r = bm.plan(t, picture(t), ready);
    for (const o of r.orders) {
      const rd = ready.find((x) => x.battery === o.battery)!;
      rd.loadedShots -= o.shots;
      rd.inventoryShots -= o.shots;
      const b = bats.find((x) => x.id === o.battery)!;
      rd.nextLaunchTime = o.launchTime + o.shots * b.interceptor.launchInterval;
    }
    out.push(r);
  }
  return out;
}

describe('reserve policy', () => {
  it('holds ⌈30 %⌉ of 10 interceptors (loaded) for ballistic threats', () => {
    const city = asset('city', 'city', 0, 0, 5, null);
    const cp = asset('cp', 'command-post', 0, -15_000, 5, null);
    const b = battery('pac', PAC3, { inventory: 10, doctrine: { reserve: { kind: 'share', share: 0.3 } } });
    const bm = manager([b], [city, cp]);
    const ready = [readiness(b, 10)];
    const raid = (t: number) => Array.from({ length: 8 }, (_, k) => drone(`d${k}`, (k * 45 + 10) * DEG, 25_000, city, t));
    const plans = play(bm, [b], ready, raid, 120);
    const fired = plans.flatMap((p) => p.orders).reduce((s, o) => s + o.shots, 0);
    expect(fired).toBe(7);
    expect(ready[0].inventoryShots).toBe(3);
    expect(plans.at(-1)!.decisions.some((d) => /no interceptors left above the reserve/.test(d.why))).toBe(true);
    // The reserve is held for the most urgent threat category (ballistic): a drone at the command
    // post does not draw on it; a ballistic missile at the command post does.
    const r = bm.plan(130, [...raid(130), drone('cp-1', 180 * DEG, 30_000, cp, 0)], ready);
    expect(r.orders).toEqual([]);
    expect(r.decisions.find((d) => d.track === 'cp-1')!.why).toMatch(/no interceptors left above the reserve \(held for ballistic threats\)/);
    const m = ballisticTrack('cp-m', 90, cp);
    const rb = bm.plan(130, [...raid(130), { ...m, t: 130 }], ready);
    expect(rb.orders.map((o) => o.track)).toContain('cp-m');
    expect(rb.orders[0].reason).toMatch(/from the reserve \(held for ballistic threats\)/);
  });
});

describe('salvo and shoot-look-shoot', () => {
  it('salvo mode fires salvoSize interceptors per engagement: Pk = 1 − (1 − p)²', () => {
    const b = battery('pac', PAC3, { doctrine: { fire: { mode: 'salvo', salvoSize: 2 } } });
    const r = manager([b]).plan(0, [drone('d1', 90 * DEG, 20_000, plant)], [readiness(b)]);
    expect(r.orders.length).toBe(1);
    expect(r.orders[0].shots).toBe(2);
    expect(r.orders[0].pk).toBeCloseTo(1 - (1 - r.orders[0].shotPk) ** 2, 12);
  });
  it('shoot-look-shoot: one shot, no re-engagement before the kill assessment, then again after a miss', () => {
    const b = battery('pac', PAC3);
    const bm = manager([b]);
    const ready = [readiness(b)];
    const plans = play(bm, [b], ready, (t) => [drone('d1', 90 * DEG, 30_000, plant, t)], 40);
    const orders = plans.flatMap((p) => p.orders);
    expect(orders.length).toBeGreaterThanOrEqual(2);
    // The second engagement launches only after the first one's assessment time.
    expect(plans.find((p) => p.orders.length > 0 && p.t > 0)!.t).toBeGreaterThanOrEqual(orders[0].assessmentTime);
  });
});

describe('layering', () => {
  it('the upper tier engages first; the lower tier holds for leakers, and engages when the upper cannot', () => {
    const upper = battery('up', PAC3, { layer: 'upper' });
    const lower = battery('low', PAC3, { layer: 'lower' });
    const pic = [drone('d1', 90 * DEG, 20_000, plant)];
    const r = manager([upper, lower]).plan(0, pic, [readiness(upper), readiness(lower)]);
    expect(r.orders.map((o) => o.battery)).toEqual(['up']);
    expect(r.orders[0].reason).toMatch(/low: layering: lower tier holds for leakers while up \(upper tier\) can engage/);
    // Upper tier empty: the lower tier takes it.
    const r2 = manager([upper, lower]).plan(0, pic, [readiness(upper, 0), readiness(lower)]);
    expect(r2.orders.map((o) => o.battery)).toEqual(['low']);
  });
});

describe('truth never reaches decide/: a degraded picture changes the decisions', () => {
  // Two Iskander-class missiles (flight/ truth) aimed at the plant; perfect tracks 25 s before impact.
  function ballisticTrack(id: string, az: number): PictureTrack {
    const launch = WGS84.Direct(50, 30, az, 280_000);
    const f = ballisticMissile({ id, type: 'iskander-m', launch: { lat: (launch.lat2 as number) * DEG, lon: (launch.lon2 as number) * DEG }, aimpoint: plant.location, launchTime: 0 });
    while (f.advance(f.time + 1) !== 'impact') { /* find the impact time */ }
    const tImpact = f.impact!.t;
    const g = ballisticMissile({ id, type: 'iskander-m', launch: { lat: (launch.lat2 as number) * DEG, lon: (launch.lon2 as number) * DEG }, aimpoint: plant.location, launchTime: 0 });
    g.advance(tImpact - 25);
    return {
      id, t: 0, state: g.state.slice(), covariance: mat.diagonal([20 ** 2, 20 ** 2, 20 ** 2, 2 ** 2, 2 ** 2, 2 ** 2]),
      classProbabilities: { ballistic: 1 }, classification: 'ballistic', quality: 0.95, status: 'confirmed', sensors: ['r1'],
    };
  }
  const A = ballisticTrack('A', 80);
  const Bt = ballisticTrack('B', 100);
  const b = battery('pac', PAC3, { layer: 'lower', defends: ['plant'] });
  const plan = (pic: PictureTrack[]) => manager([b]).plan(0, pic, [readiness(b, 1)]);
  const degrade = (t: PictureTrack): PictureTrack => ({ ...t, covariance: mat.diagonal([3000 ** 2, 3000 ** 2, 3000 ** 2, 60 ** 2, 60 ** 2, 60 ** 2]) });

  it('one interceptor, two equal threats: it goes to the track whose picture says it will hit', () => {
    const base = plan([A, Bt]);
    expect(base.orders.length).toBe(1);
    // Whichever the perfect picture engaged, degrading that track's covariance moves the interceptor.
    const first = base.orders[0].track;
    const degraded = plan(first === 'A' ? [degrade(A), Bt] : [A, degrade(Bt)]);
    expect(degraded.orders[0].track).toBe(first === 'A' ? 'B' : 'A');
    expect(plan([degrade(A), Bt]).orders[0].track).toBe('B'); // A's impact now uncertain → lower threat value
    expect(plan([A, degrade(Bt)]).orders[0].track).toBe('A');
    const vA = plan([degrade(A), Bt]).assessments.find((x) => x.trackId === 'A')!.threatValue;
    const vA0 = base.assessments.find((x) => x.trackId === 'A')!.threatValue;
    expect(vA).toBeLessThan(0.5 * vA0);
  });

  it('a missing track is not engaged; a misclassified one is evaluated as its (wrong) class', () => {
    expect(plan([Bt]).orders.map((o) => o.track)).toEqual(['B']);
    expect(plan([]).orders).toEqual([]);
    // Classified 'drone' (lethality 0.3 instead of 1, intent model): the real ballistic B wins the interceptor.
    const mis = { ...A, classification: 'drone' as const, classProbabilities: { drone: 1 } };
    const r = plan([mis, Bt]);
    expect(r.orders[0].track).toBe('B');
    expect(r.assessments.find((x) => x.trackId === 'A')!.model).toBe('intent');
  });
});
