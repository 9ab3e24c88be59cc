// Radar: range equation against a hand-worked example, 4/3-Earth horizon values, and statistical
// tests of the simulated radar against its own stated Pd, Pfa and measurement covariance.
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, proportionCI, stream } from '../../src/math/index.js';
import { horizonGroundRange, localFrame, aerInto } from '../../src/geo/index.js';
import {
  RadarSensor,
  calibrationConstant,
  clutterLossDb,
  DEFAULT_CLUTTER,
  detectionProbability,
  detectionRange,
  fromDb,
  radarHorizonRange,
  radarModel,
  radarSnr,
  rangeEquationSnr,
  requiredSnrDb,
  wrapPi,
} from '../../src/sense/index.js';
import { DEG, radarSpec, target, targetAt } from './fixtures.js';

describe('radar range equation', () => {
  it('matches a hand-worked example: 1 MW, 40 dB, 3 GHz, 1 m² at 100 km, 1 MHz, F 3 dB → SNR 629.9 (27.99 dB)', () => {
    // λ = c/f = 299 792 458 / 3e9 = 0.0999308 m, λ² = 9.98617e-3 m²
    // P_t·G²·λ²·σ = 1e6 · 1e8 · 9.98617e-3 · 1 = 9.98617e11
    // (4π)³ = 1984.402; k·T₀·F·B = 1.380649e-23 · 290 · 1.995262 · 1e6 = 7.98880e-15 W
    // denominator = 1984.402 · (1e5)⁴ · 7.98880e-15 = 1.585298e9
    // SNR = 9.98617e11 / 1.585298e9 = 629.92
    const snr = rangeEquationSnr({
      peakPower: 1e6, gainDb: 40, frequency: 3e9, bandwidth: 1e6, noiseFigureDb: 3, noiseTemperature: 290, lossesDb: 0, rcs: 1, range: 100e3,
    });
    expect(snr).toBeCloseTo(629.92, 1);
    expect(10 * Math.log10(snr)).toBeCloseTo(27.99, 2);
    // R⁻⁴ and σ scaling, losses and coherent integration enter linearly.
    const base = { peakPower: 1e6, gainDb: 40, frequency: 3e9, bandwidth: 1e6, noiseFigureDb: 3, noiseTemperature: 290, lossesDb: 0 };
    expect(rangeEquationSnr({ ...base, rcs: 10, range: 200e3 })).toBeCloseTo((snr * 10) / 16, 6);
    expect(rangeEquationSnr({ ...base, lossesDb: 10, coherentPulses: 10, rcs: 1, range: 100e3 })).toBeCloseTo(snr, 6);
  });

  it('a calibration point reproduces its own Pd at its own range (SNR ∝ σ/R⁴ through requiredSnrDb)', () => {
    const m = radarModel(radarSpec());
    const snrAtRef = radarSnr(m, 1, 100_000);
    expect(10 * Math.log10(snrAtRef)).toBeCloseTo(requiredSnrDb({ pd: 0.9, pfa: 1e-6 }), 9);
    expect(detectionProbability({ snrDb: 10 * Math.log10(snrAtRef), pfa: 1e-6 })).toBeCloseTo(0.9, 9);
    // Fourth-root law: 16× the RCS doubles the range at the same Pd.
    expect(detectionRange(m, 16, 0.9)).toBeCloseTo(200_000, 3);
    expect(calibrationConstant({ rcs: 1, range: 100_000, pd: 0.9, pfa: 1e-6 })).toBeCloseTo(m.snrConstant, 0);
  });

  it('a range-equation type takes precedence over the catalog defaults', () => {
    const m = radarModel(radarSpec({}, {
      calibration: null,
      radarEquation: { peakPower: 1e6, gainDb: 40, frequency: 3e9, bandwidth: 1e6, noiseFigureDb: 3, noiseTemperature: 290, lossesDb: 0 },
    }));
    expect(m.snrSource).toBe('equation');
    expect(radarSnr(m, 1, 100e3)).toBeCloseTo(629.92, 1);
  });
});

