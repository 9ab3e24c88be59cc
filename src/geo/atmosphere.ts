/**
 * U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562, NASA-TM-X-74335; "US76").
 *
 * 0–86 km (geometric): the seven layers of linear molecular-scale temperature in geopotential
 * altitude (US76 Table 4), hydrostatic pressure (eqs. 33a/33b), density ρ = pM0/(R*T) (eq. 42),
 * speed of sound c = √(γR*T/M0) (eq. 50), geopotential altitude H = r0·z/(r0 + z) (eq. 18), with
 * the constants of US76 Table 2: g0 = 9.80665 m/s², R* = 8.31432 J/(mol·K), M0 = 28.9644 g/mol,
 * r0 = 6356.766 km, γ = 1.4, p0 = 101325 Pa, T0 = 288.15 K. Below 0 km the first layer continues
 * down to −5 km (as Table I does); heights below −5 km are clamped to −5 km. The temperature
 * reported below 86 km is the molecular-scale temperature, as Table I prints it (the standard's
 * M/M0 correction in 80–86 km, ≤ 0.04 %, is not applied; the kinetic temperature then steps by
 * 0.08 K at 86 km, density and pressure are continuous to 1e-4).
 *
 * 86–1000 km: the air is no longer mixed and US76 integrates species diffusion; instead of that
 * integration this module uses the standard's own results:
 *   - kinetic temperature from the standard's four defining segments (isothermal 186.8673 K to
 *     91 km; elliptical 91–110 km, Tc = 263.1905 K, A = −76.3232 K, a = −19.9429 km; linear
 *     12 K/km 110–120 km; exponential T = T∞ − (T∞ − T10)·exp(−λξ) above 120 km, T∞ = 1000 K,
 *     T10 = 360 K, λ = 0.01875 /km, ξ = (z − 120)(r0 + 120)/(r0 + z));
 *   - pressure p and mean molecular weight M of US76 Table I at 87 altitudes 1–25 km apart
 *     (the transcription several public US76 implementations share), interpolated by cubic
 *     Hermite in ln p and in M with three-point (parabolic) slopes — C¹, and more accurate
 *     than Fritsch–Carlson's monotone slopes on these smooth, monotone columns;
 *   - density ρ = pM/(R*T). The tests compare it with Table I's density column (which is not
 *     used here) at off-node altitudes.
 * Above 1000 km: T from the same exponential formula, M = 3.94 (the 1000 km value) and density
 * continues exponentially with the scale height of the 975–1000 km interval (≈ 280 km), so it
 * tends to 0 smoothly; p = ρR*T/M. Speed of sound above 86 km is the nominal √(γR*T/M) (US76
 * does not define it there; the gas is not a continuum for acoustic purposes).
 */

/** Atmospheric state at one altitude. */
export interface AtmosphereState {
  /** Kelvin (kinetic; molecular-scale below 86 km, see the module header). */
  temperature: number;
  /** Pascal. */
  pressure: number;
  /** kg/m³. */
  density: number;
  /** m/s. */
  speedOfSound: number;
}

// US76 Table 2 constants.
const G0 = 9.80665; // m/s²
const R_STAR = 8314.32; // J/(kmol·K)
const M0 = 28.9644; // kg/kmol
const R0 = 6356766; // m, Earth radius for the geopotential conversion
const GAMMA = 1.4;
const GMR = (G0 * M0) / R_STAR; // K/m'

/** Lowest altitude the model evaluates (m); lower heights are clamped. */
export const ATMOSPHERE_MIN_ALTITUDE = -5000;
/** Top of the hydrostatic (mixed) layers, geometric (m). */
const Z86 = 86000;
/** Top of the tabulated upper atmosphere (m). */
const Z_TOP = 1_000_000;

// US76 Table 4: layer bases in geopotential altitude (m') and molecular-scale temperature
// gradients (K/m').
const HB = [0, 11000, 20000, 32000, 47000, 51000, 71000];
const LB = [-0.0065, 0, 0.001, 0.0028, 0, -0.0028, -0.002];
const TB: number[] = [288.15];
const PB: number[] = [101325];
for (let b = 0; b < HB.length - 1; b++) {
  const dh = HB[b + 1] - HB[b];
  const t1 = TB[b] + LB[b] * dh;
  PB.push(
    LB[b] === 0 ? PB[b] * Math.exp((-GMR * dh) / TB[b]) : PB[b] * Math.pow(TB[b] / t1, GMR / LB[b]),
  );
  TB.push(t1);
}

