// Threat evaluation: the Gaussian-over-a-disc probability against closed forms and Monte Carlo,
// and the intent model ranking the asset a truth drone / cruise missile (flight/) actually flies to.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import geographiclib from 'geographiclib-geodesic';
import { cruiseMissile, oneWayAttackDrone } from '../../src/flight/index.js';
import { mat, stream } from '../../src/math/index.js';
import type { Asset } from '../../src/scenario/types.js';
import type { PictureTrack } from '../../src/track/picture.js';
import { assessThreat, assessThreats, defendedAssets, notionalThreatCosts, probabilityInDisc } from '../../src/decide/threat.js';

const WGS84 = geographiclib.Geodesic.WGS84;
const DEG = Math.PI / 180;
const SHAHED = { id: 'shahed-136', max_speed_m_s: 51, cruise_speed_m_s: 50, min_altitude_m: 50, max_altitude_m: 4000, max_range_m: 2_000_000 };
const KH101 = { id: 'kh-101', max_speed_m_s: 270, cruise_speed_m_s: 200, min_altitude_m: 30, max_altitude_m: 6000, max_range_m: 2_500_000 };

function ahead(latDeg: number, lonDeg: number, azDeg: number, km: number) {
  const r = WGS84.Direct(latDeg, lonDeg, azDeg, km * 1000);
  return { lat: (r.lat2 as number) * DEG, lon: (r.lon2 as number) * DEG };
}

describe('probabilityInDisc', () => {
  it('centred isotropic: 1 − exp(−ρ²/2σ²) (Rayleigh)', () => {
    for (const [sigma, rho] of [[100, 50], [100, 150], [30, 300], [500, 20]]) {
      const p = probabilityInDisc(0, 0, [sigma ** 2, 0, 0, sigma ** 2], rho);
      expect(p).toBeCloseTo(1 - Math.exp(-(rho ** 2) / (2 * sigma ** 2)), 6);
    }
  });
  it('offset, correlated: agrees with Monte Carlo within 4σ of the binomial error', () => {
    const C = [400 ** 2, 0.6 * 400 * 150, 0.6 * 400 * 150, 150 ** 2];
    const rng = stream(3, 'test/disc');
    const L = mat.cholesky(C, 2);
    const N = 200_000;
    const x = new Float64Array(2);
    for (const [cx, cy, rho] of [[300, -100, 200], [-50, 400, 250], [0, 0, 100]]) {
      let k = 0;
      for (let i = 0; i < N; i++) {
        rng.mvnormalInto(x, [0, 0], L, 2);
        if ((x[0] - cx) ** 2 + (x[1] - cy) ** 2 <= rho * rho) k++;
      }
      const pmc = k / N;
      const p = probabilityInDisc(cx, cy, C, rho);
      expect(Math.abs(p - pmc)).toBeLessThan(4 * Math.sqrt((pmc * (1 - pmc)) / N) + 1e-4);
    }
  });
  it('a (nearly) certain impact point is inside or outside the disc', () => {
    expect(probabilityInDisc(10, 0, [1e-6, 0, 0, 1e-6], 20)).toBeCloseTo(1, 9);
    expect(probabilityInDisc(30, 0, [1e-6, 0, 0, 1e-6], 20)).toBeCloseTo(0, 9);
  });
});

