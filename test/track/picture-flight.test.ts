// The force picture tracker on truth from flight/'s own motion models (test-only import: track/
// never imports flight/): a DF-21-class ballistic missile tracked through midcourse (its position
// error well under the single-look measurement error; classified 'ballistic'), and a Shahed-class
// one-way attack drone classified 'drone'.
import { describe, expect, it } from 'vitest';
import { ballisticMissile, oneWayAttackDrone } from '../../src/flight/index.js';
import { aerInto, geodesicDirect, localFrame, type LocalFrame } from '../../src/geo/index.js';
import { stream, type Rng } from '../../src/math/index.js';
import type { Detection } from '../../src/sense/types.js';
import { raeToEcefInto } from '../../src/track/ecef-rae.js';
import { ForcePictureTracker } from '../../src/track/picture-tracker.js';
import type { PictureTrack } from '../../src/track/picture.js';

const DEG = Math.PI / 180;

function look(frame: LocalFrame, id: string, t: number, target: ArrayLike<number>, s: [number, number, number], rng: Rng): Detection {
  const aer = aerInto(new Float64Array(3), frame, target);
  const az = (aer[0] + rng.normal(0, s[1]) + 2 * Math.PI) % (2 * Math.PI);
  const z = Float64Array.from([aer[2] + rng.normal(0, s[0]), az, aer[1] + rng.normal(0, s[2])]);
  const o = frame.origin;
  return {
    t, sensorId: id, kind: 'rae', z, R: Float64Array.from([s[0] ** 2, 0, 0, 0, s[1] ** 2, 0, 0, 0, s[2] ** 2]),
    sensorPosition: [o[0], o[1], o[2]],
  };
}

function err(p: PictureTrack, truth: ArrayLike<number>): number {
  return Math.hypot(p.state[0] - truth[0], p.state[1] - truth[1], p.state[2] - truth[2]);
}

describe('ForcePictureTracker on flight/ truth', () => {
  it('tracks a ballistic missile through midcourse well inside the measurement error and calls it ballistic', () => {
    const launch = { lat: 50 * DEG, lon: 30 * DEG };
    const g = geodesicDirect(launch.lat, launch.lon, 250 * DEG, 1_200_000);
    const aim = { lat: g.lat, lon: g.lon };
    const m = ballisticMissile({ id: 'm1', type: 'df-21', launch, aimpoint: aim, launchTime: 0 });
    // An X-band-like defended-area radar 150 km short of the aimpoint, looking up-range.
    const siteG = geodesicDirect(aim.lat, aim.lon, 70 * DEG, 150_000);
    const frame = localFrame({ lat: siteG.lat, lon: siteG.lon, h: 0 });
    const sig: [number, number, number] = [30, 1e-3, 1e-3];
    const rng = stream(3, 'picture/ballistic');
    const tr = new ForcePictureTracker({ force: 'blue' });
    const T = 5;
    let trackSq = 0, measSq = 0, n = 0;
    let last: PictureTrack[] = [];
    const p = new Float64Array(3);
    const scratch = new Float64Array(18);
    let scans = 0;
    for (let t = 0; t < 2000; t += T) {
      m.advance(t);
      if (m.status !== 'flying') break;
      if (m.phase !== 'midcourse') {
        if (scans > 0) break;
        continue;
      }
      const d = look(frame, 'xband', t, m.state, sig, rng);
      last = tr.step(t, [d]);
      scans++;
      if (scans > 20) {
        expect(last.length).toBe(1);
        trackSq += err(last[0], m.state) ** 2;
        raeToEcefInto(frame, d.z, d.R, 3, p, 0, null, 0, scratch);
        measSq += err({ state: p } as unknown as PictureTrack, m.state) ** 2;
        n++;
      }
    }
    expect(scans).toBeGreaterThan(60); // minutes of midcourse
    const trackRmse = Math.sqrt(trackSq / n), measRmse = Math.sqrt(measSq / n);
    expect(trackRmse).toBeLessThan(0.35 * measRmse);
    expect(last[0].classification).toBe('ballistic');
    expect(last[0].classProbabilities.ballistic!).toBeGreaterThan(0.9);
    expect(last[0].id).toBe('blue-T1');
  });

  it('classifies a one-way attack drone as a drone', () => {
    const SHAHED = { id: 'shahed-136', max_speed_m_s: 51, cruise_speed_m_s: 50, min_altitude_m: 50, max_altitude_m: 4000, max_range_m: 2_000_000 };
    const launch = { lat: 48 * DEG, lon: 33 * DEG };
    const target = geodesicDirect(launch.lat, launch.lon, 0, 120_000);
    const d = oneWayAttackDrone(SHAHED, { id: 'd1', launchTime: 0, launch, target: { lat: target.lat, lon: target.lon } });
    const siteG = geodesicDirect(launch.lat, launch.lon, 20 * DEG, 40_000);
    const frame = localFrame({ lat: siteG.lat, lon: siteG.lon, h: 0 });
    const rng = stream(4, 'picture/drone');
    const tr = new ForcePictureTracker({ force: 'blue' });
    let last: PictureTrack[] = [];
    for (let t = 0; t <= 600; t += 4) {
      d.advance(t);
      if (d.status !== 'flying') break;
      last = tr.step(t, [look(frame, 'gap-filler', t, d.state, [20, 2e-3, 2e-3], rng)]);
    }
    expect(last.length).toBe(1);
    expect(err(last[0], d.state)).toBeLessThan(200);
    expect(last[0].classification).toBe('drone');
    expect(last[0].classProbabilities.drone!).toBeGreaterThan(0.8);
  });
});
