/**
 * The multi-target tracker: a composition of one-job parts (Stone Soup's MultiTargetTracker loop;
 * DESIGN.md). Per scan:
 *   1. predict every track to the scan time (Predictor) and predict its measurement (Updater);
 *   2. gate all tracks against all detections (Gater: grid pre-selection + χ² ellipsoid);
 *   3. associate confirmed tracks (Associator: GNN or JPDA) and update them (Updater);
 *   4. associate tentative tracks with the detections left over (GNN) and update them;
 *   5. confirm or abandon tentative tracks (Initiator), delete confirmed ones (Deleter);
 *   6. start tentative tracks from the detections still unused (Initiator) — or, when a track
 *      from one detection could only be confirmed by a second one, hold the detection as a seed
 *      and start the track when the next scan pairs a detection with it (two-point initiation);
 *   7. report the confirmed tracks.
 * Each track carries a score, the log-likelihood ratio "target vs clutter" (Blackman & Popoli
 * 1999 §6.2): L₁ = ln(P_D β_N / λ) at initiation, then + ln(P_D N(ν;0,S)/λ) per hit and
 * + ln(1 − P_D P_G) per miss (soft association: + ln(1 − P_D P_G + Σ_j P_D N(ν_j;0,S)/λ)).
 *
 * Storage is a pool of typed arrays (filter slots + bookkeeping), grown by doubling and compacted
 * by swap-removal; nothing is allocated per track per scan. Track ids are assigned at
 * confirmation (1, 2, …) and never reused.
 *
 * Speed (the composition stays general; the common one runs specialised, with the same numbers —
 * test/track/speed-paths.test.ts checks it bit for bit against the generic interface calls):
 * a plain Kalman predictor of NCV with a linear Kalman updater predicts all slots in one batch
 * call and the planar gate reads ẑ, S0 in place from the slots (`Gater.runSlots`, no copy pass);
 * confirmed tracks' deletion test runs in the update loop; hard updates call the straight-line Joseph
 * kernel directly, reusing ln|S| from the planar gate and one R copy when the scan's R is
 * uniform; seeds are gated on the track gate's grid; no double crosses a non-inlined call in
 * these loops (V8 would box it on the heap, per track per scan).
 */
import { Gater } from './gating.js';
import { directKalmanKernel, inPlaceLinearModel, KalmanUpdater, type JosephKernelInto } from './filters/kalman.js';
import { josephSelect4x2Into, josephSelect4x2Rows } from './filters/joseph-select.js';
import { globalNearestNeighbour, logLikelihoodRatio, missLogWeight } from './associators.js';
import type {
  AssociationResult, Associator, Deleter, GateTable, Initiator, MeasurementModel, Predictor, Scan, SensorContext, Track, TrackRecord,
  TransitionModel, Updater,
} from './types.js';
import { CONFIRMED as CONFIRMED_STATUS, TENTATIVE as TENTATIVE_STATUS } from './types.js';

// Module-local copies: a loader that turns ESM imports into getters (tsx) then costs nothing in
// the per-track loops.
const CONFIRMED = CONFIRMED_STATUS;
const TENTATIVE = TENTATIVE_STATUS;

/** PDA hypotheses lighter than this are pruned before the mixture update. */
const PRUNE_WEIGHT = 1e-4;

export interface TrackerParts {
  predictor: Predictor;
  updater: Updater;
  /** Associator for confirmed tracks (GNN or JPDA). */
  associator: Associator;
  initiator: Initiator;
  deleter: Deleter;
  /** Associator for tentative tracks on the leftover detections (default GNN). */
  tentativeAssociator?: Associator;
  /** Gate (default P_G = 0.9999). */
  gater?: Gater;
  /**
   * With a soft associator, a detection whose summed association probability to confirmed tracks
   * reaches this is not offered to tentative tracks or initiation (default 0.5).
   */
  claimThreshold?: number;
  /**
   * Hold single detections as seeds for two-point initiation when the initiator allows it
   * (default true). Same tracks either way; seeds avoid a full track per clutter detection.
   */
  seeding?: boolean;
}

/** What `step` returns: the confirmed tracks at the scan time (pool indices, valid until the next step). */
export interface StepResult {
  t: number;
  count: number;
  index: Int32Array;
}

export interface Tracker {
  /** Consume one scan of detections; return the confirmed picture at the scan time. */
  step(scan: Scan): StepResult;
}

export class MultiTargetTracker implements Tracker, TrackRecord {
  readonly predictor: Predictor;
  readonly updater: Updater;
  readonly associator: Associator;
  readonly tentativeAssociator: Associator;
  readonly initiator: Initiator;
  readonly deleter: Deleter;
  readonly gater: Gater;
  readonly slotSize: number;
  readonly ndim: number;
  readonly positionIndices: readonly number[];
  private readonly claimThreshold: number;
  /** The specialised loop's parts: a plain Kalman predictor's in-place model, a linear Kalman updater. */
  private readonly linearModel: TransitionModel | null;
  private readonly kalmanUpdater: boolean;
  private kernelModel: MeasurementModel | null = null;
  private kernel: JosephKernelInto | null = null;
  private readonly llOut = new Float64Array(1);
  private llRows = new Float64Array(0);
  private readonly seeding: boolean;

