// Space-based infrared: limb and cloud-top visibility against closed-form geometry, LOS frame
// round trips and noise statistics, triangulation, launch reports, and the Kepler impact
// predictor against Bate, Mueller & White's ballistic-missile equation (and flight/'s Kepler).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chiSquareQuantile, stream } from '../../src/math/index.js';
import { OMEGA_EARTH, WGS84_A, enuToEcefInto, geodeticToEcef, localFrame, greatCircleDistance } from '../../src/geo/index.js';
import { keplerFreeFlight } from '../../src/flight/kepler.js';
import {
  CLOUD_TOP,
  EarlyWarningCenter,
  InfraredSensor,
  ballisticImpact,
  losAnglesInto,
  losDirection,
  losFrameInto,
  plumeIntensity,
  triangulate,
  type Detection,
  type InfraredModel,
  type SatelliteEphemeris,
  type SensorTarget,
} from '../../src/sense/index.js';

const DEG = Math.PI / 180;
const GEO = 42_164_137;

function fixed(id: string, lonDeg: number, radius = GEO): SatelliteEphemeris {
  const p = [radius * Math.cos(lonDeg * DEG), radius * Math.sin(lonDeg * DEG), 0];
  return { id, stateAt: (_t, out) => (out.set([p[0], p[1], p[2], 0, 0, 0]), true) };
}

const MODEL: InfraredModel = { id: 'ir', force: 'blue', framePeriod: 10, cloudTop: CLOUD_TOP, nei: 2e-12, transmittance: 0.5, losSigma: 30e-6, pfa: 1e-6, maxTracks: 100 };

function plume(id: string, latDeg: number, lonDeg: number, h: number, thrusting = true): SensorTarget {
  const p = geodeticToEcef({ lat: latDeg * DEG, lon: lonDeg * DEG, h });
  return { id, kind: 'ballistic', state: Float64Array.from([...p, 0, 0, 0]), rcs: 1, thrusting, irIntensity: 1e6 };
}

describe('IR visibility: cloud tops and the Earth limb', () => {
  it('a GEO satellite sees a plume above the cloud tops in its hemisphere and not one behind the limb', () => {
    const s = new InfraredSensor(MODEL, [fixed('geo-0', 0)], stream(1, 'sensor/ir'), 0);
    expect(s.frameAt(0, [plume('near', 0, 10, 20_000)]).length).toBe(1);
    expect(s.frameAt(0, [plume('behind', 0, 120, 20_000)]).length).toBe(0);
    expect(s.frameAt(0, [plume('under-clouds', 0, 10, 5_000)]).length).toBe(0);
    expect(s.frameAt(0, [plume('coasting', 0, 10, 20_000, false)]).length).toBe(0);
  });

  it('the visibility edge on the equator is the closed-form limb angle acos((a+g)/r_s) + acos((a+g)/(a+h))', () => {
    // A plume at height h is seen over the cloud shell g from radius r_s while its central angle
    // from the sub-satellite point is below β (both tangent segments to the sphere of radius a+g).
    const g = CLOUD_TOP, h = 20_000;
    const beta = (Math.acos((WGS84_A + g) / GEO) + Math.acos((WGS84_A + g) / (WGS84_A + h))) / DEG;
    const s = new InfraredSensor(MODEL, [fixed('geo-0', 0)], stream(2, 'sensor/ir'), 0);
    expect(s.frameAt(0, [plume('in', 0, beta - 0.05, h)]).length).toBe(1);
    expect(s.frameAt(0, [plume('out', 0, beta + 0.05, h)]).length).toBe(0);
  });

  it('notional plume intensities by class', () => {
    expect(plumeIntensity({ category: 'ballistic', maxRange: 13_000_000 })).toBe(1e6);
    expect(plumeIntensity({ category: 'ballistic', maxRange: 500_000 })).toBe(1e5);
    expect(plumeIntensity({ category: 'cruise', maxRange: 2_500_000 })).toBe(0);
    expect(plumeIntensity('interceptor')).toBe(1e5);
  });
});

