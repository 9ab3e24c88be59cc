/**
 * Shape-checked scenario parts → the resolved `Scenario`: references between sections, catalog
 * types merged with overrides, defaults filled, degrees → radians, times → seconds after the
 * epoch. Every check records a problem and carries on, so one pass finds everything; the loader
 * throws if any problem was found.
 */
import {
  EARTH_EQUATORIAL_RADIUS,
  REQUIRED_NEW_FIELDS,
  applyInterceptorFields,
  applySensorFields,
  applyThreatFields,
  blankInterceptor,
  blankSensor,
  blankThreat,
} from './catalog.js';
import { DEG, greatCircleDistance, pathLength, polygonProblem, tleProblem } from './geometry.js';
import type { PathProblem } from './issues.js';
import { hint, type DocPath } from './problems.js';
import {
  ASSET_KINDS,
  THREAT_CATEGORIES,
  type AssetFile,
  type BatteryFile,
  type DoctrineFile,
  type DoctrineOverrideFile,
  type ForceFile,
  type InterceptorFieldsFile,
  type JammerFile,
  type ManeuverFile,
  type OrbitFile,
  type RaidFile,
  type SensorFieldsFile,
  type SensorFile,
  type ThreatFieldsFile,
  type ThreatFile,
  type TimeFile,
  type TrajectoryFile,
} from './schema.js';
import { parseIsoTime } from './time.js';
import type {
  Asset,
  AssetKind,
  Battery,
  Catalog,
  Doctrine,
  Force,
  GeoPoint,
  InterceptorType,
  Jammer,
  Layer,
  Maneuver,
  Raid,
  Satellite,
  Scenario,
  Sensor,
  SensorKind,
  SensorType,
  Threat,
  ThreatCategory,
  ThreatType,
  Trajectory,
} from './types.js';

/** An entry of a section with its index in the file (entries that failed the shape check are absent). */
export interface Indexed<T> {
  index: number;
  value: T;
}

export type CatalogKind = 'interceptors' | 'sensors' | 'threats';
type LocalEntry<F> = F & { id: string; base?: string | undefined };

/** What the resolver gets: the parts of the file that passed the shape check, plus all raw ids. */
export interface ScenarioParts {
  source: string;
  name: string | undefined;
  description: string;
  notional: boolean;
  epoch: string | undefined;
  duration: number | undefined;
  timeStep: number | undefined;
  seed: number;
  forces: Indexed<ForceFile>[];
  assets: Indexed<AssetFile>[];
  sensors: Indexed<SensorFile>[];
  batteries: Indexed<BatteryFile>[];
  threats: Indexed<ThreatFile>[];
  raids: Indexed<RaidFile>[];
  jammers: Indexed<JammerFile>[];
  doctrine: DoctrineFile | undefined;
  catalog: {
    interceptors: Indexed<LocalEntry<InterceptorFieldsFile>>[];
    sensors: Indexed<LocalEntry<SensorFieldsFile>>[];
    threats: Indexed<LocalEntry<ThreatFieldsFile>>[];
  };
  /**
   * Ids seen anywhere in the raw file, including entries that failed the shape check: a reference
   * to them is not reported again as "unknown" (the entry's own problem is the one to fix).
   */
  rawIds: {
    forces: Set<string>;
    entities: Map<string, EntitySection>;
    interceptors: Set<string>;
    sensors: Set<string>;
    threats: Set<string>;
    /** Sections present but not lists: any id may have been meant, so references into them are not judged. */
    opaque: Set<'forces' | EntitySection | CatalogKind>;
  };
  /** True when every section passed the shape check (so a missing doctrine really is missing). */
  complete: boolean;
}

export type EntitySection = 'assets' | 'sensors' | 'batteries' | 'threats' | 'raids' | 'jammers';
const ENTITY_SECTIONS: readonly EntitySection[] = ['assets', 'sensors', 'batteries', 'threats', 'raids', 'jammers'];
const SINGULAR: Record<EntitySection, string> = { assets: 'an asset', sensors: 'a sensor', batteries: 'a battery', threats: 'a threat', raids: 'a raid', jammers: 'a jammer' };

// ─── defaults (documented in docs/scenario.md) ──────────────────────────────────────────────────

/** Blast overpressure for severe damage, Pa: 5, 10, 50, 300 psi (1 psi = 6,894.757 Pa). Soft and medium after Glasstone & Dolan (1977), ch. 5; hard/hardened notional. */
export const HARDNESS_PA: Record<'soft' | 'medium' | 'hard' | 'hardened', number> = {
  soft: 5 * 6894.757,
  medium: 10 * 6894.757,
  hard: 50 * 6894.757,
  hardened: 300 * 6894.757,
};
export const SENSOR_DEFAULTS: Record<SensorKind, { revisit: number; maxTracks: number }> = {
  radar: { revisit: 1, maxTracks: 100 },
  'early-warning-radar': { revisit: 5, maxTracks: 500 },
  'ir-satellite': { revisit: 10, maxTracks: 1000 },
  passive: { revisit: 1, maxTracks: 50 },
};
export const CRUISE_ALTITUDE_DEFAULT: Record<ThreatCategory, number | null> = { ballistic: null, glide: null, cruise: 100, drone: 500, aircraft: 5000 };
export const DEFAULT_DOCTRINE: Doctrine = {
  weaponsControl: 'free',
  fire: { mode: 'shoot-look-shoot', salvoSize: 1 },
  maxShotsPerThreat: 4,
  reserve: { kind: 'share', share: 0 },
  priorities: {
    threats: ['ballistic', 'glide', 'cruise', 'aircraft', 'drone'],
    assets: ['command-post', 'power-plant', 'substation', 'radar-site', 'airbase', 'military', 'port', 'city', 'other'],
  },
  costAware: { enabled: false, maxCostRatio: 1 },
  killAssessmentDelay: 3,
  minPk: 0,
};
/** Slack on range checks: the loader's spherical distance is within ~0.5% of the WGS-84 geodesic. */
const RANGE_SLACK = 1.005;

// ─── helpers ────────────────────────────────────────────────────────────────────────────────────

const geo = (p: { lat: number; lon: number; alt?: number | undefined }, h?: number): GeoPoint => ({ lat: p.lat * DEG, lon: p.lon * DEG, h: h ?? p.alt ?? 0 });
const km = (m: number) => `${(m / 1000).toLocaleString('en-US', { maximumFractionDigits: m < 10_000 ? 2 : 0 })} km`;

class Resolver {
  readonly problems: PathProblem[] = [];
  readonly catalog: Catalog;
  epochMs: number | undefined;
  duration: number | undefined;
  forces = new Map<string, ForceFile>();
  allies = new Map<string, Set<string>>();
  entities = new Map<string, { section: EntitySection; index: number }>();
  assets = new Map<string, Asset>();
  sensors = new Map<string, Sensor>();

  constructor(
    readonly parts: ScenarioParts,
    builtin: Catalog,
  ) {
    this.catalog = structuredClone(builtin);
  }