/** Geopotential altitude H (m') of a geometric altitude z (m): H = r0·z/(r0 + z) (US76 eq. 18). */
export function geopotentialAltitude(z: number): number {
  return (R0 * z) / (R0 + z);
}

/** Geometric altitude z (m) of a geopotential altitude H (m'): z = r0·H/(r0 − H). */
export function geometricAltitude(h: number): number {
  return (R0 * h) / (R0 - h);
}

// ---- 86–1000 km: US76 Table I pressure (Pa) and mean molecular weight (kg/kmol) ----
// Altitudes (km): 86–91 by 1, 93–109 by 2, 110–120 by 1, 125–150 by 5, 160–500 by 10,
// 525–1000 by 25 (87 rows).
const UP_Z: number[] = [];
for (let z = 86; z <= 91; z++) UP_Z.push(z * 1000);
for (let z = 93; z <= 109; z += 2) UP_Z.push(z * 1000);
for (let z = 110; z <= 120; z++) UP_Z.push(z * 1000);
for (let z = 125; z <= 150; z += 5) UP_Z.push(z * 1000);
for (let z = 160; z <= 500; z += 10) UP_Z.push(z * 1000);
for (let z = 525; z <= 1000; z += 25) UP_Z.push(z * 1000);

// prettier-ignore
const UP_P = [
  3.7338e-1, 3.1259e-1, 2.6173e-1, 2.1919e-1, 1.8359e-1, 1.5381e-1, // 86-91
  1.0801e-1, 7.5966e-2, 5.3571e-2, 3.7948e-2, 2.7192e-2, 1.9742e-2, 1.4477e-2, 1.0751e-2, 8.1142e-3, // 93-109
  7.1042e-3, 6.2614e-3, 5.5547e-3, 4.9570e-3, 4.4473e-3, 4.0096e-3, 3.6312e-3, 3.3022e-3, 3.0144e-3, 2.7615e-3, 2.5382e-3, // 110-120
  1.7354e-3, 1.2505e-3, 9.3568e-4, 7.2028e-4, 5.6691e-4, 4.5422e-4, // 125-150
  3.0395e-4, 2.1210e-4, 1.5271e-4, 1.1266e-4, 8.4736e-5, 6.4756e-5, 5.0149e-5, 3.9276e-5, 3.1059e-5, 2.4767e-5, // 160-250
  1.9894e-5, 1.6083e-5, 1.3076e-5, 1.0683e-5, 8.7704e-6, 7.2285e-6, 5.9796e-6, 4.9630e-6, 4.1320e-6, 3.4498e-6, // 260-350
  2.8878e-6, 2.4234e-6, 2.0384e-6, 1.7184e-6, 1.4518e-6, 1.2291e-6, 1.0427e-6, 8.8645e-7, 7.5517e-7, 6.4468e-7, // 360-450
  5.5155e-7, 4.7292e-7, 4.0642e-7, 3.5011e-7, 3.0236e-7, // 460-500
  2.1200e-7, 1.5137e-7, 1.1028e-7, 8.2130e-8, 6.2601e-8, 4.8865e-8, 3.9048e-8, 3.1908e-8, 2.6611e-8, 2.2599e-8, // 525-750
  1.9493e-8, 1.7036e-8, 1.5051e-8, 1.3415e-8, 1.2043e-8, 1.0873e-8, 9.8635e-9, 8.9816e-9, 8.2043e-9, 7.5138e-9, // 775-1000
];

// prettier-ignore
const UP_M = [
  28.95, 28.95, 28.94, 28.93, 28.91, 28.89, // 86-91
  28.82, 28.73, 28.62, 28.48, 28.30, 28.10, 27.88, 27.64, 27.39, // 93-109
  27.27, 27.14, 27.02, 26.90, 26.79, 26.68, 26.58, 26.48, 26.38, 26.29, 26.20, // 110-120
  25.80, 25.44, 25.09, 24.75, 24.42, 24.10, // 125-150
  23.49, 22.90, 22.34, 21.81, 21.30, 20.83, 20.37, 19.95, 19.56, 19.19, // 160-250
  18.85, 18.53, 18.24, 17.97, 17.73, 17.50, 17.29, 17.09, 16.91, 16.74, // 260-350
  16.57, 16.42, 16.27, 16.13, 15.98, 15.84, 15.70, 15.55, 15.40, 15.25, // 360-450
  15.08, 14.91, 14.73, 14.54, 14.33, // 460-500
  13.76, 13.09, 12.34, 11.51, 10.62, 9.72, 8.83, 8.00, 7.24, 6.58, // 525-750
  6.01, 5.54, 5.16, 4.85, 4.60, 4.40, 4.25, 4.12, 4.02, 3.94, // 775-1000
];

