/**
 * 3-vectors (positions, velocities, line-of-sight unit vectors in ECEF/ENU, metres and m/s).
 *
 * Two flavours of the same operations:
 *  - tuple API: `Vec3 = [x, y, z]` for convenient API values. Functions take an `out` argument
 *    (gl-matrix style `fn(out, a, b)` returns `out`), so a caller that reuses `out` allocates
 *    nothing. Inputs are any `ArrayLike<number>` (a `Vec3`, a `Float64Array` of length ≥ 3, …).
 *    Every function is alias-safe: `out` may be the same object as `a` or `b`.
 *  - offset API (`…At`): kernels over packed `Float64Array` storage, e.g. the states of many
 *    objects laid out [x0 y0 z0 x1 y1 z1 …]; each vector is addressed by (array, offset of its x).
 *    These are for hot loops (flight integration, sensor geometry) and never allocate.
 */

export type Vec3 = [number, number, number];

/** Anything writable by index: a `Vec3`, a `Float64Array`, a plain `number[]`. */
export type WritableVec = { [index: number]: number };

/** A new zero vector. */
export function create(): Vec3 {
  return [0, 0, 0];
}

/** A new `Vec3` copied from the first three elements of `a`. */
export function clone(a: ArrayLike<number>): Vec3 {
  return [a[0], a[1], a[2]];
}

/** out = a (first three elements). */
export function copy<T extends WritableVec>(out: T, a: ArrayLike<number>): T {
  out[0] = a[0];
  out[1] = a[1];
  out[2] = a[2];
  return out;
}

/** out = (x, y, z). */
export function set<T extends WritableVec>(out: T, x: number, y: number, z: number): T {
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

/** out = a + b */
export function add<T extends WritableVec>(out: T, a: ArrayLike<number>, b: ArrayLike<number>): T {
  out[0] = a[0] + b[0];
  out[1] = a[1] + b[1];
  out[2] = a[2] + b[2];
  return out;
}

/** out = a − b */
export function sub<T extends WritableVec>(out: T, a: ArrayLike<number>, b: ArrayLike<number>): T {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}

/** out = s·a */
export function scale<T extends WritableVec>(out: T, a: ArrayLike<number>, s: number): T {
  out[0] = a[0] * s;
  out[1] = a[1] * s;
  out[2] = a[2] * s;
  return out;
}

/** out = a + s·b (BLAS "axpy" with the roles named by position: a plus s times b). */
export function axpy<T extends WritableVec>(
  out: T,
  a: ArrayLike<number>,
  s: number,
  b: ArrayLike<number>,
): T {
  out[0] = a[0] + s * b[0];
  out[1] = a[1] + s * b[1];
  out[2] = a[2] + s * b[2];
  return out;
}

/** a · b */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** out = a × b (right-handed). Alias-safe. */
export function cross<T extends WritableVec>(out: T, a: ArrayLike<number>, b: ArrayLike<number>): T {
  const ax = a[0], ay = a[1], az = a[2];
  const bx = b[0], by = b[1], bz = b[2];
  out[0] = ay * bz - az * by;
  out[1] = az * bx - ax * bz;
  out[2] = ax * by - ay * bx;
  return out;
}

/** Euclidean norm |a|. Plain sqrt of the sum of squares rather than `Math.hypot` (which guards
 * against overflow at ~1e154 and is several times slower): ECEF magnitudes are ~1e7 m. */
export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

/** |a|² */
export function normSquared(a: ArrayLike<number>): number {
  return a[0] * a[0] + a[1] * a[1] + a[2] * a[2];
}

/**
 * out = a / |a|. A zero vector has no direction: `out` is set to (0, 0, 0) (the caller decides
 * what that means, e.g. "no line of sight"); no NaN is produced.
 */
export function normalize<T extends WritableVec>(out: T, a: ArrayLike<number>): T {
  const n = norm(a);
  const k = n > 0 ? 1 / n : 0;
  out[0] = a[0] * k;
  out[1] = a[1] * k;
  out[2] = a[2] * k;
  return out;
}

/** |a − b| */
export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/** Angle between a and b in radians, in [0, π]; atan2 form (accurate near 0 and π, unlike acos). */
export function angle(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1] * b[2] - a[2] * b[1];
  const cy = a[2] * b[0] - a[0] * b[2];
  const cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot(a, b));
}