  problem(path: DocPath, message: string, key?: string): void {
    this.problems.push(key === undefined ? { path, message } : { path, key, message });
  }

  /** Seconds after the epoch for a file time (number or ISO string), or undefined if unknowable. */
  seconds(t: TimeFile, path: DocPath): number | undefined {
    let s: number | undefined;
    if (typeof t === 'number') s = t;
    else if (this.epochMs !== undefined) {
      const ms = parseIsoTime(t);
      if (ms !== null) {
        s = (ms - this.epochMs) / 1000;
        if (s < 0) {
          this.problem(path, `${t} is ${(-s).toLocaleString('en-US')} s before the scenario epoch ${new Date(this.epochMs).toISOString()}`);
          return undefined;
        }
      }
    }
    if (s !== undefined && this.duration !== undefined && s > this.duration) {
      this.problem(path, `${typeof t === 'string' ? `${t} (${s} s)` : `${s} s`} is after the end of the scenario (duration ${this.duration} s)`);
    }
    return s;
  }

  /** A reference to a force; reports unknown ids with a hint. */
  forceRef(id: string, path: DocPath): boolean {
    if (this.forces.has(id)) return true;
    if (!this.parts.rawIds.forces.has(id) && !this.parts.rawIds.opaque.has('forces')) this.problem(path, `unknown force \`${id}\`${hint(id, this.forces.keys())}`);
    return false;
  }

  /** True if forces a and b are the same or allied. */
  friendly(a: string, b: string): boolean {
    return a === b || (this.allies.get(a)?.has(b) ?? false);
  }

  /** A reference to an entity of one of `sections`; returns true if it resolves. */
  entityRef(id: string, sections: readonly EntitySection[], path: DocPath): boolean {
    const e = this.entities.get(id);
    const what = sections.map((s) => SINGULAR[s].replace(/^an? /, '')).join(' or ');
    if (e === undefined) {
      const raw = this.parts.rawIds.entities.get(id);
      if (raw !== undefined && sections.includes(raw)) return false; // defined, but broken: its own problem is reported
      if (sections.some((s) => this.parts.rawIds.opaque.has(s))) return false;
      const candidates = [...this.entities].filter(([, v]) => sections.includes(v.section)).map(([k]) => k);
      this.problem(path, `unknown ${what} \`${id}\`${hint(id, candidates)}`);
      return false;
    }
    if (!sections.includes(e.section)) {
      this.problem(path, `\`${id}\` is ${SINGULAR[e.section]} (${e.section}[${e.index}]), not ${sections.map((s) => SINGULAR[s]).join(' or ')}`);
      return false;
    }
    return true;
  }

  typeRef<T extends { id: string }>(kind: CatalogKind, id: string, path: DocPath): T | undefined {
    const list = this.catalog[kind] as unknown as T[];
    const t = list.find((x) => x.id === id);
    if (t) return t;
    if (!this.parts.rawIds[kind].has(id) && !this.parts.rawIds.opaque.has(kind)) {
      const what = kind.slice(0, -1);
      this.problem(path, `unknown ${what} type \`${id}\`${hint(id, list.map((x) => x.id))}`);
    }
    return undefined;
  }

  // ─── catalog section ──────────────────────────────────────────────────────────────────────────

  resolveCatalog(): void {
    this.localTypes<InterceptorType, InterceptorFieldsFile>(
      'interceptors',
      this.parts.catalog.interceptors,
      (base, f, id) => applyInterceptorFields(base, f, id),
      (f, id) => blankInterceptor(id, f.kill ?? 'blast-fragmentation'),
      (t, path) => this.checkInterceptorType(t, path),
    );
    this.localTypes<SensorType, SensorFieldsFile>(
      'sensors',
      this.parts.catalog.sensors,
      (base, f, id) => applySensorFields(base, f, id),
      (f, id) => blankSensor(id, f.kind ?? 'radar'),
      () => true,
    );
    this.localTypes<ThreatType, ThreatFieldsFile>(
      'threats',
      this.parts.catalog.threats,
      (base, f, id) => applyThreatFields(base, f, id),
      (f, id) => {
        const t = blankThreat(id, f.category ?? 'ballistic');
        if (f.cruiseSpeed == null && f.maxSpeed !== undefined) t.cruiseSpeed = f.maxSpeed;
        return t;
      },
      (t, path) => this.checkThreatType(t, path),
    );
  }

  private localTypes<T extends { id: string }, F extends object>(
    kind: CatalogKind,
    entries: Indexed<LocalEntry<F>>[],
    apply: (base: T, fields: F, id: string) => T,
    blank: (fields: F, id: string) => T,
    check: (t: T, path: DocPath) => boolean,
  ): void {
    const list = this.catalog[kind] as unknown as T[];
    const builtinIds = new Set(list.map((t) => t.id));
    const seen = new Map<string, number>();
    for (const { index, value } of entries) {
      const path = ['catalog', kind, index];
      const { id, base, ...fields } = value;
      if (seen.has(id)) {
        this.problem([...path, 'id'], `duplicate ${kind.slice(0, -1)} type \`${id}\` (also catalog.${kind}[${seen.get(id)}])`);
        continue;
      }
      seen.set(id, index);
      const existing = list.findIndex((t) => t.id === id);
      let result: T;
      if (existing >= 0 && builtinIds.has(id)) {
        if (base !== undefined && base !== id) {
          this.problem([...path, 'base'], `\`${id}\` already exists in the catalog: remove \`base\` to override it in place, or choose a new id`);
          continue;
        }
        result = apply(list[existing]!, fields as F, id);
        if (!check(result, path)) continue;
        list[existing] = result;
      } else if (base !== undefined) {
        const b = list.find((t) => t.id === base);
        if (!b) {
          if (!this.parts.rawIds[kind].has(base) || base === id) this.problem([...path, 'base'], `unknown ${kind.slice(0, -1)} type \`${base}\`${hint(base, list.map((t) => t.id))}`);
          continue;
        }
        result = apply(b, fields as F, id);
        if (!check(result, path)) continue;
        list.push(result);
      } else {
        const missing = REQUIRED_NEW_FIELDS[kind].filter((k) => (fields as Record<string, unknown>)[k] === undefined);
        if (missing.length > 0) {
          this.problem(path, `a new ${kind.slice(0, -1)} type without \`base\` needs ${missing.map((m) => `\`${m}\``).join(', ')}${hint(id, list.map((t) => t.id)).replace(' (did', ' (or did')}`);
          continue;
        }
        result = apply(blank(fields as F, id), fields as F, id);
        if (!check(result, path)) continue;
        list.push(result);
      }
    }
  }

  checkInterceptorType(t: InterceptorType, path: DocPath): boolean {
    let ok = true;
    if (t.minRange >= t.maxRange) {
      this.problem(path, `interceptor type \`${t.id}\`: minRange ${t.minRange} m must be less than maxRange ${t.maxRange} m`);
      ok = false;
    }
    if (t.minAltitude >= t.maxAltitude) {
      this.problem(path, `interceptor type \`${t.id}\`: minAltitude ${t.minAltitude} m must be less than maxAltitude ${t.maxAltitude} m`);
      ok = false;
    }
    return ok;
  }

