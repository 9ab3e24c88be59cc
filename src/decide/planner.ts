/**
 * The battle manager of one force, re-planned every decision cycle on a rolling horizon
 * (docs/models/battle-management.md "Engagement planning and doctrine"):
 *
 * 1. Threat evaluation of every track of the force's picture (threat.ts) — tracks only, never truth.
 * 2. Committed fire: own engagements not yet assessed and allied engagements (data link) scale a
 *    track's value by their survival Π(1 − pk), count against `maxShotsPerThreat`, and make
 *    shoot-look-shoot wait for their assessment.
 * 3. Readiness net of the manager's own orders not launched yet (no double-booked rounds or slots).
 * 4. Feasibility of every (battery, track) pair at the battery's ready time (feasibility.ts).
 * 5. Eligibility by doctrine: weapons control, defended assets, window and sensor support, min Pk;
 *    the reserve (held loaded, released only to the most urgent threat category); cost awareness
 *    (one interceptor vs the threat's cheapest plausible identity; a cheaper layer's whole window);
 *    layering (upper tier first; a lower tier only when no upper tier can still engage, or at its
 *    last chance — latest launch within two decision cycles — "for leakers"); firm track (quality
 *    ≥ 0.5 unless last chance); better shot (a guided threat at the envelope's edge waits while the
 *    window allows).
 * 6. A static WTA instance: weapons = the launch slots each battery can start this cycle (one shot
 *    in shoot-look-shoot, `salvoSize` shots in salvo mode; limited by loaded rounds above the
 *    reserve, `maxEngagementsPerCycle` and the slots leaving within the cycle; reserve rounds as
 *    extra weapons usable only against the most urgent threat category), values = threat value ×
 *    category priority weight × committed-fire survival, p = engagement Pk, feasibility mask from
 *    4–5 and each slot's launch time inside the window, shot costs (optional λ). Solved by greedy +
 *    VLSN with its Lagrangian bound, and by the exact HiGHS solver when the bound leaves a gap and
 *    the instance is small (`solveCycleWta`, deterministic work limits), or by any solver given.
 * 7. Doctrine on the assignment: at most `maxShotsPerThreat` interceptors per track over the run;
 *    shoot-look-shoot keeps one engagement per track when a second launch is still possible after
 *    the kill assessment; otherwise ("salvo (no time to look)") engagements are kept only up to the
 *    SALVO_PK_GOAL kill probability; launches of one battery are sequenced (each order re-checked
 *    at the battery's next free time).
 * Every order carries its reason: inputs, alternatives (other batteries, why not), the objective
 * and how the WTA was solved.
 */
import { interceptorEnvelope } from '../flight/envelope.js';
import { interceptorAirframe, type InterceptorType as FlightInterceptorType } from '../flight/interceptor.js';
import { seekerOf } from '../flight/seeker.js';
import type { Asset, Battery, Catalog, Doctrine } from '../scenario/types.js';
import type { PictureTrack, TargetClass } from '../track/picture.js';
import {
  costCheck, LAYER_RANK, reserveShots, threatPriorityWeight, weaponsControlAllows,
} from './doctrine.js';
import {
  batterySite, CLASS_PK_FACTOR, constantSpeedKinematics, engagementFeasibility, envelopeKinematics, GUN_MEAN_SPEED_FACTOR, pathFor,
  type Feasibility, type Kinematics, type TargetPath,
} from './feasibility.js';
import { assessThreats, defendedAssets, notionalThreatCosts, type DefendedAsset, type ThreatEvaluationOptions } from './threat.js';
import type { AlliedEngagement, BatteryReadiness, EngagementOrder, ThreatAssessment } from './types.js';
import { createWtaInstance, solveWtaHeuristic, statusOf, wtaObjective, type WtaInstance } from './wta/index.js';
import { solveWtaExactSync } from './exactSync.js';

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

/** How a cycle's WTA was solved, and how close to the optimum it is proven to be. */
export interface WtaSolveInfo {
  method: 'exact' | 'heuristic' | 'custom';
  status: 'optimal' | 'feasible';
  /** WTA objective of the assignment (before doctrine trims it) and the proven lower bound (null: none). */
  objective: number;
  lowerBound: number | null;
  /** (objective − lowerBound) / objective, or null. */
  gap: number | null;
  /** Feasible (weapon, target) pairs of the instance. */
  pairs: number;
}

/**
 * Exact WTA in the decision loop: an instance with at most `maxPairs` feasible pairs whose
 * heuristic solution is not already proven optimal by the Lagrangian bound is solved by the exact
 * HiGHS solver (column generation + MIP) under deterministic work limits; larger ones keep the
 * heuristic with its bound. `false` turns it off.
 */
export interface ExactInLoopOptions {
  /** Largest instance (feasible pairs) solved exactly (default 120). */
  maxPairs?: number;
  /** Column-generation iterations (default 40) and columns (default 20 000) of the exact solver. */
  maxCgIterations?: number;
  maxColumns?: number;
}

