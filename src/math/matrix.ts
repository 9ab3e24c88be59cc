/**
 * Small dense matrices (state covariances 6×6 / 9×9, Jacobians 3×6, innovation covariances 3×3).
 *
 * Layout: a matrix is a plain `Float64Array` in ROW-MAJOR order plus dimensions that the caller
 * passes explicitly: an n×m matrix A has element A[i][j] at index `i*m + j`. There is no wrapper
 * object, so state vectors, covariances and scratch buffers can live in preallocated arrays and
 * be handed between stages without copying. Dimensions are the last arguments of every function,
 * in the order they appear in the product (e.g. `multiplyInto(out, a, b, n, k, m)` for
 * (n×k)·(k×m)).
 *
 * Two flavours:
 *  - `…Into(out, …)`: the hot-path kernels. They write into `out` (and any `scratch` the caller
 *    passes) and allocate nothing. Unless a function says it is alias-safe, `out` must not share
 *    memory with an input.
 *  - the same name without `Into` (`multiply`, `cholesky`, `spdSolve`, …): allocate the result,
 *    for setup code and tests. The throwing variants throw `RangeError` on bad input.
 *
 * Why hand-written rather than ml-matrix or mathjs: measured on this machine (../shared/STACK.md),
 * straight loops over a Float64Array were 5–17× faster than ml-matrix and 8–67× faster than mathjs
 * for 6×6 and 9×9 (≈7.5 M 6×6 multiplies/s), mostly because those libraries allocate a matrix
 * object (array of arrays) per operation. A Kalman filter does a dozen such operations per track
 * per update, so this is the inner loop of tracking. ml-matrix is the test oracle for these
 * kernels (test/math/matrix.test.ts).
 *
 * Cholesky: A = L·Lᵀ with L lower-triangular (Cholesky–Banachiewicz, row by row; Golub & Van Loan,
 * "Matrix Computations", 4th ed., Alg. 4.2.1). It reads only the lower triangle of A, so A need
 * only be symmetric in intent; call `symmetrizeInto` first if its halves may have drifted apart.
 */

// ----------------------------------------------------------------------------------- creation

/** An n×m zero matrix (m defaults to n). */
export function zeros(n: number, m: number = n): Float64Array {
  return new Float64Array(n * m);
}

/** The n×n identity. */
export function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** out = I (n×n). */
export function identityInto(out: Float64Array, n: number): Float64Array {
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** A row-major matrix from an array of equal-length rows. Throws `RangeError` on ragged rows. */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Float64Array {
  const n = rows.length;
  const m = n > 0 ? rows[0].length : 0;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.length !== m) throw new RangeError(`fromRows: row ${i} has ${r.length} entries, expected ${m}`);
    for (let j = 0; j < m; j++) out[i * m + j] = r[j];
  }
  return out;
}

/** The rows of an n×m matrix as plain arrays (for printing, JSON, tests). */
export function toRows(a: ArrayLike<number>, n: number, m: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r: number[] = new Array(m);
    for (let j = 0; j < m; j++) r[j] = a[i * m + j];
    rows.push(r);
  }
  return rows;
}

/** A diagonal n×n matrix with the given diagonal. */
export function diagonal(d: ArrayLike<number>): Float64Array {
  const n = d.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = d[i];
  return out;
}

// ----------------------------------------------------------------------------------- products

/** out (n×m) = A (n×k) · B (k×m). `out` must not alias `a` or `b`. */
export function multiplyInto(
  out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const ia = i * k;
    const io = i * m;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ia + p] * b[p * m + j];
      out[io + j] = s;
    }
  }
  return out;
}

/** A (n×k) · B (k×m), allocated. */
export function multiply(a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number): Float64Array {
  return multiplyInto(new Float64Array(n * m), a, b, n, k, m);
}

