/**
 * Horizon, line of sight and Earth-limb geometry.
 *
 * Model. A ray between two points is blocked when it passes below a "shell" at height g above
 * the WGS-84 ellipsoid (g = 0: the surface; g > 0: a grazing altitude such as cloud tops or the
 * IR limb). Two ideas are combined:
 *
 * 1. The ellipsoid becomes a sphere under the affine map z → z·(a+g)/(b+g) (straight lines stay
 *    straight), so "does the segment cross the ellipsoid with semi-axes (a+g, b+g)?" is answered
 *    exactly by the distance from the centre to a segment. The shell of constant geodetic height
 *    g is that ellipsoid to within ~g·e²/2 (a few metres for g = 20 km; exact at equator and
 *    poles), and the clearance this returns is a height above the shell measured in the scaled
 *    space: exact on the equator and along meridians at the poles, otherwise within 0.34 % (f) of
 *    the clearance itself.
 *
 * 2. Atmospheric refraction by the effective-Earth-radius factor k (Schelleng, Burrows & Ferrell,
 *    Proc. IRE 21:427, 1933; Skolnik, "Introduction to Radar Systems", 3rd ed.; ITU-R P.834):
 *    a ray whose curvature is (1 − 1/k)/R relative to the ground behaves like a straight ray over
 *    an Earth of radius kR. So both points keep their heights h above the shell and the arc length
 *    between their ground points, i.e. the central angle γ becomes γ/k on a sphere of radius kR,
 *    and the test is whether the straight ray on that k-scaled Earth dips below its surface.
 *    k = 4/3 is the standard radar value (standard atmosphere, ~1/4 of the Earth's curvature);
 *    k = 1 is the geometric (optical, space) case; k = 1 takes the exact 3-D branch.
 *    The k-model is meant for paths in the lower atmosphere; for rays that leave it (a radar
 *    looking at a target in space) it somewhat overstates the bending far from the radar.
 *
 * Classical horizon: d = √(2kRh₁) + √(2kRh₂) (h ≪ R), exact spherical tangent form
 * d = √(2kRh₁ + h₁²) + √(2kRh₂ + h₂²) (straight-line distance to the common tangent point).
 */
import { EARTH_MEAN_RADIUS, WGS84_A, WGS84_B } from './constants.js';

function checkK(k: number): void {
  if (!(k > 0) || !Number.isFinite(k)) {
    throw new RangeError(`effective-Earth-radius factor k must be a positive finite number, got ${k}`);
  }
}

/**
 * Lowest height (m) above the shell at geodetic height `shell` of the straight ray between the
 * ECEF points a and b, on the k-scaled Earth (see the file header). Negative: the ray passes
 * below the shell (through the Earth when shell = 0). Allocation-free.
 */
export function rayClearance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  k = 1,
  shell = 0,
  aOffset = 0,
  bOffset = 0,
): number {
  checkK(k);
  const as = WGS84_A + shell;
  const scale = as / (WGS84_B + shell);
  const ax = a[aOffset];
  const ay = a[aOffset + 1];
  const az = a[aOffset + 2] * scale;
  const bx = b[bOffset];
  const by = b[bOffset + 1];
  const bz = b[bOffset + 2] * scale;
  if (k === 1) {
    // Exact: distance from the centre to the segment in the scaled space.
    const dx = bx - ax;
    const dy = by - ay;
    const dz = bz - az;
    const dd = dx * dx + dy * dy + dz * dz;
    let t = dd > 0 ? -(ax * dx + ay * dy + az * dz) / dd : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const px = ax + t * dx;
    const py = ay + t * dy;
    const pz = az + t * dz;
    return Math.sqrt(px * px + py * py + pz * pz) - as;
  }
  // k-scaled Earth: keep heights and arc length, so radius kR and central angle γ/k (2-D).
  const ra = Math.sqrt(ax * ax + ay * ay + az * az);
  const rb = Math.sqrt(bx * bx + by * by + bz * bz);
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  const gamma = Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
  const re = k * as;
  const rho1 = re + (ra - as);
  const rho2 = re + (rb - as);
  const ge = gamma / k;
  const p2x = rho2 * Math.cos(ge);
  const p2y = rho2 * Math.sin(ge);
  const dx = p2x - rho1;
  const dy = p2y;
  const dd = dx * dx + dy * dy;
  let t = dd > 0 ? -(rho1 * dx) / dd : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const px = rho1 + t * dx;
  const py = t * dy;
  return Math.sqrt(px * px + py * py) - re;
}