if (UP_Z.length !== UP_P.length || UP_Z.length !== UP_M.length) {
  throw new Error('US76 upper tables are inconsistent'); // guards the transcription
}

/**
 * Slopes for piecewise-cubic Hermite interpolation: the derivative of the parabola through each
 * three consecutive points, zero at a local extremum (not monotone by construction, but on these
 * smooth columns the density stays monotone; the tests check it).
 */
function hermiteSlopes(x: readonly number[], y: readonly number[]): Float64Array {
  const n = x.length;
  const d = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) d[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
  const m = new Float64Array(n);
  m[0] = d[0];
  m[n - 1] = d[n - 2];
  for (let i = 1; i < n - 1; i++) {
    if (d[i - 1] * d[i] <= 0) {
      m[i] = 0;
    } else {
      const h0 = x[i] - x[i - 1];
      const h1 = x[i + 1] - x[i];
      m[i] = (h1 * d[i - 1] + h0 * d[i]) / (h0 + h1);
    }
  }
  return m;
}

const UP_LNP = UP_P.map(Math.log);
const UP_LNP_SLOPE = hermiteSlopes(UP_Z, UP_LNP);
const UP_M_SLOPE = hermiteSlopes(UP_Z, UP_M);

function hermite(
  x: readonly number[],
  y: readonly number[],
  m: Float64Array,
  i: number,
  z: number,
): number {
  const h = x[i + 1] - x[i];
  const t = (z - x[i]) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * y[i] +
    (t3 - 2 * t2 + t) * h * m[i] +
    (-2 * t3 + 3 * t2) * y[i + 1] +
    (t3 - t2) * h * m[i + 1]
  );
}

/** US76 kinetic temperature above 86 km (geometric z in m). */
function upperTemperature(z: number): number {
  if (z <= 91000) return 186.8673;
  if (z <= 110000) {
    const x = (z - 91000) / -19942.9;
    return 263.1905 - 76.3232 * Math.sqrt(1 - x * x);
  }
  if (z <= 120000) return 240 + 0.012 * (z - 110000);
  const xi = ((z - 120000) * (R0 + 120000)) / (R0 + z);
  return 1000 - 640 * Math.exp(-0.01875e-3 * xi);
}

