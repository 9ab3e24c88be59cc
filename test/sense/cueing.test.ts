// Radar cueing (issue #5): a cued dwell of N_c pulses on a cue's volume. References: the radar
// equation (SNR ∝ R⁻⁴) with the detection model's required SNR at equal Pd, Albersheim's
// closed-form approximation (independent of the exact series), the exact expected first-detection
// range of an inbound target, hand-counted beam positions, and the built-in ICBM scenario.
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/math/index.js';
import {
  CUED_DWELL_PULSES,
  CUE_GATE,
  RadarSensor,
  albersheimSnrDb,
  detectionProbability,
  fromDb,
  radarModel,
  radarSnr,
  requiredSnrDb,
  type RadarCue,
} from '../../src/sense/index.js';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { buildWorld } from '../../src/sim/build.js';
import { MemorySink } from '../../src/sim/events.js';
import { SensingStage } from '../../src/sim/sensing.js';
import { World } from '../../src/sim/world.js';
import { DEG, radarSpec, target, targetAt } from './fixtures.js';

const SITE = { lat: 0.7, lon: 0.3, h: 10 };

/** A cue centred on an ECEF state with isotropic position σ (m) and velocity σ 100 m/s. */
function cueOn(state: ArrayLike<number>, sigma: number, t: number, force = 'blue', id = 'c1'): RadarCue {
  const covariance = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    covariance[7 * i] = sigma * sigma;
    covariance[7 * (i + 3)] = 100 * 100;
  }
  return { id, force, t, state: Float64Array.from(state), covariance };
}

/** Test radar: 1 m² at 100 km with Pd 0.9; instrumented to 1000 km so range is limited by SNR alone. */
function radar(options: Parameters<typeof radarModel>[1] = {}, spec = radarSpec(), seed = 1): RadarSensor {
  return new RadarSensor(radarModel(spec, { falseAlarms: false, clutter: false, maxRange: 1_000_000, ...options }), stream(seed, 'sensor/cue-test'), 0);
}