  checkThreatType(t: ThreatType, path: DocPath): boolean {
    if (t.minAltitude >= t.maxAltitude) {
      this.problem(path, `threat type \`${t.id}\`: minAltitude ${t.minAltitude} m must be less than maxAltitude ${t.maxAltitude} m`);
      return false;
    }
    return true;
  }

  // ─── forces ───────────────────────────────────────────────────────────────────────────────────

  resolveForces(): Force[] {
    const first = new Map<string, number>();
    for (const { index, value } of this.parts.forces) {
      if (first.has(value.id)) {
        this.problem(['forces', index, 'id'], `duplicate force id \`${value.id}\` (also forces[${first.get(value.id)}])`);
        continue;
      }
      first.set(value.id, index);
      this.forces.set(value.id, value);
      this.allies.set(value.id, new Set());
    }
    const kept = this.parts.forces.filter(({ index, value }) => first.get(value.id) === index);
    // Alliances are mutual: build the symmetric closure of the declared pairs (not transitive).
    for (const { index, value } of kept) {
      value.allies.forEach((a, k) => {
        const p = ['forces', index, 'allies', k];
        if (a === value.id) this.problem(p, 'a force cannot be its own ally');
        else if (this.forceRef(a, p)) {
          this.allies.get(value.id)!.add(a);
          this.allies.get(a)!.add(value.id);
        }
      });
    }
    const funded = new Map<string, { share: number; path: DocPath }>();
    const out: Force[] = [];
    for (const { index, value } of kept) {
      const path = ['forces', index];
      const allies = [...this.allies.get(value.id)!];
      let dataLink: Force['dataLink'] = null;
      if (value.dataLink) {
        const withIds = value.dataLink.with ?? allies;
        value.dataLink.with?.forEach((w, k) => {
          const p = [...path, 'dataLink', 'with', k];
          if (this.forceRef(w, p) && !this.allies.get(value.id)!.has(w)) this.problem(p, `\`${w}\` is not an ally of \`${value.id}\` (add it to allies first)`);
        });
        dataLink = {
          latency: value.dataLink.latency,
          shares: [...new Set(value.dataLink.shares)],
          with: [...withIds],
          messageLoss: value.dataLink.messageLoss,
          trackCapacity: value.dataLink.trackCapacity ?? null,
          staleAfter: value.dataLink.staleAfter ?? null,
        };
      }
      value.funding.forEach((f, k) => {
        const p = [...path, 'funding', k];
        if (f.force === value.id) this.problem([...p, 'force'], 'a force cannot fund itself');
        else if (this.forceRef(f.force, [...p, 'force'])) {
          const total = (funded.get(f.force)?.share ?? 0) + f.share;
          if (total > 1 + 1e-9) this.problem([...p, 'share'], `the shares paid for \`${f.force}\`'s ${f.costs} add up to ${Math.round(total * 1000) / 10}% (at most 100%)`);
          funded.set(f.force, { share: total, path: p });
        }
      });
      out.push({
        id: value.id,
        name: value.name ?? value.id,
        side: value.side,
        allies,
        color: value.color ?? null,
        dataLink,
        funding: value.funding.map((f) => ({ force: f.force, share: f.share, costs: f.costs })),
      });
    }
    return out;
  }

  // ─── entity ids ───────────────────────────────────────────────────────────────────────────────

  registerEntities(): void {
    for (const section of ENTITY_SECTIONS) {
      for (const { index, value } of this.parts[section] as Indexed<{ id: string }>[]) {
        const prev = this.entities.get(value.id);
        if (prev) this.problem([section, index, 'id'], `duplicate id \`${value.id}\` (already used by ${prev.section}[${prev.index}])`);
        else this.entities.set(value.id, { section, index });
      }
    }
  }

  /** True if this entry is the first (kept) owner of its id. */
  private owns(section: EntitySection, index: number, id: string): boolean {
    const e = this.entities.get(id);
    return e !== undefined && e.section === section && e.index === index;
  }

  // ─── assets ───────────────────────────────────────────────────────────────────────────────────

  resolveAssets(): Asset[] {
    const out: Asset[] = [];
    for (const { index, value: a } of this.parts.assets) {
      if (!this.owns('assets', index, a.id)) continue;
      const path = ['assets', index];
      this.forceRef(a.force, [...path, 'force']);
      let area: Asset['area'] = { kind: 'point' };
      if (a.area && 'radius' in a.area) area = { kind: 'circle', radius: a.area.radius };
      else if (a.area && 'polygon' in a.area) {
        const pp = polygonProblem(a.area.polygon);
        if (pp) this.problem([...path, 'area', 'polygon'], pp);
        area = { kind: 'polygon', polygon: a.area.polygon.map(([la, lo]) => ({ lat: la * DEG, lon: lo * DEG })) };
      }
      let power: Asset['power'] = null;
      if (a.power) {
        a.power.feeds.forEach((f, k) => {
          const p = [...path, 'power', 'feeds', k];
          if (f === a.id) this.problem(p, 'an asset cannot feed itself');
          else this.entityRef(f, ['assets'], p);
        });
        power = {
          generation: (a.power.generationMW ?? 0) * 1e6,
          serves: (a.power.servesMW ?? 0) * 1e6,
          feeds: [...a.power.feeds],
          restoreTime: a.power.restoreTime ?? null,
        };
      }
      const asset: Asset = {
        id: a.id,
        name: a.name ?? a.id,
        force: a.force,
        kind: a.kind,
        location: geo(a.location),
        area,
        value: a.value,
        valueUsd: a.valueUsd ?? null,
        hardness: typeof a.hardness === 'number' ? a.hardness : HARDNESS_PA[a.hardness],
        power,
      };
      this.assets.set(a.id, asset);
      out.push(asset);
    }
    return out;
  }

  // ─── sensors ──────────────────────────────────────────────────────────────────────────────────

