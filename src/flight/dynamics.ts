/**
 * Point-mass equations of motion of a flying body in the Earth-centred Earth-fixed (ECEF) frame.
 *
 * Frame choice: ECEF, rotating with the Earth at ω about z (WGS-84 rate). The simulator's world
 * frame is ECEF, the atmosphere co-rotates with the Earth (so the air-relative velocity is simply
 * the ECEF velocity) and J2 gravity is axisymmetric (so it has the same form in ECEF as in an
 * inertial frame); integrating in ECEF therefore needs no frame conversion per step. The price
 * is the two apparent accelerations of a rotating frame (Goldstein, "Classical Mechanics", §4.10;
 * Zipfel, "Modeling and Simulation of Aerospace Vehicle Dynamics", §10.2):
 *
 *   r̈ = g(r) − 2 ω×ṙ − ω×(ω×r) + a_drag + a_thrust,
 *   a_drag = −ρ(h) |ṙ| ṙ / (2β),   β = m / (C_D·A)  (ballistic coefficient, kg/m²),
 *
 * where ṙ is the ECEF (= air-relative) velocity. With rotation off, ω = 0 and ECEF is an
 * inertial frame fixed to a non-rotating Earth.
 *
 * Earth options:
 *  - `sphere`: point-mass gravity g = −μ r/|r|³ with μ = 3.986004418e14 m³/s², R = 6,371,000 m;
 *    heights above that sphere; sub-points are geocentric latitude/longitude.
 *  - `wgs84`: gravity with J2 from geo (`gravityJ2Into`), heights above the WGS-84 ellipsoid,
 *    geodetic sub-points and geodesic ground ranges (geo).
 * Atmosphere options: none; the US Standard Atmosphere 1976 (geo's `densityAt`) up to
 * `DRAG_CEILING` (above it drag is dropped — at 120 km ρ ≈ 2e-8 kg/m³, so a β = 5000 kg/m² body
 * at 7 km/s decelerates by ~1e-4 m/s², which changes nothing measurable over a pass); or an
 * exponential atmosphere ρ = ρ0 exp(−h/H) (for checks against closed forms such as Allen–Eggers).
 */
import {
  densityAt,
  ecefToGeodeticInto,
  ellipsoidHeight,
  geodesicInverse,
  geodeticNormalInto,
  geodeticToEcefInto,
  GM_EARTH,
  gravityJ2Into,
  greatCircleDistance,
  J2,
  OMEGA_EARTH,
  rotatingFrameAccelerationInto,
  WGS84_A,
} from '../geo/index.js';
import type { Derivative } from './integrator.js';
import { SPHERE_MU, SPHERE_RADIUS } from './kepler.js';

export type EarthShape = 'sphere' | 'wgs84';

/** Atmosphere for drag. */
export type AtmosphereModel =
  | { kind: 'none' }
  | { kind: 'us1976' }
  | { kind: 'exponential'; /** sea-level density kg/m³ */ density0: number; /** scale height m */ scaleHeight: number };

export interface EarthOptions {
  earth: EarthShape;
  rotation: boolean;
  atmosphere: AtmosphereModel;
}

/** The truth world: WGS-84 with J2, rotating, US Standard Atmosphere 1976. */
export const TRUTH_EARTH: EarthOptions = Object.freeze({
  earth: 'wgs84',
  rotation: true,
  atmosphere: Object.freeze({ kind: 'us1976' }) as AtmosphereModel,
}) as EarthOptions;

/** Height (m) above which drag is not computed (see the file header). */
export const DRAG_CEILING = 120_000;

/**
 * The reference Earth of a flight: gravity, heights, sub-points and surface distances for the
 * `sphere` or `wgs84` option. Methods are allocation-free unless noted.
 */
