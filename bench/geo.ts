/**
 * geo benchmarks: the calls flight integration, sensors and tracking make in their inner loops —
 * ECEF → geodetic (Vermeille), J2 gravity with the rotating-frame terms, atmospheric density, and
 * AER from a precomputed local frame. Pre-generated inputs, results summed into a sink so the
 * JIT cannot drop the work.
 */
import { densityAt, standardAtmosphere } from '../src/geo/atmosphere.js';
import { ecefToGeodeticInto, geodeticToEcefInto } from '../src/geo/geodetic.js';
import { ecefFreeFallAccelerationInto, gravityJ2Into } from '../src/geo/gravity.js';
import { rayClearance } from '../src/geo/horizon.js';
import { aerInto, localFrame } from '../src/geo/local.js';
import { fmt, rate } from './rate.js';

let sink = 0;



export async function run(): Promise<void> {
  // 1024 points from −10 km to GEO altitude, all latitudes (deterministic LCG, no Math.random).
  const N = 1024;
  const pts = new Float64Array(3 * N);
  const heights = new Float64Array(N);
  let s = 12345;
  const u = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let i = 0; i < N; i++) {
    geodeticToEcefInto(pts, (u() - 0.5) * Math.PI, (u() - 0.5) * 2 * Math.PI, -10e3 + u() ** 3 * 36e6, 3 * i);
    heights[i] = -5000 + u() ** 2 * 1.2e6;
  }
  const out = new Float64Array(3);
  const state = new Float64Array(6 * N);
  for (let i = 0; i < N; i++) {
    state.set(pts.subarray(3 * i, 3 * i + 3), 6 * i);
    state[6 * i + 3] = 1000;
    state[6 * i + 4] = -2000;
    state[6 * i + 5] = 3000;
  }

  const geod = rate((reps) => {
    for (let i = 0; i < reps; i++) {
      ecefToGeodeticInto(out, pts, 0, 3 * (i & (N - 1)));
      sink += out[2];
    }
  });
  const fwd = rate((reps) => {
    for (let i = 0; i < reps; i++) {
      geodeticToEcefInto(out, 0.5 + (i & 7) * 0.01, 1.0, 1000, 0);
      sink += out[0];
    }
  });
  const grav = rate((reps) => {
    for (let i = 0; i < reps; i++) {
      gravityJ2Into(out, pts, 0, 3 * (i & (N - 1)));
      sink += out[0];
    }
  });
  const freeFall = rate((reps) => {
    for (let i = 0; i < reps; i++) {
      const o = 6 * (i & (N - 1));
      ecefFreeFallAccelerationInto(out, state, state, 0, o, o + 3);
      sink += out[0];
    }
  });
  const dens = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += densityAt(heights[i & (N - 1)]);
  });
  const densLow = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += densityAt((heights[i & (N - 1)] % 86000) - 1);
  });
  const atm = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += standardAtmosphere(heights[i & (N - 1)]).density;
  });
  const frame = localFrame({ lat: 0.6, lon: 0.2, h: 50 });
  const aer = rate((reps) => {
    for (let i = 0; i < reps; i++) {
      aerInto(out, frame, pts, 0, 3 * (i & (N - 1)));
      sink += out[1];
    }
  });
  const los = rate((reps) => {
    for (let i = 0; i < reps; i++) sink += rayClearance(frame.origin, pts, 4 / 3, 0, 0, 3 * (i & (N - 1)));
  });

  console.log(`ecefToGeodeticInto (−10 km … GEO)       ${fmt(geod)}`);
  console.log(`geodeticToEcefInto                      ${fmt(fwd)}`);
  console.log(`gravityJ2Into                           ${fmt(grav)}`);
  console.log(`ecefFreeFallAccelerationInto (J2+rot.)  ${fmt(freeFall)}`);
  console.log(`densityAt (−5 … 1200 km)                ${fmt(dens)}`);
  console.log(`densityAt (below 86 km, exact layers)   ${fmt(densLow)}`);
  console.log(`standardAtmosphere (object)             ${fmt(atm)}`);
  console.log(`aerInto (precomputed frame)             ${fmt(aer)}`);
  console.log(`rayClearance k = 4/3                    ${fmt(los)}`);
  if (sink === 42) console.log('');
}
