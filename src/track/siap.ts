/**
 * Single Integrated Air Picture (SIAP) measures and track-id continuity (scoring only: reads truth,
 * the tracker never does). Model text: docs/models/tracking.md §SIAP.
 *
 * Sources: SIAP System Engineering Task Force, Votruba et al., "Single Integrated Air Picture
 * (SIAP) Metrics Implementation", SIAP SE TF technical report 2001-003 (29 Oct 2001); the same
 * measures as Stone Soup's `SIAPMetrics` (stonesoup.metricgenerator.tracktotruthmetrics), whose
 * formulas and zero-denominator conventions are followed here:
 *
 *   completeness   C  = Σ_t JT(t) / Σ_t J(t)             truths held by ≥ 1 track / truths present
 *   ambiguity      A  = Σ_t NA(t) / Σ_t JT(t)            tracks assigned / truths held (1 ideal)
 *   spuriousness   S  = Σ_t [N(t) − NA(t)] / Σ_t N(t)    tracks assigned to no truth / all tracks
 *   accuracy       PA = Σ_t Σ_assoc ‖p̂ − p‖ / Σ_t NA(t),  VA likewise with velocities
 *   track-number change rate  R  = Σ_j max(NU_j − 1, 0) / Σ_j TT_j
 *   longest segment           LS = Σ_j TL_j / Σ_j T_j
 *
 * with J(t) truths present, JT(t) truths held, N(t) tracks, NA(t) tracks assigned to a truth,
 * NU_j the fewest association segments that cover every held sample of truth j (greedy interval
 * cover, as Stone Soup's `min_num_tracks_needed_to_track`), TT_j the time truth j is tracked
 * (Σ of sample intervals (t_k, t_{k+1}) of j covered by one segment), TL_j the longest segment
 * (s) and T_j the truth's lifetime (last − first sample time it is present). A segment is a
 * maximal run of consecutive samples in which the same track is assigned to the same truth.
 * Zero denominators take Stone Soup's values: C = 0, A = 1, S = 0, PA = 0, R = 0, LS = 0;
 * VA is null when no assigned pair ever had velocities on both sides.
 *
 * Where this differs from Stone Soup (documented, deliberate): (1) NU_j − 1 is clamped at 0 —
 * Stone Soup subtracts 1 for a truth never tracked, which lowers R for untracked truths; (2) a
 * one-sample segment does not end the cover walk (Stone Soup's `index(end, i + 1)` does);
 * (3) association is per sample with the rule below rather than Stone Soup's TrackToTruth
 * (which needs `consec_pairs_confirm` samples to start an association).
 *
 * Association rule, each sample (a track is assigned to at most one truth; a truth may hold
 * several tracks — that is what ambiguity measures):
 *   1. Primary tracks: an optimal one-to-one assignment of tracks to truths among pairs at
 *      distance d < associationDistance, minimising lexicographically (a) the number of truths
 *      left without a track, (b) the number of pairs that break the previous sample's
 *      truth–track association (hysteresis: an association is kept while it stays within the
 *      distance, as Stone Soup's TrackToTruth keeps one), (c) Σ d. Solved by the JV shortest
 *      augmenting path solver on the gated pairs plus one dummy column per truth, with costs
 *      d/c − B·[continuing] and K per unassigned truth, B = R + 1, K = R·(B + 1) + 1
 *      (R = min(truths, tracks)) so that each criterion dominates the next.
 *   2. Redundant tracks: every track left over that is within the distance of some truth goes to
 *      the truth it was assigned to at the previous sample if still within the distance, else to
 *      its nearest truth (ties: first truth in input order).
 * Continuity counts, from the primary tracks: an id change is a truth's primary track id
 * differing from the last one it had; a break is a truth held at the previous sample, present
 * but held by no track now; an id swap is two truths exchanging primary track ids (truth i's
 * primary changes p → q where q was last primary of truth j whose primary is now p; counted once,
 * whether both change in the same sample or one after the other).
 *
 * Samples are counted with equal weight (Stone Soup sums over timestamps); with a fixed decision
 * cycle that is the time average. Allocation: per-sample work reuses grown buffers; a Map entry
 * per distinct truth/track id and one small object per association segment.
 */
