/**
 * Hand-specialised small symmetric-matrix kernels for the innermost tracking loop.
 *
 * Why not `math/matrix.ts` here: gating evaluates νᵀS⁻¹ν for every (track, detection) pair in a
 * gate box and every update inverts an m×m innovation covariance (m = 2 or 3). Closed-form
 * inverses of 2×2 and 3×3 symmetric matrices (adjugate / determinant) avoid the loop overhead of a
 * general Cholesky; for m > 3 a Cholesky with offsets (math's kernels take whole arrays, which
 * would need a subarray view per call). Inputs are
 * innovation covariances S = H P Hᵀ + R with R positive definite, which keeps the determinant
 * well away from 0 in practice; a non-positive determinant is reported as NaN.
 */
const LN_2PI = Math.log(2 * Math.PI);

/**
 * out[oo…] = S⁻¹ for symmetric S (m×m at S[so…], both triangles written); returns ln det S, or
 * NaN if S is not positive definite. `scratch` needs m² entries for m > 3.
 */
export function invertSymmetric(S: Float64Array, so: number, m: number, out: Float64Array, oo: number, scratch: Float64Array): number {
  if (m === 2) {
    const a = S[so];
    const b = 0.5 * (S[so + 1] + S[so + 2]);
    const d = S[so + 3];
    const det = a * d - b * b;
    if (!(det > 0) || !(a > 0)) return NaN;
    const id = 1 / det;
    out[oo] = d * id;
    out[oo + 1] = out[oo + 2] = -b * id;
    out[oo + 3] = a * id;
    return Math.log(det);
  }
  if (m === 3) {
    const a = S[so];
    const b = 0.5 * (S[so + 1] + S[so + 3]);
    const c = 0.5 * (S[so + 2] + S[so + 6]);
    const d = S[so + 4];
    const e = 0.5 * (S[so + 5] + S[so + 7]);
    const f = S[so + 8];
    // cofactors of [[a,b,c],[b,d,e],[c,e,f]]
    const A = d * f - e * e;
    const B = c * e - b * f;
    const C = b * e - c * d;
    const det = a * A + b * B + c * C;
    if (!(det > 0) || !(a > 0) || !(a * d - b * b > 0)) return NaN;
    const id = 1 / det;
    out[oo] = A * id;
    out[oo + 1] = out[oo + 3] = B * id;
    out[oo + 2] = out[oo + 6] = C * id;
    out[oo + 4] = (a * f - c * c) * id;
    out[oo + 5] = out[oo + 7] = (b * c - a * e) * id;
    out[oo + 8] = (a * d - b * b) * id;
    return Math.log(det);
  }
  if (m === 1) {
    const a = S[so];
    if (!(a > 0)) return NaN;
    out[oo] = 1 / a;
    return Math.log(a);
  }
  // General m: Cholesky S = L Lᵀ into scratch (Golub & Van Loan Alg. 4.2.1), then S⁻¹ column
  // by column by forward/back substitution; written out with offsets to stay allocation-free.
  const l = scratch;
  let logDet = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0.5 * (S[so + i * m + j] + S[so + j * m + i]);
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(s > 0)) return NaN;
        l[i * m + i] = Math.sqrt(s);
        logDet += 2 * Math.log(l[i * m + i]);
      } else {
        l[i * m + j] = s / l[j * m + j];
      }
    }
  }
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < m; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= l[i * m + k] * out[oo + k * m + c];
      out[oo + i * m + c] = s / l[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = out[oo + i * m + c];
      for (let k = i + 1; k < m; k++) s -= l[k * m + i] * out[oo + k * m + c];
      out[oo + i * m + c] = s / l[i * m + i];
    }
  }
  symmetrize(out, oo, m);
  return logDet;
}

/** νᵀ S⁻¹ ν with Si = S⁻¹ (m×m at Si[so…]) and ν (m at nu[no…]). */
export function quadForm(Si: Float64Array, so: number, nu: Float64Array, no: number, m: number): number {
  if (m === 2) {
    const a = nu[no];
    const b = nu[no + 1];
    return Si[so] * a * a + 2 * Si[so + 1] * a * b + Si[so + 3] * b * b;
  }
  if (m === 3) {
    const a = nu[no];
    const b = nu[no + 1];
    const c = nu[no + 2];
    return (
      Si[so] * a * a + Si[so + 4] * b * b + Si[so + 8] * c * c +
      2 * (Si[so + 1] * a * b + Si[so + 2] * a * c + Si[so + 5] * b * c)
    );
  }
  let q = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += Si[so + i * m + j] * nu[no + j];
    q += nu[no + i] * s;
  }
  return q;
}

/** ln N(ν; 0, S) from d² = νᵀS⁻¹ν and ln det S. */
export function gaussianLogLikelihood(d2: number, logDetS: number, m: number): number {
  return -0.5 * (d2 + logDetS + m * LN_2PI);
}

/** ln(2π), for likelihood bookkeeping elsewhere. */
export const LOG_2PI = LN_2PI;

/**
 * Moment-matched Gaussian mixture of [x, P] slots (n + n² floats each):
 * x̄ = Σ w_k x_k, P̄ = Σ w_k (P_k + (x_k − x̄)(x_k − x̄)ᵀ) (Bar-Shalom et al. 2001, eq. 11.6.6-7).
 * Reads the upper triangle of each P_k (covariances are kept exactly symmetric); dst must not
 * overlap a source.
 */
export function mergeGaussianSlots(
  n: number, dst: Float64Array, doff: number, src: Float64Array, offs: Int32Array, w: Float64Array, count: number,
): void {
  const dx = MERGE_DX;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < count; k++) s += w[k] * src[offs[k] + i];
    dst[doff + i] = s;
  }
  const p = doff + n;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) dst[p + i * n + j] = 0;
  for (let k = 0; k < count; k++) {
    const o = offs[k];
    const wk = w[k];
    if (wk === 0) continue;
    for (let i = 0; i < n; i++) dx[i] = src[o + i] - dst[doff + i];
    const po = o + n;
    // upper triangle only; mirrored below
    for (let i = 0; i < n; i++) {
      const wdi = wk * dx[i];
      const ri = i * n;
      for (let j = i; j < n; j++) dst[p + ri + j] += wk * src[po + ri + j] + wdi * dx[j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) dst[p + j * n + i] = dst[p + i * n + j];
}

/** Scratch deviations for mergeGaussianSlots (state dimension ≤ 32). */
const MERGE_DX = new Float64Array(32);

/** Make the n×n block at P[po…] exactly symmetric: P ← (P + Pᵀ)/2. */
export function symmetrize(P: Float64Array, po: number, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (P[po + i * n + j] + P[po + j * n + i]);
      P[po + i * n + j] = v;
      P[po + j * n + i] = v;
    }
  }
}
