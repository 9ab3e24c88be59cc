// Shared fixtures of the force-picture tracker tests: radars in a local frame, noisy RAE detections,
// NCV truth, NEES.
import { aerInto, enuToEcefInto, enuVectorToEcefInto, localFrame, type LocalFrame } from '../../src/geo/index.js';
import { mat, type Rng } from '../../src/math/index.js';
import type { Detection } from '../../src/sense/types.js';
import type { PictureTrack } from '../../src/track/picture.js';

export const DEG = Math.PI / 180;

export interface Radar { id: string; frame: LocalFrame; sr: number; sa: number; se: number }

export function radar(id: string, latDeg: number, lonDeg: number, sr: number, sa: number, se: number): Radar {
  return { id, frame: localFrame({ lat: latDeg * DEG, lon: lonDeg * DEG, h: 0 }), sr, sa, se };
}

export function measure(r: Radar, t: number, target: ArrayLike<number>, rng: Rng, truthId: string | null = 'x'): Detection {
  const aer = aerInto(new Float64Array(3), r.frame, target);
  let az = aer[0] + rng.normal(0, r.sa);
  az = ((az % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  const z = Float64Array.from([aer[2] + rng.normal(0, r.sr), az, aer[1] + rng.normal(0, r.se)]);
  const R = Float64Array.from([r.sr ** 2, 0, 0, 0, r.sa ** 2, 0, 0, 0, r.se ** 2]);
  const o = r.frame.origin;
  return { t, sensorId: r.id, kind: 'rae', z, R, sensorPosition: [o[0], o[1], o[2]], snr: 100, truthId };
}

/** ECEF state of a target given in the ENU frame of `f` (position m, velocity m/s). */
export function ecefState(f: LocalFrame, enuPos: number[], enuVel: number[]): Float64Array {
  const s = new Float64Array(6);
  enuToEcefInto(s, f, enuPos, 0);
  enuVectorToEcefInto(s, f, enuVel, 3);
  return s;
}

/** Discrete NCV step with white-noise acceleration q (exact sampling of Q per axis). */
export function ncvStep(s: Float64Array, dt: number, q: number, rng: Rng): void {
  const cov = [(q * dt ** 3) / 3, (q * dt ** 2) / 2, (q * dt ** 2) / 2, q * dt];
  for (let k = 0; k < 3; k++) {
    const w = q > 0 ? rng.mvnormal([0, 0], cov) : [0, 0];
    s[k] += s[3 + k] * dt + w[0];
    s[3 + k] += w[1];
  }
}

export function nees(track: PictureTrack, truth: ArrayLike<number>): number {
  const e = new Float64Array(6);
  for (let k = 0; k < 6; k++) e[k] = track.state[k] - truth[k];
  const Pi = mat.spdInverse(track.covariance, 6);
  let s = 0;
  for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) s += e[i] * Pi[i * 6 + j] * e[j];
  return s;
}

export function positionError(track: PictureTrack, truth: ArrayLike<number>): number {
  return Math.hypot(track.state[0] - truth[0], track.state[1] - truth[1], track.state[2] - truth[2]);
}

