// Resolution: catalog types with overrides, unit conversions, defaults, orbits. Numbers are checked
// against references outside the loader: the raw catalog.json, hand-worked conversions, Kepler's
// third law, the published ISS two-line element set, and GeographicLib's WGS-84 geodesic.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCTRINE, HARDNESS_PA, ScenarioError, loadCatalog, parseScenario, type Scenario } from '../../src/scenario/index.js';
import { greatCircleDistance, polygonProblem, tleProblem } from '../../src/scenario/geometry.js';
import { killClassOf, sensorKindOf, threatCategoryOf } from '../../src/scenario/catalog.js';
import { parseIsoTime } from '../../src/scenario/time.js';

const require = createRequire(import.meta.url);
const { Geodesic } = require('geographiclib-geodesic') as { Geodesic: { WGS84: { Inverse(a: number, b: number, c: number, d: number): { s12: number } } } };
const raw = JSON.parse(readFileSync(new URL('../../catalog/catalog.json', import.meta.url), 'utf8')) as {
  interceptors: Record<string, unknown>[];
  sensors: Record<string, unknown>[];
  threats: Record<string, unknown>[];
};
const rawById = (list: Record<string, unknown>[], id: string) => list.find((x) => x.id === id)!;

const DEG = Math.PI / 180;

/** Parse, turning a ScenarioError into an Error that lists its problems (readable test failures). */
function parse(text: string, file: string): Scenario {
  try {
    return parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new Error(`${e.message}\n${e.details.join('\n')}`);
    throw e;
  }
}

/** A minimal valid scenario with the given extra YAML appended. */
function scenario(extra: string, head = ''): Scenario {
  return parse(
    `rampart: 1
name: test
epoch: 2024-06-01T00:00:00Z
duration: 3600
${head}forces:
  - { id: blue, side: blue }
  - { id: red, side: red }
${extra}`,
    'test.yaml',
  );
}

describe('the shipped catalog', () => {
  it('is catalog.json verbatim, in camelCase with the same numbers', () => {
    const cat = loadCatalog();
    expect(cat.interceptors).toHaveLength(raw.interceptors.length);
    expect(cat.sensors).toHaveLength(raw.sensors.length);
    expect(cat.threats).toHaveLength(raw.threats.length);
    for (const t of cat.interceptors) {
      const r = rawById(raw.interceptors, t.id);
      expect([t.minRange, t.maxRange, t.minAltitude, t.maxAltitude, t.maxSpeed, t.unitCost]).toEqual([
        r.min_range_m,
        r.max_range_m,
        r.min_altitude_m,
        r.max_altitude_m,
        r.max_speed_m_s,
        r.unit_cost_usd,
      ]);
      const launcher = r.launcher as Record<string, unknown>;
      expect([t.missilesPerLauncher, t.launchersPerBattery]).toEqual([launcher.missiles_per_launcher, launcher.launchers_per_battery]);
    }
    for (const t of cat.threats) {
      const r = rawById(raw.threats, t.id);
      expect([t.maxSpeed, t.maxRange, t.minAltitude, t.maxAltitude, t.warheadMass, t.unitCost, t.rcs]).toEqual([
        r.max_speed_m_s,
        r.max_range_m,
        r.min_altitude_m,
        r.max_altitude_m,
        r.warhead_kg,
        r.unit_cost_usd,
        r.notional_rcs_m2,
      ]);
      expect(t.cruiseSpeed).toBe(r.cruise_speed_m_s ?? r.max_speed_m_s);
    }
  });

  it('derives classes from the published text', () => {
    expect(killClassOf('hit-to-kill + lethality enhancer')).toBe('hit-to-kill');
    expect(killClassOf('blast-fragmentation / hit-to-kill (terminal)')).toBe('blast-fragmentation');
    expect(killClassOf('gun (HE/FAPDS rounds)')).toBe('gun');
    expect(threatCategoryOf('one-way attack UAV')).toBe('drone');
    expect(threatCategoryOf('MRBM with hypersonic glide vehicle')).toBe('glide');
    expect(threatCategoryOf('air-launched subsonic cruise missile')).toBe('cruise');
    expect(threatCategoryOf('quasi-ballistic SRBM')).toBe('ballistic');
    expect(sensorKindOf('UHF early-warning phased array', 5_556_000, false)).toBe('early-warning-radar');
    expect(sensorKindOf('L-band phased array (space/ICBM tracking)', 3_200_000, false)).toBe('early-warning-radar');
    expect(sensorKindOf('ground multifunction phased array (sector)', 150_000, false)).toBe('radar');
    expect(sensorKindOf('space IR', null, true)).toBe('ir-satellite');
    const cat = loadCatalog();
    expect(cat.sensors.find((s) => s.id === 'an-mpq-65')!.fieldOfRegard).toBeCloseTo(120 * DEG, 15);
    // Calibration from the published detection range and its reference RCS.
    expect(cat.sensors.find((s) => s.id === 'an-mpq-65')!.calibration).toEqual({ rcs: 1, range: 150_000, pd: 0.9, pfa: 1e-6 });
    expect(cat.sensors.find((s) => s.id === 'voronezh')!.calibration).toBeNull();
  });

  it('turns the SBIRS platform orbits into elements consistent with Kepler\u2019s third law', () => {
    const cat = loadCatalog();
    const mu = 3.986004418e14; // m³/s², WGS-84 / IERS
    const geo = cat.sensors.find((s) => s.id === 'sbirs-geo')!.platformOrbit!;
    // a = (μ T² / 4π²)^(1/3) with T = one sidereal day, 86,164.09 s → 42,164.17 km.
    const aKepler = Math.cbrt((mu * 86_164.0905 ** 2) / (4 * Math.PI ** 2));
    expect(Math.abs(geo.semiMajorAxis - aKepler)).toBeLessThan(1000);
    expect(geo.eccentricity).toBe(0);
    expect(geo.count).toBe(6);
    const heo = cat.sensors.find((s) => s.id === 'sbirs-heo')!.platformOrbit!;
    // Apogee 39,000 km and perigee 1,000 km above 6,378.137 km: a = 26,378.137 km, e = 38,000 / 52,756.274.
    expect(heo.semiMajorAxis).toBeCloseTo(26_378_137, 3);
    expect(heo.eccentricity).toBeCloseTo(38_000 / 52_756.274, 12);
    expect(heo.inclination).toBeCloseTo(63.4 * DEG, 15);
  });
});

