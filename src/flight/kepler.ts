/**
 * Closed-form free flight of a ballistic missile on a spherical, non-rotating Earth without
 * atmosphere (a Keplerian ellipse). Used ONLY as a test reference for the integrated flight and
 * as the first guess of targeting — the simulator itself always integrates the equations of
 * motion (dynamics.ts).
 *
 * Notation (Bate, Mueller & White, "Fundamentals of Astrodynamics", Dover 1971, ch. 6 "Ballistic
 * missile trajectories"; Regan & Anandakrishnan, "Dynamics of Atmospheric Re-Entry", AIAA 1993, ch. 2):
 *   r  burnout radius, v burnout speed, γ burnout flight-path angle above the local horizontal,
 *   ν = v² r / μ  (BMW eq. 6.2-1, their "Q"),
 *   p = r ν cos²γ  semi-latus rectum, e² = 1 + ν(ν − 2) cos²γ  (BMW eq. 6.2-9),
 *   a = r / (2 − ν)  semi-major axis (vis-viva),
 *   true anomaly at burnout θb: e sin θb = ν sinγ cosγ, e cos θb = ν cos²γ − 1 (BMW eq. 6.2-10).
 *   Equal burnout and re-entry radii: free-flight range angle Ψ from the ballistic missile
 *   equation cos(Ψ/2) = (1 − ν cos²γ) / e (BMW eq. 6.2-16);
 *   maximum range for a given ν: sin(Ψ/2) = ν / (2 − ν), reached at γ* = (π − Ψ)/4 (BMW 6.2-18/19);
 *   minimum ν for a given Ψ: ν* = 2 sin(Ψ/2) / (1 + sin(Ψ/2)) (BMW eq. 6.2-20).
 *   Time of flight from Kepler's equation M = E − e sin E (BMW §4.2 / eq. 6.3-5).
 *   Different burnout and re-entry radii r1, r2, given γ and Ψ (orbit equation in 1/r):
 *   v² = μ (1 − cos Ψ) / (r1 cosγ [(r1/r2) cosγ − cos(γ + Ψ)]),
 *   whose minimum over γ (d/dγ = 0) is at tan 2γ* = sin Ψ / (r1/r2 − cos Ψ); for r1 = r2 this is
 *   γ* = (π − Ψ)/4 again.
 */

/** μ of the `sphere` Earth option (m³/s²) — WGS-84's GM. */
export const SPHERE_MU = 3.986004418e14;
/** Radius of the `sphere` Earth option (m), the mean Earth radius. */
export const SPHERE_RADIUS = 6_371_000;

/** Free-flight figures of a Keplerian ballistic arc. */
export interface KeplerFreeFlight {
  /** Central angle travelled from burnout to the end radius (rad). */
  rangeAngle: number;
  /** Ground range on the sphere, R·Ψ (m). */
  groundRange: number;
  /** Time from burnout to the end radius (s). */
  timeOfFlight: number;
  /** Greatest radius reached on the arc (m) and the altitude above the sphere (m). */
  apogeeRadius: number;
  apogeeAltitude: number;
  /** Orbit elements of the arc: semi-major axis (m), eccentricity, semi-latus rectum (m). */
  semiMajorAxis: number;
  eccentricity: number;
  semiLatusRectum: number;
}

export interface KeplerBurnout {
  /** Burnout speed (m/s, inertial = Earth-relative on a non-rotating Earth). */
  speed: number;
  /** Flight-path angle above the local horizontal (rad). */
  flightPathAngle: number;
  /** Burnout altitude above the sphere (m). */
  altitude: number;
  /** Altitude above the sphere at which the flight ends, on the descending branch (m); default = burnout altitude. */
  endAltitude?: number;
  /** Sphere radius (m) and gravitational parameter (m³/s²); defaults SPHERE_RADIUS, SPHERE_MU. */
  radius?: number;
  mu?: number;
}

/** Wraps an angle into [0, 2π). */
function wrap2pi(x: number): number {
  const twoPi = 2 * Math.PI;
  return ((x % twoPi) + twoPi) % twoPi;
}

/**
 * Range angle, ground range, time of flight and apogee of the Keplerian free flight from a
 * burnout state to the end altitude on the descending branch. Throws RangeError for hyperbolic
 * or parabolic arcs (ν ≥ 2) or when the arc never descends to the end altitude.
 */
