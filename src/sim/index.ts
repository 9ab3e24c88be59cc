/**
 * Public interface of the sim stage: the World (truth, clock, kill chain), built from a Scenario,
 * steppable one tick at a time, writing its events to a sink.
 */
export { World, isEnergy, servedMW, type WorldAsset, type WorldThreat, type WorldSetup, type ThreatOutcome } from './world.js';
export { buildWorld, type BuildOptions, CRITICAL_CORE_RADIUS, NODE_KINDS, TNT_FRACTION, DEFAULT_WARHEAD_KG } from './build.js';
export { expandRaid } from './raids.js';
export { EventQueue } from './queue.js';
export { MemorySink, type EventSink, type SimEvent } from './events.js';
export type * from './events.js';
export type { SenseStage, TrackStage, TruthView, EngagementOrder } from './stages.js';
export { SensingStage, INTERCEPTOR_RCS } from './sensing.js';
export { DataLinkNetwork, DEFAULT_REPORT_INTERVAL } from './datalink.js';
export type { DataLinkMessage, DataLinkPayloads, DataLinkStats, EngagementReport, KillAssessmentReport, TrackSource } from './datalink.js';
export { EngagementStage, type EngagementStageOptions, ACQUISITION_RADIUS, DECISION_CYCLE, SEEKERS } from './engagement.js';
export { createThreatFlyer, glideManeuver, type FlyerFactory, type FlyerContext } from './flyers.js';