describe('resolution', () => {
  it('converts degrees to radians and fills defaults', () => {
    const s = scenario(`assets:
  - id: a1
    force: blue
    kind: substation
    location: { lat: 50.45, lon: -30.5 }
`);
    // 50.45° = 50.45 × 0.0174532925199 = 0.8805186076; −30.5° = −0.5323254219.
    expect(s.assets[0]!.location).toEqual({ lat: (50.45 * Math.PI) / 180, lon: (-30.5 * Math.PI) / 180, h: 0 });
    expect(s.assets[0]!.location.lat).toBeCloseTo(0.8805186076, 9);
    expect(s.assets[0]!.location.lon).toBeCloseTo(-0.5323254219, 9);
    expect(s.assets[0]!).toMatchObject({ name: 'a1', value: 1, valueUsd: null, area: { kind: 'point' }, power: null });
    // Soft = 5 psi; 1 psi = 6,894.757 Pa (NIST SP 811) → 34,473.8 Pa.
    expect(s.assets[0]!.hardness).toBeCloseTo(34_473.785, 3);
    expect(HARDNESS_PA.hardened / HARDNESS_PA.soft).toBeCloseTo(60, 12);
    expect(s.timeStep).toBe(1);
    expect(s.seed).toBe(0);
    expect(s.notional).toBe(true);
    expect(s.doctrine.default).toEqual(DEFAULT_DOCTRINE);
  });

  it('gives the epoch in ms since 1970 and launch times in seconds after it', () => {
    const s = scenario(`assets:
  - { id: plant, force: blue, kind: power-plant, location: { lat: 50, lon: 30 } }
threats:
  - id: t1
    force: red
    type: iskander-m
    launch: { time: "2024-06-01T02:30:00+02:00", lat: 51, lon: 32 }
    target: { asset: plant }
  - id: t2
    force: red
    type: iskander-m
    launch: { time: 12.5, lat: 51, lon: 32 }
    target: { aimpoint: { lat: 50.1, lon: 30.2, alt: 100 } }
`);
    expect(s.epochMs).toBe(Date.UTC(2024, 5, 1, 0, 0, 0));
    expect(s.epoch).toBe('2024-06-01T00:00:00.000Z');
    // 02:30 at +02:00 is 00:30 UTC: 1,800 s after the epoch.
    expect(s.threats[0]!.launch.time).toBe(1800);
    expect(s.threats[1]!.launch.time).toBe(12.5);
    expect(s.threats[0]!.target).toEqual({ asset: 'plant', point: { lat: 50 * DEG, lon: 30 * DEG, h: 0 } });
    expect(s.threats[1]!.target.asset).toBeNull();
    expect(s.threats[1]!.target.point.h).toBe(100);
    expect(s.threats[0]!.trajectory).toEqual({ shape: 'minimum-energy', flightPathAngle: null, offset: 0 });
    expect(s.threats[0]!.cruiseAltitude).toBeNull();
  });

  it('merges catalog types with scenario-local entries and per-entity overrides', () => {
    const s = scenario(`catalog:
  interceptors:
    - { id: pac3-mse, unitCost: 5000000 }                       # override in place
    - { id: pac3-long, base: pac3-mse, maxRange: 80000, name: Long PAC-3 }
    - { id: dart, maxRange: 3000, maxAltitude: 2000, maxSpeed: 900, kill: hit-to-kill, unitCost: 10 }
  threats:
    - { id: slow-drone, base: shahed-136, maxSpeed: 30, cruiseSpeed: 25 }
  sensors:
    - { id: my-radar, kind: radar, calibration: { rcs: 1, range: 50000 }, fieldOfRegard: 90 }
assets:
  - { id: a, force: blue, kind: city, location: { lat: 50, lon: 30 } }
sensors:
  - { id: r1, force: blue, type: my-radar, location: { lat: 50, lon: 30 } }
  - { id: r2, force: blue, type: an-mpq-65, location: { lat: 50, lon: 30 }, overrides: { maxDetectionRange: 100000 } }
  - { id: r3, force: blue, kind: passive, location: { lat: 50, lon: 30 }, overrides: { maxDetectionRange: 200000 } }
batteries:
  - { id: b1, force: blue, interceptor: pac3-mse, location: { lat: 50, lon: 30 }, overrides: { maxRange: 40000, pk: 0.8 } }
  - { id: b2, force: blue, interceptor: pac3-long, location: { lat: 50, lon: 30 }, launchers: 2 }
  - { id: b3, force: blue, interceptor: dart, location: { lat: 50, lon: 30 }, inventory: 1000 }
  - { id: b4, force: blue, interceptor: gepard, location: { lat: 50, lon: 30 }, interceptorsPerLauncher: 640 }
raids:
  - id: r
    force: red
    type: slow-drone
    count: 3
    launchArea: { center: { lat: 50.5, lon: 31 }, radius: 1000 }
    window: { start: 0, end: 60 }
    targets: { assets: [a] }
`);
    const pac3 = rawById(raw.interceptors, 'pac3-mse');
    const [b1, b2, b3, b4] = s.batteries;
    expect(b1!.interceptor.maxRange).toBe(40_000);
    expect(b1!.interceptor.pk).toBe(0.8);
    expect(b1!.interceptor.unitCost).toBe(5_000_000); // the local in-place override
    expect(b1!.interceptor.maxAltitude).toBe(pac3.max_altitude_m);
    expect(b1!.launchers).toBe(8);
    expect(b1!.inventory).toBe(8 * 12);
    expect(b1!.layer).toBe('lower');
    expect(b2!.interceptor).toMatchObject({ id: 'pac3-long', name: 'Long PAC-3', maxRange: 80_000, maxSpeed: pac3.max_speed_m_s, unitCost: 5_000_000 });
    expect(b2!.inventory).toBe(24);
    expect(b3!.interceptor).toMatchObject({ id: 'dart', kill: 'hit-to-kill', minRange: 0, unitCost: 10, pk: 0.7 });
    expect(b3!.interceptorsPerLauncher).toBe(1000);
    expect(b3!.layer).toBe('point');
    expect(b4!).toMatchObject({ layer: 'gun', inventory: 640 });
    expect(b4!.interceptor).toMatchObject({ kill: 'gun', pk: 0.3, roundsPerShot: 30 });
    // The scenario's catalog keeps the local types but not the per-battery overrides.
    expect(s.catalog.interceptors.find((t) => t.id === 'pac3-mse')!.maxRange).toBe(pac3.max_range_m);
    expect(s.raids[0]!.type).toMatchObject({ id: 'slow-drone', category: 'drone', maxSpeed: 30, cruiseSpeed: 25 });
    expect(s.raids[0]!.cruiseAltitude).toBe(500);
    const [r1, r2, r3] = s.sensors;
    expect(r1!.sector.width).toBeCloseTo(90 * DEG, 15);
    expect(r1!.type.calibration).toEqual({ rcs: 1, range: 50_000, pd: 0.9, pfa: 1e-6 });
    expect(r2!.type.calibration).toEqual({ rcs: 1, range: 100_000, pd: 0.9, pfa: 1e-6 });
    expect(r2!).toMatchObject({ kind: 'radar', revisit: 1, maxTracks: 100 });
    expect(r3!).toMatchObject({ typeId: null, kind: 'passive', revisit: 1, maxTracks: 50 });
  });

  it('resolves doctrine: defaults ← top ← force ← battery ← weaponsControl', () => {
    const s = scenario(`batteries:
  - { id: b1, force: blue, interceptor: pac3-mse, location: { lat: 50, lon: 30 }, weaponsControl: hold }
  - { id: b2, force: blue, interceptor: pac3-mse, location: { lat: 50, lon: 30 } }
doctrine:
  weaponsControl: tight
  priorities: { threats: [drone] }
  forces:
    blue: { fire: { mode: salvo }, costAware: true }
  batteries:
    b2: { reserve: { perBattery: 4 }, priorities: { assets: [city] } }
`);
    const [b1, b2] = s.batteries;
    expect(b1!.doctrine.weaponsControl).toBe('hold');
    expect(b2!.doctrine.weaponsControl).toBe('tight');
    expect(b2!.doctrine.fire).toEqual({ mode: 'salvo', salvoSize: 2 });
    expect(b2!.doctrine.costAware).toEqual({ enabled: true, maxCostRatio: 1 });
    expect(b2!.doctrine.reserve).toEqual({ kind: 'per-battery', perBattery: 4 });
    expect(b2!.doctrine.priorities.threats).toEqual(['drone', 'ballistic', 'glide', 'cruise', 'aircraft']);
    expect(b2!.doctrine.priorities.assets[0]).toBe('city');
    expect(b2!.doctrine.priorities.assets).toHaveLength(9);
    expect(s.doctrine.forces.red!.fire.mode).toBe('shoot-look-shoot');
    expect(s.doctrine.forces.blue!.fire.mode).toBe('salvo');
  });

  it('makes alliances mutual and checks funding shares', () => {
    const s = parse(
      `rampart: 1
name: t
epoch: 2024-06-01T00:00:00Z
duration: 60
forces:
  - { id: a, side: blue, allies: [b], dataLink: { latency: 1 } }
  - { id: b, side: blue, funding: [{ force: a, share: 0.6 }] }
  - { id: c, side: blue, funding: [{ force: a, share: 0.4 }] }
`,
      'f.yaml',
    );
    expect(s.forces.find((f) => f.id === 'b')!.allies).toEqual(['a']);
    expect(s.forces.find((f) => f.id === 'a')!.dataLink).toEqual({ latency: 1, shares: ['tracks'], with: ['b'], messageLoss: 0, trackCapacity: null, staleAfter: null });
    expect(() =>
      parse(
        `rampart: 1
name: t
epoch: 2024-06-01T00:00:00Z
duration: 60
forces:
  - { id: a, side: blue }
  - { id: b, side: blue, funding: [{ force: a, share: 0.7 }] }
  - { id: c, side: blue, funding: [{ force: a, share: 0.4 }] }
`,
        'f.yaml',
      ),
    ).toThrow(/f\.yaml:8:\d+: forces\[2\]\.funding\[0\]\.share: the shares paid for `a`'s interceptors add up to 110%/);
  });

  it('generates Walker constellations and reads elements, apogee/perigee and TLEs', () => {
    const iss = [
      // The ISS set quoted in Wikipedia's "Two-line element set" article (valid checksums 7 and 7).
      '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
      '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
    ];
    expect(tleProblem(iss[0]!, iss[1]!)).toBeNull();
    expect(tleProblem(iss[0]!.slice(0, 68) + '8', iss[1]!)).toEqual({ line: 0, message: 'TLE line 1 checksum is 8 but the line sums to 7' });
    const s = scenario(`sensors:
  - id: walker
    force: blue
    type: sbirs-geo
    orbit: { constellation: { count: 6, planes: 3, phasing: 1, altitude: 20000000, inclination: 55, raan: 10 } }
  - { id: geo, force: blue, type: sbirs-geo }
  - id: heo
    force: blue
    type: sbirs-heo
    orbit: { elements: { apogeeAltitude: 39000000, perigeeAltitude: 1000000, inclination: 63.4, epoch: 60 } }
  - id: tle
    force: blue
    type: sbirs-geo
    orbit: { tle: ["${iss[0]}", "${iss[1]}"] }
`);
    const [walker, geo, heo, tle] = s.sensors;
    // Walker 55°: 6/3/1 — planes at RAAN 10°, 130°, 250°; 2 per plane 180° apart; plane k offset by k·1·360/6 = 60°.
    const els = walker!.satellites.map((x) => (x.kind === 'elements' ? x.elements : null)!);
    expect(els.map((e) => Math.round(e.raan / DEG))).toEqual([10, 10, 130, 130, 250, 250]);
    expect(els.map((e) => Math.round(e.meanAnomaly / DEG))).toEqual([0, 180, 60, 240, 120, 300]);
    expect(els[0]!.semiMajorAxis).toBe(6_378_137 + 20_000_000);
    expect(walker!.satellites.map((x) => x.id)).toEqual(['walker/1', 'walker/2', 'walker/3', 'walker/4', 'walker/5', 'walker/6']);
    // Default: the catalog's six GEO satellites, 60° apart in mean anomaly.
    expect(geo!.satellites).toHaveLength(6);
    const g = geo!.satellites[1]!;
    expect(g.kind === 'elements' && g.elements.meanAnomaly).toBeCloseTo(60 * DEG, 12);
    const h = heo!.satellites[0]!;
    expect(h.kind).toBe('elements');
    if (h.kind === 'elements') {
      expect(h.elements.eccentricity).toBeCloseTo(38_000 / 52_756.274, 12);
      expect(h.elements.epochMs).toBe(s.epochMs + 60_000);
      expect(h.elements.argumentOfPerigee).toBe(0);
    }
    expect(tle!.satellites).toEqual([{ id: 'tle/1', kind: 'tle', tle: iss }]);
    expect(geo!.location).toBeNull();
  });

  it('expands nothing but keeps raids as deterministic generator specs', () => {
    const s = scenario(`assets:
  - { id: a, force: blue, kind: city, location: { lat: 50, lon: 30 } }
  - { id: b, force: blue, kind: port, location: { lat: 50.2, lon: 30 } }
raids:
  - id: r
    force: red
    type: shahed-136
    count: 10
    launchArea: { polygon: [[51, 31], [51, 32], [50.5, 32]], alt: 20 }
    window: { start: 100, end: "2024-06-01T00:10:00Z" }
    targets: { assets: [a, b], weights: [3, 1] }
    routing: { via: [{ lat: 50.7, lon: 30.5 }] }
`);
    const r = s.raids[0]!;
    expect(r.window).toEqual({ start: 100, end: 600 });
    expect(r.targets.weights).toEqual([0.75, 0.25]);
    expect(r.launchArea).toEqual({ kind: 'polygon', h: 20, polygon: [{ lat: 51 * DEG, lon: 31 * DEG }, { lat: 51 * DEG, lon: 32 * DEG }, { lat: 50.5 * DEG, lon: 32 * DEG }] });
    expect(r.routing).toEqual({ kind: 'via', via: [{ lat: 50.7 * DEG, lon: 30.5 * DEG, h: 500 }] });
    expect(r.spacing).toBe('uniform');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain, JSON-serialisable data
  });
});

describe('YAML conveniences', () => {
  it('accepts anchors, merge keys and ignored top-level x- keys', () => {
    const s = scenario(
      `batteries:
  - { <<: *patriot, id: p1, location: { lat: 50, lon: 30 } }
  - { <<: *patriot, id: p2, location: { lat: 50.1, lon: 30 }, launchers: 2 }
`,
      `x-patriot: &patriot { force: blue, interceptor: pac3-mse, launchers: 4 }
`,
    );
    expect(s.batteries.map((b) => [b.id, b.force, b.interceptorId, b.launchers])).toEqual([
      ['p1', 'blue', 'pac3-mse', 4],
      ['p2', 'blue', 'pac3-mse', 2],
    ]);
  });
});

describe('geometry used by the checks', () => {
  it('great-circle distance agrees with the WGS-84 geodesic (GeographicLib) within 0.5%', () => {
    const pairs: [number, number, number, number][] = [
      [48.6, 27.2, 48.7, 31.0],
      [52, 84, 41, -96],
      [26.2, 127.65, 27.3, 116.5],
      [0, 0, 0, 90],
      [-33.9, 18.4, 51.5, -0.1],
    ];
    for (const [a, b, c, d] of pairs) {
      const ref = Geodesic.WGS84.Inverse(a, b, c, d).s12;
      expect(Math.abs(greatCircleDistance(a, b, c, d) / ref - 1)).toBeLessThan(0.005);
    }
  });

  it('rejects degenerate and self-crossing polygons', () => {
    expect(polygonProblem([[0, 0], [0, 1], [1, 1], [1, 0]])).toBeNull();
    expect(polygonProblem([[0, 0], [1, 1], [0, 1], [1, 0]])).toMatch(/crosses itself/);
    expect(polygonProblem([[0, 0], [1, 1], [2, 2]])).toMatch(/no area/);
    expect(polygonProblem([[0, 0], [0, 0], [1, 1]])).toMatch(/3 distinct/);
  });

  it('reads zoned ISO-8601 times only', () => {
    expect(parseIsoTime('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseIsoTime('2024-06-01T05:30:00.250+03:00')).toBe(Date.UTC(2024, 5, 1, 2, 30, 0, 250));
    expect(parseIsoTime('2023-02-29T12:00:00Z')).toBeNull(); // not a leap year
    expect(parseIsoTime('2024-06-01T05:30:00')).toBeNull(); // no zone
    expect(parseIsoTime('2024-13-01T00:00:00Z')).toBeNull();
  });
});

describe('reference errors', () => {
  it('reports unknown ids with a hint and wrong-kind references', () => {
    let err: ScenarioError | undefined;
    try {
      parseScenario(
        `rampart: 1
name: test
epoch: 2024-06-01T00:00:00Z
duration: 3600
forces:
  - { id: blue, side: blue }
  - { id: red, side: red }
assets:
  - { id: plant, force: blue, kind: power-plant, location: { lat: 50, lon: 30 } }
sensors:
  - { id: sat, force: blue, type: sbirs-geo }
batteries:
  - { id: b1, force: bleu, interceptor: pac3-mse, location: { lat: 50, lon: 30 }, radar: sat, cuedBy: [plant] }
threats:
  - { id: t1, force: red, type: iskander-m, launch: { time: 0, lat: 51, lon: 31 }, target: { asset: plnat } }
  - { id: t2, force: red, type: iskandr-m, launch: { time: 0, lat: 51, lon: 31 }, target: { asset: plant } }
  - { id: t3, force: blue, type: iskander-m, launch: { time: 0, lat: 51, lon: 31 }, target: { asset: plant } }
`,
        'refs.yaml',
      );
    } catch (e) {
      err = e as ScenarioError;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err!.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'batteries[0].force: unknown force `bleu` (did you mean `blue`?)',
      'batteries[0].radar: `sat` is an ir-satellite sensor, not a radar',
      'batteries[0].cuedBy[0]: `plant` is an asset (assets[0]), not a sensor',
      'threats[0].target.asset: unknown asset `plnat` (did you mean `plant`?)',
      'threats[1].type: unknown threat type `iskandr-m` (did you mean `iskander-m`?)',
      'threats[2].target.asset: asset `plant` belongs to `blue`, the attacking force itself',
    ]);
  });
});
