/**
 * The static ASSET-BASED weapon-target assignment (Hosein & Athans, "Preferential defense
 * strategies. Part I: the static case", MIT LIDS-P-2002, 1990; Ahuja, Kumar, Jha & Orlin 2007,
 * §1): assets k = 0..K−1 worth W_k; each target j aims at one asset a(j) and destroys it with
 * probability π_j (its lethality) if it survives; weapons i with single-shot kill probabilities
 * p_ij. The expected surviving asset value of an assignment x is
 *
 *   J(x) = Σ_k W_k · Π_{j: a(j)=k} (1 − π_j · Π_i (1 − p_ij)^(x_ij)).
 *
 * Rampart MINIMISES, as for the target-based problem, the expected LOST asset value plus the
 * firing costs c_i of instance.ts:
 *
 *   F(x) = Σ_k W_k · (1 − P_k(x)) + Σ_{i fires} c_i,   P_k(x) = Π_{j: a(j)=k} (1 − π_j s_j(x)),
 *   s_j(x) = Π_{i: x_ij = 1} q_ij,   q_ij = 1 − p_ij,
 *
 * so F = Σ_k W_k − J + cost: with c = 0, maximising J and minimising F are the same problem,
 * `lowerBound` on F is an upper bound Σ W_k − lowerBound on J. With one target per asset and
 * π_j = 1, F is exactly the target-based F with V_j = W_{a(j)} (a test checks this).
 *
 * The JSON form extends shared/formats/wta-instance.md: an object with an `"assets"` member is
 * asset-based (docs/models/battle-management.md, "Asset-based WTA"):
 *   {"weapons": W, "targets": T, "pk": [[…T]…W],
 *    "assets": {"values": [W_0, …]}, "aims": [a(0), …], "lethality": [π_0, …]}
 * plus the optional `feasible`, `shotCost`, `costWeight`, `reserveValue` of the target-based
 * reader. It has no target `values` (a reader of the plain format then fails loudly instead of
 * solving another problem).
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { createWtaInstance, describe, fail, isArrayLike, parseWtaInstance, type WtaInstance } from './instance.js';
import type { WtaResult } from './objective.js';

export interface AssetWtaInstance {
  readonly name?: string;
  /** Number of weapons W (rows of `pk`). */
  readonly weapons: number;
  /** Number of targets T (columns of `pk`). */
  readonly targets: number;
  /** Number of assets K. */
  readonly assets: number;
  /** Asset values W_k ≥ 0, length K. */
  readonly assetValues: Float64Array;
  /** aims[j] = the asset target j attacks, 0..K−1, length T. */
  readonly aims: Int32Array;
  /** π_j ∈ [0, 1]: probability that target j destroys its asset if it survives, length T. */
  readonly lethality: Float64Array;
  /** Single-shot kill probabilities p_ij, row-major W×T. */
  readonly pk: Float64Array;
  /** Optional engagement feasibility, row-major W×T (1 = may fire). */
  readonly feasible?: Uint8Array;
  readonly shotCost?: Float64Array;
  readonly costWeight?: number;
  readonly reserveValue?: Float64Array;
}

/** What the asset-based solvers return: the target-based result plus the surviving asset value. */
export interface AssetWtaResult extends WtaResult {
  /** J(assignment) = Σ_k W_k P_k: expected surviving asset value (without firing costs). */
  readonly survivingValue: number;
  /**
   * Proven upper bound on J over all assignments (Σ_k W_k − lowerBound); null when no bound is
   * proven or when firing costs are present (then F and J differ by the assignment's cost).
   */
  readonly survivingValueBound: number | null;
}

/** Plain description, as in the JSON file. */
export interface AssetWtaInstanceSpec {
  name?: string;
  weapons?: number;
  targets?: number;
  pk: ArrayLike<ArrayLike<number>> | Float64Array;
  assets: { values: ArrayLike<number> };
  aims: ArrayLike<number>;
  lethality: ArrayLike<number>;
  feasible?: ArrayLike<ArrayLike<boolean | number>> | Uint8Array;
  shotCost?: ArrayLike<number>;
  costWeight?: number;
  reserveValue?: ArrayLike<number>;
}

/** True when a parsed JSON object is an asset-based instance (it has an `assets` member). */
export function isAssetBasedJson(o: unknown): boolean {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && (o as Record<string, unknown>).assets !== undefined;
}

/**
 * Validate a plain description and build the typed instance. Every problem is a `UserError`
 * naming `source`, the field (`aims[3]`, `assets.values[1]`, `pk[2][0]`, …) and what is wrong.
 */
