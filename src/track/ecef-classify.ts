/**
 * Kinematic classification of a picture track: class likelihoods from the ECEF state alone
 * (speed, height, flight-path angle), combined over updates by a fading-memory Bayes recursion.
 *
 * Each class c has a notional envelope — speed band [v_lo, v_hi], height band [h_lo, h_hi] and a
 * largest |flight-path angle| γ_max — and its likelihood is a "soft box" density, uniform inside
 * the envelope and falling off logistically at its edges:
 *
 *   L_c(v, h, γ) = box(ln v; ln v_lo, ln v_hi, w_v)/ln(v_hi/v_lo) · box(h; h_lo, h_hi, w_h)/(h_hi − h_lo)
 *                  · box(|γ|; −γ_max, γ_max, w_γ)/(2 γ_max),     box(x; a, b, w) = σ((x−a)/w) σ((b−x)/w)
 *
 * (σ the logistic function). A narrow envelope that fits wins over a broad one that also fits —
 * the Bayesian Occam factor — and 'unknown' is the broadest envelope of all, so it wins only when
 * nothing else fits. Envelopes (notional, from public figures in ../shared/catalog.json and
 * textbook flight regimes):
 *
 *   ballistic  0.8–8 km/s,  0–1,500 km,  any γ       (boost/midcourse/re-entry: free fall, steep)
 *   glide      1.5–7 km/s, 20–80 km,    |γ| ≤ 15°    (hypersonic glide: flat, in the atmosphere)
 *   cruise     150–1,000 m/s, 0–15 km,  |γ| ≤ 30°
 *   drone      15–80 m/s,   0–5 km,     |γ| ≤ 30°    (one-way attack UAVs)
 *   aircraft   60–350 m/s,  0–18 km,    |γ| ≤ 30°
 *   unknown    1–10 km/s (log), −1–2,000 km, any γ, prior weight 0.05
 *
 * Recursion: ln p_k(c) = λ ln p_{k−1}(c) + ln L_c(x_k) − log-normaliser, λ = 0.8 (forgets a
 * misleading early velocity estimate within ~5 updates). Height is the ellipsoidal height
 * approximated from the geocentric radius (|r| − a(1 − f (z/|r|)²), within ~20 m of WGS-84 at
 * any latitude, ample for envelopes kilometres wide). The acceleration residual and the ballistic
 * coefficient are not used yet.
 */
import { WGS84_A, WGS84_F } from '../geo/constants.js';
import type { TargetClass } from './picture.js';

/** Class order of the probability vectors. */
export const TARGET_CLASSES: readonly TargetClass[] = ['ballistic', 'glide', 'cruise', 'drone', 'aircraft', 'unknown'];

const DEG = Math.PI / 180;
interface Envelope { vLo: number; vHi: number; hLo: number; hHi: number; gMax: number; prior: number }
const ENVELOPES: readonly Envelope[] = [
  { vLo: 800, vHi: 8000, hLo: -1000, hHi: 1.5e6, gMax: 90 * DEG, prior: 1 },
  { vLo: 1500, vHi: 7000, hLo: 20e3, hHi: 80e3, gMax: 15 * DEG, prior: 1 },
  { vLo: 150, vHi: 1000, hLo: -1000, hHi: 15e3, gMax: 30 * DEG, prior: 1 },
  { vLo: 15, vHi: 80, hLo: -1000, hHi: 5e3, gMax: 30 * DEG, prior: 1 },
  { vLo: 60, vHi: 350, hLo: -1000, hHi: 18e3, gMax: 30 * DEG, prior: 1 },
  { vLo: 1, vHi: 10000, hLo: -1000, hHi: 2e6, gMax: 90 * DEG, prior: 0.05 },
];
const LOG_PRIOR = ENVELOPES.map((e) => Math.log(e.prior));

/** Fading-memory factor λ of the recursion. */
export const CLASS_MEMORY = 0.8;

function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

function logBox(x: number, a: number, b: number, w: number): number {
  return logSigmoid((x - a) / w) + logSigmoid((b - x) / w) - Math.log(b - a);
}

/** Approximate ellipsoidal height (m) of an ECEF point (see the header). */
export function approximateHeight(x: ArrayLike<number>, o = 0): number {
  const r = Math.sqrt(x[o] * x[o] + x[o + 1] * x[o + 1] + x[o + 2] * x[o + 2]);
  const s = x[o + 2] / r;
  return r - WGS84_A * (1 - WGS84_F * s * s);
}

/**
 * Writes ln L_c for each class of `TARGET_CLASSES` (including the class prior) for the ECEF
 * state x = [x y z vx vy vz] into out[0..5].
 */
export function classLogLikelihoodsInto(x: ArrayLike<number>, out: Float64Array): Float64Array {
  const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  const v = Math.max(Math.sqrt(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]), 1e-3);
  const vu = (x[0] * x[3] + x[1] * x[4] + x[2] * x[5]) / r; // geocentric vertical rate
  const gamma = Math.abs(Math.asin(Math.max(-1, Math.min(1, vu / v))));
  const h = approximateHeight(x);
  const lv = Math.log(v);
  for (let c = 0; c < ENVELOPES.length; c++) {
    const e = ENVELOPES[c];
    const lvLo = Math.log(e.vLo), lvHi = Math.log(e.vHi);
    out[c] = LOG_PRIOR[c]
      + logBox(lv, lvLo, lvHi, 0.05)
      + logBox(h, e.hLo, e.hHi, Math.max(300, 0.03 * (e.hHi - e.hLo)))
      + logBox(gamma, -e.gMax, e.gMax, 2 * DEG);
  }
  return out;
}

/**
 * One step of the recursion on log-probabilities `logP` (length 6, normalised in place) with the
 * state x; `scratch` needs 6 entries. Returns the index of the most probable class.
 */
export function updateClassLogProbabilities(logP: Float64Array, x: ArrayLike<number>, scratch: Float64Array): number {
  classLogLikelihoodsInto(x, scratch);
  let mx = -Infinity;
  for (let c = 0; c < 6; c++) {
    logP[c] = CLASS_MEMORY * logP[c] + scratch[c];
    if (logP[c] > mx) mx = logP[c];
  }
  let sum = 0;
  for (let c = 0; c < 6; c++) sum += Math.exp(logP[c] - mx);
  const lse = mx + Math.log(sum);
  let best = 0;
  for (let c = 0; c < 6; c++) {
    logP[c] -= lse;
    if (logP[c] > logP[best]) best = c;
  }
  return best;
}
