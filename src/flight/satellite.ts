/**
 * Satellites (Flyer kind 'satellite'): space-based infrared sensors' platforms and anything else
 * on orbit, present from the start of the scenario (launchTime 0), positions in ECEF at sim time
 * t (seconds since the scenario epoch).
 *
 * Two models:
 *  - TLE → SGP4/SDP4 with satellite.js 7.1.0 (Vallado, Crawford, Hujsak & Kelso, "Revisiting
 *    Spacetrack Report #3", AIAA 2006-6753). SGP4 works in TEME; TEME → ECEF is the rotation by
 *    the Greenwich mean sidereal time (IAU-82) of geo/ (`gmst`, the same angle satellite.js's
 *    `gstime` returns), with the transport term for velocity (`eciToEcefStateInto`); polar motion
 *    ignored. Time since the TLE epoch in minutes: tsince = (JD(scenario epoch) − JD_TLE)·1440 +
 *    t/60, the constant part computed once (in milliseconds, see satelliteFromTle).
 *  - Keplerian elements → two-body motion, optionally with the secular J2 drift of the node,
 *    perigee and mean anomaly (Vallado, "Fundamentals of Astrodynamics and Applications", 4th
 *    ed., eqs. 9-41; Kozai 1959):
 *      n = √(μ/a³), p = a(1 − e²), k = (3/2)·J2·(R⊕/p)²·n
 *      Ω̇ = −k·cos i,   ω̇ = (k/2)·(5cos²i − 1),   Ṁ = n + (k/2)·√(1 − e²)·(3cos²i − 1).
 *    Kepler's equation M = E − e·sin E by Newton's method; perifocal → inertial by R3(−Ω)R1(−i)R3(−ω)
 *    (Vallado §2.6). The elements are taken in the same inertial frame as TEME (geo's ECI), so
 *    the ECEF conversion is the one above. μ = GM of WGS-84, R⊕ = a of WGS-84, J2 from geo/.
 * Both evaluate a state directly at the requested time (no integration, no drift with step size).
 */
import {
  GM_EARTH,
  J2,
  WGS84_A,
  ecefToGeodeticInto,
  eciToEcefStateInto,
  epochMs,
  gmst,
} from '../geo/index.js';
import * as satellite from 'satellite.js';
import { UserError } from '../errors.js';
import type { FlightStatus, Flyer, ImpactPoint } from './types.js';

/** Julian date of 1970-01-01T00:00:00Z. */
const UNIX_EPOCH_JD = 2440587.5;

/** Classical orbital elements (SI: m, rad) at `epoch` (a Date or Unix milliseconds, UTC). */
export interface KeplerianElements {
  semiMajorAxis: number;
  eccentricity: number;
  inclination: number;
  /** Right ascension of the ascending node Ω. */
  raan: number;
  /** Argument of perigee ω. */
  argumentOfPerigee: number;
  /** Mean anomaly M at the epoch. */
  meanAnomaly: number;
  epoch: Date | number;
}

/** Secular J2 rates of Ω, ω and M (rad/s) of a set of elements (see the file header). */
export function j2SecularRates(el: Pick<KeplerianElements, 'semiMajorAxis' | 'eccentricity' | 'inclination'>): {
  raanRate: number; argumentOfPerigeeRate: number; meanAnomalyRate: number; meanMotion: number;
} {
  const a = el.semiMajorAxis, e = el.eccentricity, ci = Math.cos(el.inclination);
  const n = Math.sqrt(GM_EARTH / (a * a * a));
  const p = a * (1 - e * e);
  const k = 1.5 * J2 * (WGS84_A / p) ** 2 * n;
  return {
    meanMotion: n,
    raanRate: -k * ci,
    argumentOfPerigeeRate: 0.5 * k * (5 * ci * ci - 1),
    meanAnomalyRate: n + 0.5 * k * Math.sqrt(1 - e * e) * (3 * ci * ci - 1),
  };
}

