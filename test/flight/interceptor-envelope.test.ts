import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canReach, computeEnvelope, flyToPoint, timeToReach } from '../../src/flight/envelope.js';
import type { InterceptorType } from '../../src/flight/interceptor.js';

const catalog = JSON.parse(readFileSync(new URL('../../catalog/catalog.json', import.meta.url), 'utf8')) as {
  interceptors: InterceptorType[];
};
const NASAMS = catalog.interceptors.find((t) => t.id === 'nasams-amraam')!;

describe('kinematic envelope (table of flown trajectories)', () => {
  const table = computeEnvelope(NASAMS);

  it('is bounded by the catalog limits', () => {
    expect(timeToReach(table, NASAMS.max_range_m! * 1.01, 5000)).toBe(Infinity);
    expect(timeToReach(table, 10_000, NASAMS.max_altitude_m! + 100)).toBe(Infinity);
    expect(timeToReach(table, NASAMS.min_range_m! * 0.5, 5000)).toBe(Infinity);
    expect(canReach(table, 10_000, 5000)).toBe(true);
  });

  it('interpolated times agree with fresh flyouts at off-grid points within 3 %', () => {
    // Points between the grid nodes (ranges 1–30 km every 2.4 km, altitudes 30 m–15 km every 1.9 km).
    for (const [r, h] of [[4_700, 2_800], [12_300, 8_100], [21_900, 4_400], [26_500, 12_900], [17_000, 13_700]]) {
      const table_t = timeToReach(table, r, h);
      const flown = flyToPoint(NASAMS, r, h);
      expect(flown.reached).toBe(true);
      expect(Math.abs(table_t - flown.time) / flown.time, `${r} m, ${h} m`).toBeLessThan(0.03);
    }
  });

  it('time of flight grows with range at every altitude (physics sanity) and within-time queries work', () => {
    const nr = table.ranges.length;
    for (let i = 0; i < table.altitudes.length; i++) {
      for (let j = 1; j < nr; j++) {
        const a = table.timeOfFlight[i * nr + j - 1], b = table.timeOfFlight[i * nr + j];
        if (Number.isFinite(a) && Number.isFinite(b)) expect(b).toBeGreaterThan(a);
      }
    }
    const t = timeToReach(table, 20_000, 6_000);
    expect(canReach(table, 20_000, 6_000, t + 0.1)).toBe(true);
    expect(canReach(table, 20_000, 6_000, t - 0.1)).toBe(false);
  });
});