/**
 * The planner's WTA: greedy + VLSN with its Lagrangian bound (prices read off its own solution);
 * if that does not prove optimality and the instance is small enough, the exact solver. Returns
 * the better assignment (the exact solver starts from the same heuristic, so it is never worse).
 */
export function solveCycleWta(inst: WtaInstance, exact: ExactInLoopOptions | false): { assignment: Int32Array; info: WtaSolveInfo } {
  let pairs = 0;
  const f = inst.feasible;
  for (let k = 0; k < inst.weapons * inst.targets; k++) if ((!f || f[k]) && inst.pk[k] > 0) pairs++;
  const h = solveWtaHeuristic(inst, { maxPasses: 50, lowerBound: true });
  const gapOf = (obj: number, lb: number | null) => (lb === null ? null : obj > 0 ? Math.max(0, (obj - lb) / obj) : 0);
  const heur = { assignment: h.assignment, info: { method: 'heuristic' as const, status: h.status, objective: h.objective, lowerBound: h.lowerBound, gap: gapOf(h.objective, h.lowerBound), pairs } };
  if (h.status === 'optimal' || exact === false || pairs > (exact.maxPairs ?? 120)) return heur;
  const r = solveWtaExactSync(inst, { maxCgIterations: exact.maxCgIterations ?? 40, maxColumns: exact.maxColumns ?? 20_000 });
  const lb = Math.max(r.lowerBound ?? -Infinity, h.lowerBound ?? -Infinity);
  const best = r.objective <= h.objective ? r : h;
  const lowerBound = Number.isFinite(lb) ? Math.min(lb, best.objective) : null;
  return {
    assignment: best.assignment,
    info: { method: 'exact', status: statusOf(best.objective, lowerBound), objective: best.objective, lowerBound, gap: gapOf(best.objective, lowerBound), pairs },
  };
}

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
  /**
   * Seconds the shots counted against a track are remembered after it leaves the picture, so that
   * `continued` can carry them to the track that continues it (default 0: forgotten at once).
   */
  droppedTrackMemory?: number;
  /** Most engagements one battery starts per cycle (default 4). */
  maxEngagementsPerCycle?: number;
  /** λ: asset-value units per USD on shot costs in the WTA objective (default 0). */
  costWeight?: number;
  /** A custom WTA solver (no bound); default: `solveCycleWta` (heuristic + bound, exact when small). */
  solver?: WtaSolver;
  /** Exact WTA in the loop (default on, `ExactInLoopOptions` defaults); false: heuristic only. */
  exact?: ExactInLoopOptions | false;
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
  /** How this cycle's WTA was solved (absent when there was nothing to assign). */
  wta?: WtaSolveInfo;
}

interface Memory {
  /** Own interceptors ordered against the track, per battery (a battery's own `maxShotsPerThreat` caps its share). */
  byBattery: Map<string, number>;
  /** Time by which the outcome of the latest own engagement is known. */
  assessUntil: number;
  /** Own engagements whose outcome is not known yet: their Pk and assessment time. */
  pending: { pk: number; until: number }[];
  /** Allied interceptors reported against the track, and the allied engagements already counted. */
  alliedShots: number;
  alliedSeen: Set<string>;
  /** First plan time at which the track was missing from the picture (undefined while it is there). */
  absentSince?: number;
}

/** Own interceptors ordered against a track (all batteries). */
const ownShots = (m: Memory | undefined): number => {
  let n = 0;
  if (m) for (const k of m.byBattery.values()) n += k;
  return n;
};

const newMemory = (): Memory => ({ byBattery: new Map(), assessUntil: -Infinity, pending: [], alliedShots: 0, alliedSeen: new Set() });

interface Weapon {
  b: number;
  /** Slot index in the battery this cycle. */
  k: number;
  shots: number;
  reserve: boolean;
}

const fmt = (x: number, d = 1) => x.toFixed(d);

/**
 * Kill probability a "no time to look" engagement aims at (NOTIONAL planning goal): further
 * engagements of the same track in that cycle are added only while the track's cumulative Pk is
 * below it (two PAC-3-class shots at 0.7 give 0.91 and stop there).
 */
export const SALVO_PK_GOAL = 0.9;

/** Track quality below which a track is engaged only at a battery's last chance (NOTIONAL; = weapons-tight identification). */
export const FIRM_TRACK_QUALITY = 0.5;

/**
 * Share of a kill vehicle's handover basket a track's 3σ position error may use (NOTIONAL): the
 * basket is the bang-bang divert ½·a·t²; proportional navigation spends more of its divert than
 * the minimum-time manoeuvre, and the seeker's acquisition is not at the ideal instant.
 */
export const HANDOVER_MARGIN = 0.5;

/** √tr(P_pos) of a track, m. */
export function positionSigma(track: Pick<PictureTrack, 'state' | 'covariance'>): number {
  const n = track.state.length, P = track.covariance;
  return Math.sqrt(P[0]! + P[n + 1]! + P[2 * n + 2]!);
}

