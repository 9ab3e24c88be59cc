// Cued one-point initiation in the force picture tracker (ForcePictureTracker.setCues): a radar
// detection inside a cue's χ² gate starts a tentative track with the detection's position and the
// cue's velocity, so the track confirms on the radar's second look instead of its third (two-point
// initiation needs two looks before its first velocity-testing hit). Same seeded detections with
// and without the cue; false alarms uniform in the radar's volume.
import { describe, expect, it } from 'vitest';
import { aerInto, geodeticToEcefInto, localFrame, type LocalFrame } from '../../src/geo/index.js';
import { stream, type Rng } from '../../src/math/index.js';
import type { Detection } from '../../src/sense/types.js';
import { ForcePictureTracker } from '../../src/track/picture-tracker.js';
import type { PictureTrack, TrackCue } from '../../src/track/picture.js';

const DEG = Math.PI / 180;
const SIGMA = [20, 2e-3, 2e-3];
const frame: LocalFrame = localFrame({ lat: 45 * DEG, lon: 10 * DEG, h: 0 });
const T = 5; // radar revisit, s

/** Target: 250 m/s eastward at 9 km height, 80 km north of the radar (nearly constant velocity in ECEF over a minute). */
function target(t: number): Float64Array {
  const p0 = geodeticToEcefInto(new Float64Array(3), 45.72 * DEG, 10 * DEG, 9000);
  const east = [-Math.sin(10 * DEG), Math.cos(10 * DEG), 0];
  const x = new Float64Array(6);
  for (let i = 0; i < 3; i++) { x[i] = p0[i] + 250 * t * east[i]; x[3 + i] = 250 * east[i]; }
  return x;
}

function det(t: number, z: [number, number, number]): Detection {
  const o = frame.origin;
  return {
    t, sensorId: 'radar', kind: 'rae', z: Float64Array.from(z),
    R: Float64Array.from([SIGMA[0] ** 2, 0, 0, 0, SIGMA[1] ** 2, 0, 0, 0, SIGMA[2] ** 2]), sensorPosition: [o[0], o[1], o[2]],
  };
}

/** One scan: the target's detection (unless `withTarget` is false) and 30 false alarms. */
function scan(t: number, rng: Rng, withTarget = true): Detection[] {
  const out: Detection[] = [];
  if (withTarget) {
    const aer = aerInto(new Float64Array(3), frame, target(t));
    out.push(det(t, [aer[2] + rng.normal(0, SIGMA[0]), aer[0] + rng.normal(0, SIGMA[1]), aer[1] + rng.normal(0, SIGMA[2])]));
  }
  for (let k = 0; k < 30; k++) out.push(det(t, [rng.uniformRange(10_000, 200_000), rng.uniformRange(0, 2 * Math.PI), rng.uniformRange(0, 0.5)]));
  return out;
}

function cueAt(t: number, posErr: number, velErr: number, validFor = 0): TrackCue {
  const x = target(t);
  // A space-IR-like cue: position off by posErr in each axis, velocity by velErr, 2σ-sized covariance.
  for (let i = 0; i < 3; i++) { x[i] += posErr; x[3 + i] += velErr; }
  const P = new Float64Array(36);
  for (let i = 0; i < 3; i++) { P[i * 7] = (2 * posErr + 500) ** 2; P[(i + 3) * 7] = (2 * velErr + 20) ** 2; }
  return { id: `blue-IR${validFor}`, force: 'blue', t, state: x, covariance: P, classification: 'cruise' };
}

function near(p: PictureTrack, t: number): boolean {
  const x = target(t);
  return Math.hypot(p.state[0] - x[0], p.state[1] - x[1], p.state[2] - x[2]) < 500;
}

/** Scans (1-based) until the target's track is confirmed, with or without cues. */
function scansToConfirm(cues: TrackCue[] | null, seed: number): { scans: number; cued: number } {
  const rng = stream(seed, 'picture-cue');
  const tracker = new ForcePictureTracker({ force: 'blue' });
  if (cues) tracker.setCues(cues);
  for (let k = 0; k < 12; k++) {
    const t = k * T;
    const pic = tracker.step(t, scan(t, rng));
    if (pic.some((p) => p.status !== 'tentative' && near(p, t))) return { scans: k + 1, cued: tracker.stats.cued };
  }
  return { scans: Infinity, cued: tracker.stats.cued };
}