import { AssignmentSolver } from './assignment.js';
import type { TrackingCase } from './case.js';

export interface SiapOptions {
  /** Association distance (m): a track can be assigned to a truth only if closer than this. */
  associationDistance: number;
}

/** Objects present at one time: ids, positions (3 per object, m) and optionally velocities (3 per object, m/s). */
export interface SiapSample {
  ids: readonly string[];
  positions: Float64Array;
  velocities?: Float64Array;
}

export interface SiapMeasures {
  /** Number of samples (add calls). */
  samples: number;
  /** C = Σ JT / Σ J ∈ [0, 1] (0 if no truth was ever present). */
  completeness: number;
  /** A = Σ NA / Σ JT ≥ 1 (1 if no truth was ever held). */
  ambiguity: number;
  /** S = Σ (N − NA) / Σ N ∈ [0, 1] (0 if there was never a track). */
  spuriousness: number;
  /** Mean distance (m) of assigned tracks to their truths (0 if none was assigned). */
  positionAccuracy: number;
  /** Mean velocity error (m/s) of assigned tracks; null if velocities were never given on both sides. */
  velocityAccuracy: number | null;
  /** R = Σ_j max(NU_j − 1, 0) / Σ_j TT_j: track-number changes per truth per second tracked (0 if never tracked). */
  idChangeRate: number;
  /** LS = Σ_j TL_j / Σ_j T_j ∈ [0, 1] (0 if every truth lived a single sample). */
  longestSegment: number;
  /** Truths that lost every track while still present. */
  breaks: number;
  /** Pairs of truths that exchanged primary track ids. */
  swaps: number;
  /** Mean number of truths per sample. */
  meanTruths: number;
  /** Mean number of tracks per sample. */
  meanTracks: number;
}

/** One association segment: track held on a truth over consecutive samples [start, end]. */
interface Segment {
  start: number;
  startT: number;
  /** Last sample index at which the segment was seen (open segments). */
  seen: number;
  end: number;
  endT: number;
}

interface TruthState {
  firstT: number;
  lastT: number;
  /** Index of the last sample at which the truth was present. */
  lastSample: number;
  /** Held by ≥ 1 track at lastSample. */
  held: boolean;
  /** Last primary track id (persists through unheld samples). */
  primary: string | null;
  open: Map<string, Segment>;
  closed: Segment[];
  /** TT_j (s). */
  tracked: number;
}

interface TrackState {
  /** Truth id this track was assigned to at sample `assignedSample` (null: none). */
  truth: string | null;
  assignedSample: number;
  /** Truth this track was last the primary track of. */
  primaryOf: string | null;
}

function checkSample(s: SiapSample, what: string): void {
  if (s === null || typeof s !== 'object' || !Array.isArray(s.ids) || !(s.positions instanceof Float64Array)) {
    throw new TypeError(`SIAP: ${what} must be { ids: string[], positions: Float64Array, velocities?: Float64Array }`);
  }
  const n = s.ids.length;
  if (s.positions.length !== 3 * n) {
    throw new RangeError(`SIAP: ${what}.positions has ${s.positions.length} numbers, expected 3 × ${n} ids = ${3 * n}`);
  }
  for (let k = 0; k < s.positions.length; k++) {
    if (!Number.isFinite(s.positions[k])) throw new RangeError(`SIAP: ${what}.positions[${k}] is ${s.positions[k]} (must be finite)`);
  }
  if (s.velocities !== undefined) {
    if (!(s.velocities instanceof Float64Array) || s.velocities.length !== 3 * n) {
      throw new RangeError(`SIAP: ${what}.velocities must be a Float64Array of 3 × ${n} ids = ${3 * n} numbers`);
    }
    for (let k = 0; k < s.velocities.length; k++) {
      if (!Number.isFinite(s.velocities[k])) throw new RangeError(`SIAP: ${what}.velocities[${k}] is ${s.velocities[k]} (must be finite)`);
    }
  }
}

