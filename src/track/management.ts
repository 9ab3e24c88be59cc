/**
 * Track management: initiation, confirmation and deletion. Equations: docs/models/tracking.md
 * §Track management.
 *
 * Initiation (`singlePointInitiator`): an unused detection starts a tentative track whose position
 * is the detection (converted to Cartesian with covariance J R Jᵀ for a radar) and whose velocity
 * is 0 with a standard deviation `velocityStd` per axis (Stone Soup's SimpleMeasurementInitiator
 * prior). The second associated detection then fixes the velocity — the classic two-point
 * initiation, with the velocity prior acting as the maximum-speed gate. With a known target
 * prior instead, the prior is updated with the first detection (Stone Soup's
 * SinglePointInitiator).
 *
 * Confirmation, either
 *  - by track score (sequential probability ratio test on the log-likelihood ratio L of "target"
 *    vs "false alarms"; Blackman & Popoli, "Design and Analysis of Modern Tracking Systems" 1999,
 *    §6.2): confirm when L ≥ ln((1 − β)/α), drop a tentative track when L ≤ ln(β/(1 − α)), with
 *    α the probability of confirming a false track and β that of dropping a true one. The score
 *    adapts the number of detections needed to the clutter: with no clutter a track is confirmed
 *    by its first detection, in dense clutter it takes several; or
 *  - M of N: confirm with M hits within the first N scans; drop when M can no longer be reached.
 *
 * Deletion of confirmed tracks (`trackDeleter`): any of — the score fell more than `scoreDrop`
 * below its maximum (Blackman & Popoli §6.2.3), `maxConsecutiveMisses` misses in a row, or the
 * position covariance trace exceeds `maxPositionVariance` (the track no longer localises the
 * target).
 */
import type { Deleter, Initiator, MeasurementModel, Predictor, TrackRecord, Updater } from './types.js';

export type Confirmation =
  | {
      kind: 'score';
      /** α: probability of confirming a false track (default 1e-3). */
      falseTrackProbability?: number;
      /** β: probability of dropping a true track (default 0.1). */
      missedTrackProbability?: number;
      /** Drop tentative tracks older than this many scans (default 8). */
      maxTentativeAge?: number;
    }
  | { kind: 'm-of-n'; m: number; n: number };

export interface SinglePointInitiatorOptions {
  /** 1-σ speed per axis of a new track's velocity prior (m/s). */
  velocityStd: number;
  /**
   * A known prior N(mean, cov) of a new target's state (tracker layout, n and n×n), updated
   * with the first detection by `updater` — Stone Soup's SinglePointInitiator. The prior holds
   * at time `t0` (default: the detection's time) and is predicted to the detection. When given it
   * replaces the detection-centred prior (use when the target prior is really known, e.g. a
   * Monte Carlo study against the PCRLB, which assumes it).
   */
  prior?: { mean: ArrayLike<number>; cov: ArrayLike<number>; updater: Updater; t0?: number };
  /** 1-σ acceleration per axis for NCA states (m/s², default 10). */
  accelerationStd?: number;
  /** 1-σ turn rate for CT states (rad/s, default 0.1). */
  turnRateStd?: number;
  confirmation?: Confirmation;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

class SinglePointInitiator implements Initiator {
  readonly name: string;
  private readonly vVar: number;
  private readonly aVar: number;
  private readonly wVar: number;
  private readonly conf: Confirmation;
  private readonly confirmScore: number;
  private readonly dropScore: number;
  private readonly maxAge: number;
  private predictorSeen: Predictor | null = null;
  private x = new Float64Array(0);
  private xView = new Float64Array(0);
  private PView = new Float64Array(0);
  private posIdx = new Int32Array(0);
  private velIdx = new Int32Array(0);
  private accIdx = new Int32Array(0);
  private turnIdx = -1;
  private readonly pos = new Float64Array(3);
  private readonly Ppos = new Float64Array(9);

  private readonly prior: SinglePointInitiatorOptions['prior'];

  constructor(o: SinglePointInitiatorOptions) {
    if (!(o.velocityStd > 0)) throw new RangeError(`initiator: velocityStd must be > 0, got ${o.velocityStd}`);
    this.prior = o.prior;
    this.vVar = o.velocityStd * o.velocityStd;
    this.aVar = (o.accelerationStd ?? 10) ** 2;
    this.wVar = (o.turnRateStd ?? 0.1) ** 2;
    this.conf = o.confirmation ?? { kind: 'score' };
    if (this.conf.kind === 'score') {
      const alpha = this.conf.falseTrackProbability ?? 1e-3;
      const beta = this.conf.missedTrackProbability ?? 0.1;
      this.confirmScore = Math.log((1 - beta) / alpha);
      this.dropScore = Math.log(beta / (1 - alpha));
      this.maxAge = this.conf.maxTentativeAge ?? 8;
      this.name = `single-point initiator, score confirmation (α=${alpha}, β=${beta})`;
    } else {
      const { m, n } = this.conf;
      if (!(Number.isInteger(m) && Number.isInteger(n) && m >= 1 && n >= m && n <= 31)) {
        throw new RangeError(`initiator: M-of-N needs integers 1 ≤ M ≤ N ≤ 31, got ${m} of ${n}`);
      }
      this.confirmScore = Infinity;
      this.dropScore = -Infinity;
      this.maxAge = n;
      this.name = `single-point initiator, ${m}-of-${n} confirmation`;
    }
  }