  resolveSensors(): Sensor[] {
    const out: Sensor[] = [];
    for (const { index, value: s } of this.parts.sensors) {
      if (!this.owns('sensors', index, s.id)) continue;
      const path = ['sensors', index];
      this.forceRef(s.force, [...path, 'force']);
      let type: SensorType | undefined;
      if (s.type !== undefined) {
        const base = this.typeRef<SensorType>('sensors', s.type, [...path, 'type']);
        if (base) type = s.overrides ? applySensorFields(base, s.overrides) : base;
      } else {
        const kind = s.kind ?? s.overrides?.kind;
        if (kind === undefined) {
          this.problem(path, 'a sensor needs `type` (a catalog sensor id) or, for a custom sensor, `kind` and its parameters in `overrides`');
          continue;
        }
        type = applySensorFields(blankSensor(s.id, kind), { ...s.overrides, kind }, s.id);
      }
      if (!type) continue;
      const kind = s.kind ?? type.kind;
      const satellite = kind === 'ir-satellite';
      if (satellite !== (type.kind === 'ir-satellite')) {
        this.problem([...path, 'kind'], `\`${kind}\` does not fit sensor type \`${type.id}\` (a${type.kind === 'ir-satellite' ? 'n ir-satellite' : ` ${type.kind}`})`);
        continue;
      }
      if ((kind === 'radar' || kind === 'early-warning-radar') && type.calibration === null && type.radarEquation === null) {
        this.problem(
          [...path, s.type !== undefined ? 'type' : 'overrides'],
          `radar type \`${type.id}\` has no detection model: give overrides.calibration {rcs, range}, overrides.referenceRcs with a maxDetectionRange, or peakPower, gainDb, frequency and bandwidth`,
        );
      }
      if (kind === 'passive' && type.maxDetectionRange === null) {
        this.problem([...path, s.type !== undefined ? 'type' : 'overrides'], `passive sensor type \`${type.id}\` needs maxDetectionRange (range against the reference emitter)`);
      }
      let location: GeoPoint | null = null;
      let satellites: Satellite[] = [];
      if (satellite) {
        if (s.location) this.problem([...path, 'location'], 'a satellite sensor has no ground location (it flies its `orbit`)');
        if (s.sector) this.problem([...path, 'sector'], 'a satellite sensor has no ground sector (it looks down from its orbit)');
        satellites = this.satellites(s.id, s.orbit, type, [...path, 'orbit']) ?? [];
      } else {
        if (s.orbit) this.problem([...path, 'orbit'], `only ir-satellite sensors have an orbit (this one is ${kind === 'early-warning-radar' ? 'an' : 'a'} ${kind})`);
        if (!s.location) this.problem(path, `\`location\` is required for ${kind === 'early-warning-radar' ? 'an' : 'a'} ${kind} sensor`);
        else location = geo(s.location);
      }
      // Default: the radar looks down to its own horizon (the dip angle of a 4/3-Earth horizon seen
      // from the antenna height), so low fliers are not lost below a 0° floor.
      const elevationMin = s.sector?.elevationMin ?? (location ? -horizonDipDeg(location.h) : 0);
      const elevationMax = s.sector?.elevationMax ?? 90;
      if (elevationMin >= elevationMax) this.problem([...path, 'sector', 'elevationMin'], `elevationMin ${elevationMin}° must be below elevationMax ${elevationMax}°`);
      const sensor: Sensor = {
        id: s.id,
        name: s.name ?? s.id,
        force: s.force,
        typeId: s.type ?? null,
        type,
        kind,
        location,
        boresight: s.boresight * DEG,
        sector: { width: s.sector?.width !== undefined ? s.sector.width * DEG : type.fieldOfRegard, elevationMin: elevationMin * DEG, elevationMax: elevationMax * DEG },
        revisit: s.revisit ?? SENSOR_DEFAULTS[kind].revisit,
        maxTracks: s.maxTracks ?? SENSOR_DEFAULTS[kind].maxTracks,
        satellites,
      };
      this.sensors.set(s.id, sensor);
      out.push(sensor);
    }
    return out;
  }

  /** Orbit size from the accepted forms; reports ambiguity and reentering orbits. */
  private orbitSize(
    o: { semiMajorAxis?: number | undefined; altitude?: number | undefined; apogeeAltitude?: number | undefined; perigeeAltitude?: number | undefined; eccentricity?: number | undefined },
    path: DocPath,
    fallback: { semiMajorAxis: number; eccentricity: number } | null,
  ): { semiMajorAxis: number; eccentricity: number } | undefined {
    const forms = [o.semiMajorAxis !== undefined, o.altitude !== undefined, o.apogeeAltitude !== undefined || o.perigeeAltitude !== undefined].filter(Boolean).length;
    if (forms > 1) {
      this.problem(path, 'give the orbit size one way only: semiMajorAxis (+ eccentricity), altitude, or apogeeAltitude + perigeeAltitude');
      return undefined;
    }
    let a: number;
    let e: number;
    if (o.semiMajorAxis !== undefined) {
      a = o.semiMajorAxis;
      e = o.eccentricity ?? 0;
    } else if (o.altitude !== undefined) {
      if (o.eccentricity !== undefined && o.eccentricity !== 0) {
        this.problem([...path, 'eccentricity'], '`altitude` describes a circular orbit; use semiMajorAxis or apogeeAltitude + perigeeAltitude for an eccentric one');
        return undefined;
      }
      a = EARTH_EQUATORIAL_RADIUS + o.altitude;
      e = 0;
    } else if (o.apogeeAltitude !== undefined || o.perigeeAltitude !== undefined) {
      if (o.apogeeAltitude === undefined || o.perigeeAltitude === undefined) {
        this.problem(path, 'apogeeAltitude and perigeeAltitude go together');
        return undefined;
      }
      if (o.eccentricity !== undefined) {
        this.problem([...path, 'eccentricity'], 'eccentricity follows from apogeeAltitude and perigeeAltitude; remove it');
        return undefined;
      }
      if (o.apogeeAltitude < o.perigeeAltitude) {
        this.problem([...path, 'apogeeAltitude'], `apogeeAltitude ${o.apogeeAltitude} m is below perigeeAltitude ${o.perigeeAltitude} m`);
        return undefined;
      }
      const ra = EARTH_EQUATORIAL_RADIUS + o.apogeeAltitude;
      const rp = EARTH_EQUATORIAL_RADIUS + o.perigeeAltitude;
      a = (ra + rp) / 2;
      e = (ra - rp) / (ra + rp);
    } else if (fallback) {
      ({ semiMajorAxis: a, eccentricity: e } = fallback);
      if (o.eccentricity !== undefined) e = o.eccentricity;
    } else {
      this.problem(path, 'the orbit needs a size: semiMajorAxis (+ eccentricity), altitude, or apogeeAltitude + perigeeAltitude');
      return undefined;
    }
    const perigeeAlt = a * (1 - e) - EARTH_EQUATORIAL_RADIUS;
    if (perigeeAlt < 100_000) {
      this.problem(path, `perigee altitude ${km(perigeeAlt)} is below 100 km: the satellite would re-enter`);
      return undefined;
    }
    return { semiMajorAxis: a, eccentricity: e };
  }

  private elementEpochMs(t: TimeFile | undefined): number | undefined {
    if (t === undefined) return this.epochMs;
    if (typeof t === 'string') return parseIsoTime(t) ?? undefined;
    return this.epochMs === undefined ? undefined : this.epochMs + t * 1000;
  }