export function createAssetWtaInstance(spec: AssetWtaInstanceSpec, source = 'WTA instance'): AssetWtaInstance {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) fail(source, '(top level)', `must be a JSON object, got ${describe(spec)}`);
  const o = spec as unknown as Record<string, unknown>;
  if (o.values !== undefined) {
    fail(source, 'values', 'is not used by an asset-based instance (asset values go in "assets": {"values": […]}, targets are described by "aims" and "lethality")');
  }
  const assets = o.assets;
  if (assets === null || typeof assets !== 'object' || Array.isArray(assets)) {
    fail(source, 'assets', `must be an object {"values": [asset values]}, got ${describe(assets)}`);
  }
  const av = (assets as Record<string, unknown>).values;
  if (!isArrayLike(av)) fail(source, 'assets.values', `must be an array of asset values, got ${describe(av)}`);
  const K = av.length;
  if (K < 1) fail(source, 'assets.values', 'must list at least one asset value');
  const assetValues = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const v = av[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(source, `assets.values[${k}]`, `must be a finite number ≥ 0, got ${describe(v)}`);
    assetValues[k] = v;
  }
  const aimsIn = o.aims;
  if (aimsIn === undefined) fail(source, 'aims', 'is missing (the asset index each target attacks, one per target)');
  if (!isArrayLike(aimsIn)) fail(source, 'aims', `must be an array of asset indices (one per target), got ${describe(aimsIn)}`);
  const T = aimsIn.length;
  if (T < 1) fail(source, 'aims', 'must list at least one target');
  if (o.targets !== undefined && o.targets !== T) fail(source, 'aims', `has ${T} entries but "targets" is ${describe(o.targets)}`);
  const aims = new Int32Array(T);
  for (let j = 0; j < T; j++) {
    const a = aimsIn[j];
    if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= K) fail(source, `aims[${j}]`, `must be an asset index 0..${K - 1}, got ${describe(a)}`);
    aims[j] = a;
  }
  const lIn = o.lethality;
  if (lIn === undefined) fail(source, 'lethality', 'is missing (probability that each target destroys its asset if it survives)');
  if (!isArrayLike(lIn) || lIn.length !== T) fail(source, 'lethality', `must be an array of ${T} probabilities (one per target), got ${describe(lIn)}`);
  const lethality = new Float64Array(T);
  for (let j = 0; j < T; j++) {
    const p = lIn[j];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) fail(source, `lethality[${j}]`, `must be a probability in [0, 1], got ${describe(p)}`);
    lethality[j] = p;
  }
  // pk, feasible and the firing costs: the target-based validator (same fields, same messages);
  // its target values are a placeholder of the right length, never used.
  const base: WtaInstance = createWtaInstance(
    {
      values: new Float64Array(T),
      pk: spec.pk,
      ...(spec.weapons !== undefined ? { weapons: spec.weapons } : {}),
      ...(spec.feasible !== undefined ? { feasible: spec.feasible } : {}),
      ...(spec.shotCost !== undefined ? { shotCost: spec.shotCost } : {}),
      ...(spec.costWeight !== undefined ? { costWeight: spec.costWeight } : {}),
      ...(spec.reserveValue !== undefined ? { reserveValue: spec.reserveValue } : {}),
      ...(spec.name !== undefined ? { name: spec.name } : {}),
    },
    source,
  );
  return {
    ...(base.name !== undefined ? { name: base.name } : {}),
    weapons: base.weapons,
    targets: T,
    assets: K,
    assetValues,
    aims,
    lethality,
    pk: base.pk,
    ...(base.feasible ? { feasible: base.feasible } : {}),
    ...(base.shotCost ? { shotCost: base.shotCost } : {}),
    ...(base.costWeight !== undefined ? { costWeight: base.costWeight } : {}),
    ...(base.reserveValue ? { reserveValue: base.reserveValue } : {}),
  };
}

export type AnyWtaInstance = { kind: 'target'; instance: WtaInstance } | { kind: 'asset'; instance: AssetWtaInstance };