/**
 * Accumulates SIAP measures over a sequence of samples (one `add` per time, times strictly
 * increasing). `result()` may be called at any time; it does not end the accumulation.
 */
export class SiapAccumulator {
  private readonly c: number;
  private samples = 0;
  private lastTime = -Infinity;
  // Σ over samples
  private sumJ = 0;
  private sumJT = 0;
  private sumNA = 0;
  private sumN = 0;
  private sumPos = 0;
  private sumVel = 0;
  private countVel = 0;
  private breaks = 0;
  private swaps = 0;
  private idChanges = 0;
  private readonly truths = new Map<string, TruthState>();
  private readonly tracks = new Map<string, TrackState>();
  private readonly solver = new AssignmentSolver();
  private readonly truthIndex = new Map<string, number>();
  private readonly trackSeen = new Set<string>();
  // Per-sample buffers, grown on demand.
  private dist = new Float64Array(0);
  private rowStart = new Int32Array(0);
  private col = new Int32Array(0);
  private cost = new Float64Array(0);
  private rowAssign = new Int32Array(0);
  private colAssign = new Int32Array(0);
  private trackTruth = new Int32Array(0);
  private nextOnTruth = new Int32Array(0);
  private headOfTruth = new Int32Array(0);
  private truthPrimary = new Int32Array(0);
  private truthStates: TruthState[] = [];
  private trackStates: TrackState[] = [];

  constructor(o: SiapOptions) {
    if (o === null || typeof o !== 'object' || !(Number.isFinite(o.associationDistance) && o.associationDistance > 0)) {
      throw new RangeError(`SIAP: associationDistance must be a positive finite number of metres, got ${o?.associationDistance}`);
    }
    this.c = o.associationDistance;
  }

  private ensure(nx: number, ny: number): void {
    if (this.dist.length < nx * ny) this.dist = new Float64Array(Math.max(nx * ny, 2 * this.dist.length));
    if (this.rowStart.length < nx + 1) {
      const n = Math.max(nx + 1, 2 * this.rowStart.length);
      this.rowStart = new Int32Array(n);
      this.rowAssign = new Int32Array(n);
      this.headOfTruth = new Int32Array(n);
      this.truthPrimary = new Int32Array(n);
    }
    const e = nx * ny + nx;
    if (this.col.length < e) {
      const n = Math.max(e, 2 * this.col.length);
      this.col = new Int32Array(n);
      this.cost = new Float64Array(n);
    }
    if (this.colAssign.length < nx + ny) this.colAssign = new Int32Array(Math.max(nx + ny, 2 * this.colAssign.length));
    if (this.trackTruth.length < ny) {
      const n = Math.max(ny, 2 * this.trackTruth.length);
      this.trackTruth = new Int32Array(n);
      this.nextOnTruth = new Int32Array(n);
    }
  }

