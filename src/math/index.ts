/**
 * rampart/math — the numerical foundation every other stage imports.
 *
 *   vec3.*   3-vectors: `Vec3` tuples and allocation-free offset kernels on Float64Array
 *   mat.*    small dense row-major matrices on Float64Array (products, Cholesky, SPD solve/inverse,
 *            log-determinant, Mahalanobis distance)
 *   stream   deterministic RNG streams per (seed, stable id)
 *   stats    distributions (normal, t, chi-square), summaries, Welford accumulator, Wilson CI
 *   special  log-gamma, regularized incomplete gamma/beta, erf/erfc
 *
 * vec3 and mat share operation names (add, sub, scale), hence the namespaces.
 */
export * as vec3 from './vec3.js';
export type { Vec3, WritableVec } from './vec3.js';
export * as mat from './matrix.js';
export { bracketIndex } from './search.js';
export { stream, streamState, fnv1a64, splitmix64Mix } from './rng.js';
export type { Rng } from './rng.js';
export {
  normalPdf,
  normalCdf,
  normalQuantile,
  tPdf,
  tCdf,
  tQuantile,
  chiSquarePdf,
  chiSquareCdf,
  chiSquareSf,
  chiSquareQuantile,
  summarize,
  meanCI,
  percentile,
  percentileSorted,
  proportionCI,
  RunningStats,
} from './stats.js';
export type { Summary } from './stats.js';
export {
  logGamma,
  logFactorial,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedBeta,
  erf,
  erfc,
} from './special.js';