/**
 * The handover basket of a kill vehicle that homes from its seeker's acquisition on (flight/seeker.ts
 * `homesOnAcquisition`): the miss it can take out after acquisition, ½·a_d·t², a_d its divert
 * acceleration (flight/interceptor.ts airframe), t = R_acq / v_c the time from acquisition to
 * intercept at the planned closing speed v_c = |v_T(t_I) − v̄_I|, v_T the target's predicted velocity
 * at the intercept (path difference over ±0.5 s), v̄_I the interceptor's mean velocity over its
 * flight (launcher to intercept point over the time of flight). Null for every other interceptor,
 * or an infeasible pair.
 */
export function handoverBasket(
  interceptor: Pick<Battery['interceptor'], 'model' | 'kill'>, site: ArrayLike<number>,
  f: Pick<Feasibility, 'interceptTime' | 'interceptPoint' | 'timeOfFlight'>, path: TargetPath,
): number | null {
  const seeker = seekerOf(interceptor);
  if (!seeker.homesOnAcquisition || !(f.timeOfFlight > 0) || !Number.isFinite(f.interceptTime)) return null;
  const a = interceptorAirframe({ id: interceptor.model } as FlightInterceptorType).divertAcceleration;
  if (!(a > 0)) return null;
  const p0 = new Float64Array(3), p1 = new Float64Array(3);
  path.positionInto(p0, f.interceptTime - 0.5);
  path.positionInto(p1, f.interceptTime + 0.5);
  let vc2 = 0;
  for (let k = 0; k < 3; k++) {
    const vT = p1[k]! - p0[k]!;
    const vI = (f.interceptPoint[k]! - site[k]!) / f.timeOfFlight;
    vc2 += (vT - vI) ** 2;
  }
  const vc = Math.sqrt(vc2);
  if (!(vc > 0)) return null;
  const t = seeker.acquisitionRange / vc;
  return 0.5 * a * t * t;
}

