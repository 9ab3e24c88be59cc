/**
 * Track → decide → engage inside the World, per force: the force's tracker turns its (and its
 * allies') detections into a picture; its battle manager plans on that picture alone every decision
 * cycle; the World carries the orders out — interceptor flyouts guided on the TRACK (uplink), gun
 * bursts at the track's predicted position — and resolves the endgame against truth (physics:
 * closest approach, Pk by miss distance, a draw from the interceptor's own RNG stream).
 *
 * Modelling choices (docs/models/battle-management.md, "In the simulator"):
 * - Own interceptors are cooperative: sensors do not report them, so no force tracks (or shoots
 *   at) its own interceptors.
 * - Seeker acquisition: at launch the interceptor is bound to the real object nearest the track's
 *   position (within `ACQUISITION_RADIUS`); a track on nothing real (a false track) binds nothing
 *   and its interceptors are wasted.
 * - Every force with sensors runs its own tracker on its OWN sensors only (its local picture). A
 *   force plans on its FUSED picture: local tracks fused (track/fusion.ts: latency compensation,
 *   χ² track-to-track association, covariance intersection) with the partners' remote tracks it
 *   holds (track/fusion.ts `RemoteTrackStore`: the latest report of each track that partners whose
 *   data link shares `tracks` sent it, delivered after the sender's latency, unless lost; dropped
 *   when a complete report omits it, a report lists it as dropped, or it goes stale —
 *   sim/datalink.ts). Allies without a data link (or not sharing tracks) share nothing: alliance
 *   alone puts no ally's data in a force's picture. A force with sensors but no batteries keeps a
 *   picture only if it reports it to someone over a link.
 * - Shared engagements reach the partners after the latency, are mapped to the receiver's track ids
 *   by its fuser and given to its battle manager as `AlliedEngagement`s until their assessment
 *   time; shared kill assessments, mapped the same way, are given to `manager.assessed`.
 * - The uplink, seeker acquisition and kill assessment of an interceptor use the shooter force's
 *   fused picture.
 */
import { bracketIndex, stream, type Rng } from '../math/index.js';
import { BattleManager } from '../decide/planner.js';
import type { AlliedEngagement, EngagementOrder } from '../decide/types.js';
import { BatteryState } from '../engage/battery.js';
import { endgamePk } from '../engage/endgame.js';
import { CostLedger } from '../engage/cost.js';
import { hermiteInto, launchInterceptor, type Interceptor, type InterceptorType as FlightInterceptorType } from '../flight/interceptor.js';
import type { Flyer } from '../flight/types.js';
import type { Battery, Scenario } from '../scenario/index.js';
import type { Detection } from '../sense/types.js';
import type { PictureTrack, TargetClass, TrackCue } from '../track/picture.js';
import { RemoteTrackStore, TrackFuser, type TrackFuserOptions } from '../track/fusion.js';
import { defendedAssets, impactModelFor, notionalThreatCosts, PLANNING_BALLISTIC_COEFFICIENT, type DefendedAsset } from '../decide/threat.js';
import { propagateBallistic } from '../decide/impact.js';
import { DataLinkNetwork, DEFAULT_REPORT_INTERVAL, payloadCount, TrackReporter, type DataLinkPayloads, type EngagementReport, type KillAssessmentReport, type TrackSource } from './datalink.js';
import type { SimEvent } from './events.js';
import type { TrackStage } from './stages.js';
import { gospa } from '../track/metrics.js';
import { seekerOf } from '../flight/seeker.js';
import { gatedSuccessors, HANDOVER_WINDOW } from './handover.js';
import { SiapAccumulator } from '../track/siap.js';

/** Radius (m) within which an interceptor's seeker acquires the real object nearest its track. */
export const ACQUISITION_RADIUS = 3_000;
// The seeker tables live in flight/seeker.ts (the planner reads them too); re-exported here.
export { KILL_VEHICLE_SEEKERS, SEEKERS, seekerOf } from '../flight/seeker.js';

/** Decision cycle of every battle manager (s). */
export const DECISION_CYCLE = 2;

interface InFlight {
  flyer: Interceptor;
  order: EngagementOrder;
  force: string;
  battery: Battery;
  /** The real object the seeker acquired (truth; physics only), or null. */
  target: Flyer | null;
  rng: Rng;
}

interface PendingShot {
  time: number;
  order: EngagementOrder;
  force: string;
  shot: number;
}