/** out (n×m) = A (n×k) · Bᵀ where B is m×k. `out` must not alias `a` or `b`. */
export function multiplyABtInto(
  out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const ia = i * k;
    const io = i * m;
    for (let j = 0; j < m; j++) {
      const jb = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ia + p] * b[jb + p];
      out[io + j] = s;
    }
  }
  return out;
}

/** A (n×k) · Bᵀ (B is m×k), allocated. */
export function multiplyABt(a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number): Float64Array {
  return multiplyABtInto(new Float64Array(n * m), a, b, n, k, m);
}

/** out (n×m) = Aᵀ · B where A is k×n and B is k×m. `out` must not alias `a` or `b`. */
export function multiplyAtBInto(
  out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const io = i * m;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[p * n + i] * b[p * m + j];
      out[io + j] = s;
    }
  }
  return out;
}

/** Aᵀ · B (A is k×n, B is k×m), allocated. */
export function multiplyAtB(a: ArrayLike<number>, b: ArrayLike<number>, n: number, k: number, m: number): Float64Array {
  return multiplyAtBInto(new Float64Array(n * m), a, b, n, k, m);
}

/** out (n) = A (n×m) · x (m). `out` must not alias `x`. */
export function multiplyVecInto(
  out: Float64Array, a: ArrayLike<number>, x: ArrayLike<number>, n: number, m: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const ia = i * m;
    let s = 0;
    for (let j = 0; j < m; j++) s += a[ia + j] * x[j];
    out[i] = s;
  }
  return out;
}

/**
 * out (n×n) = A (n×m) · P (m×m) · Aᵀ, e.g. the covariance prediction F·P·Fᵀ or the innovation
 * covariance H·P·Hᵀ. `scratch` holds A·P (n×m). Only the upper triangle is computed and then
 * mirrored, so `out` is exactly symmetric when P is. `out` must not alias the inputs or `scratch`.
 */
