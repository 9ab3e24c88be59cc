/**
 * The static, target-based weapon-target assignment (WTA) instance: its typed form, the reader
 * for the shared JSON format (`shared/formats/wta-instance.md`), a validator for instances built
 * in code, and the Ahuja et al. (2007) random recipe.
 *
 *   F(x) = Σ_j V_j · Π_i (1 − p_ij)^(x_ij)  +  Σ_i c_i · Σ_j x_ij,
 *   Σ_j x_ij ≤ 1 for every weapon i,  x_ij ∈ {0, 1},  x_ij = 0 where (i, j) is infeasible.
 *
 * The first sum is the expected surviving target value (Manne 1958; Ahuja, Kumar, Jha & Orlin,
 * "Exact and heuristic algorithms for the weapon-target assignment problem", Operations Research
 * 55(6), 2007). The second is Rampart's extension for the simulator: c_i = λ · shotCost_i +
 * reserveValue_i is what firing weapon i gives up — its price in value units (λ converts USD to
 * value) plus the value of keeping it for a later wave. With c = 0 and every pair feasible, F is
 * exactly the shared format's objective.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';

export interface WtaInstance {
  /** Optional label (the file's "name"). */
  readonly name?: string;
  /** Number of weapons W (rows of `pk`). */
  readonly weapons: number;
  /** Number of targets T (columns of `pk`). */
  readonly targets: number;
  /** Target values V_j ≥ 0, length T. */
  readonly values: Float64Array;
  /** Single-shot kill probabilities p_ij ∈ [0, 1], row-major W×T: pk[i·T + j]. */
  readonly pk: Float64Array;
  /**
   * Optional engagement feasibility, row-major W×T: 1 where weapon i may fire at target j (inside
   * its launch window, sector and envelope), 0 where it may not. Absent: every pair is feasible.
   */
  readonly feasible?: Uint8Array;
  /** Optional cost of one shot of weapon i (USD), length W; weighted by `costWeight`. */
  readonly shotCost?: Float64Array;
  /** λ ≥ 0: value units per USD applied to `shotCost` (default 0 when absent). */
  readonly costWeight?: number;
  /** Optional value of keeping weapon i in reserve (value units, ≥ 0), length W. */
  readonly reserveValue?: Float64Array;
}

/** Per-weapon firing cost c_i = λ·shotCost_i + reserveValue_i (value units); zeros if none. */
export function fireCosts(inst: WtaInstance): Float64Array {
  const c = new Float64Array(inst.weapons);
  const lambda = inst.costWeight ?? 0;
  if (inst.shotCost && lambda !== 0) for (let i = 0; i < inst.weapons; i++) c[i] += lambda * inst.shotCost[i];
  if (inst.reserveValue) for (let i = 0; i < inst.weapons; i++) c[i] += inst.reserveValue[i];
  return c;
}

/** True when the instance is the pure format's problem: no mask, no firing costs. */
export function isPureInstance(inst: WtaInstance): boolean {
  if (inst.feasible && inst.feasible.some((f) => f === 0)) return false;
  const c = fireCosts(inst);
  return c.every((x) => x === 0);
}

/** Plain-array description of an instance, as in the JSON format plus Rampart's extensions. */
export interface WtaInstanceSpec {
  name?: string;
  values: ArrayLike<number>;
  /** W rows of T probabilities, or a row-major Float64Array (then `weapons` is required). */
  pk: ArrayLike<ArrayLike<number>> | Float64Array;
  weapons?: number;
  targets?: number;
  feasible?: ArrayLike<ArrayLike<boolean | number>> | Uint8Array;
  shotCost?: ArrayLike<number>;
  costWeight?: number;
  reserveValue?: ArrayLike<number>;
}

const FORMAT = 'shared/formats/wta-instance.md';

/** @internal shared with asset.ts */
export function fail(source: string, field: string, reason: string): never {
  throw new UserError(`${source}: ${field}: ${reason}`);
}

