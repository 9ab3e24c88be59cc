/**
 * Reader for the tracking benchmark case format (../shared/formats/tracking-case.md, version 1)
 * and writer for the tracker output format. The reader never looks at a detection's `origin`
 * (scoring only); it keeps truth separately for the metrics.
 *
 * Errors are `UserError`s naming the field path, e.g. `scans[3].detections[2].z: expected 2
 * numbers, got 3`.
 */
import { UserError } from '../errors.js';
import type { PolarComponent } from './models/measurement.js';

export type CaseFrame =
  | { type: 'cartesian'; dim: 2 | 3 }
  | { type: 'polar'; dim: 2 | 3; sensorPosition: number[]; measurementOrder: PolarComponent[] };

export interface CaseScan {
  t: number;
  count: number;
  /** count × m */
  z: Float64Array;
  /** count × m × m per-detection covariances (case R filled in where a detection has none). */
  R: Float64Array;
  /** true if no detection overrides the case R. */
  uniformR: boolean;
}

export interface CaseTruth {
  id: string;
  times: Float64Array;
  /** times.length × stateDim, in the case's state order. */
  states: Float64Array;
}

export interface TrackingCase {
  name: string;
  description: string;
  frame: CaseFrame;
  /** Measurement dimension. */
  mdim: number;
  stateOrder: string[];
  R: Float64Array | null;
  generation: {
    truthModel?: string;
    q?: number;
    seed?: number;
    pd?: number;
    clutterRate?: number;
    clutterRegion?: { low: number[]; high: number[] };
    initialPrior?: { mean: number[]; cov: Float64Array };
  };
  trackerHints: { q?: number; initVelocityStd?: number };
  metric: { c: number; p: number; alpha: number };
  scans: CaseScan[];
  truth: CaseTruth[];
}

type Json = unknown;

class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, msg: string): never {
    throw new UserError(`${this.file}: ${path}: ${msg}`);
  }

  obj(v: Json, path: string): Record<string, Json> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, `expected an object, got ${describe(v)}`);
    return v as Record<string, Json>;
  }

  num(v: Json, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, `expected a finite number, got ${describe(v)}`);
    return v;
  }

  optNum(o: Record<string, Json>, key: string, path: string): number | undefined {
    return o[key] === undefined || o[key] === null ? undefined : this.num(o[key], `${path}.${key}`);
  }

  str(v: Json, path: string): string {
    if (typeof v !== 'string') this.fail(path, `expected a string, got ${describe(v)}`);
    return v;
  }

  arr(v: Json, path: string): Json[] {
    if (!Array.isArray(v)) this.fail(path, `expected an array, got ${describe(v)}`);
    return v;
  }

  vec(v: Json, path: string, len?: number): number[] {
    const a = this.arr(v, path);
    if (len !== undefined && a.length !== len) this.fail(path, `expected ${len} numbers, got ${a.length}`);
    return a.map((x, i) => this.num(x, `${path}[${i}]`));
  }

  /** Square matrix as row-major Float64Array; checks symmetry and positive diagonal if `cov`. */
  matrix(v: Json, path: string, n: number, cov: boolean): Float64Array {
    const rows = this.arr(v, path);
    if (rows.length !== n) this.fail(path, `expected a ${n}×${n} matrix, got ${rows.length} rows`);
    const out = new Float64Array(n * n);
    rows.forEach((r, i) => {
      const row = this.vec(r, `${path}[${i}]`, n);
      for (let j = 0; j < n; j++) out[i * n + j] = row[j];
    });
    if (cov) {
      for (let i = 0; i < n; i++) {
        if (!(out[i * n + i] > 0)) this.fail(`${path}[${i}][${i}]`, `a covariance needs a positive diagonal, got ${out[i * n + i]}`);
        for (let j = 0; j < i; j++) {
          const a = out[i * n + j];
          const b = out[j * n + i];
          if (Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b), Math.sqrt(out[i * n + i] * out[j * n + j]))) {
            this.fail(`${path}[${i}][${j}]`, `a covariance must be symmetric (${a} vs ${b})`);
          }
        }
      }
    }
    return out;
  }
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return typeof v === 'object' ? 'an object' : String(v);
}

const POLAR_COMPONENTS = ['range', 'bearing', 'elevation'];

/** Parse a case from its JSON text; `file` names it in error messages. */
export function parseTrackingCase(text: string, file = 'case'): TrackingCase {
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return readTrackingCase(raw, file);
}