describe('radar horizon (4/3 Earth)', () => {
  it('matches 4.12·(√h₁ + √h₂) km', () => {
    expect(radarHorizonRange({ antennaHeight: 10 }) / 1000).toBeCloseTo(4.12 * Math.sqrt(10), 1);
    expect(radarHorizonRange({ antennaHeight: 30, targetHeight: 1000 }) / 1000).toBeCloseTo(4.12 * (Math.sqrt(30) + Math.sqrt(1000)), 0);
    expect(radarHorizonRange({ antennaHeight: 30, targetHeight: 1000 }) / (4121.4 * (Math.sqrt(30) + Math.sqrt(1000)))).toBeCloseTo(1, 3);
    expect(radarHorizonRange({ antennaHeight: 10, targetHeight: 0, k: 1 }) / 1000).toBeCloseTo(3.57 * Math.sqrt(10), 1);
  });

  it('a radar first acquires an incoming low flyer at the horizon range', () => {
    // Powerful radar (no SNR limit), elevation limit below the horizon: only the Earth masks.
    const spec = radarSpec({ sector: { width: 2 * Math.PI, elevationMin: -5 * DEG, elevationMax: 80 * DEG } }, { calibration: { rcs: 1, range: 2_000_000, pd: 0.9, pfa: 1e-6 } });
    const radar = new RadarSensor(radarModel(spec, { falseAlarms: false, clutter: false }), stream(1, 'sensor/h'), 0);
    const site = spec.location!;
    const frame = localFrame(site);
    const aer = new Float64Array(3);
    const ground = horizonGroundRange(10, 1000, 4 / 3);
    let first: number | undefined;
    for (let d = ground + 20_000; d > ground - 20_000; d -= 200) {
      // Target 1000 m above the ellipsoid at ground distance d due east.
      const p = new Float64Array(6);
      const lat = site.lat, lon = site.lon + d / (6_371_000 * Math.cos(lat));
      const N = 6378137 / Math.sqrt(1 - 0.00669437999014 * Math.sin(lat) ** 2);
      p[0] = (N + 1000) * Math.cos(lat) * Math.cos(lon);
      p[1] = (N + 1000) * Math.cos(lat) * Math.sin(lon);
      p[2] = (N * (1 - 0.00669437999014) + 1000) * Math.sin(lat);
      if (radar.scan(0, [target('low', p, 10)]).length > 0) {
        first = aerInto(aer, frame, p)[2];
        break;
      }
    }
    expect(first).toBeDefined();
    expect(first! / radarHorizonRange({ antennaHeight: 10, targetHeight: 1000 })).toBeCloseTo(1, 2);
  });
});