  // ----- pool (TrackRecord)
  count = 0;
  private capacity = 0;
  buf = new Float64Array(0);
  id = new Int32Array(0);
  status = new Uint8Array(0);
  age = new Int32Array(0);
  hits = new Int32Array(0);
  consecutiveMisses = new Int32Array(0);
  hitBits = new Uint32Array(0);
  score = new Float64Array(0);
  scoreMax = new Float64Array(0);
  private tPred = new Float64Array(0);
  private dead = new Uint8Array(0);
  private nextId = 1;
  private lastTime = -Infinity;

  // ----- per-scan scratch
  private zhat = new Float64Array(0);
  private S0 = new Float64Array(0);
  private rowsC = new Int32Array(0);
  private rowsT = new Int32Array(0);
  private report = new Int32Array(0);
  private available = new Uint8Array(0);
  private used = new Uint8Array(0);
  private claim = new Float64Array(0);
  private readonly result: AssociationResult = { assigned: new Int32Array(0), beta: new Float64Array(0), beta0: new Float64Array(0) };
  private hypo = new Float64Array(0);
  private hypoOffs = new Int32Array(0);
  private hypoW = new Float64Array(0);
  private readonly stepResult: StepResult = { t: 0, count: 0, index: new Int32Array(0) };

  // ----- seeds: detections held for two-point initiation (all from the previous scan)
  private nSeeds = 0;
  private seedT = 0;
  private seedSensor: SensorContext | null = null;
  private seedZ = new Float64Array(0);
  private seedR = new Float64Array(0);
  private seedL1 = 0;
  private seedS0 = new Float64Array(0);
  private seedRows = new Int32Array(0);
  private seedSlot = new Float64Array(0);
  private readonly seedZhat = new Float64Array(8);
  private readonly seedS0rep = new Float64Array(64);
  private seedUsable = false;
  private readonly seedGater: Gater;
  private readonly seedResult: AssociationResult = { assigned: new Int32Array(0), beta: new Float64Array(0), beta0: new Float64Array(0) };
  private unusedIdx = new Int32Array(0);
  private unusedZ = new Float64Array(0);
  private subScan: { t: number; count: number; z: Float64Array; R: Float64Array; uniformR: boolean; sensor: SensorContext } | null = null;
  /** Detections held as seeds and tracks started from seed pairs (diagnostics). */
  seedsHeld = 0;
  seedTracks = 0;

  /** Confirmed tracks processed (predicted, gated, associated, updated or coasted), summed over scans. */
  confirmedUpdates = 0;

  /**
   * Optional clock (seconds) for a per-stage time split, injected by a benchmark — the tracker
   * itself never reads a wall clock. When set, `stageSeconds` accumulates
   * [prediction, gating, association, update + management] over the steps (seed pairing's
   * gate counts under update + management, its assignment under association).
   */
  clock: (() => number) | null = null;
  readonly stageSeconds = new Float64Array(4);
  private assocSeconds = 0;

  constructor(parts: TrackerParts) {
    this.predictor = parts.predictor;
    this.updater = parts.updater;
    this.associator = parts.associator;
    this.tentativeAssociator = parts.tentativeAssociator ?? globalNearestNeighbour();
    if (this.tentativeAssociator.soft) throw new RangeError('the tentative-track associator must be a hard (GNN-type) associator');
    this.initiator = parts.initiator;
    this.deleter = parts.deleter;
    this.gater = parts.gater ?? new Gater();
    this.seedGater = new Gater({ gateProbability: this.gater.gateProbability });
    this.claimThreshold = parts.claimThreshold ?? 0.5;
    this.seeding = parts.seeding ?? true;
    this.slotSize = this.predictor.slotSize;
    this.ndim = this.predictor.ndim;
    this.linearModel = inPlaceLinearModel(this.predictor);
    this.kalmanUpdater = this.updater instanceof KalmanUpdater;
    this.positionIndices = this.predictor.positionIndices;
    this.grow(64);
  }

