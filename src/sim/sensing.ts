/**
 * The sense stage inside the World: the scenario's sensors (sense/) looking at the truth flyers.
 * Builds each flyer's `SensorTarget` view once (RCS, plume intensity, raid), feeds satellites from
 * flight/'s own orbit models so IR lines of sight and truth agree, and turns what the sensors saw
 * into recording events. Truth ids ride along for scoring only (the early-warning timeline).
 *
 * Radar cueing (issue #5): per force that owns IR sensors, an `IrTracker` takes that force's
 * 'los' detections each tick; its cues, predicted to the next tick, go to the radars of that force
 * and its allies at the next tick (`SensorSuite.cue`), which spend cued dwells on them.
 */
import { createSensors, plumeIntensity, type Detection, type LaunchReport, type SensorSuite, type SensorTarget } from '../sense/index.js';
import { satelliteFromElements, satelliteFromTle } from '../flight/satellite.js';
import { IrTracker } from '../track/ir-tracker.js';
import type { TrackCue } from '../track/picture.js';
import type { Flyer } from '../flight/types.js';
import type { Scenario, ThreatType } from '../scenario/index.js';
import type { SimEvent } from './events.js';
import type { SenseStage, TruthView } from './stages.js';

/** Notional RCS of an interceptor in flight (m²). */
export const INTERCEPTOR_RCS = 0.05;
const RAD = 180 / Math.PI;

export interface SensedThreat {
  type: ThreatType;
  raid?: string;
}

/** Per-threat early-warning milestones (scoring; from truth ids). */
export interface WarningMilestones {
  firstDetection?: { t: number; sensor: string };
  /** First radar detection (of any radar), and whether it came from a cued dwell. */
  firstRadarDetection?: { t: number; sensor: string; cued: boolean };
  launchReport?: { t: number; latency: number };
  firstTrack?: { t: number; force: string };
}

export interface SensingOptions {
  /** Hand the IR trackers' cues to the radars [true]; false keeps the IR tracks (and `cues`) but radars only search. */
  cueing?: boolean;
}

/** Counts of the cueing loop over a run. */
export interface CueStats {
  /** Cues handed to the radars, summed over ticks. */
  cues: number;
  /** Cued dwells: cues served at radar scans, summed over scans. */
  dwells: number;
  /** Target detections (truth, scoring) made in cued dwells. */
  cuedDetections: number;
  /** Time of the first cued target detection. */
  firstCuedDetection: number | null;
}

export class SensingStage implements SenseStage {
  readonly suite: SensorSuite;
  readonly milestones = new Map<string, WarningMilestones>();
  /** The space-IR track picture of each force that owns IR sensors. */
  readonly irTrackers = new Map<string, IrTracker>();
  readonly cueStats: CueStats = { cues: 0, dwells: 0, cuedDetections: 0, firstCuedDetection: null };
  private readonly targets = new Map<Flyer, SensorTarget>();
  private readonly cueing: boolean;
  private readonly timeStep: number;
  private readonly irForce = new Map<string, string>();
  /** Cues made at the last tick for the next one, by force. */
  private pending = new Map<string, TrackCue[]>();

  constructor(
    scenario: Scenario,
    seed: number,
    private readonly threatInfo: ReadonlyMap<string, SensedThreat>,
    options: SensingOptions = {},
  ) {
    this.suite = createSensors(scenario, seed, {
      ephemeris: (sat, epochMs) =>
        sat.kind === 'tle'
          ? satelliteFromTle(sat.id, sat.tle[0], sat.tle[1], epochMs)
          : satelliteFromElements(sat.id, { ...sat.elements, epoch: sat.elements.epochMs }, epochMs),
    });
    this.cueing = options.cueing ?? true;
    this.timeStep = scenario.timeStep;
    const period = new Map<string, number>();
    for (const s of this.suite.infrared) {
      this.irForce.set(s.id, s.model.force);
      period.set(s.model.force, Math.max(period.get(s.model.force) ?? 0, s.model.framePeriod));
    }
    for (const [force, framePeriod] of period) {
      this.irTrackers.set(force, new IrTracker({ force, framePeriod, cloudTop: this.suite.infrared[0].model.cloudTop }));
    }
  }

  /**
   * The force's space-IR cues made at the latest tick, predicted to the next tick (what its and its
   * allies' radars take at that tick): pass them to the force's picture tracker.
   */
  cues(force: string): readonly TrackCue[] {
    return this.pending.get(force) ?? [];
  }

  get active(): boolean {
    return this.suite.radars.length > 0 || this.suite.infrared.length > 0;
  }

