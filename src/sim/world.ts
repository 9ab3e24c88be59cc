/**
 * The World: truth, the clock and the kill chain, steppable one tick at a time from outside
 * (pause, step, speed — the live console needs it). Built from a Scenario by `buildWorld`
 * (build.ts); this file knows nothing of the file format.
 */
import { damageFraction, peakOverpressure } from '../engage/damage.js';
import type { Flyer } from '../flight/types.js';
import { EventQueue } from './queue.js';
import type { EventSink, HeaderEvent, SimEvent } from './events.js';
import type { SenseStage, TruthView } from './stages.js';
import type { EngagementStage, TruthAccess } from './engagement.js';
import type { TargetClass } from '../track/picture.js';
import { geodeticToEcef } from '../geo/index.js';

const RAD = 180 / Math.PI;

export interface WorldAsset {
  id: string;
  force: string;
  kind: string;
  lat: number; // rad
  lon: number; // rad
  /** ECEF position of the asset's centre (m). */
  position: [number, number, number];
  /** Radius of the area it occupies (m). */
  radius: number;
  /** Overpressure for 50 % destruction (Pa). */
  p50: number;
  value: number;
  /** Power the asset delivers to consumers when intact and supplied (MW); 0 if it serves none. */
  servesMW: number;
  /** Power the asset generates (MW); plants feed the assets listed in their `feeds`. */
  generationMW: number;
  /** Generating assets that feed this one (its supply falls with their damage). */
  fedBy: WorldAsset[];
  /** Seconds after which a damaged energy asset's service is restored (Infinity: not within the run). */
  restoreTime: number;
  /** Cumulative damage fraction 0..1. */
  damage: number;
  /** Time at which the latest damage is repaired (restoreTime after the last hit). */
  restoreAt?: number;
}

/** A threat the scenario will launch: its flyer is made at launch time (deterministically). */
export interface WorldThreat {
  id: string;
  force: string;
  threatType: string;
  class: string;
  launchTime: number;
  launchLat: number;
  launchLon: number;
  target: string | null;
  aimLat: number;
  aimLon: number;
  /** TNT-equivalent explosive mass (kg) of the warhead. */
  tntKg: number;
  /** Unit cost (USD), null where the catalog has no public figure. */
  unitCost: number | null;
  raid?: string;
  /** Makes the truth flyer; called once, at launch. */
  createFlyer(): Flyer;
}

export interface WorldSetup {
  header: Omit<HeaderEvent, 'type' | 'format' | 'version'>;
  duration: number;
  timeStep: number;
  assets: WorldAsset[];
  threats: WorldThreat[];
  /** Kill-chain stages present in this composition (absent = not played). */
  sense?: SenseStage;
  /** Track → decide → engage per force (sim/engagement.ts). */
  engagement?: EngagementStage;
}

type Scheduled = { kind: 'launch'; threat: WorldThreat } | { kind: 'restore'; asset: WorldAsset };

export interface ThreatOutcome {
  id: string;
  class: string;
  force: string;
  launched: boolean;
  status: 'pending' | 'flying' | 'impact' | 'destroyed';
  impactTime?: number;
  /** Time of the intercept that destroyed it. */
  destroyedTime?: number;
  missDistance?: number;
}

export class World {
  time = 0;
  ticks = 0;
  private readonly queue = new EventQueue<Scheduled>();
  private readonly flying: { threat: WorldThreat; flyer: Flyer }[] = [];
  /** Interceptors in flight (advanced with the threats; removed once they are no longer flying). */
  private readonly interceptors: Flyer[] = [];
  private readonly threatsById = new Map<string, WorldThreat>();
  private readonly truthAccess: TruthAccess = {
    flyingThreats: () => this.flying.map((f) => f.flyer),
    addFlyer: (f) => this.interceptors.push(f),
    destroyThreat: (id, t) => {
      const i = this.flying.findIndex((f) => f.threat.id === id);
      if (i < 0) return;
      this.flying[i]!.flyer.destroy(t);
      this.flying.splice(i, 1);
      const o = this.outcomes.get(id)!;
      o.status = 'destroyed';
      o.destroyedTime = t;
    },
    threatClass: (id) => (this.threatsById.get(id)?.class ?? 'unknown') as TargetClass,
  };
  readonly outcomes = new Map<string, ThreatOutcome>();
  private finished = false;
  private readonly forcesWithPower: string[];
  /** Lowest total power served per force over the run so far (MW). */
  readonly minimumPower = new Map<string, number>();

