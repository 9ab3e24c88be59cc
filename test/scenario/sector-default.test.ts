import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/index.js';
import { horizonDipDeg } from '../../src/scenario/resolve.js';

describe('default lowest elevation of a ground radar: its horizon dip', () => {
  it('matches the exact tangent angle on a 4/3-radius Earth, acos(kR/(kR+h))', () => {
    const kR = (4 / 3) * 6_371_000;
    for (const h of [10, 200, 2000]) {
      const exact = (Math.acos(kR / (kR + h)) * 180) / Math.PI;
      expect(horizonDipDeg(h) / exact).toBeCloseTo(1, 3);
    }
    expect(horizonDipDeg(0)).toBe(0);
  });

  it('fills sector.elevationMin from the antenna height unless given', () => {
    const text = readFileSync('scenarios/default.yaml', 'utf8');
    const s = parseScenario(text, 'scenarios/default.yaml');
    const patriot = s.sensors.find((x) => x.id === 'patriot-radar')!;
    expect(patriot.sector.elevationMin).toBeCloseTo((-horizonDipDeg(patriot.location!.h) * Math.PI) / 180, 12);
    expect(patriot.sector.elevationMin).toBeLessThan(0);
    const given = parseScenario(text.replace('sector: { elevationMax: 80 }', 'sector: { elevationMin: 2, elevationMax: 80 }'), 'x.yaml');
    expect(given.sensors.find((x) => x.id === 'patriot-radar')!.sector.elevationMin).toBeCloseTo((2 * Math.PI) / 180, 12);
  });
});
