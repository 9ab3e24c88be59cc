// The scenario's sensors together: the ICBM early-warning scenario flown by flight/'s models
// (IR detection within a frame of the plume clearing the cloud tops, a launch report, radar
// acquisition when the missile enters coverage), determinism and stream independence, coverage
// maps against closed-form geometry, and the `rampart coverage` command.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadScenarioFile, type Scenario } from '../../src/scenario/index.js';
import { createThreatFlyer } from '../../src/sim/flyers.js';
import { satelliteFromElements, satelliteFromTle } from '../../src/flight/satellite.js';
import { WGS84_A, aerInto, ellipsoidHeight, greatCircleDistance, horizonGroundRange } from '../../src/geo/index.js';
import {
  apparentElevation,
  createSensors,
  defaultEphemeris,
  detectionRange,
  irCoverage,
  plumeIntensity,
  radarFootprint,
  radarModel,
  radarSnr,
  requiredSnrDb,
  fromDb,
  type Detection,
  type EphemerisFactory,
  type LaunchReport,
  type SensorTarget,
} from '../../src/sense/index.js';
import { DEG, radarSpec } from './fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** flight/'s satellites (the ones the World flies) as the IR sensors' ephemerides. */
const flightEphemeris: EphemerisFactory = (sat, epochMs) =>
  sat.kind === 'tle'
    ? satelliteFromTle(sat.id, sat.tle[0], sat.tle[1], epochMs)
    : satelliteFromElements(sat.id, { ...sat.elements, epoch: sat.elements.epochMs }, epochMs);

function fly(s: Scenario, seed: number, until: number, opts: { ephemeris?: EphemerisFactory } = {}) {
  const suite = createSensors(s, seed, { ephemeris: opts.ephemeris ?? flightEphemeris });
  const flyers = s.threats.map((th) => ({ th, f: createThreatFlyer(th, { seed: s.seed, epochMs: s.epochMs }) }));
  const detections: Detection[] = [];
  const reports: LaunchReport[] = [];
  const aboveClouds = new Map<string, number>();
  const states = new Map<string, { t: number; state: Float64Array }[]>();
  for (let t = 1; t <= until; t++) {
    const targets: SensorTarget[] = [];
    for (const { th, f } of flyers) {
      if (f.advance(t) !== 'flying') continue;
      if (f.thrusting && !aboveClouds.has(f.id) && ellipsoidHeight(f.state) >= 10_000) aboveClouds.set(f.id, t);
      const list = states.get(f.id) ?? [];
      list.push({ t, state: f.state.slice() });
      states.set(f.id, list);
      targets.push({ id: f.id, kind: f.kind, state: f.state, rcs: th.type.rcs, thrusting: f.thrusting, irIntensity: plumeIntensity(th.type) });
    }
    detections.push(...suite.observe(t, targets));
    reports.push(...suite.takeLaunchReports());
  }
  return { suite, detections, reports, aboveClouds, states };
}

