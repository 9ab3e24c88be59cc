/**
 * The sense stage inside the World: the scenario's sensors (sense/) looking at the truth flyers.
 * Builds each flyer's `SensorTarget` view once (RCS, plume intensity, raid), feeds satellites from
 * flight/'s own orbit models so IR lines of sight and truth agree, and turns what the sensors saw
 * into recording events. Truth ids ride along for scoring only (the early-warning timeline).
 */
import { createSensors, plumeIntensity, type Detection, type LaunchReport, type SensorSuite, type SensorTarget } from '../sense/index.js';
import { satelliteFromElements, satelliteFromTle } from '../flight/satellite.js';
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
  launchReport?: { t: number; latency: number };
  firstTrack?: { t: number; force: string };
}

export class SensingStage implements SenseStage {
  readonly suite: SensorSuite;
  readonly milestones = new Map<string, WarningMilestones>();
  private readonly targets = new Map<Flyer, SensorTarget>();

  constructor(
    scenario: Scenario,
    seed: number,
    private readonly threatInfo: ReadonlyMap<string, SensedThreat>,
  ) {
    this.suite = createSensors(scenario, seed, {
      ephemeris: (sat, epochMs) =>
        sat.kind === 'tle'
          ? satelliteFromTle(sat.id, sat.tle[0], sat.tle[1], epochMs)
          : satelliteFromElements(sat.id, { ...sat.elements, epoch: sat.elements.epochMs }, epochMs),
    });
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
    const detections = this.suite.observe(t, targets);
    for (const s of this.suite.summaries(t)) {
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
    }
    this.reports(this.suite.takeLaunchReports(), emit);
    return detections;
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
