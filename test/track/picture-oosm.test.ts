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
import { aerInto, enuToEcefInto, enuVectorToEcefInto, localFrame, type LocalFrame } from '../../src/geo/index.js';
import { chiSquareQuantile, mat, stream, type Rng } from '../../src/math/index.js';
import type { Detection } from '../../src/sense/types.js';
import { ForcePictureTracker } from '../../src/track/picture-tracker.js';
import type { PictureTrack } from '../../src/track/picture.js';

const DEG = Math.PI / 180;

interface Radar { id: string; frame: LocalFrame; sr: number; sa: number; se: number }

function radar(id: string, latDeg: number, lonDeg: number, sr: number, sa: number, se: number): Radar {
  return { id, frame: localFrame({ lat: latDeg * DEG, lon: lonDeg * DEG, h: 0 }), sr, sa, se };
}

function measure(r: Radar, t: number, target: ArrayLike<number>, rng: Rng, truthId: string | null = 'x'): Detection {
  const aer = aerInto(new Float64Array(3), r.frame, target);
  let az = aer[0] + rng.normal(0, r.sa);
  az = ((az % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const z = Float64Array.from([aer[2] + rng.normal(0, r.sr), az, aer[1] + rng.normal(0, r.se)]);
  const R = Float64Array.from([r.sr ** 2, 0, 0, 0, r.sa ** 2, 0, 0, 0, r.se ** 2]);
  const o = r.frame.origin;
  return { t, sensorId: r.id, kind: 'rae', z, R, sensorPosition: [o[0], o[1], o[2]], snr: 100, truthId };
}

/** ECEF state of a target given in the ENU frame of `f` (position m, velocity m/s). */
function ecefState(f: LocalFrame, enuPos: number[], enuVel: number[]): Float64Array {
  const s = new Float64Array(6);
  enuToEcefInto(s, f, enuPos, 0);
  enuVectorToEcefInto(s, f, enuVel, 3);
  return s;
}

/** Discrete NCV step with white-noise acceleration q (exact sampling of Q per axis). */
function ncvStep(s: Float64Array, dt: number, q: number, rng: Rng): void {
  const cov = [(q * dt ** 3) / 3, (q * dt ** 2) / 2, (q * dt ** 2) / 2, q * dt];
  for (let k = 0; k < 3; k++) {
    const w = q > 0 ? rng.mvnormal([0, 0], cov) : [0, 0];
    s[k] += s[3 + k] * dt + w[0];
    s[3 + k] += w[1];
  }
}

function nees(track: PictureTrack, truth: ArrayLike<number>): number {
  const e = new Float64Array(6);
  for (let k = 0; k < 6; k++) e[k] = track.state[k] - truth[k];
  const Pi = mat.spdInverse(track.covariance, 6);
  let s = 0;
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) s += e[i] * Pi[i * 6 + j] * e[j];
  return s;
}

function positionError(track: PictureTrack, truth: ArrayLike<number>): number {
  return Math.hypot(track.state[0] - truth[0], track.state[1] - truth[1], track.state[2] - truth[2]);
}


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
        const tr = new ForcePictureTracker({ force: 'blue', processNoise: { air: q, fast: q, exo: q } });
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
