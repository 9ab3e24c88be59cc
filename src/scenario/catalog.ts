/**
 * The notional catalog (`catalog/catalog.json`, snake_case, SI units with unit suffixes) read with
 * a zod schema and turned into typed camelCase parameter objects (radians for angles). Also the
 * merge rules used for scenario-local catalog entries and per-entity `overrides`.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { UserError } from '../errors.js';
import { formatPath } from './problems.js';
import type { InterceptorFieldsFile, SensorFieldsFile, ThreatFieldsFile } from './schema.js';
import type { Catalog, InterceptorType, KillMechanism, PlatformOrbit, RadarCalibration, SensorKind, SensorType, ThreatCategory, ThreatType } from './types.js';

/** WGS-84 equatorial radius, m (NIMA TR8350.2). Orbit "altitude" is measured from it. */
export const EARTH_EQUATORIAL_RADIUS = 6_378_137;
const DEG = Math.PI / 180;

// ─── raw catalog.json schema ────────────────────────────────────────────────────────────────────

const sources = z.record(z.string(), z.string());
const num = z.number();

const rawInterceptor = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  role: z.string(),
  min_range_m: num,
  max_range_m: num,
  min_altitude_m: num,
  max_altitude_m: num,
  max_speed_m_s: num,
  kill_mechanism: z.string(),
  unit_cost_usd: num.nullable(),
  launcher: z.object({ missiles_per_launcher: num.nullable(), launchers_per_battery: num, battery: z.string() }),
  confidence: z.string(),
  sources,
  notes: z.string(),
});

const rawOrbit = z.object({
  altitude_m: num.optional(),
  apogee_alt_m: num.optional(),
  perigee_alt_m: num.optional(),
  inclination_deg: num,
  period_s: num.optional(),
  count: num,
});

const rawSensor = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  kind: z.string(),
  band: z.string().nullable(),
  frequency_hz: num.nullable(),
  max_detection_range_m: num.nullable(),
  range_reference_rcs_m2: num.nullable(),
  platform_orbit: rawOrbit.nullable(),
  confidence: z.string(),
  sources,
  notes: z.string(),
  field_of_regard_deg: num.optional(),
  forward_based_mode_range_m: num.optional(),
});

const rawThreat = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  threat_class: z.string(),
  max_speed_m_s: num,
  cruise_speed_m_s: num.nullable(),
  max_range_m: num,
  min_altitude_m: num,
  max_altitude_m: num,
  warhead_kg: num.nullable(),
  unit_cost_usd: num.nullable(),
  notional_rcs_m2: num,
  confidence: z.string(),
  sources,
  notes: z.string(),
});

export const rawCatalogSchema = z.object({
  meta: z.record(z.string(), z.string()),
  interceptors: z.array(rawInterceptor),
  sensors: z.array(rawSensor),
  threats: z.array(rawThreat),
  rcs_classes: z.array(z.object({ class: z.string(), rcs_m2: num })),
  radar_bands: z.record(z.string(), z.union([z.tuple([num, num]), z.string()])),
});
export type RawCatalog = z.output<typeof rawCatalogSchema>;

// ─── derivations and defaults (documented in docs/scenario.md) ──────────────────────────────────

/** Kill class from the published text: whichever of gun / hit-to-kill / blast is named first. */
export function killClassOf(text: string): KillMechanism {
  const t = text.toLowerCase();
  const hits: [number, KillMechanism][] = [
    [t.indexOf('gun'), 'gun'],
    [t.indexOf('hit-to-kill'), 'hit-to-kill'],
    [t.indexOf('blast'), 'blast-fragmentation'],
  ];
  const found = hits.filter(([i]) => i >= 0).sort((a, b) => a[0] - b[0]);
  return found[0]?.[1] ?? 'blast-fragmentation';
}