describe('field of regard, range limits, clutter, capacity, revisit', () => {
  const site = radarSpec().location!;

  it('reports only inside the azimuth sector and elevation limits', () => {
    const spec = radarSpec({ boresight: 90 * DEG, sector: { width: 60 * DEG, elevationMin: 1 * DEG, elevationMax: 60 * DEG } });
    const r = new RadarSensor(radarModel(spec, { falseAlarms: false }), stream(2, 'x'), 0);
    const near = (az: number, el: number) => r.scan(0, [target('t', targetAt(site, az * DEG, el * DEG, 20_000), 10)]).length;
    expect(near(100, 10)).toBe(1);
    expect(near(45, 10)).toBe(0);
    expect(near(125, 10)).toBe(0);
    expect(near(90, 70)).toBe(0);
    expect(near(90, 0.5)).toBe(0);
    expect(r.inSector(61 * DEG)).toBe(true);
    expect(r.inSector(59 * DEG)).toBe(false);
  });

  it('MTI penalty: −20·log10(|v_r|/v_n) dB for slow targets below the clutter height (notional model)', () => {
    expect(clutterLossDb(DEFAULT_CLUTTER, 500, 1.5)).toBeCloseTo(20, 10);
    expect(clutterLossDb(DEFAULT_CLUTTER, 500, -0.15)).toBeCloseTo(40, 10);
    expect(clutterLossDb(DEFAULT_CLUTTER, 500, 0)).toBe(40);
    expect(clutterLossDb(DEFAULT_CLUTTER, 500, 20)).toBe(0);
    expect(clutterLossDb(DEFAULT_CLUTTER, 2000, 1)).toBe(0);
    // In a scan: a hovering low drone at a range where a fast one is always seen is missed.
    const r = new RadarSensor(radarModel(radarSpec(), { falseAlarms: false }), stream(3, 'x'), 0);
    const hover = targetAt(site, 0, 0.5 * DEG, 40_000);
    const fast = targetAt(site, 0, 0.5 * DEG, 40_000);
    // radial velocity 50 m/s: along the line of sight
    const los = [fast[0] - r.frame.origin[0], fast[1] - r.frame.origin[1], fast[2] - r.frame.origin[2]];
    const n = Math.hypot(...los);
    fast[3] = (-50 * los[0]) / n; fast[4] = (-50 * los[1]) / n; fast[5] = (-50 * los[2]) / n;
    let seenHover = 0, seenFast = 0;
    for (let i = 0; i < 200; i++) {
      seenHover += r.scan(i, [target('h', hover, 0.1)]).length;
      seenFast += r.scan(i, [target('f', fast, 0.1)]).length;
    }
    expect(seenFast).toBe(200);
    expect(seenHover).toBe(0);
  });

  it('track capacity keeps the strongest reports', () => {
    const r = new RadarSensor(radarModel(radarSpec({ maxTracks: 5 }), { falseAlarms: false }), stream(4, 'x'), 0);
    const targets = Array.from({ length: 20 }, (_, i) => target(`t${i}`, targetAt(site, (i * 17) * DEG, 20 * DEG, 5_000 + 1_000 * i), 10));
    const d = r.scan(0, targets);
    expect(d.length).toBe(5);
    expect(d.map((x) => x.truthId).sort()).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(r.lastScan!.dropped).toBe(15);
  });

  it('scans once per revisit', () => {
    const r = new RadarSensor(radarModel(radarSpec({ revisit: 2 }), { falseAlarms: false }), stream(5, 'x'), 0);
    const tg = [target('t', targetAt(site, 0, 20 * DEG, 10_000), 10)];
    const times: number[] = [];
    for (let t = 0; t <= 10; t += 0.5) if (r.observe(t, tg).length > 0) times.push(t);
    expect(times).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe('statistics of the simulated radar', () => {
  const site = radarSpec().location!;

  for (const swerling of [0, 1] as const) {
    it(`detection frequency over many looks is within the 99.9 % binomial interval of Pd (Swerling ${swerling})`, () => {
      const model = radarModel(radarSpec(), { falseAlarms: false, clutter: false, swerling });
      const range = detectionRange(model, 1, 0.6);
      const r = new RadarSensor(model, stream(10 + swerling, 'sensor/stat'), 0);
      const tg = [target('t', targetAt(site, 1, 30 * DEG, range), 1)];
      const pd = detectionProbability({ snrDb: 10 * Math.log10(radarSnr(model, 1, range)), pfa: 1e-6, swerling });
      expect(pd).toBeCloseTo(0.6, 6);
      const n = 20_000;
      let k = 0;
      for (let i = 0; i < n; i++) k += r.scan(i, tg).length;
      const [lo, hi] = proportionCI(k, n, 0.999);
      expect(pd).toBeGreaterThanOrEqual(lo);
      expect(pd).toBeLessThanOrEqual(hi);
    });
  }

  it('false alarms per scan are Poisson(cells × Pfa), uniform over the surveillance volume', () => {
    const model = radarModel(radarSpec(), { pfa: 2e-6 });
    const mean = model.falseAlarmsPerScan;
    expect(mean).toBeCloseTo(model.resolutionCells * 2e-6, 12);
    // cells = ⌈(R_max − R_min)/ΔR⌉ · ⌈sector/θ₃⌉ · ⌈(el_max − el_min)/θ₃⌉ with ΔR = c/2B = 149.9 m, θ₃ = √(26000/G)°
    const theta = Math.sqrt(26_000 / 1e4) * DEG;
    expect(model.resolutionCells).toBe(Math.ceil((150_000 - 500) / 149.896229) * Math.ceil((2 * Math.PI) / theta) * Math.ceil((80 * DEG) / theta));
    const r = new RadarSensor(model, stream(20, 'sensor/fa'), 0);
    const n = 3000;
    const counts: number[] = [];
    const bins = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const d = r.scan(i, []);
      counts.push(d.length);
      for (const x of d) {
        expect(x.truthId).toBeNull();
        bins[Math.min(9, Math.floor(((x.z[0] - 500) / (150_000 - 500)) * 10))]++;
      }
    }
    const total = counts.reduce((a, b) => a + b, 0);
    // Exact Poisson interval for the total (Garwood): [χ²(α/2; 2k)/2, χ²(1−α/2; 2k+2)/2], α = 0.001.
    expect(n * mean).toBeGreaterThanOrEqual(chiSquareQuantile(0.0005, 2 * total) / 2);
    expect(n * mean).toBeLessThanOrEqual(chiSquareQuantile(0.9995, 2 * total + 2) / 2);
    // Index of dispersion Σ(x − λ)²/λ ~ χ²(n) for Poisson counts.
    const dispersion = counts.reduce((s, x) => s + (x - mean) ** 2, 0) / mean;
    expect(dispersion).toBeGreaterThan(chiSquareQuantile(0.0005, n));
    expect(dispersion).toBeLessThan(chiSquareQuantile(0.9995, n));
    // Uniform in range: χ² goodness of fit over 10 bins (range noise is tiny against a 15 km bin).
    const expected = total / 10;
    const gof = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(gof).toBeLessThan(chiSquareQuantile(0.999, 9));
  });

  it('measurement errors have the stated covariance (χ² of the normalised errors)', () => {
    const model = radarModel(radarSpec(), { falseAlarms: false, clutter: false });
    const r = new RadarSensor(model, stream(30, 'sensor/noise'), 0);
    const range = 60_000, az = 33 * DEG, el = 40 * DEG;
    const tg = [target('t', targetAt(site, az, el, range), 1)];
    let nees = 0;
    const perAxis = [0, 0, 0];
    let n = 0;
    for (let i = 0; i < 4000; i++) {
      for (const d of r.scan(i, tg)) {
        const e = [d.z[0] - range, wrapPi(d.z[1] - az), d.z[2] - el];
        for (let k = 0; k < 3; k++) {
          const q = (e[k] * e[k]) / d.R[4 * k];
          perAxis[k] += q;
          nees += q; // R is diagonal
        }
        n++;
      }
    }
    expect(n).toBeGreaterThan(3900);
    expect(nees).toBeGreaterThan(chiSquareQuantile(0.0005, 3 * n));
    expect(nees).toBeLessThan(chiSquareQuantile(0.9995, 3 * n));
    for (const q of perAxis) {
      expect(q).toBeGreaterThan(chiSquareQuantile(0.0005, n));
      expect(q).toBeLessThan(chiSquareQuantile(0.9995, n));
    }
  });

  it('noise scales as stated: σ_R = c/(2B√(2·SNR)) ⊕ floor, σ_θ = θ₃/(1.6·√(2·SNR)) ⊕ θ₃/100, σ_az = σ_θ/cos(el)', () => {
    const model = radarModel(radarSpec(), { falseAlarms: false, clutter: false });
    const r = new RadarSensor(model, stream(31, 'x'), 0);
    const range = 60_000, el = 40 * DEG;
    const d = r.scan(0, [target('t', targetAt(site, 0.3, el, range), 1)])[0];
    const snr = radarSnr(model, 1, range);
    expect(d.snr).toBeCloseTo(snr, 9);
    const sR = Math.hypot(299_792_458 / (2 * 1e6 * Math.sqrt(2 * snr)), 1);
    const th = Math.sqrt(26_000 / 1e4) * DEG;
    const sT = Math.hypot(th / (1.6 * Math.sqrt(2 * snr)), th / 100);
    expect(Math.sqrt(d.R[0])).toBeCloseTo(sR, 9);
    expect(Math.sqrt(d.R[8])).toBeCloseTo(sT, 12);
    expect(Math.sqrt(d.R[4])).toBeCloseTo(sT / Math.cos(el), 12);
    expect(fromDb(10)).toBe(10);
  });

  it('catalog sigmas replace the derived ones; a range-rate sigma adds a Doppler measurement', () => {
    const model = radarModel(radarSpec({}, { rangeSigma: 25, angleSigma: 0.001, rangeRateSigma: 2 }), { falseAlarms: false, clutter: false });
    const r = new RadarSensor(model, stream(32, 'x'), 0);
    const d = r.scan(0, [target('t', targetAt(site, 0.3, 0, 30_000, [100, 0, 0]), 1)])[0];
    expect(d.kind).toBe('raer');
    expect(d.z.length).toBe(4);
    expect(d.R[0]).toBeCloseTo(625, 9);
    expect(d.R[10]).toBeCloseTo(1e-6, 15);
    expect(d.R[15]).toBeCloseTo(4, 12);
  });

  it('is deterministic per stream', () => {
    const mk = () => new RadarSensor(radarModel(radarSpec(), { pfa: 1e-5 }), stream(7, 'sensor/radar-1'), 0);
    const a = mk(), b = mk();
    const tg = [target('t', targetAt(site, 1, 10 * DEG, 90_000), 1)];
    for (let i = 0; i < 20; i++) {
      const da = a.scan(i, tg), db = b.scan(i, tg);
      expect(db.map((d) => [...d.z])).toEqual(da.map((d) => [...d.z]));
    }
  });
});
