/**
 * The recording: a complete, replayable stream of what happened, one JSON object per line (NDJSON).
 * Geodetic positions in events are DEGREES (the recording is an edge of the system, like a scenario
 * file); everything else SI. Every decision's inputs and reason travel in its event.
 */
export interface HeaderEvent {
  type: 'header';
  format: 'rampart-recording';
  version: 1;
  rampart: string;
  scenario: string;
  epoch: string;
  seed: number;
  duration: number;
  timeStep: number;
  forces: { id: string; side: string }[];
}

export interface LaunchEvent {
  t: number;
  type: 'launch';
  id: string;
  force: string;
  threatType: string;
  class: string;
  lat: number;
  lon: number;
  /** Asset aimed at, or null for a bare aimpoint. */
  target: string | null;
  aimLat: number;
  aimLon: number;
  /** Raid the launch belongs to, if any. */
  raid?: string;
}

export interface ImpactEvent {
  t: number;
  type: 'impact';
  id: string;
  class: string;
  lat: number;
  lon: number;
  /** Distance from the aimpoint (m). */
  missDistance: number;
  /** Assets damaged by this impact. */
  assets: { id: string; damage: number }[];
}

export interface DamageEvent {
  t: number;
  type: 'damage';
  asset: string;
  /** Cumulative damage fraction 0..1 after this hit. */
  damage: number;
  /** Damage this hit added. */
  increment: number;
  /** Peak overpressure at the asset (Pa) and the distance from the burst (m). */
  overpressure: number;
  distance: number;
  cause: string;
}

export interface PowerEvent {
  t: number;
  type: 'power';
  /** Total power served by the force's energy assets (MW) and its pre-raid value. */
  force: string;
  servedMW: number;
  nominalMW: number;
  assets: { id: string; servedMW: number }[];
}

export interface EndEvent {
  t: number;
  type: 'end';
  reason: 'duration' | 'quiet';
  ticks: number;
}

/** One sensor scan (radar) or frame (space IR): what it saw, in counts. */
export interface DetectionsEvent {
  t: number;
  type: 'detections';
  sensor: string;
  detections: number;
  falseAlarms?: number;
  inCoverage?: number;
  strobes?: number;
  jammers?: number;
  /** IR: plumes visible to at least one satellite. */
  visible?: number;
}

/** First time any sensor detected a threat (scoring: from the detection's truth id). */
export interface FirstDetectionEvent {
  t: number;
  type: 'first-detection';
  threat: string;
  sensor: string;
  scoring: true;
}

/** An early-warning centre's launch or burnout report (from space IR lines of sight). */
export interface LaunchReportEvent {
  t: number;
  type: 'launch-report';
  report: 'launch' | 'burnout';
  force: string;
  track: string;
  launchTime: number;
  launchLat: number;
  launchLon: number;
  azimuth: number;
  latency: number;
  sensors: string[];
  impactLat?: number;
  impactLon?: number;
  impactTime?: number;
  impactRadius?: number;
  /** Scoring only. */
  truthIds: string[];
}

/**
 * A track confirmed in (or dropped from) a force's picture; or `continued`: a dropped track that was
 * engaged is continued by `successor` (sim/handover.ts) — its interceptors, shots, kill assessment
 * and shot count carry over.
 */
export interface TrackEvent {
  t: number;
  type: 'track';
  event: 'confirmed' | 'dropped' | 'continued';
  force: string;
  track: string;
  successor?: string;
  classification?: string;
  sensors?: string[];
}

/** A battle manager's order, with the reason it gives (inputs, alternatives, objective). */
export interface EngagementEvent {
  t: number;
  type: 'engagement';
  force: string;
  battery: string;
  track: string;
  interceptor: string;
  shots: number;
  launchTime: number;
  interceptTime: number;
  pk: number;
  doctrine: string;
  reason: string;
}

export interface InterceptorLaunchEvent {
  t: number;
  type: 'interceptor-launch';
  id: string;
  force: string;
  battery: string;
  interceptor: string;
  track: string;
  /** USD of this shot (rounds × unit cost). */
  cost: number;
}

export interface ShotCancelledEvent {
  t: number;
  type: 'shot-cancelled';
  battery: string;
  track: string;
  reason: string;
}

/** The endgame of one interceptor (or gun burst): against which real object, miss distance, outcome. */
export interface InterceptEvent {
  t: number;
  type: 'intercept';
  id: string;
  track: string;
  target: string | null;
  result: 'kill' | 'miss' | 'lost' | 'target gone' | 'no real target';
  missDistance: number | null;
  pk?: number;
}

/** What the force concluded about an engagement, from its own picture. */
export interface KillAssessmentEvent {
  t: number;
  type: 'kill-assessment';
  force: string;
  track: string;
  assessed: 'killed' | 'survived';
}

/**
 * One data-link message batch delivered (sim/datalink.ts): `count` items (tracks, engagement
 * orders or kill assessments) sent by `from` at `sent`, delivered to `to` at `delivered` = sent +
 * the sender's latency (acted on at the tick `t` ≥ delivered).
 */
export interface DataLinkEvent {
  t: number;
  type: 'datalink';
  from: string;
  to: string;
  kind: 'tracks' | 'engagements' | 'kill-assessments';
  sent: number;
  delivered: number;
  count: number;
}

/**
 * A data-link message lost on the way (the sender's `messageLoss`; sim/datalink.ts): what a
 * delivered `datalink` event would have carried. Recorded at the tick it was sent or the next (so
 * an analyst sees which reports, orders and assessments a partner never got); the sender does not
 * know (no acknowledgement).
 */
export interface DataLinkLostEvent {
  t: number;
  type: 'datalink-lost';
  from: string;
  to: string;
  kind: 'tracks' | 'engagements' | 'kill-assessments';
  sent: number;
  count: number;
}

export type SimEvent =
  | DataLinkEvent
  | DataLinkLostEvent
  | TrackEvent
  | EngagementEvent
  | InterceptorLaunchEvent
  | ShotCancelledEvent
  | InterceptEvent
  | KillAssessmentEvent
  | HeaderEvent
  | LaunchEvent
  | ImpactEvent
  | DamageEvent
  | PowerEvent
  | DetectionsEvent
  | FirstDetectionEvent
  | LaunchReportEvent
  | EndEvent;

/** Where the World writes its events (a file, memory, a live stream). */
export interface EventSink {
  emit(event: SimEvent): void;
  /** Called at the end of each tick: a durable sink writes everything emitted so far. */
  flush(t: number): void;
}

/** A sink that keeps events in memory (tests, quick calculations). */
export class MemorySink implements EventSink {
  readonly events: SimEvent[] = [];
  emit(event: SimEvent): void {
    this.events.push(event);
  }
  flush(): void {}
}
