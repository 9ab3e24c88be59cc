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
 * - Track reports go out every `reportInterval` (default `DEFAULT_REPORT_INTERVAL` = 2 s, the
 *   battle managers' decision cycle; Link 16 reports a track every few seconds — 12 s standard
 *   rate — so 2 s is an ideal, high-rate link). Each report is the sender's whole confirmed
 *   picture at that time: a track absent from a newer report has been dropped by the sender.
 * - Allies WITHOUT a data link (or whose link does not share a kind) share nothing of that kind.
 *
 * The links are ideal apart from latency: no message loss, no bandwidth limit, no time-slot
 * structure, no track-number reporting responsibility (each receiver fuses itself).
 */
import type { DataLinkShare, Force } from '../scenario/index.js';
import type { RemoteTrackReport } from '../track/fusion.js';

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
  tracks: RemoteTrackReport[];
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

/** Totals over delivered messages (the run summary's `dataLinks` section). */
export interface DataLinkStats {
  messages: number;
  /** Track reports delivered (one per track per message). */
  tracks: number;
  /** Σ (delivered − sent) over messages, s. */
  latency: number;
}

export class DataLinkNetwork {
  private readonly links = new Map<string, { latency: number; shares: ReadonlySet<DataLinkShare>; with: readonly string[] }>();
  private readonly queue: DataLinkMessage[] = [];
  private seq = 0;
  readonly stats: DataLinkStats = { messages: 0, tracks: 0, latency: 0 };

  constructor(forces: readonly Pick<Force, 'id' | 'dataLink'>[]) {
    for (const f of forces) {
      if (!f.dataLink) continue;
      if (!(f.dataLink.latency >= 0)) throw new RangeError(`data link of '${f.id}': latency must be ≥ 0`);
      this.links.set(f.id, { latency: f.dataLink.latency, shares: new Set(f.dataLink.shares), with: [...f.dataLink.with] });
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

  /** Whether `to` receives `kind` from anyone. */
  receives(to: string, kind: DataLinkShare): boolean {
    for (const [from] of this.links) if (this.partners(from, kind).includes(to)) return true;
    return false;
  }

  /** Send a payload to every partner of `from` for this kind; returns the number of messages queued. */
  send<K extends DataLinkShare>(t: number, from: string, kind: K, payload: DataLinkPayloads[K]): number {
    const to = this.partners(from, kind);
    const latency = this.links.get(from)?.latency ?? 0;
    for (const dest of to) {
      const m: DataLinkMessage<K> = { seq: this.seq++, from, to: dest, kind, sent: t, delivered: t + latency, payload };
      // Insert keeping (delivered, seq) order: latencies differ per sender, so not always at the end.
      let i = this.queue.length;
      while (i > 0 && this.queue[i - 1]!.delivered > m.delivered) i--;
      this.queue.splice(i, 0, m as DataLinkMessage);
    }
    return to.length;
  }

  /** Messages delivered by time t (delivery time ≤ t), in (delivery time, send order). */
  deliver(t: number): DataLinkMessage[] {
    let n = 0;
    while (n < this.queue.length && this.queue[n]!.delivered <= t + 1e-9) n++;
    const out = this.queue.splice(0, n);
    for (const m of out) {
      this.stats.messages++;
      this.stats.latency += m.delivered - m.sent;
      if (m.kind === 'tracks') this.stats.tracks += (m.payload as RemoteTrackReport[]).length;
    }
    return out;
  }
}
