/**
 * Running a tracker on a benchmark case: the tracker configurations (`--tracker` names), the
 * tracking loop over the case's scans, the output format and the scoring against the case truth.
 *
 * A configuration reads only the case's frame, R, `tracker_hints` and the clutter/detection
 * parameters of `generation` (P_D, clutter rate and region → λ), as the format allows; never
 * `origin` or truth. No wall clock here: callers time `runCase` (the CLI and bench do).
 */
import type { TrackingCase, TrackerOutput } from './case.js';
import { Gater } from './gating.js';
import { globalNearestNeighbour, jpda } from './associators.js';
import { immPredictor, immUpdater } from './filters/imm.js';
import { extendedKalmanUpdater, kalmanPredictor, kalmanUpdater, unscentedKalmanPredictor, unscentedKalmanUpdater } from './filters/kalman.js';
import { singlePointInitiator, trackDeleter } from './management.js';
import { cartesianPosition, polar } from './models/measurement.js';
import {
  constantVelocity, constantVelocityTurnAugmented, coordinatedTurn,
} from './models/transition.js';
import { scoreSequence, type ScoredScan, type SequenceMetrics } from './metrics.js';
import { multiTargetTracker, type MultiTargetTracker } from './tracker.js';
import type { MeasurementModel, Predictor, Scan, SensorContext, Updater } from './types.js';

/** Tracker configurations selectable with `--tracker`. */
export const TRACKERS: Record<string, string> = {
  gnn: 'NCV, Kalman (EKF for radar), GNN by JV assignment, score-based confirmation',
  jpda: 'NCV, Kalman (EKF for radar), JPDA (exact per cluster / loopy BP), score-based confirmation',
  imm: 'IMM of NCV and coordinated turn with estimated turn rate (EKF), GNN',
  'imm-jpda': 'IMM of NCV and coordinated turn with estimated turn rate (EKF), JPDA',
  'imm-cv': 'IMM of two NCV modes (hinted q and a high-q manoeuvre mode), GNN',
  ukf: 'NCV, unscented Kalman updates, GNN',
  'gnn-mofn': 'NCV, Kalman (EKF for radar), GNN, 3-of-4 confirmation',
};

/** The default: the best general choice over the reference cases (see docs/models/tracking.md). */
export const DEFAULT_TRACKER = 'imm-jpda';

export interface TrackerSettings {
  /** NCV noise intensity (default: tracker_hints.q, else generation.q, else 1). */
  q?: number;
  /** Velocity prior σ for new tracks (default: tracker_hints.init_velocity_std, else 50 m/s). */
  velocityStd?: number;
  /** Manoeuvre-mode noise intensity of the two-NCV IMM (default: max(100·q, 50) m²/s³). */
  qManoeuvre?: number;
  /** Expected new targets per scan over the surveillance region (default 2). */
  birthRate?: number;
  /** Gate probability (default 0.9999). */
  gateProbability?: number;
  /** Score confirmation: probability of confirming a false track α (default 1e-2). */
  falseTrackProbability?: number;
  /** Score confirmation: probability of dropping a true track β (default 0.1). */
  missedTrackProbability?: number;
  /** Confirmed-track deletion when the score falls this far below its peak (default 6.9). */
  scoreDrop?: number;
  /** IMM mean sojourn times (s) of the quiet and manoeuvre modes (default [60, 10]). */
  sojournTimes?: [number, number];
  /** CV/CT IMM: linear noise intensity of the CT mode (default: q). */
  ctQ?: number;
  /** CV/CT IMM: turn-rate noise intensity (rad²/s³, default 1e-5). */
  turnNoise?: number;
  /** CV/CT IMM: mean sojourn times of the CV and CT modes (default [300, 30]). */
  ctSojournTimes?: [number, number];
  /** 1-σ turn-rate prior of a new track (rad/s, default 0.1). */
  turnRateStd?: number;
  /**
   * Start tracks from the case's `generation.initial_prior` updated with the first detection
   * instead of the detection-centred prior (for Monte Carlo studies against the PCRLB, which
   * assumes the prior known). Off by default: the format calls `generation` informational.
   */
  usePrior?: boolean;
  /** Two-point initiation with seeds (default true; the same tracks, faster in clutter). */
  seeding?: boolean;
  /** CV/CT IMM: variance of ω in the CV mode, the CT mode's turn-onset prior (rad²/s², default 1e-2). */
  cvOmegaVar?: number;
}

export interface CaseRun {
  name: string;
  description: string;
  tracker: MultiTargetTracker;
  scans: Scan[];
  sensor: SensorContext;
  /** For each component of the case's state order, its index in the tracker's state. */
  stateMap: Int32Array;
  caseStateDim: number;
}