  /** Score one sample: truth objects and tracks present at time t (s). */
  add(t: number, truth: SiapSample, tracks: SiapSample): void {
    if (!Number.isFinite(t)) throw new RangeError(`SIAP: sample time must be finite, got ${t}`);
    if (!(t > this.lastTime)) throw new RangeError(`SIAP: sample times must increase strictly (got ${t} after ${this.lastTime})`);
    checkSample(truth, 'truth');
    checkSample(tracks, 'tracks');
    // Duplicate ids are rejected before any state changes.
    const truthIndex = this.truthIndex;
    truthIndex.clear();
    for (let i = 0; i < truth.ids.length; i++) {
      const id = truth.ids[i];
      if (typeof id !== 'string') throw new TypeError(`SIAP: truth.ids[${i}] must be a string, got ${typeof id}`);
      if (truthIndex.has(id)) throw new RangeError(`SIAP: truth id '${id}' appears twice at t = ${t}`);
      truthIndex.set(id, i);
    }
    const seen = this.trackSeen;
    seen.clear();
    for (const id of tracks.ids) {
      if (typeof id !== 'string') throw new TypeError(`SIAP: tracks.ids must be strings, got ${typeof id}`);
      if (seen.has(id)) throw new RangeError(`SIAP: track id '${id}' appears twice at t = ${t}`);
      seen.add(id);
    }
    const nx = truth.ids.length;
    const ny = tracks.ids.length;
    const c = this.c;
    const k = this.samples;
    this.ensure(nx, ny);
    const { dist, rowStart, col, cost, rowAssign, colAssign, trackTruth, nextOnTruth, headOfTruth, truthPrimary } = this;

    // Look up (or create) the state of every truth and track present.
    const ts = this.truthStates;
    ts.length = nx;
    for (let i = 0; i < nx; i++) {
      const id = truth.ids[i];
      let s = this.truths.get(id);
      if (!s) {
        s = { firstT: t, lastT: t, lastSample: -2, held: false, primary: null, open: new Map(), closed: [], tracked: 0 };
        this.truths.set(id, s);
      }
      ts[i] = s;
    }
    const ks = this.trackStates;
    ks.length = ny;
    for (let j = 0; j < ny; j++) {
      const id = tracks.ids[j];
      let s = this.tracks.get(id);
      if (!s) {
        s = { truth: null, assignedSample: -2, primaryOf: null };
        this.tracks.set(id, s);
      }
      ks[j] = s;
    }

    // Distances truth × track (row-major nx × ny).
    const X = truth.positions;
    const Y = tracks.positions;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const dx = X[3 * i] - Y[3 * j];
        const dy = X[3 * i + 1] - Y[3 * j + 1];
        const dz = X[3 * i + 2] - Y[3 * j + 2];
        dist[i * ny + j] = Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }

    // Stage 1: primary tracks by lexicographic optimal assignment (see the header).
    trackTruth.fill(-1, 0, ny);
    truthPrimary.fill(-1, 0, nx);
    if (nx > 0) {
      const R = Math.min(nx, ny);
      const B = R + 1;
      const K = R * (B + 1) + 1;
      let e = 0;
      for (let i = 0; i < nx; i++) {
        rowStart[i] = e;
        const id = truth.ids[i];
        for (let j = 0; j < ny; j++) {
          const d = dist[i * ny + j];
          if (!(d < c)) continue;
          const prev = ks[j];
          const continuing = prev.assignedSample === k - 1 && prev.truth === id;
          col[e] = j;
          cost[e] = d / c - (continuing ? B : 0);
          e++;
        }
        col[e] = ny + i; // dummy column: truth i left without a primary track
        cost[e] = K;
        e++;
      }
      rowStart[nx] = e;
      this.solver.solve(nx, ny + nx, rowStart, col, cost, rowAssign, colAssign);
      for (let i = 0; i < nx; i++) {
        const j = rowAssign[i];
        if (j >= 0 && j < ny) {
          truthPrimary[i] = j;
          trackTruth[j] = i;
        }
      }
      // Stage 2: redundant tracks to their previous truth if still within c, else the nearest.
      for (let j = 0; j < ny; j++) {
        if (trackTruth[j] >= 0) continue;
        const prev = ks[j];
        if (prev.truth !== null && prev.assignedSample === k - 1) {
          const i = truthIndex.get(prev.truth);
          if (i !== undefined && dist[i * ny + j] < c) {
            trackTruth[j] = i;
            continue;
          }
        }
        let best = -1;
        let bestD = c;
        for (let i = 0; i < nx; i++) {
          const d = dist[i * ny + j];
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        }
        trackTruth[j] = best;
      }
    }

    // Counts and accuracy.
    headOfTruth.fill(-1, 0, nx);
    let NA = 0;
    const V = truth.velocities;
    const W = tracks.velocities;
    for (let j = ny - 1; j >= 0; j--) {
      const i = trackTruth[j];
      if (i < 0) continue;
      NA++;
      nextOnTruth[j] = headOfTruth[i];
      headOfTruth[i] = j;
      this.sumPos += dist[i * ny + j];
      if (V && W) {
        const dx = V[3 * i] - W[3 * j];
        const dy = V[3 * i + 1] - W[3 * j + 1];
        const dz = V[3 * i + 2] - W[3 * j + 2];
        this.sumVel += Math.sqrt(dx * dx + dy * dy + dz * dz);
        this.countVel++;
      }
    }
    let JT = 0;