/** @internal shared with asset.ts */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x)}`;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return typeof x;
}

/** @internal shared with asset.ts */
export function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

function positiveInt(source: string, field: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) fail(source, field, `must be a positive integer, got ${describe(x)}`);
  return x;
}

/**
 * Validate a plain description and build the typed instance. Every problem is a `UserError`
 * naming `source`, the field (e.g. `pk[3][2]`) and what is wrong. Numbers are copied exactly.
 */
export function createWtaInstance(spec: WtaInstanceSpec, source = 'WTA instance'): WtaInstance {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    fail(source, '(top level)', `must be a JSON object as in ${FORMAT}, got ${describe(spec)}`);
  }
  const values = spec.values as unknown;
  if (!isArrayLike(values)) fail(source, 'values', `must be an array of target values, got ${describe(values)}`);
  const T = values.length;
  if (T < 1) fail(source, 'values', 'must list at least one target value');
  if (spec.targets !== undefined && positiveInt(source, 'targets', spec.targets) !== T) {
    fail(source, 'values', `has ${T} entries but "targets" is ${spec.targets}`);
  }
  const V = new Float64Array(T);
  for (let j = 0; j < T; j++) {
    const v = values[j];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(source, `values[${j}]`, `must be a finite number ≥ 0, got ${describe(v)}`);
    V[j] = v;
  }

  const pkIn = spec.pk as unknown;
  let W: number;
  let pk: Float64Array;
  if (pkIn instanceof Float64Array) {
    W = positiveInt(source, 'weapons', spec.weapons);
    if (pkIn.length !== W * T) fail(source, 'pk', `has ${pkIn.length} entries, expected weapons × targets = ${W * T}`);
    pk = Float64Array.from(pkIn);
    for (let k = 0; k < pk.length; k++) {
      const p = pk[k];
      if (!(p >= 0 && p <= 1)) fail(source, `pk[${Math.floor(k / T)}][${k % T}]`, `must be a probability in [0, 1], got ${p}`);
    }
  } else {
    if (!isArrayLike(pkIn)) fail(source, 'pk', `must be an array of W rows (one per weapon) of T probabilities, got ${describe(pkIn)}`);
    W = pkIn.length;
    if (W < 1) fail(source, 'pk', 'must have at least one row (weapon)');
    if (spec.weapons !== undefined && positiveInt(source, 'weapons', spec.weapons) !== W) {
      fail(source, 'pk', `has ${W} rows but "weapons" is ${spec.weapons}`);
    }
    pk = new Float64Array(W * T);
    for (let i = 0; i < W; i++) {
      const row = pkIn[i];
      if (!isArrayLike(row)) fail(source, `pk[${i}]`, `must be an array of ${T} probabilities, got ${describe(row)}`);
      if (row.length !== T) fail(source, `pk[${i}]`, `has ${row.length} ${row.length === 1 ? 'entry' : 'entries'}, expected ${T} (one per target)`);
      for (let j = 0; j < T; j++) {
        const p = row[j];
        if (typeof p !== 'number' || !(p >= 0 && p <= 1)) fail(source, `pk[${i}][${j}]`, `must be a probability in [0, 1], got ${describe(p)}`);
        pk[i * T + j] = p;
      }
    }
  }

  let feasible: Uint8Array | undefined;
  const fIn = spec.feasible as unknown;
  if (fIn !== undefined && fIn !== null) {
    feasible = new Uint8Array(W * T);
    if (fIn instanceof Uint8Array) {
      if (fIn.length !== W * T) fail(source, 'feasible', `has ${fIn.length} entries, expected ${W * T}`);
      for (let k = 0; k < W * T; k++) feasible[k] = fIn[k] ? 1 : 0;
    } else {
      if (!isArrayLike(fIn) || fIn.length !== W) fail(source, 'feasible', `must be ${W} rows of ${T} booleans, got ${describe(fIn)}`);
      for (let i = 0; i < W; i++) {
        const row = fIn[i];
        if (!isArrayLike(row) || row.length !== T) fail(source, `feasible[${i}]`, `must be an array of ${T} booleans, got ${describe(row)}`);
        for (let j = 0; j < T; j++) {
          const f = row[j];
          if (f !== true && f !== false && f !== 0 && f !== 1) fail(source, `feasible[${i}][${j}]`, `must be true/false (or 1/0), got ${describe(f)}`);
          feasible[i * T + j] = f === true || f === 1 ? 1 : 0;
        }
      }
    }
  }

  const perWeapon = (field: 'shotCost' | 'reserveValue'): Float64Array | undefined => {
    const a = spec[field] as unknown;
    if (a === undefined || a === null) return undefined;
    if (!isArrayLike(a) || a.length !== W) fail(source, field, `must be an array of ${W} numbers (one per weapon), got ${describe(a)}`);
    const out = new Float64Array(W);
    for (let i = 0; i < W; i++) {
      const x = a[i];
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) fail(source, `${field}[${i}]`, `must be a finite number ≥ 0, got ${describe(x)}`);
      out[i] = x;
    }
    return out;
  };
  const shotCost = perWeapon('shotCost');
  const reserveValue = perWeapon('reserveValue');
  let costWeight: number | undefined;
  if (spec.costWeight !== undefined && spec.costWeight !== null) {
    const l = spec.costWeight as unknown;
    if (typeof l !== 'number' || !Number.isFinite(l) || l < 0) fail(source, 'costWeight', `must be a finite number ≥ 0, got ${describe(l)}`);
    costWeight = l;
  }
  if (spec.name !== undefined && typeof spec.name !== 'string') fail(source, 'name', `must be a string, got ${describe(spec.name)}`);

  const inst: WtaInstance = {
    weapons: W,
    targets: T,
    values: V,
    pk,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    ...(feasible ? { feasible } : {}),
    ...(shotCost ? { shotCost } : {}),
    ...(costWeight !== undefined ? { costWeight } : {}),
    ...(reserveValue ? { reserveValue } : {}),
  };
  return inst;
}

/**
 * Parse the JSON text of an instance file. `source` names the file in error messages. Accepts the
 * shared format's fields (name, weapons, targets, values, pk) and Rampart's optional extensions
 * (feasible, shotCost, costWeight, reserveValue); other fields are ignored.
 */
export function parseWtaInstance(text: string, source = 'WTA instance'): WtaInstance {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    fail(source, '(top level)', `must be a JSON object as in ${FORMAT}, got ${describe(json)}`);
  }
  const o = json as Record<string, unknown>;
  if (o.weapons === undefined) fail(source, 'weapons', 'is missing (number of weapons W)');
  if (o.targets === undefined) fail(source, 'targets', 'is missing (number of targets T)');
  positiveInt(source, 'weapons', o.weapons);
  positiveInt(source, 'targets', o.targets);
  if (o.values === undefined) fail(source, 'values', 'is missing (T target values)');
  if (o.pk === undefined) fail(source, 'pk', 'is missing (W rows of T kill probabilities)');
  return createWtaInstance(o as unknown as WtaInstanceSpec, source);
}

/** Read and validate an instance file; a missing or unreadable file is a `UserError`. */
export function readWtaInstance(path: string): WtaInstance {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the WTA instance (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})`);
  }
  return parseWtaInstance(text, path);
}

/**
 * A random instance by Ahuja et al.'s (2007) recipe: V_j ~ U[25, 100], p_ij ~ U[0.6, 0.9].
 * `uniform` is any U[0, 1) source (e.g. `stream(seed, id).uniform` from math/rng); values are
 * drawn first (j = 0..T−1), then pk row by row.
 */
export function ahujaInstance(weapons: number, targets: number, uniform: () => number, name?: string): WtaInstance {
  const values = new Float64Array(targets);
  for (let j = 0; j < targets; j++) values[j] = 25 + 75 * uniform();
  const pk = new Float64Array(weapons * targets);
  for (let k = 0; k < pk.length; k++) pk[k] = 0.6 + 0.3 * uniform();
  return { ...(name !== undefined ? { name } : {}), weapons, targets, values, pk };
}
