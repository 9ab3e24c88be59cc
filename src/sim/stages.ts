/**
 * The per-tick kill chain as typed stage interfaces (DESIGN.md): flight → sense → track → decide →
 * engage. The World composes them; a stage a scenario does not use (no sensors, no batteries, or
 * `--undefended`) is absent from the composition, and the run's summary says which stages played.
 */
import type { Detection } from '../sense/types.js';
import type { PictureTrack, TrackCue } from '../track/picture.js';
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
  /** Cues (predicted acquisition volumes, e.g. from the force's space-IR tracks) for the next steps. */
  setCues?(cues: readonly TrackCue[]): void;
}

/**
 * decide/ → engage/: the battle manager's orders are decide/'s `EngagementOrder`s; the World plays
 * decide and engage together per force in `engagement.ts` (EngagementStage), since engaging means
 * flying interceptors in the truth world.
 */
export type { EngagementOrder } from '../decide/types.js';