  constructor(
    readonly setup: WorldSetup,
    private readonly sink: EventSink,
  ) {
    if (!(setup.timeStep > 0)) throw new RangeError('timeStep must be > 0');
    for (const threat of setup.threats) {
      this.threatsById.set(threat.id, threat);
      this.queue.schedule(threat.launchTime, { kind: 'launch', threat });
      this.outcomes.set(threat.id, { id: threat.id, class: threat.class, force: threat.force, launched: false, status: 'pending' });
    }
    this.forcesWithPower = [...new Set(setup.assets.filter(isEnergy).map((a) => a.force))].sort();
    this.emit({ type: 'header', format: 'rampart-recording', version: 1, ...setup.header });
    this.emitPower(0);
    this.sink.flush(0);
  }

  get done(): boolean {
    return this.finished;
  }

  get assets(): readonly WorldAsset[] {
    return this.setup.assets;
  }

  /** Truth seen by sensors (and only by them). */
  truth(): TruthView {
    return { time: this.time, flyers: this.flying.map((f) => f.flyer) };
  }

  /** Advance one tick: scheduled events up to t, flight, then the kill chain, then flush. */
  tick(): void {
    if (this.finished) return;
    const { timeStep, duration } = this.setup;
    const t = Math.min(duration, (this.ticks + 1) * timeStep);
    let powerChanged = false;

    // Scheduled events (launches, restorations) due by t, in time order.
    for (const { time, item } of this.queue.popUntil(t)) {
      if (item.kind === 'launch') this.launch(item.threat, time);
      else if (item.asset.restoreAt !== undefined && time >= item.asset.restoreAt) {
        // Repaired restoreTime after its LAST hit (an earlier hit's restoration is superseded).
        item.asset.damage = 0;
        item.asset.restoreAt = undefined;
        powerChanged ||= isEnergy(item.asset);
      }
    }

    // Truth moves.
    for (let i = 0; i < this.flying.length; i++) {
      const { threat, flyer } = this.flying[i]!;
      const status = flyer.advance(t);
      if (status === 'impact') {
        powerChanged = this.impact(threat, flyer) || powerChanged;
        this.flying.splice(i--, 1);
      } else if (status === 'destroyed') {
        this.flying.splice(i--, 1);
      }
    }
    for (let i = 0; i < this.interceptors.length; i++) {
      const f = this.interceptors[i]!;
      if (f.status === 'flying' || f.status === 'pending') f.advance(t);
      if (f.status !== 'flying' && f.status !== 'pending') this.interceptors.splice(i--, 1);
    }
    this.time = t;
    this.ticks++;

    // Perception and decision: each stage sees only what it may.
    const { sense, engagement } = this.setup;
    const detections = sense ? sense.observe(t, this.truth(), (e) => this.emit(e)) : [];
    engagement?.step(t, detections, this.truthAccess, (e) => this.emit(e));

    if (powerChanged) this.emitPower(t);
    if (t >= duration) {
      this.finished = true;
      sense?.finish(t, (e) => this.emit(e));
      this.emit({ t, type: 'end', reason: 'duration', ticks: this.ticks });
    }
    this.sink.flush(t);
  }

  /** Run to the end (or until `until` returns true after a tick). */
  runToEnd(onTick?: (world: World) => void): void {
    while (!this.finished) {
      this.tick();
      onTick?.(this);
    }
  }

  /** Per-sensor tallies of scans, detections and false alarms over the run. */
  readonly sensorTally = new Map<string, { scans: number; detections: number; falseAlarms: number }>();

  private emit(e: SimEvent): void {
    if (e.type === 'detections') {
      const x = this.sensorTally.get(e.sensor) ?? { scans: 0, detections: 0, falseAlarms: 0 };
      x.scans++;
      x.detections += e.detections;
      x.falseAlarms += e.falseAlarms ?? 0;
      this.sensorTally.set(e.sensor, x);
    }
    this.sink.emit(e);
  }