  initiate(predictor: Predictor, model: MeasurementModel, t: number, z: Float64Array, zo: number, R: Float64Array, ro: number, buf: Float64Array, off: number): boolean {
    const n = predictor.ndim;
    if (this.prior) {
      // The prior describes the target at time t0: predict it to the detection's time first.
      predictor.initSlot(buf, off, this.prior.mean, this.prior.cov);
      predictor.predict(buf, off, t - (this.prior.t0 ?? t));
      return this.prior.updater.update(model, buf, off, z, zo, R, ro) > -Infinity;
    }
    if (this.predictorSeen !== predictor) this.setup(predictor);
    const { pos, Ppos, posIdx, velIdx, accIdx } = this;
    if (!model.invert(z, zo, R, ro, pos, Ppos)) return false;
    // A plain Gaussian slot is [x, P]: write it in place; other filters (IMM) get x, P via initSlot.
    const plain = predictor.slotSize === n + n * n;
    const X = plain ? buf : this.x;
    const xo = plain ? off : 0;
    const po = xo + n;
    X.fill(0, xo, po + n * n);
    const d = posIdx.length;
    for (let a = 0; a < d; a++) {
      const ia = posIdx[a];
      X[xo + ia] = pos[a];
      for (let b = 0; b < d; b++) X[po + ia * n + posIdx[b]] = Ppos[a * d + b];
    }
    for (let k = 0; k < velIdx.length; k++) X[po + velIdx[k] * (n + 1)] = this.vVar;
    for (let k = 0; k < accIdx.length; k++) X[po + accIdx[k] * (n + 1)] = this.aVar;
    if (this.turnIdx >= 0) X[po + this.turnIdx * (n + 1)] = this.wVar;
    if (!plain) predictor.initSlot(buf, off, this.xView, this.PView);
    return true;
  }

  private setup(p: Predictor): void {
    const n = p.ndim;
    this.predictorSeen = p;
    this.x = new Float64Array(n + n * n);
    this.xView = this.x.subarray(0, n);
    this.PView = this.x.subarray(n);
    this.posIdx = Int32Array.from(p.positionIndices);
    this.velIdx = Int32Array.from(p.velocityIndices);
    this.accIdx = Int32Array.from(p.accelerationIndices);
    this.turnIdx = p.turnRateIndex;
  }

  confirm(tracks: TrackRecord, i: number): boolean {
    if (this.conf.kind === 'score') return tracks.score[i] >= this.confirmScore;
    const window = (1 << this.conf.n) - 1;
    return popcount(tracks.hitBits[i] & window) >= this.conf.m && tracks.age[i] < this.conf.n;
  }

  needsSecondDetection(score: number, lnMiss: number): boolean {
    if (this.prior) return false; // a prior-based track does not stay at its detection: no shared seed gate
    if (this.conf.kind === 'score') return score < this.confirmScore && (score + lnMiss <= this.dropScore || this.maxAge <= 1);
    // M of N: one hit then a miss leaves n − 2 chances for m − 1 more hits
    const { m, n } = this.conf;
    return m >= 2 && 1 + (n - 2) < m;
  }

  abandon(tracks: TrackRecord, i: number): boolean {
    const age = tracks.age[i];
    if (this.conf.kind === 'score') return tracks.score[i] <= this.dropScore || age >= this.maxAge;
    const { m, n } = this.conf;
    if (age >= n - 1) return true; // window over without confirmation
    const seen = age + 1;
    const hits = popcount(tracks.hitBits[i] & ((1 << seen) - 1));
    return hits + (n - seen) < m;
  }
}

/** One detection → tentative track with a zero-mean velocity prior; score or M-of-N confirmation. */
export function singlePointInitiator(options: SinglePointInitiatorOptions): Initiator {
  return new SinglePointInitiator(options);
}

export interface DeleterOptions {
  /** Delete when the score falls this far below its maximum (default 6.9 ≈ ln 1000). */
  scoreDrop?: number;
  /** Delete after this many consecutive misses (default: no limit). */
  maxConsecutiveMisses?: number;
  /** Delete when the position covariance trace exceeds this (m², default: no limit). */
  maxPositionVariance?: number;
}

class TrackDeleter implements Deleter {
  readonly name: string;
  private readonly drop: number;
  private readonly misses: number;
  private readonly maxVar: number;

  constructor(o: DeleterOptions) {
    this.drop = o.scoreDrop ?? 6.9;
    this.misses = o.maxConsecutiveMisses ?? Infinity;
    this.maxVar = o.maxPositionVariance ?? Infinity;
    this.name = `deleter (score drop ${this.drop}, misses ${this.misses}, position variance ${this.maxVar})`;
  }

  shouldDelete(tracks: TrackRecord, i: number): boolean {
    if (tracks.scoreMax[i] - tracks.score[i] > this.drop) return true;
    if (tracks.consecutiveMisses[i] >= this.misses) return true;
    if (this.maxVar < Infinity) {
      const n = tracks.ndim;
      const p = i * tracks.slotSize + n;
      let tr = 0;
      for (const k of tracks.positionIndices) tr += tracks.buf[p + k * n + k];
      if (!(tr <= this.maxVar)) return true;
    }
    return false;
  }
}

/** Confirmed-track deletion by score drop, consecutive misses or covariance growth. */
export function trackDeleter(options: DeleterOptions = {}): Deleter {
  return new TrackDeleter(options);
}
