/**
 * The scenario loader: text → shape check (zod) → resolution (references, catalog, defaults,
 * units) → `Scenario`. All problems of a file are collected and thrown together as one
 * `ScenarioError`; nothing else escapes for any input (the property tests feed it garbage).
 */
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { builtinCatalog } from './catalog.js';
import { problemsFromIssues, type PathProblem } from './issues.js';
import { ScenarioError, describeValue, formatPath, type ScenarioProblem } from './problems.js';
import { resolveScenario, type EntitySection, type Indexed, type ScenarioParts } from './resolve.js';
import { SECTION_SCHEMAS, catalogSection, doctrineSchema, scenarioFileSchema, type ScenarioFile } from './schema.js';
import { decodeText, formatOf, parseSource, type ParsedSource, type SourceFormat } from './source.js';
import type { Catalog, Scenario } from './types.js';

export interface LoadOptions {
  /** Catalog to resolve types against (default: the shipped notional catalog). */
  catalog?: Catalog;
  /** Force the text format (default: from the file extension; YAML unless `.json`). */
  format?: SourceFormat;
}

export interface CheckResult {
  /** The resolved scenario, when there are no problems. */
  scenario: Scenario | undefined;
  /** Every problem, sorted by position. */
  problems: ScenarioProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Check scenario text without throwing: the scenario, or every problem found. */
export function checkScenario(text: string, fileName = '<scenario>', options: LoadOptions = {}): CheckResult {
  let src = parseSource(text, options.format ?? formatOf(fileName));
  const located = (ps: readonly PathProblem[]): ScenarioProblem[] =>
    ps.map((p) => ({ file: fileName, ...src.locate(p.path, p.key), path: formatPath(p.key === undefined ? p.path : [...p.path, p.key]), message: p.message }));
  if (src.problems.length > 0) {
    return { scenario: undefined, problems: sortProblems(src.problems.map((p) => ({ file: fileName, line: p.line, column: p.column, path: '', message: p.message }))) };
  }
  if (!isRecord(src.data)) {
    const what = Array.isArray(src.data) ? 'a list' : describeValue(src.data);
    return { scenario: undefined, problems: [{ file: fileName, ...src.locate([]), path: '', message: `the top level must be a mapping of scenario sections (rampart, name, epoch, forces, …), not ${what}` }] };
  }
  // Top-level `x-…` keys are extension fields, ignored (a home for YAML anchors: `x-radar: &radar {…}`).
  const data = Object.fromEntries(Object.entries(src.data).filter(([k]) => !k.startsWith('x-')));
  src = { ...src, data };
  const full = scenarioFileSchema.safeParse(src.data);
  const shapeProblems = full.success ? [] : problemsFromIssues(full.error.issues, src.data);
  const parts = partsOf(src, full, fileName);
  const resolved = resolveScenario(parts, options.catalog ?? builtinCatalog());
  const problems = dedupe([...located(shapeProblems), ...located(resolved.problems)]);
  return problems.length > 0 ? { scenario: undefined, problems: sortProblems(problems) } : { scenario: resolved.scenario, problems: [] };
}

/** Parse and resolve scenario text; throws `ScenarioError` listing every problem. */
export function parseScenario(text: string, fileName = '<scenario>', options: LoadOptions = {}): Scenario {
  const r = checkScenario(text, fileName, options);
  if (r.scenario === undefined) throw new ScenarioError(fileName, r.problems.length > 0 ? r.problems : [{ file: fileName, line: 1, column: 1, path: '', message: 'invalid scenario' }]);
  return r.scenario;
}

/** Read the file's text, or a problem (missing file, directory, binary, too large). */
export function readScenarioText(path: string): { text: string } | { problem: ScenarioProblem } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { problem: { file: path, line: 1, column: 1, path: '', message: `cannot read the file: ${why}` } };
  }
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return { problem: { file: path, ...decoded.problem, path: '' } };
  return decoded;
}

/** Check a scenario file without throwing. */
export function checkScenarioFile(path: string, options: LoadOptions = {}): CheckResult {
  const r = readScenarioText(path);
  if ('problem' in r) return { scenario: undefined, problems: [r.problem] };
  return checkScenario(r.text, path, options);
}

/** Load a scenario file (YAML or JSON by extension); throws `ScenarioError` listing every problem. */
export function loadScenarioFile(path: string, options: LoadOptions = {}): Scenario {
  const r = checkScenarioFile(path, options);
  if (r.scenario === undefined) throw new ScenarioError(path, r.problems);
  return r.scenario;
}

function sortProblems(ps: ScenarioProblem[]): ScenarioProblem[] {
  return ps.sort((a, b) => a.line - b.line || a.column - b.column);
}

function dedupe(ps: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.line}:${p.column}:${p.path}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ─── salvaging the valid parts of an invalid file ───────────────────────────────────────────────

type CatalogEntrySchema = z.ZodType<z.output<typeof catalogSection>['interceptors'][number]>;

