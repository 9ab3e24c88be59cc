/**
 * The battle manager of one force, re-planned every decision cycle on a rolling horizon
 * (docs/models/battle-management.md "Engagement planning and doctrine"):
 *
 * 1. Threat evaluation of every track of the force's picture (threat.ts) — tracks only, never truth.
 * 2. Feasibility of every (battery, track) pair at the battery's ready time (feasibility.ts).
 * 3. Eligibility by doctrine: weapons control, defended assets, min Pk, reserve, cost awareness,
 *    layering (upper tier first; a lower tier only when no upper tier can still engage, or at its
 *    last chance — the track would leave its window within two decision cycles — "for leakers").
 * 4. A static WTA instance: weapons = the engagements each battery can start this cycle (one shot
 *    in shoot-look-shoot, `salvoSize` shots in salvo mode; limited by loaded rounds, inventory
 *    above the reserve, and `maxEngagementsPerCycle`; reserve rounds as extra weapons usable only
 *    against threats to the top-priority asset kind), targets = tracks not awaiting a kill
 *    assessment, values = threat value × category priority weight, p = engagement Pk, feasibility
 *    mask from 2–3, shot costs (optional λ). Solved by the WTA heuristic of ./wta (maximum marginal
 *    return + VLSN local search, a deterministic pass budget) or any solver given.
 * 5. Doctrine on the assignment: at most `maxShotsPerThreat` interceptors per track over the run;
 *    shoot-look-shoot keeps one engagement per track when a second launch is still possible after
 *    the kill assessment (else it keeps the salvo: "salvo (no time to look)"); launches of one
 *    battery are sequenced by its launch interval (each order re-checked at its own slot).
 * Every order carries its reason: inputs, alternatives (other batteries, why not), the objective.
 */
import { interceptorEnvelope } from '../flight/envelope.js';
import type { Asset, Battery, Catalog, Doctrine } from '../scenario/types.js';
import type { PictureTrack } from '../track/picture.js';
import {
  costCheck, LAYER_RANK, reserveShots, threatPriorityWeight, topPriorityAssetKind, weaponsControlAllows,
} from './doctrine.js';
import {
  constantSpeedKinematics, engagementFeasibility, envelopeKinematics, GUN_MEAN_SPEED_FACTOR, pathFor,
  type Feasibility, type Kinematics, type TargetPath,
} from './feasibility.js';
import { assessThreats, defendedAssets, notionalThreatCosts, type DefendedAsset, type ThreatEvaluationOptions } from './threat.js';
import type { AlliedEngagement, BatteryReadiness, EngagementOrder, ThreatAssessment } from './types.js';
import { createWtaInstance, solveWtaHeuristic, wtaObjective, type WtaInstance } from './wta/index.js';

/** Kinematics of a battery's interceptor: flight/'s flown envelope, or a constant mean speed for guns. */
export function batteryKinematics(b: Pick<Battery, 'interceptor'>): Kinematics {
  const t = b.interceptor;
  const limits = { minRange: t.minRange, maxRange: t.maxRange, minAltitude: t.minAltitude, maxAltitude: t.maxAltitude };
  if (t.kill === 'gun') return constantSpeedKinematics(GUN_MEAN_SPEED_FACTOR * t.maxSpeed, limits);
  return envelopeKinematics(interceptorEnvelope({
    id: t.model, max_speed_m_s: t.maxSpeed, min_range_m: t.minRange, max_range_m: t.maxRange, min_altitude_m: t.minAltitude, max_altitude_m: t.maxAltitude,
  }));
}

/** Solver of a static WTA instance: assignment[i] = target of weapon i or −1. */
export type WtaSolver = (inst: WtaInstance) => Int32Array;

/** Default solver: greedy maximum marginal return + VLSN local search, deterministic (pass budget, no clock). */
export const defaultWtaSolver: WtaSolver = (inst) => solveWtaHeuristic(inst, { maxPasses: 50 }).assignment;

