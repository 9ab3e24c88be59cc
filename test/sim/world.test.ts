import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile, type Scenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/runner.js';
import { expandRaid, insidePolygon } from '../../src/sim/raids.js';
import { World, servedMW, type WorldAsset } from '../../src/sim/world.js';
import { MemorySink, type SimEvent } from '../../src/sim/events.js';
import type { Flyer, FlightStatus, ImpactPoint } from '../../src/flight/types.js';
import { geodeticToEcef, geodesicInverse } from '../../src/geo/index.js';
import { fragility, peakOverpressure } from '../../src/engage/damage.js';

const DEFAULT = 'scenarios/default.yaml';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'rampart-world-'));
}

describe('determinism', () => {
  it('same scenario + seed → byte-identical recording', () => {
    const s = loadScenarioFile(DEFAULT);
    const a = tmp();
    const b = tmp();
    runScenario(s, { outDir: a });
    runScenario(s, { outDir: b });
    const ra = readFileSync(join(a, 'recording.ndjson'));
    const rb = readFileSync(join(b, 'recording.ndjson'));
    expect(ra.length).toBeGreaterThan(1000);
    expect(ra.equals(rb)).toBe(true);
    const summary = (dir: string) => ({ ...JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')), recording: undefined });
    expect(summary(a)).toEqual(summary(b));
  });

  it('another seed changes the raid but not the scripted threats', () => {
    const s = loadScenarioFile(DEFAULT);
    const e1 = runScenario(s, { seed: 1 }).events!;
    const e2 = runScenario(s, { seed: 2 }).events!;
    const launches = (ev: SimEvent[], raid: boolean) =>
      ev.filter((e) => e.type === 'launch' && (e.raid !== undefined) === raid).map((e) => JSON.stringify(e));
    expect(launches(e1, false)).toEqual(launches(e2, false));
    expect(launches(e1, true)).not.toEqual(launches(e2, true));
  });

  it('adding a threat changes no other threat’s flight (streams keyed by id)', () => {
    const s = loadScenarioFile(DEFAULT);
    const extra: Scenario = structuredClone(s);
    const cm = extra.threats.find((t) => t.category === 'cruise')!;
    extra.threats.unshift({ ...structuredClone(cm), id: 'zz-extra', launch: { ...cm.launch, time: cm.launch.time + 7 } });
    const flights = (ev: SimEvent[]) =>
      ev.filter((e) => (e.type === 'launch' || e.type === 'impact') && e.id !== 'zz-extra').map((e) => (e.type === 'impact' ? JSON.stringify({ ...e, assets: [] }) : JSON.stringify(e)));
    const base = flights(runScenario(s).events!);
    const more = flights(runScenario(extra).events!);
    expect(more.sort()).toEqual(base.sort());
  });
});

describe('raid generator', () => {
  const s = loadScenarioFile(DEFAULT);
  const raid = s.raids[0]!;
  it('launches count threats inside the window and the launch area, deterministically', () => {
    const a = expandRaid(raid, 42);
    expect(a).toHaveLength(raid.count);
    expect(expandRaid(raid, 42)).toEqual(a);
    expect(expandRaid(raid, 43)).not.toEqual(a);
    for (const t of a) {
      expect(t.launch.time).toBeGreaterThanOrEqual(raid.window.start);
      expect(t.launch.time).toBeLessThanOrEqual(raid.window.end);
      if (raid.launchArea.kind === 'circle') {
        const d = geodesicInverse(raid.launchArea.center.lat, raid.launchArea.center.lon, t.launch.location.lat, t.launch.location.lon).distance;
        expect(d).toBeLessThanOrEqual(raid.launchArea.radius * (1 + 1e-9));
      }
    }
    // Uniform spacing: launch k at start + (k + ½)·span/count.
    if (raid.spacing === 'uniform') {
      const span = raid.window.end - raid.window.start;
      a.forEach((t, k) => expect(t.launch.time).toBeCloseTo(raid.window.start + ((k + 0.5) * span) / raid.count, 9));
    }
  });
  it('target weights are honoured over many draws (binomial 4σ bound)', () => {
    const many = expandRaid({ ...raid, count: 4000, dispersion: 0 }, 7);
    const targets = raid.targets;
    if (targets.kind !== 'assets') throw new Error('default raid targets assets');
    const w0 = targets.weights[0]!;
    const n0 = many.filter((t) => t.target.asset === targets.assets[0]).length;
    expect(Math.abs(n0 - 4000 * w0)).toBeLessThan(4 * Math.sqrt(4000 * w0 * (1 - w0)));
  });
  it('polygon membership (even–odd rule) on a hand-drawn square', () => {
    const sq = [
      { lat: 0, lon: 0 },
      { lat: 0, lon: 1 },
      { lat: 1, lon: 1 },
      { lat: 1, lon: 0 },
    ];
    expect(insidePolygon(0.5, 0.5, sq)).toBe(true);
    expect(insidePolygon(1.5, 0.5, sq)).toBe(false);
  });
});

/** A flyer that falls straight onto a given point at a given time (a test double for truth flight). */
class DropFlyer implements Flyer {
  readonly kind = 'drone' as const;
  readonly state = new Float64Array(6);
  time = 0;
  status: FlightStatus = 'pending';
  phase = 'cruise';
  thrusting = false;
  impact: ImpactPoint | undefined;
  constructor(
    readonly id: string,
    readonly launchTime: number,
    private readonly at: { lat: number; lon: number; h: number; t: number },
  ) {}
  advance(t: number): FlightStatus {
    this.time = t;
    if (this.status === 'pending' && t >= this.launchTime) this.status = 'flying';
    if (this.status === 'flying' && t >= this.at.t) {
      const p = geodeticToEcef(this.at);
      this.impact = { t: this.at.t, lat: this.at.lat, lon: this.at.lon, h: this.at.h, position: p, velocity: [0, 0, 0] };
      this.status = 'impact';
    }
    return this.status;
  }
  destroy(): void {
    this.status = 'destroyed';
  }
}

function asset(id: string, lat: number, extra: Partial<WorldAsset> = {}): WorldAsset {
  return {
    id, force: 'blue', kind: 'substation', lat, lon: 0, position: geodeticToEcef({ lat, lon: 0, h: 0 }), radius: 1e-3, p50: 70_000,
    value: 1, servesMW: 0, generationMW: 0, fedBy: [], restoreTime: Infinity, damage: 0, ...extra,
  };
}

describe('World', () => {
  it('a burst 15 m from a point asset damages it by the fragility at that overpressure; power follows', () => {
    const plant = asset('plant', 0, { kind: 'power-plant', generationMW: 1000 });
    const sub = asset('sub', 0.01, { servesMW: 400, fedBy: [plant] });
    const dLat = 15 / 6_335_439; // 15 m north of the plant (meridional radius of curvature at the equator)
    const sink = new MemorySink();
    const world = new World(
      {
        header: { rampart: 'test', scenario: 't', epoch: '2025-01-01T00:00:00Z', seed: 1, duration: 10, timeStep: 1, forces: [] },
        duration: 10,
        timeStep: 1,
        assets: [plant, sub],
        threats: [
          {
            id: 'x', force: 'red', threatType: 't', class: 'drone', launchTime: 2, launchLat: 0, launchLon: 0, target: 'plant',
            aimLat: 0, aimLon: 0, tntKg: 30, unitCost: 1,
            createFlyer: () => new DropFlyer('x', 2, { lat: dLat, lon: 0, h: 0, t: 4.5 }),
          },
        ],
      },
      sink,
    );
    world.runToEnd();
    const expected = fragility(peakOverpressure(15, 30), 70_000);
    expect(plant.damage).toBeCloseTo(expected, 3);
    expect(servedMW(sub)).toBeCloseTo(400 * (1 - expected), 1);
    const impact = sink.events.find((e) => e.type === 'impact')!;
    expect(impact).toMatchObject({ t: 4.5, id: 'x' });
    expect((impact as { missDistance: number }).missDistance).toBeCloseTo(15, 1);
    const power = sink.events.filter((e) => e.type === 'power');
    expect(power).toHaveLength(2); // at t = 0 and after the hit
    expect(sink.events.at(-1)).toMatchObject({ type: 'end', t: 10, ticks: 10 });
  });
});