describe('LOS frame and noise', () => {
  it('nadir is [0, 0]; east and north of nadir are +α and +β; losDirection inverts the angles', () => {
    const sat = [GEO, 0, 0];
    const f = losFrameInto(new Float64Array(9), sat);
    const a = new Float64Array(2);
    losAnglesInto(a, f, [-1, 0, 0]);
    expect([a[0], a[1]]).toEqual([0, 0]);
    losAnglesInto(a, f, [-Math.cos(0.01), Math.sin(0.01), 0]); // toward +y (east)
    expect(a[0]).toBeCloseTo(0.01, 14);
    losAnglesInto(a, f, [-Math.cos(0.01), 0, Math.sin(0.01)]); // toward +z (north)
    expect(a[1]).toBeCloseTo(0.01, 14);
    fc.assert(
      fc.property(fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (al, be, lon) => {
        const pos = [GEO * Math.cos(lon), GEO * Math.sin(lon), 1e6 * lon];
        const u = losDirection([al, be], pos);
        const back = losAnglesInto(new Float64Array(2), losFrameInto(new Float64Array(9), pos), u);
        expect(back[0]).toBeCloseTo(al, 12);
        expect(back[1]).toBeCloseTo(be, 12);
      }),
      { numRuns: 100, seed: 9 },
    );
  });

  it('LOS errors have the stated covariance (χ²)', () => {
    const s = new InfraredSensor(MODEL, [fixed('geo-0', 0)], stream(3, 'sensor/ir'), 0);
    const tg = plume('p', 20, 15, 30_000);
    const sat = [GEO, 0, 0];
    const u = [tg.state[0] - sat[0], tg.state[1] - sat[1], tg.state[2] - sat[2]];
    const n = Math.hypot(...u);
    const truth = losAnglesInto(new Float64Array(2), losFrameInto(new Float64Array(9), sat), u.map((x) => x / n));
    let q = 0, k = 0;
    for (let i = 0; i < 3000; i++) {
      for (const d of s.frameAt(i, [tg])) {
        q += (d.z[0] - truth[0]) ** 2 / d.R[0] + (d.z[1] - truth[1]) ** 2 / d.R[3];
        k++;
        expect(d.kind).toBe('los');
        expect(d.platformId).toBe('geo-0');
      }
    }
    expect(k).toBe(3000); // SNR ≈ 140: Pd = 1
    expect(q).toBeGreaterThan(chiSquareQuantile(0.0005, 2 * k));
    expect(q).toBeLessThan(chiSquareQuantile(0.9995, 2 * k));
  });
});

describe('triangulation', () => {
  it('two noiseless lines of sight recover the point', () => {
    const p = geodeticToEcef({ lat: 30 * DEG, lon: 40 * DEG, h: 25_000 });
    const sats = [[GEO, 0, 0], [GEO * Math.cos(80 * DEG), GEO * Math.sin(80 * DEG), 0], [0, 26_000_000, 30_000_000]];
    const lines = sats.map((s) => ({ position: s, direction: [p[0] - s[0], p[1] - s[1], p[2] - s[2]], sigma: 30e-6 }));
    for (const set of [lines.slice(0, 2), lines]) {
      const tri = triangulate(set)!;
      expect(Math.hypot(tri.point[0] - p[0], tri.point[1] - p[1], tri.point[2] - p[2])).toBeLessThan(1e-3);
      expect(tri.residual).toBeLessThan(1e-3);
    }
    expect(triangulate([lines[0]])).toBeNull();
    expect(triangulate([lines[0], { ...lines[0] }])).toBeNull(); // parallel
  });

  it('noisy lines: the error is consistent with the stated covariance (χ²₃ on average)', () => {
    const rng = stream(5, 'tri');
    const p = geodeticToEcef({ lat: 30 * DEG, lon: 40 * DEG, h: 25_000 });
    const sats = [[GEO, 0, 0], [GEO * Math.cos(80 * DEG), GEO * Math.sin(80 * DEG), 0]];
    let q = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const lines = sats.map((s) => {
        const f = losFrameInto(new Float64Array(9), s);
        const d = [p[0] - s[0], p[1] - s[1], p[2] - s[2]];
        const r = Math.hypot(...d);
        const ang = losAnglesInto(new Float64Array(2), f, d.map((x) => x / r));
        return { position: s, direction: losDirection([ang[0] + rng.normal(0, 30e-6), ang[1] + rng.normal(0, 30e-6)], s), sigma: 30e-6 };
      });
      const tri = triangulate(lines)!;
      const e = [tri.point[0] - p[0], tri.point[1] - p[1], tri.point[2] - p[2]];
      // eᵀ C⁻¹ e via solving C x = e (3×3)
      const C = tri.covariance;
      const det = C[0] * (C[4] * C[8] - C[5] * C[7]) - C[1] * (C[3] * C[8] - C[5] * C[6]) + C[2] * (C[3] * C[7] - C[4] * C[6]);
      const inv = [
        (C[4] * C[8] - C[5] * C[7]) / det, (C[2] * C[7] - C[1] * C[8]) / det, (C[1] * C[5] - C[2] * C[4]) / det,
        (C[5] * C[6] - C[3] * C[8]) / det, (C[0] * C[8] - C[2] * C[6]) / det, (C[2] * C[3] - C[0] * C[5]) / det,
        (C[3] * C[7] - C[4] * C[6]) / det, (C[1] * C[6] - C[0] * C[7]) / det, (C[0] * C[4] - C[1] * C[3]) / det,
      ];
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) q += e[a] * inv[3 * a + b] * e[b];
    }
    // Two LOS give 4 angle measurements for 3 unknowns: the error lives in 3 dimensions.
    expect(q).toBeGreaterThan(chiSquareQuantile(0.0005, 3 * n));
    expect(q).toBeLessThan(chiSquareQuantile(0.9995, 3 * n));
  });
});

