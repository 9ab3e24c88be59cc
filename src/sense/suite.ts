/**
 * A scenario's sensors as one stage: radars and space IR constellations built from the resolved
 * scenario, each with its own RNG stream `stream(seed, 'sensor/<id>')` (DESIGN.md rule 2), the
 * scenario's jammers turned into emitters at each tick, and one early-warning ground processor
 * per force that owns IR sensors.
 */
import { geodeticToEcef } from '../geo/index.js';
import { stream } from '../math/index.js';
import { defaultEphemeris, type EphemerisFactory } from './ephemeris.js';
import { InfraredSensor, CLOUD_TOP, type FrameSummary, type InfraredOptions } from './infrared.js';
import type { JammerEmitter } from './jamming.js';
import { RadarSensor, radarModel, type RadarCue, type RadarOptions, type ScanSummary } from './radar.js';
import type { SensorScenario, SensorSpec } from './spec.js';
import type { Detection, SensorTarget } from './types.js';
import { EarlyWarningCenter, type EarlyWarningOptions, type LaunchReport } from './warning.js';

export interface SensorSuiteOptions {
  /** Options for every radar, or per radar. */
  radar?: RadarOptions | ((sensor: SensorSpec) => RadarOptions);
  /** Options for every IR sensor. */
  infrared?: InfraredOptions;
  /** Satellite ephemerides (the World passes flight/'s; default: `defaultEphemeris`). */
  ephemeris?: EphemerisFactory;
  /** Early-warning processing options, or false for none. */
  earlyWarning?: EarlyWarningOptions | false;
}

/** Friendly forces of each force: itself and its allies (alliances are mutual in a resolved scenario). */
function friendlyForces(scenario: SensorScenario): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of scenario.forces) out.set(f.id, new Set([f.id, ...f.allies]));
  return out;
}

export class SensorSuite {
  readonly radars: RadarSensor[] = [];
  readonly infrared: InfraredSensor[] = [];
  /** Early-warning processors by force. */
  readonly earlyWarning = new Map<string, EarlyWarningCenter>();
  /** Scenario sensors not modelled here, with the reason. */
  readonly skipped: { id: string; reason: string }[] = [];
  private readonly scenario: SensorScenario;
  private readonly standOff = new Map<string, Float64Array>();
  private reports: LaunchReport[] = [];

  constructor(scenario: SensorScenario, seed: number, options: SensorSuiteOptions = {}) {
    this.scenario = scenario;
    const friends = friendlyForces(scenario);
    const ephemeris = options.ephemeris ?? defaultEphemeris;
    for (const s of scenario.sensors) {
      const rng = stream(seed, `sensor/${s.id}`);
      if (s.kind === 'radar' || s.kind === 'early-warning-radar') {
        const ro = typeof options.radar === 'function' ? options.radar(s) : options.radar ?? {};
        const model = radarModel(s, { friendlyForces: friends.get(s.force) ?? [], ...ro });
        this.radars.push(new RadarSensor(model, rng, ro.firstScan));
      } else if (s.kind === 'ir-satellite') {
        const io = options.infrared ?? {};
        const sats = s.satellites.map((sat) => ephemeris(sat, scenario.epochMs));
        this.infrared.push(
          new InfraredSensor(
            {
              id: s.id,
              force: s.force,
              framePeriod: s.revisit,
              cloudTop: io.cloudTop ?? CLOUD_TOP,
              nei: io.nei ?? 2e-12,
              transmittance: io.transmittance ?? 0.5,
              losSigma: io.losSigma ?? s.type.angleSigma ?? 30e-6,
              pfa: io.pfa ?? 1e-6,
              maxTracks: s.maxTracks,
            },
            sats,
            rng,
          ),
        );
        if (options.earlyWarning !== false && !this.earlyWarning.has(s.force)) {
          this.earlyWarning.set(s.force, new EarlyWarningCenter({ ...(options.earlyWarning ?? {}), force: s.force }));
        }
      } else {
        this.skipped.push({ id: s.id, reason: `${s.kind} sensors are not modelled yet` });
      }
    }
    for (const j of scenario.jammers) {
      if (j.kind === 'stand-off' && j.location) this.standOff.set(j.id, Float64Array.from(geodeticToEcef(j.location)));
    }
  }

