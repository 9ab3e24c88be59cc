/**
 * Where a sensor satellite is. The IR sensor only needs an ECEF position at a time, through the
 * `SatelliteEphemeris` interface; the World passes flight/'s satellites (SGP4 and Keplerian with
 * J2, `rampart/flight` `satelliteFromTle` / `satelliteFromElements`, whose `SatelliteFlyer`
 * implements this interface as is). `sense/` may not import `flight/` (same layer), so this file
 * holds a small stand-in for callers that pass nothing:
 *  - TLE → SGP4/SDP4 with satellite.js 7.1.0 (Vallado et al., AIAA 2006-6753), TEME → ECEF by
 *    the GMST rotation of geo/ (polar motion ignored);
 *  - classical elements → two-body Kepler motion (no J2 drift: over a day a GEO satellite's node
 *    moves < 0.01°; a Molniya orbit's perigee is frozen at 63.4° anyway), same inertial frame.
 */
import * as satellite from 'satellite.js';
import { GM_EARTH, eciToEcefStateInto, gmst } from '../geo/index.js';
import type { SatelliteSpec } from './spec.js';

/** A satellite's ECEF state at a time (seconds since the scenario epoch). */
export interface SatelliteEphemeris {
  readonly id: string;
  /** Writes [x, y, z, vx, vy, vz] (ECEF, m, m/s) at t into out (length ≥ 6); false if unavailable (decayed). */
  stateAt(t: number, out: Float64Array): boolean;
}

/** Makes the ephemeris of a scenario satellite (the World injects flight/'s models here). */
export type EphemerisFactory = (sat: SatelliteSpec, epochMs: number) => SatelliteEphemeris;

const UNIX_EPOCH_JD = 2440587.5;

/** Solves Kepler's equation M = E − e·sin E (Newton). */
function eccentricAnomaly(M: number, e: number): number {
  M %= 2 * Math.PI;
  let E = e < 0.8 ? M : Math.PI;
  for (let i = 0; i < 50; i++) {
    const d = (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
    E -= d;
    if (Math.abs(d) < 1e-14) break;
  }
  return E;
}

/** The stand-in ephemeris (see the file header). */
export const defaultEphemeris: EphemerisFactory = (sat, epochMs) => {
  if (sat.kind === 'tle') {
    const rec = satellite.twoline2satrec(sat.tle[0], sat.tle[1]);
    if (!rec || rec.error !== 0) throw new RangeError(`satellite ${sat.id}: the TLE does not initialise SGP4`);
    const offsetMin = (epochMs - (rec.jdsatepoch - UNIX_EPOCH_JD) * 86_400_000) / 60_000;
    return {
      id: sat.id,
      stateAt(t, out) {
        const pv = satellite.sgp4(rec, offsetMin + t / 60);
        if (!pv || typeof pv.position !== 'object' || typeof pv.velocity !== 'object') return false;
        out[0] = pv.position.x * 1000;
        out[1] = pv.position.y * 1000;
        out[2] = pv.position.z * 1000;
        out[3] = pv.velocity.x * 1000;
        out[4] = pv.velocity.y * 1000;
        out[5] = pv.velocity.z * 1000;
        eciToEcefStateInto(out, out, gmst(epochMs + t * 1000));
        return true;
      },
    };
  }
  const el = sat.elements;
  const { semiMajorAxis: a, eccentricity: e } = el;
  if (!(e >= 0 && e < 1) || !(a > 0)) throw new RangeError(`satellite ${sat.id}: not a closed orbit (a ${a} m, e ${e})`);
  const n = Math.sqrt(GM_EARTH / (a * a * a));
  const dt0 = (epochMs - el.epochMs) / 1000;
  const cO = Math.cos(el.raan), sO = Math.sin(el.raan);
  const cw = Math.cos(el.argumentOfPerigee), sw = Math.sin(el.argumentOfPerigee);
  const ci = Math.cos(el.inclination), si = Math.sin(el.inclination);
  // Perifocal P and Q axes in the inertial frame: columns of R3(−Ω)R1(−i)R3(−ω) (Vallado §2.6).
  const px = cO * cw - sO * sw * ci, py = sO * cw + cO * sw * ci, pz = sw * si;
  const qx = -cO * sw - sO * cw * ci, qy = -sO * sw + cO * cw * ci, qz = cw * si;
  const sq = Math.sqrt(1 - e * e);
  return {
    id: sat.id,
    stateAt(t, out) {
      const E = eccentricAnomaly(el.meanAnomaly + n * (dt0 + t), e);
      const cE = Math.cos(E), sE = Math.sin(E);
      const xp = a * (cE - e), yp = a * sq * sE;
      const r = a * (1 - e * cE);
      const f = Math.sqrt(GM_EARTH * a) / r;
      const vxp = -f * sE, vyp = f * sq * cE;
      out[0] = px * xp + qx * yp;
      out[1] = py * xp + qy * yp;
      out[2] = pz * xp + qz * yp;
      out[3] = px * vxp + qx * vyp;
      out[4] = py * vxp + qy * vyp;
      out[5] = pz * vxp + qz * vyp;
      eciToEcefStateInto(out, out, gmst(epochMs + t * 1000));
      return true;
    },
  };
};