describe('ForcePictureTracker: cued one-point initiation', () => {
  it('a cue confirms the target on the second scan; uncued two-point initiation needs the third (same detections, 20 seeds)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const uncued = scansToConfirm(null, seed);
      const cued = scansToConfirm([cueAt(-2, 1000, 30)], seed);
      expect(uncued.scans).toBeGreaterThanOrEqual(3);
      expect(uncued.scans).toBeLessThan(Infinity);
      expect(cued.scans).toBe(2);
      expect(cued.cued).toBeGreaterThanOrEqual(1);
    }
  });

  it('the cued track starts at the detection with the cue\'s velocity', () => {
    const rng = stream(7, 'picture-cue');
    const tracker = new ForcePictureTracker({ force: 'blue', includeTentative: true });
    const cue = cueAt(0, 1000, 30);
    tracker.setCues([cue]);
    const dets = scan(0, rng);
    const pic = tracker.step(0, dets);
    const cuedTracks = pic.filter((p) => near(p, 0));
    expect(cuedTracks.length).toBe(1);
    const p = cuedTracks[0];
    expect(p.status).toBe('tentative');
    // NCV prediction over 0 s: the cue's velocity exactly; the position within the radar's error
    for (let i = 0; i < 3; i++) expect(p.state[3 + i]).toBe(cue.state[3 + i]);
    expect(Math.hypot(p.covariance[21], p.covariance[28], p.covariance[35])).toBeCloseTo(Math.sqrt(3) * (2 * 30 + 20) ** 2, 6);
    expect(tracker.stats.cued).toBe(1);
  });

  it('a cue never creates a track without a detection in its gate, and a stale cue is ignored', () => {
    // No target: only false alarms. One may fall in the cue's gate (it grows with the cue's age)
    // and start a tentative track — that is a detection — but none is ever confirmed near the
    // cue's path, and a cued start never happens without a free detection in the gate.
    let falseStarts = 0;
    for (let seed = 0; seed < 10; seed++) {
      const rng = stream(100 + seed, 'picture-cue');
      const tracker = new ForcePictureTracker({ force: 'blue', includeTentative: true });
      tracker.setCues([cueAt(0, 1000, 30)]);
      for (let k = 0; k < 6; k++) {
        const before = tracker.stats.cued;
        const dets = scan(k * T, rng, false);
        const pic = tracker.step(k * T, dets);
        expect(pic.some((p) => p.status !== 'tentative' && near(p, k * T))).toBe(false);
        if (tracker.stats.cued > before) {
          // the new cued track sits on one of this scan's detections
          const fresh = pic.filter((p) => p.status === 'tentative');
          expect(fresh.length).toBeGreaterThan(0);
          falseStarts++;
        }
      }
    }
    expect(falseStarts).toBeLessThan(10);
    // Empty scans: nothing at all.
    const empty = new ForcePictureTracker({ force: 'blue', includeTentative: true });
    empty.setCues([cueAt(0, 0, 0)]);
    for (let k = 0; k < 4; k++) expect(empty.step(k * T, [])).toEqual([]);
    expect(empty.trackCount).toBe(0);
    // A cue older than its validity (30 s) starts nothing: the uncued scan count is kept.
    for (let seed = 0; seed < 5; seed++) {
      const stale = scansToConfirm([cueAt(-60, 1000, 30)], seed);
      expect(stale.cued).toBe(0);
      expect(stale.scans).toBe(scansToConfirm(null, seed).scans);
    }
  });

  it('rejects a malformed cue', () => {
    const tracker = new ForcePictureTracker({ force: 'blue' });
    const bad = { ...cueAt(0, 0, 0), state: new Float64Array(3) };
    expect(() => tracker.setCues([bad])).toThrow(/6-state/);
  });
});