  private grow(min: number): void {
    const cap = Math.max(min, 2 * this.capacity);
    const S = this.slotSize;
    const f64 = (a: Float64Array, w: number) => {
      const b = new Float64Array(cap * w);
      b.set(a.subarray(0, this.count * w));
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.buf = f64(this.buf, S);
    this.id = i32(this.id);
    this.age = i32(this.age);
    this.hits = i32(this.hits);
    this.consecutiveMisses = i32(this.consecutiveMisses);
    const st = new Uint8Array(cap);
    st.set(this.status.subarray(0, this.count));
    this.status = st;
    const hb = new Uint32Array(cap);
    hb.set(this.hitBits.subarray(0, this.count));
    this.hitBits = hb;
    this.score = f64(this.score, 1);
    this.scoreMax = f64(this.scoreMax, 1);
    this.tPred = f64(this.tPred, 1);
    const dead = new Uint8Array(cap);
    dead.set(this.dead.subarray(0, this.count));
    this.dead = dead;
    const rc = new Int32Array(cap);
    rc.set(this.rowsC);
    this.rowsC = rc;
    const rt = new Int32Array(cap);
    rt.set(this.rowsT);
    this.rowsT = rt;
    this.report = new Int32Array(cap);
    const as = new Int32Array(cap);
    as.set(this.result.assigned);
    this.result.assigned = as;
    const b0 = new Float64Array(cap);
    b0.set(this.result.beta0);
    this.result.beta0 = b0;
    this.stepResult.index = this.report;
    this.capacity = cap;
  }

  /** Append an empty track; returns its index. */
  private add(): number {
    if (this.count === this.capacity) this.grow(this.capacity + 1);
    return this.count++;
  }

  /** Remove track i by moving the last one into its place. */
  private removeAt(i: number): void {
    const last = this.count - 1;
    if (i !== last) {
      const S = this.slotSize;
      this.buf.copyWithin(i * S, last * S, last * S + S);
      this.id[i] = this.id[last];
      this.status[i] = this.status[last];
      this.age[i] = this.age[last];
      this.hits[i] = this.hits[last];
      this.consecutiveMisses[i] = this.consecutiveMisses[last];
      this.hitBits[i] = this.hitBits[last];
      this.score[i] = this.score[last];
      this.scoreMax[i] = this.scoreMax[last];
      this.tPred[i] = this.tPred[last];
      this.dead[i] = this.dead[last];
    }
    this.count--;
  }

  private ensureScan(nd: number, m: number): void {
    const nt = this.capacity;
    if (this.zhat.length < nt * m) this.zhat = new Float64Array(nt * m);
    if (this.S0.length < nt * m * m) this.S0 = new Float64Array(nt * m * m);
    if (this.available.length < nd) {
      this.available = new Uint8Array(2 * nd);
      this.used = new Uint8Array(2 * nd);
      this.claim = new Float64Array(2 * nd);
    }
  }

  step(scan: Scan): StepResult {
    const t = scan.t;
    if (t < this.lastTime - 1e-9) throw new RangeError(`scan at t=${t} s is older than the previous scan (t=${this.lastTime} s)`);
    this.lastTime = t;
    const sensor = scan.sensor;
    const model = sensor.model;
    if (model.ndim !== this.ndim) throw new RangeError(`measurement model is for a ${model.ndim}-state, the tracker's state has ${this.ndim}`);
    const m = model.mdim;
    const mm = m * m;
    const nd = scan.count;
    const S = this.slotSize;
    // First scan: size the pool for as many tracks as it has detections (the pool then rarely
    // grows, each growth being a copy of every array and fresh memory to fault in).
    if (this.count === 0 && this.capacity < nd) this.grow(nd);
    this.ensureScan(nd, m);
    const { predictor, updater, zhat, S0 } = this;
    this.prepareSeeds(scan);

    const clock = this.clock;
    const c0 = clock !== null ? clock() : 0;
    this.assocSeconds = 0;
    // 1. predict
    const lin = this.linearModel;
    const sel = model.selection;
    let gate: GateTable | null = null;
    let c1: number;
    if (lin !== null && this.kalmanUpdater && sel !== null && m === 2) {
      this.predictLinear2(lin, t);
      c1 = clock !== null ? clock() : 0;
      // 2. gate, reading ẑ and S0 in place from the slots when the planar gate applies
      const n = this.ndim;
      const s0 = sel[0];
      const s1 = sel[1];
      gate = this.gater.runSlots(this.count, this.buf, S, s0, s1, n + s0 * n + s0, n + s0 * n + s1, n + s1 * n + s0, n + s1 * n + s1, scan);
      if (gate === null) this.copyPredictedMeasurements(sel);
    } else {
      for (let i = 0; i < this.count; i++) {
        const off = i * S;
        predictor.predict(this.buf, off, t - this.tPred[i]);
        this.tPred[i] = t;
        updater.predictMeasurement(model, this.buf, off, zhat, i * m, S0, i * mm);
      }
      c1 = clock !== null ? clock() : 0;
    }
    // 2. gate (general path)
    if (gate === null) gate = this.gater.run(this.count, zhat, S0, scan);
    const c2 = clock !== null ? clock() : 0;
    if (this.result.beta.length < gate.nnz) this.result.beta = new Float64Array(2 * gate.nnz);
    // 3. confirmed tracks
    let nC = 0;
    let nT = 0;
    {
      const { dead, status, rowsC, rowsT } = this;
      for (let i = 0; i < this.count; i++) {
        dead[i] = 0;
        if (status[i] === CONFIRMED) rowsC[nC++] = i;
        else rowsT[nT++] = i;
      }
    }
    const available = this.available;
    const used = this.used;
    // `available` mirrors `used` (every `used[j] = 1` below also clears available[j]), so the
    // later stages need no pass to rebuild it.
    available.fill(1, 0, nd);
    used.fill(0, 0, nd);
    if (this.associator.soft) this.claim.fill(0, 0, nd);
    const pg = this.gater.gateProbability;
    const ctx = { pd: sensor.pd, pg, clutterDensity: sensor.clutterDensity, detections: nd, available };
    let a0 = clock !== null ? clock() : 0;
    this.associator.associate(gate, this.rowsC, nC, ctx, this.result);
    if (clock !== null) this.assocSeconds += clock() - a0;
    this.apply(this.associator.soft, this.rowsC, nC, scan, gate, true);
    this.confirmedUpdates += nC;
    // 4. tentative tracks on the leftovers
    a0 = clock !== null ? clock() : 0;
    this.tentativeAssociator.associate(gate, this.rowsT, nT, ctx, this.result);
    if (clock !== null) this.assocSeconds += clock() - a0;
    this.apply(false, this.rowsT, nT, scan, gate, false);
    // 4b. seeds from the previous scan paired with detections still unused → new tentative tracks
    if (this.nSeeds > 0) nT = this.pairSeeds(scan, nT);
    // 5. confirmation and deletion
    for (let k = 0; k < nT; k++) {
      const i = this.rowsT[k];
      if (this.initiator.confirm(this, i)) {
        this.status[i] = CONFIRMED;
        this.id[i] = this.nextId++;
      } else if (this.initiator.abandon(this, i)) {
        this.dead[i] = 1;
      }
    }
    const dead = this.dead;
    for (let i = this.count - 1; i >= 0; i--) if (dead[i]) this.removeAt(i);
    // 6. initiation
    const lnL1 = Math.log(sensor.pd) + Math.log(Math.max(sensor.birthDensity, 1e-300)) - Math.log(Math.max(sensor.clutterDensity, 1e-30));
    const lnMiss = missLogWeight(sensor.pd, pg);
    const seeding =
      this.seeding && model.selection !== null && scan.uniformR && nd > 0 &&
      this.initiator.needsSecondDetection !== undefined && this.initiator.needsSecondDetection(lnL1, lnMiss);
    this.nSeeds = 0;
    if (seeding) {
      this.seedT = t;
      this.seedSensor = sensor;
      this.seedL1 = lnL1;
      if (this.seedR.length < mm) this.seedR = new Float64Array(mm);
      for (let k = 0; k < mm; k++) this.seedR[k] = scan.R[k];
    }
    if (seeding) {
      // every unused detection becomes a seed
      if (this.seedZ.length < nd * m) this.seedZ = new Float64Array(Math.max(64, 2 * nd * m));
      const seedZ = this.seedZ;
      const z = scan.z;
      let o = 0;
      if (m === 2) {
        // Branch-free: every detection is written at the next seed place, which only advances
        // when the detection is unused (used[] is 0/1; a taken/untaken branch per detection in
        // random order was mispredicted half the time).
        // (writes reach at most 2j + 1 < nd·m)
        for (let j = 0; j < nd; j++) {
          seedZ[o] = z[2 * j];
          seedZ[o + 1] = z[2 * j + 1];
          o += 2 - 2 * used[j];
        }
      } else {
        for (let j = 0; j < nd; j++) {
          if (used[j]) continue;
          for (let a = 0; a < m; a++) seedZ[o + a] = z[j * m + a];
          o += m;
        }
      }
      this.nSeeds = o / m;
    }
    for (let j = 0; j < nd && !seeding; j++) {
      if (used[j]) continue;
      const i = this.add();
      if (!this.initiator.initiate(predictor, model, t, scan.z, j * m, scan.R, j * mm, this.buf, i * S)) {
        this.count--;
        continue;
      }
      this.initRecord(i, t, lnL1);
      if (this.initiator.confirm(this, i)) {
        this.status[i] = CONFIRMED;
        this.id[i] = this.nextId++;
      }
    }
    this.seedsHeld += this.nSeeds;
    // 7. report
    let nOut = 0;
    {
      const { status, report } = this;
      for (let i = 0; i < this.count; i++) if (status[i] === CONFIRMED) report[nOut++] = i;
    }
    if (clock !== null) {
      const c3 = clock();
      this.stageSeconds[0] += c1 - c0;
      this.stageSeconds[1] += c2 - c1;
      this.stageSeconds[2] += this.assocSeconds;
      this.stageSeconds[3] += c3 - c2 - this.assocSeconds;
    }
    const r = this.stepResult;
    r.t = t;
    r.count = nOut;
    r.index = this.report;
    return r;
  }

  /**
   * Step 1 for the common composition written out (same arithmetic as predictor.predict and
   * KalmanUpdater.predictMeasurement with a 2-D selection): the model's batch prediction (one
   * call per scan, no boxed Δt per track), then ẑ and S0 read straight from the slots.
   */
  private predictLinear2(lin: TransitionModel, t: number): void {
    const { buf, tPred } = this;
    const S = this.slotSize;
    if (lin.predictSlotsInPlace !== undefined) {
      lin.predictSlotsInPlace(buf, S, this.count, tPred, t);
    } else {
      for (let i = 0; i < this.count; i++) {
        const dt = t - tPred[i];
        if (dt !== 0) lin.predictInPlace!(buf, i * S, dt);
        tPred[i] = t;
      }
    }
  }

  /** ẑ and S0 = H P Hᵀ of every slot for a 2-D selection H, copied out for the general gate. */
  private copyPredictedMeasurements(sel: Int32Array): void {
    const { buf, zhat, S0 } = this;
    const S = this.slotSize;
    const n = this.ndim;
    const s0 = sel[0];
    const s1 = sel[1];
    const r0 = n + s0 * n;
    const r1 = n + s1 * n;
    for (let i = 0; i < this.count; i++) {
      const off = i * S;
      zhat[2 * i] = buf[off + s0];
      zhat[2 * i + 1] = buf[off + s1];
      S0[4 * i] = buf[off + r0 + s0];
      S0[4 * i + 1] = buf[off + r0 + s1];
      S0[4 * i + 2] = buf[off + r1 + s0];
      S0[4 * i + 3] = buf[off + r1 + s1];
    }
  }


  /** Write a fresh tentative track's bookkeeping. */
  private initRecord(i: number, t: number, score: number): void {
    this.id[i] = 0;
    this.status[i] = TENTATIVE;
    this.age[i] = 0;
    this.hits[i] = 1;
    this.consecutiveMisses[i] = 0;
    this.hitBits[i] = 1;
    this.score[i] = score;
    this.scoreMax[i] = score;
    this.tPred[i] = t;
    this.dead[i] = 0;
  }

  /**
   * Seeds held from the previous scan can be paired with this scan's detections exactly and
   * cheaply when every seed's one-detection track would predict to the same gate: same sensor,
   * one R, a linear position measurement, and a predicted measurement equal to the seed (zero
   * prior velocity). Check that on a representative seed; otherwise turn every seed into a full
   * tentative track now (it is then predicted, gated and associated like any other).
   */
  private prepareSeeds(scan: Scan): void {
    this.seedUsable = false;
    if (this.nSeeds === 0) return;
    const model = scan.sensor.model;
    const m = model.mdim;
    const mm = m * m;
    const S = this.slotSize;
    let usable = this.seedSensor !== null && scan.sensor.model === this.seedSensor.model && scan.uniformR && model.selection !== null;
    if (usable && scan.count > 0) {
      for (let k = 0; k < mm; k++) if (scan.R[k] !== this.seedR[k]) usable = false;
    }
    if (usable && scan.count > 0) {
      if (this.seedSlot.length < S) this.seedSlot = new Float64Array(S);
      const zh = this.seedZhat;
      const S0 = this.seedS0rep;
      if (!this.initiator.initiate(this.predictor, model, this.seedT, this.seedZ, 0, this.seedR, 0, this.seedSlot, 0)) {
        usable = false;
      } else {
        this.predictor.predict(this.seedSlot, 0, scan.t - this.seedT);
        this.updater.predictMeasurement(model, this.seedSlot, 0, zh, 0, S0, 0);
        for (let a = 0; a < m; a++) {
          const z0 = this.seedZ[a];
          if (!(Math.abs(zh[a] - z0) <= 1e-9 * Math.max(1, Math.abs(z0)))) usable = false;
        }
      }
    }
    if (usable) {
      this.seedUsable = true;
      return;
    }
    if (scan.count === 0) {
      // no detection to pair with: every seed's track would miss and be dropped
      this.nSeeds = 0;
      return;
    }
    // Fallback: materialise the seeds as tentative tracks at their own time.
    const seedModel = this.seedSensor!.model;
    const sm = seedModel.mdim;
    for (let k = 0; k < this.nSeeds; k++) {
      const i = this.add();
      if (!this.initiator.initiate(this.predictor, seedModel, this.seedT, this.seedZ, k * sm, this.seedR, 0, this.buf, i * S)) {
        this.count--;
        continue;
      }
      this.initRecord(i, this.seedT, this.seedL1);
    }
    this.nSeeds = 0;
  }

  /**
   * Gate the seeds (all sharing the representative predicted S₀, centred on their detections)
   * against the detections still unused, assign them (GNN), and start a tentative track for every
   * pair: initiated at the seed's time, predicted, updated with the paired detection — exactly
   * the track the seed would have become. Unpaired seeds are dropped (a miss would have ended
   * them). Returns the new count of tentative rows (new tracks are appended to rowsT).
   */
  private pairSeeds(scan: Scan, nT: number): number {
    const n0 = this.nSeeds;
    this.nSeeds = 0;
    if (!this.seedUsable) return nT;
    const model = scan.sensor.model;
    const m = model.mdim;
    const mm = m * m;
    const nd = scan.count;
    if (this.seedRows.length < n0) {
      this.seedRows = new Int32Array(2 * n0);
      for (let k = 0; k < this.seedRows.length; k++) this.seedRows[k] = k;
      this.seedResult.assigned = new Int32Array(2 * n0);
    }
    // Fast path: gate the seeds on the grid this scan's track gate already built (same entries).
    const shared = this.gater.gateSharedPlanar(n0, this.seedZ, this.seedS0rep, scan, this.used);
    if (shared !== null) {
      if (shared.nnz === 0) return nT;
      if (this.seedResult.beta.length < shared.nnz) this.seedResult.beta = new Float64Array(2 * shared.nnz);
      const avail = this.available; // = !used
      const ctx = { pd: scan.sensor.pd, pg: this.gater.gateProbability, clutterDensity: scan.sensor.clutterDensity, detections: nd, available: avail };
      const c0 = this.clock !== null ? this.clock() : 0;
      this.tentativeAssociator.associate(shared, this.seedRows, n0, ctx, this.seedResult);
      if (this.clock !== null) this.assocSeconds += this.clock() - c0;
      return this.startSeedTracks(scan, n0, nT, null);
    }
    if (this.unusedIdx.length < nd) {
      this.unusedIdx = new Int32Array(2 * nd);
      this.unusedZ = new Float64Array(2 * nd * m);
    }
    let nu = 0;
    for (let j = 0; j < nd; j++) {
      if (this.used[j]) continue;
      for (let a = 0; a < m; a++) this.unusedZ[nu * m + a] = scan.z[j * m + a];
      this.unusedIdx[nu++] = j;
    }
    if (nu === 0) return nT;
    if (this.seedS0.length < n0 * mm) this.seedS0 = new Float64Array(2 * n0 * mm);
    for (let k = 0; k < n0; k++) for (let q = 0; q < mm; q++) this.seedS0[k * mm + q] = this.seedS0rep[q];
    const sub = this.subScan ?? (this.subScan = { t: 0, count: 0, z: this.unusedZ, R: scan.R, uniformR: true, sensor: scan.sensor });
    sub.t = scan.t;
    sub.count = nu;
    sub.z = this.unusedZ;
    sub.R = scan.R;
    sub.sensor = scan.sensor;
    const gate = this.seedGater.run(n0, this.seedZ, this.seedS0, sub);
    if (gate.nnz === 0) return nT;
    if (this.seedResult.beta.length < gate.nnz) this.seedResult.beta = new Float64Array(2 * gate.nnz);
    const avail = this.available;
    avail.fill(1, 0, nu);
    const ctx = { pd: scan.sensor.pd, pg: this.gater.gateProbability, clutterDensity: scan.sensor.clutterDensity, detections: nu, available: avail };
    this.tentativeAssociator.associate(gate, this.seedRows, n0, ctx, this.seedResult);
    return this.startSeedTracks(scan, n0, nT, this.unusedIdx);
  }

  /**
   * Start a tentative track for every seed k the association paired (seedResult.assigned[k]: a
   * detection, or an index into `unusedIdx` when given). Returns the new tentative row count.
   */
  private startSeedTracks(scan: Scan, n0: number, nT: number, unusedIdx: Int32Array | null): number {
    const model = scan.sensor.model;
    const m = model.mdim;
    const mm = m * m;
    const S = this.slotSize;
    const lnHit = logLikelihoodRatio(0, scan.sensor.pd, scan.sensor.clutterDensity);
    for (let k = 0; k < n0; k++) {
      const u = this.seedResult.assigned[k];
      if (u < 0) continue;
      const j = unusedIdx !== null ? unusedIdx[u] : u;
      const i = this.add();
      const off = i * S;
      if (!this.initiator.initiate(this.predictor, model, this.seedT, this.seedZ, k * m, this.seedR, 0, this.buf, off)) {
        this.count--;
        continue;
      }
      this.predictor.predict(this.buf, off, scan.t - this.seedT);
      const ll = this.updater.update(model, this.buf, off, scan.z, j * m, scan.R, scan.uniformR ? 0 : j * mm);
      this.initRecord(i, scan.t, this.seedL1);
      this.score[i] = this.seedL1 + lnHit + ll;
      this.scoreMax[i] = Math.max(this.seedL1, this.score[i]);
      this.age[i] = 1;
      this.hits[i] = 2;
      this.hitBits[i] = 3;
      this.used[j] = 1;
      this.available[j] = 0;
      this.rowsT[nT++] = i;
      this.seedTracks++;
    }
    return nT;
  }

  /** Update the given rows from the association result and keep their bookkeeping. */
  private apply(soft: boolean, rows: Int32Array, nrows: number, scan: Scan, gate: GateTable, confirmed: boolean): void {
    const model = scan.sensor.model;
    const m = model.mdim;
    const mm = m * m;
    const S = this.slotSize;
    const pd = scan.sensor.pd;
    const lam = scan.sensor.clutterDensity;
    const lnMiss = missLogWeight(pd, this.gater.gateProbability);
    // ln(P_D/λ), so a hit adds lnHit + ln N(ν; 0, S)
    const lnHit = logLikelihoodRatio(0, pd, lam);
    const res = this.result;
    if (this.kernelModel !== model) {
      this.kernelModel = model;
      this.kernel = directKalmanKernel(this.updater, model);
    }
    // The linear Kalman updater's own kernel, called directly (what updater.update would run).
    const kernel = this.kernel;
    // ln|S| the planar gate already took for each row (the kernel checks |S| is the same number).
    const known = kernel !== null && m === 2 && this.gater.usedPlanar(scan);
    const detS = this.gater.detS;
    const lnDetS = this.gater.lnDetS;
    const { buf, score, scoreMax, hits, consecutiveMisses, hitBits, age, used, available, llOut, deleter, dead } = this;
    const assigned = res.assigned;
    const z = scan.z;
    const R = scan.R;
    // With one R for the scan every detection reads the first copy (the same numbers, and it stays
    // in cache — detection j's own copy is touched for the first time here, a memory stall).
    const rs = scan.uniformR ? 0 : mm;
    // The 2-D NCV kernel for all rows in one call (the single kernel is too large for V8 to
    // inline: a call per update saved); each update touches only its own track, and the loop
    // below reads the log-likelihoods in the same row order.
    const batch = !soft && kernel === josephSelect4x2Into;
    const llRows = batch && this.llRows.length < nrows ? (this.llRows = new Float64Array(2 * nrows)) : this.llRows;
    if (batch) {
      if (known) josephSelect4x2Rows(llRows, rows, nrows, assigned, buf, S, z, R, rs, detS, lnDetS);
      else josephSelect4x2Rows(llRows, rows, nrows, assigned, buf, S, z, R, rs);
    }
    for (let k = 0; k < nrows; k++) {
      const i = rows[k];
      const off = i * S;
      let hit = false;
      if (!soft) {
        const j = assigned[i];
        if (j >= 0) {
          let ll: number;
          if (batch) {
            ll = llRows[k];
          } else if (kernel !== null) {
            if (known) kernel(llOut, 0, buf, off, z, j * m, R, j * rs, detS, lnDetS, i);
            else kernel(llOut, 0, buf, off, z, j * m, R, j * rs);
            ll = llOut[0];
          } else {
            ll = this.updater.update(model, buf, off, z, j * m, R, j * rs);
          }
          score[i] += lnHit + ll;
          used[j] = 1;
          available[j] = 0;
          hit = true;
        } else {
          score[i] += lnMiss;
        }
      } else {
        hit = this.softUpdate(i, scan, gate);
      }
      if (hit) {
        hits[i]++;
        consecutiveMisses[i] = 0;
        hitBits[i] = (hitBits[i] << 1) | 1;
      } else {
        consecutiveMisses[i]++;
        hitBits[i] = hitBits[i] << 1;
      }
      age[i]++;
      if (score[i] > scoreMax[i]) scoreMax[i] = score[i];
      // step 5's deletion test for confirmed tracks, taken here while the row is in cache (it
      // reads only track i, which nothing changes between here and step 5)
      if (confirmed && deleter.shouldDelete(this, i)) dead[i] = 1;
    }
  }

  /**
   * PDA update of track i with weights β from the associator: the moment-matched mixture of the
   * "no detection" hypothesis (β₀, the prediction) and one Kalman update per gated detection
   * (β_j) — Bar-Shalom et al. 2009, eqs. 37–40, in mixture form so any filter (EKF, UKF, IMM)
   * can be used; hypotheses with weight < 10⁻⁴ are pruned first. Returns whether the track
   * counts as detected (β₀ < ½).
   */
  private softUpdate(i: number, scan: Scan, gate: GateTable): boolean {
    // ln(1 − P_D P_G), recomputed here rather than passed (a double argument is boxed per call)
    const lnMiss = missLogWeight(scan.sensor.pd, this.gater.gateProbability);
    // logLikelihoodRatio(lnG, P_D, λ) = ln P_D + lnG − ln max(λ, 10⁻³⁰), term for term
    const lnPd = Math.log(scan.sensor.pd);
    const lnLam = Math.log(Math.max(scan.sensor.clutterDensity, 1e-30));
    const model = scan.sensor.model;
    const m = model.mdim;
    const mm = m * m;
    const S = this.slotSize;
    const res = this.result;
    const off = i * S;
    const g0 = gate.rowStart[i];
    const g1 = gate.rowStart[i + 1];
    const need = (g1 - g0 + 1) * S;
    if (this.hypo.length < need) {
      this.hypo = new Float64Array(2 * need);
      this.hypoOffs = new Int32Array(2 * (g1 - g0 + 1));
      this.hypoW = new Float64Array(2 * (g1 - g0 + 1));
    }
    const { hypo, hypoOffs, hypoW } = this;
    // score: ln(b + Σ ℓ_j) with b = 1 − P_D P_G, by log-sum-exp
    let best = lnMiss;
    for (let g = g0; g < g1; g++) {
      if (res.beta[g] <= 0) continue;
      const l = lnPd + gate.lnG[g] - lnLam;
      if (l > best) best = l;
    }
    let sum = Math.exp(lnMiss - best);
    for (let g = g0; g < g1; g++) {
      if (res.beta[g] <= 0) continue;
      sum += Math.exp(lnPd + gate.lnG[g] - lnLam - best);
      this.claim[gate.det[g]] += res.beta[g];
      if (this.claim[gate.det[g]] >= this.claimThreshold) {
        this.used[gate.det[g]] = 1;
        this.available[gate.det[g]] = 0;
      }
    }
    this.score[i] += best + Math.log(sum);
    const beta0 = res.beta0[i];
    // Prune hypotheses below PRUNE_WEIGHT (Gaussian-mixture pruning; the rest are renormalised).
    // A single survivor needs no mixture: update in place (or leave the prediction).
    let kept = beta0 >= PRUNE_WEIGHT ? 1 : 0;
    let only = -1;
    for (let g = g0; g < g1; g++) {
      if (res.beta[g] >= PRUNE_WEIGHT) {
        kept++;
        only = g;
      }
    }
    if (kept <= 1) {
      if (only >= 0 && beta0 < PRUNE_WEIGHT) {
        const j = gate.det[only];
        this.updater.update(model, this.buf, off, scan.z, j * m, scan.R, scan.uniformR ? 0 : j * mm);
        return true;
      }
      return false;
    }
    let h = 0;
    if (beta0 >= PRUNE_WEIGHT) {
      for (let k = 0; k < S; k++) hypo[k] = this.buf[off + k];
      hypoOffs[0] = 0;
      hypoW[0] = beta0;
      h = 1;
    }
    for (let g = g0; g < g1; g++) {
      const b = res.beta[g];
      if (!(b >= PRUNE_WEIGHT)) continue;
      const o = h * S;
      for (let k = 0; k < S; k++) hypo[o + k] = this.buf[off + k];
      const j = gate.det[g];
      this.updater.update(model, hypo, o, scan.z, j * m, scan.R, scan.uniformR ? 0 : j * mm);
      hypoOffs[h] = o;
      hypoW[h] = b;
      h++;
    }
    let wsum = 0;
    for (let k = 0; k < h; k++) wsum += hypoW[k];
    for (let k = 0; k < h; k++) hypoW[k] /= wsum;
    this.predictor.mergeSlots(this.buf, off, hypo, hypoOffs, hypoW, h);
    return beta0 < 0.5;
  }

  /** Track id (0 for tentative tracks) of pool index i. */
  trackId(i: number): number {
    return this.id[i];
  }

  /** Offset of pool index i's slot in `buf` (mean at +0, covariance at +ndim). */
  slotOffset(i: number): number {
    return i * this.slotSize;
  }

  /** The confirmed tracks now, as objects (allocates; for the next stage, not the hot loop). */
  tracks(): Track[] {
    const n = this.ndim;
    const out: Track[] = [];
    for (let i = 0; i < this.count; i++) {
      if (this.status[i] !== CONFIRMED) continue;
      const off = i * this.slotSize;
      out.push({
        id: this.id[i],
        t: this.lastTime,
        state: this.buf.slice(off, off + n),
        covariance: this.buf.slice(off + n, off + n + n * n),
        quality: 1 / (1 + Math.exp(-this.score[i])),
        hits: this.hits[i],
        consecutiveMisses: this.consecutiveMisses[i],
      });
    }
    return out;
  }
}

/** Compose a tracker from its parts. */
export function multiTargetTracker(parts: TrackerParts): MultiTargetTracker {
  return new MultiTargetTracker(parts);
}
