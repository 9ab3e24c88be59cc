// Noise jamming: J/N and J/S against hand-worked numbers, burn-through emerging from the radar
// simulation at the closed-form range, SJNR reported by the radar, and strobes on jammers.
import { describe, expect, it } from 'vitest';
import { proportionCI, stream } from '../../src/math/index.js';
import {
  RadarSensor,
  beamPatternGain,
  burnThroughRange,
  createSensors,
  fromDb,
  jammerAffects,
  jammingToNoise,
  radarModel,
  radarSnr,
  rangeEquationSnr,
  requiredSnrDb,
  selfScreeningJammingToSignal,
  wrapPi,
  type JammerEmitter,
  type SensorScenario,
} from '../../src/sense/index.js';
import { aer } from '../../src/geo/index.js';
import { DEG, radarSpec, target, targetAt } from './fixtures.js';

const EQ = { peakPower: 1e6, gainDb: 40, frequency: 3e9, bandwidth: 1e6, noiseFigureDb: 3, noiseTemperature: 290, lossesDb: 0 };

describe('jamming equations', () => {
  it('J/N of a stand-off jammer in a −30 dB sidelobe: hand-worked 316.6 (25.0 dB)', () => {
    // ERP 100 W at 50 km, radar 40 dB antenna at −30 dB → G_r = 10, f = 3 GHz (λ² = 9.98617e-3),
    // B_j = 10 MHz, B_r = 1 MHz: J = 100·10·9.98617e-3 / ((4π)²·(5e4)²) · (1/10)
    //   = 9.98617 / (157.9137 · 2.5e9) · 0.1 = 2.52953e-12 W
    // N = k·T₀·F·B = 1.380649e-23 · 290 · 1.995262 · 1e6 = 7.98880e-15 W → J/N = 316.63
    const jn = jammingToNoise({
      erp: 100, jammerBandwidth: 10e6, range: 50e3, frequency: 3e9, receiveGain: 10,
      receiverBandwidth: 1e6, noiseFigure: fromDb(3), noiseTemperature: 290,
    });
    expect(jn).toBeCloseTo(316.63, 1);
    // A jammer narrower than the receiver puts all its power in band.
    expect(jammingToNoise({ erp: 100, jammerBandwidth: 0.5e6, range: 50e3, frequency: 3e9, receiveGain: 10, receiverBandwidth: 1e6, noiseFigure: fromDb(3), noiseTemperature: 290 })).toBeCloseTo(3166.3, 0);
  });

  it('self-screening J/S = (ERP_j/ERP_r)·4πR²/σ·(B_r/B_j) equals (J/N)/(S/N) from the two equations', () => {
    // 10 W SPJ, radar ERP 1e6·1e4 = 1e10 W, σ = 1 m², R = 100 km, B_j = 10 B_r:
    // J/S = 1e-9 · 4π·1e10 · 0.1 = 12.566
    const js = selfScreeningJammingToSignal({ jammerErp: 10, radarErp: 1e10, rcs: 1, range: 100e3, receiverBandwidth: 1e6, jammerBandwidth: 10e6 });
    expect(js).toBeCloseTo(4 * Math.PI * 1e10 * 1e-9 * 0.1, 9);
    expect(js).toBeCloseTo(12.566, 3);
    const jn = jammingToNoise({ erp: 10, jammerBandwidth: 10e6, range: 100e3, frequency: 3e9, receiveGain: 1e4, receiverBandwidth: 1e6, noiseFigure: fromDb(3), noiseTemperature: 290 });
    const sn = rangeEquationSnr({ ...EQ, rcs: 1, range: 100e3 });
    expect(jn / sn).toBeCloseTo(js, 6);
  });

  it('Gaussian beam: −3 dB at half the beamwidth off axis, floored at the sidelobe level', () => {
    expect(beamPatternGain(0, 0.03)).toBe(1);
    expect(beamPatternGain(0.015, 0.03)).toBeCloseTo(0.5, 12);
    expect(beamPatternGain(0.5, 0.03, -30)).toBeCloseTo(1e-3, 15);
  });

  it('burn-through range closed form solves SJNR = X', () => {
    const C = 1e22, jn1 = 1e11, X = 20;
    const r = burnThroughRange({ snrConstant: C, rcs: 0.5, jnConstant: jn1, requiredSnr: X });
    expect((C * 0.5) / r ** 4 / (1 + jn1 / r ** 2)).toBeCloseTo(X, 9);
    expect(burnThroughRange({ snrConstant: C, rcs: 0.5, jnConstant: 0, requiredSnr: X })).toBeCloseTo(Math.pow((C * 0.5) / X, 0.25), 3);
  });

  it('jammers work against hostile radars in their band or on their target list', () => {
    const radar = { id: 'r', frequency: 3e9, bandwidth: 1e6, friendlyForces: new Set(['blue', 'green']) };
    const j = (over: Partial<JammerEmitter>): JammerEmitter => ({ id: 'j', force: 'red', kind: 'stand-off', position: [0, 0, 0], erp: 1, frequency: 3e9, bandwidth: 100e6, targets: [], ...over });
    expect(jammerAffects(j({}), radar)).toBe(true);
    expect(jammerAffects(j({ force: 'green' }), radar)).toBe(false);
    expect(jammerAffects(j({ frequency: 9e9 }), radar)).toBe(false);
    expect(jammerAffects(j({ frequency: 3.05e9 }), radar)).toBe(true);
    expect(jammerAffects(j({ frequency: 9e9, targets: ['r'] }), radar)).toBe(true);
    expect(jammerAffects(j({ targets: ['other'] }), radar)).toBe(false);
  });
});

