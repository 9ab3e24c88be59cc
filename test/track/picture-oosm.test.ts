// Out-of-sequence measurements in the force picture tracker: a second radar's reports reach the
// tracker 3 s late, after a newer scan of the first radar was processed (the out-of-sequence path:
// retrodiction of the tracks to the old scan, process noise with |Δt|). References:
// - the in-sequence tracker on the same detections (the optimum the OOSM path approximates; Bar-
//   Shalom, "Update with out-of-sequence measurements in tracking: exact solution", IEEE TAES 38(3),
//   2002) — its error must be close;
// - the tracker that drops the late radar (what the OOSM path must beat);
// - consistency: NEES not above the χ² 97.5 % bound (the approximation may be conservative, not
//   optimistic).
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, stream } from '../../src/math/index.js';
import type { Detection } from '../../src/sense/types.js';
import { ForcePictureTracker } from '../../src/track/picture-tracker.js';
import { radar, measure, ecefState, ncvStep, nees } from './picture-fixtures.js';

type Mode = 'in-sequence' | 'late' | 'dropped';

describe('ForcePictureTracker: out-of-sequence scans within the bounded lag', () => {
  it('a radar reporting 3 s late still improves the picture, close to in-sequence processing, and stays consistent', () => {
    const RUNS = 60, STEPS = 40, q = 1;
    const a = radar('a', 50, 30, 30, 2e-3, 2e-3);
    const b = radar('b', 50.3, 30.4, 30, 2e-3, 2e-3);
    const stats = { 'in-sequence': { se: 0, n: 0, nees: 0 }, late: { se: 0, n: 0, nees: 0 }, dropped: { se: 0, n: 0, nees: 0 } };
    for (let run = 0; run < RUNS; run++) {
      // One truth and one set of detections per run, shared by the three trackers.
      const rng = stream(500 + run, 'picture/oosm');
      const truth = ecefState(a.frame, [30_000, 50_000, 6_000], [-120, 90, 0]);
      const states: Float64Array[] = [];
      const detA: Detection[] = [], detB: Detection[] = [];
      // a scans at even seconds, b at odd seconds.
      for (let s = 0; s <= 2 * STEPS; s++) {
        if (s > 0) ncvStep(truth, 1, q, rng);
        states.push(Float64Array.from(truth));
        if (s % 2 === 0) detA.push(measure(a, s, truth, rng));
        else detB.push(measure(b, s, truth, rng));
      }
      for (const mode of ['in-sequence', 'late', 'dropped'] as Mode[]) {
        const tr = new ForcePictureTracker({ force: 'blue', processNoise: { air: q, fast: q, exo: q }, imm: false });
        for (let k = 0; k <= STEPS; k++) {
          const t = 2 * k;
          const batch: Detection[] = [detA[k]];
          // b's scan at t−1 arrives at t (in sequence) or at t+2 (3 s late: after a's scan at t).
          if (mode === 'in-sequence' && k >= 1) batch.push(detB[k - 1]);
          if (mode === 'late' && k >= 2) batch.push(detB[k - 2]);
          const pic = tr.step(t, batch);
          if (k >= 10 && pic.length === 1) {
            const st = stats[mode];
            const x = states[t];
            st.se += (pic[0].state[0] - x[0]) ** 2 + (pic[0].state[1] - x[1]) ** 2 + (pic[0].state[2] - x[2]) ** 2;
            st.nees += nees(pic[0], x);
            st.n++;
          }
        }
      }
    }
    const rms = (m: Mode) => Math.sqrt(stats[m].se / stats[m].n);
    const meanNees = (m: Mode) => stats[m].nees / stats[m].n;
    for (const m of ['in-sequence', 'late', 'dropped'] as Mode[]) expect(stats[m].n).toBeGreaterThan(0.95 * RUNS * (STEPS - 9));
    if (process.env.PICTURE_VERBOSE) {
      for (const m of ['in-sequence', 'late', 'dropped'] as Mode[]) console.log(`${m}: RMS ${rms(m).toFixed(1)} m, mean NEES ${meanNees(m).toFixed(2)}`);
    }
    expect(rms('late')).toBeLessThan(rms('dropped'));
    expect(rms('late')).toBeLessThan(1.25 * rms('in-sequence'));
    const n = stats.late.n;
    expect(meanNees('late')).toBeLessThan(chiSquareQuantile(0.975, 6 * n) / n);
  });
});