export function congruenceInto(
  out: Float64Array, a: ArrayLike<number>, p: ArrayLike<number>, n: number, m: number, scratch: Float64Array,
): Float64Array {
  multiplyInto(scratch, a, p, n, m, m);
  for (let i = 0; i < n; i++) {
    const is = i * m;
    for (let j = i; j < n; j++) {
      const ja = j * m;
      let s = 0;
      for (let q = 0; q < m; q++) s += scratch[is + q] * a[ja + q];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** xᵀ·A·x for an n×n matrix A. */
export function quadraticForm(a: ArrayLike<number>, x: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const ia = i * n;
    let r = 0;
    for (let j = 0; j < n; j++) r += a[ia + j] * x[j];
    s += x[i] * r;
  }
  return s;
}

// ------------------------------------------------------------------------ elementwise and shape

/** out (m×n) = Aᵀ where A is n×m. `out` must not alias `a` (use `transposeSquareInPlace`). */
export function transposeInto(out: Float64Array, a: ArrayLike<number>, n: number, m: number): Float64Array {
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

/** Aᵀ (A is n×m), allocated. */
export function transpose(a: ArrayLike<number>, n: number, m: number): Float64Array {
  return transposeInto(new Float64Array(n * m), a, n, m);
}

/** A ← Aᵀ for a square n×n matrix. */
export function transposeSquareInPlace(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = a[i * n + j];
      a[i * n + j] = a[j * n + i];
      a[j * n + i] = t;
    }
  }
  return a;
}

/** out = A + B (n×m). Alias-safe. */
export function addInto(out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number): Float64Array {
  const len = n * m;
  for (let i = 0; i < len; i++) out[i] = a[i] + b[i];
  return out;
}

/** A + B, allocated. */
export function add(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number): Float64Array {
  return addInto(new Float64Array(n * m), a, b, n, m);
}

/** out = A − B (n×m). Alias-safe. */
export function subInto(out: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number): Float64Array {
  const len = n * m;
  for (let i = 0; i < len; i++) out[i] = a[i] - b[i];
  return out;
}

/** A − B, allocated. */
export function sub(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number): Float64Array {
  return subInto(new Float64Array(n * m), a, b, n, m);
}

/** out = s·A (n×m). Alias-safe. */
export function scaleInto(out: Float64Array, a: ArrayLike<number>, s: number, n: number, m: number): Float64Array {
  const len = n * m;
  for (let i = 0; i < len; i++) out[i] = a[i] * s;
  return out;
}

/** s·A, allocated. */
export function scale(a: ArrayLike<number>, s: number, n: number, m: number): Float64Array {
  return scaleInto(new Float64Array(n * m), a, s, n, m);
}

/** out = (A + Aᵀ)/2 for an n×n matrix. Alias-safe (`symmetrizeInto(p, p, n)` repairs P in place). */
export function symmetrizeInto(out: Float64Array, a: ArrayLike<number>, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    out[i * n + i] = a[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (a[i * n + j] + a[j * n + i]);
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** (A + Aᵀ)/2, allocated. */
export function symmetrize(a: ArrayLike<number>, n: number): Float64Array {
  return symmetrizeInto(new Float64Array(n * n), a, n);
}

// ------------------------------------------------------------------------------------ Cholesky

/**
 * L·Lᵀ = A for a symmetric positive-definite n×n A (lower triangle read). Writes L (lower, zeros
 * above the diagonal) into `l` and returns true; returns false — leaving `l` partly written — if
 * a pivot is not strictly positive (A not SPD, or NaN in A). `l` may be `a` (in place).
 */
export function choleskyInto(l: Float64Array, a: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ii = i * n;
    for (let j = 0; j <= i; j++) {
      const jj = j * n;
      let s = a[ii + j];
      for (let k = 0; k < j; k++) s -= l[ii + k] * l[jj + k];
      if (i === j) {
        if (!(s > 0)) return false; // also rejects NaN
        l[ii + i] = Math.sqrt(s);
      } else {
        l[ii + j] = s / l[jj + j];
      }
    }
    for (let j = i + 1; j < n; j++) l[ii + j] = 0;
  }
  return true;
}

/** The lower Cholesky factor of SPD A, allocated. Throws `RangeError` if A is not SPD. */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array {
  const l = new Float64Array(n * n);
  if (!choleskyInto(l, a, n)) throw new RangeError(`cholesky: the ${n}×${n} matrix is not symmetric positive definite`);
  return l;
}

/**
 * Cholesky factor of a symmetric positive SEMI-definite A (e.g. a process-noise covariance with
 * no noise on some axes), for sampling. A pivot within `tol` of zero gives a zero column in L
 * (that direction carries no variance), so L·Lᵀ = A still holds for PSD A up to rounding. Returns
 * false if a pivot is below −tol (A is indefinite). The default tolerance is
 * n·ε·max(diag A), the usual rounding-level threshold (Higham, "Accuracy and Stability of
 * Numerical Algorithms", 2nd ed., §10.3).
 */
export function choleskySemidefiniteInto(l: Float64Array, a: ArrayLike<number>, n: number, tol?: number): boolean {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
  const t = tol ?? n * Number.EPSILON * maxDiag;
  for (let i = 0; i < n; i++) {
    const ii = i * n;
    for (let j = 0; j <= i; j++) {
      const jj = j * n;
      let s = a[ii + j];
      for (let k = 0; k < j; k++) s -= l[ii + k] * l[jj + k];
      if (i === j) {
        if (Number.isNaN(s) || s < -t) return false;
        l[ii + i] = s > t ? Math.sqrt(s) : 0;
      } else {
        const d = l[jj + j];
        l[ii + j] = d > 0 ? s / d : 0;
      }
    }
    for (let j = i + 1; j < n; j++) l[ii + j] = 0;
  }
  return true;
}

/**
 * Solve A·X = B given the Cholesky factor L of A (n×n), for B n×m (m right-hand sides as
 * columns): forward substitution L·Y = B, then back substitution Lᵀ·X = Y. `x` may be `b`.
 */
export function choleskySolveInto(
  x: Float64Array, l: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number,
): Float64Array {
  if (x !== b) for (let i = 0; i < n * m; i++) x[i] = b[i];
  for (let c = 0; c < m; c++) {
    // L·y = b (forward)
    for (let i = 0; i < n; i++) {
      let s = x[i * m + c];
      const ii = i * n;
      for (let k = 0; k < i; k++) s -= l[ii + k] * x[k * m + c];
      x[i * m + c] = s / l[ii + i];
    }
    // Lᵀ·x = y (back)
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i * m + c];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k * m + c];
      x[i * m + c] = s / l[i * n + i];
    }
  }
  return x;
}