describe('ICBM early-warning scenario', () => {
  const s = loadScenarioFile(join(ROOT, 'scenarios/icbm-early-warning.yaml'));
  const run = fly(s, s.seed, 1200);

  it('IR satellites detect each launch within one frame of the plume clearing the cloud tops', () => {
    for (const id of ['icbm-1', 'icbm-2']) {
      const first = run.detections.find((d) => d.kind === 'los' && d.truthId === id)!;
      const cleared = run.aboveClouds.get(id)!;
      expect(first.t).toBeGreaterThanOrEqual(cleared);
      expect(first.t - cleared).toBeLessThanOrEqual(10); // frame period (revisit) 10 s
      // Seen by at least two satellites in that frame: triangulation is possible at once.
      expect(new Set(run.detections.filter((d) => d.kind === 'los' && d.truthId === id && d.t === first.t).map((d) => d.platformId)).size).toBeGreaterThanOrEqual(2);
    }
  });

  it('a launch report follows from three triangulated frames: launch point, time and azimuth, latency recorded', () => {
    for (const [id, t0, lat, lon] of [['icbm-1', 60, 52, 84], ['icbm-2', 240, 51.8, 84.3]] as const) {
      const r = run.reports.find((x) => x.type === 'launch' && x.truthIds.includes(id))!;
      expect(r).toBeDefined();
      expect(Math.abs(r.launchTime - t0)).toBeLessThan(10);
      expect(greatCircleDistance(r.launchPoint.lat, r.launchPoint.lon, lat * DEG, lon * DEG)).toBeLessThan(15_000);
      expect(r.latency).toBeCloseTo(r.t - r.launchTime, 9);
      expect(r.t - t0).toBeLessThan(90); // true warning latency: about a minute after launch
      expect(r.t - r.firstDetection).toBe(20);
      // Launch azimuth toward the target over the pole (~350°).
      expect(Math.abs(((r.azimuth / DEG - 350 + 540) % 360) - 180)).toBeLessThan(15);
    }
    // The plume goes out at burnout: a burnout report with a predicted impact area follows.
    const bo = run.reports.find((x) => x.type === 'burnout' && x.truthIds.includes('icbm-1'))!;
    expect(bo.impactPoint).toBeDefined();
    expect(bo.impactRadius).toBeGreaterThan(0);
  });

  it('the LRDR acquires icbm-1 within three scans of its entering coverage (2° fence, range, Pd ≥ ½)', () => {
    const radar = run.suite.radars.find((r) => r.id === 'lrdr-greystone')!;
    const m = radar.model;
    const need = fromDb(requiredSnrDb({ pd: 0.5, pfa: m.pfa }));
    const aer = new Float64Array(3);
    const enter = run.states.get('icbm-1')!.find(({ state }) => {
      aerInto(aer, radar.frame, state);
      return apparentElevation(aer[1], aer[2], m.k) >= m.elevationMin && aer[2] <= m.maxRange && radar.inSector(aer[0]) && radarSnr(m, 0.01, aer[2]) >= need;
    })!;
    const first = run.detections.find((d) => d.sensorId === 'lrdr-greystone' && d.truthId === 'icbm-1')!;
    expect(first.t).toBeGreaterThanOrEqual(enter.t);
    expect(first.t - enter.t).toBeLessThanOrEqual(3 * m.revisit);
    aerInto(aer, radar.frame, enter.state);
    expect(first.z[0] / aer[2]).toBeCloseTo(1, 1); // acquired at ~4 160 km
  });
});

describe('determinism and stream independence', () => {
  const s = loadScenarioFile(join(ROOT, 'scenarios/joint-exercise.yaml'));
  const site = s.sensors[0].location!;
  const targets = (t: number): SensorTarget[] =>
    Array.from({ length: 30 }, (_, i) => {
      const st = new Float64Array(6);
      const r = WGS84_A + 3000;
      const lat = site.lat + 0.3 * Math.sin(i + t / 100), lon = site.lon + 0.4 * Math.cos(i * 1.3 + t / 90);
      st.set([r * Math.cos(lat) * Math.cos(lon), r * Math.cos(lat) * Math.sin(lon), r * Math.sin(lat), 100, 50, 0]);
      return { id: `t${i}`, kind: 'cruise', state: st, rcs: 0.5, thrusting: false, group: 'cruise-pair' };
    });
  const record = (scenario: Scenario, seed: number) => {
    const suite = createSensors(scenario, seed);
    const out: string[] = [];
    for (let t = 0; t < 60; t++) for (const d of suite.observe(t, targets(t))) out.push(`${d.t} ${d.sensorId} ${d.kind} ${d.truthId} ${[...d.z].join(',')}`);
    return out;
  };

  it('same scenario and seed → identical detections; another seed → different', () => {
    const a = record(s, 5);
    expect(a.length).toBeGreaterThan(100);
    expect(record(s, 5)).toEqual(a);
    expect(record(s, 6)).not.toEqual(a);
  });

  it('removing one radar does not change another radar’s detections', () => {
    const all = record(s, 5).filter((l) => l.includes(' bo-trml '));
    const fewer = record({ ...s, sensors: s.sensors.filter((x) => x.id !== 'au-sentinel') }, 5).filter((l) => l.includes(' bo-trml '));
    expect(fewer).toEqual(all);
  });
});