export interface EarthModel {
  readonly shape: EarthShape;
  /** Gravitational parameter (m³/s²). */
  readonly mu: number;
  /** Rotation rate used by the equations of motion (rad/s; 0 with rotation off). */
  readonly omega: number;
  /** Largest radius of the reference surface (m): a point farther than this + h is above h. */
  readonly maxRadius: number;
  /** Gravity acceleration (m/s², ECEF) at r[ro..ro+2] into out[0..2]. */
  gravityInto(out: Float64Array, r: ArrayLike<number>, ro?: number): void;
  /** Height (m) above the reference surface of r[ro..ro+2]. */
  height(r: ArrayLike<number>, ro?: number): number;
  /** Surface coordinates [lat, lon, h] (rad, rad, m) of r into out[0..2]. */
  surfaceCoordinatesInto(out: Float64Array, r: ArrayLike<number>, ro?: number): Float64Array;
  /** ECEF position of surface coordinates (lat, lon, h) into out[o..o+2]. */
  positionInto(out: Float64Array, lat: number, lon: number, h: number, o?: number): Float64Array;
  /** Outward unit normal of the reference surface at (lat, lon) ("up") into out[o..o+2]. */
  upInto(out: Float64Array, lat: number, lon: number, o?: number): Float64Array;
  /** Distance along the surface between two sub-points (m): great circle or WGS-84 geodesic. */
  surfaceDistance(lat1: number, lon1: number, lat2: number, lon2: number): number;
}

const scratch3 = new Float64Array(3);

/** The `sphere` option: R = 6,371,000 m, μ = 3.986004418e14 m³/s², point-mass gravity. */
export function sphereEarth(rotation: boolean): EarthModel {
  const R = SPHERE_RADIUS;
  const mu = SPHERE_MU;
  return {
    shape: 'sphere',
    mu,
    omega: rotation ? OMEGA_EARTH : 0,
    maxRadius: R,
    gravityInto(out, r, ro = 0) {
      // Newton: g = −μ r / |r|³
      const x = r[ro], y = r[ro + 1], z = r[ro + 2];
      const r2 = x * x + y * y + z * z;
      const k = -mu / (r2 * Math.sqrt(r2));
      out[0] = k * x;
      out[1] = k * y;
      out[2] = k * z;
    },
    height(r, ro = 0) {
      const x = r[ro], y = r[ro + 1], z = r[ro + 2];
      return Math.sqrt(x * x + y * y + z * z) - R;
    },
    surfaceCoordinatesInto(out, r, ro = 0) {
      const x = r[ro], y = r[ro + 1], z = r[ro + 2];
      const rxy = Math.sqrt(x * x + y * y);
      out[0] = Math.atan2(z, rxy);
      out[1] = Math.atan2(y, x);
      out[2] = Math.sqrt(rxy * rxy + z * z) - R;
      return out;
    },
    positionInto(out, lat, lon, h, o = 0) {
      const rr = R + h, c = Math.cos(lat);
      out[o] = rr * c * Math.cos(lon);
      out[o + 1] = rr * c * Math.sin(lon);
      out[o + 2] = rr * Math.sin(lat);
      return out;
    },
    upInto(out, lat, lon, o = 0) {
      // On a sphere the geocentric and "geodetic" normals coincide.
      return geodeticNormalInto(out, lat, lon, o);
    },
    surfaceDistance(lat1, lon1, lat2, lon2) {
      return greatCircleDistance(lat1, lon1, lat2, lon2, R);
    },
  };
}

/** The `wgs84` option: J2 gravity, ellipsoidal heights, geodesic distances (all from geo). */
export function wgs84Earth(rotation: boolean): EarthModel {
  return {
    shape: 'wgs84',
    mu: GM_EARTH,
    omega: rotation ? OMEGA_EARTH : 0,
    maxRadius: WGS84_A,
    gravityInto(out, r, ro = 0) {
      gravityJ2Into(out, r, 0, ro);
    },
    height(r, ro = 0) {
      return ellipsoidHeight(r, ro);
    },
    surfaceCoordinatesInto(out, r, ro = 0) {
      return ecefToGeodeticInto(out, r, 0, ro);
    },
    positionInto(out, lat, lon, h, o = 0) {
      return geodeticToEcefInto(out, lat, lon, h, o);
    },
    upInto(out, lat, lon, o = 0) {
      return geodeticNormalInto(out, lat, lon, o);
    },
    surfaceDistance(lat1, lon1, lat2, lon2) {
      return geodesicInverse(lat1, lon1, lat2, lon2).distance;
    },
  };
}

/** The Earth model of a set of options. */
export function earthModel(options: EarthOptions): EarthModel {
  return options.earth === 'sphere' ? sphereEarth(options.rotation) : wgs84Earth(options.rotation);
}