/** Sensor kind: a platform orbit → ir-satellite; "early-warning" or a range ≥ 2,000 km → early-warning-radar; else radar. */
export function sensorKindOf(kindText: string, maxRange: number | null, hasOrbit: boolean): SensorKind {
  if (hasOrbit) return 'ir-satellite';
  if (/early[- ]warning/i.test(kindText) || (maxRange !== null && maxRange >= 2_000_000)) return 'early-warning-radar';
  if (/passive|esm/i.test(kindText)) return 'passive';
  return 'radar';
}

/** Flight category from the published class: UAV/drone, glide, cruise, aircraft, else ballistic. */
export function threatCategoryOf(threatClass: string): ThreatCategory {
  const t = threatClass.toLowerCase();
  if (/\buav\b|drone|unmanned/.test(t)) return 'drone';
  if (/glide/.test(t)) return 'glide';
  if (/cruise/.test(t)) return 'cruise';
  if (/aircraft|fighter|bomber|helicopter/.test(t)) return 'aircraft';
  return 'ballistic';
}

/** Defaults for the simulation parameters the catalog does not publish (NOTIONAL). */
export function interceptorDefaults(kill: KillMechanism): Pick<InterceptorType, 'pk' | 'reactionTime' | 'launchInterval' | 'roundsPerShot'> {
  return kill === 'gun' ? { pk: 0.3, reactionTime: 5, launchInterval: 0, roundsPerShot: 30 } : { pk: 0.7, reactionTime: 5, launchInterval: 2, roundsPerShot: 1 };
}

/** Default calibration Pd and Pfa for a published detection range. */
export const DEFAULT_CAL_PD = 0.9;
export const DEFAULT_CAL_PFA = 1e-6;

// ─── raw → typed ────────────────────────────────────────────────────────────────────────────────

function orbitOf(o: z.output<typeof rawOrbit>): PlatformOrbit {
  let a: number;
  let e = 0;
  if (o.apogee_alt_m !== undefined && o.perigee_alt_m !== undefined) {
    const ra = EARTH_EQUATORIAL_RADIUS + o.apogee_alt_m;
    const rp = EARTH_EQUATORIAL_RADIUS + o.perigee_alt_m;
    a = (ra + rp) / 2;
    e = (ra - rp) / (ra + rp);
  } else if (o.altitude_m !== undefined) {
    a = EARTH_EQUATORIAL_RADIUS + o.altitude_m;
  } else {
    throw new Error('platform_orbit needs altitude_m or apogee_alt_m + perigee_alt_m');
  }
  return { semiMajorAxis: a, eccentricity: e, inclination: o.inclination_deg * DEG, period: o.period_s ?? null, count: o.count };
}