describe('launch reports', () => {
  /** A boost from rest: h = ½·16·τ², downrange 0.0011·τ^2.5 m along azimuth 30° (ENU at the launch site). */
  function boost(t: number, t0: number, site: { lat: number; lon: number }): Float64Array {
    const tau = t - t0;
    const d = 0.0011 * Math.pow(tau, 2.5);
    const enu = [d * Math.sin(30 * DEG), d * Math.cos(30 * DEG), 0.5 * 16 * tau * tau];
    return enuToEcefInto(new Float64Array(3), localFrame({ ...site, h: 0 }), enu);
  }

  it('three noiseless triangulated frames give the launch time, point and azimuth; latency is recorded', () => {
    const site = { lat: 30 * DEG, lon: 40 * DEG };
    const t0 = 50;
    const sats = [[GEO, 0, 0], [GEO * Math.cos(80 * DEG), GEO * Math.sin(80 * DEG), 0]];
    const center = new EarlyWarningCenter({ force: 'blue' });
    const reports = [];
    for (const t of [90, 100, 110]) {
      const p = boost(t, t0, site);
      const dets: Detection[] = sats.map((s, i) => {
        const d = [p[0] - s[0], p[1] - s[1], p[2] - s[2]];
        const r = Math.hypot(...d);
        const z = losAnglesInto(new Float64Array(2), losFrameInto(new Float64Array(9), s), d.map((x) => x / r));
        return { t, sensorId: 'ir', platformId: `sat-${i}`, kind: 'los', z, R: new Float64Array([9e-10, 0, 0, 9e-10]), sensorPosition: [s[0], s[1], s[2]], truthId: 'm1' };
      });
      reports.push(...center.ingest(t, dets));
    }
    expect(reports.length).toBe(1);
    const r = reports[0];
    expect(r.type).toBe('launch');
    expect(r.t).toBe(110);
    expect(r.launchTime).toBeCloseTo(t0, 1);
    expect(r.latency).toBeCloseTo(110 - r.launchTime, 12);
    expect(r.firstDetection).toBe(90);
    expect(greatCircleDistance(r.launchPoint.lat, r.launchPoint.lon, site.lat, site.lon)).toBeLessThan(200);
    expect(r.azimuth / DEG).toBeCloseTo(30, 1);
    expect(r.truthIds).toEqual(['m1']);
    expect(r.impactArea.polygon.length).toBeGreaterThan(10);
    // The track ends when the plume is gone: a burnout report follows after the coast time.
    const later = center.ingest(140, []);
    expect(later.map((x) => x.type)).toEqual(['burnout']);
  });
});

describe('ballistic impact predictor', () => {
  it('range angle matches the ballistic-missile equation cos(Ψ/2) = (1 − Q cos²γ)/√(1 + Q(Q−2)cos²γ) (BMW eq. 6.2-16) and flight/ Kepler', () => {
    // Launch on the equator eastward from the ellipsoid surface (radius a at both ends), with
    // the INERTIAL speed v and flight-path angle γ; the ECEF velocity removes ω×r.
    for (const [v, gDeg] of [[6000, 30], [7000, 20], [4000, 45]]) {
      const g = gDeg * DEG;
      const r = WGS84_A;
      const vi = [0, v * Math.cos(g), 0];
      const state = [r, 0, 0, v * Math.sin(g), vi[1] - OMEGA_EARTH * r, 0];
      const imp = ballisticImpact(state)!;
      const Q = (v * v * r) / 3.986004418e14;
      const c2 = Math.cos(g) ** 2;
      const psi = 2 * Math.acos((1 - Q * c2) / Math.sqrt(1 + Q * (Q - 2) * c2));
      const kff = keplerFreeFlight({ speed: v, flightPathAngle: g, altitude: 0, radius: r, mu: 3.986004418e14 });
      expect(kff.rangeAngle).toBeCloseTo(psi, 10);
      expect(imp.timeOfFlight).toBeCloseTo(kff.timeOfFlight, 6);
      // The Earth turns under the missile: ECEF impact longitude = Ψ − ω·tof.
      expect(imp.lat).toBeCloseTo(0, 10);
      expect(imp.lon).toBeCloseTo(psi - OMEGA_EARTH * kff.timeOfFlight, 9);
    }
  });

  it('returns null for an orbit that does not come down', () => {
    const r = WGS84_A + 500_000;
    const vc = Math.sqrt(3.986004418e14 / r);
    expect(ballisticImpact([r, 0, 0, 0, vc - OMEGA_EARTH * r, 0])).toBeNull();
  });
});