export function keplerFreeFlight(b: KeplerBurnout): KeplerFreeFlight {
  const R = b.radius ?? SPHERE_RADIUS;
  const mu = b.mu ?? SPHERE_MU;
  const r1 = R + b.altitude;
  const r2 = R + (b.endAltitude ?? b.altitude);
  const { speed: v, flightPathAngle: gamma } = b;
  const nu = (v * v * r1) / mu;
  if (!(nu < 2)) throw new RangeError(`keplerFreeFlight: ν = v²r/μ = ${nu} ≥ 2, the arc is not an ellipse`);
  const cg = Math.cos(gamma), sg = Math.sin(gamma);
  const p = r1 * nu * cg * cg;
  const e = Math.sqrt(Math.max(0, 1 + nu * (nu - 2) * cg * cg));
  const a = r1 / (2 - nu);
  const thetaB = Math.atan2(nu * sg * cg, nu * cg * cg - 1); // (−π, π]
  // Descending crossing of r2: true anomaly in [π, 2π) (e sin θ ≤ 0 there).
  const cosThetaE = (p / r2 - 1) / e;
  if (e === 0 || cosThetaE > 1 || cosThetaE < -1) {
    throw new RangeError(`keplerFreeFlight: the arc does not reach radius ${r2} m on its descending branch`);
  }
  const thetaE = 2 * Math.PI - Math.acos(cosThetaE);
  const rangeAngle = wrap2pi(thetaE - thetaB);
  // Eccentric and mean anomalies (BMW eq. 4.2-12 in the atan2 form); the mean anomaly grows
  // uniformly, so the time of flight is the wrapped mean-anomaly difference over the mean motion.
  const sq = Math.sqrt(1 - e * e);
  const meanAnomaly = (theta: number): number => {
    const E = Math.atan2(sq * Math.sin(theta), e + Math.cos(theta));
    return E - e * Math.sin(E);
  };
  const n = Math.sqrt(mu / (a * a * a));
  const timeOfFlight = wrap2pi(meanAnomaly(thetaE) - meanAnomaly(thetaB)) / n;
  // Apogee (θ = π) lies on the arc iff θb < π ≤ θb + Ψ.
  const passesApogee = thetaB < Math.PI && thetaB + rangeAngle >= Math.PI;
  const apogeeRadius = passesApogee ? a * (1 + e) : Math.max(r1, r2);
  return {
    rangeAngle,
    groundRange: R * rangeAngle,
    timeOfFlight,
    apogeeRadius,
    apogeeAltitude: apogeeRadius - R,
    semiMajorAxis: a,
    eccentricity: e,
    semiLatusRectum: p,
  };
}

/**
 * Free-flight range angle for equal burnout and re-entry radii, from the ballistic missile
 * equation cos(Ψ/2) = (1 − ν cos²γ)/√(1 + ν(ν − 2) cos²γ) (BMW eq. 6.2-16). Valid for ν < 2.
 */
export function rangeAngleEqualRadii(nu: number, gamma: number): number {
  const c2 = Math.cos(gamma) ** 2;
  const e = Math.sqrt(1 + nu * (nu - 2) * c2);
  return 2 * Math.acos((1 - nu * c2) / e);
}

/**
 * Maximum free-flight range angle for a given ν (equal radii) and the flight-path angle that
 * achieves it: sin(Ψmax/2) = ν/(2 − ν), γ* = (π − Ψmax)/4 (BMW eqs. 6.2-18, 6.2-19). ν ≤ 1.
 */
export function maximumRange(nu: number): { rangeAngle: number; flightPathAngle: number } {
  if (!(nu > 0 && nu <= 1)) throw new RangeError(`maximumRange: ν = ${nu} must be in (0, 1]`);
  const rangeAngle = 2 * Math.asin(nu / (2 - nu));
  return { rangeAngle, flightPathAngle: (Math.PI - rangeAngle) / 4 };
}

/**
 * Minimum-energy flight for a range angle Ψ between burnout radius r1 and end radius r2:
 * γ* from tan 2γ* = sin Ψ / (r1/r2 − cos Ψ), and the speed from `speedForFlightPathAngle`.
 * For r1 = r2: γ* = (π − Ψ)/4 and ν* = 2 sin(Ψ/2)/(1 + sin(Ψ/2)) (BMW eq. 6.2-20).
 */
export function minimumEnergy(
  rangeAngle: number,
  r1: number,
  r2: number,
  mu = SPHERE_MU,
): { flightPathAngle: number; speed: number } {
  const gamma = 0.5 * Math.atan2(Math.sin(rangeAngle), r1 / r2 - Math.cos(rangeAngle));
  return { flightPathAngle: gamma, speed: speedForFlightPathAngle(rangeAngle, gamma, r1, r2, mu) };
}

/**
 * Burnout speed that carries a Keplerian arc from radius r1 (flight-path angle γ) through the
 * central angle Ψ to radius r2: v² = μ(1 − cos Ψ) / (r1 cosγ [(r1/r2) cosγ − cos(γ + Ψ)])
 * (orbit equation in u = 1/r: u(φ) = μ/h² + (1/r1 − μ/h²) cos φ − (tanγ / r1) sin φ).
 * Returns NaN when no ellipse through the two points has that γ (denominator ≤ 0).
 */
export function speedForFlightPathAngle(
  rangeAngle: number,
  gamma: number,
  r1: number,
  r2: number,
  mu = SPHERE_MU,
): number {
  const den = r1 * Math.cos(gamma) * ((r1 / r2) * Math.cos(gamma) - Math.cos(gamma + rangeAngle));
  if (!(den > 0)) return NaN;
  return Math.sqrt((mu * (1 - Math.cos(rangeAngle))) / den);
}
