import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NdjsonRecorder, readRecording } from '../../src/run/recording.js';
import { UserError } from '../../src/errors.js';

describe('NDJSON recording', () => {
  it('writes complete lines per flush and reads them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-rec-'));
    const path = join(dir, 'r.ndjson');
    const rec = new NdjsonRecorder(path);
    rec.emit({ t: 1, type: 'end', reason: 'duration', ticks: 1 });
    expect(existsSync(path)).toBe(false); // nothing on disk before the first tick's flush
    rec.flush();
    rec.close();
    expect(readRecording(path)).toEqual({ events: [{ t: 1, type: 'end', reason: 'duration', ticks: 1 }], complete: true });
  });

  it('a torn last line (killed mid-write) is dropped, not an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-rec-'));
    const path = join(dir, 'r.ndjson');
    writeFileSync(path, '{"t":0,"type":"power","force":"b","servedMW":1,"nominalMW":1,"assets":[]}\n');
    appendFileSync(path, '{"t":1,"ty');
    const r = readRecording(path);
    expect(r.events).toHaveLength(1);
    expect(r.complete).toBe(false);
  });

  it('a process killed with SIGKILL leaves a readable prefix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-kill-'));
    const path = join(dir, 'r.ndjson');
    const script = join(dir, 'writer.mjs');
    const recUrl = new URL('../../src/run/recording.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { NdjsonRecorder } from ${JSON.stringify(recUrl)};
       const rec = new NdjsonRecorder(${JSON.stringify(path)});
       for (let t = 0; ; t++) {
         for (let k = 0; k < 50; k++) rec.emit({ t, type: 'power', force: 'blue', servedMW: k, nominalMW: 50, assets: [] });
         rec.flush(t);
         if (t === 20) process.stdout.write('ready\\n');
       }`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const r = readRecording(path);
    expect(r.events.length).toBeGreaterThanOrEqual(21 * 50);
    expect(r.complete).toBe(false);
    // Every tick present is whole except possibly the last one being written.
    const ticks = new Map<number, number>();
    for (const e of r.events) ticks.set((e as { t: number }).t, (ticks.get((e as { t: number }).t) ?? 0) + 1);
    const full = [...ticks.values()].slice(0, -1);
    expect(full.every((n) => n === 50)).toBe(true);
  });
});

describe('recording to an unwritable place', () => {
  it('is a user error naming the path, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-rec-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const rec = new NdjsonRecorder(join(file, 'recording.ndjson'));
    rec.emit({ t: 0, type: 'end', reason: 'duration', ticks: 0 });
    expect(() => rec.flush()).toThrow(UserError);
    expect(() => rec.close()).not.toThrow();
  });
});
