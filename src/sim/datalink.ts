/**
 * Tactical data links between allied forces (docs/models/battle-management.md, "Data links"), a
 * Link 16-like model at the level of messages:
 *
 * - A force with a `dataLink` sends to its `with` partners (default: all its allies) what its link
 *   `shares`: `tracks` (its confirmed LOCAL tracks — built from its own sensors only, never the
 *   remote tracks it received, so no echo and no data incest), `engagements` (its battle manager's
 *   orders) and `kill-assessments` (its conclusions about its engagements).
 * - A message sent at t is delivered at exactly t + the SENDER's latency; the receiver acts on it
 *   at the first tick at or after that time. Delivery order is deterministic: delivery time, then
 *   send order.
 * - Message loss: each message to each partner is lost independently with the SENDER's
 *   `messageLoss` probability p — a Bernoulli draw u < p, u uniform on [0, 1) from the stream
 *   `datalink/<from>/<to>` of the run seed, one draw per message to that partner (only when p > 0).
 *   One stream per directed link, so adding a force or a link does not shift another link's draws.
 *   A lost message is never delivered (no retransmission: Link 16 track reports are not
 *   acknowledged; the next periodic report is the repair).
 * - Track reports go out every `reportInterval` (default `DEFAULT_REPORT_INTERVAL` = 2 s, the
 *   battle managers' decision cycle; Link 16 reports a track every few seconds — 12 s standard
 *   rate — so 2 s is a high-rate link). A report carries at most the sender's `trackCapacity`
 *   tracks (the highest-priority ones, `trackReportPriority` below), the ids of the tracks
 *   the sender dropped recently (`dropped`, repeated in every report for `staleAfter` s so one lost
 *   message does not lose the drop) and whether it is `complete` (the sender's whole confirmed
 *   picture). Receivers keep the latest report of each remote track (track/fusion.ts
 *   `RemoteTrackStore`): a complete report replaces the sender's tracks whole (a track absent from
 *   it was dropped by the sender); a partial report refreshes the tracks it carries and removes
 *   its `dropped` ones; a lost report is "no news". A remote track no report has refreshed for the
 *   sender's `staleAfter` (default 3 report intervals) is dropped.
 * - With the defaults (no loss, no capacity limit) every report is complete and delivered, so the
 *   link behaves exactly as the ideal link did (absent ⇒ dropped at the next report).
 * - Allies WITHOUT a data link (or whose link does not share a kind) share nothing of that kind.
 *
 * Still ideal: no time-slot structure (TDMA), no track-number reporting responsibility (each
 * receiver fuses itself), a constant latency per sender.
 */
import { stream, type Rng } from '../math/index.js';
import { assessThreats, notionalThreatCosts, type DefendedAsset } from '../decide/threat.js';
import type { DataLinkShare } from '../scenario/index.js';
import type { RemoteTrackBatch, RemoteTrackReport } from '../track/fusion.js';
import type { PictureTrack, TargetClass } from '../track/picture.js';

/** Seconds between a force's track reports (= the decision cycle of the battle managers). */
export const DEFAULT_REPORT_INTERVAL = 2;

/**
 * The remote tracks a sender's fused track was built from (from its fuser), so that a receiver can
 * map the sender's track id into its own picture even when the track came from the receiver's (or a
 * third force's) report.
 */
export interface TrackSource {
  force: string;
  track: string;
}

/** An ally's engagement order as sent over the link (track id in the SENDER's picture). */
export interface EngagementReport {
  force: string;
  battery: string;
  track: string;
  sources: TrackSource[];
  pk: number;
  interceptTime: number;
  assessmentTime: number;
}

/** An ally's kill assessment as sent over the link (track id in the SENDER's picture). */
export interface KillAssessmentReport {
  track: string;
  sources: TrackSource[];
  killed: boolean;
  /** Time the sender made the assessment. */
  t: number;
}

export interface DataLinkPayloads {
  tracks: RemoteTrackBatch;
  engagements: EngagementReport[];
  'kill-assessments': KillAssessmentReport[];
}

export interface DataLinkMessage<K extends DataLinkShare = DataLinkShare> {
  /** Send order (ties in delivery time are broken by it). */
  seq: number;
  from: string;
  to: string;
  kind: K;
  sent: number;
  delivered: number;
  payload: DataLinkPayloads[K];
}

/** Items a message carries: tracks of a track report, orders, or kill assessments. */
export function payloadCount(m: Pick<DataLinkMessage, 'kind' | 'payload'>): number {
  return m.kind === 'tracks' ? (m.payload as RemoteTrackBatch).tracks.length : (m.payload as unknown[]).length;
}

/** Message counts of one directed link (sender → partner). */
export interface DataLinkCounts {
  from: string;
  to: string;
  /** Messages sent (one per partner per batch). */
  sent: number;
  /** Messages delivered (sent − lost − still in flight). */
  delivered: number;
  /** Messages lost (never delivered). */
  lost: number;
}