describe('jamming in the radar simulation', () => {
  const spec = radarSpec({}, { calibration: null, radarEquation: EQ });
  const site = spec.location!;

  it('a self-protection jammer: detection frequency is ½ at the burn-through range (Pd 0.5 requirement), ~1 well inside, ~0 well outside', () => {
    const model = radarModel(spec, { falseAlarms: false, clutter: false, maxRange: 1e6 });
    const X = fromDb(requiredSnrDb({ pd: 0.5, pfa: 1e-6 }));
    const jn1 = jammingToNoise({ erp: 10, jammerBandwidth: 10e6, range: 1, frequency: 3e9, receiveGain: model.gain, receiverBandwidth: 1e6, noiseFigure: model.noiseFigure, noiseTemperature: 290 });
    const rbt = burnThroughRange({ snrConstant: model.snrConstant, rcs: 1, jnConstant: jn1, requiredSnr: X });
    // Unjammed, this radar sees 1 m² to 180 km at Pd 0.5; the jammer pulls it in to ~36 km.
    expect(rbt).toBeLessThan(0.3 * Math.pow(model.snrConstant / X, 0.25));
    const rate = (range: number, n: number): [number, number] => {
      const r = new RadarSensor(model, stream(40, `sensor/bt/${range}`), 0);
      const state = targetAt(site, 0.7, 5 * DEG, range);
      const jam: JammerEmitter[] = [{ id: 'spj', force: 'red', kind: 'self-protection', position: state, erp: 10, frequency: 3e9, bandwidth: 10e6, targets: [], carrier: 'tgt' }];
      let k = 0;
      for (let i = 0; i < n; i++) k += r.scan(i, [target('tgt', state, 1)], jam).filter((d) => d.kind === 'rae').length;
      return [k, n];
    };
    const [k, n] = rate(rbt, 4000);
    const [lo, hi] = proportionCI(k, n, 0.999);
    expect(lo).toBeLessThanOrEqual(0.5);
    expect(hi).toBeGreaterThanOrEqual(0.5);
    expect(rate(0.4 * rbt, 200)[0]).toBe(200); // SJNR ≈ X + 8 dB
    expect(rate(3 * rbt, 200)[0]).toBe(0); // SJNR ≈ X − 9.5 dB (J ≫ N: SJNR ∝ R⁻²)
  });

  it('a stand-off jammer in the sidelobes: the radar reports SJNR = SNR/(1 + J/N·g(ψ))', () => {
    const model = radarModel(spec, { falseAlarms: false, clutter: false });
    const r = new RadarSensor(model, stream(41, 'x'), 0);
    const tgt = targetAt(site, 0, 10 * DEG, 30_000);
    const soj = targetAt(site, 90 * DEG, 2 * DEG, 80_000);
    const jam: JammerEmitter[] = [{ id: 'soj', force: 'red', kind: 'stand-off', position: soj, erp: 500, frequency: 3e9, bandwidth: 50e6, targets: [] }];
    const d = r.scan(0, [target('t', tgt, 1)], jam).find((x) => x.kind === 'rae')!;
    const u1 = [tgt[0] - r.frame.origin[0], tgt[1] - r.frame.origin[1], tgt[2] - r.frame.origin[2]];
    const u2 = [soj[0] - r.frame.origin[0], soj[1] - r.frame.origin[1], soj[2] - r.frame.origin[2]];
    const psi = Math.acos((u1[0] * u2[0] + u1[1] * u2[1] + u1[2] * u2[2]) / (Math.hypot(...u1) * Math.hypot(...u2)));
    const jn = jammingToNoise({ erp: 500, jammerBandwidth: 50e6, range: Math.hypot(...u2), frequency: 3e9, receiveGain: model.gain, receiverBandwidth: 1e6, noiseFigure: model.noiseFigure, noiseTemperature: 290 });
    expect(beamPatternGain(psi, model.beamwidth)).toBeCloseTo(1e-3, 12); // 84° off axis: sidelobe floor
    expect(d.snr).toBeCloseTo(radarSnr(model, 1, Math.hypot(...u1)) / (1 + jn * 1e-3), 6);
  });

  it('a jammed radar reports an angle-only strobe on the jammer', () => {
    const model = radarModel(spec, { falseAlarms: false, clutter: false });
    const r = new RadarSensor(model, stream(42, 'x'), 0);
    const soj = targetAt(site, 123 * DEG, 1 * DEG, 150_000);
    const jam: JammerEmitter[] = [{ id: 'soj', force: 'red', kind: 'stand-off', position: soj, erp: 500, frequency: 3e9, bandwidth: 50e6, targets: [] }];
    const strobes = r.scan(0, [], jam).filter((d) => d.kind === 'strobe');
    expect(strobes.length).toBe(1);
    const s = strobes[0];
    expect(s.truthId).toBe('soj');
    expect(s.z.length).toBe(2);
    const truth = aer(site, soj);
    expect(Math.abs(wrapPi(s.z[0] - truth.azimuth))).toBeLessThan(5 * Math.sqrt(s.R[0]));
    expect(Math.abs(s.z[1] - truth.elevation)).toBeLessThan(5 * Math.sqrt(s.R[3]));
    // A friendly (same force) emitter is not jamming.
    expect(r.scan(1, [], [{ ...jam[0], force: 'blue' }]).length).toBe(0);
  });

  it('the suite places self-protection jammers on the escorted threats and raid members, active in their window', () => {
    const scenario: SensorScenario = {
      epochMs: 0,
      forces: [{ id: 'blue', allies: [] }, { id: 'red', allies: [] }],
      sensors: [spec],
      jammers: [
        { id: 'spj', force: 'red', kind: 'self-protection', location: null, escorts: ['raid-a'], erp: 10, frequency: 3e9, bandwidth: 10e6, active: { start: 100, end: 200 }, targets: [] },
      ],
    };
    const suite = createSensors(scenario, 1);
    const tg = [target('raid-a-01', targetAt(site, 0, 5 * DEG, 50_000), 1, { group: 'raid-a' }), target('other', targetAt(site, 1, 5 * DEG, 50_000), 1)];
    expect(suite.jammersAt(50, tg)).toEqual([]);
    const j = suite.jammersAt(150, tg);
    expect(j.map((x) => [x.id, x.carrier])).toEqual([['spj@raid-a-01', 'raid-a-01']]);
  });
});