interface ForceCell {
  force: string;
  /** Tracker on the force's own sensors (null: the force has no sensors). */
  tracker: TrackStage | null;
  /** Battle manager (null: the force has no batteries; it only reports its picture). */
  manager: BattleManager | null;
  fuser: TrackFuser;
  /** Local picture (own sensors only) and the fused picture the force acts on. */
  local: readonly PictureTrack[];
  picture: readonly PictureTrack[];
  /** The partners' tracks held between reports (latest report of each; complete reports replace, staleness drops). */
  remote: RemoteTrackStore;
  /** Allied engagements delivered (track ids in the SENDER's picture), kept until their assessment time. */
  allied: Map<string, { from: string; report: EngagementReport }>;
  /** Builds this force's track reports (made at its first report). */
  reporter: TrackReporter | null;
  /** Assets the force defends (own and allies'), for the priority of capacity-limited reports. */
  defended: DefendedAsset[];
  /** The picture by track id (the uplink looks tracks up at every guidance step). */
  byId: Map<string, PictureTrack>;
  /** The previous tick's picture by track id (a track dropped now is found here with its last estimate). */
  prevById: Map<string, PictureTrack>;
  confirmed: Set<string>;
  /** When each confirmed track first appeared in the picture (a continuing track must be newer than the lost track's last update). */
  firstSeen: Map<string, number>;
  /** Engagement continuity: a dropped, engaged track → the track that continues it (chains followed by `current`). */
  successor: Map<string, string>;
  /** Dropped engaged tracks still awaiting a continuing track (for HANDOVER_WINDOW after the drop). */
  orphans: Map<string, { track: PictureTrack; dropped: number }>;
}

/** GOSPA cut-off (m) and order used to score each force's picture against truth. */
export const PICTURE_GOSPA = { c: 1000, p: 1 } as const;

/** Scoring of one force's picture against truth (metrics only; never read by a decision). */
export interface PictureScore {
  force: string;
  samples: number;
  /** Sums over samples (means = sum / samples), metres (p = 1). */
  gospa: number;
  localisation: number;
  missed: number;
  false: number;
  /** SIAP measures of the same samples (association distance = the GOSPA cut-off c). */
  siap: SiapAccumulator;
}

export interface EngagementTally {
  engagements: number;
  shots: number;
  kills: number;
  misses: number;
  /** Shots at tracks that matched no real object (false tracks). */
  wasted: number;
  /** Interceptors whose target was destroyed (by another shot) or impacted before they arrived. */
  targetGone: number;
}

/** Hooks into the World's truth (the engagement stage is part of sim/, so it may use them). */
export interface TruthAccess {
  flyingThreats(): readonly Flyer[];
  addFlyer(f: Flyer): void;
  destroyThreat(id: string, t: number): void;
  threatClass(id: string): TargetClass;
}

export interface EngagementStageOptions {
  /** Seconds between a force's track reports over its data link (default 2 s). */
  reportInterval?: number;
  /** Track-to-track fusion settings of every force (gate, q, staleness). */
  fusion?: Omit<TrackFuserOptions, 'force'>;
}

export class EngagementStage {
  readonly ledger: CostLedger;
  readonly tally: EngagementTally = { engagements: 0, shots: 0, kills: 0, misses: 0, wasted: 0, targetGone: 0 };
  private readonly cells: ForceCell[] = [];
  private readonly cellOf = new Map<string, ForceCell>();
  private readonly sensorForce = new Map<string, string>();
  private readonly batteries = new Map<string, { spec: Battery; state: BatteryState; force: string }>();
  private readonly pending: PendingShot[] = [];
  private readonly inFlight: InFlight[] = [];
  private readonly prevTarget = new Map<Flyer, { t: number; state: Float64Array }>();
  private nextDecision = 0;
  private nextScore = 0;
  /** Per-force picture quality against truth, sampled every decision cycle (scoring only). */
  readonly scores = new Map<string, PictureScore>();
  /** The force's current cues (the sensing stage's space-IR tracks), read before each tracker step. */
  cueSource: ((force: string) => readonly TrackCue[]) | undefined;
  /** Called the first time a threat is held by a confirmed track of a force (scoring only). */
  onFirstTrack: ((threat: string, t: number, force: string) => void) | undefined;
  private readonly held = new Set<string>();
  private readonly assessments: { time: number; force: string; track: string; interceptTime: number }[] = [];
  private shotSeq = 0;