/** Totals over the network (the run summary's `dataLinks` section). */
export interface DataLinkStats {
  /** Messages delivered. */
  messages: number;
  /** Messages sent (to one partner each). */
  sent: number;
  /** Messages lost. */
  lost: number;
  /** Track reports delivered (one per track per message). */
  tracks: number;
  /** Σ (delivered − sent) over delivered messages, s. */
  latency: number;
}

/** A force's data link as the network needs it (the scenario's `Force['dataLink']`; new fields optional). */
export interface DataLinkConfig {
  latency: number;
  shares: readonly DataLinkShare[];
  with: readonly string[];
  messageLoss?: number;
  trackCapacity?: number | null;
  staleAfter?: number | null;
}

/** A sender's link as resolved by the network. */
export interface DataLinkSettings {
  latency: number;
  shares: ReadonlySet<DataLinkShare>;
  with: readonly string[];
  /** Probability that one message to one partner is lost. */
  messageLoss: number;
  /** Most tracks per report (Infinity: no limit). */
  trackCapacity: number;
  /** Seconds without a refresh after which partners drop a track of this sender. */
  staleAfter: number;
  /** Seconds between this sender's track reports (the report interval rounded up to whole time steps). */
  reportPeriod: number;
}

export interface DataLinkNetworkOptions {
  /** Run seed of the loss draws (default 0). */
  seed?: number;
  /** Seconds between track reports (default `DEFAULT_REPORT_INTERVAL`): the default staleness is 3 of them. */
  reportInterval?: number;
}

/** Default staleness limit in report intervals (a track survives two lost reports in a row). */
export const DEFAULT_STALE_REPORTS = 3;

export class DataLinkNetwork {
  private readonly links = new Map<string, DataLinkSettings>();
  private readonly queue: DataLinkMessage[] = [];
  private seq = 0;
  private readonly seed: number;
  private readonly rngs = new Map<string, Rng>();
  private readonly counts = new Map<string, DataLinkCounts>();
  readonly stats: DataLinkStats = { messages: 0, sent: 0, lost: 0, tracks: 0, latency: 0 };
  private lostLog: { from: string; to: string; kind: DataLinkShare; sent: number; count: number }[] = [];

  constructor(forces: readonly { id: string; dataLink: DataLinkConfig | null }[], options: DataLinkNetworkOptions = {}) {
    this.seed = options.seed ?? 0;
    const interval = options.reportInterval ?? DEFAULT_REPORT_INTERVAL;
    if (!(interval > 0)) throw new RangeError(`DataLinkNetwork: reportInterval must be > 0 (got ${interval})`);
    for (const f of forces) {
      const d = f.dataLink;
      if (!d) continue;
      if (!(d.latency >= 0)) throw new RangeError(`data link of '${f.id}': latency must be ≥ 0`);
      const loss = d.messageLoss ?? 0;
      if (!(loss >= 0 && loss < 1)) throw new RangeError(`data link of '${f.id}': messageLoss must be in [0, 1) (got ${loss})`);
      const cap = d.trackCapacity ?? Infinity;
      if (!(cap === Infinity || (Number.isInteger(cap) && cap >= 1))) throw new RangeError(`data link of '${f.id}': trackCapacity must be a positive integer (got ${cap})`);
      const stale = d.staleAfter ?? DEFAULT_STALE_REPORTS * interval;
      if (!(stale > 0)) throw new RangeError(`data link of '${f.id}': staleAfter must be > 0 (got ${stale})`);
      this.links.set(f.id, { latency: d.latency, shares: new Set(d.shares), with: [...d.with], messageLoss: loss, trackCapacity: cap, staleAfter: stale, reportPeriod: interval });
    }
  }

  /** Forces `from` sends `kind` to (empty if it has no link or its link does not share `kind`). */
  partners(from: string, kind: DataLinkShare): readonly string[] {
    const l = this.links.get(from);
    return l && l.shares.has(kind) ? l.with : [];
  }

  /** Latency (s) of a force's link, or undefined if it has none. */
  latency(from: string): number | undefined {
    return this.links.get(from)?.latency;
  }

  /** A force's resolved link settings, or undefined if it has none. */
  settings(from: string): DataLinkSettings | undefined {
    return this.links.get(from);
  }

  /** Whether `to` receives `kind` from anyone. */
  receives(to: string, kind: DataLinkShare): boolean {
    for (const [from] of this.links) if (this.partners(from, kind).includes(to)) return true;
    return false;
  }

  /** Counts of the directed link from → to (zeros if nothing was sent on it). */
  linkCounts(from: string, to: string): DataLinkCounts {
    return { ...(this.counts.get(`${from}\u0000${to}`) ?? { from, to, sent: 0, delivered: 0, lost: 0 }) };
  }

