// Degraded data links (src/sim/datalink.ts, src/track/fusion.ts RemoteTrackStore): message loss,
// per-report track capacity with a documented priority, explicit drops and drop-by-staleness.
// References: the binomial distribution (closed-form mean/variance), hand-worked report/delivery
// timelines, decide/'s own threat ranking (assessThreats) and hand-computed straight-line times.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stream } from '../../src/math/index.js';
import { enuToEcef, enuVectorToEcef, geodeticToEcef } from '../../src/geo/index.js';
import { assessThreat, assessThreats, notionalThreatCosts, type DefendedAsset } from '../../src/decide/threat.js';
import { DataLinkNetwork, TrackReporter, trackReportPriority, type DataLinkConfig } from '../../src/sim/datalink.js';
import { RemoteTrackStore, type RemoteTrackBatch } from '../../src/track/fusion.js';
import type { PictureTrack, TargetClass } from '../../src/track/picture.js';

const link = (extra: Partial<DataLinkConfig> = {}, to: string[] = ['b']): DataLinkConfig => ({ latency: 0, shares: ['tracks', 'engagements'], with: to, ...extra });
const empty = (): RemoteTrackBatch => ({ tracks: [], dropped: [], complete: true });

/** Send n messages a → its partners one at a time (latency 0) and return, per partner, which were lost. */
function lossPattern(net: DataLinkNetwork, n: number, to: string[]): Map<string, boolean[]> {
  const out = new Map(to.map((d) => [d, [] as boolean[]]));
  for (let i = 0; i < n; i++) {
    net.send(i, 'a', 'engagements', []);
    const got = new Set(net.deliver(i).map((m) => m.to));
    for (const d of to) out.get(d)!.push(!got.has(d));
  }
  return out;
}

describe('message loss (DataLinkNetwork)', () => {
  it('loses a fraction of messages within the binomial 99.9% interval of messageLoss', () => {
    for (const p of [0.1, 0.3]) {
      const n = 20_000;
      const net = new DataLinkNetwork([{ id: 'a', dataLink: link({ messageLoss: p }) }, { id: 'b', dataLink: null }], { seed: 7 });
      const lost = lossPattern(net, n, ['b']).get('b')!.filter(Boolean).length;
      // Binomial(n, p): mean np, sd √(np(1−p)); |lost − np| ≤ 3.29 sd holds with probability 0.999
      // (normal approximation, np ≥ 2000).
      expect(Math.abs(lost - n * p)).toBeLessThanOrEqual(3.29 * Math.sqrt(n * p * (1 - p)));
      expect(net.stats).toMatchObject({ sent: n, lost, messages: n - lost });
      expect(net.linkCounts('a', 'b')).toEqual({ from: 'a', to: 'b', sent: n, delivered: n - lost, lost });
    }
  });

  it('draws u < p from the link\u2019s own stream datalink/<from>/<to> of the run seed, one per message', () => {
    const p = 0.3;
    const net = new DataLinkNetwork([{ id: 'a', dataLink: link({ messageLoss: p }) }], { seed: 11 });
    const got = lossPattern(net, 500, ['b']).get('b')!;
    const rng = stream(11, 'datalink/a/b');
    expect(got).toEqual(Array.from({ length: 500 }, () => rng.uniform() < p));
  });

  it('is deterministic (same seed, same losses) and each link is independent of the others', () => {
    const make = (seed: number, to: string[]) => new DataLinkNetwork([{ id: 'a', dataLink: link({ messageLoss: 0.2 }, to) }], { seed });
    const one = lossPattern(make(3, ['b']), 2000, ['b']).get('b')!;
    expect(lossPattern(make(3, ['b']), 2000, ['b']).get('b')).toEqual(one);
    expect(lossPattern(make(4, ['b']), 2000, ['b']).get('b')).not.toEqual(one);
    // Adding a partner c leaves a → b's draws untouched; a → c's losses differ from a → b's.
    const two = lossPattern(make(3, ['b', 'c']), 2000, ['b', 'c']);
    expect(two.get('b')).toEqual(one);
    expect(two.get('c')).not.toEqual(one);
    // Independence of the two links: the joint loss rate ≈ p² (binomial 99.9% interval).
    const both = two.get('b')!.filter((x, i) => x && two.get('c')![i]).length;
    expect(Math.abs(both - 2000 * 0.04)).toBeLessThanOrEqual(3.29 * Math.sqrt(2000 * 0.04 * 0.96));
  });

  it('a lossless link delivers everything and draws nothing', () => {
    const net = new DataLinkNetwork([{ id: 'a', dataLink: link() }]);
    const got = lossPattern(net, 100, ['b']).get('b')!;
    expect(got.every((x) => !x)).toBe(true);
    expect(net.stats).toMatchObject({ sent: 100, messages: 100, lost: 0 });
  });

  it('rejects out-of-range settings', () => {
    expect(() => new DataLinkNetwork([{ id: 'a', dataLink: link({ messageLoss: 1 }) }])).toThrow(/messageLoss must be in \[0, 1\)/);
    expect(() => new DataLinkNetwork([{ id: 'a', dataLink: link({ trackCapacity: 0 }) }])).toThrow(/trackCapacity must be a positive integer/);
    expect(() => new DataLinkNetwork([{ id: 'a', dataLink: link({ staleAfter: 0 }) }])).toThrow(/staleAfter must be > 0/);
  });

  it('staleAfter defaults to 3 report intervals', () => {
    expect(new DataLinkNetwork([{ id: 'a', dataLink: link() }]).settings('a')!.staleAfter).toBe(6);
    expect(new DataLinkNetwork([{ id: 'a', dataLink: link() }], { reportInterval: 5 }).settings('a')!.staleAfter).toBe(15);
    expect(new DataLinkNetwork([{ id: 'a', dataLink: link({ staleAfter: 4 }) }], { reportInterval: 5 }).settings('a')!.staleAfter).toBe(4);
  });
});