/** Validate an already-parsed JSON value as a case. */
export function readTrackingCase(raw: Json, file = 'case'): TrackingCase {
  const r = new Reader(file);
  const o = r.obj(raw, '(top level)');
  if (o.format !== undefined && o.format !== 'tracking-benchmark-case') r.fail('format', `expected "tracking-benchmark-case", got ${describe(o.format)}`);
  if (o.version !== undefined && o.version !== 1) r.fail('version', `only version 1 is supported, got ${describe(o.version)}`);
  const name = o.name === undefined ? file : r.str(o.name, 'name');
  const description = o.description === undefined ? '' : r.str(o.description, 'description');

  const fo = r.obj(o.frame, 'frame');
  const type = r.str(fo.type, 'frame.type');
  const dimRaw = r.num(fo.dim, 'frame.dim');
  if (dimRaw !== 2 && dimRaw !== 3) r.fail('frame.dim', `expected 2 or 3, got ${dimRaw}`);
  const dim = dimRaw as 2 | 3;
  let frame: CaseFrame;
  if (type === 'cartesian') {
    frame = { type, dim };
  } else if (type === 'polar') {
    const sensorPosition = r.vec(fo.sensor_position, 'frame.sensor_position', dim);
    const order = r.arr(fo.measurement_order, 'frame.measurement_order').map((c, i) => {
      const s = r.str(c, `frame.measurement_order[${i}]`);
      if (!POLAR_COMPONENTS.includes(s)) r.fail(`frame.measurement_order[${i}]`, `expected one of ${POLAR_COMPONENTS.join(', ')}, got "${s}"`);
      return s as PolarComponent;
    });
    const need = dim === 3 ? ['range', 'bearing', 'elevation'] : ['range', 'bearing'];
    if (order.length !== need.length || !need.every((c) => order.includes(c as PolarComponent))) {
      r.fail('frame.measurement_order', `expected a permutation of ${need.join(', ')} for a ${dim}-D polar frame, got ${order.join(', ')}`);
    }
    frame = { type, dim, sensorPosition, measurementOrder: order };
  } else {
    return r.fail('frame.type', `expected "cartesian" or "polar", got "${type}"`);
  }
  const m = dim;
  const nState = 2 * dim;

  const stateOrder = r.arr(o.state_order, 'state_order').map((s, i) => r.str(s, `state_order[${i}]`));
  const need = dim === 3 ? ['x', 'vx', 'y', 'vy', 'z', 'vz'] : ['x', 'vx', 'y', 'vy'];
  if (stateOrder.length !== need.length || !need.every((c) => stateOrder.includes(c))) {
    r.fail('state_order', `expected a permutation of ${need.join(', ')}, got ${stateOrder.join(', ')}`);
  }

  const R = o.R === undefined || o.R === null ? null : r.matrix(o.R, 'R', m, true);

  const go = o.generation === undefined || o.generation === null ? {} : r.obj(o.generation, 'generation');
  const generation: TrackingCase['generation'] = {};
  if (go.truth_model !== undefined) generation.truthModel = r.str(go.truth_model, 'generation.truth_model');
  generation.q = r.optNum(go, 'q', 'generation');
  generation.seed = r.optNum(go, 'seed', 'generation');
  generation.pd = r.optNum(go, 'pd', 'generation');
  if (generation.pd !== undefined && !(generation.pd > 0 && generation.pd <= 1)) r.fail('generation.pd', `expected a probability in (0, 1], got ${generation.pd}`);
  generation.clutterRate = r.optNum(go, 'clutter_rate', 'generation');
  if (generation.clutterRate !== undefined && generation.clutterRate < 0) r.fail('generation.clutter_rate', `expected ≥ 0, got ${generation.clutterRate}`);
  if (go.clutter_region !== undefined && go.clutter_region !== null) {
    const cr = r.obj(go.clutter_region, 'generation.clutter_region');
    const low = r.vec(cr.low, 'generation.clutter_region.low', m);
    const high = r.vec(cr.high, 'generation.clutter_region.high', m);
    high.forEach((h, k) => {
      if (!(h > low[k])) r.fail(`generation.clutter_region.high[${k}]`, `must exceed low[${k}] (${low[k]}), got ${h}`);
    });
    generation.clutterRegion = { low, high };
  }
  if (go.initial_prior !== undefined && go.initial_prior !== null) {
    const ip = r.obj(go.initial_prior, 'generation.initial_prior');
    generation.initialPrior = {
      mean: r.vec(ip.mean, 'generation.initial_prior.mean', nState),
      cov: r.matrix(ip.cov, 'generation.initial_prior.cov', nState, true),
    };
  }

  const ho = o.tracker_hints === undefined || o.tracker_hints === null ? {} : r.obj(o.tracker_hints, 'tracker_hints');
  const trackerHints: TrackingCase['trackerHints'] = {
    q: r.optNum(ho, 'q', 'tracker_hints'),
    initVelocityStd: r.optNum(ho, 'init_velocity_std', 'tracker_hints'),
  };
  if (trackerHints.q !== undefined && trackerHints.q < 0) r.fail('tracker_hints.q', `expected ≥ 0, got ${trackerHints.q}`);
  if (trackerHints.initVelocityStd !== undefined && !(trackerHints.initVelocityStd > 0)) {
    r.fail('tracker_hints.init_velocity_std', `expected > 0, got ${trackerHints.initVelocityStd}`);
  }

  const mo = o.metric === undefined || o.metric === null ? {} : r.obj(o.metric, 'metric');
  const metric = {
    c: r.optNum(mo, 'gospa_c', 'metric') ?? 50,
    p: r.optNum(mo, 'gospa_p', 'metric') ?? 1,
    alpha: r.optNum(mo, 'gospa_alpha', 'metric') ?? 2,
  };
  if (!(metric.c > 0)) r.fail('metric.gospa_c', `expected > 0, got ${metric.c}`);
  if (!(metric.p >= 1)) r.fail('metric.gospa_p', `expected ≥ 1, got ${metric.p}`);
  if (metric.alpha !== 2) r.fail('metric.gospa_alpha', `only α = 2 is supported, got ${metric.alpha}`);

  const scansRaw = r.arr(o.scans, 'scans');
  const scans: CaseScan[] = [];
  let prevT = -Infinity;
  scansRaw.forEach((sv, si) => {
    const p = `scans[${si}]`;
    const so = r.obj(sv, p);
    const t = r.num(so.t, `${p}.t`);
    if (t < prevT) r.fail(`${p}.t`, `scans must be sorted by time (${t} s after ${prevT} s)`);
    prevT = t;
    const dets = r.arr(so.detections, `${p}.detections`);
    const z = new Float64Array(dets.length * m);
    const Rs = new Float64Array(dets.length * m * m);
    let uniformR = true;
    dets.forEach((dv, di) => {
      const dp = `${p}.detections[${di}]`;
      const d = r.obj(dv, dp);
      const zz = r.vec(d.z, `${dp}.z`, m);
      for (let k = 0; k < m; k++) z[di * m + k] = zz[k];
      // `origin` is deliberately not read (scoring information only).
      if (d.R !== undefined && d.R !== null) {
        Rs.set(r.matrix(d.R, `${dp}.R`, m, true), di * m * m);
        uniformR = false;
      } else if (R) {
        Rs.set(R, di * m * m);
      } else {
        r.fail(`${dp}.R`, 'missing: the case has no R (R is null), so every detection needs its own');
      }
    });
    scans.push({ t, count: dets.length, z, R: Rs, uniformR });
  });

  const truthRaw = o.truth === undefined || o.truth === null ? [] : r.arr(o.truth, 'truth');
  const truth: CaseTruth[] = truthRaw.map((tv, ti) => {
    const p = `truth[${ti}]`;
    const to = r.obj(tv, p);
    const id = typeof to.id === 'number' ? String(to.id) : r.str(to.id, `${p}.id`);
    const states = r.arr(to.states, `${p}.states`);
    const times = new Float64Array(states.length);
    const xs = new Float64Array(states.length * nState);
    states.forEach((sv, k) => {
      const so = r.obj(sv, `${p}.states[${k}]`);
      times[k] = r.num(so.t, `${p}.states[${k}].t`);
      xs.set(r.vec(so.state, `${p}.states[${k}].state`, nState), k * nState);
    });
    return { id, times, states: xs };
  });

  return { name, description, frame, mdim: m, stateOrder, R, generation, trackerHints, metric, scans, truth };
}

/** Tracker output (format doc §Tracker output format). */
export interface TrackerOutput {
  case: string;
  tracker: string;
  estimates: { t: number; tracks: { id: number; state: number[]; cov?: number[][] }[] }[];
}