export function catalogFromRaw(raw: RawCatalog): Catalog {
  const interceptors = raw.interceptors.map((r): InterceptorType => {
    const kill = killClassOf(r.kill_mechanism);
    return {
      id: r.id,
      model: r.id,
      name: r.name,
      country: r.country,
      role: r.role,
      minRange: r.min_range_m,
      maxRange: r.max_range_m,
      minAltitude: r.min_altitude_m,
      maxAltitude: r.max_altitude_m,
      maxSpeed: r.max_speed_m_s,
      killMechanism: r.kill_mechanism,
      kill,
      unitCost: r.unit_cost_usd,
      missilesPerLauncher: r.launcher.missiles_per_launcher,
      launchersPerBattery: r.launcher.launchers_per_battery,
      ...interceptorDefaults(kill),
      batteryNote: r.launcher.battery,
      confidence: r.confidence,
      sources: r.sources,
      notes: r.notes,
    };
  });
  const sensors = raw.sensors.map((r): SensorType => {
    const calibration: RadarCalibration | null =
      r.max_detection_range_m !== null && r.range_reference_rcs_m2 !== null
        ? { rcs: r.range_reference_rcs_m2, range: r.max_detection_range_m, pd: DEFAULT_CAL_PD, pfa: DEFAULT_CAL_PFA }
        : null;
    return {
      id: r.id,
      name: r.name,
      country: r.country,
      kind: sensorKindOf(r.kind, r.max_detection_range_m, r.platform_orbit !== null),
      description: r.kind,
      band: r.band,
      frequency: r.frequency_hz,
      maxDetectionRange: r.max_detection_range_m,
      referenceRcs: r.range_reference_rcs_m2,
      calibration,
      peakPower: null,
      gainDb: null,
      bandwidth: null,
      noiseFigureDb: 3,
      noiseTemperature: 290,
      lossesDb: 0,
      radarEquation: null,
      fieldOfRegard: (r.field_of_regard_deg ?? 360) * DEG,
      forwardBasedRange: r.forward_based_mode_range_m ?? null,
      rangeSigma: null,
      angleSigma: null,
      rangeRateSigma: null,
      platformOrbit: r.platform_orbit === null ? null : orbitOf(r.platform_orbit),
      confidence: r.confidence,
      sources: r.sources,
      notes: r.notes,
    };
  });
  const threats = raw.threats.map(
    (r): ThreatType => ({
      id: r.id,
      model: r.id,
      name: r.name,
      country: r.country,
      threatClass: r.threat_class,
      category: threatCategoryOf(r.threat_class),
      maxSpeed: r.max_speed_m_s,
      cruiseSpeed: r.cruise_speed_m_s ?? r.max_speed_m_s,
      maxRange: r.max_range_m,
      minAltitude: r.min_altitude_m,
      maxAltitude: r.max_altitude_m,
      warheadMass: r.warhead_kg,
      unitCost: r.unit_cost_usd,
      rcs: r.notional_rcs_m2,
      confidence: r.confidence,
      sources: r.sources,
      notes: r.notes,
    }),
  );
  const radarBands: Record<string, [number, number]> = {};
  for (const [k, v] of Object.entries(raw.radar_bands)) if (Array.isArray(v)) radarBands[k] = [v[0], v[1]];
  return {
    interceptors,
    sensors,
    threats,
    radarBands,
    rcsClasses: raw.rcs_classes.map((c) => ({ class: c.class, rcs: c.rcs_m2 })),
    meta: raw.meta,
  };
}

/** Where the shipped catalog lives: `<package>/catalog/catalog.json` (same from src/ and dist/). */
export const DEFAULT_CATALOG_URL = new URL('../../catalog/catalog.json', import.meta.url);

let cached: Catalog | undefined;

/** The shipped catalog, read once and shared: callers must not modify it (the resolver copies it). */
export function builtinCatalog(): Catalog {
  if (!cached) loadCatalog();
  return cached!;
}