describe('cued dwell detection range', () => {
  const r = radar();
  const m = r.model;
  const snr1 = requiredSnrDb({ pd: 0.5, pfa: m.pfa, swerling: 0, pulses: 1 });
  const snrN = requiredSnrDb({ pd: 0.5, pfa: m.pfa, swerling: 0, pulses: CUED_DWELL_PULSES });
  // Equal Pd ⇒ equal per-look statistic: SNR(R_c)·… = SNR_req(N): R_cued/R_search = (SNR_req(1)/SNR_req(N))^(1/4).
  const ratio = Math.pow(fromDb(snr1 - snrN), 0.25);
  const r50 = Math.pow((m.snrConstant * 1) / fromDb(snr1), 0.25);
  const r50c = r50 * ratio;

  it('R_cued/R_search = (integration gain)^(1/4), and Albersheim agrees within 0.2 dB', () => {
    expect(m.cuedPulses).toBe(CUED_DWELL_PULSES);
    const alb = Math.pow(fromDb(albersheimSnrDb({ pd: 0.5, pfa: m.pfa, pulses: 1 }) - albersheimSnrDb({ pd: 0.5, pfa: m.pfa, pulses: CUED_DWELL_PULSES })), 0.25);
    expect(Math.abs(ratio / alb - 1)).toBeLessThan(fromDb(0.2 / 4) - 1);
    // 16 pulses: ≈ 9.0 dB of noncoherent integration gain at Pd 0.5, Pfa 1e-6 ⇒ ≈ 1.67× the range.
    expect(ratio).toBeGreaterThan(1.65);
    expect(ratio).toBeLessThan(1.70);
  });

  it('a target at R₅₀(cued) inside a served cue is detected half the time; outside the cue, at the search Pd', () => {
    const state = targetAt(SITE, 30 * DEG, 10 * DEG, r50c);
    const tg = [target('t', state, 1)];
    const N = 3000;
    let cued = 0, flagged = 0, search = 0;
    const rc = radar({}, radarSpec(), 2);
    const rs = radar({}, radarSpec(), 3);
    for (let k = 0; k < N; k++) {
      rc.cue([cueOn(state, 2000, k)], k);
      const d = rc.scan(k, tg);
      if (d.length > 0) cued++;
      if (d.some((x) => x.cued === true)) flagged++;
      if (rs.scan(k, tg).length > 0) search++;
    }
    expect(rc.lastScan!.cues).toBe(1);
    expect(flagged).toBe(cued);
    const sd = Math.sqrt(0.25 / N);
    expect(Math.abs(cued / N - 0.5)).toBeLessThan(4 * sd);
    // Search look at the same range: SNR is ratio⁻⁴ of the R₅₀ SNR; exact single-pulse Pd.
    const pdSearch = detectionProbability({ snrDb: 10 * Math.log10(radarSnr(m, 1, r50c)), pfa: m.pfa, swerling: 0, pulses: 1 });
    expect(pdSearch).toBeLessThan(0.05);
    expect(Math.abs(search / N - pdSearch)).toBeLessThan(4 * Math.sqrt((pdSearch * (1 - pdSearch)) / N) + 1e-3);
  });

  it('first-detection range of an inbound target: cued vs search match the exact expectation and the R⁴ ratio', () => {
    const speed = 1000;
    const start = 2.5 * r50c;
    // Exact E[R_first] = Σ_k R_k·Pd(R_k)·Π_{j<k}(1 − Pd(R_j)) over scans every second.
    const expected = (pulses: number): number => {
      let e = 0, miss = 1;
      for (let k = 0; ; k++) {
        const R = start - speed * k;
        if (R < 1000) break;
        const pd = detectionProbability({ snrDb: 10 * Math.log10(radarSnr(m, 1, R)), pfa: m.pfa, swerling: 0, pulses });
        e += R * pd * miss;
        miss *= 1 - pd;
      }
      return e;
    };
    const runs = 400;
    const mean = (cued: boolean, seed: number): { mean: number; sd: number } => {
      const rr = radar({}, radarSpec(), seed);
      const ranges: number[] = [];
      for (let run = 0; run < runs; run++) {
        for (let k = 0; ; k++) {
          const R = start - speed * k;
          const state = targetAt(SITE, 200 * DEG, 20 * DEG, R);
          if (cued) rr.cue([cueOn(state, 3000, k)], k);
          else rr.cue([], k);
          if (rr.scan(k, [target('t', state, 1)]).length > 0) {
            ranges.push(R);
            break;
          }
        }
      }
      const mu = ranges.reduce((a, b) => a + b, 0) / runs;
      const sd = Math.sqrt(ranges.reduce((a, b) => a + (b - mu) ** 2, 0) / (runs - 1));
      return { mean: mu, sd };
    };
    const c = mean(true, 21), s = mean(false, 22);
    const ec = expected(CUED_DWELL_PULSES), es = expected(1);
    expect(Math.abs(c.mean - ec)).toBeLessThan((4 * c.sd) / Math.sqrt(runs));
    expect(Math.abs(s.mean - es)).toBeLessThan((4 * s.sd) / Math.sqrt(runs));
    // The mean first-detection ranges keep the R₅₀ ratio within 5 % (the 16-pulse curve is steeper).
    expect(Math.abs(ec / es / ratio - 1)).toBeLessThan(0.05);
    if (process.env.IR_FIGURES) console.log(`first-detection range: cued ${c.mean.toFixed(0)} m, search ${s.mean.toFixed(0)} m, ratio ${(c.mean / s.mean).toFixed(3)} (exact ${(ec / es).toFixed(3)}, R50 ratio ${ratio.toFixed(3)})`);
    expect(Math.abs(c.mean / s.mean / (ec / es) - 1)).toBeLessThan(0.02);
  });
});

