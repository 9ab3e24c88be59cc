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
 * approximated from the geocentric radius (models/ballistic.ts `ellipsoidHeightFast`, < 1 m from
 * WGS-84 below 100 km), ample for envelopes kilometres wide.
 *
 * Ballistic coefficient β = m/(C_D·A) (kg/m²), when the track's re-entry filter has estimated it
 * (relative σ_β/β ≤ 0.2, i.e. drag has been observed), multiplies the likelihoods by a soft box in
 * ln β of logistic width w = √(0.15² + (σ_β/β)²) (the estimate's own spread widens the edges):
 *
 *   ballistic, glide   β ∈ [2,500, 40,000]   heavy re-entry vehicles and glide bodies: modern RVs
 *                                           are quoted at 1–3 × 10⁴ kg/m² (Regan & Anandakrishnan,
 *                                           "Dynamics of Atmospheric Re-Entry", 1993, ch. 1;
 *                                           flight/'s notional threats fly 5,000–15,000)
 *   unknown            β ∈ [10, 100,000]     anything: light decoys, balloons, debris and tank
 *                                           fragments (β ≲ 1,000: Zarchan, "Tactical and
 *                                           Strategic Missile Guidance", ch. 8 uses 500–1,000 for
 *                                           light objects) as well as heavy ones
 *   cruise             β ∈ [2,500, 100,000]  a cruise missile is a dense body (Tomahawk-class:
 *                                           1,300 kg, 0.52 m, C_D ≈ 0.3 → β ≈ 2 × 10⁴); it never
 *                                           enters the re-entry filter, but a slowed light object
 *                                           that is still in it must not pass for one
 *   drone, aircraft                          not applicable: the 'unknown' density, i.e. no
 *                                           evidence for or against
 *
 * A β = 10,000 RV thus gains ln(9.2/2.77) ≈ +1.2 per update for 'ballistic' over 'unknown'; a
 * β = 500 decoy loses ≈ 8 per update, so a light object falling like a missile ends 'unknown'
 * (the picture has no 'decoy' class; 'unknown' is what the battle manager treats as
 * unidentified). The acceleration residual is not used yet.
 */
import { ellipsoidHeightFast } from './models/ballistic.js';
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
/**
 * Per-envelope constants of the soft boxes, computed once with the same expressions `logBox`
 * evaluated per call (so the class likelihoods are bit-identical): ln v_lo, ln v_hi, the height
 * edge width, and ln(b − a) of each box. Hoisted because the picture tracker classifies every
 * track on every update.
 */
interface EnvelopeConstants { lvLo: number; lvHi: number; lnSpanV: number; hW: number; lnSpanH: number; lnSpanG: number }
const ENVELOPE_CONSTANTS: readonly EnvelopeConstants[] = ENVELOPES.map((e) => {
  const lvLo = Math.log(e.vLo), lvHi = Math.log(e.vHi);
  return {
    lvLo, lvHi, lnSpanV: Math.log(lvHi - lvLo),
    hW: Math.max(300, 0.03 * (e.hHi - e.hLo)), lnSpanH: Math.log(e.hHi - e.hLo), lnSpanG: Math.log(e.gMax - -e.gMax),
  };
});

/** Fading-memory factor λ of the recursion. */
export const CLASS_MEMORY = 0.8;

/** 2⁻⁵⁴: below it ln(1 + y) rounds to y (the y²/2 term is under half an ulp of y). */
const LOG1P_IDENTITY = 2 ** -54;

/**
 * ln σ(x) = −ln(1 + e^−x) (x ≥ 0), x − ln(1 + eˣ) (x < 0). Far from the edge (e^−|x| < 2⁻⁵⁴,
 * |x| > 37.4) log1p returns its argument exactly (fdlibm's log1p, V8's, returns y for |y| < 2⁻⁵⁴;
 * so would any correctly rounded one), so the call is skipped: the same value, and most of the
 * classifier's soft-box edges are that far from a track.
 */
function logSigmoid(x: number): number {
  if (x >= 0) {
    const e = Math.exp(-x);
    return -(e < LOG1P_IDENTITY ? e : Math.log1p(e));
  }
  const e = Math.exp(x);
  return x - (e < LOG1P_IDENTITY ? e : Math.log1p(e));
}

function logBox(x: number, a: number, b: number, w: number): number {
  return logSigmoid((x - a) / w) + logSigmoid((b - x) / w) - Math.log(b - a);
}

/** `logBox` with ln(b − a) given. */
function logBoxSpan(x: number, a: number, b: number, w: number, lnSpan: number): number {
  return logSigmoid((x - a) / w) + logSigmoid((b - x) / w) - lnSpan;
}

/** Approximate ellipsoidal height (m) of an ECEF point (see the header). */
export function approximateHeight(x: ArrayLike<number>, o = 0): number {
  return ellipsoidHeightFast(x[o], x[o + 1], x[o + 2]);
}

/** Soft boxes in ln β (kg/m²) per class of `TARGET_CLASSES` (see the header); null: not applicable. */
const BETA_BOXES: readonly ([number, number] | null)[] = [
  [2500, 40_000], [2500, 40_000], [2500, 100_000], null, null, [10, 100_000],
];
const BETA_UNKNOWN = 5;

/** A ballistic coefficient estimate (kg/m²), as `PictureTrack.ballisticCoefficient`. */
export interface BallisticCoefficientEstimate { value: number; sigma: number }

/**
 * Adds ln L_c(β) for each class (see the header) to out[0..5]. Allocation-free.
 */
export function addBallisticCoefficientLogLikelihoods(beta: BallisticCoefficientEstimate, out: Float64Array): Float64Array {
  const lb = Math.log(beta.value);
  const rel = beta.sigma / beta.value;
  const w = Math.sqrt(0.15 * 0.15 + rel * rel);
  for (let c = 0; c < 6; c++) {
    const box = BETA_BOXES[c] ?? BETA_BOXES[BETA_UNKNOWN];
    if (box === null) continue;
    out[c] += logBox(lb, Math.log(box[0]), Math.log(box[1]), w);
  }
  return out;
}

/**
 * The state's uncertainty widens the soft boxes' edges: the box convolved with the estimate's
 * spread is approximated by a logistic edge whose variance adds the estimate's — a logistic of
 * scale w has standard deviation wπ/√3, so w_eff = √(w² + 3σ²/π²). σ_ln v = √(v̂ᵀ P_vv v̂)/v (speed),
 * σ_γ = √(r̂ᵀ P_vv r̂)/v (flight-path angle, first order). A young track whose velocity is uncertain
 * to ±170 m/s is thus not "certainly an aircraft" at 83 m/s: its speed evidence is weak until the
 * velocity converges.
 */
const PI2_3 = 3 / (Math.PI * Math.PI);

/**
 * Writes ln L_c for each class of `TARGET_CLASSES` (including the class prior) for the ECEF
 * state x = [x y z vx vy vz] into out[0..5]. With the state covariance P (row-major, row stride
 * `stride`: 6 for a 6×6, 7 for the picture tracker's 7×7) the edges widen by the velocity
 * uncertainty (see above).
 */
export function classLogLikelihoodsInto(x: ArrayLike<number>, out: Float64Array, P?: ArrayLike<number>, stride = 6): Float64Array {
  const r = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  const v = Math.max(Math.sqrt(x[3] * x[3] + x[4] * x[4] + x[5] * x[5]), 1e-3);
  const vu = (x[0] * x[3] + x[1] * x[4] + x[2] * x[5]) / r; // geocentric vertical rate
  const gamma = Math.abs(Math.asin(Math.max(-1, Math.min(1, vu / v))));
  const h = approximateHeight(x);
  const lv = Math.log(v);
  let wv = 0.05, wg = 2 * DEG;
  if (P !== undefined) {
    // Quadratic forms of the velocity block with the unit velocity and the unit radial vector.
    const u0 = x[3] / v, u1 = x[4] / v, u2 = x[5] / v;
    const r0 = x[0] / r, r1 = x[1] / r, r2 = x[2] / r;
    const o = 3 * stride + 3;
    let su = 0, sr = 0;
    for (let a = 0; a < 3; a++) {
      const ua = a === 0 ? u0 : a === 1 ? u1 : u2;
      const ra = a === 0 ? r0 : a === 1 ? r1 : r2;
      for (let b = 0; b < 3; b++) {
        const pab = P[o + a * stride + b];
        su += ua * pab * (b === 0 ? u0 : b === 1 ? u1 : u2);
        sr += ra * pab * (b === 0 ? r0 : b === 1 ? r1 : r2);
      }
    }
    const sLnV = Math.min(Math.sqrt(Math.max(su, 0)) / v, 5);
    const sG = Math.min(Math.sqrt(Math.max(sr, 0)) / v, Math.PI);
    wv = Math.sqrt(wv * wv + PI2_3 * sLnV * sLnV);
    wg = Math.sqrt(wg * wg + PI2_3 * sG * sG);
  }
  for (let c = 0; c < ENVELOPES.length; c++) {
    const e = ENVELOPES[c], k = ENVELOPE_CONSTANTS[c];
    out[c] = LOG_PRIOR[c]
      + logBoxSpan(lv, k.lvLo, k.lvHi, wv, k.lnSpanV)
      + logBoxSpan(h, e.hLo, e.hHi, k.hW, k.lnSpanH)
      + logBoxSpan(gamma, -e.gMax, e.gMax, wg, k.lnSpanG);
  }
  return out;
}

/**
 * One step of the recursion on log-probabilities `logP` (length 6, normalised in place) with the
 * state x and, if given, the track's ballistic coefficient estimate and state covariance (edges
 * widened by the velocity uncertainty); `scratch` needs 6 entries.
 * Returns the index of the most probable class.
 */
export function updateClassLogProbabilities(
  logP: Float64Array, x: ArrayLike<number>, scratch: Float64Array, beta?: BallisticCoefficientEstimate,
  P?: ArrayLike<number>, stride = 6,
): number {
  classLogLikelihoodsInto(x, scratch, P, stride);
  if (beta !== undefined && beta.value > 0 && Number.isFinite(beta.value)) addBallisticCoefficientLogLikelihoods(beta, scratch);
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