/** Read and check a catalog file (default: the shipped notional catalog); returns a private copy. */
export function loadCatalog(path?: string | URL): Catalog {
  if (path === undefined && cached) return structuredClone(cached);
  const where = path ?? DEFAULT_CATALOG_URL;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(where, 'utf8'));
  } catch (e) {
    throw new UserError(`cannot read catalog ${String(where)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = rawCatalogSchema.safeParse(raw);
  if (!r.success) {
    throw new UserError(
      `catalog ${String(where)} is not valid`,
      r.error.issues.map((i) => `${formatPath(i.path as (string | number)[])}: ${i.message}`),
    );
  }
  const catalog = catalogFromRaw(r.data);
  if (path === undefined) cached = catalog;
  return structuredClone(catalog);
}

// ─── merging overrides (file units → resolved units) ────────────────────────────────────────────

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function applyInterceptorFields(base: InterceptorType, f: InterceptorFieldsFile, id = base.id): InterceptorType {
  const out: InterceptorType = { ...base, ...defined(f), id, sources: base.sources };
  if (f.killMechanism !== undefined && f.kill === undefined) out.kill = killClassOf(f.killMechanism);
  return out;
}

export function applySensorFields(base: SensorType, f: SensorFieldsFile, id = base.id): SensorType {
  const { fieldOfRegard, angleSigma, calibration, ...rest } = f;
  const out: SensorType = { ...base, ...defined(rest), id, sources: base.sources };
  if (fieldOfRegard !== undefined) out.fieldOfRegard = fieldOfRegard * DEG;
  if (angleSigma !== undefined) out.angleSigma = angleSigma === null ? null : angleSigma * DEG;
  if (calibration !== undefined) {
    out.calibration = calibration === null ? null : { ...calibration };
  } else if (f.maxDetectionRange !== undefined || f.referenceRcs !== undefined) {
    out.calibration =
      out.maxDetectionRange !== null && out.referenceRcs !== null
        ? { rcs: out.referenceRcs, range: out.maxDetectionRange, pd: base.calibration?.pd ?? DEFAULT_CAL_PD, pfa: base.calibration?.pfa ?? DEFAULT_CAL_PFA }
        : null;
  }
  out.radarEquation =
    out.peakPower !== null && out.gainDb !== null && out.frequency !== null && out.bandwidth !== null
      ? {
          peakPower: out.peakPower,
          gainDb: out.gainDb,
          frequency: out.frequency,
          bandwidth: out.bandwidth,
          noiseFigureDb: out.noiseFigureDb,
          noiseTemperature: out.noiseTemperature,
          lossesDb: out.lossesDb,
        }
      : null;
  return out;
}

export function applyThreatFields(base: ThreatType, f: ThreatFieldsFile, id = base.id): ThreatType {
  const { cruiseSpeed, ...rest } = f;
  const out: ThreatType = { ...base, ...defined(rest), id, sources: base.sources };
  if (f.threatClass !== undefined && f.category === undefined) out.category = threatCategoryOf(f.threatClass);
  if (cruiseSpeed !== undefined) out.cruiseSpeed = cruiseSpeed ?? out.maxSpeed;
  return out;
}

// ─── brand-new local types: a blank to merge into, and the fields that must be given ─────────

export const REQUIRED_NEW_FIELDS = {
  interceptors: ['maxRange', 'maxAltitude', 'maxSpeed', 'kill'],
  sensors: ['kind'],
  threats: ['category', 'maxSpeed', 'maxRange', 'maxAltitude', 'rcs'],
} as const;

export function blankInterceptor(id: string, kill: KillMechanism): InterceptorType {
  return {
    id,
    model: id,
    name: id,
    country: '',
    role: '',
    minRange: 0,
    maxRange: 1,
    minAltitude: 0,
    maxAltitude: 1,
    maxSpeed: 1,
    killMechanism: kill,
    kill,
    unitCost: null,
    missilesPerLauncher: null,
    launchersPerBattery: 1,
    ...interceptorDefaults(kill),
    batteryNote: '',
    confidence: 'scenario-local',
    sources: {},
    notes: '',
  };
}

export function blankSensor(id: string, kind: SensorKind): SensorType {
  return {
    id,
    name: id,
    country: '',
    kind,
    description: kind,
    band: null,
    frequency: null,
    maxDetectionRange: null,
    referenceRcs: null,
    calibration: null,
    peakPower: null,
    gainDb: null,
    bandwidth: null,
    noiseFigureDb: 3,
    noiseTemperature: 290,
    lossesDb: 0,
    radarEquation: null,
    fieldOfRegard: 2 * Math.PI,
    forwardBasedRange: null,
    rangeSigma: null,
    angleSigma: null,
    rangeRateSigma: null,
    platformOrbit: null,
    confidence: 'scenario-local',
    sources: {},
    notes: '',
  };
}

export function blankThreat(id: string, category: ThreatCategory): ThreatType {
  return {
    id,
    model: id,
    name: id,
    country: '',
    threatClass: category,
    category,
    maxSpeed: 1,
    cruiseSpeed: 1,
    maxRange: 1,
    minAltitude: 0,
    maxAltitude: 1,
    warheadMass: null,
    unitCost: null,
    rcs: 1,
    confidence: 'scenario-local',
    sources: {},
    notes: '',
  };
}
