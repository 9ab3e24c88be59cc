/**
 * One run of a scenario: build the World, step it to the end, write the recording (NDJSON, flushed
 * every tick) and the summary (written atomically at the end). A user error (bad scenario) is found
 * before any file is created; a run that dies leaves the recording's readable prefix.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario/index.js';
import { buildWorld } from '../sim/build.js';
import { MemorySink, type EventSink } from '../sim/events.js';
import { NdjsonRecorder } from './recording.js';
import { summarize, type RunSummary } from './summary.js';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Remove the batteries: the undefended baseline. */
  undefended?: boolean;
  /** Space-IR cueing of radars and trackers (default true); false: the uncued baseline. */
  cueing?: boolean;
  /** Directory for recording.ndjson and summary.json; omitted = keep events in memory only. */
  outDir?: string;
  /** Called after every tick with the simulated time (progress bars). */
  onProgress?: (t: number, duration: number) => void;
  /** Wall clock for the performance figures only (injected: the core never reads a clock). */
  now?: () => number;
}

export interface RunResult {
  summary: RunSummary;
  /** The events, when no outDir was given. */
  events?: MemorySink['events'];
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  let sink: EventSink;
  let recorder: NdjsonRecorder | undefined;
  let memory: MemorySink | undefined;
  if (options.outDir !== undefined) {
    recorder = new NdjsonRecorder(join(options.outDir, 'recording.ndjson'));
    sink = recorder;
  } else {
    memory = new MemorySink();
    sink = memory;
  }
  const start = options.now?.();
  try {
    const world = buildWorld(scenario, { seed, sink, ...(options.undefended ? { undefended: true } : {}), ...(options.cueing === false ? { cueing: false } : {}) });
    const duration = world.setup.duration;
    world.runToEnd((w) => options.onProgress?.(w.time, duration));
    const summary = summarize(world, scenario.name, seed, world.minimumPower);
    if (start !== undefined && options.now) {
      const wall = Math.max(1e-9, (options.now() - start) / 1000);
      summary.performance = { wallSeconds: wall, ticksPerSecond: world.ticks / wall, realTimeFactor: world.time / wall };
    }
    if (recorder && options.outDir !== undefined) {
      recorder.close();
      summary.recording = recorder.path;
      const tmp = join(options.outDir, '.summary.json.tmp');
      writeFileSync(tmp, JSON.stringify(summary, null, 2) + '\n');
      renameSync(tmp, join(options.outDir, 'summary.json'));
    }
    return memory ? { summary, events: memory.events } : { summary };
  } finally {
    recorder?.close();
  }
}
