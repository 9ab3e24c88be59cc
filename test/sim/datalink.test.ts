// Data links between allied forces (src/sim/datalink.ts) and track-to-track fusion in the World
// (src/sim/engagement.ts), on scenarios/joint-exercise.yaml made compact: the sea drones launch
// ~30 km off Port Meridian within 150 s (so the whole kill chain plays in 700 s of simulated time),
// the cruise missiles after the end. Aurelia shares tracks and engagements with Borealis and
// Borealis tracks, engagements and kill assessments with Aurelia, both at 1.5 s latency.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, type Scenario } from '../../src/scenario/index.js';
import { runScenario, type RunResult } from '../../src/run/runner.js';
import { DataLinkNetwork } from '../../src/sim/datalink.js';
import type { SimEvent, TrackEvent } from '../../src/sim/events.js';

const D = Math.PI / 180;
const full = loadScenarioFile('scenarios/joint-exercise.yaml');

function compact(edit: (s: Scenario) => void = () => {}): Scenario {
  const s = structuredClone({ ...full, duration: 700 });
  const drones = s.raids.find((r) => r.id === 'sea-drones')!;
  drones.launchArea = { kind: 'circle', center: { lat: 44.05 * D, lon: 28.95 * D }, radius: 5000, h: drones.launchArea.h };
  drones.window = { start: 0, end: 150 };
  drones.count = 20;
  const cm = s.raids.find((r) => r.id === 'cruise-pair')!;
  cm.window = { start: 800, end: 900 };
  edit(s);
  return s;
}
const setLatency = (latency: number) => (s: Scenario) => {
  for (const f of s.forces) if (f.dataLink) f.dataLink.latency = latency;
};

const runs = new Map<string, RunResult>();
function result(name: string, edit?: (s: Scenario) => void): RunResult {
  let r = runs.get(name);
  if (!r) {
    r = runScenario(compact(edit));
    runs.set(name, r);
  }
  return r;
}
const run = (name: string, edit?: (s: Scenario) => void): SimEvent[] => result(name, edit).events!;
const of = <T extends SimEvent['type']>(ev: SimEvent[], type: T) => ev.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
const LONG = 240_000;

describe('DataLinkNetwork (unit)', () => {
  it('delivers at send time + the SENDER\u2019s latency, to its partners only, per share kind, in (delivery, send) order', () => {
    const net = new DataLinkNetwork([
      { id: 'a', dataLink: { latency: 1.5, shares: ['tracks', 'engagements'], with: ['b', 'c'] } },
      { id: 'b', dataLink: { latency: 0.5, shares: ['tracks', 'kill-assessments'], with: ['a'] } },
      { id: 'c', dataLink: null },
    ]);
    expect(net.partners('a', 'kill-assessments')).toEqual([]);
    expect(net.partners('c', 'tracks')).toEqual([]);
    const empty = { tracks: [], dropped: [], complete: true };
    expect(net.send(10, 'a', 'tracks', empty)).toBe(2);
    expect(net.send(10.5, 'b', 'tracks', empty)).toBe(1);
    expect(net.send(10.5, 'b', 'engagements', [])).toBe(0);
    expect(net.send(10, 'c', 'tracks', empty)).toBe(0);
    expect(net.deliver(10.9)).toEqual([]);
    const out = net.deliver(11.5);
    expect(out.map((m) => [m.from, m.to, m.sent, m.delivered])).toEqual([
      ['b', 'a', 10.5, 11],
      ['a', 'b', 10, 11.5],
      ['a', 'c', 10, 11.5],
    ]);
    expect(net.stats).toEqual({ messages: 3, sent: 3, lost: 0, tracks: 0, latency: 0.5 + 1.5 + 1.5 });
  });
});