  /** The data links between allied forces (messages, delivery, counts). */
  readonly dataLink: DataLinkNetwork;
  private readonly reportInterval: number;
  private nextReport = 0;
  private readonly threatCosts: ReturnType<typeof notionalThreatCosts>;

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
    makeTracker: (force: string) => TrackStage,
    options: EngagementStageOptions = {},
  ) {
    for (const s of scenario.sensors) this.sensorForce.set(s.id, s.force);
    this.ledger = new CostLedger(scenario.forces.map((f) => ({ id: f.id, funding: f.funding.map((x) => ({ force: x.force, share: x.share })) })));
    for (const b of scenario.batteries) this.batteries.set(b.id, { spec: b, state: new BatteryState(b), force: b.force });
    this.reportInterval = options.reportInterval ?? DEFAULT_REPORT_INTERVAL;
    if (!(this.reportInterval > 0)) throw new RangeError('EngagementStage: reportInterval must be > 0');
    // Reports go out at the first tick at or after each interval: their period is the interval
    // rounded up to whole time steps (= the interval when the step divides it). The default
    // staleness limit is 3 such periods, so two lost reports in a row do not drop a track.
    const dt = scenario.timeStep > 0 ? scenario.timeStep : this.reportInterval;
    this.threatCosts = notionalThreatCosts(scenario.catalog);
    this.dataLink = new DataLinkNetwork(scenario.forces, { seed, reportInterval: dt * Math.ceil(this.reportInterval / dt - 1e-9) });
    const withSensors = new Set(scenario.sensors.map((s) => s.force));
    for (const f of scenario.forces) {
      const batteries = scenario.batteries.filter((b) => b.force === f.id);
      const reports = withSensors.has(f.id) && this.dataLink.partners(f.id, 'tracks').length > 0;
      if (batteries.length === 0 && !reports) continue;
      const defended = new Set([f.id, ...f.allies]);
      this.cells.push({
        force: f.id,
        tracker: withSensors.has(f.id) ? makeTracker(f.id) : null,
        fuser: new TrackFuser({ ...options.fusion, force: f.id }),
        manager: batteries.length === 0 ? null : new BattleManager({
          force: f.id,
          batteries,
          assets: scenario.assets.filter((a) => defended.has(a.force)),
          doctrine: scenario.doctrine.forces[f.id] ?? scenario.doctrine.default,
          catalog: scenario.catalog,
          decisionCycle: DECISION_CYCLE,
          // A dropped track's shots are remembered while a continuing track may still be found.
          droppedTrackMemory: HANDOVER_WINDOW,
        }),
        local: [],
        picture: [],
        remote: new RemoteTrackStore(),
        allied: new Map(),
        reporter: null,
        defended: defendedAssets(scenario.assets.filter((a) => defended.has(a.force))),
        byId: new Map(),
        prevById: new Map(),
        confirmed: new Set(),
        firstSeen: new Map(),
        successor: new Map(),
        orphans: new Map(),
      });
      this.cellOf.set(f.id, this.cells[this.cells.length - 1]!);
    }
  }

  get active(): boolean {
    return this.cells.length > 0;
  }

  /** Record a threat launch (attacker cost). */
  threatLaunched(force: string, type: string, unitCost: number | null): void {
    this.ledger.recordThreat(force, type, unitCost);
  }

  /** One tick: pictures from detections, endgames of interceptors in flight, plans, launches. */
  step(t: number, detections: readonly Detection[], truth: TruthAccess, emit: (e: SimEvent) => void): void {
    // 1. Each force's local picture from its own sensors only.
    for (const cell of this.cells) {
      if (!cell.tracker) continue;
      const mine = detections.filter((d) => this.sensorForce.get(d.sensorId) === cell.force);
      // The force's own space-IR cues: a radar detection inside a cue may start a track at once.
      if (this.cueSource && cell.tracker.setCues) cell.tracker.setCues(this.cueSource(cell.force));
      cell.local = cell.tracker.step(t, mine);
    }
    // 2. Data links: track reports out every report interval, then the messages due by t in.
    if (t + 1e-9 >= this.nextReport) {
      this.nextReport = t + this.reportInterval;
      for (const cell of this.cells) this.reportTracks(t, cell);
    }
    const killReports: { to: ForceCell; from: string; report: KillAssessmentReport }[] = [];
    for (const l of this.dataLink.drainLost()) emit({ t, type: 'datalink-lost', from: l.from, to: l.to, kind: l.kind, sent: l.sent, count: l.count });
    for (const m of this.dataLink.deliver(t)) {
      emit({ t, type: 'datalink', from: m.from, to: m.to, kind: m.kind, sent: m.sent, delivered: m.delivered, count: payloadCount(m) });
      const to = this.cellOf.get(m.to);
      if (!to) continue;
      if (m.kind === 'tracks') to.remote.receive(m.from, m.payload as DataLinkPayloads['tracks'], t, this.dataLink.settings(m.from)!.staleAfter);
      else if (m.kind === 'engagements') {
        for (const e of m.payload as EngagementReport[]) to.allied.set(`${m.from}\u0000${e.battery}\u0000${e.track}`, { from: m.from, report: e });
      } else for (const k of m.payload as KillAssessmentReport[]) killReports.push({ to, from: m.from, report: k });
    }
    // 3. Fused pictures: local tracks with the partners' latest reports.
    for (const cell of this.cells) {
      // Remote tracks no report refreshed for their sender's staleAfter are dropped first.
      cell.remote.prune(t);
      const remote = cell.remote.reports();
      // Always through the fuser, so its pairing memory forgets reports that are gone.
      cell.picture = cell.fuser.fuse(t, cell.local, remote);
      cell.prevById = cell.byId;
      cell.byId = new Map(cell.picture.map((p) => [p.id, p]));
      const dropped = this.trackEvents(t, cell, emit);
      this.continuity(t, cell, dropped, emit);
    }
    // Allies' kill assessments, on the receiver's track ids.
    for (const k of killReports) {
      const id = this.mapTrack(k.to, k.from, k.report.track, k.report.sources);
      if (id !== undefined) k.to.manager?.assessed(id, k.report.killed, t);
    }
    // 4. Endgames of interceptors that flew this tick (truth physics), then due kill assessments.
    this.endgames(t, truth, emit);
    this.runAssessments(t, emit);
    // Scoring against truth (metrics only: nothing below reads it).
    if (t + 1e-9 >= this.nextScore) {
      this.nextScore = t + DECISION_CYCLE;
      this.score(t, truth);
    }
    // 5. Plans on the fused picture only, every decision cycle; orders shared over the links.
    if (t + 1e-9 >= this.nextDecision) {
      this.nextDecision = t + DECISION_CYCLE;
      for (const cell of this.cells) {
        if (!cell.manager) continue;
        const readiness = [...this.batteries.values()].filter((b) => b.force === cell.force).map((b) => b.state.readiness(t));
        const plan = cell.manager.plan(t, cell.picture.filter((p) => p.status !== 'tentative'), readiness, this.alliedEngagements(t, cell));
        if (plan.orders.length > 0 && this.dataLink.partners(cell.force, 'engagements').length > 0) {
          this.dataLink.send(t, cell.force, 'engagements', plan.orders.map((o) => ({
            force: cell.force, battery: o.battery, track: o.track, sources: cell.fuser.sourcesOf(o.track), pk: o.pk, interceptTime: o.interceptTime, assessmentTime: o.assessmentTime,
          })));
        }
        for (const order of plan.orders) {
          this.tally.engagements++;
          emit({
            t,
            type: 'engagement',
            force: cell.force,
            battery: order.battery,
            track: order.track,
            interceptor: order.interceptor,
            shots: order.shots,
            launchTime: order.launchTime,
            interceptTime: order.interceptTime,
            pk: order.pk,
            doctrine: order.doctrine,
            reason: order.reason,
          });
          for (let k = 0; k < order.shots; k++) this.pending.push({ time: order.launchTime + k * order.launchInterval, order, force: cell.force, shot: k });
        }
      }
      this.pending.sort((a, b) => a.time - b.time || a.order.battery.localeCompare(b.order.battery) || a.shot - b.shot);
    }
    // 6. Launches due.
    while (this.pending.length > 0 && this.pending[0]!.time <= t + 1e-9) this.fire(t, this.pending.shift()!, truth, emit);
    // Remember this tick's truth states of bound targets for the next closest-approach test.
    this.prevTarget.clear();
    for (const f of this.inFlight) if (f.target) this.prevTarget.set(f.target, { t, state: Float64Array.from(f.target.state) });
  }

  /**
   * A force's confirmed LOCAL tracks to its partners (never the remote tracks it received: no echo,
   * no data incest), built by its `TrackReporter` (capacity, priority, explicit drops).
   */
  private reportTracks(t: number, cell: ForceCell): void {
    if (!cell.tracker || this.dataLink.partners(cell.force, 'tracks').length === 0) return;
    cell.reporter ??= new TrackReporter(cell.force, this.dataLink.settings(cell.force)!, cell.defended, this.threatCosts);
    const batch = cell.reporter.report(t, cell.local);
    if (batch) this.dataLink.send(t, cell.force, 'tracks', batch);
  }

  /**
   * A sender's track id in the receiver's picture: the receiver's fused track of the sender's report
   * of it; else, if the sender's track was built from the receiver's own report, that local track;
   * else the receiver's fused track of a third force's report it was built from.
   */
  private mapTrack(cell: ForceCell, from: string, track: string, sources: readonly TrackSource[]): string | undefined {
    const direct = cell.fuser.localIdOf(from, track);
    if (direct !== undefined) return direct;
    for (const s of sources) {
      const id = s.force === cell.force ? (cell.byId.has(s.track) ? s.track : undefined) : cell.fuser.localIdOf(s.force, s.track);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /** Allied engagements still awaiting their assessment, on this force's track ids (unmapped ones left out). */
  private alliedEngagements(t: number, cell: ForceCell): AlliedEngagement[] {
    const out: AlliedEngagement[] = [];
    for (const [k, { from, report }] of cell.allied) {
      if (report.assessmentTime < t) {
        cell.allied.delete(k);
        continue;
      }
      const track = this.mapTrack(cell, from, report.track, report.sources);
      if (track === undefined) continue;
      out.push({ track, force: report.force, battery: report.battery, pk: report.pk, interceptTime: report.interceptTime, assessmentTime: report.assessmentTime });
    }
    return out;
  }

  /** GOSPA (c = 1 km, p = 1) of each force's confirmed (fused) picture against the threats in flight. */
  private score(t: number, truth: TruthAccess): void {
    const threats = truth.flyingThreats();
    const X = new Float64Array(3 * threats.length);
    const VX = new Float64Array(3 * threats.length);
    threats.forEach((f, i) => {
      X.set(f.state.subarray(0, 3), 3 * i);
      VX.set(f.state.subarray(3, 6), 3 * i);
    });
    const truthIds = threats.map((f) => f.id);
    for (const cell of this.cells) {
      if (!cell.manager) continue;
      const tracks = cell.picture.filter((p) => p.status !== 'tentative');
      const Y = new Float64Array(3 * tracks.length);
      const VY = new Float64Array(3 * tracks.length);
      tracks.forEach((p, j) => {
        const dt = t - p.t;
        for (let k = 0; k < 3; k++) {
          Y[3 * j + k] = p.state[k]! + p.state[k + 3]! * dt;
          VY[3 * j + k] = p.state[k + 3]!;
        }
      });
      const g = gospa(X, threats.length, Y, tracks.length, 3, PICTURE_GOSPA);
      const s = this.scores.get(cell.force) ?? {
        force: cell.force, samples: 0, gospa: 0, localisation: 0, missed: 0, false: 0,
        siap: new SiapAccumulator({ associationDistance: PICTURE_GOSPA.c }),
      };
      s.siap.add(t, { ids: truthIds, positions: X, velocities: VX }, { ids: tracks.map((p) => p.id), positions: Y, velocities: VY });
      s.samples++;
      s.gospa += g.distance;
      s.localisation += g.localisation;
      s.missed += g.missed;
      s.false += g.false;
      this.scores.set(cell.force, s);
      for (let i = 0; i < threats.length; i++) {
        const key = `${cell.force}\u0000${threats[i]!.id}`;
        if (g.truthToTrack[i]! >= 0 && !this.held.has(key)) {
          this.held.add(key);
          this.onFirstTrack?.(threats[i]!.id, t, cell.force);
        }
      }
    }
  }

  /** Emits the picture's confirmations and drops since the last tick; returns the dropped track ids. */
  private trackEvents(t: number, cell: ForceCell, emit: (e: SimEvent) => void): string[] {
    const now = new Set<string>();
    for (const p of cell.picture) {
      if (p.status === 'tentative') continue;
      now.add(p.id);
      if (!cell.confirmed.has(p.id)) {
        if (!cell.firstSeen.has(p.id)) cell.firstSeen.set(p.id, t);
        emit({ t, type: 'track', event: 'confirmed', force: cell.force, track: p.id, classification: p.classification, sensors: p.sensors });
      }
    }
    const dropped: string[] = [];
    for (const id of cell.confirmed) {
      if (now.has(id)) continue;
      dropped.push(id);
      cell.firstSeen.delete(id);
      emit({ t, type: 'track', event: 'dropped', force: cell.force, track: id });
    }
    cell.confirmed = now;
    return dropped;
  }

  /**
   * Track continuity (sim/handover.ts): a dropped track that interceptors are flying at, or that
   * shots not yet launched are ordered at, is continued by the confirmed track that passes the
   * continuity gate, looked for from the drop on for HANDOVER_WINDOW seconds. Interceptors, shots,
   * kill assessment and the battle manager's shot count follow it. A track dropped after an
   * endgame on it (a kill assessment is due) is not continued: the drop is the evidence that kill
   * assessment reads, and the nearest other track is another object (a drone stream flies in line).
   */
  private continuity(t: number, cell: ForceCell, dropped: readonly string[], emit: (e: SimEvent) => void): void {
    if (dropped.length > 0) {
      const engaged = new Set<string>();
      for (const f of this.inFlight) if (f.force === cell.force) engaged.add(this.current(cell.force, f.order.track));
      for (const p of this.pending) if (p.force === cell.force) engaged.add(this.current(cell.force, p.order.track));
      for (const a of this.assessments) if (a.force === cell.force) engaged.delete(this.current(cell.force, a.track));
      for (const id of dropped) {
        const last = cell.prevById.get(id);
        if (last && engaged.has(id)) cell.orphans.set(id, { track: last, dropped: t });
      }
    }
    if (cell.orphans.size === 0) return;
    // One continuing track per lost track and one lost track per continuing track (one object, one
    // track): the gated pairs are taken smallest d² first; a track that already continues another
    // is not a candidate.
    const taken = new Set(cell.successor.values());
    const pairs: { id: string; next: string; d2: number }[] = [];
    for (const [id, o] of cell.orphans) {
      if (t - o.dropped > HANDOVER_WINDOW) {
        cell.orphans.delete(id);
        continue;
      }
      // Candidates: confirmed tracks that appeared after the lost track's last update — a track held
      // before that was following another object (in a drone stream the nearest track is the next drone).
      const lastUpdate = o.track.updated ?? o.track.t;
      const candidates = cell.picture.filter((p) => p.status !== 'tentative' && !taken.has(p.id) && (cell.firstSeen.get(p.id) ?? -Infinity) >= lastUpdate);
      for (const s of gatedSuccessors(o.track, lastUpdate, t, candidates)) pairs.push({ id, next: s.id, d2: s.d2 });
    }
    pairs.sort((a, b) => a.d2 - b.d2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.next < b.next ? -1 : a.next > b.next ? 1 : 0));
    for (const { id, next } of pairs) {
      if (!cell.orphans.has(id) || taken.has(next)) continue;
      taken.add(next);
      cell.orphans.delete(id);
      cell.successor.set(id, next);
      cell.manager?.continued(id, next);
      emit({ t, type: 'track', event: 'continued', force: cell.force, track: id, successor: next });
    }
  }

  /** The track that now carries an engagement ordered on track `id` (its continuation, if it was dropped). */
  private current(force: string, id: string): string {
    const succ = this.cellOf.get(force)?.successor;
    if (!succ) return id;
    for (let k = 0; k < 64; k++) {
      const next = succ.get(id);
      if (next === undefined) return id;
      id = next;
    }
    return id;
  }

  private trackById(force: string, id: string): PictureTrack | undefined {
    return this.cellOf.get(force)?.byId.get(id);
  }

  private fire(t: number, shot: PendingShot, truth: TruthAccess, emit: (e: SimEvent) => void): void {
    const b = this.batteries.get(shot.order.battery)!;
    // The order's track, or the track that continues it if it was dropped since the order.
    const onTrack = this.current(shot.force, shot.order.track);
    const track = this.trackById(shot.force, onTrack);
    if (!track || !b.state.canLaunch(t)) {
      emit({ t, type: 'shot-cancelled', battery: b.spec.id, track: onTrack, reason: !track ? 'track lost' : 'battery not ready' });
      // The planner counted this shot as fired: release it so the track can be re-engaged.
      this.cellOf.get(shot.force)?.manager?.assessed(onTrack, false, t);
      return;
    }
    b.state.launch(t);
    const itype = b.spec.interceptor;
    this.ledger.recordInterceptors(b.force, itype.id, itype.unitCost, itype.roundsPerShot);
    this.tally.shots++;
    const id = `${b.spec.id}/${itype.id}-${++this.shotSeq}`;
    const target = this.acquire(track, t, truth);
    if (!target) this.tally.wasted++;
    const rng = stream(this.seed, `engage/${id}`);
    emit({ t, type: 'interceptor-launch', id, force: b.force, battery: b.spec.id, interceptor: itype.id, track: track.id, cost: (itype.unitCost ?? 0) * itype.roundsPerShot });
    if (itype.kill === 'gun') {
      // A burst: the rounds arrive at the order's intercept time where the TRACK predicted the target.
      this.gunBurst(t, id, shot, track, target, rng, truth, emit);
      return;
    }
    const force = shot.force;
    const trackId = track.id;
    let last = track;
    // Terminal seeker: once the bound real object is within acquisition range the interceptor homes
    // on the seeker's measurement of it — the object's true motion plus the seeker's own error (a bias
    // drawn once per interceptor from its stream); before that, on the uplinked track.
    const seeker = seekerOf(itype);
    const bias = [rng.normal(0, seeker.sigma), rng.normal(0, seeker.sigma), rng.normal(0, seeker.sigma)];
    let interceptor: Interceptor | undefined;
    // Whether the seeker sees the bound object now: within acquisition range of the interceptor's
    // current position. A kill vehicle's long-range seeker (KILL_VEHICLE_SEEKERS) keeps the object
    // once acquired (latched) while it flies; the other seekers test the range at every query.
    let locked = false;
    const seesTarget = (): boolean => {
      if (!target || target.status !== 'flying' || !interceptor) return false;
      if (locked) return true;
      const ts = target.state;
      const ms = interceptor.state;
      const within = Math.hypot(ts[0]! - ms[0]!, ts[1]! - ms[1]!, ts[2]! - ms[2]!) < seeker.acquisitionRange;
      if (within && seeker.homesOnAcquisition) locked = true;
      return within;
    };
    // A track the planner evaluated on the ballistic model (its path lands): the uplink is the
    // planner's ballistic prediction of the latest track, and midcourse aims at its position at the
    // order's intercept time (fire control and planner agree); other tracks: constant velocity.
    const ballistic = BallisticUplink.for(track);
    const flyer = launchInterceptor(flightInterceptorType(itype), {
      id,
      launchTime: t,
      site: b.spec.location,
      // The target is known to fall freely: terminal PN compensates only the difference of the two free falls.
      ...(ballistic ? { targetInFreeFall: true } : {}),
      // A kill vehicle homes on its seeker from acquisition on (terminal PN whatever the time to go).
      ...(seeker.homesOnAcquisition ? { seekerLock: seesTarget } : {}),
      ...(ballistic ? {
        interceptAim: (_tq: number, out: Float64Array): number => {
          last = this.trackById(force, this.current(force, trackId)) ?? last;
          ballistic.update(last);
          ballistic.stateInto(this.aimScratch, shot.order.interceptTime);
          out[0] = this.aimScratch[0]!; out[1] = this.aimScratch[1]!; out[2] = this.aimScratch[2]!;
          return shot.order.interceptTime;
        },
      } : {}),
      targetEstimate: (tq, out) => {
        if (target && seesTarget()) {
          const ts = target.state;
          // The seeker sees the object where it is at tq: within the tick, the cubic Hermite between
          // its states at the previous and current tick (position and velocity at both ends — a
          // decelerating re-entry vehicle's ~20 g is then followed; a constant-velocity guess from one
          // end is metres off at intercept), outside it a constant-velocity extrapolation.
          const prev = this.prevTarget.get(target);
          const h = target.time - (prev?.t ?? target.time);
          if (prev && h > 0 && tq >= prev.t && tq <= target.time) {
            hermiteInto(out, prev.state, ts, h, (tq - prev.t) / h);
            for (let i = 0; i < 3; i++) out[i] += bias[i]!;
            return true;
          }
          const dt = tq - target.time;
          for (let i = 0; i < 3; i++) {
            out[i] = ts[i]! + ts[i + 3]! * dt + bias[i]!;
            out[i + 3] = ts[i + 3]!;
          }
          return true;
        }
        last = this.trackById(force, this.current(force, trackId)) ?? last;
        if (ballistic) {
          // Uplink: the force's current estimate of the track, propagated ballistically.
          ballistic.update(last);
          ballistic.stateInto(out, tq);
          return true;
        }
        // Uplink: the force's current estimate of the track, extrapolated at constant velocity.
        const dt = tq - last.t;
        for (let i = 0; i < 3; i++) {
          out[i] = last.state[i]! + last.state[i + 3]! * dt;
          out[i + 3] = last.state[i + 3]!;
        }
        return true;
      },
    });
    interceptor = flyer;
    flyer.advance(t);
    truth.addFlyer(flyer);
    this.inFlight.push({ flyer, order: shot.order, force, battery: b.spec, target, rng });
  }

  /** Scratch state for the intercept aim (the World steps one interceptor at a time). */
  private readonly aimScratch = new Float64Array(6);

  private acquire(track: PictureTrack, t: number, truth: TruthAccess): Flyer | null {
    let best: Flyer | null = null;
    let bestD = ACQUISITION_RADIUS;
    for (const f of truth.flyingThreats()) {
      const dt = t - track.t;
      const d = Math.hypot(
        f.state[0]! - (track.state[0]! + track.state[3]! * dt),
        f.state[1]! - (track.state[1]! + track.state[4]! * dt),
        f.state[2]! - (track.state[2]! + track.state[5]! * dt),
      );
      if (d < bestD) {
        bestD = d;
        best = f;
      }
    }
    return best;
  }

  private gunBurst(t: number, id: string, shot: PendingShot, track: PictureTrack, target: Flyer | null, rng: Rng, truth: TruthAccess, emit: (e: SimEvent) => void): void {
    let miss = Infinity;
    if (target) {
      const dt = t - track.t;
      miss = Math.hypot(
        target.state[0]! - (track.state[0]! + track.state[3]! * dt),
        target.state[1]! - (track.state[1]! + track.state[4]! * dt),
        target.state[2]! - (track.state[2]! + track.state[5]! * dt),
      );
    }
    this.resolve(t, id, shot.force, shot.order, target, miss, rng, truth, emit, 'gun');
  }

  private endgames(t: number, truth: TruthAccess, emit: (e: SimEvent) => void): void {
    for (let i = 0; i < this.inFlight.length; i++) {
      const f = this.inFlight[i]!;
      let done = false;
      if (f.target && f.target.status === 'flying') {
        const prev = this.prevTarget.get(f.target);
        if (prev) {
          const ca = f.flyer.closestApproachTo(prev.t, prev.state, t, f.target.state);
          // An interior minimum: the interceptor passed its target during this tick.
          if (ca.interior) {
            this.resolve(ca.t, f.flyer.id, f.force, f.order, f.target, ca.distance, f.rng, truth, emit, f.battery.interceptor.kill);
            done = true;
          }
        }
      } else if (f.target && f.target.status !== 'flying') {
        // The target is gone (killed by another shot or impacted): the interceptor self-destructs.
        this.tally.targetGone++;
        emit({ t, type: 'intercept', id: f.flyer.id, track: this.current(f.force, f.order.track), target: null, result: 'target gone', missDistance: null });
        this.scheduleAssessment(t, f.force, f.order);
        done = true;
      }
      if (!done && f.flyer.status !== 'flying') {
        this.tally.misses++;
        emit({ t, type: 'intercept', id: f.flyer.id, track: this.current(f.force, f.order.track), target: null, result: f.target ? 'lost' : 'no real target', missDistance: null });
        this.scheduleAssessment(t, f.force, f.order);
        done = true;
      }
      if (done) {
        if (f.flyer.status === 'flying') f.flyer.destroy(t);
        this.inFlight.splice(i--, 1);
      }
    }
  }

  private resolve(t: number, id: string, force: string, order: EngagementOrder, target: Flyer | null, miss: number, rng: Rng, truth: TruthAccess, emit: (e: SimEvent) => void, kill: Battery['interceptor']['kill']): void {
    const b = this.batteries.get(order.battery)!.spec;
    let killed = false;
    let pk = 0;
    if (target && Number.isFinite(miss)) {
      pk = endgamePk(miss, kill, b.interceptor, truth.threatClass(target.id));
      killed = rng.uniform() < pk;
    }
    if (killed) {
      this.tally.kills++;
      truth.destroyThreat(target!.id, t);
    } else this.tally.misses++;
    emit({
      t,
      type: 'intercept',
      id,
      track: this.current(force, order.track),
      target: target ? target.id : null,
      result: killed ? 'kill' : 'miss',
      missDistance: Number.isFinite(miss) ? miss : null,
      pk,
    });
    this.scheduleAssessment(t, force, order);
  }

  /**
   * Kill assessment from the force's own picture, `killAssessmentDelay` after the intercept: the
   * target is judged killed if its track has had no update since the intercept (a destroyed object
   * gives no more detections) — never from truth.
   */
  private scheduleAssessment(t: number, force: string, order: EngagementOrder): void {
    const b = this.batteries.get(order.battery)!.spec;
    this.assessments.push({ time: t + b.doctrine.killAssessmentDelay, force, track: order.track, interceptTime: t });
  }

  private runAssessments(t: number, emit: (e: SimEvent) => void): void {
    const shared = new Map<string, KillAssessmentReport[]>();
    for (let i = 0; i < this.assessments.length; i++) {
      const a = this.assessments[i]!;
      if (a.time > t + 1e-9) continue;
      this.assessments.splice(i--, 1);
      // On the engaged track, or the track that continues it (a drop is not a kill when the object is still held).
      const id = this.current(a.force, a.track);
      const track = this.trackById(a.force, id);
      // Killed: the track is gone, or it has had no measurement update since the intercept
      // (`updated`; its state time `t` is the picture's time also while it coasts) AND it has missed
      // a look its sensors were expected to make (status 'coasting'). A track no sensor has looked
      // at since the intercept is not evidence of a kill: judged survived (re-engageable).
      const silent = track !== undefined && (track.updated ?? track.t) <= a.interceptTime + 1e-6;
      const killed = !track || (silent && track.status === 'coasting');
      this.cellOf.get(a.force)?.manager?.assessed(id, killed, t);
      emit({ t, type: 'kill-assessment', force: a.force, track: id, assessed: killed ? 'killed' : 'survived' });
      if (this.dataLink.partners(a.force, 'kill-assessments').length > 0) {
        const list = shared.get(a.force) ?? [];
        list.push({ track: id, sources: this.cellOf.get(a.force)?.fuser.sourcesOf(id) ?? [], killed, t });
        shared.set(a.force, list);
      }
    }
    // One kill-assessment message per force per tick.
    for (const [force, list] of shared) this.dataLink.send(t, force, 'kill-assessments', list);
  }
}