/** Recorded online estimates (flat arrays; scan k's tracks are [offsets[k], offsets[k+1])). */
export interface Estimates {
  times: Float64Array;
  offsets: Int32Array;
  ids: Int32Array;
  /** Track states in the case's state order. */
  states: Float64Array;
  /** Covariances in the case's state order (caseStateDim² each); empty if not recorded. */
  covs: Float64Array;
  /** Confirmed-track updates performed by the tracking loop. */
  confirmedUpdates: number;
}

function regionVolume(c: TrackingCase): number | undefined {
  const cr = c.generation.clutterRegion;
  if (!cr) return undefined;
  let v = 1;
  for (let k = 0; k < cr.low.length; k++) v *= cr.high[k] - cr.low[k];
  return v;
}

/** Measurement-space bounding-box volume of all detections (fallback surveillance volume). */
function detectionVolume(c: TrackingCase): number {
  const m = c.mdim;
  const lo = new Array<number>(m).fill(Infinity);
  const hi = new Array<number>(m).fill(-Infinity);
  for (const s of c.scans) {
    for (let j = 0; j < s.count; j++) {
      for (let k = 0; k < m; k++) {
        lo[k] = Math.min(lo[k], s.z[j * m + k]);
        hi[k] = Math.max(hi[k], s.z[j * m + k]);
      }
    }
  }
  let v = 1;
  for (let k = 0; k < m; k++) v *= hi[k] > lo[k] ? hi[k] - lo[k] : 1;
  return v;
}

/** Sensor context of a case: P_D, clutter density λ and birth density in measurement space. */
export function caseSensor(c: TrackingCase, model: MeasurementModel, settings: TrackerSettings = {}): SensorContext {
  const volume = regionVolume(c) ?? detectionVolume(c);
  const pd = c.generation.pd ?? 0.9;
  let clutterDensity: number;
  if (c.generation.clutterRate !== undefined) {
    clutterDensity = c.generation.clutterRate / volume;
  } else {
    // Unknown clutter: assume a tenth of the mean detections per scan are false, spread evenly.
    const mean = c.scans.reduce((a, s) => a + s.count, 0) / Math.max(1, c.scans.length);
    clutterDensity = (0.1 * mean) / volume;
  }
  const birthDensity = (settings.birthRate ?? 2) / volume;
  return { model, pd, clutterDensity, birthDensity };
}

