/**
 * The force picture tracker (src/track/picture-tracker.ts): 1,000 air targets seen by 5
 * asynchronous radars (5 s revisit, staggered by 1 s), P_D 0.9, 100 uniform false alarms per scan
 * per radar, 120 s. Detections are made beforehand (not timed); the timed loop is the tracker's
 * `step` calls. Prints track updates/s (all and confirmed), scans/s and the final picture size.
 */
import { aerInto, localFrame, enuToEcefInto, enuVectorToEcefInto } from '../src/geo/index.js';
import { stream } from '../src/math/index.js';
import type { Detection } from '../src/sense/types.js';
import { ForcePictureTracker } from '../src/track/picture-tracker.js';

const DEG = Math.PI / 180;

export async function run(): Promise<void> {
  const TARGETS = 1000, RADARS = 5, REVISIT = 5, DURATION = +(process.env.PICTURE_DURATION ?? 120), FA = 100, PD = 0.9;
  const SR = 50, SA = 2e-3, SE = 2e-3, RMAX = 300_000;
  const centre = localFrame({ lat: 50 * DEG, lon: 20 * DEG, h: 0 });
  const rng = stream(1, 'bench/picture');
  const sites = Array.from({ length: RADARS }, (_, r) => {
    const a = (2 * Math.PI * r) / RADARS;
    const p = enuToEcefInto(new Float64Array(3), centre, [80_000 * Math.sin(a), 80_000 * Math.cos(a), 0]);
    return { id: `radar-${r}`, frame: localFrame(p) };
  });
  const truth: Float64Array[] = [];
  for (let i = 0; i < TARGETS; i++) {
    const range = rng.uniformRange(20_000, 200_000), az = rng.uniform() * 2 * Math.PI;
    const speed = rng.uniformRange(80, 300), hdg = rng.uniform() * 2 * Math.PI;
    const s = new Float64Array(6);
    enuToEcefInto(s, centre, [range * Math.sin(az), range * Math.cos(az), rng.uniformRange(1_000, 10_000)]);
    enuVectorToEcefInto(s, centre, [speed * Math.sin(hdg), speed * Math.cos(hdg), 0], 3);
    truth.push(s);
  }
  // Ticks of 1 s; radar r scans when t ≡ r (mod REVISIT).
  const ticks: { t: number; dets: Detection[] }[] = [];
  const aer = new Float64Array(3);
  let nDet = 0;
  for (let t = 0; t <= DURATION; t++) {
    const dets: Detection[] = [];
    for (let r = 0; r < RADARS; r++) {
      if (t % REVISIT !== r % REVISIT) continue;
      const { id, frame } = sites[r];
      const o = frame.origin;
      const sensorPosition: [number, number, number] = [o[0], o[1], o[2]];
      const R = Float64Array.from([SR * SR, 0, 0, 0, SA * SA, 0, 0, 0, SE * SE]);
      for (const s of truth) {
        const pos = [s[0] + s[3] * t, s[1] + s[4] * t, s[2] + s[5] * t];
        aerInto(aer, frame, pos);
        if (aer[2] > RMAX || !(rng.uniform() < PD)) continue;
        const az = (aer[0] + rng.normal(0, SA) + 2 * Math.PI) % (2 * Math.PI);
        dets.push({ t, sensorId: id, kind: 'rae', z: Float64Array.from([aer[2] + rng.normal(0, SR), az, aer[1] + rng.normal(0, SE)]), R, sensorPosition });
      }
      for (let k = 0; k < FA; k++) {
        dets.push({
          t, sensorId: id, kind: 'rae', R, sensorPosition,
          z: Float64Array.from([rng.uniformRange(1_000, RMAX), rng.uniform() * 2 * Math.PI, rng.uniformRange(0, 0.6)]),
        });
      }
    }
    nDet += dets.length;
    ticks.push({ t, dets });
  }
  const tracker = new ForcePictureTracker({ force: 'blue' });
  const t0 = performance.now();
  let picture: ReturnType<ForcePictureTracker['step']> = [];
  // Second half: the steady state (the picture is built; mostly updates and clutter initiation).
  let tHalf = 0, updHalf = 0, confHalf = 0, detHalf = 0;
  // Process CPU time too (user + system, all threads): on a shared machine wall time varies with load.
  let cpuHalf = process.cpuUsage();
  for (const { t, dets } of ticks) {
    if (t === Math.floor(DURATION / 2)) {
      tHalf = performance.now();
      cpuHalf = process.cpuUsage();
      updHalf = tracker.stats.updates;
      confHalf = tracker.stats.confirmedUpdates;
      detHalf = tracker.stats.detections;
    }
    picture = tracker.step(t, dets);
  }
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpuHalf);
  const cpu2 = (cpu.user + cpu.system) / 1e6;
  const wall = (t1 - t0) / 1000;
  const wall2 = (t1 - tHalf) / 1000;
  const s = tracker.stats;
  console.log(`picture: ${TARGETS} targets × ${RADARS} radars, ${FA} false alarms/scan, ${DURATION} s: ${s.scans} scans, ${nDet} detections`);
  console.log(`  wall ${wall.toFixed(2)} s; ${(s.updates / wall).toFixed(0)} track updates/s; ${(s.confirmedUpdates / wall).toFixed(0)} confirmed-track updates/s; ${(nDet / wall).toFixed(0)} detections/s`);
  console.log(`  steady state (second half): ${((s.updates - updHalf) / wall2).toFixed(0)} track updates/s; ${((s.confirmedUpdates - confHalf) / wall2).toFixed(0)} confirmed-track updates/s; ${((s.detections - detHalf) / wall2).toFixed(0)} detections/s`);
  console.log(`  steady state CPU time ${cpu2.toFixed(2)} s (wall ${wall2.toFixed(2)} s): ${((s.confirmedUpdates - confHalf) / cpu2).toFixed(0)} confirmed-track updates per CPU-second`);
  // Completeness at the end: targets with a picture track within 1 km (scoring only).
  const T = ticks[ticks.length - 1].t;
  let held = 0;
  for (const x of truth) {
    const p = [x[0] + x[3] * T, x[1] + x[4] * T, x[2] + x[5] * T];
    if (picture.some((q) => Math.hypot(q.state[0] - p[0], q.state[1] - p[1], q.state[2] - p[2]) < 1000)) held++;
  }
  console.log(`  tracks started ${s.initiated}, confirmed ${s.confirmed}, deleted ${s.deleted}; final picture ${picture.length} tracks, ${held}/${TARGETS} targets held`);
}