/** The catalog field names flight/'s interceptor model reads, keyed on the built-in model id. */
export function flightInterceptorType(t: Battery['interceptor']): FlightInterceptorType {
  return { id: t.model, max_speed_m_s: t.maxSpeed, min_range_m: t.minRange, max_range_m: t.maxRange, min_altitude_m: t.minAltitude, max_altitude_m: t.maxAltitude };
}

/**
 * The uplink of a ballistic track: the track's latest state propagated in free fall exactly as the
 * planner predicts it (decide/impact.ts `propagateBallistic`: J2 gravity, Earth rotation terms,
 * drag below 100 km with the planning ballistic coefficient PLANNING_BALLISTIC_COEFFICIENT, RK4
 * with the planner's steps, recorded), queried by cubic Hermite between the recorded states
 * (position and velocity). Re-propagated only when the track changes (a new time or state), not
 * per guidance query.
 */
class BallisticUplink {
  private t0 = NaN;
  private readonly s0 = new Float64Array(6);
  private times: Float64Array = new Float64Array(0);
  private states: Float64Array = new Float64Array(0);

  private constructor() {}

  /** The uplink of `track` if the planner evaluates it on the ballistic model and its path lands; else null. */
  static for(track: PictureTrack): BallisticUplink | null {
    if (impactModelFor(track) !== 'ballistic') return null;
    const u = new BallisticUplink();
    // The planner falls back to the intent model when the free-fall path does not land.
    return u.update(track) ? u : null;
  }