  private satellites(sensorId: string, orbit: OrbitFile | undefined, type: SensorType, path: DocPath): Satellite[] | undefined {
    const po = type.platformOrbit;
    if (orbit === undefined) {
      if (!po) {
        this.problem(path.slice(0, -1), `\`orbit\` is required: sensor type \`${type.id}\` has no catalog platform orbit`);
        return undefined;
      }
      orbit = { constellation: { planes: 1, phasing: 0, raan: 0, meanAnomaly: 0 } };
    }
    if ('tle' in orbit) {
      const p = tleProblem(orbit.tle[0], orbit.tle[1]);
      if (p) {
        this.problem([...path, 'tle', p.line], p.message);
        return undefined;
      }
      return [{ id: `${sensorId}/1`, kind: 'tle', tle: [orbit.tle[0].trimEnd(), orbit.tle[1].trimEnd()] }];
    }
    if ('elements' in orbit) {
      const el = orbit.elements;
      const p = [...path, 'elements'];
      const size = this.orbitSize(el, p, null);
      const epochMs = this.elementEpochMs(el.epoch);
      if (!size || epochMs === undefined) return undefined;
      return [
        {
          id: `${sensorId}/1`,
          kind: 'elements',
          elements: {
            ...size,
            inclination: el.inclination * DEG,
            raan: el.raan * DEG,
            argumentOfPerigee: el.argumentOfPerigee * DEG,
            meanAnomaly: el.meanAnomaly * DEG,
            epochMs,
          },
        },
      ];
    }
    const c = orbit.constellation;
    const p = [...path, 'constellation'];
    const count = c.count ?? po?.count;
    const inclinationDeg = c.inclination ?? (po ? po.inclination / DEG : undefined);
    if (count === undefined) this.problem(p, `\`count\` is required: sensor type \`${type.id}\` has no catalog constellation`);
    if (inclinationDeg === undefined) this.problem(p, `\`inclination\` is required: sensor type \`${type.id}\` has no catalog orbit`);
    const size = this.orbitSize(c, p, po ? { semiMajorAxis: po.semiMajorAxis, eccentricity: po.eccentricity } : null);
    const epochMs = this.elementEpochMs(c.epoch);
    if (count === undefined || inclinationDeg === undefined || !size || epochMs === undefined) return undefined;
    if (count % c.planes !== 0) {
      this.problem([...p, 'planes'], `${count} satellites cannot be spread evenly over ${c.planes} planes`);
      return undefined;
    }
    // Walker pattern i: t/p/f (Walker 1984, "Satellite constellations", JBIS 37): S = t/p per plane,
    // plane k at RAAN raan0 + k·Δ, satellite j at M0 + j·360/S + k·f·360/t.
    const perPlane = count / c.planes;
    const spacing = c.planeSpacing ?? 360 / c.planes;
    const argp = c.argumentOfPerigee ?? (size.eccentricity > 0.1 ? 270 : 0);
    const sats: Satellite[] = [];
    for (let k = 0; k < c.planes; k++) {
      for (let j = 0; j < perPlane; j++) {
        const raan = (c.raan + k * spacing) % 360;
        const m = (c.meanAnomaly + (j * 360) / perPlane + (k * c.phasing * 360) / count) % 360;
        sats.push({
          id: `${sensorId}/${sats.length + 1}`,
          kind: 'elements',
          elements: { ...size, inclination: inclinationDeg * DEG, raan: raan * DEG, argumentOfPerigee: argp * DEG, meanAnomaly: m * DEG, epochMs },
        });
      }
    }
    return sats;
  }

  // ─── batteries ────────────────────────────────────────────────────────────────────────────────

  resolveBatteries(doctrineFor: (force: string, battery: string, weaponsControl?: Doctrine['weaponsControl']) => Doctrine): Battery[] {
    const out: Battery[] = [];
    for (const { index, value: b } of this.parts.batteries) {
      if (!this.owns('batteries', index, b.id)) continue;
      const path = ['batteries', index];
      const forceOk = this.forceRef(b.force, [...path, 'force']);
      const base = this.typeRef<InterceptorType>('interceptors', b.interceptor, [...path, 'interceptor']);
      if (!base) continue;
      const type = b.overrides ? applyInterceptorFields(base, b.overrides) : base;
      if (b.overrides && !this.checkInterceptorType(type, [...path, 'overrides'])) continue;
      const launchers = b.launchers ?? type.launchersPerBattery;
      let perLauncher = b.interceptorsPerLauncher ?? type.missilesPerLauncher;
      if (perLauncher === null) {
        if (b.inventory === undefined) {
          this.problem(path, `interceptor type \`${type.id}\` publishes no interceptors per launcher: give \`interceptorsPerLauncher\` or \`inventory\``);
          continue;
        }
        perLauncher = Math.ceil(b.inventory / launchers);
      }
      const inventory = b.inventory ?? launchers * perLauncher;
      let radar: string | null = null;
      if (b.radar !== undefined && this.entityRef(b.radar, ['sensors'], [...path, 'radar'])) {
        const s = this.sensors.get(b.radar);
        if (s) {
          if (s.kind !== 'radar' && s.kind !== 'early-warning-radar') this.problem([...path, 'radar'], `\`${b.radar}\` is ${s.kind === 'ir-satellite' ? 'an ir-satellite' : 'a passive'} sensor, not a radar`);
          else if (forceOk && !this.friendly(b.force, s.force)) this.problem([...path, 'radar'], `radar \`${b.radar}\` belongs to \`${s.force}\`, which is not \`${b.force}\` or an ally`);
          radar = b.radar;
        }
      }
      b.cuedBy.forEach((c, k) => {
        const p = [...path, 'cuedBy', k];
        if (this.entityRef(c, ['sensors'], p)) {
          const s = this.sensors.get(c);
          if (s && forceOk && !this.friendly(b.force, s.force)) this.problem(p, `sensor \`${c}\` belongs to \`${s.force}\`, which is not \`${b.force}\` or an ally`);
        }
      });
      let defends: string[];
      if (b.defends) {
        b.defends.forEach((a, k) => {
          const p = [...path, 'defends', k];
          if (this.entityRef(a, ['assets'], p)) {
            const asset = this.assets.get(a);
            if (asset && forceOk && !this.friendly(b.force, asset.force)) this.problem(p, `asset \`${a}\` belongs to \`${asset.force}\`, which is not \`${b.force}\` or an ally`);
          }
        });
        defends = [...b.defends];
      } else defends = [...this.assets.values()].filter((a) => this.friendly(b.force, a.force)).map((a) => a.id);
      out.push({
        id: b.id,
        name: b.name ?? b.id,
        force: b.force,
        interceptorId: b.interceptor,
        interceptor: type,
        location: geo(b.location),
        launchers,
        interceptorsPerLauncher: perLauncher,
        inventory,
        reloadTime: b.reloadTime ?? null,
        sector: { boresight: (b.sector?.boresight ?? 0) * DEG, width: (b.sector?.width ?? 360) * DEG },
        radar,
        cuedBy: [...b.cuedBy],
        defends,
        layer: b.layer ?? layerOf(type),
        doctrine: doctrineFor(b.force, b.id, b.weaponsControl),
      });
    }
    return out;
  }

  // ─── threats and raids ────────────────────────────────────────────────────────────────────────