/** Build the tracker `name` for case `c` and convert its scans. */
export function prepareCase(c: TrackingCase, name: string = DEFAULT_TRACKER, settings: TrackerSettings = {}): CaseRun {
  if (!(name in TRACKERS)) throw new RangeError(`unknown tracker "${name}" (known: ${Object.keys(TRACKERS).join(', ')})`);
  const dim = c.frame.dim;
  const q = settings.q ?? c.trackerHints.q ?? c.generation.q ?? 1;
  const velocityStd = settings.velocityStd ?? c.trackerHints.initVelocityStd ?? 50;
  const qMan = settings.qManoeuvre ?? Math.max(100 * q, 50);
  const isPolar = c.frame.type === 'polar';

  let predictor: Predictor;
  let updater: Updater;
  const linearUpdater = (): Updater => (isPolar ? extendedKalmanUpdater() : kalmanUpdater());
  if (name === 'imm-cv') {
    const imm = immPredictor([kalmanPredictor(constantVelocity(dim, q)), kalmanPredictor(constantVelocity(dim, qMan))], {
      sojournTimes: settings.sojournTimes ?? [60, 10],
      initialProbabilities: [0.9, 0.1],
    });
    predictor = imm;
    updater = immUpdater(imm, linearUpdater());
  } else if (name === 'imm' || name === 'imm-jpda') {
    const axes = dim as 2 | 3;
    const imm = immPredictor(
      [
        kalmanPredictor(constantVelocityTurnAugmented(axes, q, settings.cvOmegaVar ?? 1e-2)),
        kalmanPredictor(coordinatedTurn(axes, settings.ctQ ?? q, settings.turnNoise ?? 1e-5)),
      ],
      { sojournTimes: settings.ctSojournTimes ?? [300, 30], initialProbabilities: [0.8, 0.2] },
    );
    predictor = imm;
    updater = immUpdater(imm, linearUpdater());
  } else if (name === 'ukf') {
    predictor = unscentedKalmanPredictor(constantVelocity(dim, q));
    updater = unscentedKalmanUpdater();
  } else {
    predictor = kalmanPredictor(constantVelocity(dim, q));
    updater = linearUpdater();
  }

  const model: MeasurementModel = isPolar
    ? polar(predictor.positionIndices, predictor.ndim, (c.frame as { sensorPosition: number[] }).sensorPosition, (c.frame as { measurementOrder: ('range' | 'bearing' | 'elevation')[] }).measurementOrder)
    : cartesianPosition(predictor.positionIndices, predictor.ndim);
  const sensor = caseSensor(c, model, settings);
  const soft = name === 'jpda' || name === 'imm-jpda';
  const axisNames = ['x', 'y', 'z'];
  const stateMap = Int32Array.from(c.stateOrder, (s) => {
    const v = s.startsWith('v');
    const axis = axisNames.indexOf(v ? s.slice(1) : s);
    return v ? predictor.velocityIndices[axis] : predictor.positionIndices[axis];
  });
  let prior: { mean: Float64Array; cov: Float64Array; updater: Updater; t0: number } | undefined;
  if (settings.usePrior) {
    const ip = c.generation.initialPrior;
    if (!ip) throw new RangeError(`case ${c.name} has no generation.initial_prior to start tracks from`);
    const n = predictor.ndim;
    const d = c.stateOrder.length;
    const mean = new Float64Array(n);
    const cov = new Float64Array(n * n);
    for (let a = 0; a < d; a++) {
      mean[stateMap[a]] = ip.mean[a];
      for (let b = 0; b < d; b++) cov[stateMap[a] * n + stateMap[b]] = ip.cov[a * d + b];
    }
    const wi = predictor.turnRateIndex;
    if (wi >= 0) cov[wi * n + wi] = (settings.turnRateStd ?? 0.1) ** 2;
    // initial_prior is the target state at the first scan time
    prior = { mean, cov, updater, t0: c.scans.length ? c.scans[0].t : 0 };
  }
  const tracker = multiTargetTracker({
    predictor,
    updater,
    associator: soft ? jpda() : globalNearestNeighbour(),
    initiator: singlePointInitiator({
      velocityStd,
      turnRateStd: settings.turnRateStd,
      prior,
      confirmation:
        name === 'gnn-mofn'
          ? { kind: 'm-of-n', m: 3, n: 4 }
          : { kind: 'score', falseTrackProbability: settings.falseTrackProbability ?? 1e-2, missedTrackProbability: settings.missedTrackProbability },
    }),
    deleter: trackDeleter({ scoreDrop: settings.scoreDrop }),
    gater: new Gater({ gateProbability: settings.gateProbability ?? 0.9999 }),
    seeding: settings.seeding,
  });

  const scans: Scan[] = c.scans.map((s) => ({ t: s.t, count: s.count, z: s.z, R: s.R, uniformR: s.uniformR, sensor }));
  const description = `${name}: ${TRACKERS[name]}; ${predictor.name}; ${updater.name}; ${tracker.associator.name}; ${tracker.initiator.name}; ${tracker.deleter.name}; gate P_G=${tracker.gater.gateProbability}`;
  return { name, description, tracker, scans, sensor, stateMap, caseStateDim: c.stateOrder.length };
}

/**
 * The tracking loop: step through every scan and record the confirmed tracks (states, and
 * covariances unless `covariances` is false).
 */