// ─── tracks for the reporter / priority tests ────────────────────────────────────────────────────

const D = Math.PI / 180;
const site = { lat: 44 * D, lon: 28 * D, h: 0 };
const asset: DefendedAsset = { id: 'city', kind: 'city', value: 10, valueUsd: null, position: Float64Array.from(geodeticToEcef(site)), radius: 3000 };

/** A track at ENU (e, n, u) m from the asset with ENU velocity (ve, vn, vu) m/s. */
function trackAt(id: string, cls: TargetClass, enu: [number, number, number], venu: [number, number, number], status: PictureTrack['status'] = 'confirmed'): PictureTrack {
  const r = enuToEcef(site, enu);
  const v = enuVectorToEcef(venu, site.lat, site.lon);
  const P = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    P[i * 6 + i] = 100 ** 2;
    P[(i + 3) * 6 + i + 3] = 5 ** 2;
  }
  return { id, t: 0, state: Float64Array.from([...r, ...v]), covariance: P, classProbabilities: { [cls]: 1 }, classification: cls, quality: 0.9, status, sensors: ['s'] };
}

describe('track report priority (capacity-limited reports)', () => {
  // Non-threats have no threat assessment at all: a hovering air track has no horizontal heading
  // for the intent model (decide/impact.ts predictIntent returns null), and a ballistic track
  // landing far downrange puts no asset at risk.
  const tracks = [
    trackAt('a-air-hover', 'aircraft', [30_000, 0, 5000], [0, 0, 0]), // τ = √(30000² + 5000²) m / 1 m/s (speed floor) ≈ 30 414 s
    trackAt('b-drone-in', 'drone', [20_000, 0, 100], [-50, 0, 0]), // straight at the city
    trackAt('c-drone-hover', 'drone', [10_000, 0, 100], [0, 0, 0]), // τ = 10 000 m / 1 m/s (speed floor)
    trackAt('d-ballistic-away', 'ballistic', [400_000, 0, 150_000], [2000, 0, 500]), // lands far downrange
    trackAt('e-cruise-in', 'cruise', [0, 40_000, 50], [0, -250, 0]), // straight at the city
  ];

  it('puts the sender\u2019s threats first in its battle manager\u2019s ranking, then ballistic/glide, then by time to the nearest asset', () => {
    // Preconditions from decide/ (independent of the reporter): two threats, three non-threats.
    const costs = notionalThreatCosts();
    const threatening = tracks.filter((p) => (assessThreat(p, [asset], { threatCosts: costs })?.threatValue ?? 0) > 0).map((p) => p.id).sort();
    expect(threatening).toEqual(['b-drone-in', 'e-cruise-in']);
    const ranked = assessThreats(tracks, [asset], { threatCosts: costs }).filter((a) => a.threatValue > 0).map((a) => a.trackId);
    // The ranking is threat value first: the cruise missile (lethality 0.8) before the drone (0.3).
    expect(ranked).toEqual(['e-cruise-in', 'b-drone-in']);
    // Hand-computed straight-line times of the others (the ballistic one goes first by class).
    expect(10_000 / 1).toBeLessThan(Math.hypot(30_000, 5000) / 1);
    const order = trackReportPriority(tracks, [asset], costs).map((p) => p.id);
    expect(order).toEqual(['e-cruise-in', 'b-drone-in', 'd-ballistic-away', 'c-drone-hover', 'a-air-hover']);
  });

  it('a report carries at most trackCapacity tracks, the highest-priority ones, and says it is partial', () => {
    const rep = new TrackReporter('a', { latency: 1.5, messageLoss: 0, trackCapacity: 3, staleAfter: 6, reportPeriod: 2 }, [asset]);
    const b = rep.report(10, [...tracks, trackAt('f-tentative', 'ballistic', [1000, 0, 1000], [0, 0, -1000], 'tentative')])!;
    expect(b.complete).toBe(false);
    expect(b.tracks.map((r) => r.track.id)).toEqual(['e-cruise-in', 'b-drone-in', 'd-ballistic-away']);
    expect(b.tracks.every((r) => r.sent === 10 && r.delivered === 11.5 && r.force === 'a')).toBe(true);
    // Within capacity: the whole confirmed picture (tentative tracks never), complete.
    const all = new TrackReporter('a', { latency: 1.5, messageLoss: 0, trackCapacity: 5, staleAfter: 6, reportPeriod: 2 }, [asset]).report(10, tracks)!;
    expect(all.complete).toBe(true);
    expect(all.tracks.map((r) => r.track.id)).toEqual(tracks.map((p) => p.id));
  });
});