  private threatType(t: { type: string; overrides?: ThreatFieldsFile | undefined }, path: DocPath): ThreatType | undefined {
    const base = this.typeRef<ThreatType>('threats', t.type, [...path, 'type']);
    if (!base) return undefined;
    const type = t.overrides ? applyThreatFields(base, t.overrides) : base;
    if (t.overrides && !this.checkThreatType(type, [...path, 'overrides'])) return undefined;
    return type;
  }

  /** Checks fields that only fit some flight categories; resolves trajectory, cruise altitude, maneuver. */
  private flightProfile(
    t: { trajectory?: TrajectoryFile | undefined; cruiseAltitude?: number | undefined; maneuver?: ManeuverFile | undefined; route?: unknown },
    type: ThreatType,
    path: DocPath,
    routeKey: 'route' | 'routing',
  ): { trajectory: Trajectory | null; cruiseAltitude: number | null; maneuver: Maneuver | null } {
    const cat = type.category;
    const ballisticLike = cat === 'ballistic' || cat === 'glide';
    const article = cat === 'aircraft' ? 'an' : 'a';
    if (t.trajectory !== undefined && !ballisticLike) this.problem([...path, 'trajectory'], `applies to ballistic and glide threats; \`${type.id}\` is ${article} ${cat}`);
    if (t.cruiseAltitude !== undefined && ballisticLike) this.problem([...path, 'cruiseAltitude'], `applies to cruise, drone and aircraft threats; \`${type.id}\` is a ${cat}`);
    if (routeKey === 'route' && t.route !== undefined && ballisticLike) this.problem([...path, 'route'], `waypoints apply to cruise, drone and aircraft threats; \`${type.id}\` is a ${cat}`);
    let trajectory: Trajectory | null = null;
    if (ballisticLike) {
      const tr = t.trajectory ?? (cat === 'ballistic' ? 'minimum-energy' : undefined);
      if (tr === undefined) trajectory = null;
      else if (typeof tr === 'string') trajectory = { shape: tr, flightPathAngle: null, offset: tr === 'minimum-energy' ? 0 : 10 * DEG };
      else if ('flightPathAngle' in tr) trajectory = { shape: 'flight-path-angle', flightPathAngle: tr.flightPathAngle * DEG, offset: 0 };
      else trajectory = { shape: tr.shape, flightPathAngle: null, offset: tr.offset * DEG };
    }
    let cruiseAltitude: number | null = null;
    const def = CRUISE_ALTITUDE_DEFAULT[cat];
    if (def !== null) {
      if (t.cruiseAltitude !== undefined) {
        cruiseAltitude = t.cruiseAltitude;
        if (cruiseAltitude < type.minAltitude || cruiseAltitude > type.maxAltitude) {
          this.problem([...path, 'cruiseAltitude'], `${cruiseAltitude} m is outside the altitude limits of \`${type.id}\` (${type.minAltitude}–${type.maxAltitude} m)`);
        }
      } else cruiseAltitude = Math.min(Math.max(def, type.minAltitude), type.maxAltitude);
    }
    let maneuver: Maneuver | null = null;
    if (t.maneuver) {
      const m = t.maneuver;
      const start = m.start ?? null;
      if (m.kind === 'weave') maneuver = { kind: 'weave', start, maxLoad: m.maxLoad, amplitude: m.amplitude, period: m.period };
      else if (m.kind === 'dogleg') maneuver = { kind: 'dogleg', start, maxLoad: m.maxLoad, crossrange: m.crossrange };
      else maneuver = { kind: 'pull-up', start, maxLoad: m.maxLoad };
    }
    return { trajectory, cruiseAltitude, maneuver };
  }