describe('data links in the World (joint-exercise, compact)', () => {
  it('a message sent at t is delivered at exactly t + latency (recorded as one event per batch)', () => {
    const ev = run('base');
    const dl = of(ev, 'datalink');
    expect(dl.filter((m) => m.kind === 'tracks').length).toBeGreaterThan(50);
    expect(dl.some((m) => m.kind === 'engagements')).toBe(true);
    for (const m of dl) {
      expect(m.delivered - m.sent).toBe(1.5);
      // Acted on at the first tick at or after delivery (time step 1 s).
      expect(m.t).toBeGreaterThanOrEqual(m.delivered);
      expect(m.t - m.delivered).toBeLessThan(1);
      expect([m.from, m.to].sort()).toEqual(['aurelia', 'borealis']);
    }
    // Aurelia's link does not share kill assessments.
    expect(dl.some((m) => m.kind === 'kill-assessments' && m.from === 'aurelia')).toBe(false);
    // Track reports every 2 s (the report interval; an empty report is sent once, to clear).
    for (const from of ['aurelia', 'borealis']) {
      const sent = dl.filter((x) => x.kind === 'tracks' && x.from === from).map((x) => x.sent);
      for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(2);
    }
  }, LONG);

  it('the fused pictures carry the ally\u2019s tracks; latency 0 vs 30 s gives different pictures', () => {
    const sensorsOf = (force: string) => new Set(full.sensors.filter((s) => s.force === force).map((s) => s.id));
    // A confirmed track of one force built (at least in part) from the other's report.
    const fromAlly = (ev: SimEvent[]) => of(ev, 'track').filter((e: TrackEvent) => {
      const ally = sensorsOf(e.force === 'aurelia' ? 'borealis' : 'aurelia');
      return e.event === 'confirmed' && (e.track.includes('-R') || (e.sensors ?? []).some((s) => ally.has(s)));
    });
    const zero = result('lat0', setLatency(0));
    const thirty = result('lat30', setLatency(30));
    expect(fromAlly(zero.events!).length).toBeGreaterThan(0);
    expect(fromAlly(thirty.events!).length).toBeGreaterThan(0);
    for (const m of of(thirty.events!, 'datalink')) expect(m.delivered - m.sent).toBe(30);
    // Aurelia's fused picture (its track events and its GOSPA against truth) differs.
    const aurelia = (r: RunResult) => of(r.events!, 'track').filter((e) => e.force === 'aurelia');
    expect(JSON.stringify(aurelia(zero))).not.toEqual(JSON.stringify(aurelia(thirty)));
    const gospa = (r: RunResult) => r.summary.defense!.picture.find((p) => p.force === 'aurelia')!.meanGospa;
    expect(gospa(zero)).not.toBe(gospa(thirty));
    // The summary counts the messages and their mean latency.
    expect(thirty.summary.dataLinks!.meanLatency).toBe(30);
    expect(zero.summary.dataLinks!.meanLatency).toBe(0);
    expect(thirty.summary.dataLinks!.messages).toBe(of(thirty.events!, 'datalink').length);
    expect(thirty.summary.dataLinks!.tracksShared).toBe(of(thirty.events!, 'datalink').filter((m) => m.kind === 'tracks').reduce((n, m) => n + m.count, 0));
  }, LONG);

  it('reports older than the staleness limit (60 s) are dropped: with a 120 s latency the picture is local only', () => {
    const ev = run('stale', setLatency(120));
    const delivered = of(ev, 'datalink').filter((m) => m.kind === 'tracks' && m.to === 'aurelia' && m.count > 0);
    expect(delivered.length).toBeGreaterThan(10);
    const borealisSensors = new Set(full.sensors.filter((s) => s.force === 'borealis').map((s) => s.id));
    const confirmed = of(ev, 'track').filter((e) => e.force === 'aurelia' && e.event === 'confirmed');
    expect(confirmed.length).toBeGreaterThan(0);
    for (const e of confirmed) {
      expect(e.track).toMatch(/^aurelia-T\d+$/);
      expect((e.sensors ?? []).some((s) => borealisSensors.has(s))).toBe(false);
    }
  }, LONG);

  it('sharing engagements keeps the interceptors at a threat from both forces within maxShotsPerThreat', () => {
    // Both forces at maxShotsPerThreat 2 with salvos of 2: a threat engaged by one force has had
    // its shots. Shared engagements count against the receiver's cap, so the ally holds fire;
    // unshared, each force spends its own 2 and a threat in both forces' reach draws 4. (Two forces
    // deciding in the same cycle, before the other's order arrives, can still both fire: counted,
    // not excluded.)
    const capTwo = (s: Scenario) => {
      for (const d of [s.doctrine.default, ...Object.values(s.doctrine.forces)]) {
        d.maxShotsPerThreat = 2;
        d.fire = { ...d.fire, mode: 'salvo', salvoSize: 2 };
      }
    };
    const overCap = (ev: SimEvent[]) => {
      const by = new Map<string, number>();
      for (const i of of(ev, 'intercept')) if (i.target !== null) by.set(i.target, (by.get(i.target) ?? 0) + 1);
      return [...by.values()].filter((n) => n > 2).length;
    };
    const sharing = run('shot-cap2', capTwo);
    const notSharing = run('shot-cap2-no-engagements', (s) => {
      capTwo(s);
      for (const f of s.forces) if (f.dataLink) f.dataLink.shares = f.dataLink.shares.filter((k) => k !== 'engagements');
    });
    expect(of(notSharing, 'datalink').some((m) => m.kind === 'engagements')).toBe(false);
    expect(overCap(notSharing)).toBeGreaterThanOrEqual(2);
    expect(overCap(sharing)).toBeLessThan(overCap(notSharing));
  }, LONG);

  it('is deterministic with data links in play (same seed → identical recording)', () => {
    const again = runScenario(compact()).events!;
    const a = run('base');
    expect(again.length).toBe(a.length);
    expect(again.map((e) => JSON.stringify(e))).toEqual(a.map((e) => JSON.stringify(e)));
  }, LONG);
});