/** Solves Kepler's equation M = E − e sin E for E (Newton, |ΔE| < 1e-15). */
export function eccentricAnomaly(meanAnomaly: number, e: number): number {
  const M = meanAnomaly % (2 * Math.PI);
  let E = e < 0.8 ? M : Math.PI;
  for (let i = 0; i < 50; i++) {
    const d = (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
    E -= d;
    if (Math.abs(d) < 1e-15) break;
  }
  return E;
}

/**
 * Inertial (TEME-frame) state [x y z vx vy vz] (m, m/s) of the elements `dt` seconds after their
 * epoch, with or without the secular J2 drift. Allocation-free.
 */
export function keplerStateInto(out: Float64Array, el: KeplerianElements, dt: number, withJ2: boolean): Float64Array {
  const a = el.semiMajorAxis, e = el.eccentricity, inc = el.inclination;
  const rates = withJ2 ? j2SecularRates(el) : undefined;
  const n = Math.sqrt(GM_EARTH / (a * a * a));
  const raan = el.raan + (rates ? rates.raanRate * dt : 0);
  const argp = el.argumentOfPerigee + (rates ? rates.argumentOfPerigeeRate * dt : 0);
  const M = el.meanAnomaly + (rates ? rates.meanAnomalyRate : n) * dt;
  const E = eccentricAnomaly(M, e);
  const cE = Math.cos(E), sE = Math.sin(E);
  const sq = Math.sqrt(1 - e * e);
  // Perifocal position and velocity from the eccentric anomaly (Curtis, "Orbital Mechanics for
  // Engineering Students", §3.4 and §4.6; Vallado §2.3).
  const xp = a * (cE - e), yp = a * sq * sE;
  const r = a * (1 - e * cE);
  const f = Math.sqrt(GM_EARTH * a) / r;
  const vxp = -f * sE, vyp = f * sq * cE;
  const cO = Math.cos(raan), sO = Math.sin(raan), cw = Math.cos(argp), sw = Math.sin(argp);
  const ci = Math.cos(inc), si = Math.sin(inc);
  // Columns of R3(−Ω)R1(−i)R3(−ω) for the perifocal P and Q axes.
  const px = cO * cw - sO * sw * ci, py = sO * cw + cO * sw * ci, pz = sw * si;
  const qx = -cO * sw - sO * cw * ci, qy = -sO * sw + cO * cw * ci, qz = cw * si;
  out[0] = px * xp + qx * yp;
  out[1] = py * xp + qy * yp;
  out[2] = pz * xp + qz * yp;
  out[3] = px * vxp + qx * vyp;
  out[4] = py * vxp + qy * vyp;
  out[5] = pz * vxp + qz * vyp;
  return out;
}

/** A satellite whose inertial state is a closed-form function of time. */
export class SatelliteFlyer implements Flyer {
  readonly kind = 'satellite' as const;
  readonly launchTime = 0;
  readonly state = new Float64Array(6);
  /** Inertial (TEME) state at `time`, m and m/s. */
  readonly inertialState = new Float64Array(6);
  private _time = 0;
  private _status: FlightStatus = 'flying';
  private _phase = 'orbit';
  private readonly epochMs: number;

  constructor(
    readonly id: string,
    /** Scenario epoch (Date or Unix ms). */
    epoch: Date | number,
    /** Writes the inertial state at t (s since the scenario epoch); false if the model fails (decay). */
    private readonly inertialAt: (t: number, out: Float64Array) => boolean,
  ) {
    this.epochMs = epochMs(epoch);
    this.advance(0);
  }

  get time(): number { return this._time; }
  get status(): FlightStatus { return this._status; }
  get phase(): string { return this._phase; }
  get thrusting(): boolean { return false; }
  get impact(): ImpactPoint | undefined { return undefined; }

  /** ECEF state at any time t (s since the scenario epoch) into out, without changing the flyer. */
  stateAt(t: number, out: Float64Array): boolean {
    if (!this.inertialAt(t, out)) return false;
    eciToEcefStateInto(out, out, gmst(this.epochMs + t * 1000));
    return true;
  }

  advance(t: number): FlightStatus {
    if (this._status !== 'flying') {
      this._time = Math.max(this._time, t);
      return this._status;
    }
    if (!this.inertialAt(t, this.inertialState)) {
      // SGP4 reports decay or a degenerate orbit: the object is gone.
      this._status = 'destroyed';
      this._phase = 'decayed';
      return this._status;
    }
    this._time = t;
    eciToEcefStateInto(this.state, this.inertialState, gmst(this.epochMs + t * 1000));
    return this._status;
  }

  destroy(t: number): void {
    if (this._status !== 'flying') return;
    this.advance(t);
    this._status = 'destroyed';
    this._phase = 'destroyed';
  }

  /** Sub-satellite point and height (rad, rad, m) at the current time into out. */
  geodeticInto(out: Float64Array): Float64Array {
    return ecefToGeodeticInto(out, this.state);
  }
}

/**
 * A satellite from a two-line element set (SGP4/SDP4, satellite.js 7.1.0). `epoch` is the
 * scenario epoch; the TLE's own epoch may be before or after it. Throws `UserError` for a TLE
 * satellite.js cannot parse or initialise.
 */
export function satelliteFromTle(id: string, line1: string, line2: string, epoch: Date | number): SatelliteFlyer {
  let satrec: satellite.SatRec;
  try {
    satrec = satellite.twoline2satrec(line1, line2);
  } catch (e) {
    throw new UserError(`${id}: cannot read the TLE (${(e as Error).message})`);
  }
  if (!satrec || satrec.error !== 0 || !Number.isFinite(satrec.jdsatepoch)) {
    throw new UserError(`${id}: the TLE does not initialise SGP4 (satellite.js error ${satrec?.error})`);
  }
  // Minutes from the TLE epoch to the scenario epoch, formed in milliseconds so that no Julian
  // date near 2.45e6 (resolution 40 µs) enters a difference: (JD_TLE − JD_Unix0) is days since 1970.
  const offsetMin = (epochMs(epoch) - (satrec.jdsatepoch - UNIX_EPOCH_JD) * 86_400_000) / 60_000;
  const rec = satrec;
  return new SatelliteFlyer(id, epoch, (t, out) => {
    const pv = satellite.sgp4(rec, offsetMin + t / 60);
    if (!pv || typeof pv.position !== 'object' || typeof pv.velocity !== 'object') return false;
    out[0] = pv.position.x * 1000;
    out[1] = pv.position.y * 1000;
    out[2] = pv.position.z * 1000;
    out[3] = pv.velocity.x * 1000;
    out[4] = pv.velocity.y * 1000;
    out[5] = pv.velocity.z * 1000;
    return true;
  });
}

/**
 * A satellite from Keplerian elements: two-body motion, with the secular J2 drift unless
 * `j2` is false. Throws `UserError` for elements that do not describe a closed orbit above the
 * Earth's surface.
 */
export function satelliteFromElements(
  id: string, elements: KeplerianElements, epoch: Date | number, options: { j2?: boolean } = {},
): SatelliteFlyer {
  const { semiMajorAxis: a, eccentricity: e } = elements;
  if (!(e >= 0 && e < 1)) throw new UserError(`${id}: eccentricity must be in [0, 1), got ${e}`);
  if (!(a * (1 - e) > WGS84_A)) {
    throw new UserError(`${id}: perigee radius ${(a * (1 - e)) / 1000} km is inside the Earth`);
  }
  for (const k of ['inclination', 'raan', 'argumentOfPerigee', 'meanAnomaly'] as const) {
    if (!Number.isFinite(elements[k])) throw new UserError(`${id}: ${k} must be a finite angle (rad)`);
  }
  const withJ2 = options.j2 ?? true;
  const dt0 = (epochMs(epoch) - epochMs(elements.epoch)) / 1000;
  return new SatelliteFlyer(id, epoch, (t, out) => {
    keplerStateInto(out, elements, dt0 + t, withJ2);
    return true;
  });
}
