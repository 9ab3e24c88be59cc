/**
 * Damage to defended assets from a warhead burst at the surface (notional, documented in
 * docs/models/damage.md).
 *
 * Blast: peak incident overpressure from the Kinney & Graham (1985, "Explosive Shocks in Air",
 * eq. for chemical explosions) fit as a function of the Hopkinson–Cranz scaled distance
 * Z = R / W^(1/3) (m/kg^(1/3), W = TNT-equivalent mass in kg):
 *
 *   P/Pa = 808·[1 + (Z/4.5)²] / ( √(1 + (Z/0.048)²) · √(1 + (Z/0.32)²) · √(1 + (Z/1.35)²) )
 *
 * with Pa = 101,325 Pa (sea level). Vulnerability: each hardness class has the overpressure P50 at
 * which an element of the asset is destroyed with probability 1/2 (Glasstone & Dolan 1977, ch. V:
 * ~35 kPa (5 psi) destroys most residential/commercial buildings; ~70 kPa (10 psi) reinforced
 * concrete; ~140 kPa (20 psi) heavy industrial plant; hardened shelters far more) and a lognormal
 * damage function d(P) = Φ(ln(P/P50)/σ), σ = 0.3 (a common form for fragility curves).
 */

const SEA_LEVEL_PRESSURE = 101_325; // Pa

/** Kinney–Graham peak incident overpressure (Pa) at distance R (m) from W kg TNT-equivalent. */
export function peakOverpressure(distance: number, tntKg: number, ambientPressure = SEA_LEVEL_PRESSURE): number {
  if (tntKg <= 0) return 0;
  const z = Math.max(distance, 1e-3) / Math.cbrt(tntKg);
  const num = 808 * (1 + (z / 4.5) ** 2);
  const den = Math.sqrt(1 + (z / 0.048) ** 2) * Math.sqrt(1 + (z / 0.32) ** 2) * Math.sqrt(1 + (z / 1.35) ** 2);
  return (num / den) * ambientPressure;
}

/** Distance (m) at which the peak overpressure falls to `pressure` (Pa): bisection on the monotone fit. */
export function rangeForOverpressure(pressure: number, tntKg: number): number {
  if (tntKg <= 0 || pressure <= 0) return 0;
  let lo = 1e-3;
  let hi = 1e6;
  if (peakOverpressure(lo, tntKg) < pressure) return 0;
  for (let i = 0; i < 200 && hi - lo > 1e-6 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (peakOverpressure(mid, tntKg) >= pressure) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

export const FRAGILITY_SIGMA = 0.3;

/** Probability that an element of the given P50 is destroyed by overpressure P (lognormal fragility). */
export function fragility(pressure: number, p50: number, sigma = FRAGILITY_SIGMA): number {
  if (pressure <= 0) return 0;
  return phi(Math.log(pressure / p50) / sigma);
}

export interface AssetFootprint {
  /** Radius (m) of the area the asset occupies (a point asset's critical area). */
  radius: number;
  /** Overpressure (Pa) at which half the asset's elements are destroyed. */
  p50: number;
}

/**
 * Expected fraction of the asset destroyed by one burst at `distance` d (m) from its centre, with the
 * asset's elements spread uniformly over a disc of radius R:
 *
 *   D = 1/(πR²) ∫₀^ρmax f(P(ρ)) · 2ρ · θ(ρ) dρ,
 *
 * integrating over circles of radius ρ around the burst, where θ(ρ) ∈ [0, π] is the half-angle of the
 * arc of that circle inside the disc (law of cosines: cos θ = (ρ² + d² − R²)/(2ρd)). The 1-D integral
 * is done by composite Simpson on 400 intervals up to the distance where f < 3e-5 — deterministic
 * and accurate to ~1e-4 relative for any ratio of lethal radius to asset radius.
 */
export function damageFraction(distance: number, tntKg: number, asset: AssetFootprint): number {
  if (tntKg <= 0) return 0;
  const d = Math.max(0, distance);
  const R = Math.max(asset.radius, 1e-6);
  const reach = rangeForOverpressure(asset.p50 * Math.exp(-4 * FRAGILITY_SIGMA), tntKg); // f < 3e-5 beyond
  const lo = Math.max(0, d - R);
  const hi = Math.min(reach, d + R);
  if (hi <= lo) return 0;
  const n = 400;
  const h = (hi - lo) / n;
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    const rho = lo + k * h;
    const w = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
    sum += w * integrand(rho, d, R, tntKg, asset.p50);
  }
  return Math.min(1, (sum * h) / 3 / (Math.PI * R * R));
}

function integrand(rho: number, d: number, R: number, tntKg: number, p50: number): number {
  let theta: number;
  if (rho + d <= R) theta = Math.PI; // whole circle inside the disc
  else if (rho <= 0 || d === 0) theta = 0;
  else theta = Math.acos(Math.max(-1, Math.min(1, (rho * rho + d * d - R * R) / (2 * rho * d))));
  if (theta === 0) return 0;
  return fragility(peakOverpressure(rho, tntKg), p50) * 2 * rho * theta;
}