  /** Re-propagates from `track` if it changed since the last propagation; returns whether the path lands. */
  update(track: PictureTrack): boolean {
    const s = track.state;
    if (track.t === this.t0 && s[0] === this.s0[0] && s[1] === this.s0[1] && s[2] === this.s0[2] &&
      s[3] === this.s0[3] && s[4] === this.s0[4] && s[5] === this.s0[5]) return true;
    this.t0 = track.t;
    for (let i = 0; i < 6; i++) this.s0[i] = s[i]!;
    const p = propagateBallistic(this.s0, { ballisticCoefficient: PLANNING_BALLISTIC_COEFFICIENT, record: true });
    this.times = p.times!;
    this.states = p.states!;
    return p.impacted;
  }

  /**
   * Predicted state at absolute time tq: cubic Hermite inside the recorded path (the first step
   * extrapolated for tq slightly before the track time); past its end (impact), the end state at
   * constant velocity.
   */
  stateInto(out: Float64Array, tq: number): void {
    const times = this.times, states = this.states, n = times.length;
    const tau = tq - this.t0;
    if (n < 2 || tau >= times[n - 1]!) {
      const e = 6 * (n - 1), dt = tau - times[n - 1]!;
      for (let i = 0; i < 3; i++) {
        out[i] = states[e + i]! + states[e + 3 + i]! * dt;
        out[i + 3] = states[e + 3 + i]!;
      }
      return;
    }
    const lo = bracketIndex(times, tau), hi = lo + 1;
    const h = times[hi]! - times[lo]!;
    hermiteInto(out, states, states, h, (tau - times[lo]!) / h, 6 * lo, 6 * hi);
  }
}