/** Parse an instance file's JSON text; an `assets` member makes it asset-based. */
export function parseAnyWtaInstance(text: string, source = 'WTA instance'): AnyWtaInstance {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isAssetBasedJson(json)) return { kind: 'target', instance: parseWtaInstance(text, source) };
  const o = json as Record<string, unknown>;
  if (o.weapons === undefined) fail(source, 'weapons', 'is missing (number of weapons W)');
  if (o.targets === undefined) fail(source, 'targets', 'is missing (number of targets T)');
  for (const f of ['weapons', 'targets'] as const) {
    const x = o[f];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 1) fail(source, f, `must be a positive integer, got ${describe(x)}`);
  }
  if (o.pk === undefined) fail(source, 'pk', 'is missing (W rows of T kill probabilities)');
  return { kind: 'asset', instance: createAssetWtaInstance(o as unknown as AssetWtaInstanceSpec, source) };
}

/** Read an instance file of either kind; a missing or unreadable file is a `UserError`. */
export function readAnyWtaInstance(path: string): AnyWtaInstance {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the WTA instance (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})`);
  }
  return parseAnyWtaInstance(text, path);
}

/** Per-weapon firing cost c_i = λ·shotCost_i + reserveValue_i (as instance.ts `fireCosts`). */
export function assetFireCosts(inst: AssetWtaInstance): Float64Array {
  const c = new Float64Array(inst.weapons);
  const lambda = inst.costWeight ?? 0;
  if (inst.shotCost && lambda !== 0) for (let i = 0; i < inst.weapons; i++) c[i] += lambda * inst.shotCost[i];
  if (inst.reserveValue) for (let i = 0; i < inst.weapons; i++) c[i] += inst.reserveValue[i];
  return c;
}

/** Survival probability of every asset, P_k = Π_{j: a(j)=k} (1 − π_j s_j), targets in increasing j. */
export function assetSurvival(inst: AssetWtaInstance, assignment: ArrayLike<number>): Float64Array {
  const T = inst.targets;
  const s = new Float64Array(T).fill(1);
  for (let i = 0; i < inst.weapons; i++) {
    const j = assignment[i];
    if (j >= 0) s[j] *= 1 - inst.pk[i * T + j];
  }
  const P = new Float64Array(inst.assets).fill(1);
  for (let j = 0; j < T; j++) P[inst.aims[j]] *= 1 - inst.lethality[j] * s[j];
  return P;
}

/** J(assignment) = Σ_k W_k P_k, the expected surviving asset value (no firing costs). */
export function assetSurvivingValue(inst: AssetWtaInstance, assignment: ArrayLike<number>): number {
  const P = assetSurvival(inst, assignment);
  let J = 0;
  for (let k = 0; k < inst.assets; k++) J += inst.assetValues[k] * P[k];
  return J;
}

/**
 * F(assignment) = Σ_k W_k (1 − P_k) + Σ_{i fires} c_i, evaluated from scratch (every solver
 * reports this value).
 */
export function assetObjective(inst: AssetWtaInstance, assignment: ArrayLike<number>): number {
  const P = assetSurvival(inst, assignment);
  let f = 0;
  for (let k = 0; k < inst.assets; k++) f += inst.assetValues[k] * (1 - P[k]);
  const c = assetFireCosts(inst);
  for (let i = 0; i < inst.weapons; i++) if (assignment[i] >= 0) f += c[i];
  return f;
}

/** Throw a UserError unless `assignment` is valid: length W, entries −1..T−1, feasible pairs only. */
export function checkAssetAssignment(inst: AssetWtaInstance, assignment: ArrayLike<number>): void {
  const W = inst.weapons;
  const T = inst.targets;
  if (assignment.length !== W) throw new UserError(`assignment has ${assignment.length} entries, expected ${W} (one per weapon)`);
  for (let i = 0; i < W; i++) {
    const a = assignment[i];
    if (!Number.isInteger(a) || a < -1 || a >= T) throw new UserError(`assignment[${i}] = ${a}: must be a target index 0..${T - 1} or −1 (hold fire)`);
    if (a >= 0 && inst.feasible && inst.feasible[i * T + a] === 0) throw new UserError(`assignment[${i}] = ${a}: weapon ${i} cannot engage target ${a} (infeasible pair)`);
  }
}

/** The solver-ready form: typed arrays, per-asset target lists, the usable pairs. */
export interface AssetModel {
  readonly W: number;
  readonly T: number;
  readonly K: number;
  readonly value: Float64Array;
  readonly aim: Int32Array;
  readonly leth: Float64Array;
  /** q_ij = 1 − p_ij, weapon-major q[i·T + j]. */
  readonly q: Float64Array;
  /**
   * 1 where firing weapon i at target j can change F other than by its cost: feasible, p_ij > 0,
   * π_j > 0 and W_{a(j)} > 0. Any other shot can be replaced by holding fire without making F
   * worse (the loss term is unchanged, c_i ≥ 0 is saved), so every solver uses usable pairs only.
   */
  readonly usable: Uint8Array;
  /** Firing costs c_i. */
  readonly c: Float64Array;
  /** Targets of asset k: targetList[targetStart[k] .. targetStart[k+1]), increasing. */
  readonly targetStart: Int32Array;
  readonly targetList: Int32Array;
}

export function assetModel(inst: AssetWtaInstance): AssetModel {
  const { weapons: W, targets: T, assets: K } = inst;
  const q = new Float64Array(W * T);
  const usable = new Uint8Array(W * T);
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < T; j++) {
      const x = 1 - inst.pk[i * T + j];
      q[i * T + j] = x;
      const ok = (!inst.feasible || inst.feasible[i * T + j] === 1) && x < 1 && inst.lethality[j] > 0 && inst.assetValues[inst.aims[j]] > 0;
      usable[i * T + j] = ok ? 1 : 0;
    }
  }
  const targetStart = new Int32Array(K + 1);
  for (let j = 0; j < T; j++) targetStart[inst.aims[j] + 1]++;
  for (let k = 0; k < K; k++) targetStart[k + 1] += targetStart[k];
  const fill = targetStart.slice(0, K);
  const targetList = new Int32Array(T);
  for (let j = 0; j < T; j++) targetList[fill[inst.aims[j]]++] = j;
  return { W, T, K, value: inst.assetValues, aim: inst.aims, leth: inst.lethality, q, usable, c: assetFireCosts(inst), targetStart, targetList };
}

/** F on the prepared model (same order of operations as `assetObjective`). */
export function modelObjective(m: AssetModel, a: ArrayLike<number>): number {
  const s = new Float64Array(m.T).fill(1);
  for (let i = 0; i < m.W; i++) if (a[i] >= 0) s[a[i]] *= m.q[i * m.T + a[i]];
  const P = new Float64Array(m.K).fill(1);
  for (let j = 0; j < m.T; j++) P[m.aim[j]] *= 1 - m.leth[j] * s[j];
  let f = 0;
  for (let k = 0; k < m.K; k++) f += m.value[k] * (1 - P[k]);
  for (let i = 0; i < m.W; i++) if (a[i] >= 0) f += m.c[i];
  return f;
}

/** Hold fire on every unusable pair (never makes F worse; see `AssetModel.usable`). */
export function stripUnusable(m: AssetModel, a: Int32Array): Int32Array {
  const out = Int32Array.from(a);
  for (let i = 0; i < m.W; i++) if (out[i] >= 0 && !m.usable[i * m.T + out[i]]) out[i] = -1;
  return out;
}

/** Attach J and its bound to a result on F. */
export function withSurvivingValue(inst: AssetWtaInstance, r: WtaResult): AssetWtaResult {
  let total = 0;
  for (let k = 0; k < inst.assets; k++) total += inst.assetValues[k];
  const c = assetFireCosts(inst);
  const noCost = c.every((x) => x === 0);
  return {
    ...r,
    survivingValue: assetSurvivingValue(inst, r.assignment),
    survivingValueBound: r.lowerBound !== null && noCost ? total - r.lowerBound : null,
  };
}


/**
 * A random asset-based instance (Rampart's recipe, after Ahuja et al.'s target-based one):
 * asset values W_k ~ U[25, 100]; target j aims at asset j for j < K (every asset is threatened)
 * and at a uniformly drawn asset otherwise; lethality π_j ~ U[0.5, 1]; p_ij ~ U[0.6, 0.9].
 * Draw order: W_k (k = 0..K−1), then per target j: aim (j ≥ K only), π_j; then pk row by row.
 */
export function assetInstance(weapons: number, targets: number, assets: number, uniform: () => number, name?: string): AssetWtaInstance {
  const assetValues = new Float64Array(assets);
  for (let k = 0; k < assets; k++) assetValues[k] = 25 + 75 * uniform();
  const aims = new Int32Array(targets);
  const lethality = new Float64Array(targets);
  for (let j = 0; j < targets; j++) {
    aims[j] = j < assets ? j : Math.min(assets - 1, Math.floor(uniform() * assets));
    lethality[j] = 0.5 + 0.5 * uniform();
  }
  const pk = new Float64Array(weapons * targets);
  for (let k = 0; k < pk.length; k++) pk[k] = 0.6 + 0.3 * uniform();
  return { ...(name !== undefined ? { name } : {}), weapons, targets, assets, assetValues, aims, lethality, pk };
}