function partsOf(src: ParsedSource, full: z.ZodSafeParseResult<ScenarioFile>, source: string): ScenarioParts {
  const data = src.data as Record<string, unknown>;
  const rawIds: ScenarioParts['rawIds'] = {
    forces: new Set(),
    entities: new Map(),
    interceptors: new Set(),
    sensors: new Set(),
    threats: new Set(),
    opaque: new Set(),
  };
  const idsOf = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap((x) => (isRecord(x) && typeof x.id === 'string' ? [x.id] : [])) : []);
  idsOf(data.forces).forEach((id) => rawIds.forces.add(id));
  for (const section of Object.keys(SECTION_SCHEMAS) as (keyof typeof SECTION_SCHEMAS)[]) {
    if (section === 'forces') continue;
    for (const id of idsOf(data[section])) if (!rawIds.entities.has(id)) rawIds.entities.set(id, section as EntitySection);
  }
  const cat = isRecord(data.catalog) ? data.catalog : {};
  for (const kind of ['interceptors', 'sensors', 'threats'] as const) idsOf(cat[kind]).forEach((id) => rawIds[kind].add(id));
  // A section that is not a list at all hides every id in it: treat its namespace as unknowable.
  const opaque = (v: unknown) => v !== undefined && !Array.isArray(v);
  for (const section of Object.keys(SECTION_SCHEMAS) as (keyof typeof SECTION_SCHEMAS)[]) if (opaque(data[section])) rawIds.opaque.add(section);
  if (data.catalog !== undefined && !isRecord(data.catalog)) for (const k of ['interceptors', 'sensors', 'threats'] as const) rawIds.opaque.add(k);
  for (const k of ['interceptors', 'sensors', 'threats'] as const) if (opaque(cat[k])) rawIds.opaque.add(k);

  if (full.success) {
    const f = full.data;
    const idx = <T>(xs: T[]): Indexed<T>[] => xs.map((value, index) => ({ index, value }));
    return {
      source,
      name: f.name,
      description: f.description,
      notional: f.notional,
      epoch: f.epoch,
      duration: f.duration,
      timeStep: f.timeStep,
      seed: f.seed,
      forces: idx(f.forces),
      assets: idx(f.assets),
      sensors: idx(f.sensors),
      batteries: idx(f.batteries),
      threats: idx(f.threats),
      raids: idx(f.raids),
      jammers: idx(f.jammers),
      doctrine: f.doctrine,
      catalog: {
        interceptors: idx(f.catalog?.interceptors ?? []),
        sensors: idx(f.catalog?.sensors ?? []),
        threats: idx(f.catalog?.threats ?? []),
      },
      rawIds,
      complete: true,
    };
  }

  const shape = scenarioFileSchema.shape;
  const scalar = <K extends keyof typeof shape>(key: K): z.output<(typeof shape)[K]> | undefined => {
    const r = (shape[key] as z.ZodType).safeParse(data[key]);
    return r.success ? (r.data as z.output<(typeof shape)[K]>) : undefined;
  };
  const entries = <T>(v: unknown, schema: z.ZodType<T>): Indexed<T>[] => {
    if (!Array.isArray(v)) return [];
    const out: Indexed<T>[] = [];
    v.forEach((item, index) => {
      const r = schema.safeParse(item);
      if (r.success) out.push({ index, value: r.data });
    });
    return out;
  };
  const catShape = catalogSection.shape;
  const entrySchema = (k: 'interceptors' | 'sensors' | 'threats') => (catShape[k].unwrap() as unknown as z.ZodArray<CatalogEntrySchema>).element;
  const doctrine = doctrineSchema.safeParse(data.doctrine);
  return {
    source,
    name: scalar('name'),
    description: scalar('description') ?? '',
    notional: scalar('notional') ?? true,
    epoch: scalar('epoch'),
    duration: scalar('duration'),
    timeStep: scalar('timeStep'),
    seed: scalar('seed') ?? 0,
    forces: entries(data.forces, SECTION_SCHEMAS.forces),
    assets: entries(data.assets, SECTION_SCHEMAS.assets),
    sensors: entries(data.sensors, SECTION_SCHEMAS.sensors),
    batteries: entries(data.batteries, SECTION_SCHEMAS.batteries),
    threats: entries(data.threats, SECTION_SCHEMAS.threats),
    raids: entries(data.raids, SECTION_SCHEMAS.raids),
    jammers: entries(data.jammers, SECTION_SCHEMAS.jammers),
    doctrine: doctrine.success ? doctrine.data : undefined,
    catalog: {
      interceptors: entries(cat.interceptors, entrySchema('interceptors')) as ScenarioParts['catalog']['interceptors'],
      sensors: entries(cat.sensors, entrySchema('sensors')) as ScenarioParts['catalog']['sensors'],
      threats: entries(cat.threats, entrySchema('threats')) as ScenarioParts['catalog']['threats'],
    },
    rawIds,
    complete: false,
  };
}
