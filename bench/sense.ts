/**
 * sense benchmarks: one scan of 30 radars over 1,000 targets (geometry, horizon, clutter, exact Pd
 * from the tabulated curve, noise, false alarms), the exact Pd series itself, and an IR frame.
 * Deterministic inputs (math/ RNG streams), no assertions.
 */
import { geodeticToEcefInto } from '../src/geo/index.js';
import { stream } from '../src/math/index.js';
import {
  InfraredSensor,
  RadarSensor,
  detectionProbability,
  radarModel,
  type SatelliteEphemeris,
  type SensorSpec,
  type SensorTarget,
} from '../src/sense/index.js';

const DEG = Math.PI / 180;

export async function run(): Promise<void> {
  const rng = stream(1, 'bench/sense');
  const lat0 = 45 * DEG, lon0 = 10 * DEG;
  // 30 radars within ±2° of (45°N, 10°E): 120 km calibration range on 1 m², 360° coverage.
  const radars: RadarSensor[] = [];
  for (let i = 0; i < 30; i++) {
    const spec: SensorSpec = {
      id: `r${i}`, force: 'blue', kind: 'radar',
      type: {
        id: 'bench', kind: 'radar', frequency: 3e9, maxDetectionRange: null, calibration: { rcs: 1, range: 120_000, pd: 0.9, pfa: 1e-6 },
        gainDb: 38, bandwidth: 1e6, noiseFigureDb: 3, noiseTemperature: 290, lossesDb: 0, radarEquation: null, rangeSigma: null, angleSigma: null, rangeRateSigma: null,
      },
      location: { lat: lat0 + rng.uniformRange(-2, 2) * DEG, lon: lon0 + rng.uniformRange(-2, 2) * DEG, h: 20 },
      boresight: 0, sector: { width: 2 * Math.PI, elevationMin: 0, elevationMax: 80 * DEG }, revisit: 1, maxTracks: 100_000, satellites: [],
    };
    radars.push(new RadarSensor(radarModel(spec), stream(1, `sensor/r${i}`), 0));
  }
  // 1,000 targets within ±3° at 50 m – 20 km, 50–300 m/s.
  const targets: SensorTarget[] = [];
  for (let i = 0; i < 1000; i++) {
    const s = new Float64Array(6);
    geodeticToEcefInto(s, lat0 + rng.uniformRange(-3, 3) * DEG, lon0 + rng.uniformRange(-3, 3) * DEG, rng.uniformRange(50, 20_000));
    s[3] = rng.uniformRange(-300, 300); s[4] = rng.uniformRange(-300, 300); s[5] = rng.uniformRange(-20, 20);
    targets.push({ id: `t${i}`, kind: 'cruise', state: s, rcs: rng.uniformRange(0.01, 5), thrusting: false });
  }
  // Warm-up (JIT, detection curve already built by the constructors).
  for (const r of radars) r.scan(0, targets);
  let looks = 0, detections = 0, falseAlarms = 0;
  const t0 = performance.now();
  let scans = 0;
  while (performance.now() - t0 < 2000) {
    for (const r of radars) {
      detections += r.scan(scans, targets).length;
      falseAlarms += r.lastScan!.falseAlarms;
      looks += targets.length;
    }
    scans++;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`radar scans, 30 radars × 1,000 targets: ${(scans / s).toFixed(1)} full rounds/s (${(s / scans * 1000).toFixed(1)} ms per round of 30 scans)`);
  console.log(`  target looks: ${(looks / s / 1e6).toFixed(2)} M/s; detections generated: ${(detections / s / 1e3).toFixed(1)} k/s (${(detections / scans).toFixed(0)} per round, ${(falseAlarms / scans).toFixed(0)} false alarms)`);

  // The exact series (per call, threshold solved each time) — what the tabulated curve avoids.
  let sink = 0;
  const n = 20_000;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) sink += detectionProbability({ snrDb: 5 + (i % 100) * 0.1, pfa: 1e-6, swerling: 1, pulses: 10 });
  const e1 = (performance.now() - t1) / 1000;
  console.log(`detectionProbability exact (Swerling 1, N = 10): ${(n / e1 / 1e3).toFixed(1)} k calls/s`);

  // IR frame: 4 GEO satellites, 1,000 boosting plumes.
  const geo = (lon: number): SatelliteEphemeris => ({ id: `geo${lon}`, stateAt: (_t, out) => (out.set([42_164_137 * Math.cos(lon * DEG), 42_164_137 * Math.sin(lon * DEG), 0, 0, 0, 0]), true) });
  const ir = new InfraredSensor(
    { id: 'ir', force: 'blue', framePeriod: 1, cloudTop: 10_000, nei: 2e-12, transmittance: 0.5, losSigma: 30e-6, pfa: 1e-6, maxTracks: 100_000 },
    [geo(0), geo(90), geo(180), geo(270)], stream(1, 'sensor/ir'), 0,
  );
  const plumes = targets.map((t) => {
    const st = new Float64Array(6);
    geodeticToEcefInto(st, lat0 + rng.uniformRange(-20, 20) * DEG, rng.uniformRange(-180, 180) * DEG, rng.uniformRange(12_000, 80_000));
    return { ...t, kind: 'ballistic', state: st, thrusting: true, irIntensity: 3e5 };
  });
  let irDet = 0, frames = 0;
  const t2 = performance.now();
  while (performance.now() - t2 < 1000) {
    irDet += ir.frameAt(frames, plumes).length;
    frames++;
  }
  const e2 = (performance.now() - t2) / 1000;
  console.log(`IR frames, 4 GEO satellites × 1,000 plumes: ${(frames / e2).toFixed(1)} frames/s, ${(irDet / e2 / 1e3).toFixed(1)} k LOS detections/s`);
  if (sink === 42) console.log('');
}