export interface BattleManagerOptions {
  force: string;
  /** The force's batteries (resolved scenario batteries, with their resolved doctrine). */
  batteries: readonly Battery[];
  /** Assets the force defends (own and allies'). */
  assets: readonly Asset[];
  /** The force's doctrine (per-track rules: fire mode, shots per threat, kill assessment, priorities). */
  doctrine: Doctrine;
  catalog?: Pick<Catalog, 'threats'>;
  /** Kinematics per battery (default `batteryKinematics`). */
  kinematics?: (b: Battery) => Kinematics;
  /** Decision cycle (s), default 2: the "last chance" horizon is two cycles. */
  decisionCycle?: number;
  /** Most engagements one battery starts per cycle (default 4). */
  maxEngagementsPerCycle?: number;
  /** λ: asset-value units per USD on shot costs in the WTA objective (default 0). */
  costWeight?: number;
  solver?: WtaSolver;
  evaluation?: ThreatEvaluationOptions;
}

/** Why a track was or was not engaged this cycle. */
export interface TrackDecision {
  track: string;
  engaged: boolean;
  why: string;
}

export interface PlanResult {
  t: number;
  orders: EngagementOrder[];
  assessments: ThreatAssessment[];
  decisions: TrackDecision[];
  /** Expected surviving threat value without and with this cycle's orders (the WTA objective). */
  objective: { before: number; after: number };
}

interface Memory {
  shots: number;
  /** Time by which the outcome of the latest engagement is known. */
  assessUntil: number;
}

interface Weapon {
  b: number;
  /** Slot index in the battery this cycle. */
  k: number;
  shots: number;
  reserve: boolean;
}

const fmt = (x: number, d = 1) => x.toFixed(d);

export class BattleManager {
  readonly force: string;
  private readonly o: BattleManagerOptions;
  private readonly assets: DefendedAsset[];
  private readonly assetKind: Map<string, string>;
  private readonly kin: Kinematics[];
  private readonly memory = new Map<string, Memory>();
  private readonly threatCosts;

  constructor(opts: BattleManagerOptions) {
    this.o = opts;
    this.force = opts.force;
    this.assets = defendedAssets(opts.assets);
    this.assetKind = new Map(opts.assets.map((a) => [a.id, a.kind]));
    this.kin = opts.batteries.map((b) => (opts.kinematics ?? batteryKinematics)(b));
    this.threatCosts = opts.evaluation?.threatCosts ?? notionalThreatCosts(opts.catalog);
  }

  /** The World reports a kill assessment: a kill ends the engagement; a miss frees the track for re-engagement. */
  assessed(trackId: string, killed: boolean, t: number): void {
    const m = this.memory.get(trackId);
    if (!m) return;
    if (killed) this.memory.delete(trackId);
    else m.assessUntil = Math.min(m.assessUntil, t);
  }

  private threatensTopKind(a: ThreatAssessment, topKind: string | null): boolean {
    const top = a.assetsAtRisk[0];
    return top !== undefined && this.assetKind.get(top.asset) === topKind;
  }

  /** Interceptors ordered so far against a track. */
  shotsAt(trackId: string): number {
    return this.memory.get(trackId)?.shots ?? 0;
  }

