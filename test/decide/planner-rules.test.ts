// The battle manager's rules added for issue #6 (docs/models/battle-management.md "Engagement
// planning and doctrine"), each on a hand-worked instance: allied fire counted as committed fire,
// the reserve held loaded for ballistic threats, cost awareness against a cheaper layer's whole
// window, the "no time to look" Pk goal, launch-slot bookkeeping across cycles, the cheapest
// plausible identity, and the exact WTA in the loop.
import { describe, expect, it } from 'vitest';
import type { AlliedEngagement } from '../../src/decide/types.js';
import { plausibleThreatCost, notionalThreatCosts, speedSigmaShare } from '../../src/decide/threat.js';
import { costCheck } from '../../src/decide/doctrine.js';
import { mat } from '../../src/math/index.js';
import { SALVO_PK_GOAL, solveCycleWta } from '../../src/decide/planner.js';
import { createWtaInstance } from '../../src/decide/wta/index.js';
import { bruteForce } from './wta-oracle.js';
import { asset, ballisticTrack, battery, DEG, drone, GUN, manager, PAC3, plant, readiness } from './planner-fixtures.js';

describe('allied engagements count as committed fire', () => {
  // Two equal drones 20 km out (east and west), 400 s to go; one battery with two loaded shots.
  // Single-shot Pk 0.7 (PAC-3 0.7 × drone 1.0 × edge 1 at ~19 km of 60 km).
  const pic = [drone('d1', 90 * DEG, 20_000, plant), drone('d2', 270 * DEG, 20_000, plant)];
  const ally = (pk: number, assessmentTime: number, battery = 'nasams-1'): AlliedEngagement =>
    ({ track: 'd1', force: 'ally', battery, pk, interceptTime: assessmentTime - 3, assessmentTime });

  it('an ally at Pk 0.1 leaves d1 worth engaging; at Pk 0.9 the second shot is not spent on it', () => {
    const b = battery('pac', PAC3);
    // The ally's assessment comes after our window closes (no time to look): only the value matters.
    // WTA gains: d1 0.7·(1 − pk_ally)·V; d2's second shot 0.7·0.3·V = 0.21 V.
    const low = manager([b]).plan(0, pic, [readiness(b, 2)], [ally(0.1, 10_000)]);
    expect(low.orders.map((o) => o.track).sort()).toEqual(['d1', 'd2']); // 0.63 V > 0.21 V
    const o1 = low.orders.find((o) => o.track === 'd1')!;
    expect(o1.reason).toMatch(/committed fire: ally\/nasams-1 engaging \(Pk 0\.10, intercept 9997\.0 s, assessment 10000\.0 s\); value × 0\.90/);
    const V = low.assessments.find((a) => a.trackId === 'd2')!.threatValue;
    expect(low.objective.before).toBeCloseTo(V * (1 + 0.9), 9);
    // Pk 0.9: d1's gain 0.07 V < 0.21 V → both weapons go to d2, shoot-look-shoot keeps one.
    const high = manager([b]).plan(0, pic, [readiness(b, 2)], [ally(0.9, 10_000)]);
    expect(high.orders.map((o) => o.track)).toEqual(['d2']);
    expect(high.decisions.find((d) => d.track === 'd1')!.engaged).toBe(false);
  });

  it("shoot-look-shoot waits for the ally's assessment like for its own", () => {
    const b = battery('pac', PAC3);
    const r = manager([b]).plan(0, pic, [readiness(b, 2)], [ally(0.1, 30)]);
    expect(r.orders.map((o) => o.track)).toEqual(['d2']);
    expect(r.decisions.find((d) => d.track === 'd1')!.why).toMatch(/awaiting kill assessment \(until 30\.0 s; committed fire: ally\/nasams-1 engaging/);
  });

  it('maxShotsPerThreat counts allied shots (each reported engagement once)', () => {
    const b = battery('pac', PAC3);
    const bm = manager([b], [plant], { maxShotsPerThreat: 2 });
    const reports = [ally(0.5, 10_000, 'a'), { ...ally(0.5, 10_000, 'b'), shots: 1 }];
    const r = bm.plan(0, pic, [readiness(b, 4)], reports);
    expect(r.decisions.find((d) => d.track === 'd1')!.why).toBe('max shots per threat (2) reached (0 own, 2 allied)');
    // The same reports again next cycle are not counted twice.
    expect(bm.alliedShotsAt('d1')).toBe(2);
    bm.plan(2, pic, [readiness(b, 4)], reports);
    expect(bm.alliedShotsAt('d1')).toBe(2);
  });
});

describe("a battery's own maxShotsPerThreat (doctrine.batteries.<id>)", () => {
  // One drone, 20 km east, 400 s to go; two batteries, salvo of 2, no time to look (the ally's
  // pending assessment is after every window) — without caps the WTA puts both salvos on it.
  const pic = [drone('d1', 90 * DEG, 20_000, plant)];
  const salvo = { fire: { mode: 'salvo' as const, salvoSize: 2 } };
  const pending: AlliedEngagement = { track: 'd1', force: 'ally', battery: 'x', pk: 0.05, interceptTime: 9_997, assessmentTime: 10_000, shots: 1 };

  it('caps that battery at the track: after its salvo it is out, by its own cap (not the force\'s 8)', () => {
    for (const capA of [2, 8]) {
      const a = battery('a', PAC3, { doctrine: { ...salvo, maxShotsPerThreat: capA } });
      const b = battery('b', PAC3, { doctrine: salvo });
      const bm = manager([a, b], [plant], { ...salvo, maxShotsPerThreat: 8 });
      const first = bm.plan(0, pic, [readiness(a, 8), readiness(b, 8)], [pending]);
      expect(first.orders.map((o) => `${o.battery}:${o.shots}`)).toEqual(['a:2']);
      const why = bm.plan(2, pic, [readiness(a, 6), readiness(b, 8)], [pending]).decisions.find((d) => d.track === 'd1')!.why;
      if (capA === 2) expect(why).toMatch(/^a: max shots per threat for this battery \(2\) reached; b: awaiting kill assessment/);
      else expect(why).toMatch(/^a: awaiting kill assessment/);
    }
  });

  it('a cap below one salvo never fires that battery; the other one still engages', () => {
    const a = battery('a', PAC3, { doctrine: { ...salvo, maxShotsPerThreat: 1 } });
    const b = battery('b', PAC3, { doctrine: salvo });
    const r = manager([a, b], [plant], salvo).plan(0, pic, [readiness(a, 8), readiness(b, 8)]);
    expect(r.orders.map((o) => o.battery)).toEqual(['b']);
  });
});

describe("firm track: released at the battery's last chance, counted from its ready time", () => {
  it('a young drone track (quality 0.3) is held while the window is open, then engaged before it closes', () => {
    // PAC-3 (reaction 5 s, cycle 2 s) against a drone 20 km east flying at the plant at 50 m/s; the
    // track never firms up. Hand count: the battery can launch at t + 5; the rule holds while the
    // window's end is beyond t + 5 + 2·2 and must engage in the cycle where it no longer is —
    // before the fix (end ≤ t + 4) that cycle's launch was already infeasible and it never fired.
    const b = battery('pac', PAC3);
    const bm = manager([b]);
    let engagedAt = -1;
    let end = NaN;
    for (let t = 0; t <= 500 && engagedAt < 0; t += 2) {
      const track = drone('d1', 90 * DEG, 20_000, plant, t, 'drone', 0.3);
      const r = bm.plan(t, [track], [readiness(b, 16)]);
      const why = r.decisions.find((d) => d.track === 'd1')?.why ?? '';
      const m = /window open until ([\d.]+) s/.exec(why);
      if (m) end = Number(m[1]);
      if (r.orders.length > 0) {
        engagedAt = t;
        const o = r.orders[0];
        expect(o.launchTime).toBeGreaterThanOrEqual(t + PAC3.reactionTime - 1e-9);
        expect(o.launchTime).toBeLessThanOrEqual(o.launchWindow[1] + 1e-9);
        expect(o.launchWindow[1]).toBeLessThanOrEqual(t + PAC3.reactionTime + 2 * 2 + 1e-6);
      } else {
        expect(why).toMatch(/^pac: holding for a firm track \(quality 0\.30 < 0\.5; window open until/);
      }
    }
    expect(engagedAt).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(engagedAt);
  });
});

describe('reserve: held loaded, for the most urgent threat category', () => {
  // 16 interceptors, 4 loaded (the rest in reload stock), reserve 4: nothing loaded is free.
  const b = battery('pac', PAC3, { doctrine: { reserve: { kind: 'per-battery', perBattery: 4 } } });
  const ready = () => [{ ...readiness(b, 16, 4) }];

  it('a drone does not get the loaded reserve (the old rule counted the reload stock as the free shots)', () => {
    const r = manager([b]).plan(0, [drone('d1', 90 * DEG, 20_000, plant)], ready());
    expect(r.orders).toEqual([]);
    expect(r.decisions[0].why).toBe('pac: no interceptors left above the reserve (held for ballistic threats)');
  });

  it('a ballistic missile does, and the order says so', () => {
    const r = manager([b]).plan(0, [ballisticTrack('B', 90, plant)], ready());
    expect(r.orders.length).toBeGreaterThan(0);
    expect(r.orders[0].reason).toMatch(/from the reserve \(held for ballistic threats\)/);
  });
});

describe('cost awareness weighs the cheaper layer over its whole window', () => {
  it('a $30M substation no longer justifies a $4.1M PAC-3 when the gun has four engagements left', () => {
    // Drone 6 km east at 500 m, 50 m/s toward the asset; gun at 700 m/s, ground range ≤ 5.5 km.
    // Gun launch at its ready time 5 s: t_I − √((6000 − 50 t_I)² + 500²)/700 = 5 → t_I = 12.70 s,
    // ground range 5366 m → edge factor 1 − 0.5·(5366/5500 − 0.8)/0.2 = 0.561, single-shot Pk
    // 0.3 × 0.561 = 0.168 now, 0.3 once the drone is inside 4.4 km. Period TOF 7.70 + assessment
    // 3 = 10.7 s; window to ~120 s → 11 engagements fit, capped at maxShotsPerThreat 4: gun Pk
    // 1 − 0.832 × 0.7³ = 0.71. Value at risk ≈ $30M × P(hit) 0.99 × lethality 0.3 = $8.9M.
    // Expected saving of the PAC-3: over one gun shot 0.7 × 0.832 × 8.9M = $5.2M ≥ $4.1M (the old
    // rule fired it); over the gun's four engagements 0.7 × 0.285 × 8.9M = $1.78M < $4.1M (it holds).
    const sub = asset('plant', 'substation', 0, 0, 10, 30_000_000);
    const pac = battery('pac', PAC3, { doctrine: { costAware: { enabled: true, maxCostRatio: 1 } } });
    const gun = battery('gun', GUN, { doctrine: { costAware: { enabled: true, maxCostRatio: 1 } }, inventory: 1200, interceptorsPerLauncher: 300 });
    const r = manager([pac, gun], [sub]).plan(0, [drone('d1', 90 * DEG, 6000, sub)], [readiness(pac), readiness(gun)]);
    // Nobody fires now: the PAC-3 is not worth its cost, the gun holds for a better shot.
    expect(r.orders).toEqual([]);
    const why = r.decisions[0].why;
    expect(why).toMatch(/pac: cost-aware: \$4\.10M > 1 × threat cost \$35k and cheaper layer gun can engage \(expected saving \$1\.7\dM over it in 4 engagements, Pk 0\.71 does not justify it\)/);
    expect(why).toMatch(/gun: holding for a better shot \(Pk 0\.17 at the envelope's edge, 0\.30 inside; window open until 120\.0 s\)/);
  });
});

describe('no time to look: salvo only up to the Pk goal', () => {
  it('a ballistic missile 25 s out gets one PAC-3 pair (Pk 0.91 ≥ 0.9), not the four the WTA assigned', () => {
    expect(SALVO_PK_GOAL).toBe(0.9);
    const b = battery('pac', PAC3);
    const r = manager([b]).plan(0, [ballisticTrack('B', 90, plant)], [readiness(b, 8)]);
    expect(r.orders.length).toBe(2);
    expect(r.orders.every((o) => o.doctrine === 'salvo (no time to look)')).toBe(true);
    const kill = 1 - r.orders.reduce((s, o) => s * (1 - o.pk), 1);
    expect(kill).toBeGreaterThanOrEqual(0.9);
    expect(kill).toBeCloseTo(1 - 0.3 ** 2, 6); // both shots at Pk 0.7 (edge factor 1)
  });
});

describe('committed fire of our own counts too', () => {
  it('a missile already under a 0.91 salvo is not engaged again in the next cycle (no time to look either way)', () => {
    const b = battery('pac', PAC3);
    const bm = manager([b]);
    const m = ballisticTrack('B', 90, plant);
    const r0 = bm.plan(0, [m], [readiness(b, 8)]);
    expect(r0.orders.length).toBe(2);
    // Next cycle: the rounds have not left yet (committed), the outcome is not known (assessment after impact).
    const r1 = bm.plan(2, [m], [readiness(b, 8)]);
    expect(r1.orders).toEqual([]);
    expect(r1.decisions[0].why).toMatch(/committed fire: own engagement in flight \(Pk 0\.70, assessment [\d.]+ s\), own engagement in flight \(Pk 0\.70/);
  });
});

describe('cost awareness: rule 1 compares one interceptor with the threat', () => {
  it('a PAC-3 pair ($8.2M) on a $5M ballistic missile is not vetoed: each $4.1M round is below the threat cost', () => {
    const base = { engagementCost: 8.2e6, maxCostRatio: 1, threatCost: 5e6, valueUsdAtRisk: 0, pk: 0.91, cheaperPk: null };
    expect(costCheck({ ...base, shotCost: 4.1e6 }).allowed).toBe(true);
    // The old comparison of the whole salvo vetoed it (value at risk 0: an unpriced city).
    expect(costCheck(base)).toEqual({ allowed: false, why: 'cost-aware: $8.20M > 1 × value at risk $5.00M' });
    // A drone is still too cheap for one PAC-3.
    expect(costCheck({ ...base, shotCost: 4.1e6, threatCost: 35_000 }).allowed).toBe(false);
  });
});

describe('launch slots: orders not launched yet keep their rounds and slots', () => {
  it('the next cycle does not book the one loaded round again, and frees it once it has left', () => {
    const b = battery('pac', PAC3);
    const bm = manager([b]);
    const d1 = drone('d1', 90 * DEG, 20_000, plant), d2 = drone('d2', 270 * DEG, 20_000, plant);
    const r0 = bm.plan(0, [d1], [readiness(b, 1)]);
    expect(r0.orders.length).toBe(1);
    expect(r0.orders[0].launchTime).toBeCloseTo(5, 6); // reaction time: it leaves at 5 s
    // t = 2: engage/ still reports the round loaded (it has not left); a second drone appears.
    const r1 = bm.plan(2, [d1, d2], [readiness(b, 1)]);
    expect(r1.orders).toEqual([]);
    // t = 6: the round has left (inventory 0); nothing to book.
    const r2 = bm.plan(6, [d1, d2], [readiness(b, 0)]);
    expect(r2.orders).toEqual([]);
    // t = 8: a reload of 1 round arrives: d2 gets it (d1 awaits its assessment).
    const r3 = bm.plan(8, [d1, d2], [{ ...readiness(b, 1), nextLaunchTime: 8 }]);
    expect(r3.orders.map((o) => o.track)).toEqual(['d2']);
  });

  it('only launch slots that leave within the decision cycle are planned (no order 300 s ahead)', () => {
    // Launch interval 300 s: slot 0 leaves at 5 s, slot 1 could not leave before 305 s — inside
    // the far drone's window (impact at ~400 s) but beyond this 2 s cycle: it is not offered.
    const slow = { ...PAC3, launchInterval: 300 } as typeof PAC3;
    const b = battery('pac', slow);
    const near = drone('near', 90 * DEG, 12_000, plant), far = drone('far', 270 * DEG, 20_000, plant);
    const r = manager([b]).plan(0, [near, far], [readiness(b, 2)]);
    expect(r.orders.length).toBe(1);
    expect(r.orders[0].launchTime).toBeCloseTo(5, 6);
    expect(r.orders[0].track).toBe('near'); // the more urgent of the two (equal value, earlier window end)
  });
});

describe('cost awareness prices a track by its cheapest plausible identity', () => {
  const costs = notionalThreatCosts();
  it('an "aircraft" that may well be a drone is priced as the drone', () => {
    expect(plausibleThreatCost({ classification: 'aircraft', classProbabilities: { aircraft: 0.6, drone: 0.4 } }, costs)).toBe(35_000);
    expect(plausibleThreatCost({ classification: 'aircraft', classProbabilities: { aircraft: 0.9, drone: 0.1 } }, costs)).toBe(50_000_000);
    // 'unknown' is not an identity: a ballistic track with P(unknown) 0.3 keeps its class's cost.
    expect(plausibleThreatCost({ classification: 'ballistic', classProbabilities: { ballistic: 0.7, unknown: 0.3 } }, costs)).toBe(3_000_000);
  });
  it('an "aircraft" whose speed is not known to ±25 % is priced as the cheapest air-breathing class', () => {
    // v = (100, 0, 0) m/s; σ along v = √P_vxvx. 30 m/s → 0.30 > 0.25: unconfirmed → the drone's $35k.
    const state = Float64Array.from([0, 0, 0, 100, 0, 0]);
    const track = (sx: number) => ({ classification: 'aircraft' as const, classProbabilities: { aircraft: 1 }, state, covariance: mat.diagonal([1, 1, 1, sx * sx, 1e4, 1e4]) });
    expect(speedSigmaShare(state, track(30).covariance)).toBeCloseTo(0.3, 12); // cross-track variance does not count
    expect(plausibleThreatCost(track(30), costs)).toBe(35_000);
    expect(plausibleThreatCost(track(20), costs)).toBe(50_000_000);
  });
});

describe('exact WTA in the loop', () => {
  it('proves the optimum where greedy + local search alone does not close the gap, and matches brute force', () => {
    // Four weapons, three targets, weapon-dependent Pk (p ~ U(0, 1), the Andersen-style case where
    // the Lagrangian bound at the heuristic's own prices leaves a gap: 4.6544 vs 3.4911).
    const values = [8, 5, 7];
    const pk = [[0.46, 0.17, 0.76], [1, 0.86, 0.55], [0.51, 0.18, 0.11], [0.3, 0.03, 0.67]];
    const inst = createWtaInstance({ values, pk });
    const r = solveCycleWta(inst, { maxPairs: 100 });
    const bf = bruteForce({ values, pk });
    expect(r.info.method).toBe('exact');
    expect(r.info.objective).toBeCloseTo(bf.best, 12);
    expect(r.info.status).toBe('optimal');
    expect(r.info.lowerBound!).toBeLessThanOrEqual(r.info.objective + 1e-12);
    expect(r.info.lowerBound!).toBeGreaterThanOrEqual(bf.best * (1 - 1e-6));
    // Turned off: heuristic only, with its bound; still a valid bound.
    const h = solveCycleWta(inst, false);
    expect(h.info.method).toBe('heuristic');
    expect(h.info.status).toBe('feasible');
    expect(h.info.lowerBound!).toBeCloseTo(3.491144, 5);
    expect(h.info.gap!).toBeCloseTo((h.info.objective - 3.491144) / h.info.objective, 5);
    // Above maxPairs (12 pairs here): the heuristic and its bound.
    expect(solveCycleWta(inst, { maxPairs: 11 }).info.method).toBe('heuristic');
  });

  it("the order's reason records how the cycle's WTA was solved", () => {
    const b = battery('pac', PAC3);
    const r = manager([b]).plan(0, [drone('d1', 90 * DEG, 20_000, plant), drone('d2', 270 * DEG, 20_000, plant)], [readiness(b, 2)]);
    expect(r.wta!.status).toBe('optimal');
    expect(r.orders[0].reason).toMatch(/WTA optimal \(proven, (Lagrangian bound|exact solver)\) \(\d+ pairs\)/);
  });
});
