/**
 * Non-ballistic truth flight: a raid of 1,000 one-way attack drones over one simulated hour
 * (1 s ticks), interceptor flyouts per second, and the cost of building cruise/glide flyers.
 * Prints figures only (no assertions).
 */
import { readFileSync } from 'node:fs';
import { cruiseMissile } from '../src/flight/cruise.js';
import { oneWayAttackDrone } from '../src/flight/drone.js';
import { glideVehicle } from '../src/flight/glide.js';
import { type InterceptorType, launchInterceptor } from '../src/flight/interceptor.js';
import type { AirBreatherType } from '../src/flight/route.js';
import { stream } from '../src/math/index.js';
import { enuRotationInto, geodeticToEcefInto } from '../src/geo/index.js';

const DEG = Math.PI / 180;

function catalog(): { threats: (AirBreatherType & { threat_class: string })[]; interceptors: InterceptorType[] } {
  return JSON.parse(readFileSync(new URL('../catalog/catalog.json', import.meta.url), 'utf8'));
}

export async function run(): Promise<void> {
  const cat = catalog();
  const shahed = cat.threats.find((t) => t.id === 'shahed-136')!;

  // --- 1,000 drones: launched over 30 min from a 100 km-wide area toward a city, 2 waypoints each.
  const N = 1000;
  const t0 = performance.now();
  const drones = [];
  for (let i = 0; i < N; i++) {
    const rng = stream(42, `bench/drone-${i}`);
    const launch = { lat: (46 + rng.uniform()) * DEG, lon: (36 + rng.uniform()) * DEG };
    drones.push(oneWayAttackDrone(shahed, {
      id: `drone-${i}`, launchTime: 1.8 * i,
      launch,
      waypoints: [{ lat: 47.6 * DEG, lon: 34.4 * DEG }, { lat: 49.0 * DEG, lon: 32.8 * DEG }],
      target: { lat: 50.45 * DEG, lon: 30.52 * DEG },
      dispersion: { waypointSigma: 2000 },
    }, rng));
  }
  const build = performance.now() - t0;
  let advances = 0, flying = 0;
  let checksum = 0;
  const t1 = performance.now();
  for (let t = 0; t <= 3600; t += 1) {
    for (let i = 0; i < N; i++) {
      const d = drones[i];
      if (d.advance(t) === 'flying') flying++;
      checksum += d.state[0];
      advances++;
    }
  }
  const wall = (performance.now() - t1) / 1000;
  console.log(`drones: ${N} built in ${build.toFixed(0)} ms (${(build / N).toFixed(2)} ms each, ` +
    `${drones.reduce((s, d) => s + d.route.nodeS.length, 0) / N} nodes avg)`);
  console.log(`drones: 1 h at 1 s ticks: ${advances.toLocaleString('en-US')} advances (${flying.toLocaleString('en-US')} in flight) ` +
    `in ${wall.toFixed(2)} s = ${(advances / wall / 1e6).toFixed(2)} M advances/s; ` +
    `${(3600 / wall).toFixed(0)}× real time for the raid (checksum ${checksum.toExponential(3)})`);

  // --- Interceptor flyouts (PAC-3 MSE against a straight-line target, to self-destruct after the pass).
  const site = { lat: 40 * DEG, lon: 20 * DEG, h: 0 };
  const R = enuRotationInto(new Float64Array(9), site.lat, site.lon);
  const O = geodeticToEcefInto(new Float64Array(3), site.lat, site.lon, 0);
  for (const id of ['pac3-mse', 'sm6', 'sm3-2a']) {
    const type = cat.interceptors.find((t) => t.id === id)!;
    const far = (type.min_altitude_m ?? 0) >= 40_000;
    const e0 = far ? 900_000 : 0.45 * type.max_range_m!, u0 = far ? 300_000 : 0.4 * type.max_altitude_m!;
    const ve = far ? -2600 : -300, vu = far ? -1500 : 0;
    const est = (t: number, out: Float64Array): boolean => {
      const e = e0 + ve * t, u = u0 + vu * t;
      for (let k = 0; k < 3; k++) {
        out[k] = O[k] + R[k] * e + R[6 + k] * u;
        out[3 + k] = R[k] * ve + R[6 + k] * vu;
      }
      return true;
    };
    launchInterceptor(type, { id: 'warm', launchTime: 0, site, targetEstimate: est }).advance(1e4); // size the motor, warm up
    const M = far ? 20 : 100;
    const t2 = performance.now();
    let flight = 0;
    for (let k = 0; k < M; k++) {
      const f = launchInterceptor(type, { id: `i${k}`, launchTime: 0, site, targetEstimate: est });
      for (let t = 0.1; f.status === 'flying' || f.status === 'pending'; t += 0.1) f.advance(t);
      flight += f.time;
    }
    const w = (performance.now() - t2) / 1000;
    console.log(`interceptor ${id}: ${(M / w).toFixed(1)} flyouts/s (mean flight ${(flight / M).toFixed(1)} s, ` +
      `${((flight / M) / (w / M)).toFixed(0)}× real time per interceptor, 0.1 s ticks)`);
  }

  // --- Building other flyers.
  const tomahawk = cat.threats.find((t) => t.id === 'tomahawk')!;
  const t3 = performance.now();
  for (let k = 0; k < 100; k++) {
    cruiseMissile(tomahawk, {
      id: `c${k}`, launchTime: 0, launch: { lat: 30 * DEG, lon: 50 * DEG },
      waypoints: [{ lat: 31 * DEG, lon: 51 * DEG }, { lat: 31.5 * DEG, lon: 50.2 * DEG }], target: { lat: 32 * DEG, lon: 51 * DEG },
    });
  }
  console.log(`cruise missile: ${((performance.now() - t3) / 100).toFixed(2)} ms to build (3 legs, 2 turns)`);
  const df17 = cat.threats.find((t) => t.id === 'df-17')!;
  const t4 = performance.now();
  const g = glideVehicle(df17, { id: 'hgv', launchTime: 0, launch: { lat: 25 * DEG, lon: 118 * DEG }, aimpoint: { lat: 24 * DEG, lon: 128 * DEG } });
  console.log(`glide vehicle (1,000 km): trajectory of ${g.times.length} steps computed in ${(performance.now() - t4).toFixed(0)} ms`);
}
