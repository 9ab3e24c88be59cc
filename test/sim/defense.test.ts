// The whole kill chain on the default scenario: sensors → force picture → battle manager →
// interceptors on tracks → endgame, against the undefended baseline of the same scenario and seed.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runner.js';
import type { SimEvent } from '../../src/sim/events.js';

const scenario = loadScenarioFile('scenarios/default.yaml');
const defended = runScenario(scenario);
const baseline = runScenario(scenario, { undefended: true });
const ev = defended.events!;
const of = <T extends SimEvent['type']>(type: T) => ev.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('defended vs undefended (default scenario)', () => {
  it('plays every stage and destroys threats; the baseline has no defense', () => {
    expect(defended.summary.stages).toEqual(['flight', 'sense', 'track', 'decide', 'engage']);
    expect(defended.summary.defense!.kills).toBeGreaterThan(0);
    expect(baseline.summary.defense).toBeUndefined();
    expect(baseline.events!.some((e) => e.type === 'engagement' || e.type === 'interceptor-launch')).toBe(false);
  });

  it('defense lowers leakers and damage and keeps more power served', () => {
    const leaked = (s: typeof defended.summary) => Object.values(s.threats.byClass).reduce((n, c) => n + c.impacted, 0);
    expect(leaked(defended.summary)).toBeLessThan(leaked(baseline.summary));
    const damage = (s: typeof defended.summary) => s.assets.reduce((n, a) => n + a.damage, 0);
    expect(damage(defended.summary)).toBeLessThan(damage(baseline.summary));
    expect(defended.summary.power[0]!.finalMW).toBeGreaterThan(baseline.summary.power[0]!.finalMW);
  });

  it('orders name tracks (never truth ids) and carry their reason; kills match destroyed threats', () => {
    const threatIds = new Set(of('launch').map((e) => e.id));
    for (const o of of('engagement')) {
      expect(threatIds.has(o.track)).toBe(false);
      expect(o.track).toMatch(/^north-T\d+$/);
      expect(o.reason.length).toBeGreaterThan(40);
      expect(o.pk).toBeGreaterThan(0);
      expect(o.pk).toBeLessThanOrEqual(1);
    }
    const kills = of('intercept').filter((e) => e.result === 'kill');
    const destroyed = Object.values(defended.summary.threats.byClass).reduce((n, c) => n + c.destroyed, 0);
    expect(kills).toHaveLength(destroyed);
    expect(new Set(kills.map((k) => k.target)).size).toBe(kills.length);
  });

  it('costs in the summary equal the sum of the recorded launches; cost-exchange ratio is their ratio', () => {
    const d = defended.summary.defense!;
    const launched = of('interceptor-launch');
    expect(launched).toHaveLength(d.shots);
    expect(launched.reduce((s, e) => s + e.cost, 0)).toBeCloseTo(d.interceptorCostUsd, 6);
    expect(d.costExchangeRatio).toBeCloseTo(d.interceptorCostUsd / defended.summary.attackerCostUsd, 3);
    expect(d.paidBy.reduce((s, p) => s + p.usd, 0)).toBeCloseTo(d.interceptorCostUsd, 6);
  });

  it('scores the picture against truth (GOSPA, p = 1: the parts add up) and fills the warning timeline', () => {
    const [pic] = defended.summary.defense!.picture;
    expect(pic!.force).toBe('north');
    expect(pic!.samples).toBe(Math.ceil(scenario.duration / 2));
    expect(pic!.meanGospa).toBeCloseTo(pic!.localisation + pic!.missed + pic!.false, 2);
    for (const w of defended.summary.earlyWarning!.filter((x) => x.class === 'ballistic')) {
      expect(w.firstDetection).not.toBeNull();
      expect(w.firstTrack!).toBeGreaterThanOrEqual(w.firstDetection!);
      expect(w.warning).toBeCloseTo((w.impact ?? w.destroyed)! - w.firstDetection!, 3);
    }
  });

  it('is deterministic with the whole chain in play', () => {
    const again = runScenario(scenario).events!;
    expect(again.map((e) => JSON.stringify(e))).toEqual(ev.map((e) => JSON.stringify(e)));
  });
});