// ---------------------------------------------------------------------------------------------
// Offset kernels on packed Float64Array storage. `o`, `ia`, `ib` are the indices of the x
// components. Alias-safe (out/a/b may be the same array, even with overlapping offsets).
// ---------------------------------------------------------------------------------------------

/** out[o..o+2] = a[ia..] + b[ib..] */
export function addAt(
  out: Float64Array, o: number,
  a: ArrayLike<number>, ia: number,
  b: ArrayLike<number>, ib: number,
): Float64Array {
  const x = a[ia] + b[ib], y = a[ia + 1] + b[ib + 1], z = a[ia + 2] + b[ib + 2];
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
  return out;
}

/** out[o..o+2] = a[ia..] − b[ib..] */
export function subAt(
  out: Float64Array, o: number,
  a: ArrayLike<number>, ia: number,
  b: ArrayLike<number>, ib: number,
): Float64Array {
  const x = a[ia] - b[ib], y = a[ia + 1] - b[ib + 1], z = a[ia + 2] - b[ib + 2];
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
  return out;
}

/** out[o..o+2] = s·a[ia..] */
export function scaleAt(
  out: Float64Array, o: number,
  a: ArrayLike<number>, ia: number,
  s: number,
): Float64Array {
  const x = a[ia] * s, y = a[ia + 1] * s, z = a[ia + 2] * s;
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
  return out;
}

/** out[o..o+2] = a[ia..] + s·b[ib..] */
export function axpyAt(
  out: Float64Array, o: number,
  a: ArrayLike<number>, ia: number,
  s: number,
  b: ArrayLike<number>, ib: number,
): Float64Array {
  const x = a[ia] + s * b[ib], y = a[ia + 1] + s * b[ib + 1], z = a[ia + 2] + s * b[ib + 2];
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
  return out;
}

/** a[ia..] · b[ib..] */
export function dotAt(a: ArrayLike<number>, ia: number, b: ArrayLike<number>, ib: number): number {
  return a[ia] * b[ib] + a[ia + 1] * b[ib + 1] + a[ia + 2] * b[ib + 2];
}

/** out[o..o+2] = a[ia..] × b[ib..] */
export function crossAt(
  out: Float64Array, o: number,
  a: ArrayLike<number>, ia: number,
  b: ArrayLike<number>, ib: number,
): Float64Array {
  const ax = a[ia], ay = a[ia + 1], az = a[ia + 2];
  const bx = b[ib], by = b[ib + 1], bz = b[ib + 2];
  out[o] = ay * bz - az * by;
  out[o + 1] = az * bx - ax * bz;
  out[o + 2] = ax * by - ay * bx;
  return out;
}

/** |a[ia..]| */
export function normAt(a: ArrayLike<number>, ia: number): number {
  const x = a[ia], y = a[ia + 1], z = a[ia + 2];
  return Math.sqrt(x * x + y * y + z * z);
}

/** out[o..o+2] = a[ia..] / |a[ia..]|; a zero vector gives (0, 0, 0) as in `normalize`. */
export function normalizeAt(
  out: Float64Array, o: number,
  a: ArrayLike<number>, ia: number,
): Float64Array {
  const x = a[ia], y = a[ia + 1], z = a[ia + 2];
  const n = Math.sqrt(x * x + y * y + z * z);
  const k = n > 0 ? 1 / n : 0;
  out[o] = x * k;
  out[o + 1] = y * k;
  out[o + 2] = z * k;
  return out;
}

/** |a[ia..] − b[ib..]| */
export function distanceAt(a: ArrayLike<number>, ia: number, b: ArrayLike<number>, ib: number): number {
  const dx = a[ia] - b[ib], dy = a[ia + 1] - b[ib + 1], dz = a[ia + 2] - b[ib + 2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}