/**
 * Solve A·X = B for SPD A (n×n), B n×m. `scratchL` (n×n) receives the Cholesky factor. Returns
 * false if A is not SPD (then `x` is not written). `x` may be `b`.
 */
export function spdSolveInto(
  x: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number, scratchL: Float64Array,
): boolean {
  if (!choleskyInto(scratchL, a, n)) return false;
  choleskySolveInto(x, scratchL, b, n, m);
  return true;
}

/** A⁻¹·B for SPD A, allocated. Throws `RangeError` if A is not SPD. */
export function spdSolve(a: ArrayLike<number>, b: ArrayLike<number>, n: number, m: number): Float64Array {
  const x = new Float64Array(n * m);
  if (!spdSolveInto(x, a, b, n, m, new Float64Array(n * n))) {
    throw new RangeError(`spdSolve: the ${n}×${n} matrix is not symmetric positive definite`);
  }
  return x;
}

/** out = A⁻¹ from the Cholesky factor L of A (solve with identity RHS, then symmetrize exactly). */
export function choleskyInverseInto(out: Float64Array, l: ArrayLike<number>, n: number): Float64Array {
  identityInto(out, n);
  choleskySolveInto(out, l, out, n, n);
  return symmetrizeInto(out, out, n);
}

/** out = A⁻¹ for SPD A; `scratchL` (n×n) receives L. Returns false if A is not SPD. */
export function spdInverseInto(out: Float64Array, a: ArrayLike<number>, n: number, scratchL: Float64Array): boolean {
  if (!choleskyInto(scratchL, a, n)) return false;
  choleskyInverseInto(out, scratchL, n);
  return true;
}

/** A⁻¹ for SPD A, allocated. Throws `RangeError` if A is not SPD. */
export function spdInverse(a: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  if (!spdInverseInto(out, a, n, new Float64Array(n * n))) {
    throw new RangeError(`spdInverse: the ${n}×${n} matrix is not symmetric positive definite`);
  }
  return out;
}

/** ln det A = 2·Σ ln Lᵢᵢ from the Cholesky factor L of A (no overflow for large determinants). */
export function logDetFromCholesky(l: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/**
 * xᵀ·A⁻¹·x from the Cholesky factor L of A: solve L·y = x, return |y|² (no inverse formed).
 * With A an innovation covariance S and x an innovation ν this is the squared Mahalanobis
 * distance d² = νᵀS⁻¹ν used for gating. `scratch` needs n entries.
 */
export function invQuadFormFromCholesky(
  l: ArrayLike<number>, x: ArrayLike<number>, n: number, scratch: Float64Array,
): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let s = x[i];
    const ii = i * n;
    for (let k = 0; k < i; k++) s -= l[ii + k] * scratch[k];
    const y = s / l[ii + i];
    scratch[i] = y;
    q += y * y;
  }
  return q;
}

/** Squared Mahalanobis distance xᵀ·A⁻¹·x for SPD A, allocating. Throws `RangeError` if not SPD. */
export function mahalanobisSquared(x: ArrayLike<number>, a: ArrayLike<number>, n: number): number {
  const l = cholesky(a, n);
  return invQuadFormFromCholesky(l, x, n, new Float64Array(n));
}