  /** Counts of every directed link that carried a message, in (from, to) order. */
  allLinkCounts(): DataLinkCounts[] {
    return [...this.counts.values()].map((c) => ({ ...c })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  }

  /**
   * Send a payload to every partner of `from` for this kind; returns the number of messages sent
   * (lost ones included: the sender does not know which are lost).
   */
  send<K extends DataLinkShare>(t: number, from: string, kind: K, payload: DataLinkPayloads[K]): number {
    let count = -1;
    const to = this.partners(from, kind);
    const link = this.links.get(from);
    const latency = link?.latency ?? 0;
    const loss = link?.messageLoss ?? 0;
    for (const dest of to) {
      const c = this.countsOf(from, dest);
      c.sent++;
      this.stats.sent++;
      // Bernoulli loss, one draw per message on the link's own stream (drawn only when p > 0, so a
      // lossless link consumes nothing).
      if (loss > 0 && this.rngOf(from, dest).uniform() < loss) {
        c.lost++;
        this.stats.lost++;
        if (count < 0) count = payloadCount({ kind, payload } as Pick<DataLinkMessage, 'kind' | 'payload'>);
        this.lostLog.push({ from, to: dest, kind, sent: t, count });
        continue;
      }
      const m: DataLinkMessage<K> = { seq: this.seq++, from, to: dest, kind, sent: t, delivered: t + latency, payload };
      // Insert keeping (delivered, seq) order: latencies differ per sender, so not always at the end.
      let i = this.queue.length;
      while (i > 0 && this.queue[i - 1]!.delivered > m.delivered) i--;
      this.queue.splice(i, 0, m as DataLinkMessage);
    }
    return to.length;
  }

  /** Messages lost since the last call, in send order (for the recording's `datalink-lost` events). */
  drainLost(): { from: string; to: string; kind: DataLinkShare; sent: number; count: number }[] {
    const out = this.lostLog;
    this.lostLog = [];
    return out;
  }

  /** Messages delivered by time t (delivery time ≤ t), in (delivery time, send order). */
  deliver(t: number): DataLinkMessage[] {
    let n = 0;
    while (n < this.queue.length && this.queue[n]!.delivered <= t + 1e-9) n++;
    const out = this.queue.splice(0, n);
    for (const m of out) {
      this.stats.messages++;
      this.countsOf(m.from, m.to).delivered++;
      this.stats.latency += m.delivered - m.sent;
      if (m.kind === 'tracks') this.stats.tracks += payloadCount(m);
    }
    return out;
  }

  private countsOf(from: string, to: string): DataLinkCounts {
    const k = `${from}\u0000${to}`;
    let c = this.counts.get(k);
    if (!c) {
      c = { from, to, sent: 0, delivered: 0, lost: 0 };
      this.counts.set(k, c);
    }
    return c;
  }

  private rngOf(from: string, to: string): Rng {
    const k = `${from}\u0000${to}`;
    let r = this.rngs.get(k);
    if (!r) {
      r = stream(this.seed, `datalink/${from}/${to}`);
      this.rngs.set(k, r);
    }
    return r;
  }
}

/**
 * The order in which a capacity-limited track report fills (docs/models/battle-management.md,
 * "Data links"):
 * 1. the tracks the sender's own threat evaluation finds threatening (threat value > 0 against the
 *    assets it defends — its own and its allies'), in the battle manager's own ranking
 *    (decide/threat.ts `assessThreats`): threat value descending, then predicted impact time, then id;
 * 2. then the rest: ballistic and glide tracks before all others, then by the straight-line time to
 *    the nearest defended asset, τ = min_a |r − r_a| / max(|v|, 1 m/s) (ascending), then id.
 * Pure and deterministic; allocates (once per capacity-limited report, not per tick).
 */
export function trackReportPriority(
  tracks: readonly PictureTrack[], defended: readonly DefendedAsset[], threatCosts: Record<TargetClass, number> = notionalThreatCosts(),
): PictureTrack[] {
  const assessed = assessThreats(tracks, defended, { threatCosts }).filter((a) => a.threatValue > 0);
  const byId = new Map(tracks.map((p) => [p.id, p]));
  const taken = new Set(assessed.map((a) => a.trackId));
  const rest = tracks.filter((p) => !taken.has(p.id)).map((p) => {
    const s = p.state;
    const speed = Math.max(1, Math.hypot(s[3]!, s[4]!, s[5]!));
    let range = Infinity;
    for (const a of defended) range = Math.min(range, Math.hypot(s[0]! - a.position[0]!, s[1]! - a.position[1]!, s[2]! - a.position[2]!));
    const rank = p.classification === 'ballistic' || p.classification === 'glide' ? 0 : 1;
    return { p, rank, time: range / speed };
  });
  rest.sort((a, b) => a.rank - b.rank || a.time - b.time || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));
  return [...assessed.map((a) => byId.get(a.trackId)!), ...rest.map((r) => r.p)];
}

