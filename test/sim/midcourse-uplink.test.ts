// A GBI shot at an ICBM in the World (scenarios/icbm-early-warning.yaml, seed 11): the uplink of a
// ballistic track is the planner's ballistic prediction and midcourse aims at its position at the
// order's intercept time (sim/engagement.ts, flight/interceptor.ts `interceptAim`). With the former
// constant-velocity uplink both GBIs missed by ~2,850 km (gravity bends a ~670 s free fall
// ½·g·t² ≈ 1,600 km off the straight line; test/flight/interceptor-aim.test.ts).
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runner.js';
import { SEEKERS } from '../../src/sim/engagement.js';
import type { SimEvent } from '../../src/sim/events.js';

const full = loadScenarioFile('scenarios/icbm-early-warning.yaml');
// The GBI salvo launches ~1,417 s and meets icbm-1 ~2,095 s; the rest of the hour adds nothing here.
const { events } = runScenario({ ...full, duration: 2200 });
const of = <T extends SimEvent['type']>(type: T) => events!.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('GBI vs ICBM (icbm-early-warning, seed 11): uplink on the ballistic prediction', () => {
  it('both GBIs of the salvo fly to the ICBM and pass within the kill vehicle seeker acquisition range', () => {
    const launches = of('interceptor-launch').filter((e) => e.interceptor === 'gmd-gbi');
    expect(launches.length).toBeGreaterThanOrEqual(2);
    const order = of('engagement').find((e) => e.interceptor === 'gmd-gbi')!;
    for (const l of launches.slice(0, 2)) {
      const end = of('intercept').find((e) => e.id === l.id)!;
      expect(end.target).toBe('icbm-1');
      expect(end.missDistance).not.toBeNull();
      // Within the hit-to-kill seeker's acquisition range (20 km); the residual (~1.2 km) is the
      // fused track's position error at intercept (~2 km from the LRDR at ~2,000 km range), which
      // the seeker, acquiring ~3.5 s before intercept at ~5.6 km/s closing, cannot divert out with 3 g.
      expect(end.missDistance!).toBeLessThan(SEEKERS['hit-to-kill']!.acquisitionRange);
      // It happens near the planner's intercept time (the envelope flyout's time of flight).
      expect(Math.abs(end.t - order.interceptTime)).toBeLessThan(15);
    }
  });
});
