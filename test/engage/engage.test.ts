// Engage bookkeeping: battery launches/reloads, endgame Pk, cost ledger — hand-worked examples.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatteryState, CostLedger, endgamePk, killAssessmentTime } from '../../src/engage/index.js';

const pac3 = { id: 'pac3-mse', launchInterval: 2, roundsPerShot: 1, unitCost: 4_100_000 };

describe('BatteryState', () => {
  it('respects the launch interval, empties launchers, reloads after reloadTime', () => {
    // 2 launchers × 2 rounds, inventory 6 → 4 loaded + 2 stock; reload 60 s.
    const b = new BatteryState({ id: 'b1', launchers: 2, interceptorsPerLauncher: 2, inventory: 6, reloadTime: 60, interceptor: pac3 });
    expect(b.readiness(0)).toEqual({ battery: 'b1', loadedShots: 4, inventoryShots: 6, initialShots: 6, nextLaunchTime: 0 });
    b.launch(0);
    expect(b.canLaunch(1)).toBe(false); // interval 2 s
    expect(b.canLaunch(2)).toBe(true);
    b.launch(2); // launcher 0 had 2 → 1, launcher 1 had 2 → 1: the fuller is used first
    b.launch(4);
    b.launch(6); // both empty now; reloads due at 4 + 60 and 6 + 60
    expect(b.readiness(10)).toMatchObject({ loadedShots: 0, inventoryShots: 2, nextLaunchTime: 64 });
    expect(b.canLaunch(63)).toBe(false);
    expect(b.canLaunch(64)).toBe(true);
    expect(b.readiness(70).loadedShots).toBe(2); // launcher 0 (due 64 s) took the whole stock of 2; launcher 1 (due 66 s) found none
    expect(b.stock).toBe(0);
    b.launch(70);
    expect(() => b.launch(71)).toThrow(/cannot launch/); // 1 s after the last launch < interval 2 s
  });

  it('a gun fires bursts of roundsPerShot rounds', () => {
    const g = new BatteryState({
      id: 'g', launchers: 1, interceptorsPerLauncher: 600, inventory: 600, reloadTime: null,
      interceptor: { id: 'gepard', launchInterval: 0, roundsPerShot: 30, unitCost: 1000 },
    });
    expect(g.readiness(0).loadedShots).toBe(20);
    g.launch(0);
    g.launch(0);
    expect(g.roundsFired).toBe(60);
    expect(g.readiness(0).inventoryShots).toBe(18);
  });
});

describe('endgame', () => {
  const htk = { id: 'pac3-mse', kill: 'hit-to-kill' as const, maxSpeed: 1700 };
  const frag = { id: 'pac2', kill: 'blast-fragmentation' as const, maxSpeed: 1380 };
  it('hit-to-kill: R·V at zero miss, R·V/e at 0.5 m, ≈ 0 at 1 m', () => {
    expect(endgamePk(0, 'hit-to-kill', htk, 'cruise')).toBeCloseTo(0.95, 12);
    expect(endgamePk(0.5, 'hit-to-kill', htk, 'cruise')).toBeCloseTo(0.95 / Math.E, 12);
    expect(endgamePk(1, 'hit-to-kill', htk, 'cruise')).toBeLessThan(1e-100);
    expect(endgamePk(0, 'hit-to-kill', htk, 'ballistic')).toBeCloseTo(0.95 * 0.9, 12);
  });
  it('blast-fragmentation: Carleton exp(−(m/r_L)²), r_L = 20 m for a large missile', () => {
    expect(endgamePk(20, 'blast-fragmentation', frag, 'drone')).toBeCloseTo(0.95 * Math.exp(-1), 12);
    expect(endgamePk(40, 'blast-fragmentation', frag, 'drone')).toBeCloseTo(0.95 * Math.exp(-4), 12);
  });
  it('kill assessment is known a delay after the intercept', () => {
    expect(killAssessmentTime(100, 3)).toBe(103);
  });
});

describe('CostLedger (hand-worked example)', () => {
  // Aurelia defends; Borealis pays 60 % of Aurelia's interceptors; Umbra attacks.
  const ledger = new CostLedger([
    { id: 'aurelia', funding: [] },
    { id: 'borealis', funding: [{ force: 'aurelia', share: 0.6 }] },
    { id: 'umbra', funding: [] },
  ]);
  ledger.recordInterceptors('aurelia', 'pac3-mse', 4_100_000, 3); // 12.3 M
  ledger.recordInterceptors('aurelia', 'gepard', 1000, 200); // 0.2 M (rounds)
  ledger.recordInterceptors('borealis', 'iris-t-slm', 500_000, 2); // 1.0 M
  ledger.recordInterceptors('borealis', 'hq9', null, 1); // not public: counted, 0 USD
  ledger.recordThreat('umbra', 'shahed-136', 35_000, 10); // 0.35 M
  ledger.recordThreat('umbra', 'iskander-m', 3_000_000, 1); // 3.0 M

  it('costs by force, burden sharing and the cost-exchange ratio', () => {
    expect(ledger.interceptorCost('aurelia')).toBeCloseTo(12_500_000, 6);
    expect(ledger.interceptorCost('borealis')).toBeCloseTo(1_000_000, 6);
    expect(ledger.paidBy('aurelia')).toBeCloseTo(0.4 * 12_500_000, 6); // 5.0 M
    expect(ledger.paidBy('borealis')).toBeCloseTo(0.6 * 12_500_000 + 1_000_000, 6); // 8.5 M
    expect(ledger.paidBy('aurelia') + ledger.paidBy('borealis')).toBeCloseTo(ledger.interceptorCost(), 6);
    expect(ledger.attackerCost()).toBeCloseTo(3_350_000, 6);
    expect(ledger.costExchangeRatio(['aurelia', 'borealis'], ['umbra'])).toBeCloseTo(13_500_000 / 3_350_000, 12); // 4.03
    expect([...ledger.unpricedTypes]).toEqual(['hq9']);
    expect(ledger.interceptorLines().find((l) => l.type === 'hq9')!.count).toBe(1);
  });
});

describe('CostLedger properties (fast-check)', () => {
  it('burden sharing neither loses nor creates money', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0, max: 1e8, noNaN: true }), { minLength: 3, maxLength: 3 }),
      fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }),
      (costs, s1, s2) => {
        const l = new CostLedger([
          { id: 'a', funding: [] }, { id: 'b', funding: [{ force: 'a', share: s1 }] }, { id: 'c', funding: [{ force: 'a', share: s2 }, { force: 'b', share: s1 }] },
        ]);
        ['a', 'b', 'c'].forEach((f, i) => l.recordInterceptors(f, 'x', costs[i], 1));
        const paid = l.paidBy('a') + l.paidBy('b') + l.paidBy('c');
        expect(paid).toBeCloseTo(l.interceptorCost(), 3);
      },
    ), { numRuns: 200, seed: 7 });
  });
});
