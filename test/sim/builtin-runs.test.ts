// Every built-in scenario plays: undefended, threats launch, fly and come down on their aimpoints
// (truth flight through the real models) and the recording and summary agree; defended, the whole
// kill chain runs over the scenario's first 15 minutes (the full defended runs are benchmarks).
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runner.js';
import type { ImpactEvent, LaunchEvent } from '../../src/sim/events.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe.each(files)('scenarios/%s', (file) => {
  it('launches every threat, impacts land on their aimpoints, recording matches summary', () => {
    const scenario = loadScenarioFile(`scenarios/${file}`);
    const { summary, events } = runScenario(scenario, { undefended: true });
    const launches = events!.filter((e): e is LaunchEvent => e.type === 'launch');
    const impacts = events!.filter((e): e is ImpactEvent => e.type === 'impact');
    const total = scenario.threats.length + scenario.raids.reduce((s, r) => s + r.count, 0);
    expect(launches).toHaveLength(total);
    expect(impacts.length).toBeGreaterThan(0);
    const counted = Object.values(summary.threats.byClass).reduce((s, c) => s + c.impacted, 0);
    expect(impacts).toHaveLength(counted);
    for (const i of impacts) {
      // Drones add a notional 15 m CEP of guidance error to the raid's aimpoint; missiles land within metres.
      expect(i.missDistance, i.id).toBeLessThan(i.class === 'drone' ? 150 : 5);
    }
    expect(events!.at(-1)).toMatchObject({ type: 'end', t: scenario.duration });
  });
});

describe.each(files)('scenarios/%s defended', (file) => {
  it('plays sense → track → decide → engage for 15 minutes; every intercept names a launched shot', () => {
    const full = loadScenarioFile(`scenarios/${file}`);
    const scenario = { ...full, duration: Math.min(full.duration, 900) };
    const a = runScenario(scenario);
    expect(a.summary.stages).toEqual(['flight', 'sense', 'track', 'decide', 'engage']);
    const d = a.summary.defense!;
    expect(d.kills + d.misses + d.targetGone).toBeLessThanOrEqual(d.shots);
    // Every intercept names a shot that was launched.
    const launched = new Set(a.events!.filter((e) => e.type === 'interceptor-launch').map((e) => (e as { id: string }).id));
    for (const e of a.events!) if (e.type === 'intercept') expect(launched.has(e.id)).toBe(true);
    // Attacker cost: the catalog's unit costs of the launched threats; types with no public cost
    // (null in ../shared/catalog.json, e.g. df-17) are listed, not priced at 0, and then no
    // cost-exchange ratio is stated.
    const launches = a.events!.filter((e): e is LaunchEvent => e.type === 'launch');
    const byType = new Map(full.threats.map((t) => [t.id, { id: t.typeId, unitCost: t.type.unitCost }]));
    let priced = 0;
    const unpriced = new Map<string, number>();
    for (const l of launches) {
      const raid = full.raids.find((r) => l.id.startsWith(`${r.id}-`));
      const type = byType.get(l.id) ?? { id: raid!.typeId, unitCost: raid!.type.unitCost };
      if (type.unitCost === null) unpriced.set(type.id, (unpriced.get(type.id) ?? 0) + 1);
      else priced += type.unitCost;
    }
    expect(a.summary.attackerCostUsd).toBeCloseTo(priced, 3);
    expect(a.summary.unpricedThreats).toEqual([...unpriced].sort((x, y) => x[0].localeCompare(y[0])).map(([type, count]) => ({ type, count })));
    if (unpriced.size > 0 || priced === 0) expect(d.costExchangeRatio).toBeNull();
    else expect(d.costExchangeRatio).toBeCloseTo(d.interceptorCostUsd / priced, 3);
  });
});
