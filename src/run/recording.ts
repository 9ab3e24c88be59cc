/**
 * The recording on disk: NDJSON, one event per line, written with a synchronous write at the end of
 * every tick. A run killed at any moment (even SIGKILL) leaves a file whose complete lines are a
 * valid prefix of the run; `readRecording` ignores a torn last line.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import type { EventSink, SimEvent } from '../sim/events.js';

export class NdjsonRecorder implements EventSink {
  private fd: number | undefined;
  private closed = false;
  private pending: string[] = [];
  /** Events written so far (including pending). */
  count = 0;

  /** The file (and its directory) is created at the first flush, so a run that fails while the
   *  World is being built (a user error) leaves nothing behind. */
  constructor(readonly path: string) {}

  emit(event: SimEvent): void {
    this.pending.push(JSON.stringify(event));
    this.count++;
  }

  flush(): void {
    if (this.closed || this.pending.length === 0) return;
    if (this.fd === undefined) {
      try {
        mkdirSync(dirname(this.path), { recursive: true });
        this.fd = openSync(this.path, 'w');
      } catch (e) {
        // An output path the user cannot write to is a user error, not a crash.
        this.closed = true;
        throw new UserError(`cannot write the recording ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    // One write per tick: complete lines only, so a kill leaves a readable prefix.
    writeSync(this.fd, this.pending.join('\n') + '\n');
    this.pending = [];
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.closed = true;
  }
}

/** Read a recording; a torn (incomplete) final line from a killed run is dropped, not an error. */
export function readRecording(path: string): { events: SimEvent[]; complete: boolean } {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const events: SimEvent[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    try {
      events.push(JSON.parse(line) as SimEvent);
    } catch (e) {
      if (i === lines.length - 1) break; // torn last line
      throw new Error(`${path}:${i + 1}: not a JSON event (${(e as Error).message})`);
    }
  }
  const complete = events.length > 0 && events[events.length - 1]!.type === 'end';
  return { events, complete };
}
