/**
 * WGS-84 and the Earth constants shared by truth (flight/) and estimation (track/, decide/).
 *
 * Source: NIMA TR8350.2, "Department of Defense World Geodetic System 1984", 3rd edition with
 * Amendments 1 and 2 (2000/2004), Table 3.1 (defining parameters a, 1/f, ω, GM) and Table 3.3
 * (derived C̄2,0 of the ellipsoid's normal gravity field).
 */

/** Semi-major axis a (m). WGS-84 defining parameter. */
export const WGS84_A = 6378137.0;
/** Flattening f = 1/298.257223563. WGS-84 defining parameter. */
export const WGS84_F = 1 / 298.257223563;
/** Semi-minor axis b = a(1 − f) (m) = 6356752.314245… */
export const WGS84_B = WGS84_A * (1 - WGS84_F);
/** First eccentricity squared e² = f(2 − f) = 6.69437999014e-3. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Second eccentricity squared e'² = e²/(1 − e²). */
export const WGS84_EP2 = WGS84_E2 / (1 - WGS84_E2);
/** Earth's gravitational constant GM (m³/s², atmosphere included). WGS-84 defining parameter. */
export const GM_EARTH = 3.986004418e14;
/** Nominal mean angular velocity of the Earth ω (rad/s). WGS-84 defining parameter. */
export const OMEGA_EARTH = 7.292115e-5;
/**
 * Normalized second-degree zonal harmonic C̄2,0 of the WGS-84 ellipsoid (TR8350.2 Table 3.3,
 * −0.484166774985e-3). The EGM96 geopotential value is −0.484165371736e-3 (J2 = 1.0826267e-3);
 * the two differ by 3 parts in 10⁶, far below anything this simulator resolves.
 */
export const WGS84_C20_BAR = -0.484166774985e-3;
/** J2 = −√5·C̄2,0 = 1.08262982e-3 (unnormalized second zonal harmonic). */
export const J2 = -Math.sqrt(5) * WGS84_C20_BAR;
/**
 * Mean Earth radius R1 = (2a + b)/3 (IUGG, Moritz 1980 "Geodetic Reference System 1980"):
 * 6371008.77 m. Used only by the spherical approximations (haversine, classical horizon).
 */
export const EARTH_MEAN_RADIUS = (2 * WGS84_A + WGS84_B) / 3;

const DEG = Math.PI / 180;

/** Degrees → radians. */
export function degToRad(deg: number): number {
  return deg * DEG;
}

/** Radians → degrees. */
export function radToDeg(rad: number): number {
  return rad / DEG;
}
