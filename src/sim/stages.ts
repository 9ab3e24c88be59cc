/**
 * The per-tick kill chain as typed stage interfaces (DESIGN.md): flight → sense → track → decide →
 * engage. The World composes one implementation of each; a stage a scenario does not use (or that a
 * later issue has not built yet) is simply absent from the composition, and the run's summary says
 * which stages played.
 */
import type { Detection } from '../sense/types.js';
import type { PictureTrack } from '../track/picture.js';
import type { Flyer } from '../flight/types.js';
import type { SimEvent } from './events.js';

/** What sensors may look at: the flyers' truth states (sensors decide what they would measure). */
export interface TruthView {
  readonly time: number;
  readonly flyers: readonly Flyer[];
}

export interface SenseStage {
  /** Turn truth into detections at time t (noise, misses, false alarms, limits); record what was seen. */
  observe(t: number, truth: TruthView, emit: (e: SimEvent) => void): readonly Detection[];
  /** End of the run: flush anything pending (e.g. open boost tracks' launch reports). */
  finish(t: number, emit: (e: SimEvent) => void): void;
}

export interface TrackStage {
  /** Consume one tick's detections for one force; return the force's picture at t. */
  step(t: number, detections: readonly Detection[]): readonly PictureTrack[];
}

/** An order to engage a track (decide/ → engage/). */
export interface EngagementOrder {
  battery: string;
  track: string;
  interceptor: string;
  launchTime: number;
  /** Predicted intercept point (ECEF, m) and time. */
  interceptPoint: [number, number, number];
  interceptTime: number;
  pk: number;
  doctrine: string;
  /** Why: the inputs and alternatives considered (recorded verbatim). */
  reason: string;
}

export interface DecideStage {
  plan(t: number, force: string, picture: readonly PictureTrack[]): readonly EngagementOrder[];
}

export interface EngageStage {
  execute(t: number, orders: readonly EngagementOrder[]): void;
}