  plan(t: number, picture: readonly PictureTrack[], readiness: readonly BatteryReadiness[], allied: readonly AlliedEngagement[] = []): PlanResult {
    void allied; // counted as committed fire against their tracks (decide/ helper implements)
    const o = this.o;
    const doc = o.doctrine;
    const cycle = o.decisionCycle ?? 2;
    const bats = o.batteries;
    const ready = new Map(readiness.map((r) => [r.battery, r]));
    const tracks = new Map(picture.map((p) => [p.id, p]));
    for (const id of [...this.memory.keys()]) if (!tracks.has(id)) this.memory.delete(id);

    const assessments = assessThreats(picture, this.assets, { ...o.evaluation, threatCosts: this.threatCosts }).filter((a) => a.threatValue > 0);
    const decisions: TrackDecision[] = [];
    const topKind = topPriorityAssetKind(doc.priorities.assets, o.assets.map((a) => a.kind));

    // Targets: assessed tracks under their shot cap; note those awaiting a kill assessment.
    const targets: { a: ThreatAssessment; track: PictureTrack; path: TargetPath; looking: boolean; left: number }[] = [];
    for (const a of assessments) {
      const track = tracks.get(a.trackId)!;
      const mem = this.memory.get(a.trackId);
      const left = doc.maxShotsPerThreat - (mem?.shots ?? 0);
      if (left <= 0) {
        decisions.push({ track: a.trackId, engaged: false, why: `max shots per threat (${doc.maxShotsPerThreat}) reached` });
        continue;
      }
      targets.push({ a, track, path: pathFor(track, a, o.evaluation?.ballistic), looking: mem !== undefined && t < mem.assessUntil, left });
    }

    // Per battery: readiness, reserve, engagement size, feasibility at its ready time.
    const B = bats.length, T = targets.length;
    const info = bats.map((b) => {
      const r = ready.get(b.id);
      const rps = Math.max(1, b.interceptor.roundsPerShot);
      const size = b.doctrine.fire.mode === 'salvo' ? Math.max(1, b.doctrine.fire.salvoSize) : 1;
      const reserve = r ? reserveShots(b.doctrine.reserve, r.initialShots) : 0;
      const readyTime = r ? Math.max(t + b.interceptor.reactionTime, r.nextLaunchTime) : Infinity;
      const free = r ? Math.max(0, Math.min(r.loadedShots, r.inventoryShots - reserve)) : 0;
      const reserveUsable = r ? Math.max(0, Math.min(r.loadedShots - free, r.inventoryShots - free)) : 0;
      const unitCost = (b.interceptor.unitCost ?? 0) * rps;
      return { b, r, size, reserve, readyTime, free, reserveUsable, unitCost, stillHas: r ? r.inventoryShots - reserve > 0 : false };
    });
    const feas: Feasibility[][] = bats.map((b, i) =>
      targets.map((g) => engagementFeasibility(b, this.kin[i], g.track, g.a.class, g.path, { readyTime: info[i].readyTime })));

    // Eligibility of (battery, target) before cost and layering: window, sensor, defended asset, control, min Pk, inventory.
    const why: string[][] = bats.map(() => targets.map(() => ''));
    const engagePk = (i: number, j: number) => 1 - (1 - feas[i][j].pk) ** info[i].size;
    for (let i = 0; i < B; i++) {
      const b = bats[i];
      const defends = new Set(b.defends);
      for (let j = 0; j < T; j++) {
        const g = targets[j], f = feas[i][j];
        const wc = weaponsControlAllows(b.doctrine.weaponsControl, g.track);
        if (!info[i].r) why[i][j] = 'no readiness report';
        else if (!wc.allowed) why[i][j] = wc.why;
        else if (!g.a.assetsAtRisk.some((r) => defends.has(r.asset) && r.probability > 0.01)) why[i][j] = 'threatens no asset this battery defends';
        else if (!info[i].stillHas && (info[i].reserveUsable === 0 || !this.threatensTopKind(g.a, topKind))) {
          why[i][j] = info[i].r!.inventoryShots > 0
            ? `no interceptors left above the reserve (held for threats to the top-priority asset kind ${topKind})`
            : 'no interceptors left';
        }
        else if (!f.feasible) why[i][j] = f.why;
        else if (engagePk(i, j) < b.doctrine.minPk) why[i][j] = `Pk ${fmt(engagePk(i, j), 2)} < minPk ${b.doctrine.minPk}`;
      }
    }
    // Cost awareness, then layering, per target.
    for (let j = 0; j < T; j++) {
      const g = targets[j];
      const open = [...Array(B).keys()].filter((i) => why[i][j] === '');
      for (const i of open) {
        const b = bats[i];
        if (!b.doctrine.costAware.enabled) continue;
        const cost = info[i].unitCost * info[i].size;
        let cheaper: number | null = null;
        for (const c of open) {
          if (info[c].unitCost * info[c].size < cost && (cheaper === null || engagePk(c, j) > engagePk(cheaper, j))) cheaper = c;
        }
        const cc = costCheck({
          engagementCost: cost, maxCostRatio: b.doctrine.costAware.maxCostRatio, threatCost: g.a.notionalCost,
          valueUsdAtRisk: g.a.valueUsdAtRisk, pk: engagePk(i, j), cheaperPk: cheaper === null ? null : engagePk(cheaper, j),
          ...(cheaper !== null ? { cheaperBattery: bats[cheaper].id } : {}),
        });
        if (!cc.allowed) why[i][j] = cc.why;
      }
      const eligible = open.filter((i) => why[i][j] === '');
      if (eligible.length === 0) continue;
      const topRank = Math.min(...eligible.map((i) => LAYER_RANK[bats[i].layer]));
      for (const i of eligible) {
        const rank = LAYER_RANK[bats[i].layer];
        if (rank === topRank) continue;
        const lastChance = feas[i][j].launchWindow![1] <= t + 2 * cycle;
        if (!lastChance) {
          const upper = eligible.filter((c) => LAYER_RANK[bats[c].layer] === topRank).map((c) => bats[c].id).join(', ');
          why[i][j] = `layering: ${bats[i].layer} tier holds for leakers while ${upper} (${bats.find((x) => x.id === upper.split(', ')[0])!.layer} tier) can engage`;
        }
      }
    }

    // WTA weapons this cycle.
    const weapons: Weapon[] = [];
    for (let i = 0; i < B; i++) {
      const inf = info[i];
      if (!inf.r || inf.b.doctrine.weaponsControl === 'hold') continue;
      const maxE = o.maxEngagementsPerCycle ?? 4;
      const nFree = Math.min(maxE, Math.floor(inf.free / inf.size));
      const nRes = Math.min(maxE - nFree, Math.floor(inf.reserveUsable / inf.size));
      for (let k = 0; k < nFree; k++) weapons.push({ b: i, k, shots: inf.size, reserve: false });
      for (let k = 0; k < nRes; k++) weapons.push({ b: i, k: nFree + k, shots: inf.size, reserve: true });
    }
    const W = weapons.length;
    const usable = (w: Weapon, j: number): boolean => {
      if (why[w.b][j] !== '') return false;
      // Rolling horizon: only engagements that launch this cycle; later windows are re-planned then.
      if (feas[w.b][j].launchTime > info[w.b].readyTime + cycle) return false;
      const g = targets[j];
      if (g.looking) {
        // Awaiting a kill assessment: only if no battery could still launch after it ("no time to look").
        const m = this.memory.get(g.a.trackId)!;
        if (feas[w.b][j].launchWindow![1] >= m.assessUntil) return false;
      }
      if (w.reserve && !this.threatensTopKind(g.a, topKind)) return false;
      return true;
    };
    const orders: EngagementOrder[] = [];
    let before = 0, after = 0;
    if (W > 0 && T > 0) {
      const values = targets.map((g) => g.a.threatValue * threatPriorityWeight(g.a.class, doc.priorities.threats));
      const pk = new Float64Array(W * T), feasible = new Uint8Array(W * T), shotCost = new Float64Array(W);
      weapons.forEach((w, i) => {
        shotCost[i] = info[w.b].unitCost * w.shots;
        for (let j = 0; j < T; j++) {
          if (usable(w, j)) {
            feasible[i * T + j] = 1;
            pk[i * T + j] = engagePk(w.b, j);
          }
        }
      });
      const inst = createWtaInstance({ values, pk, weapons: W, targets: T, feasible, shotCost, costWeight: o.costWeight ?? 0 }, `plan ${this.force} t=${t}`);
      const assignment = (o.solver ?? defaultWtaSolver)(inst);
      before = values.reduce((s, v) => s + v, 0);
      // Doctrine on the assignment, target by target.
      const byTarget = new Map<number, number[]>();
      assignment.forEach((j, i) => { if (j >= 0) byTarget.set(j, [...(byTarget.get(j) ?? []), i]); });
      const kept = new Int32Array(W).fill(-1);
      const mode = new Map<number, string>();
      for (const [j, ws] of byTarget) {
        const g = targets[j];
        ws.sort((x, y) => pk[y * T + j] - pk[x * T + j] || x - y);
        let shots = 0;
        const take: number[] = [];
        for (const i of ws) if (shots + weapons[i].shots <= g.left) { take.push(i); shots += weapons[i].shots; }
        // Shoot-look-shoot keeps one shot, salvo mode one salvo (shoot-shoot-look), when a further
        // launch is still possible after the kill assessment; otherwise everything assigned goes now.
        const salvo = bats[weapons[take[0]]?.b ?? 0]?.doctrine.fire.mode === 'salvo';
        let m = salvo ? 'salvo' : 'shoot-look-shoot';
        if (take.length > 1) {
          const first = weapons[take[0]];
          const lookAt = feas[first.b][j].interceptTime + (first.shots - 1) * bats[first.b].interceptor.launchInterval + doc.killAssessmentDelay;
          const canLook = [...Array(B).keys()].some((i) => why[i][j] === '' && feas[i][j].launchWindow![1] >= lookAt);
          if (canLook) take.splice(1);
          else m = 'salvo (no time to look)';
        }
        if (g.looking) m = 'salvo (no time to look)';
        for (const i of take) kept[i] = j;
        mode.set(j, m);
      }
      after = wtaObjective({ ...inst, shotCost: undefined, costWeight: 0 } as WtaInstance, kept);
      // Sequence each battery's launches and build the orders.
      const slot = new Array(B).fill(0);
      const chosen = [...kept.keys()].filter((i) => kept[i] >= 0)
        .sort((x, y) => feas[weapons[x].b][kept[x]].launchWindow![1] - feas[weapons[y].b][kept[y]].launchWindow![1] || x - y);
      for (const i of chosen) {
        const w = weapons[i], j = kept[i], g = targets[j], inf = info[w.b], b = bats[w.b];
        const s = slot[w.b];
        let f = feas[w.b][j];
        const slotReady = inf.readyTime + s * inf.size * b.interceptor.launchInterval;
        if (s > 0) f = engagementFeasibility(b, this.kin[w.b], g.track, g.a.class, g.path, { readyTime: slotReady });
        if (!f.feasible) continue;
        slot[w.b]++;
        const assessmentTime = f.interceptTime + (w.shots - 1) * b.interceptor.launchInterval + doc.killAssessmentDelay;
        const epk = 1 - (1 - f.pk) ** w.shots;
        const alternatives = bats.map((c, ci) => ci === w.b ? null
          : why[ci][j] === '' ? `${c.id} (${c.interceptorId}, Pk ${fmt(engagePk(ci, j), 2)}): eligible, not chosen by the WTA`
          : `${c.id}: ${why[ci][j]}`).filter((x) => x !== null);
        const top = g.a.assetsAtRisk.slice(0, 3).map((r) => `${r.asset} P(hit) ${fmt(r.probability, 2)}`).join(', ');
        const reason = [
          `track ${g.a.trackId} (${g.a.class}, quality ${fmt(g.track.quality, 2)}, ${g.a.model} model) time to go ${fmt(g.a.timeToGo)} s; at risk: ${top}; threat value ${fmt(g.a.threatValue, 3)}`,
          `${b.id} (${b.layer}, ${b.interceptorId}) ${w.shots} shot(s), single-shot Pk ${fmt(f.pk, 2)}, window [${fmt(f.launchWindow![0])}, ${fmt(f.launchWindow![1])}] s, intercept at ${fmt(f.interceptTime)} s`,
          `doctrine ${mode.get(j)}${w.reserve ? ', from the reserve (top-priority asset kind ' + topKind + ')' : ''}; shots at this track so far ${this.shotsAt(g.a.trackId)} of ${doc.maxShotsPerThreat}`,
          `alternatives: ${alternatives.length ? alternatives.join('; ') : 'none'}`,
          `objective (expected surviving threat value): ${fmt(before, 3)} → ${fmt(after, 3)}`,
        ].join(' | ');
        orders.push({
          battery: b.id, track: g.a.trackId, interceptor: b.interceptorId, launchTime: f.launchTime,
          interceptPoint: f.interceptPoint, interceptTime: f.interceptTime, pk: epk, doctrine: mode.get(j)!, reason,
          shots: w.shots, shotPk: f.pk, launchInterval: b.interceptor.launchInterval, launchWindow: f.launchWindow!, assessmentTime,
        });
        const mem = this.memory.get(g.a.trackId) ?? { shots: 0, assessUntil: -Infinity };
        mem.shots += w.shots;
        mem.assessUntil = Math.max(mem.assessUntil, assessmentTime);
        this.memory.set(g.a.trackId, mem);
      }
    }
    const engaged = new Set(orders.map((x) => x.track));
    for (let j = 0; j < T; j++) {
      const id = targets[j].a.trackId;
      if (engaged.has(id)) { decisions.push({ track: id, engaged: true, why: orders.filter((x) => x.track === id).map((x) => x.battery).join(', ') }); continue; }
      const reasons = bats.map((b, i) => {
        if (why[i][j]) return `${b.id}: ${why[i][j]}`;
        if (targets[j].looking) return `${b.id}: awaiting kill assessment`;
        if (feas[i][j].launchTime > info[i].readyTime + cycle) return `${b.id}: window opens at ${fmt(feas[i][j].launchTime)} s`;
        return `${b.id}: no weapon assigned this cycle`;
      });
      decisions.push({ track: id, engaged: false, why: reasons.join('; ') || 'no batteries' });
    }
    return { t, orders, assessments, decisions, objective: { before, after } };
  }
}