function upperIndex(z: number): number {
  // Binary search: UP_Z[i] <= z < UP_Z[i+1].
  let lo = 0;
  let hi = UP_Z.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (UP_Z[mid] <= z) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function upperTableDensity(z: number): number {
  const i = upperIndex(z);
  const p = Math.exp(hermite(UP_Z, UP_LNP, UP_LNP_SLOPE, i, z));
  const m = hermite(UP_Z, UP_M, UP_M_SLOPE, i, z);
  return (p * m) / (R_STAR * upperTemperature(z));
}

const M_TOP = UP_M[UP_M.length - 1];
const RHO_TOP = upperTableDensity(Z_TOP);
/** Density scale height (m) of the 975–1000 km interval, used for the extension above 1000 km. */
const H_RHO_TOP = 25000 / Math.log(upperTableDensity(975000) / RHO_TOP);

/**
 * US76 state at geometric altitude h (m), written as [T, p, ρ, c] to out[offset..offset+3].
 * Allocation-free.
 */
export function standardAtmosphereInto<T extends { [i: number]: number }>(
  out: T,
  h: number,
  offset = 0,
): T {
  let t: number;
  let p: number;
  let rho: number;
  let c: number;
  const z = h < ATMOSPHERE_MIN_ALTITUDE ? ATMOSPHERE_MIN_ALTITUDE : h;
  if (z < Z86) {
    const hg = (R0 * z) / (R0 + z);
    let b = HB.length - 1;
    while (b > 0 && hg < HB[b]) b--;
    const dh = hg - HB[b];
    const lapse = LB[b];
    t = TB[b] + lapse * dh;
    p = lapse === 0 ? PB[b] * Math.exp((-GMR * dh) / TB[b]) : PB[b] * Math.pow(TB[b] / t, GMR / lapse);
    rho = (p * M0) / (R_STAR * t);
    c = Math.sqrt((GAMMA * R_STAR * t) / M0);
  } else if (z <= Z_TOP) {
    const i = upperIndex(z);
    t = upperTemperature(z);
    p = Math.exp(hermite(UP_Z, UP_LNP, UP_LNP_SLOPE, i, z));
    const m = hermite(UP_Z, UP_M, UP_M_SLOPE, i, z);
    rho = (p * m) / (R_STAR * t);
    c = Math.sqrt((GAMMA * R_STAR * t) / m);
  } else {
    t = upperTemperature(z);
    rho = RHO_TOP * Math.exp(-(z - Z_TOP) / H_RHO_TOP);
    p = (rho * R_STAR * t) / M_TOP;
    c = Math.sqrt((GAMMA * R_STAR * t) / M_TOP);
  }
  out[offset] = t;
  out[offset + 1] = p;
  out[offset + 2] = rho;
  out[offset + 3] = c;
  return out;
}

/**
 * US Standard Atmosphere 1976 at geometric altitude h (m above mean sea level):
 * temperature (K), pressure (Pa), density (kg/m³), speed of sound (m/s).
 */
export function standardAtmosphere(h: number): AtmosphereState {
  if (Number.isNaN(h)) throw new RangeError('standardAtmosphere: altitude is NaN');
  const s = standardAtmosphereInto(new Float64Array(4), h);
  return { temperature: s[0], pressure: s[1], density: s[2], speedOfSound: s[3] };
}

// ---- Fast density for hot loops ----
// Below 86 km: the layer formulas directly, ρ = ρb·(Tb/T)^(1 + g0M0/(R*L)) or
// ρb·exp(−g0M0(H − Hb)/(R*Tb)) (one pow or exp). 86–1000 km: ln ρ of the full model on a uniform
// 100 m grid (9141 nodes, 73 kB, built on first use), linearly interpolated.
const RHOB = PB.map((p, b) => (p * M0) / (R_STAR * TB[b]));
const EXPB = LB.map((l) => (l === 0 ? 0 : 1 + GMR / l));
const GRID_STEP = 100;
const GRID_N = Math.round((Z_TOP - Z86) / GRID_STEP) + 1;
let lnRhoGrid: Float64Array | null = null;

function buildGrid(): Float64Array {
  const g = new Float64Array(GRID_N);
  const s = new Float64Array(4);
  for (let i = 0; i < GRID_N; i++) {
    standardAtmosphereInto(s, Z86 + i * GRID_STEP);
    g[i] = Math.log(s[2]);
  }
  return g;
}

/**
 * Density (kg/m³) at geometric altitude h (m), for hot loops. Below 86 km it is the exact US76
 * layer formula; 86–1000 km a log-linear interpolation of the full model on a 100 m grid
 * (relative error < 3e-5 against the full model); the same exponential tail above 1000 km;
 * clamped below −5 km.
 * Allocation-free (after the first call above 86 km builds the grid).
 */
export function densityAt(h: number): number {
  if (h < Z86) {
    const z = h < ATMOSPHERE_MIN_ALTITUDE ? ATMOSPHERE_MIN_ALTITUDE : h;
    const hg = (R0 * z) / (R0 + z);
    let b = 6;
    while (b > 0 && hg < HB[b]) b--;
    const dh = hg - HB[b];
    const lapse = LB[b];
    return lapse === 0
      ? RHOB[b] * Math.exp((-GMR * dh) / TB[b])
      : RHOB[b] * Math.pow(TB[b] / (TB[b] + lapse * dh), EXPB[b]);
  }
  if (h >= Z_TOP) return RHO_TOP * Math.exp(-(h - Z_TOP) / H_RHO_TOP);
  const g = lnRhoGrid ?? (lnRhoGrid = buildGrid());
  const x = (h - Z86) / GRID_STEP;
  const i = x | 0;
  const f = x - i;
  return Math.exp(g[i] + f * (g[i + 1] - g[i]));
}