  /** Sensor view of a flyer (cached: its state array is live). */
  private target(f: Flyer): SensorTarget {
    let tg = this.targets.get(f);
    if (!tg) {
      const info = this.threatInfo.get(f.id);
      tg = {
        id: f.id,
        kind: f.kind,
        state: f.state,
        rcs: info ? info.type.rcs : INTERCEPTOR_RCS,
        thrusting: false,
        irIntensity: info ? plumeIntensity(info.type) : plumeIntensity('interceptor'),
        ...(info?.raid !== undefined ? { group: info.raid } : {}),
      };
      this.targets.set(f, tg);
    }
    tg.thrusting = f.thrusting;
    return tg;
  }

  /** Look at the flying objects at t; emit scan summaries, first detections and launch reports. */
  observe(t: number, truth: TruthView, emit: (e: SimEvent) => void): Detection[] {
    const targets: SensorTarget[] = [];
    for (const f of truth.flyers) if (f.status === 'flying') targets.push(this.target(f));
    if (this.cueing && this.irTrackers.size > 0) {
      // Every tick (also with none): a radar drops cues its IR tracks no longer make.
      const all: TrackCue[] = [];
      for (const c of this.pending.values()) all.push(...c);
      this.cueStats.cues += all.length;
      this.suite.cue(all, t);
    }
    const detections = this.suite.observe(t, targets);
    this.trackInfrared(t, detections);
    for (const s of this.suite.summaries(t)) {
      if ('cues' in s) this.cueStats.dwells += s.cues;
      emit({
        t,
        type: 'detections',
        sensor: s.sensorId,
        detections: s.detections,
        ...('falseAlarms' in s ? { falseAlarms: s.falseAlarms, inCoverage: s.inCoverage, strobes: s.strobes, jammers: s.jammers } : { visible: s.visible }),
      });
    }
    for (const d of detections) {
      if (!d.truthId) continue;
      const m = this.milestone(d.truthId);
      if (!m.firstDetection) {
        m.firstDetection = { t, sensor: d.sensorId };
        emit({ t, type: 'first-detection', threat: d.truthId, sensor: d.sensorId, scoring: true });
      }
      if (d.kind === 'rae' || d.kind === 'raer') {
        if (!m.firstRadarDetection) m.firstRadarDetection = { t, sensor: d.sensorId, cued: d.cued === true };
        if (d.cued) {
          this.cueStats.cuedDetections++;
          this.cueStats.firstCuedDetection ??= t;
        }
      }
    }
    this.reports(this.suite.takeLaunchReports(), emit);
    return detections;
  }

  /** Feed each force's IR tracker its satellites' lines of sight; make its cues for the next tick. */
  private trackInfrared(t: number, detections: readonly Detection[]): void {
    if (this.irTrackers.size === 0) return;
    const byForce = new Map<string, Detection[]>();
    for (const d of detections) {
      if (d.kind !== 'los') continue;
      const force = this.irForce.get(d.sensorId);
      if (force === undefined) continue;
      const list = byForce.get(force) ?? [];
      list.push(d);
      byForce.set(force, list);
    }
    this.pending = new Map();
    for (const [force, tracker] of this.irTrackers) {
      tracker.update(t, byForce.get(force) ?? []);
      const cues = tracker.cues(t + this.timeStep);
      if (cues.length > 0) this.pending.set(force, cues);
    }
  }

  finish(t: number, emit: (e: SimEvent) => void): void {
    this.reports(this.suite.finish(t), emit);
  }

  private milestone(id: string): WarningMilestones {
    let m = this.milestones.get(id);
    if (!m) this.milestones.set(id, (m = {}));
    return m;
  }

  private reports(reports: readonly LaunchReport[], emit: (e: SimEvent) => void): void {
    for (const r of reports) {
      for (const id of r.truthIds) {
        const m = this.milestone(id);
        if (!m.launchReport) m.launchReport = { t: r.t, latency: r.latency };
      }
      emit({
        t: r.t,
        type: 'launch-report',
        report: r.type,
        force: r.force,
        track: r.trackId,
        launchTime: r.launchTime,
        launchLat: r.launchPoint.lat * RAD,
        launchLon: r.launchPoint.lon * RAD,
        azimuth: r.azimuth * RAD,
        latency: r.latency,
        sensors: r.sensors,
        ...(r.impactPoint ? { impactLat: r.impactPoint.lat * RAD, impactLon: r.impactPoint.lon * RAD, impactTime: r.impactPoint.t } : {}),
        ...(r.impactRadius !== undefined ? { impactRadius: r.impactRadius } : {}),
        truthIds: r.truthIds,
      });
    }
  }
}