describe('threat evaluation of guided threats', () => {
  const centre = { lat: 50, lon: 30 };
  const assetList: Asset[] = ['N', 'E', 'S', 'W'].map((id, i) => {
    const p = ahead(centre.lat, centre.lon, 90 * i, 30);
    return {
      id, name: id, force: 'blue', kind: 'power-plant', location: { ...p, h: 0 }, area: { kind: 'circle', radius: 400 },
      value: 10, valueUsd: 1e9, hardness: 34_474, power: null,
    } as Asset;
  });
  const assets = defendedAssets(assetList);

  function asTrack(id: string, t: number, state: Float64Array, cls: 'drone' | 'cruise'): PictureTrack {
    return {
      id, t, state: state.slice(), covariance: mat.diagonal([50 ** 2, 50 ** 2, 50 ** 2, 2 ** 2, 2 ** 2, 2 ** 2]),
      classProbabilities: { [cls]: 1 }, classification: cls, quality: 0.9, status: 'confirmed', sensors: ['r1'],
    };
  }

  it('ranks the asset actually aimed at first (truth drones and cruise missiles from flight/)', () => {
    const picture: PictureTrack[] = [];
    const aimed: Record<string, string> = {};
    assetList.forEach((a, i) => {
      // Launch 150 km beyond the asset, 20° off its radial, so the path does not overfly the centre.
      const launch = ahead(a.location.lat / DEG, a.location.lon / DEG, 90 * i + 20, 150);
      const drone = oneWayAttackDrone(SHAHED, { id: `d-${a.id}`, launchTime: 0, launch, target: a.location });
      drone.advance(drone.route.duration * 0.6);
      picture.push(asTrack(`d-${a.id}`, drone.time, drone.state, 'drone'));
      aimed[`d-${a.id}`] = a.id;
      const cm = cruiseMissile(KH101, { id: `c-${a.id}`, launchTime: 0, launch, target: a.location });
      cm.advance(cm.route.duration * 0.5);
      picture.push(asTrack(`c-${a.id}`, cm.time, cm.state, 'cruise'));
      aimed[`c-${a.id}`] = a.id;
    });
    const out = assessThreats(picture, assets, { threatCosts: notionalThreatCosts() });
    expect(out.length).toBe(8);
    for (const a of out) {
      expect(a.assetsAtRisk[0].asset).toBe(aimed[a.trackId]);
      // Neighbours 42 km apart, 10° manoeuvre allowance: the aimed asset is clearly the most likely.
      expect(a.assetsAtRisk[0].probability).toBeGreaterThan(0.45);
      expect(a.assetsAtRisk[0].probability).toBeGreaterThan(1.5 * (a.assetsAtRisk[1]?.probability ?? 0));
      // threatValue = Σ value · P · lethality (0.3 drone, 0.8 cruise)
      const leth = a.class === 'drone' ? 0.3 : 0.8;
      expect(a.threatValue).toBeCloseTo(a.assetsAtRisk.reduce((s, r) => s + 10 * r.probability * leth, 0), 9);
    }
    // Cruise missiles (higher lethality, sooner) outrank drones at equal asset values.
    expect(out[0].class).toBe('cruise');
  });

  it('a drone flying away from every asset threatens nothing much', () => {
    const launch = ahead(centre.lat, centre.lon, 45, 60);
    const away = ahead(centre.lat, centre.lon, 45, 200);
    const drone = oneWayAttackDrone(SHAHED, { id: 'away', launchTime: 0, launch, target: away });
    drone.advance(100);
    const a = assessThreat(asTrack('away', drone.time, drone.state, 'drone'), assets)!;
    expect(a.threatValue).toBeLessThan(0.3 * 10 * 0.05);
  });
});

describe('notional threat costs', () => {
  it('medians of the priced catalog types per category; unknown = cheapest', () => {
    const threats = [
      { category: 'drone', unitCost: 35_000 }, { category: 'cruise', unitCost: 13e6 }, { category: 'cruise', unitCost: 2e6 },
      { category: 'ballistic', unitCost: 3e6 }, { category: 'ballistic', unitCost: null },
    ] as never;
    const c = notionalThreatCosts({ threats });
    expect(c.drone).toBe(35_000);
    expect(c.cruise).toBe(7.5e6);
    expect(c.ballistic).toBe(3e6);
    expect(c.unknown).toBe(35_000);
  });
});

describe('probabilityInDisc properties (fast-check)', () => {
  it('is a probability, grows with the radius, and is invariant under rotating the whole picture', () => {
    fc.assert(fc.property(
      fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true }),
      fc.double({ min: 10, max: 1000, noNaN: true }), fc.double({ min: 10, max: 1000, noNaN: true }),
      fc.double({ min: -0.9, max: 0.9, noNaN: true }), fc.double({ min: 1, max: 3000, noNaN: true }),
      fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      (cx, cy, s1, s2, r, rho, th) => {
        const C = [s1 * s1, r * s1 * s2, r * s1 * s2, s2 * s2];
        const p = probabilityInDisc(cx, cy, C, rho);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(probabilityInDisc(cx, cy, C, rho * 1.5)).toBeGreaterThanOrEqual(p - 1e-6);
        // Rotate centre and covariance by θ: Q C Qᵀ.
        const c = Math.cos(th), s = Math.sin(th);
        const a = C[0], b = C[1], d = C[3];
        const Cr = [c * c * a - 2 * c * s * b + s * s * d, c * s * (a - d) + (c * c - s * s) * b, 0, s * s * a + 2 * c * s * b + c * c * d];
        Cr[2] = Cr[1];
        expect(probabilityInDisc(c * cx - s * cy, s * cx + c * cy, Cr, rho)).toBeCloseTo(p, 4);
      },
    ), { numRuns: 200, seed: 42 });
  });
});