describe('capacity-limited reports rotate the tracks below the cut', () => {
  // Seven hovering drones (no threat assessment: no heading), 10 … 70 km out: priority P1 … P7 by
  // the straight-line time to the city (speed floor 1 m/s). staleAfter S = 6 s, report period
  // P = 2 s: a rotated track must be refreshed every L = ⌈S/P⌉ − 1 = 2 reports (4 s < 6 s).
  const P = [1, 2, 3, 4, 5, 6, 7].map((k) => trackAt(`P${k}`, 'drone', [k * 10_000, 0, 100], [0, 0, 0]));
  const ids = (rep: TrackReporter, t: number, pic: PictureTrack[]) => rep.report(t, pic)!.tracks.map((r) => r.track.id);

  it('K = 3: P1, P2 always; the one refresh slot alternates P3, P4 (pool R·L = 2); P5 … P7 are not sent', () => {
    expect(trackReportPriority(P, [asset]).map((p) => p.id)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    const rep = new TrackReporter('a', { latency: 1.5, messageLoss: 0, trackCapacity: 3, staleAfter: 6, reportPeriod: 2 }, [asset]);
    // t = 0: P3 and P4 never reported, P3 first by priority; t = 2: P4 never reported; from then on
    // the older of the two reports.
    expect([0, 2, 4, 6, 8, 10, 12].map((t) => ids(rep, t, P))).toEqual([
      ['P1', 'P2', 'P3'], ['P1', 'P2', 'P4'], ['P1', 'P2', 'P3'], ['P1', 'P2', 'P4'],
      ['P1', 'P2', 'P3'], ['P1', 'P2', 'P4'], ['P1', 'P2', 'P3'],
    ]);
  });

  it('K = 4 over five tracks: two refresh slots over P3 … P5, oldest report first, ties by priority', () => {
    const rep = new TrackReporter('a', { latency: 1.5, messageLoss: 0, trackCapacity: 4, staleAfter: 6, reportPeriod: 2 }, [asset]);
    const five = P.slice(0, 5);
    // t = 0: P3, P4 (never reported). t = 2: P5 (never), then P3 (0 s; tie with P4, by priority).
    // t = 4: P4 (0 s), then P3 (2 s; tie with P5). t = 6: P5 (2 s), P3 (4 s; tie with P4).
    expect([0, 2, 4, 6].map((t) => ids(rep, t, five))).toEqual([
      ['P1', 'P2', 'P3', 'P4'], ['P1', 'P2', 'P3', 'P5'], ['P1', 'P2', 'P3', 'P4'], ['P1', 'P2', 'P3', 'P5'],
    ]);
  });

  it('property: every pool track is refreshed at least every L reports, the fixed ones in every report', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 2, max: 5 }), (K, n, stale) => {
      const period = 2;
      const S = stale * period;
      const rep = new TrackReporter('a', { latency: 1.5, messageLoss: 0, trackCapacity: K, staleAfter: S, reportPeriod: period }, [asset]);
      const pic = P.slice(0, n);
      const R = Math.floor(K / 2);
      const L = stale - 1;
      const last = new Map<string, number>();
      for (let k = 0; k < 20; k++) {
        const t = k * period;
        const got = ids(rep, t, pic);
        expect(got.length).toBe(Math.min(K, n));
        for (const id of got) last.set(id, t);
        if (n <= K) continue;
        // From the L-th report on, each of the K − R + R·L first tracks was sent within the last L reports (< S).
        if (k >= L) for (const p of pic.slice(0, K - R + R * L)) expect(t - (last.get(p.id) ?? -Infinity)).toBeLessThan(S);
        for (const p of pic.slice(K - R + R * L)) expect(last.has(p.id)).toBe(false);
      }
    }));
  });
});