describe('which cues a radar serves', () => {
  const state = targetAt(SITE, 45 * DEG, 15 * DEG, 100_000);

  it('the cue budget: beam positions counted by hand; budget and track capacity limit the cues served', () => {
    const r = radar();
    const m = r.model;
    // 40 dBi ⇒ θ₃ = √(26 000/10⁴)° = 1.612°; full circle × 0–80° ⇒ 224 × 50 beam positions.
    const theta = Math.sqrt(2.6) * DEG;
    expect(m.beamwidth).toBeCloseTo(theta, 12);
    const searchBeams = Math.ceil((2 * Math.PI) / theta) * Math.ceil((80 * DEG) / theta);
    expect(searchBeams).toBe(224 * 50);
    expect(m.cueBeamBudget).toBe(Math.floor((0.25 * searchBeams) / 16));
    // σ = 1.6 km isotropic at 100 km: χ²₂(0.99) ellipse π·9.21·σ²/R² = 7.41e-3 sr over
    // θ₃² = 7.92e-4 sr ⇒ 9.4 ⇒ 10 beam positions.
    const beams = Math.ceil((Math.PI * 9.210340371976184 * 1600 ** 2) / 1e10 / (theta * theta));
    expect(beams).toBe(10);
    const cues = [cueOn(state, 1600, 0, 'blue', 'a'), cueOn(state, 1600, 0, 'blue', 'b'), cueOn(state, 1600, 0, 'blue', 'c')];
    // Budget for 25 beam positions: two 10-beam cues.
    const f = (25.5 * 16) / searchBeams;
    const rb = radar({ cueTimeFraction: f });
    expect(rb.model.cueBeamBudget).toBe(25);
    rb.cue(cues, 0);
    rb.scan(0, []);
    expect(rb.lastScan!.cues).toBe(2);
    expect(rb.servedCues(0).map((c) => [c.cue.id, c.beams])).toEqual([['a', 10], ['b', 10]]);
    // Track capacity 1: one cue.
    const rt = radar({}, radarSpec({ maxTracks: 1 }));
    rt.cue(cues, 0);
    rt.scan(0, []);
    expect(rt.lastScan!.cues).toBe(1);
    // No time for cues: none.
    const r0 = radar({ cueTimeFraction: 0 });
    r0.cue(cues, 0);
    r0.scan(0, []);
    expect(r0.lastScan!.cues).toBe(0);
  });

  it('serves its own force and allies only, and only volumes in its field of regard above the horizon', () => {
    const r = radar({ friendlyForces: ['green'] });
    r.cue([cueOn(state, 1000, 0, 'red')], 0);
    r.scan(0, []);
    expect(r.lastScan!.cues).toBe(0);
    r.cue([cueOn(state, 1000, 0, 'green')], 0);
    r.scan(0, []);
    expect(r.lastScan!.cues).toBe(1);
    // Below the horizon: 800 km away at −5° elevation (σ 1 km: no part of the 3σ volume is visible).
    r.cue([cueOn(targetAt(SITE, 45 * DEG, -5 * DEG, 800_000), 1000, 0)], 0);
    r.scan(0, []);
    expect(r.lastScan!.cues).toBe(0);
    // Outside a 90° sector around north.
    const rs = radar({}, radarSpec({ sector: { width: 90 * DEG, elevationMin: 0, elevationMax: 80 * DEG } }));
    rs.cue([cueOn(targetAt(SITE, 180 * DEG, 10 * DEG, 100_000), 1000, 0)], 0);
    rs.scan(0, []);
    expect(rs.lastScan!.cues).toBe(0);
    // A target outside the served volume (χ² > CUE_GATE) gets the search look, not the dwell.
    const far = targetAt(SITE, 45 * DEG, 15 * DEG, 100_000 + 5 * 1000);
    const rr = radar();
    let flagged = 0;
    for (let k = 0; k < 200; k++) {
      rr.cue([cueOn(state, 1000, k)], k);
      flagged += rr.scan(k, [target('t', far, 1)]).filter((d) => d.cued).length;
    }
    expect(25).toBeGreaterThan(CUE_GATE); // 5σ away
    expect(flagged).toBe(0);
  });
});

describe('icbm-early-warning: cueing from the space-IR tracks', () => {
  it('the radars detect the threats no later, and at least one earlier, with cues than without', () => {
    const full = loadScenarioFile('scenarios/icbm-early-warning.yaml');
    const scenario = { ...full, duration: 1000 };
    const first = (cueing: boolean): { stage: SensingStage; t: Map<string, number> } => {
      const base = buildWorld(scenario, { seed: scenario.seed, sink: new MemorySink(), undefended: true });
      const threatInfo = new Map(scenario.threats.map((th) => [th.id, { type: th.type }]));
      const stage = new SensingStage(scenario, scenario.seed, threatInfo, { cueing });
      new World({ ...base.setup, sense: stage }, new MemorySink()).runToEnd();
      const t = new Map<string, number>();
      for (const [id, m] of stage.milestones) if (m.firstRadarDetection) t.set(id, m.firstRadarDetection.t);
      return { stage, t };
    };
    const off = first(false);
    const on = first(true);
    expect(off.stage.cueStats.cues).toBe(0);
    expect(on.stage.cueStats.cues).toBeGreaterThan(0);
    expect(on.stage.cueStats.cuedDetections).toBeGreaterThan(0);
    expect(on.stage.cues('norcom').length).toBeGreaterThan(0);
    expect(on.stage.cues('norcom').every((c) => c.classification === 'ballistic' && c.force === 'norcom')).toBe(true);
    let earlier = 0;
    for (const id of ['icbm-1', 'icbm-2']) {
      expect(on.t.has(id) && off.t.has(id)).toBe(true);
      expect(on.t.get(id)!).toBeLessThanOrEqual(off.t.get(id)!);
      if (on.t.get(id)! < off.t.get(id)!) earlier++;
    }
    if (process.env.IR_FIGURES) console.log('first radar detection off/on', [...off.t], [...on.t], JSON.stringify(on.stage.cueStats));
    expect(earlier).toBeGreaterThan(0);
  });
});