/**
 * A force's track reports over its link (the sender's side; see the file header): called at every
 * report time with the force's LOCAL picture, it returns the report to send, or null when there is
 * nothing to say (no confirmed track, no drop to tell, and the last report already said "empty").
 * - The report carries the confirmed (non-tentative) tracks; `complete` when all fit in
 *   `trackCapacity` = K. Over it, the first K − R in `trackReportPriority` order go in every
 *   report, and R = ⌊K/2⌋ slots rotate through the next R·L tracks (never reported first, then the
 *   oldest report, then priority), L = ⌈S/P⌉ − 1 reports (S = `staleAfter`, P = `reportPeriod`):
 *   a rotated track is refreshed every L·P < S, so the partner holds it without a break. Tracks
 *   below the pool are not sent: rotating them too would let every one go stale between refreshes
 *   and come back under a new fused id.
 * - `dropped`: the tracks confirmed at the previous report time and gone now. On a lossless link
 *   they are said once (the next report surely arrives); on a lossy link they are repeated in every
 *   report for `staleAfter` s (after that the receivers have aged the track out anyway).
 * - Snapshots are copied: a report must not change after it is sent.
 */
export class TrackReporter {
  private reportedEmpty = true;
  private lastConfirmed = new Set<string>();
  private readonly recentDrops = new Map<string, number>();
  /** When each confirmed track was last put in a report (capacity-limited reports rotate on it). */
  private readonly lastSent = new Map<string, number>();

  constructor(
    readonly force: string,
    private readonly link: Pick<DataLinkSettings, 'latency' | 'messageLoss' | 'trackCapacity' | 'staleAfter' | 'reportPeriod'>,
    private readonly defended: readonly DefendedAsset[] = [],
    private readonly threatCosts: Record<TargetClass, number> = notionalThreatCosts(),
  ) {}

  report(t: number, local: readonly PictureTrack[]): RemoteTrackBatch | null {
    const link = this.link;
    const confirmed = local.filter((p) => p.status !== 'tentative');
    const now = new Set(confirmed.map((p) => p.id));
    for (const id of this.lastConfirmed) if (!now.has(id)) this.recentDrops.set(id, t);
    for (const id of now) this.recentDrops.delete(id);
    this.lastConfirmed = now;
    const keep = link.messageLoss > 0 ? link.staleAfter : 1e-9;
    for (const [id, when] of this.recentDrops) if (t - when >= keep) this.recentDrops.delete(id);
    const dropped = [...this.recentDrops.keys()].sort();
    // An empty report is sent once, to clear (and while drops are still being repeated).
    if (confirmed.length === 0 && dropped.length === 0 && this.reportedEmpty) return null;
    this.reportedEmpty = confirmed.length === 0;
    for (const id of this.lastSent.keys()) if (!now.has(id)) this.lastSent.delete(id);
    const complete = confirmed.length <= link.trackCapacity;
    const tracks = complete ? confirmed : this.select(t, trackReportPriority(confirmed, this.defended, this.threatCosts), link.trackCapacity);
    for (const p of tracks) this.lastSent.set(p.id, t);
    return {
      complete,
      dropped,
      tracks: tracks.map((p): RemoteTrackReport => ({
        force: this.force,
        sent: t,
        delivered: t + link.latency,
        track: { ...p, state: Float64Array.from(p.state), covariance: Float64Array.from(p.covariance), sensors: [...p.sensors], classProbabilities: { ...p.classProbabilities } },
      })),
    };
  }

  /**
   * K of the ranked tracks: the first K − R by priority, R = ⌊K/2⌋; the R refresh slots rotate
   * through the next R·L ranked tracks, L = ⌈S/P⌉ − 1 (never reported first, then the oldest
   * report, then priority), so each of them is refreshed at least every L reports (L·P < S).
   */
  private select(t: number, ranked: readonly PictureTrack[], K: number): PictureTrack[] {
    const R = Math.floor(K / 2);
    const L = Math.max(1, Math.ceil(this.link.staleAfter / this.link.reportPeriod - 1e-9) - 1);
    const fixed = ranked.slice(0, K - R);
    const pool = ranked.slice(K - R, K - R + R * L)
      .map((p, rank) => ({ p, rank, last: this.lastSent.get(p.id) ?? -Infinity }))
      .sort((a, b) => a.last - b.last || a.rank - b.rank)
      .slice(0, R);
    const chosen = new Set([...fixed, ...pool.map((x) => x.p)]);
    // In priority order (a report is a set; the order only makes it readable).
    return ranked.filter((p) => chosen.has(p));
  }
}
