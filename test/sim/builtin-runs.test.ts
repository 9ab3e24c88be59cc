// Every built-in scenario plays: threats launch, fly and come down on their aimpoints (truth flight
// through the real models), and the recording and summary agree.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runner.js';
import type { ImpactEvent, LaunchEvent } from '../../src/sim/events.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe.each(files)('scenarios/%s', (file) => {
  it('launches every threat, impacts land on their aimpoints, recording matches summary', () => {
    const scenario = loadScenarioFile(`scenarios/${file}`);
    const { summary, events } = runScenario(scenario);
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