export function runCase(run: CaseRun, options: { covariances?: boolean } = {}): Estimates {
  const withCov = options.covariances ?? true;
  const { tracker, scans, stateMap } = run;
  const d = run.caseStateDim;
  const n = tracker.ndim;
  let cap = 64;
  let ids = new Int32Array(cap);
  let states = new Float64Array(cap * d);
  let covs = new Float64Array(withCov ? cap * d * d : 0);
  const times = new Float64Array(scans.length);
  const offsets = new Int32Array(scans.length + 1);
  let total = 0;
  const before = tracker.confirmedUpdates;
  for (let k = 0; k < scans.length; k++) {
    const r = tracker.step(scans[k]);
    times[k] = r.t;
    offsets[k] = total;
    if (total + r.count > cap) {
      // grow to the extrapolated total, +25 %, at least ×2: the larger of (mean tracks per scan
      // so far × scans) and (the tracker's whole pool now, tentative tracks included, for every
      // scan left) — the latter sees the build-up of the first scans coming, so one growth
      // usually suffices
      const projected = Math.ceil(
        1.25 * Math.max(((total + r.count) * scans.length) / (k + 1), total + r.count + tracker.count * (scans.length - k - 1)),
      );
      cap = Math.max(2 * cap, projected);
      while (total + r.count > cap) cap *= 2;
      const i2 = new Int32Array(cap);
      i2.set(ids);
      ids = i2;
      const s2 = new Float64Array(cap * d);
      s2.set(states);
      states = s2;
      if (withCov) {
        const c2 = new Float64Array(cap * d * d);
        c2.set(covs);
        covs = c2;
      }
    }
    const buf = tracker.buf;
    const id = tracker.id;
    const slot = tracker.slotSize;
    const index = r.index;
    if (d === 4 && !withCov) {
      // The common case (2-D NCV, no covariances) written out: the four state-map entries are
      // read once per scan instead of once per track (same copies).
      const m0 = stateMap[0];
      const m1 = stateMap[1];
      const m2 = stateMap[2];
      const m3 = stateMap[3];
      for (let q = 0; q < r.count; q++) {
        const i = index[q];
        const off = i * slot;
        const o = total + q;
        ids[o] = id[i];
        states[4 * o] = buf[off + m0];
        states[4 * o + 1] = buf[off + m1];
        states[4 * o + 2] = buf[off + m2];
        states[4 * o + 3] = buf[off + m3];
      }
      total += r.count;
      continue;
    }
    for (let q = 0; q < r.count; q++) {
      const i = index[q];
      const off = i * slot; // tracker.slotOffset(i)
      const o = total + q;
      ids[o] = id[i]; // tracker.trackId(i)
      for (let a = 0; a < d; a++) states[o * d + a] = buf[off + stateMap[a]];
      if (withCov) {
        for (let a = 0; a < d; a++) {
          const row = off + n + stateMap[a] * n;
          for (let b = 0; b < d; b++) covs[o * d * d + a * d + b] = buf[row + stateMap[b]];
        }
      }
    }
    total += r.count;
  }
  offsets[scans.length] = total;
  return {
    times, offsets, ids: ids.subarray(0, total), states: states.subarray(0, total * d),
    covs: withCov ? covs.subarray(0, total * d * d) : new Float64Array(0),
    confirmedUpdates: tracker.confirmedUpdates - before,
  };
}

/** Positions (x, y(, z)) of the case-order state rows. */
function positionColumns(c: TrackingCase): number[] {
  return ['x', 'y', 'z'].slice(0, c.frame.dim).map((a) => c.stateOrder.indexOf(a));
}

/** Score recorded estimates against the case truth (GOSPA/OSPA per scan, continuity). */
export function scoreCase(c: TrackingCase, est: Estimates): SequenceMetrics {
  const d = c.frame.dim;
  const sd = c.stateOrder.length;
  const pc = positionColumns(c);
  const ptr = new Int32Array(c.truth.length);
  const scans: ScoredScan[] = [];
  for (let k = 0; k < est.times.length; k++) {
    const t = est.times[k];
    const truthIds: string[] = [];
    const truthPos: number[] = [];
    c.truth.forEach((tr, ti) => {
      let p = ptr[ti];
      while (p < tr.times.length && tr.times[p] < t - 1e-6) p++;
      ptr[ti] = p;
      if (p < tr.times.length && Math.abs(tr.times[p] - t) <= 1e-6) {
        truthIds.push(tr.id);
        for (const col of pc) truthPos.push(tr.states[p * sd + col]);
      }
    });
    const a = est.offsets[k];
    const b = est.offsets[k + 1];
    const tracks = new Float64Array((b - a) * d);
    for (let q = a; q < b; q++) for (let k2 = 0; k2 < d; k2++) tracks[(q - a) * d + k2] = est.states[q * sd + pc[k2]];
    scans.push({ truthIds, truth: Float64Array.from(truthPos), trackIds: est.ids.subarray(a, b), tracks });
  }
  return scoreSequence(scans, d, { c: c.metric.c, p: c.metric.p, alpha: c.metric.alpha });
}

/** The tracker output document (format doc §Tracker output format). */
export function toOutput(c: TrackingCase, run: CaseRun, est: Estimates, withCovariance = true): TrackerOutput {
  const d = run.caseStateDim;
  const estimates: TrackerOutput['estimates'] = [];
  for (let k = 0; k < est.times.length; k++) {
    const tracks: TrackerOutput['estimates'][number]['tracks'] = [];
    for (let q = est.offsets[k]; q < est.offsets[k + 1]; q++) {
      const state = Array.from(est.states.subarray(q * d, q * d + d));
      if (withCovariance && est.covs.length > 0) {
        const cov: number[][] = [];
        for (let a = 0; a < d; a++) cov.push(Array.from(est.covs.subarray(q * d * d + a * d, q * d * d + a * d + d)));
        tracks.push({ id: est.ids[q], state, cov });
      } else {
        tracks.push({ id: est.ids[q], state });
      }
    }
    estimates.push({ t: est.times[k], tracks });
  }
  return { case: c.name, tracker: run.description, estimates };
}