describe('receiver side: complete vs partial reports, explicit drops, staleness', () => {
  // Priority (see above): B, A (threats), then the hovering C (30 km), D (50 km), E (60 km).
  const A = trackAt('A', 'drone', [20_000, 0, 100], [-50, 0, 0]);
  const B = trackAt('B', 'cruise', [0, 40_000, 50], [0, -250, 0]);
  const C = trackAt('C', 'aircraft', [30_000, 0, 5000], [0, 0, 0]);
  const Dt = trackAt('D', 'drone', [50_000, 0, 100], [0, 0, 0]);
  const E = trackAt('E', 'drone', [60_000, 0, 100], [0, 0, 0]);

  it('a complete report replaces the sender\u2019s tracks; a partial one refreshes what it carries and removes its drops', () => {
    const store = new RemoteTrackStore();
    const rep = (ids: PictureTrack[], complete: boolean, dropped: string[] = []): RemoteTrackBatch =>
      ({ complete, dropped, tracks: ids.map((track) => ({ force: 'a', track, sent: 0, delivered: 0 })) });
    store.receive('a', rep([A, B, C], true), 2, 6);
    expect(store.heldFrom('a')).toEqual(['A', 'B', 'C']);
    store.receive('a', rep([A], false), 4, 6); // capacity 1: B and C are "no news"
    expect(store.heldFrom('a').sort()).toEqual(['A', 'B', 'C']);
    store.receive('a', rep([A], false, ['C']), 6, 6); // C deleted by the sender
    expect(store.heldFrom('a').sort()).toEqual(['A', 'B']);
    store.receive('a', rep([B], true), 8, 6); // complete: A is gone
    expect(store.heldFrom('a')).toEqual(['B']);
  });

  it('drops a track not refreshed for staleAfter at exactly that age (hand-worked)', () => {
    // Reports every 2 s, latency 1.5 s, time step 1 s: the report sent at 2 s is delivered at 3.5 s
    // and acted on at the 4 s tick; later reports of the track are lost. staleAfter = 3 × 2 = 6 s:
    // the track is held through the 9 s tick (age 5 s) and dropped at the 10 s tick (age 6 s).
    const net = new DataLinkNetwork([{ id: 'a', dataLink: { latency: 1.5, shares: ['tracks'], with: ['b'], messageLoss: 0.5, trackCapacity: 1 } }], { seed: 1 });
    const staleAfter = net.settings('a')!.staleAfter;
    expect(staleAfter).toBe(6);
    const store = new RemoteTrackStore();
    store.receive('a', { complete: false, dropped: [], tracks: [{ force: 'a', track: A, sent: 2, delivered: 3.5 }] }, 4, staleAfter);
    for (let t = 5; t <= 9; t++) {
      expect(store.prune(t)).toBe(0);
      expect(store.heldFrom('a')).toEqual(['A']);
    }
    expect(store.prune(10)).toBe(1);
    expect(store.heldFrom('a')).toEqual([]);
    expect(store.reports()).toEqual([]);
  });

  /**
   * The whole chain at 1 s ticks: reporter (every 2 s) → network (latency 1.5 s) → store (prune
   * after each tick's deliveries), as sim/engagement.ts runs it.
   */
  function chain(cfg: DataLinkConfig, picture: (t: number) => PictureTrack[], until: number, seed = 1) {
    const net = new DataLinkNetwork([{ id: 'a', dataLink: cfg }], { seed });
    const s = net.settings('a')!;
    const rep = new TrackReporter('a', s, [asset]);
    const store = new RemoteTrackStore();
    const held: Map<number, string[]> = new Map();
    const batches: Map<number, RemoteTrackBatch> = new Map();
    for (let t = 0; t <= until; t++) {
      if (t % 2 === 0) {
        const b = rep.report(t, picture(t));
        if (b) {
          batches.set(t, b);
          net.send(t, 'a', 'tracks', b);
        }
      }
      for (const m of net.deliver(t)) store.receive(m.from, m.payload as RemoteTrackBatch, t, s.staleAfter);
      store.prune(t);
      held.set(t, store.heldFrom('a').sort());
    }
    return { held, batches, net };
  }

  it('an explicit drop reaches the receiver within one report interval + latency, even in partial reports', () => {
    // The sender holds A…E and deletes C at 5 s (between its 4 s and 6 s reports). Capacity 3 of 5
    // or 4 tracks: every report is partial, so absence says nothing. Priority B, A, C, D, E: B and A
    // in every report; the refresh slot (pool of ⌈60/2⌉ − 1 = 29 tracks: all) takes the
    // never-reported C (0 s), D (2 s), E (4 s), then at 6 s the oldest report, D's. The 6 s report carries
    // B, A, D and "dropped: C"; delivered at 7.5 s, acted on at the 8 s tick — 3 s after the
    // deletion, within interval 2 s + latency 1.5 s (rounded up to the tick).
    const pic = (t: number) => (t < 5 ? [A, B, C, Dt, E] : [A, B, Dt, E]);
    const { held, batches } = chain({ latency: 1.5, shares: ['tracks'], with: ['b'], trackCapacity: 3, staleAfter: 60 }, pic, 20);
    expect([0, 2, 4].map((t) => batches.get(t)!.tracks.map((r) => r.track.id))).toEqual([['B', 'A', 'C'], ['B', 'A', 'D'], ['B', 'A', 'E']]);
    expect(batches.get(6)).toMatchObject({ complete: false, dropped: ['C'] });
    expect(batches.get(6)!.tracks.map((r) => r.track.id)).toEqual(['B', 'A', 'D']);
    expect(batches.get(8)!.dropped).toEqual([]); // lossless: said once
    expect(held.get(1)).toEqual([]);
    expect(held.get(2)).toEqual(['A', 'B', 'C']); // the 0 s report, acted on at 2 s
    expect(held.get(7)).toEqual(['A', 'B', 'C', 'D', 'E']); // D from the 2 s report (tick 4), E from the 4 s one (tick 6)
    expect(held.get(8)).toEqual(['A', 'B', 'D', 'E']);
    // Without the drop list (staleAfter 60 s) C would have stayed until 6 + 60 s.
    expect(held.get(20)).toEqual(['A', 'B', 'D', 'E']);
  });

  it('with loss, a drop is repeated for staleAfter; a track no delivered report refreshes ages out at staleAfter', () => {
    const p = 0.5;
    const cfg: DataLinkConfig = { latency: 1.5, shares: ['tracks'], with: ['b'], trackCapacity: 3, messageLoss: p };
    const pic = (t: number) => (t < 11 ? [A, B, C, Dt, E] : [A, B, Dt, E]);
    const how = { drop: 0, stale: 0 };
    for (let seed = 1; seed <= 16; seed++) {
      // The loss pattern of this seed on a → b from the documented stream: one draw per report.
      const rng = stream(seed, 'datalink/a/b');
      const lostAt = new Map<number, boolean>();
      for (let t = 0; t <= 40; t += 2) lostAt.set(t, rng.uniform() < p);
      const { held, batches } = chain(cfg, pic, 40, seed);
      // "dropped: C" rides in the reports of 12, 14 and 16 s (staleAfter = 6 s after the 12 s report that first saw it gone).
      expect([12, 14, 16, 18].map((t) => batches.get(t)!.dropped)).toEqual([['C'], ['C'], ['C'], []]);
      const delivered = (t: number) => !lostAt.get(t);
      // The delivered reports that carried C (capacity 3: C shares the refresh slot with D and E).
      const before = [0, 2, 4, 6, 8, 10].filter((t) => delivered(t) && batches.get(t)!.tracks.some((r) => r.track.id === 'C'));
      // (capacity 3 of 5: B, A always; C and D alternate in the refresh slot, E is not sent)
      expect([0, 2, 4, 6, 8, 10].filter((t) => batches.get(t)!.tracks.some((r) => r.track.id === 'C'))).toEqual([0, 4, 8]);
      if (before.length === 0) continue; // C never reached the receiver with this seed
      // C leaves at the earlier of: the tick acting on the first delivered drop report, and
      // staleness 6 s after the tick of its last refresh (ticks at ⌈sent + 1.5⌉).
      const staleTick = Math.ceil(before.at(-1)! + 1.5) + 6;
      const dropReport = [12, 14, 16].find(delivered);
      const dropTick = dropReport === undefined ? Infinity : Math.ceil(dropReport + 1.5);
      const expected = Math.min(staleTick, dropTick);
      expect(held.get(expected - 1)).toContain('C');
      expect(held.get(expected)).not.toContain('C');
      how[dropTick <= staleTick ? 'drop' : 'stale']++;
    }
    // Both ways out were exercised by these seeds.
    expect(how.drop).toBeGreaterThan(0);
    expect(how.stale).toBeGreaterThan(0);
  });
});