  /** Target asset must exist and not belong to the attacker or its allies. */
  private targetAsset(force: string, assetId: string, path: DocPath): Asset | undefined {
    if (!this.entityRef(assetId, ['assets'], path)) return undefined;
    const a = this.assets.get(assetId);
    if (a && this.forces.has(force) && this.friendly(force, a.force)) {
      this.problem(path, `asset \`${assetId}\` belongs to \`${a.force}\`, ${a.force === force ? 'the attacking force itself' : `an ally of \`${force}\``}`);
    }
    return a;
  }

  private rangeCheck(type: ThreatType, distance: number, path: DocPath, what: string): void {
    if (distance > type.maxRange * RANGE_SLACK) {
      this.problem(path, `${what} is ${km(distance)}, beyond the ${km(type.maxRange)} range of \`${type.id}\` (set overrides.maxRange to change it)`);
    }
  }

  resolveThreats(): Threat[] {
    const out: Threat[] = [];
    for (const { index, value: t } of this.parts.threats) {
      if (!this.owns('threats', index, t.id)) continue;
      const path = ['threats', index];
      this.forceRef(t.force, [...path, 'force']);
      const time = this.seconds(t.launch.time, [...path, 'launch', 'time']);
      const type = this.threatType(t, path);
      let point: GeoPoint | undefined;
      let aim: { lat: number; lon: number } | undefined;
      let assetId: string | null = null;
      if ('asset' in t.target) {
        const a = this.targetAsset(t.force, t.target.asset, [...path, 'target', 'asset']);
        if (a) {
          point = a.location;
          aim = { lat: a.location.lat / DEG, lon: a.location.lon / DEG };
          assetId = a.id;
        }
      } else {
        point = geo(t.target.aimpoint);
        aim = t.target.aimpoint;
      }
      if (!type) continue;
      const profile = this.flightProfile(t, type, path, 'route');
      const waypoints = t.route ?? [];
      if (aim) this.rangeCheck(type, pathLength([t.launch, ...waypoints, aim]), [...path, 'target'], waypoints.length ? 'the route to the target' : 'the target');
      if (time === undefined || !point) continue;
      out.push({
        id: t.id,
        name: t.name ?? t.id,
        force: t.force,
        typeId: t.type,
        type,
        category: type.category,
        launch: { time, location: geo(t.launch) },
        target: { asset: assetId, point },
        trajectory: profile.trajectory,
        route: waypoints.map((w) => geo(w, w.alt ?? profile.cruiseAltitude ?? 0)),
        cruiseAltitude: profile.cruiseAltitude,
        maneuver: profile.maneuver,
      });
    }
    return out;
  }

  resolveRaids(): Raid[] {
    const out: Raid[] = [];
    for (const { index, value: r } of this.parts.raids) {
      if (!this.owns('raids', index, r.id)) continue;
      const path = ['raids', index];
      this.forceRef(r.force, [...path, 'force']);
      const type = this.threatType(r, path);
      const start = this.seconds(r.window.start, [...path, 'window', 'start']);
      const end = this.seconds(r.window.end, [...path, 'window', 'end']);
      if (start !== undefined && end !== undefined && end < start) this.problem([...path, 'window', 'end'], `the window ends (${end} s) before it starts (${start} s)`);
      // Launch area and its farthest reach (for the range check): a circle's centre + radius, or a polygon's vertices.
      let launchArea: Raid['launchArea'];
      let farthest: (to: { lat: number; lon: number }) => number;
      const la = r.launchArea;
      if ('center' in la) {
        launchArea = { kind: 'circle', center: { lat: la.center.lat * DEG, lon: la.center.lon * DEG }, radius: la.radius, h: la.alt };
        farthest = (to) => greatCircleDistance(la.center.lat, la.center.lon, to.lat, to.lon) + la.radius;
      } else {
        const pp = polygonProblem(la.polygon);
        if (pp) this.problem([...path, 'launchArea', 'polygon'], pp);
        launchArea = { kind: 'polygon', polygon: la.polygon.map(([a, b]) => ({ lat: a * DEG, lon: b * DEG })), h: la.alt };
        farthest = (to) => Math.max(...la.polygon.map(([a, b]) => greatCircleDistance(a, b, to.lat, to.lon)));
      }
      const via = typeof r.routing === 'string' ? [] : r.routing.via;
      let targets: Raid['targets'] | undefined;
      const list = 'assets' in r.targets ? r.targets.assets : r.targets.aimpoints;
      const weights = r.targets.weights ?? list.map(() => 1);
      if (r.targets.weights && r.targets.weights.length !== list.length) {
        this.problem([...path, 'targets', 'weights'], `has ${r.targets.weights.length} weights for ${list.length} ${'assets' in r.targets ? 'assets' : 'aimpoints'}`);
      }
      const sum = weights.reduce((s, w) => s + w, 0);
      if (r.targets.weights && sum <= 0) this.problem([...path, 'targets', 'weights'], 'the weights add up to 0');
      const norm = weights.map((w) => (sum > 0 ? w / sum : 0));
      const aims: { lat: number; lon: number }[] = [];
      if ('assets' in r.targets) {
        const points: GeoPoint[] = [];
        r.targets.assets.forEach((id, k) => {
          const a = this.targetAsset(r.force, id, [...path, 'targets', 'assets', k]);
          if (a) {
            points.push(a.location);
            aims.push({ lat: a.location.lat / DEG, lon: a.location.lon / DEG });
          }
        });
        targets = { kind: 'assets', assets: [...r.targets.assets], points, weights: norm };
      } else {
        targets = { kind: 'aimpoints', points: r.targets.aimpoints.map((p) => geo(p)), weights: norm };
        aims.push(...r.targets.aimpoints);
      }
      if (!type) continue;
      const profile = this.flightProfile(r, type, path, 'routing');
      if (via.length > 0 && (type.category === 'ballistic' || type.category === 'glide')) this.problem([...path, 'routing'], `waypoints apply to cruise, drone and aircraft threats; \`${type.id}\` is a ${type.category}`);
      for (const [k, aim] of aims.entries()) {
        const reach = via.length ? farthest(via[0]!) + pathLength([...via, aim]) : farthest(aim);
        const tp = 'assets' in r.targets ? [...path, 'targets', 'assets', k] : [...path, 'targets', 'aimpoints', k];
        if (reach > type.maxRange * RANGE_SLACK) {
          this.rangeCheck(type, reach, tp, 'the farthest launch point to this target');
          break;
        }
      }
      if (start === undefined || end === undefined) continue;
      out.push({
        id: r.id,
        name: r.name ?? r.id,
        force: r.force,
        typeId: r.type,
        type,
        category: type.category,
        count: r.count,
        launchArea,
        window: { start, end },
        spacing: r.spacing,
        targets,
        routing: via.length ? { kind: 'via', via: via.map((w) => geo(w, w.alt ?? profile.cruiseAltitude ?? 0)) } : { kind: 'direct' },
        dispersion: r.dispersion,
        trajectory: profile.trajectory,
        cruiseAltitude: profile.cruiseAltitude,
        maneuver: profile.maneuver,
      });
    }
    return out;
  }

  // ─── jammers ──────────────────────────────────────────────────────────────────────────────────

  resolveJammers(): Jammer[] {
    const out: Jammer[] = [];
    for (const { index, value: j } of this.parts.jammers) {
      if (!this.owns('jammers', index, j.id)) continue;
      const path = ['jammers', index];
      const forceOk = this.forceRef(j.force, [...path, 'force']);
      if (j.kind === 'stand-off') {
        if (!j.location) this.problem(path, '`location` is required for a stand-off jammer');
        if (j.escorts) this.problem([...path, 'escorts'], 'only self-protection jammers escort threats');
      } else {
        if (!j.escorts || j.escorts.length === 0) this.problem(path, '`escorts` (threat or raid ids) is required for a self-protection jammer');
        if (j.location) this.problem([...path, 'location'], 'a self-protection jammer flies with its escorts; remove `location`');
      }
      j.escorts?.forEach((e, k) => {
        const p = [...path, 'escorts', k];
        if (this.entityRef(e, ['threats', 'raids'], p)) {
          const ent = this.entities.get(e)!;
          const owner = (this.parts[ent.section] as Indexed<{ force: string }>[]).find((x) => x.index === ent.index)?.value.force;
          if (owner !== undefined && forceOk && owner !== j.force) this.problem(p, `\`${e}\` belongs to \`${owner}\`, not \`${j.force}\``);
        }
      });
      j.targets?.forEach((s, k) => {
        const p = [...path, 'targets', k];
        if (this.entityRef(s, ['sensors'], p)) {
          const sensor = this.sensors.get(s);
          if (sensor && forceOk && this.friendly(j.force, sensor.force)) this.problem(p, `sensor \`${s}\` belongs to \`${sensor.force}\`, a friendly force`);
        }
      });
      let frequency: number | undefined = j.frequency;
      let bandwidth: number | undefined = j.bandwidth;
      if (j.band !== undefined) {
        const limits = this.catalog.radarBands[j.band];
        if (!limits) this.problem([...path, 'band'], `unknown band \`${j.band}\``);
        else {
          if (frequency === undefined) frequency = (limits[0] + limits[1]) / 2;
          else if (frequency < limits[0] || frequency > limits[1]) this.problem([...path, 'frequency'], `${frequency} Hz is outside ${j.band} band (${limits[0]}–${limits[1]} Hz)`);
          bandwidth ??= limits[1] - limits[0];
        }
      }
      if (frequency === undefined) this.problem(path, 'give the jammed `band` or the centre `frequency`');
      if (frequency !== undefined && bandwidth === undefined) this.problem(path, '`bandwidth` is required with `frequency` (or give `band`)');
      const start = j.active ? this.seconds(j.active.start, [...path, 'active', 'start']) : 0;
      const end = j.active?.end !== undefined ? this.seconds(j.active.end, [...path, 'active', 'end']) : this.duration;
      if (start !== undefined && end !== undefined && end < start) this.problem([...path, 'active', 'end'], `switches off (${end} s) before it switches on (${start} s)`);
      if (frequency === undefined || bandwidth === undefined || start === undefined || end === undefined) continue;
      out.push({
        id: j.id,
        name: j.name ?? j.id,
        force: j.force,
        kind: j.kind,
        location: j.location ? geo(j.location) : null,
        escorts: [...(j.escorts ?? [])],
        erp: j.erp,
        frequency,
        bandwidth,
        active: { start, end },
        targets: [...(j.targets ?? [])],
      });
    }
    return out;
  }

  // ─── doctrine ─────────────────────────────────────────────────────────────────────────────────

  mergeDoctrine(base: Doctrine, d: DoctrineOverrideFile, path: DocPath): Doctrine {
    const out: Doctrine = structuredClone(base);
    if (d.weaponsControl !== undefined) out.weaponsControl = d.weaponsControl;
    if (d.fire) {
      if (d.fire.mode === 'shoot-look-shoot') {
        if (d.fire.salvoSize !== undefined && d.fire.salvoSize !== 1) this.problem([...path, 'fire', 'salvoSize'], 'shoot-look-shoot fires one interceptor per look; use mode: salvo for more');
        out.fire = { mode: 'shoot-look-shoot', salvoSize: 1 };
      } else out.fire = { mode: 'salvo', salvoSize: d.fire.salvoSize ?? 2 };
    }
    if (d.maxShotsPerThreat !== undefined) out.maxShotsPerThreat = d.maxShotsPerThreat;
    if (out.maxShotsPerThreat < out.fire.salvoSize) this.problem([...path, 'maxShotsPerThreat'], `maxShotsPerThreat ${out.maxShotsPerThreat} is smaller than one salvo (${out.fire.salvoSize})`);
    if (d.reserve) out.reserve = 'share' in d.reserve ? { kind: 'share', share: d.reserve.share } : { kind: 'per-battery', perBattery: d.reserve.perBattery };
    if (d.priorities?.threats) out.priorities.threats = this.order<ThreatCategory>(d.priorities.threats, base.priorities.threats, THREAT_CATEGORIES, [...path, 'priorities', 'threats']);
    if (d.priorities?.assets) out.priorities.assets = this.order<AssetKind>(d.priorities.assets, base.priorities.assets, ASSET_KINDS, [...path, 'priorities', 'assets']);
    if (d.costAware !== undefined) out.costAware = typeof d.costAware === 'boolean' ? { enabled: d.costAware, maxCostRatio: base.costAware.maxCostRatio } : { enabled: true, maxCostRatio: d.costAware.maxCostRatio };
    if (d.killAssessmentDelay !== undefined) out.killAssessmentDelay = d.killAssessmentDelay;
    if (d.minPk !== undefined) out.minPk = d.minPk;
    return out;
  }

  private order<T extends string>(given: readonly T[], base: readonly T[], all: readonly T[], path: DocPath): T[] {
    const seen = new Set<T>();
    given.forEach((g, k) => {
      if (seen.has(g)) this.problem([...path, k], `\`${g}\` is listed twice`);
      seen.add(g);
    });
    return [...seen, ...base.filter((b) => !seen.has(b)), ...all.filter((a) => !seen.has(a) && !base.includes(a))];
  }
}