  private launch(threat: WorldThreat, time: number): void {
    const flyer = threat.createFlyer();
    this.setup.engagement?.threatLaunched(threat.force, threat.threatType, threat.unitCost);
    this.flying.push({ threat, flyer });
    const o = this.outcomes.get(threat.id)!;
    o.launched = true;
    o.status = 'flying';
    this.emit({
      t: time,
      type: 'launch',
      id: threat.id,
      force: threat.force,
      threatType: threat.threatType,
      class: threat.class,
      lat: threat.launchLat * RAD,
      lon: threat.launchLon * RAD,
      target: threat.target,
      aimLat: threat.aimLat * RAD,
      aimLon: threat.aimLon * RAD,
      ...(threat.raid !== undefined ? { raid: threat.raid } : {}),
    });
  }

  /** Apply an impact's blast to every asset in reach. Returns true if served power changed. */
  private impact(threat: WorldThreat, flyer: Flyer): boolean {
    const ip = flyer.impact!;
    const o = this.outcomes.get(threat.id)!;
    o.status = 'impact';
    o.impactTime = ip.t;
    // Surface burst where the flyer came down; the miss is measured at the impact height.
    const burst = ip.position;
    const aim = geodeticToEcef({ lat: threat.aimLat, lon: threat.aimLon, h: ip.h });
    o.missDistance = Math.hypot(burst[0] - aim[0], burst[1] - aim[1], burst[2] - aim[2]);
    const hits: { id: string; damage: number }[] = [];
    let powerChanged = false;
    for (const asset of this.setup.assets) {
      const p = asset.position;
      const distance = Math.hypot(burst[0] - p[0], burst[1] - p[1], burst[2] - p[2]);
      const frac = damageFraction(distance, threat.tntKg, asset);
      if (frac < 1e-4) continue;
      const before = asset.damage;
      // Independent hits: surviving fraction multiplies.
      asset.damage = 1 - (1 - before) * (1 - frac);
      hits.push({ id: asset.id, damage: asset.damage });
      this.emit({
        t: ip.t,
        type: 'damage',
        asset: asset.id,
        damage: asset.damage,
        increment: asset.damage - before,
        overpressure: peakOverpressure(distance, threat.tntKg),
        distance,
        cause: threat.id,
      });
      if (isEnergy(asset)) {
        powerChanged = true;
        if (Number.isFinite(asset.restoreTime)) {
          asset.restoreAt = ip.t + asset.restoreTime;
          this.queue.schedule(asset.restoreAt, { kind: 'restore', asset });
        }
      }
    }
    this.emit({ t: ip.t, type: 'impact', id: threat.id, class: threat.class, lat: ip.lat * RAD, lon: ip.lon * RAD, missDistance: o.missDistance, assets: hits });
    return powerChanged;
  }

  /** Power served now (MW) per force; see `servedMW`. */
  powerServed(force: string): { total: number; nominal: number; assets: { id: string; servedMW: number }[] } {
    const energy = this.setup.assets.filter((a) => a.force === force && isEnergy(a));
    const consumers = energy.filter((a) => a.servesMW > 0);
    // A force with plants but no modelled consumers is scored by generation.
    const scored = consumers.length > 0 ? consumers : energy;
    const assets = scored.map((a) => ({ id: a.id, servedMW: consumers.length > 0 ? servedMW(a) : a.generationMW * (1 - a.damage) }));
    const nominal = scored.reduce((s, a) => s + (consumers.length > 0 ? a.servesMW : a.generationMW), 0);
    return { total: assets.reduce((s, a) => s + a.servedMW, 0), nominal, assets };
  }

  private emitPower(t: number): void {
    for (const force of this.forcesWithPower) {
      const p = this.powerServed(force);
      this.minimumPower.set(force, Math.min(this.minimumPower.get(force) ?? Infinity, p.total));
      this.emit({ t, type: 'power', force, servedMW: p.total, nominalMW: p.nominal, assets: p.assets });
    }
  }
}

export function isEnergy(a: WorldAsset): boolean {
  return a.servesMW > 0 || a.generationMW > 0;
}

/**
 * Power an asset serves (MW): its own intact share times its supply, where the supply of an asset fed
 * by plants is the fraction of those plants' generation still available (Σ g(1 − d) / Σ g).
 */
export function servedMW(a: WorldAsset): number {
  let supply = 1;
  if (a.fedBy.length > 0) {
    let g = 0;
    let gAvail = 0;
    for (const f of a.fedBy) {
      g += f.generationMW;
      gAvail += f.generationMW * (1 - f.damage);
    }
    supply = g > 0 ? gAvail / g : 1;
  }
  return a.servesMW * (1 - a.damage) * supply;
}