/**
 * True when the straight ray between ECEF points a and b clears the Earth (k-scaled, see the file
 * header) by at least `minClearance` metres: k = 4/3 for radar, 1 for optical/geometric.
 */
export function lineOfSight(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  k = 1,
  minClearance = 0,
): boolean {
  return rayClearance(a, b, k, minClearance) >= 0;
}

/** What a space-based sensor sees of a point: occlusion by the limb and the background. */
export interface LimbView {
  /** The sensor→target segment stays above the grazing shell. */
  visible: boolean;
  /** Lowest height (m) of the segment above the grazing shell (≥ 0 ⇔ visible). */
  clearance: number;
  /**
   * The ray continued beyond the target passes below the grazing shell: the target is seen
   * against the Earth (look-down), otherwise against space (above the limb).
   */
  againstEarth: boolean;
  /** Lowest height (m) above the grazing shell of the ray beyond the target. */
  backgroundClearance: number;
}

/**
 * Earth-limb test for a sensor in space looking at an ECEF point, straight rays (no refraction),
 * with an optional grazing altitude (m), e.g. 20 km for cloud tops / the IR limb: a target
 * below the grazing altitude is not visible.
 */
export function limbView(
  sensor: ArrayLike<number>,
  target: ArrayLike<number>,
  grazingAltitude = 0,
): LimbView {
  const as = WGS84_A + grazingAltitude;
  const scale = as / (WGS84_B + grazingAltitude);
  const sx = sensor[0];
  const sy = sensor[1];
  const sz = sensor[2] * scale;
  const dx = target[0] - sx;
  const dy = target[1] - sy;
  const dz = target[2] * scale - sz;
  const dd = dx * dx + dy * dy + dz * dz;
  const tStar = dd > 0 ? -(sx * dx + sy * dy + sz * dz) / dd : 0;
  const dist = (t: number): number => {
    const px = sx + t * dx;
    const py = sy + t * dy;
    const pz = sz + t * dz;
    return Math.sqrt(px * px + py * py + pz * pz) - as;
  };
  const clearance = dist(tStar < 0 ? 0 : tStar > 1 ? 1 : tStar);
  const backgroundClearance = dist(tStar > 1 ? tStar : 1);
  return {
    visible: clearance >= 0,
    clearance,
    againstEarth: backgroundClearance < 0,
    backgroundClearance,
  };
}

function checkHeight(name: string, h: number): void {
  if (!(h >= 0) || !Number.isFinite(h)) {
    throw new RangeError(`${name} must be a finite height ≥ 0 m, got ${h}`);
  }
}

/**
 * Classical radio/optical horizon range (m) between heights h1 and h2 (m) over a sphere of
 * radius R scaled by k: √(2kR·h1) + √(2kR·h2). Accurate while h ≪ R (e.g. 10 m antenna,
 * k = 4/3: 13.03 km to a sea-level target).
 */
export function horizonRange(h1: number, h2 = 0, k = 1, radius = EARTH_MEAN_RADIUS): number {
  checkHeight('h1', h1);
  checkHeight('h2', h2);
  checkK(k);
  const kr2 = 2 * k * radius;
  return Math.sqrt(kr2 * h1) + Math.sqrt(kr2 * h2);
}

/**
 * Exact spherical horizon range (m): the straight-line distances from each point to the common
 * tangent point on the sphere of radius kR, √((kR + h)² − (kR)²) = √(2kRh + h²), summed.
 */
export function horizonRangeExact(h1: number, h2 = 0, k = 1, radius = EARTH_MEAN_RADIUS): number {
  checkHeight('h1', h1);
  checkHeight('h2', h2);
  checkK(k);
  const kr = k * radius;
  return Math.sqrt(h1 * (2 * kr + h1)) + Math.sqrt(h2 * (2 * kr + h2));
}

/**
 * Ground (arc) distance (m) on the real sphere of radius R between the sub-points of two objects
 * at heights h1, h2 that just see each other over the k-scaled Earth:
 * kR·(atan(√(2kRh1 + h1²)/kR) + atan(√(2kRh2 + h2²)/kR)).
 */
export function horizonGroundRange(h1: number, h2 = 0, k = 1, radius = EARTH_MEAN_RADIUS): number {
  checkHeight('h1', h1);
  checkHeight('h2', h2);
  checkK(k);
  const kr = k * radius;
  return (
    kr * (Math.atan(Math.sqrt(h1 * (2 * kr + h1)) / kr) + Math.atan(Math.sqrt(h2 * (2 * kr + h2)) / kr))
  );
}