    // Continuity per truth.
    for (let i = 0; i < nx; i++) {
      const s = ts[i];
      const id = truth.ids[i];
      const held = headOfTruth[i] >= 0;
      if (held) JT++;
      const wasPresent = s.lastSample === k - 1;
      if (wasPresent && s.held && !held) this.breaks++;
      if (!wasPresent && s.open.size > 0) {
        // The truth was absent in between: its segments ended at its last presence.
        for (const [tid, seg] of s.open) this.close(s, tid, seg);
      }
      let continuing = false;
      for (let j = headOfTruth[i]; j >= 0; j = nextOnTruth[j]) {
        const tid = tracks.ids[j];
        const seg = s.open.get(tid);
        if (seg) {
          seg.seen = k;
          continuing = true;
        } else {
          s.open.set(tid, { start: k, startT: t, seen: k, end: k, endT: t });
        }
      }
      if (wasPresent) {
        for (const [tid, seg] of s.open) if (seg.seen !== k) this.close(s, tid, seg);
      }
      if (continuing) s.tracked += t - s.lastT;
      // Primary track: id changes and swaps.
      const jp = truthPrimary[i];
      if (jp >= 0) {
        const q = tracks.ids[jp];
        const p = s.primary;
        if (p !== null && p !== q) {
          this.idChanges++;
          const other = ks[jp].primaryOf;
          if (other !== null && other !== id && this.truths.get(other)!.primary === p) this.swaps++;
        }
        s.primary = q;
        ks[jp].primaryOf = id;
      }
      s.held = held;
      s.lastSample = k;
      s.lastT = t;
    }

    // Record this sample's assignment for the next sample's hysteresis.
    for (let j = 0; j < ny; j++) {
      const st = ks[j];
      st.truth = trackTruth[j] >= 0 ? truth.ids[trackTruth[j]] : null;
      st.assignedSample = k;
    }

    this.sumJ += nx;
    this.sumJT += JT;
    this.sumNA += NA;
    this.sumN += ny;
    this.samples++;
    this.lastTime = t;
  }

  private close(s: TruthState, tid: string, seg: Segment): void {
    seg.end = s.lastSample;
    seg.endT = s.lastT;
    s.closed.push(seg);
    s.open.delete(tid);
  }

  /** The measures over all samples so far. */
  result(): SiapMeasures {
    let sumExtra = 0; // Σ max(NU_j − 1, 0)
    let sumTT = 0;
    let sumTL = 0;
    let sumT = 0;
    for (const s of this.truths.values()) {
      const segs: Segment[] = s.closed.slice();
      for (const seg of s.open.values()) segs.push({ ...seg, end: s.lastSample, endT: s.lastT });
      let longest = 0;
      for (const seg of segs) longest = Math.max(longest, seg.endT - seg.startT);
      sumTL += longest;
      sumT += s.lastT - s.firstT;
      sumTT += s.tracked;
      sumExtra += Math.max(minimumCover(segs) - 1, 0);
    }
    return {
      samples: this.samples,
      completeness: this.sumJ > 0 ? this.sumJT / this.sumJ : 0,
      ambiguity: this.sumJT > 0 ? this.sumNA / this.sumJT : 1,
      spuriousness: this.sumN > 0 ? (this.sumN - this.sumNA) / this.sumN : 0,
      positionAccuracy: this.sumNA > 0 ? this.sumPos / this.sumNA : 0,
      velocityAccuracy: this.countVel > 0 ? this.sumVel / this.countVel : null,
      idChangeRate: sumTT > 0 ? sumExtra / sumTT : 0,
      longestSegment: sumT > 0 ? sumTL / sumT : 0,
      breaks: this.breaks,
      swaps: this.swaps,
      meanTruths: this.samples > 0 ? this.sumJ / this.samples : 0,
      meanTracks: this.samples > 0 ? this.sumN / this.samples : 0,
    };
  }
}

