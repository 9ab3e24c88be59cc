// Track continuity in fire control (sim/handover.ts): the continuity gate against hand-worked
// Mahalanobis distances, and the whole chain with a tracker whose track ids all change mid-run —
// with continuity the run must be the same as without the id change (every interceptor, shot,
// kill assessment and shot count carried over), which it could not be if any part of the
// engagement still followed the dropped ids.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/index.js';
import { buildWorld } from '../../src/sim/build.js';
import { ForcePictureTracker } from '../../src/track/picture-tracker.js';
import { findSuccessor, HANDOVER_MANOEUVRE } from '../../src/sim/handover.js';
import type { SimEvent } from '../../src/sim/events.js';
import type { PictureTrack } from '../../src/track/picture.js';
import type { TrackStage } from '../../src/sim/stages.js';

function track(id: string, t: number, p: number[], v: number[], sigmaP: number, sigmaV = 0): PictureTrack {
  const cov = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    cov[i * 6 + i] = sigmaP * sigmaP;
    cov[(i + 3) * 6 + i + 3] = sigmaV * sigmaV;
  }
  return {
    id, t, state: Float64Array.from([...p, ...v]), covariance: cov, classProbabilities: { glide: 1 },
    classification: 'glide', quality: 0.9, status: 'confirmed', sensors: ['r'],
  };
}

describe('continuity gate (hand-worked)', () => {
  const lost = track('A', 100, [6.4e6, 0, 0], [0, 2000, 0], 100, 10);

  it('predicts at constant velocity and widens by Δ²P_vv: d² = |Δp|²/(σ_A² + Δ²σ_v² + σ_B²)', () => {
    // At t = 104 the lost track predicts (6.4e6, 8000, 0); B sits 600 m off along x.
    const b = track('B', 104, [6.4e6 + 600, 8000, 0], [0, 2000, 0], 200);
    const s = findSuccessor(lost, 104, 104, [b], 0)!;
    // Variance per axis: 100² + 4²·10² + 200² = 51,600 m².
    expect(s.id).toBe('B');
    expect(s.d2).toBeCloseTo(600 ** 2 / 51_600, 10);
  });

  it('adds the manoeuvre allowance (½·a·τ²)² from the last update, and gates at χ²₃(0.999) = 16.27', () => {
    const b = track('B', 104, [6.4e6 + 2000, 8000, 0], [0, 2000, 0], 200);
    // Without the allowance 2000²/51,600 = 77.5: outside the gate.
    expect(findSuccessor(lost, 104, 104, [b], 0)).toBeNull();
    // Last update at t = 98: τ = 6 s, ½·50·36 = 900 m → variance 51,600 + 810,000.
    const s = findSuccessor(lost, 98, 104, [b], HANDOVER_MANOEUVRE)!;
    expect(s.d2).toBeCloseTo(2000 ** 2 / (51_600 + 900 ** 2), 10);
    // Gate edge: offset r with r²/51,600 just above / below 16.266.
    const edge = Math.sqrt(16.2662 * 51_600);
    expect(findSuccessor(lost, 104, 104, [track('C', 104, [6.4e6 + edge * 1.001, 8000, 0], [0, 2000, 0], 200)], 0)).toBeNull();
    expect(findSuccessor(lost, 104, 104, [track('C', 104, [6.4e6 + edge * 0.999, 8000, 0], [0, 2000, 0], 200)], 0)).not.toBeNull();
  });

  it('takes the smallest d² and never the lost track itself', () => {
    const near = track('N', 104, [6.4e6 + 100, 8000, 0], [0, 2000, 0], 200);
    const far = track('F', 104, [6.4e6 - 400, 8000, 0], [0, 2000, 0], 200);
    const self = track('A', 104, [6.4e6, 8000, 0], [0, 2000, 0], 200);
    expect(findSuccessor(lost, 104, 104, [far, self, near], 0)!.id).toBe('N');
    expect(findSuccessor(lost, 104, 104, [self], 0)).toBeNull();
  });
});

/** The default picture tracker, whose track ids all change prefix (north-T → north-U) from `at` on. */
function renamingTracker(force: string, at: number): TrackStage {
  const inner = new ForcePictureTracker({ force });
  return {
    step(t, detections) {
      const pic = inner.step(t, detections);
      if (t < at) return pic;
      return pic.map((p) => ({ ...p, id: p.id.replace(`${force}-T`, `${force}-U`) }));
    },
    setCues: (cues) => inner.setCues(cues),
  };
}

function run(rename?: number): SimEvent[] {
  const scenario = loadScenarioFile('scenarios/default.yaml');
  const events: SimEvent[] = [];
  const world = buildWorld(scenario, {
    seed: scenario.seed,
    sink: { emit: (e) => { events.push(e); }, flush() {} },
    ...(rename !== undefined ? { makeTracker: (f: string) => renamingTracker(f, rename) } : {}),
  });
  world.runToEnd();
  return events;
}

describe('continuity through a complete id change (default scenario)', () => {
  const base = run();
  const launches = base.filter((e): e is Extract<SimEvent, { type: 'interceptor-launch' }> => e.type === 'interceptor-launch');
  const intercepts = base.filter((e): e is Extract<SimEvent, { type: 'intercept' }> => e.type === 'intercept');
  // The id change falls while the first interceptor is in flight.
  const first = launches[0]!;
  const firstEnd = intercepts.find((e) => e.id === first.id)!;
  const at = Math.round(first.t + (firstEnd.t - first.t) / 2);
  const renamed = run(at);

  it('continues every engaged track on its renamed copy, at the tick of the drop', () => {
    const cont = (ev: SimEvent[]) => ev.filter((e) => e.type === 'track' && e.event === 'continued') as Extract<SimEvent, { type: 'track' }>[];
    const atChange = cont(renamed).filter((c) => c.t === at);
    expect(atChange.length).toBeGreaterThan(0);
    for (const c of atChange) expect(c.successor).toBe(c.track.replace('-T', '-U'));
    // Any other continuation (a real track break) is the base run's, ids renamed after the change.
    const u = (id: string | undefined, t: number) => (t >= at ? id?.replace('-T', '-U') : id);
    expect(cont(renamed).filter((c) => c.t !== at).map((c) => `${c.t} ${c.track} ${c.successor}`))
      .toEqual(cont(base).map((c) => `${c.t} ${u(c.track, c.t)} ${u(c.successor, c.t)}`));
  });

  it('plays exactly as without the id change: same shots, endgames, misses and kills', () => {
    const key = (e: SimEvent): string | null => {
      if (e.type === 'interceptor-launch') return `L ${e.t} ${e.id} ${e.battery}`;
      if (e.type === 'intercept') return `I ${e.t} ${e.id} ${e.target} ${e.result} ${e.missDistance}`;
      if (e.type === 'impact') return `X ${e.t} ${e.id} ${e.missDistance}`;
      if (e.type === 'engagement') return `E ${e.t} ${e.battery} ${e.shots} ${e.interceptTime}`;
      if (e.type === 'kill-assessment') return `K ${e.t} ${e.assessed}`;
      if (e.type === 'shot-cancelled') return `C ${e.t} ${e.battery} ${e.reason}`;
      return null;
    };
    const a = base.map(key).filter((x) => x !== null);
    const b = renamed.map(key).filter((x) => x !== null);
    expect(a.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    // After the change, endgames name the continuing tracks.
    for (const e of renamed) if (e.type === 'intercept' && e.t > at) expect(e.track).toMatch(/-U\d+$/);
  });
});