export class BattleManager {
  readonly force: string;
  private readonly o: BattleManagerOptions;
  private readonly assets: DefendedAsset[];
  private readonly assetKind: Map<string, string>;
  private readonly kin: Kinematics[];
  private readonly memory = new Map<string, Memory>();
  /** Per battery: launch times of ordered shots not yet seen leaving, and the inventory last reported. */
  private readonly committed = new Map<string, { times: number[]; inventory: number }>();
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
    else {
      m.assessUntil = Math.min(m.assessUntil, t);
      m.pending = []; // the outcome is known: it survived
    }
  }

  /**
   * Readiness net of this manager's own orders not launched yet. engage/ reports a battery's loaded
   * rounds and next launch time as they are NOW; an order given last cycle may launch later (its
   * reaction time, its place in the battery's launch sequence), so without this the next cycle
   * would book the same rounds and launch slots again (and the World would cancel one of the two:
   * "battery not ready"). A committed shot leaves the books when the reported inventory drops
   * (launched, earliest first) or when it is more than one decision cycle overdue (cancelled).
   */
  private committedReadiness(t: number, b: Battery, r: BatteryReadiness | undefined, cycle: number): BatteryReadiness | undefined {
    if (!r) return r;
    const c = this.committed.get(b.id);
    if (!c) {
      this.committed.set(b.id, { times: [], inventory: r.inventoryShots });
      return r;
    }
    const fired = Math.max(0, c.inventory - r.inventoryShots);
    c.times.sort((x, y) => x - y);
    c.times.splice(0, Math.min(fired, c.times.length));
    c.times = c.times.filter((x) => x >= t - cycle);
    c.inventory = r.inventoryShots;
    if (c.times.length === 0) return r;
    const n = c.times.length;
    return {
      ...r,
      loadedShots: Math.max(0, r.loadedShots - n),
      inventoryShots: Math.max(0, r.inventoryShots - n),
      nextLaunchTime: Math.max(r.nextLaunchTime, c.times[n - 1] + b.interceptor.launchInterval),
    };
  }

  /**
   * The fire control continued dropped track `from` on track `to` (sim/handover.ts): what was spent
   * and pending against `from` now counts against `to` (shots per battery, pending assessments,
   * allied shots), added to what `to` already had.
   */
  continued(from: string, to: string): void {
    const a = this.memory.get(from);
    if (!a || from === to) return;
    this.memory.delete(from);
    a.absentSince = undefined;
    const b = this.memory.get(to);
    if (!b) {
      this.memory.set(to, a);
      return;
    }
    for (const [k, v] of a.byBattery) b.byBattery.set(k, (b.byBattery.get(k) ?? 0) + v);
    b.assessUntil = Math.max(b.assessUntil, a.assessUntil);
    b.pending.push(...a.pending);
    b.alliedShots += a.alliedShots;
    for (const k of a.alliedSeen) b.alliedSeen.add(k);
  }

  /** Interceptors ordered so far against a track (own). */
  shotsAt(trackId: string): number {
    return ownShots(this.memory.get(trackId));
  }

  /** Allied interceptors reported against a track so far. */
  alliedShotsAt(trackId: string): number {
    return this.memory.get(trackId)?.alliedShots ?? 0;
  }

  plan(t: number, picture: readonly PictureTrack[], readiness: readonly BatteryReadiness[], allied: readonly AlliedEngagement[] = []): PlanResult {
    const o = this.o;
    const doc = o.doctrine;
    const cycle = o.decisionCycle ?? 2;
    const bats = o.batteries;
    const ready = new Map(readiness.map((r) => [r.battery, r]));
    const tracks = new Map(picture.map((p) => [p.id, p]));
    const grace = o.droppedTrackMemory ?? 0;
    for (const [id, m] of [...this.memory]) {
      if (tracks.has(id)) m.absentSince = undefined;
      else if (t - (m.absentSince ??= t) >= grace) this.memory.delete(id);
    }

    // Allied engagements (data link): committed fire against our tracks. Each is counted once
    // against maxShotsPerThreat; while its assessment is pending it scales the track's value by
    // its survival (1 − pk) and shoot-look-shoot waits for its assessment like for our own.
    const alliedPending = new Map<string, AlliedEngagement[]>();
    for (const e of allied) {
      if (!tracks.has(e.track)) continue;
      const mem = this.memory.get(e.track) ?? newMemory();
      const key = `${e.force}\u0000${e.battery}\u0000${e.interceptTime}`;
      if (!mem.alliedSeen.has(key)) {
        mem.alliedSeen.add(key);
        mem.alliedShots += Math.max(1, e.shots ?? 1);
      }
      this.memory.set(e.track, mem);
      if (e.assessmentTime > t) alliedPending.set(e.track, [...(alliedPending.get(e.track) ?? []), e]);
    }

    const assessments = assessThreats(picture, this.assets, { ...o.evaluation, threatCosts: this.threatCosts }).filter((a) => a.threatValue > 0);
    const decisions: TrackDecision[] = [];
    const topThreat: TargetClass | null = doc.priorities.threats[0] ?? null;

    // Targets: assessed tracks under their shot cap; note those awaiting a kill assessment.
    const targets: {
      a: ThreatAssessment; track: PictureTrack; path: TargetPath; looking: boolean; left: number;
      /** Time by which every pending engagement of it (own and allied) is assessed. */
      lookUntil: number;
      /** Survival of the track through the pending allied engagements, Π(1 − pk), and their description. */
      alliedSurvival: number; alliedNote: string;
    }[] = [];
    for (const a of assessments) {
      const track = tracks.get(a.trackId)!;
      const mem = this.memory.get(a.trackId);
      const fired = ownShots(mem) + (mem?.alliedShots ?? 0);
      const left = doc.maxShotsPerThreat - fired;
      if (left <= 0) {
        decisions.push({
          track: a.trackId, engaged: false,
          why: `max shots per threat (${doc.maxShotsPerThreat}) reached${mem && mem.alliedShots > 0 ? ` (${ownShots(mem)} own, ${mem.alliedShots} allied)` : ''}`,
        });
        continue;
      }
      const ally = alliedPending.get(a.trackId) ?? [];
      const lookUntil = Math.max(mem?.assessUntil ?? -Infinity, ...ally.map((e) => e.assessmentTime));
      // Committed fire not yet assessed — the ally's and our own (a "no time to look" re-engagement
      // of a track already under fire must not count its value as if nothing were on the way).
      const own = (mem?.pending ?? []).filter((x) => x.until > t);
      const alliedSurvival = ally.reduce((s, e) => s * (1 - Math.min(1, Math.max(0, e.pk))), 1) * own.reduce((s, x) => s * (1 - x.pk), 1);
      const alliedNote = [...own.map((x) => `own engagement in flight (Pk ${fmt(x.pk, 2)}, assessment ${fmt(x.until)} s)`), ...ally.map((e) => `${e.force}/${e.battery} engaging (Pk ${fmt(e.pk, 2)}, intercept ${fmt(e.interceptTime)} s, assessment ${fmt(e.assessmentTime)} s)`)].join(', ');
      targets.push({ a, track, path: pathFor(track, a, o.evaluation?.ballistic), looking: t < lookUntil, left, lookUntil, alliedSurvival, alliedNote });
    }

    // Per battery: readiness, reserve, engagement size, feasibility at its ready time.
    const B = bats.length, T = targets.length;
    const info = bats.map((b) => {
      const r = this.committedReadiness(t, b, ready.get(b.id), cycle);
      const rps = Math.max(1, b.interceptor.roundsPerShot);
      const size = b.doctrine.fire.mode === 'salvo' ? Math.max(1, b.doctrine.fire.salvoSize) : 1;
      const reserve = r ? reserveShots(b.doctrine.reserve, r.initialShots) : 0;
      const readyTime = r ? Math.max(t + b.interceptor.reactionTime, r.nextLaunchTime) : Infinity;
      // The reserve is held LOADED (on the launchers, ready to fire): a reserve that sits in the
      // reload stock is an hour away when the missiles come. Free shots are the loaded ones above it.
      const loaded = r ? Math.min(r.loadedShots, r.inventoryShots) : 0;
      const free = Math.max(0, loaded - reserve);
      const reserveUsable = Math.min(loaded, reserve);
      const unitCost = (b.interceptor.unitCost ?? 0) * rps;
      return { b, r, size, reserve, readyTime, free, reserveUsable, unitCost, stillHas: free > 0 };
    });
    const feas: Feasibility[][] = bats.map((b, i) =>
      targets.map((g) => engagementFeasibility(b, this.kin[i], g.track, g.a.class, g.path, { readyTime: info[i].readyTime })));

    // Eligibility of (battery, target) before cost and layering: window, sensor, defended asset, control, min Pk, inventory.
    const why: string[][] = bats.map(() => targets.map(() => ''));
    const engagePk = (i: number, j: number) => 1 - (1 - feas[i][j].pk) ** info[i].size;
    // A battery's own cap (doctrine.batteries.<id>.maxShotsPerThreat; inherited from the force
    // when not set, and then never tighter than the force's total): interceptors this battery may
    // still fire at target j.
    const batteryLeft = (i: number, j: number) =>
      bats[i].doctrine.maxShotsPerThreat - (this.memory.get(targets[j].a.trackId)?.byBattery.get(bats[i].id) ?? 0);
    for (let i = 0; i < B; i++) {
      const b = bats[i];
      const defends = new Set(b.defends);
      for (let j = 0; j < T; j++) {
        const g = targets[j], f = feas[i][j];
        const wc = weaponsControlAllows(b.doctrine.weaponsControl, g.track);
        if (!info[i].r) why[i][j] = 'no readiness report';
        else if (!wc.allowed) why[i][j] = wc.why;
        else if (!g.a.assetsAtRisk.some((r) => defends.has(r.asset) && r.probability > 0.01)) why[i][j] = 'threatens no asset this battery defends';
        else if (info[i].r!.inventoryShots <= 0) why[i][j] = 'no interceptors left';
        else if (batteryLeft(i, j) < info[i].size) why[i][j] = `max shots per threat for this battery (${b.doctrine.maxShotsPerThreat}) reached`;
        else if (!f.feasible) why[i][j] = f.why;
        else if (engagePk(i, j) < b.doctrine.minPk) why[i][j] = `Pk ${fmt(engagePk(i, j), 2)} < minPk ${b.doctrine.minPk}`;
      }
    }
    /**
     * Whether this cycle is (about) battery i's last chance at target j: its launch window ends
     * within two decision cycles of the time it could launch — its ready time (now + reaction
     * time, or later if busy), not now: with a reaction time of 5 s and a 2 s cycle, "window ends
     * within two cycles of now" is always also "window ends before the battery is ready", and the
     * firm-track rule never released a battery (the GBI held a midcourse ICBM for a firm track
     * until its window had closed). Only the firm-track rule releases at the last chance; the
     * layering and better-shot holds do not (see there).
     */
    const lastChance = (i: number, j: number) => feas[i][j].launchWindow![1] <= info[i].readyTime + 2 * cycle;
    /** Single-shot Pk of battery c against target j well inside its envelope (edge factor 1). */
    const fullPk = (c: number, j: number) => bats[c].interceptor.pk * CLASS_PK_FACTOR[targets[j].a.class];
    /**
     * What a battery can still do against a track over its whole window (cost awareness compares
     * an expensive shot with this): n = the engagements it can fit in sequence, shoot-look-shoot,
     * n = min(1 + ⌊(latest − earliest launch) / (TOF + (s − 1)·interval + kill-assessment delay)⌋,
     * shots left under the cap, its inventory), and its kill probability 1 − (1 − Pk_engagement)ⁿ
     * (Pk at the earliest launch: a conservative figure, later launches are closer).
     */
    const layerKill = (c: number, j: number): { n: number; pk: number } => {
      const f = feas[c][j], inf = info[c];
      const period = f.timeOfFlight + (inf.size - 1) * inf.b.interceptor.launchInterval + doc.killAssessmentDelay;
      const fit = 1 + Math.floor(Math.max(0, f.launchWindow![1] - f.launchTime) / Math.max(period, 1e-9));
      const n = Math.max(1, Math.min(fit, Math.floor(Math.min(targets[j].left, batteryLeft(c, j)) / inf.size), Math.floor((inf.r?.inventoryShots ?? 0) / inf.size)));
      // The first engagement at the Pk of the earliest launch; the later ones from well inside the
      // envelope (the guided threat keeps closing on its aimpoint): the full single-shot Pk.
      const full = 1 - (1 - fullPk(c, j)) ** inf.size;
      return { n, pk: 1 - (1 - engagePk(c, j)) * (1 - full) ** (n - 1) };
    };
    // Reserve: a battery down to its reserve fires it only at a threat of the most urgent threat
    // category (priorities.threats[0], ballistic by default). The reserve is held for it: the layer
    // that can engage ballistic missiles must not spend its last loaded rounds on drones and cruise
    // missiles before the missiles come — whatever asset those threaten.
    const released = targets.map((g) => g.a.class === topThreat);
    for (let i = 0; i < B; i++) {
      if (info[i].stillHas) continue;
      for (let j = 0; j < T; j++) {
        if (why[i][j] === '' && (info[i].reserveUsable === 0 || !released[j])) {
          why[i][j] = `no interceptors left above the reserve (held for ${topThreat} threats)`;
        }
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
          if (info[c].unitCost * info[c].size < cost && (cheaper === null || layerKill(c, j).pk > layerKill(cheaper, j).pk)) cheaper = c;
        }
        const lk = cheaper === null ? null : layerKill(cheaper, j);
        const cc = costCheck({
          engagementCost: cost, shotCost: info[i].unitCost, maxCostRatio: b.doctrine.costAware.maxCostRatio, threatCost: g.a.notionalCost,
          valueUsdAtRisk: g.a.valueUsdAtRisk, pk: engagePk(i, j), cheaperPk: lk === null ? null : lk.pk,
          ...(cheaper !== null ? { cheaperBattery: bats[cheaper].id, cheaperEngagements: lk!.n } : {}),
        });
        if (!cc.allowed) why[i][j] = cc.why;
      }
      const eligible = open.filter((i) => why[i][j] === '');
      if (eligible.length === 0) continue;
      const topRank = Math.min(...eligible.map((i) => LAYER_RANK[bats[i].layer]));
      for (const i of eligible) {
        const rank = LAYER_RANK[bats[i].layer];
        if (rank === topRank) continue;
        // No last-chance release: a lower tier firing at its last chance while the upper tier can
        // engage spends scarce rounds on shots the upper tier covers (measured on the energy grid,
        // seeds 7/8/9, when it did: 1–3 more cruise missiles and 1–4 more drones leaked, same spend).
        const upper = eligible.filter((c) => LAYER_RANK[bats[c].layer] === topRank).map((c) => bats[c].id).join(', ');
        why[i][j] = `layering: ${bats[i].layer} tier holds for leakers while ${upper} (${bats.find((x) => x.id === upper.split(', ')[0])!.layer} tier) can engage`;
      }
    }

    // Firm track: a track of quality < FIRM_TRACK_QUALITY (young, or its velocity still poorly known
    // — its class and aimpoint may change) is engaged only at the last chance of a battery, its
    // latest launch within two decision cycles of its ready time. While time allows, the planner waits for the track
    // to firm up instead of committing an interceptor at the edge of the envelope on a guess.
    // For a kill vehicle that homes from a long-range seeker's acquisition on, the track is firm
    // enough once it is held (not coasting) and its position error is within what the kill vehicle
    // can divert after acquisition (`handoverBasket`): its quality is low only because σ is km-scale
    // at long range, which such a seeker takes out.
    for (let j = 0; j < T; j++) {
      const track = targets[j].track;
      const q = track.quality;
      if (q >= FIRM_TRACK_QUALITY) continue;
      const sigma = positionSigma(track);
      for (let i = 0; i < B; i++) {
        if (why[i][j] !== '') continue;
        if (track.status === 'confirmed') {
          const basket = handoverBasket(bats[i].interceptor, batterySite(bats[i].location), feas[i][j], targets[j].path);
          if (basket !== null && 3 * sigma <= HANDOVER_MARGIN * basket) continue;
        }
        const end = feas[i][j].launchWindow![1];
        if (!lastChance(i, j)) why[i][j] = `holding for a firm track (quality ${fmt(q, 2)} < ${FIRM_TRACK_QUALITY}; window open until ${fmt(end)} s)`;
      }
    }

    // Better shot: against a guided (intent-model) threat, a battery whose intercept would be at the
    // edge of its envelope (edge factor < 1: beyond 80 % of its maximum range or altitude, Pk
    // degraded) holds (no last-chance release, see below) — the threat keeps closing
    // and the same interceptor will have the full Pk later. Ballistic threats are not held: their
    // windows are short and a second engagement is worth more than a better first one.
    for (let j = 0; j < T; j++) {
      if (targets[j].a.model !== 'intent') continue;
      for (let i = 0; i < B; i++) {
        if (why[i][j] !== '') continue;
        const f = feas[i][j], full = fullPk(i, j), end = f.launchWindow![1];
        // No last-chance release either (an edge shot's low Pk is not worth the round; the same
        // measurement as the layering rule's).
        if (f.pk < 0.999 * full) {
          why[i][j] = `holding for a better shot (Pk ${fmt(f.pk, 2)} at the envelope's edge, ${fmt(full, 2)} inside; window open until ${fmt(end)} s)`;
        }
      }
    }

    // WTA weapons this cycle.
    const weapons: Weapon[] = [];
    for (let i = 0; i < B; i++) {
      const inf = info[i];
      if (!inf.r || inf.b.doctrine.weaponsControl === 'hold') continue;
      // Launch slots this cycle: slot k leaves no earlier than readyTime + k·s·interval, and only
      // slots that leave within the decision cycle are planned now (the rolling horizon; later
      // slots are the next cycle's, which sees these orders as committed).
      const gap = inf.size * inf.b.interceptor.launchInterval;
      const slots = gap > 0 ? 1 + Math.floor((cycle + 1e-9) / gap) : Infinity;
      const maxE = Math.min(o.maxEngagementsPerCycle ?? 4, slots);
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
      // Launch slot k of a battery cannot leave before readyTime + k·s·interval (s shots per
      // engagement): it must still be inside the pair's launch window then.
      if (feas[w.b][j].launchWindow![1] < info[w.b].readyTime + w.k * info[w.b].size * bats[w.b].interceptor.launchInterval) return false;
      const g = targets[j];
      if (g.looking) {
        // Awaiting a kill assessment (own or allied): only if this battery could not launch after it ("no time to look").
        if (feas[w.b][j].launchWindow![1] >= g.lookUntil) return false;
      }
      if (w.reserve && !released[j]) return false;
      return true;
    };
    const orders: EngagementOrder[] = [];
    let before = 0, after = 0;
    let wta: WtaSolveInfo | undefined;
    if (W > 0 && T > 0) {
      // Allied fire already committed: the value left to defend is the value × the track's survival through it.
      const values = targets.map((g) => g.a.threatValue * threatPriorityWeight(g.a.class, doc.priorities.threats) * g.alliedSurvival);
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
      let assignment: Int32Array;
      if (o.solver) {
        assignment = o.solver(inst);
        const obj = wtaObjective(inst, assignment);
        wta = { method: 'custom', status: 'feasible', objective: obj, lowerBound: null, gap: null, pairs: feasible.reduce((s2, x) => s2 + x, 0) };
      } else ({ assignment, info: wta } = solveCycleWta(inst, o.exact ?? {}));
      const wtaNote = wta.method === 'custom' ? 'custom solver'
        : wta.status === 'optimal' ? `optimal (proven${wta.method === 'exact' ? ', exact solver' : ', Lagrangian bound'})`
        : `heuristic, gap ≤ ${fmt(100 * (wta.gap ?? 1), 2)} %`;
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
        const byBattery = new Map<number, number>();
        for (const i of ws) {
          const w = weapons[i];
          const fromB = byBattery.get(w.b) ?? 0;
          if (shots + w.shots <= g.left && fromB + w.shots <= batteryLeft(w.b, j)) {
            take.push(i);
            shots += w.shots;
            byBattery.set(w.b, fromB + w.shots);
          }
        }
        // Shoot-look-shoot keeps one shot, salvo mode one salvo (shoot-shoot-look), when a further
        // launch is still possible after the kill assessment; otherwise everything assigned goes now.
        const salvo = bats[weapons[take[0]]?.b ?? 0]?.doctrine.fire.mode === 'salvo';
        let m = salvo ? 'salvo' : 'shoot-look-shoot';
        // No time to look: add engagements (best Pk first) only while the track's kill probability,
        // counting the committed fire already on its way, is below SALVO_PK_GOAL — a second salvo on
        // top of a 0.91 salvo buys little and spends interceptors a later threat needs.
        const toGoal = () => {
          let survive = g.alliedSurvival;
          let n = 0;
          for (const i of take) {
            if (1 - survive >= SALVO_PK_GOAL) break;
            survive *= 1 - pk[i * T + j];
            n++;
          }
          take.splice(n);
        };
        if (g.looking) {
          m = 'salvo (no time to look)';
          toGoal();
        } else if (take.length > 1) {
          const first = weapons[take[0]];
          const lookAt = feas[first.b][j].interceptTime + (first.shots - 1) * bats[first.b].interceptor.launchInterval + doc.killAssessmentDelay;
          const canLook = [...Array(B).keys()].some((i) => why[i][j] === '' && feas[i][j].launchWindow![1] >= lookAt);
          if (canLook) take.splice(1);
          else {
            m = 'salvo (no time to look)';
            toGoal();
          }
        }
        for (const i of take) kept[i] = j;
        mode.set(j, m);
      }
      after = wtaObjective({ ...inst, shotCost: undefined, costWeight: 0 } as WtaInstance, kept);
      // Sequence each battery's launches and build the orders.
      // Next free launch time of each battery as its orders are sequenced.
      const nextFree = info.map((x) => x.readyTime);
      const chosen = [...kept.keys()].filter((i) => kept[i] >= 0)
        .sort((x, y) => feas[weapons[x].b][kept[x]].launchWindow![1] - feas[weapons[y].b][kept[y]].launchWindow![1] || x - y);
      for (const i of chosen) {
        const w = weapons[i], j = kept[i], g = targets[j], inf = info[w.b], b = bats[w.b];
        let f = feas[w.b][j];
        const slotReady = nextFree[w.b];
        if (slotReady > inf.readyTime) f = engagementFeasibility(b, this.kin[w.b], g.track, g.a.class, g.path, { readyTime: slotReady });
        if (!f.feasible) continue;
        nextFree[w.b] = f.launchTime + w.shots * b.interceptor.launchInterval;
        const assessmentTime = f.interceptTime + (w.shots - 1) * b.interceptor.launchInterval + doc.killAssessmentDelay;
        const epk = 1 - (1 - f.pk) ** w.shots;
        const alternatives = bats.map((c, ci) => ci === w.b ? null
          : why[ci][j] === '' ? `${c.id} (${c.interceptorId}, Pk ${fmt(engagePk(ci, j), 2)}): eligible, not chosen by the WTA`
          : `${c.id}: ${why[ci][j]}`).filter((x) => x !== null);
        const top = g.a.assetsAtRisk.slice(0, 3).map((r) => `${r.asset} P(hit) ${fmt(r.probability, 2)}`).join(', ');
        const reason = [
          `track ${g.a.trackId} (${g.a.class}, quality ${fmt(g.track.quality, 2)}, ${g.a.model} model) time to go ${fmt(g.a.timeToGo)} s; at risk: ${top}; threat value ${fmt(g.a.threatValue, 3)}`,
          `${b.id} (${b.layer}, ${b.interceptorId}) ${w.shots} shot(s), single-shot Pk ${fmt(f.pk, 2)}, window [${fmt(f.launchWindow![0])}, ${fmt(f.launchWindow![1])}] s, intercept at ${fmt(f.interceptTime)} s`,
          `doctrine ${mode.get(j)}${w.reserve ? `, from the reserve (held for ${topThreat} threats)` : ''}; shots at this track so far ${this.shotsAt(g.a.trackId)}${this.alliedShotsAt(g.a.trackId) ? ` + ${this.alliedShotsAt(g.a.trackId)} allied` : ''} of ${doc.maxShotsPerThreat}`,
          ...(g.alliedNote ? [`committed fire: ${g.alliedNote}; value × ${fmt(g.alliedSurvival, 2)}`] : []),
          `alternatives: ${alternatives.length ? alternatives.join('; ') : 'none'}`,
          `objective (expected surviving threat value): ${fmt(before, 3)} → ${fmt(after, 3)}; WTA ${wtaNote} (${wta!.pairs} pairs)`,
        ].join(' | ');
        orders.push({
          battery: b.id, track: g.a.trackId, interceptor: b.interceptorId, launchTime: f.launchTime,
          interceptPoint: f.interceptPoint, interceptTime: f.interceptTime, pk: epk, doctrine: mode.get(j)!, reason,
          shots: w.shots, shotPk: f.pk, launchInterval: b.interceptor.launchInterval, launchWindow: f.launchWindow!, assessmentTime,
        });
        const c = this.committed.get(b.id);
        if (c) for (let k = 0; k < w.shots; k++) c.times.push(f.launchTime + k * b.interceptor.launchInterval);
        const mem = this.memory.get(g.a.trackId) ?? newMemory();
        mem.byBattery.set(b.id, (mem.byBattery.get(b.id) ?? 0) + w.shots);
        mem.assessUntil = Math.max(mem.assessUntil, assessmentTime);
        mem.pending.push({ pk: epk, until: assessmentTime });
        this.memory.set(g.a.trackId, mem);
      }
    }
    const engaged = new Set(orders.map((x) => x.track));
    for (let j = 0; j < T; j++) {
      const id = targets[j].a.trackId;
      if (engaged.has(id)) { decisions.push({ track: id, engaged: true, why: orders.filter((x) => x.track === id).map((x) => x.battery).join(', ') }); continue; }
      const reasons = bats.map((b, i) => {
        if (why[i][j]) return `${b.id}: ${why[i][j]}`;
        if (targets[j].looking) {
          return `${b.id}: awaiting kill assessment (until ${fmt(targets[j].lookUntil)} s${targets[j].alliedNote ? `; committed fire: ${targets[j].alliedNote}` : ''})`;
        }
        if (feas[i][j].launchTime > info[i].readyTime + cycle) return `${b.id}: window opens at ${fmt(feas[i][j].launchTime)} s`;
        return `${b.id}: no weapon assigned this cycle`;
      });
      decisions.push({ track: id, engaged: false, why: reasons.join('; ') || 'no batteries' });
    }
    return { t, orders, assessments, decisions, objective: { before, after }, ...(wta ? { wta } : {}) };
  }
}