/** Default layer of an interceptor: gun kill → gun; min altitude ≥ 30 km → upper; max range ≤ 10 km → point; else lower. */
export function layerOf(t: InterceptorType): Layer {
  if (t.kill === 'gun') return 'gun';
  if (t.minAltitude >= 30_000) return 'upper';
  if (t.maxRange <= 10_000) return 'point';
  return 'lower';
}

/** Resolve checked parts into a Scenario; returns the problems found (the scenario only if none). */
export function resolveScenario(parts: ScenarioParts, builtin: Catalog): { scenario: Scenario | undefined; problems: PathProblem[] } {
  const r = new Resolver(parts, builtin);
  if (parts.epoch !== undefined) r.epochMs = parseIsoTime(parts.epoch) ?? undefined;
  r.duration = parts.duration;
  if (parts.duration !== undefined && parts.timeStep !== undefined && parts.timeStep > parts.duration) {
    r.problem(['timeStep'], `must be at most the duration (${parts.timeStep} s > ${parts.duration} s)`);
  }
  r.resolveCatalog();
  const forces = r.resolveForces();
  r.registerEntities();

  // Doctrine: defaults ← top level ← per force ← per battery ← battery.weaponsControl.
  const d = parts.doctrine;
  const top = d ? r.mergeDoctrine(DEFAULT_DOCTRINE, d, ['doctrine']) : structuredClone(DEFAULT_DOCTRINE);
  const byForce: Record<string, Doctrine> = {};
  for (const f of forces) byForce[f.id] = top;
  for (const [fid, fd] of Object.entries(d?.forces ?? {})) {
    const p = ['doctrine', 'forces', fid];
    if (!r.forces.has(fid)) {
      if (!parts.rawIds.forces.has(fid)) r.problem(p, `unknown force \`${fid}\`${hint(fid, r.forces.keys())}`);
      continue;
    }
    byForce[fid] = r.mergeDoctrine(top, fd, p);
  }
  const batteryDoctrine = d?.batteries ?? {};
  const assets = r.resolveAssets();
  const sensors = r.resolveSensors();
  const batteries = r.resolveBatteries((force, battery, wc) => {
    let doc = byForce[force] ?? top;
    const bd = batteryDoctrine[battery];
    if (bd) doc = r.mergeDoctrine(doc, bd, ['doctrine', 'batteries', battery]);
    if (wc !== undefined) doc = { ...doc, weaponsControl: wc };
    return doc;
  });
  for (const bid of Object.keys(batteryDoctrine)) {
    const e = r.entities.get(bid);
    if (e?.section === 'batteries') continue;
    const p = ['doctrine', 'batteries', bid];
    if (e) r.problem(p, `\`${bid}\` is ${SINGULAR[e.section]}, not a battery`);
    else if (parts.rawIds.entities.get(bid) !== 'batteries') {
      r.problem(p, `unknown battery \`${bid}\`${hint(bid, [...r.entities].filter(([, v]) => v.section === 'batteries').map(([k]) => k))}`);
    }
  }
  const threats = r.resolveThreats();
  const raids = r.resolveRaids();
  const jammers = r.resolveJammers();

  if (r.problems.length > 0 || !parts.complete || parts.name === undefined || parts.epoch === undefined || r.epochMs === undefined || parts.duration === undefined || parts.timeStep === undefined) {
    return { scenario: undefined, problems: r.problems };
  }
  const scenario: Scenario = {
    format: 1,
    source: parts.source,
    name: parts.name,
    description: parts.description,
    notional: parts.notional,
    epoch: new Date(r.epochMs).toISOString(),
    epochMs: r.epochMs,
    duration: parts.duration,
    timeStep: parts.timeStep,
    seed: parts.seed,
    forces,
    assets,
    sensors,
    batteries,
    threats,
    raids,
    jammers,
    doctrine: { default: top, forces: byForce },
    catalog: r.catalog,
  };
  return { scenario, problems: [] };
}

/** Dip (degrees) of the radar horizon seen from h metres above a smooth 4/3-radius Earth: √(2h/(kR)). */
export function horizonDipDeg(h: number): number {
  return (Math.sqrt((2 * Math.max(0, h)) / ((4 / 3) * 6_371_000)) * 180) / Math.PI;
}
