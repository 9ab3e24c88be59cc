/**
 * Track continuity in fire control: when the track an engagement is guided on is dropped from the
 * force's picture (a manoeuvre the tracker could not follow, a coverage gap, an ambiguity), the
 * fire control looks for the track that continues it — the confirmed track in the picture where
 * the lost one predicts the object to be — and carries the engagement over to it: in-flight
 * interceptors take their uplink from it, shots not yet launched fire at it, kill assessment reads
 * it, and the battle manager counts the shots already spent against it. Without this, an
 * interceptor guided on a dropped track flies on the last estimate extrapolated blind, and the
 * planner treats the continuing track as a fresh, unengaged threat.
 *
 * The test is a χ² gate on position (docs/models/battle-management.md, "Track continuity"): both
 * tracks predicted to now at constant velocity, Pᵢ(now) = P_pp + Δ(P_pv + P_vp) + Δ² P_vv; the lost
 * track's covariance is widened by an unmodelled-manoeuvre allowance (½·a_m·τ²)² I, τ the time
 * since its last measurement update (the tracker dropped it because its own process noise did not
 * cover what the object did); d² = Δpᵀ (P_lost + P_cand)⁻¹ Δp ≤ χ²₃(P_G); the smallest d² wins.
 */
import { chiSquareQuantile } from '../math/stats.js';
import { choleskyInto, invQuadFormFromCholesky } from '../math/matrix.js';
import type { PictureTrack } from '../track/picture.js';

/** Unmodelled manoeuvre allowance of a lost track (m/s²; NOTIONAL ~5 g, a glide vehicle's or a fighter's sustained turn). */
export const HANDOVER_MANOEUVRE = 50;
/** Seconds after a drop during which a continuing track is still looked for. */
export const HANDOVER_WINDOW = 10;
/** Gate probability of the continuity test (3 dof). */
export const HANDOVER_GATE_PROBABILITY = 0.999;

const GATE = chiSquareQuantile(HANDOVER_GATE_PROBABILITY, 3);

/** Position (3) and its covariance (3×3, row-major) of a track predicted to `now` at constant velocity. */
function predictPosition(track: PictureTrack, now: number, p: Float64Array, P: Float64Array): void {
  const s = track.state;
  const C = track.covariance;
  const n = s.length;
  const d = now - track.t;
  for (let i = 0; i < 3; i++) {
    p[i] = s[i]! + s[i + 3]! * d;
    for (let j = 0; j < 3; j++) {
      P[3 * i + j] = C[i * n + j]! + d * (C[i * n + j + 3]! + C[(i + 3) * n + j]!) + d * d * C[(i + 3) * n + j + 3]!;
    }
  }
}

export interface Successor {
  id: string;
  /** Mahalanobis distance squared of the continuity test. */
  d2: number;
}

/**
 * Every track among `candidates` that passes the continuity gate for `lost` at `now`, smallest d²
 * first (ties by id). `lastUpdate` is the time of the lost track's last measurement update (its
 * manoeuvre allowance grows from there). The lost track itself is never a candidate.
 */
export function gatedSuccessors(
  lost: PictureTrack,
  lastUpdate: number,
  now: number,
  candidates: Iterable<PictureTrack>,
  manoeuvre: number = HANDOVER_MANOEUVRE,
): Successor[] {
  const pL = new Float64Array(3);
  const PL = new Float64Array(9);
  const pC = new Float64Array(3);
  const PC = new Float64Array(9);
  const S = new Float64Array(9);
  const L = new Float64Array(9);
  const r = new Float64Array(3);
  const y = new Float64Array(3);
  predictPosition(lost, now, pL, PL);
  const tau = Math.max(0, now - lastUpdate);
  const m = 0.5 * manoeuvre * tau * tau;
  for (let i = 0; i < 3; i++) PL[4 * i] += m * m;
  const out: Successor[] = [];
  for (const c of candidates) {
    if (c.id === lost.id) continue;
    predictPosition(c, now, pC, PC);
    for (let k = 0; k < 9; k++) S[k] = PL[k]! + PC[k]!;
    if (!choleskyInto(L, S, 3)) continue;
    for (let i = 0; i < 3; i++) r[i] = pC[i]! - pL[i]!;
    const d2 = invQuadFormFromCholesky(L, r, 3, y);
    if (d2 <= GATE) out.push({ id: c.id, d2 });
  }
  return out.sort((a, b) => a.d2 - b.d2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The gated candidate with the smallest d², or null (see `gatedSuccessors`). */
export function findSuccessor(
  lost: PictureTrack,
  lastUpdate: number,
  now: number,
  candidates: Iterable<PictureTrack>,
  manoeuvre: number = HANDOVER_MANOEUVRE,
): Successor | null {
  return gatedSuccessors(lost, lastUpdate, now, candidates, manoeuvre)[0] ?? null;
}