/**
 * NU_j: the fewest segments covering every sample covered by some segment (greedy: at the first
 * uncovered sample take the covering segment that ends last — optimal for interval point cover).
 */
function minimumCover(segs: Segment[]): number {
  if (segs.length === 0) return 0;
  segs.sort((a, b) => a.start - b.start);
  let covered = -Infinity; // last sample index covered so far
  let count = 0;
  let q = 0;
  const n = segs.length;
  while (q < n) {
    while (q < n && segs[q].end <= covered) q++;
    if (q >= n) break;
    const point = Math.max(covered + 1, segs[q].start);
    let reach = -Infinity;
    while (q < n && segs[q].start <= point) {
      if (segs[q].end > reach) reach = segs[q].end;
      q++;
    }
    count++;
    covered = reach;
  }
  return count;
}

/** SIAP measures of a whole sequence (convenience over `SiapAccumulator`). */
export function siap(samples: readonly { t: number; truth: SiapSample; tracks: SiapSample }[], o: SiapOptions): SiapMeasures {
  const acc = new SiapAccumulator(o);
  for (const s of samples) acc.add(s.t, s.truth, s.tracks);
  return acc.result();
}

/** Recorded tracker estimates in the case's state order (the `Estimates` of benchmark.ts). */
export interface CaseEstimates {
  times: Float64Array;
  offsets: Int32Array;
  ids: Int32Array;
  states: Float64Array;
}

/**
 * SIAP measures of recorded estimates against a benchmark case's truth, at each scan time: the
 * truths with a state at that time (±1 µs, as scoreCase), positions padded to 3-D with zeros,
 * velocities when the state order has them. Association distance: the case's GOSPA cut-off c
 * unless given.
 */
export function siapOfCase(c: TrackingCase, est: CaseEstimates, o: SiapOptions = { associationDistance: c.metric.c }): SiapMeasures {
  const dim = c.frame.dim;
  const sd = c.stateOrder.length;
  const axes = ['x', 'y', 'z'].slice(0, dim);
  const pc = axes.map((a) => c.stateOrder.indexOf(a));
  const vc = axes.map((a) => c.stateOrder.indexOf('v' + a));
  const hasVel = vc.every((v) => v >= 0);
  const acc = new SiapAccumulator(o);
  const ptr = new Int32Array(c.truth.length);
  for (let k = 0; k < est.times.length; k++) {
    const t = est.times[k];
    const ids: string[] = [];
    const rows: number[] = [];
    c.truth.forEach((tr, ti) => {
      let p = ptr[ti];
      while (p < tr.times.length && tr.times[p] < t - 1e-6) p++;
      ptr[ti] = p;
      if (p < tr.times.length && Math.abs(tr.times[p] - t) <= 1e-6) {
        ids.push(tr.id);
        rows.push(ti, p);
      }
    });
    const truthPos = new Float64Array(3 * ids.length);
    const truthVel = hasVel ? new Float64Array(3 * ids.length) : undefined;
    for (let n = 0; n < ids.length; n++) {
      const tr = c.truth[rows[2 * n]];
      const p = rows[2 * n + 1];
      for (let a = 0; a < dim; a++) {
        truthPos[3 * n + a] = tr.states[p * sd + pc[a]];
        if (truthVel) truthVel[3 * n + a] = tr.states[p * sd + vc[a]];
      }
    }
    const a0 = est.offsets[k];
    const b0 = est.offsets[k + 1];
    const trackIds: string[] = [];
    const trackPos = new Float64Array(3 * (b0 - a0));
    const trackVel = hasVel ? new Float64Array(3 * (b0 - a0)) : undefined;
    for (let q = a0; q < b0; q++) {
      const n = q - a0;
      trackIds.push(String(est.ids[q]));
      for (let a = 0; a < dim; a++) {
        trackPos[3 * n + a] = est.states[q * sd + pc[a]];
        if (trackVel) trackVel[3 * n + a] = est.states[q * sd + vc[a]];
      }
    }
    acc.add(t, { ids, positions: truthPos, velocities: truthVel }, { ids: trackIds, positions: trackPos, velocities: trackVel });
  }
  return acc.result();
}