/** Forces other than gravity that a body feels: its drag figure and, while a motor burns, thrust. */
export interface Vehicle {
  /** Ballistic coefficient β = m/(C_D·A) at time t (kg/m²); Infinity means no drag. */
  ballisticCoefficient(t: number): number;
  /**
   * Adds the thrust acceleration (m/s², ECEF) at (t, y) to acc[0..2] — or any other commanded
   * acceleration besides gravity and drag (lift, a guidance command). Absent or a no-op when no
   * motor burns. Must not allocate.
   */
  addThrust?(t: number, y: Float64Array, acc: Float64Array): void;
}

/** A body with no thrust and a constant ballistic coefficient (Infinity: no drag). */
export function ballisticBody(ballisticCoefficient: number): Vehicle {
  return { ballisticCoefficient: () => ballisticCoefficient };
}

/**
 * The equations of motion for one body. `derivative` is the function handed to the integrator;
 * the vehicle may be swapped between integration segments (e.g. booster → re-entry vehicle).
 * State y = [x, y, z, vx, vy, vz] ECEF (m, m/s).
 */
export class PointMassDynamics {
  readonly earth: EarthModel;
  readonly options: EarthOptions;
  vehicle: Vehicle;
  readonly derivative: Derivative;
  /** Derivative evaluations (for benchmarks). */
  evaluations = 0;

  constructor(options: EarthOptions, vehicle: Vehicle) {
    this.options = options;
    this.earth = earthModel(options);
    this.vehicle = vehicle;
    const earth = this.earth;
    const omega = earth.omega;
    const atm = options.atmosphere;
    const atmosphere = atm.kind !== 'none';
    const exponential = atm.kind === 'exponential';
    const rho0 = atm.kind === 'exponential' ? atm.density0 : 0;
    const invH = atm.kind === 'exponential' ? 1 / atm.scaleHeight : 0;
    // Above this height drag is negligible (US 1976) — the exponential model is used everywhere
    // it is asked for, up to 40 scale heights (ρ/ρ0 < 1e-17).
    const ceiling = exponential ? 40 * (atm as { scaleHeight: number }).scaleHeight : DRAG_CEILING;
    const ceilingRadius = earth.maxRadius + ceiling;
    const ceilingRadius2 = ceilingRadius * ceilingRadius;
    const acc = new Float64Array(3);
    const rot = new Float64Array(3);
    this.derivative = (t, y, dydt) => {
      this.evaluations++;
      const x = y[0], yy = y[1], z = y[2];
      const vx = y[3], vy = y[4], vz = y[5];
      earth.gravityInto(acc, y, 0);
      if (omega !== 0) {
        // Coriolis −2ω×v and centrifugal −ω×(ω×r) (geo).
        rotatingFrameAccelerationInto(rot, y, y, 0, 0, 3);
        acc[0] += rot[0];
        acc[1] += rot[1];
        acc[2] += rot[2];
      }
      if (atmosphere && x * x + yy * yy + z * z < ceilingRadius2) {
        const beta = this.vehicle.ballisticCoefficient(t);
        if (beta < Infinity) {
          const h = earth.height(y, 0);
          if (h < ceiling) {
            const rho = exponential ? rho0 * Math.exp(-h * invH) : densityAt(h);
            const k = (rho * Math.sqrt(vx * vx + vy * vy + vz * vz)) / (2 * beta);
            acc[0] -= k * vx;
            acc[1] -= k * vy;
            acc[2] -= k * vz;
          }
        }
      }
      const thrust = this.vehicle.addThrust;
      if (thrust !== undefined) thrust.call(this.vehicle, t, y, acc);
      dydt[0] = vx;
      dydt[1] = vy;
      dydt[2] = vz;
      dydt[3] = acc[0];
      dydt[4] = acc[1];
      dydt[5] = acc[2];
    };
  }

  /** Rate of change of height dh/dt = v·n̂ (n̂ the outward surface normal at the sub-point). */
  heightRate(y: ArrayLike<number>): number {
    const s = this.earth.surfaceCoordinatesInto(scratch3, y, 0);
    const lat = s[0], lon = s[1];
    const c = Math.cos(lat);
    return y[3] * c * Math.cos(lon) + y[4] * c * Math.sin(lon) + y[5] * Math.sin(lat);
  }
}

/** J2 of the wgs84 option (re-exported for reference computations in tests and docs). */
export const WGS84_J2 = J2;