describe('coverage', () => {
  it('radar footprint: horizon-limited, power-limited and cone-of-silence edges match closed forms', () => {
    // Ample power, elevation from −5°: the edge is the 4/3-Earth horizon ground range.
    const strong = radarModel(radarSpec({ sector: { width: 2 * Math.PI, elevationMin: -5 * DEG, elevationMax: 60 * DEG } }, { calibration: { rcs: 1, range: 3e6, pd: 0.9, pfa: 1e-6 } }));
    const fp1 = radarFootprint(strong, { rcs: 1, altitude: 1000 });
    expect(fp1.maxGroundRange / horizonGroundRange(10, 1000, 4 / 3)).toBeCloseTo(1, 2);
    // Cone of silence above 60°: inner edge at altitude/tan 60° (flat-Earth to 0.1 %).
    const fp2 = radarFootprint(strong, { rcs: 1, altitude: 10_000 });
    expect(fp2.minGroundRange / ((10_000 - 10) / Math.tan(60 * DEG))).toBeCloseTo(1, 2);
    expect(fp2.rings.length).toBe(2); // outer ring and a hole
    // Weak radar: the edge is the detection range at Pd 0.5 (slant ≈ ground at 1 km altitude).
    const weak = radarModel(radarSpec({ sector: { width: 2 * Math.PI, elevationMin: -5 * DEG, elevationMax: 60 * DEG } }));
    const fp3 = radarFootprint(weak, { rcs: 1, altitude: 1000 });
    expect(fp3.maxGroundRange / detectionRange(weak, 1, 0.5)).toBeCloseTo(1, 2);
    // A sector radar's polygon is closed and spans its sector.
    const sector = radarModel(radarSpec({ boresight: 90 * DEG, sector: { width: 120 * DEG, elevationMin: 0, elevationMax: 60 * DEG } }));
    const ring = radarFootprint(sector, { rcs: 1, altitude: 1000 }).rings[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('one GEO satellite covers the spherical cap (1 − cos β)/2 of the Earth, β = acos((a+g)/r) + acos((a+g)/(a+h))', () => {
    const r = 42_164_137;
    const geo = { id: 'g', stateAt: (_t: number, out: Float64Array) => (out.set([r, 0, 0, 0, 0, 0]), true) };
    const cov = irCoverage([geo], { duration: 0, grid: 2 * DEG, cloudTop: 10_000, altitude: 15_000 });
    const beta = Math.acos((6_371_000 + 10_000) / r) + Math.acos((6_371_000 + 10_000) / (6_371_000 + 15_000));
    expect(cov.fractionOne[0]).toBeCloseTo((1 - Math.cos(beta)) / 2, 2);
    expect(cov.fractionTwo[0]).toBe(0);
  });

  it('the stand-in ephemeris agrees with flight/ for a GEO satellite by elements (two-body, J2 off) and by TLE', () => {
    const s = loadScenarioFile(join(ROOT, 'scenarios/icbm-early-warning.yaml'));
    const a = new Float64Array(6), b = new Float64Array(6);
    for (const sensor of s.sensors.filter((x) => x.kind === 'ir-satellite')) {
      for (const sat of sensor.satellites) {
        const mine = defaultEphemeris(sat, s.epochMs);
        const theirs = sat.kind === 'tle'
          ? satelliteFromTle(sat.id, sat.tle[0], sat.tle[1], s.epochMs)
          : satelliteFromElements(sat.id, { ...sat.elements, epoch: sat.elements.epochMs }, s.epochMs, { j2: false });
        for (const t of [0, 3600, 43_200]) {
          mine.stateAt(t, a);
          theirs.stateAt(t, b);
          expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeLessThan(1);
        }
      }
    }
  });
});

describe('rampart coverage', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

  it('prints footprints and IR coverage and writes GeoJSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rampart-cov-')), 'cov.geojson');
    const r = cli(['coverage', 'scenarios/icbm-early-warning.yaml', '--rcs', '0.01', '--altitude', '300000', '--step', '3600', '--grid', '10', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('lrdr-greystone');
    expect(r.stdout).toMatch(/seen by ≥ 2 satellites/);
    const gj = JSON.parse(readFileSync(out, 'utf8'));
    expect(gj.type).toBe('FeatureCollection');
    const radars = gj.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'radar-footprint');
    expect(radars.length).toBe(3);
    for (const f of radars) {
      const ring = f.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    expect(gj.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'ir-coverage').length).toBe(18 * 36);
  });

  it('a bad flag is a user error: message, exit 2, no stack trace', () => {
    const r = cli(['coverage', 'scenarios/icbm-early-warning.yaml', '--rcs', '-1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--rcs');
    expect(r.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });
});
