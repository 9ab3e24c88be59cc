// `rampart run --no-cueing` / `runScenario({ cueing: false })`: the uncued baseline. On the ICBM
// early-warning scenario (first 1,000 s), with cueing the first radar detection of at least one
// threat comes from a cued dwell and none is later than without; without cueing no detection is cued.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runner.js';

describe('space-IR cueing switch', () => {
  it('cued first radar detections only with cueing on, never later than without', () => {
    const run = (cueing: boolean) => {
      const sc = loadScenarioFile('scenarios/icbm-early-warning.yaml');
      sc.duration = 1000;
      return runScenario(sc, { undefended: true, cueing }).summary.earlyWarning ?? [];
    };
    const on = run(true), off = run(false);
    expect(off.length).toBeGreaterThan(0);
    expect(off.every((w) => w.firstRadarCued !== true)).toBe(true);
    expect(on.some((w) => w.firstRadarCued === true)).toBe(true);
    for (const w of on) {
      const o = off.find((x) => x.threat === w.threat)!;
      if (o.firstRadarDetection !== null) expect(w.firstRadarDetection).not.toBeNull();
      if (o.firstRadarDetection !== null && w.firstRadarDetection !== null) expect(w.firstRadarDetection).toBeLessThanOrEqual(o.firstRadarDetection);
    }
  }, 120_000);
});
