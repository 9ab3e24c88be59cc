/**
 * Flight benchmark: 1,000 simultaneous ballistic missile flights (four notional types, 40 distinct
 * launch/aimpoint pairs, launches staggered over 20 minutes) advanced by a 1 s tick over one
 * simulated hour on the WGS-84/J2/rotating/US-1976 truth Earth — integrator steps per second,
 * advances per second, wall time. Targeting (one solve per distinct launch/aimpoint) is timed
 * separately. Prints figures only; no assertions.
 */
import geographiclib from 'geographiclib-geodesic';
import { ballisticMissile, type BallisticMissileFlyer } from '../src/flight/ballistic.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const DEG = Math.PI / 180;

function ahead(latDeg: number, lonDeg: number, azDeg: number, km: number) {
  const r = WGS84.Direct(latDeg, lonDeg, azDeg, km * 1000);
  return { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG };
}

export async function run(): Promise<void> {
  const kinds = [
    ['iskander-m', 150, 450],
    ['df-21', 600, 1700],
    ['df-26', 1500, 3800],
    ['minuteman-iii', 4000, 11000],
  ] as const;
  const N = 1000;
  const PAIRS_PER_TYPE = 10;
  const flyers: BallisticMissileFlyer[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const k = i % kinds.length;
    const pair = Math.floor(i / kinds.length) % PAIRS_PER_TYPE;
    const [type, minKm, maxKm] = kinds[k]!;
    const latDeg = 35 + pair;
    const lonDeg = 40 + 2 * pair;
    const km = minKm + ((maxKm - minKm) * pair) / (PAIRS_PER_TYPE - 1);
    flyers.push(
      ballisticMissile({
        id: `bm-${i}`,
        type,
        launch: { lat: latDeg * DEG, lon: lonDeg * DEG },
        aimpoint: ahead(latDeg, lonDeg, 30 + 36 * pair, km),
        launchTime: (i * 1200) / N,
      }),
    );
  }
  const solveMs = performance.now() - t0;
  const unique = kinds.length * PAIRS_PER_TYPE;

  const HOUR = 3600;
  const dt = 1;
  const t1 = performance.now();
  let advances = 0;
  for (let t = 0; t <= HOUR; t += dt) {
    for (const f of flyers) {
      f.advance(t);
      advances++;
    }
  }
  const flyMs = performance.now() - t1;
  const steps = flyers.reduce((s, f) => s + f.steps, 0);
  const evals = flyers.reduce((s, f) => s + f.evaluations, 0);
  const impacts = flyers.filter((f) => f.status === 'impact').length;
  const wall = flyMs / 1000;
  console.log(`flights                 ${N} ballistic (${unique} distinct launch/aimpoint pairs), tick ${dt} s, ${HOUR} s simulated`);
  console.log(`targeting               ${(solveMs / 1000).toFixed(2)} s for ${unique} solves (${(solveMs / unique).toFixed(1)} ms each; salvos share a solve)`);
  console.log(`flight wall time        ${wall.toFixed(3)} s  (${(HOUR / wall).toFixed(0)}× real time for all ${N} flights)`);
  console.log(`integrator steps        ${steps} (${(steps / N).toFixed(0)} per flight), ${(steps / wall / 1e6).toFixed(3)} M steps/s`);
  console.log(`derivative evaluations  ${evals}, ${(evals / wall / 1e6).toFixed(2)} M/s`);
  console.log(`advance() calls         ${advances}, ${(advances / wall / 1e6).toFixed(2)} M/s (${((flyMs * 1e6) / advances).toFixed(0)} ns each)`);
  console.log(`impacts                 ${impacts} of ${N}`);
}