  /**
   * The scenario's jammers radiating at t: stand-off jammers at their location, and one emitter
   * on every target a self-protection jammer escorts (its threat id or its raid id).
   */
  jammersAt(t: number, targets: readonly SensorTarget[]): JammerEmitter[] {
    const out: JammerEmitter[] = [];
    for (const j of this.scenario.jammers) {
      if (t < j.active.start || t > j.active.end) continue;
      const base = { id: j.id, force: j.force, kind: j.kind, erp: j.erp, frequency: j.frequency, bandwidth: j.bandwidth, targets: j.targets };
      if (j.kind === 'stand-off') {
        const p = this.standOff.get(j.id);
        if (p) out.push({ ...base, position: p });
      } else {
        for (const tg of targets) {
          if (j.escorts.includes(tg.id) || (tg.group !== undefined && j.escorts.includes(tg.group))) {
            out.push({ ...base, id: `${j.id}@${tg.id}`, position: tg.state, carrier: tg.id });
          }
        }
      }
    }
    return out;
  }

  /**
   * Every sensor's detections at time t (sensors whose scan or frame is due), in sensor order.
   * `jammers` defaults to the scenario's (`jammersAt`). Launch reports made from this tick's IR
   * lines of sight are kept for `takeLaunchReports`.
   */
  observe(t: number, targets: readonly SensorTarget[], jammers?: readonly JammerEmitter[]): Detection[] {
    const jam = jammers ?? (this.scenario.jammers.length > 0 ? this.jammersAt(t, targets) : []);
    const out: Detection[] = [];
    for (const r of this.radars) {
      const d = r.observe(t, targets, jam);
      for (let i = 0; i < d.length; i++) out.push(d[i]);
    }
    const irByForce = new Map<string, Detection[]>();
    for (const s of this.infrared) {
      const d = s.observe(t, targets);
      for (let i = 0; i < d.length; i++) out.push(d[i]);
      if (d.length > 0) {
        const list = irByForce.get(s.model.force) ?? [];
        list.push(...d);
        irByForce.set(s.model.force, list);
      }
    }
    for (const [force, center] of this.earlyWarning) this.reports.push(...center.ingest(t, irByForce.get(force) ?? []));
    return out;
  }

  /**
   * Hand cues (predicted acquisition volumes made at time t) to the radars: each radar keeps the
   * cues of its own force and allies and serves them at its next scans (`RadarSensor.cue`).
   */
  cue(cues: readonly RadarCue[], t: number): void {
    for (const r of this.radars) r.cue(cues, t);
  }

  /** Launch reports made since the last call (each once). */
  takeLaunchReports(): LaunchReport[] {
    const r = this.reports;
    this.reports = [];
    return r;
  }

  /** Close open boost tracks (end of the run) and return their reports. */
  finish(t: number): LaunchReport[] {
    for (const c of this.earlyWarning.values()) this.reports.push(...c.flush(t));
    return this.takeLaunchReports();
  }

  /** Summaries of the scans and frames taken exactly at t (for detection-summary events). */
  summaries(t: number): (ScanSummary | FrameSummary)[] {
    const out: (ScanSummary | FrameSummary)[] = [];
    for (const r of this.radars) if (r.lastScan?.t === t) out.push(r.lastScan);
    for (const s of this.infrared) if (s.lastFrame?.t === t) out.push(s.lastFrame);
    return out;
  }
}

/** Builds the scenario's sensors (see `SensorSuite`). */
export function createSensors(scenario: SensorScenario, seed: number, options: SensorSuiteOptions = {}): SensorSuite {
  return new SensorSuite(scenario, seed, options);
}