describe('degraded data links in the World (joint-exercise, compact)', () => {
  const degrade = (d: { messageLoss?: number; trackCapacity?: number | null; staleAfter?: number | null }) => (s: Scenario) => {
    for (const f of s.forces) if (f.dataLink) Object.assign(f.dataLink, d);
  };

  it('the defaults are the ideal link: same recording as explicit no-loss, no-limit, no-staleness settings', () => {
    const ideal = run('ideal', degrade({ messageLoss: 0, trackCapacity: 100_000, staleAfter: 3600 }));
    const base = run('base');
    expect(ideal.length).toBe(base.length);
    expect(ideal.map((e) => JSON.stringify(e))).toEqual(base.map((e) => JSON.stringify(e)));
    expect(result('base').summary.dataLinks).toMatchObject({ lost: 0 });
    // Sent = delivered + the few still in flight at the end (sent within the last 1.5 s).
    const { sent, messages } = result('base').summary.dataLinks!;
    expect(sent - messages).toBeGreaterThanOrEqual(0);
    expect(sent - messages).toBeLessThanOrEqual(6);
  }, LONG);

  it('loses messages at the configured rate, counts them, and stays deterministic', () => {
    const p = 0.3;
    const lossy = result('loss30', degrade({ messageLoss: p }));
    const dl = lossy.summary.dataLinks!;
    // Binomial(sent, p) 99.9% interval around sent·p (closed form; sent in the hundreds).
    expect(dl.sent).toBeGreaterThan(200);
    expect(Math.abs(dl.lost - dl.sent * p)).toBeLessThanOrEqual(3.29 * Math.sqrt(dl.sent * p * (1 - p)));
    // Every delivered message is one recorded datalink event; per-link counts add up.
    expect(of(lossy.events!, 'datalink').length).toBe(dl.messages);
    expect(dl.links.map((l) => `${l.from}>${l.to}`)).toEqual(['aurelia>borealis', 'borealis>aurelia']);
    expect(dl.links.reduce((n, l) => n + l.lost, 0)).toBe(dl.lost);
    expect(dl.links.reduce((n, l) => n + l.sent, 0)).toBe(dl.sent);
    for (const l of dl.links) expect(l.delivered).toBeLessThanOrEqual(l.sent - l.lost);
    // Every lost message is a 'datalink-lost' event at the tick it was sent or the next one (those sent at the very last
    // tick excepted: at most one batch per link and kind), with what it would have carried.
    const lostEv = of(lossy.events!, 'datalink-lost');
    expect(lostEv.length).toBeLessThanOrEqual(dl.lost);
    expect(dl.lost - lostEv.length).toBeLessThanOrEqual(6);
    for (const l of dl.links) expect(lostEv.filter((e) => e.from === l.from && e.to === l.to).length).toBeLessThanOrEqual(l.lost);
    for (const e of lostEv) {
      expect(e.t).toBeGreaterThanOrEqual(e.sent);
      expect(e.t - e.sent).toBeLessThanOrEqual(1 + 1e-9);
      expect(e.count).toBeGreaterThanOrEqual(0);
    }
    expect(of(run('base'), 'datalink-lost')).toEqual([]);
    // Same seed → identical recording; it differs from the lossless one.
    const again = runScenario(compact(degrade({ messageLoss: p }))).events!;
    expect(again.map((e) => JSON.stringify(e))).toEqual(lossy.events!.map((e) => JSON.stringify(e)));
    expect(lossy.events!.length).not.toBe(run('base').length);
  }, LONG);

  it('a track capacity caps every track report and keeps the held remote tracks (no drop by absence)', () => {
    const baseCounts = of(run('base'), 'datalink').filter((m) => m.kind === 'tracks').map((m) => m.count);
    expect(Math.max(...baseCounts)).toBeGreaterThan(2);
    const capped = result('cap2', degrade({ trackCapacity: 2 }));
    const counts = of(capped.events!, 'datalink').filter((m) => m.kind === 'tracks').map((m) => m.count);
    expect(counts.length).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBe(2);
    expect(capped.summary.dataLinks!.tracksShared).toBeLessThan(result('base').summary.dataLinks!.tracksShared);
  }, LONG);
});
