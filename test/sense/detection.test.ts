// Detection probability and required SNR against references outside sense/detection.ts:
// numerical integration of the Rician density, Swerling's and Mahafza's closed forms, SciPy's
// noncentral chi-square, textbook values, and Albersheim's equation within its stated accuracy.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { regularizedGammaP, regularizedGammaQ, logFactorial } from '../../src/math/index.js';
import {
  DetectionCurve,
  albersheimSnrDb,
  detectionProbability,
  detectionThreshold,
  requiredSnrDb,
  type SwerlingCase,
} from '../../src/sense/index.js';

const db = (x: number) => Math.pow(10, x / 10);

/**
 * Pd of a single pulse, nonfluctuating target, by direct numerical integration of the Rician
 * envelope density p(r) = r·exp(−(r² + a²)/2)·I₀(a·r) above the threshold √(2V) (noise power 1
 * per quadrature, a = √(2·SNR)): Marcum Q₁(a, √(2V)). I₀ by its power series, exponentially
 * scaled; composite Simpson rule. Independent of the Poisson-mixture series under test.
 */
function marcumQ1ByIntegration(snr: number, threshold: number): number {
  const a = Math.sqrt(2 * snr);
  const b = Math.sqrt(2 * threshold);
  const scaledI0 = (z: number): number => {
    // e^{−z}·I₀(z) = Σ e^{−z}(z/2)^{2k}/(k!)², summed in logs
    let s = 0;
    const lz = Math.log(z / 2);
    for (let k = 0; k < 2000; k++) {
      const t = Math.exp(2 * k * lz - 2 * logFactorial(k) - z);
      s += t;
      if (k > z && t < 1e-18 * s) break;
    }
    return z === 0 ? 1 : s;
  };
  const f = (r: number) => r * Math.exp(-((r - a) * (r - a)) / 2) * scaledI0(a * r);
  const hi = Math.max(a, b) + 14;
  const n = 4000;
  const h = (hi - b) / n;
  let s = f(b) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(b + i * h);
  return (s * h) / 3;
}

describe('threshold', () => {
  it('N = 1: V_T = −ln Pfa (exponential noise); N > 1: Q(N, V_T) = Pfa', () => {
    for (const pfa of [1e-2, 1e-6, 1e-10]) expect(detectionThreshold(pfa, 1)).toBeCloseTo(-Math.log(pfa), 10);
    for (const n of [2, 10, 100, 1000]) {
      for (const pfa of [1e-3, 1e-8, 1e-12]) {
        const v = detectionThreshold(pfa, n);
        expect(Math.abs(regularizedGammaQ(n, v) / pfa - 1)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('Swerling 0 (nonfluctuating)', () => {
  it('N = 1 matches Marcum Q₁ by numerical integration of the Rician density', () => {
    for (const pfa of [1e-3, 1e-6]) {
      const v = -Math.log(pfa);
      for (const snrDb of [-5, 0, 5, 10, 13, 16]) {
        const pd = detectionProbability({ snrDb, pfa, swerling: 0, pulses: 1 });
        const ref = marcumQ1ByIntegration(db(snrDb), v);
        expect(Math.abs(pd - ref)).toBeLessThan(1e-8 + 1e-7 * ref);
      }
    }
  });

  it('required SNR for Pd 0.9, Pfa 1e-6, one pulse: 13.2 dB (Skolnik, Introduction to Radar Systems, 3rd ed., Fig. 2.7; Richards, Fundamentals of Radar Signal Processing, ch. 6)', () => {
    expect(requiredSnrDb({ pd: 0.9, pfa: 1e-6 })).toBeCloseTo(13.2, 1);
  });
});

describe('Swerling closed forms', () => {
  it('Swerling 1, N = 1: Pd = Pfa^(1/(1+SNR)) (Swerling 1960)', () => {
    for (const pfa of [1e-2, 1e-6, 1e-9]) {
      for (const snrDb of [-10, 0, 10, 20, 30]) {
        const snr = db(snrDb);
        expect(detectionProbability({ snrDb, pfa, swerling: 1 })).toBeCloseTo(Math.pow(pfa, 1 / (1 + snr)), 12);
      }
    }
    // Inverting it by hand: SNR = ln Pfa / ln Pd − 1 = 130.13 → 21.14 dB for Pd 0.9, Pfa 1e-6
    // (the ≈ 21 dB of the textbooks, 8 dB of fluctuation loss over Swerling 0).
    expect(requiredSnrDb({ pd: 0.9, pfa: 1e-6, swerling: 1 })).toBeCloseTo(10 * Math.log10(Math.log(1e-6) / Math.log(0.9) - 1), 4);
    expect(requiredSnrDb({ pd: 0.9, pfa: 1e-6, swerling: 1 })).toBeCloseTo(21.14, 2);
  });

  it('Swerling 1, N > 1 (Mahafza & Elsherbeni, MATLAB Simulations for Radar Systems Design, eq. 2.76)', () => {
    // Pd = 1 − Γ_I(V, N−1) + (1 + 1/(N·S))^{N−1} Γ_I(V/(1 + 1/(N·S)), N−1) e^{−V/(1+N·S)}
    for (const n of [2, 5, 20]) {
      for (const snrDb of [0, 5, 10, 15]) {
        const s = db(snrDb);
        const v = detectionThreshold(1e-6, n);
        const ref = 1 - regularizedGammaP(n - 1, v) + Math.pow(1 + 1 / (n * s), n - 1) * regularizedGammaP(n - 1, v / (1 + 1 / (n * s))) * Math.exp(-v / (1 + n * s));
        expect(detectionProbability({ snrDb, pfa: 1e-6, swerling: 1, pulses: n })).toBeCloseTo(ref, 10);
      }
    }
  });

  it('Swerling 2: Pd = Q(N, V/(1+S)) (each pulse exponential with mean 1+S)', () => {
    for (const n of [1, 3, 30]) {
      for (const snrDb of [-3, 4, 11]) {
        const v = detectionThreshold(1e-5, n);
        expect(detectionProbability({ snrDb, pfa: 1e-5, swerling: 2, pulses: n })).toBeCloseTo(regularizedGammaQ(n, v / (1 + db(snrDb))), 11);
      }
    }
  });

  it('Swerling 3, N > 2 (Mahafza & Elsherbeni, eq. 2.82)', () => {
    const fact = (k: number) => Math.exp(logFactorial(k));
    for (const n of [3, 10, 40]) {
      for (const snrDb of [0, 5, 10]) {
        const s = db(snrDb);
        const v = detectionThreshold(1e-6, n);
        const k0 = Math.pow(1 + 2 / (n * s), n - 2) * (1 + v / (1 + (n * s) / 2) - (2 * (n - 2)) / (n * s)) * Math.exp(-v / (1 + (n * s) / 2));
        const ref = (Math.pow(v, n - 1) * Math.exp(-v)) / ((1 + (n * s) / 2) * fact(n - 2)) + 1 - regularizedGammaP(n - 1, v) + k0 * regularizedGammaP(n - 1, v / (1 + 2 / (n * s)));
        expect(detectionProbability({ snrDb, pfa: 1e-6, swerling: 3, pulses: n })).toBeCloseTo(ref, 10);
      }
    }
  });
});

describe('N-pulse table (SciPy 1.17.1: scipy.stats.ncx2.sf for Swerling 0 and 2-closed forms; ncx2.sf integrated over the gamma-distributed noncentrality with scipy.integrate.quad for Swerling 1–4)', () => {
  // [pfa, N, SNR dB, Pd Swerling 0, 1, 2, 3, 4]; V = scipy.special.gammainccinv(N, pfa);
  // Sw0 = ncx2.sf(2V, 2N, 2N·S); Sw2 = gamma.sf(V, N, scale=1+S); Sw1/3/4 = ∫ ncx2.sf(2V, 2N, 2λ)·gamma.pdf(λ, m, scale=θ) dλ
  // with (m, θ) = (1, N·S), (2, N·S/2), (2N, S/2).
  const table: number[][] = [
    [1e-6, 1, 0, 1.221437022276e-4, 1.0e-3, 1.0e-3, 4.070113457325e-4, 4.070113457325e-4],
    [1e-6, 1, 5, 4.585348356136e-3, 3.618108279447e-2, 3.618108279447e-2, 2.026591055425e-2, 2.026591055425e-2],
    [1e-6, 1, 10, 2.480492757364e-1, 2.848035868436e-1, 2.848035868436e-1, 2.918820910828e-1, 2.918820910828e-1],
    [1e-6, 1, 15, 9.972253932308e-1, 6.547558989007e-1, 6.547558989007e-1, 7.794461943323e-1, 7.794461943323e-1],
    [1e-6, 5, 0, 3.067424961096e-3, 4.175364262308e-2, 9.261076957353e-3, 2.205282873434e-2, 5.741263281781e-3],
    [1e-6, 5, 5, 3.099163214953e-1, 3.171170063214e-1, 3.376994939545e-1, 3.346726014835e-1, 3.316208205186e-1],
    [1e-6, 5, 10, 9.998908192437e-1, 6.837033652376e-1, 9.348424787997e-1, 8.136247440113e-1, 9.784192612833e-1],
    [1e-6, 5, 15, 1.0, 8.851093874109e-1, 9.991197932313e-1, 9.723404411714e-1, 9.999903789731e-1],
    [1e-6, 30, 0, 3.394214184748e-1, 3.331919559559e-1, 3.52588097342e-1, 3.564224908604e-1, 3.471169352647e-1],
    [1e-6, 30, 5, 9.999994330403e-1, 6.985263152618e-1, 9.99447298722e-1, 8.314787799668e-1, 9.999317275141e-1],
    [1e-6, 30, 10, 1.0, 8.91707056634e-1, 9.99999999999e-1, 9.759019998524e-1, 1.0],
    [1e-6, 30, 15, 1.0, 9.64290631068e-1, 1.0, 9.972858665519e-1, 1.0],
    [1e-4, 1, 0, 3.681298651364e-3, 1.0e-2, 1.0e-2, 6.564007313229e-3, 6.564007313229e-3],
    [1e-4, 1, 5, 5.214421859005e-2, 1.093925400505e-1, 1.093925400505e-1, 8.985113362537e-2, 8.985113362537e-2],
    [1e-4, 1, 10, 6.161358485076e-1, 4.328761281083e-1, 4.328761281083e-1, 4.91041757953e-1, 4.91041757953e-1],
    [1e-4, 1, 15, 9.999099685549e-1, 7.540259281032e-1, 7.540259281032e-1, 8.761073495995e-1, 8.761073495995e-1],
    [1e-4, 5, 0, 3.737389110197e-2, 1.070531813594e-1, 5.87541118033e-2, 8.325180850973e-2, 4.843234416617e-2],
    [1e-4, 5, 5, 6.69984681034e-1, 4.437761249496e-1, 5.758199908208e-1, 5.080058130938e-1, 6.127423364757e-1],
    [1e-4, 5, 10, 9.999980358102e-1, 7.637941629553e-1, 9.753941676961e-1, 8.877513652372e-1, 9.950902363771e-1],
    [1e-4, 5, 15, 1.0, 9.171006147078e-1, 9.997446318186e-1, 9.847516178280e-1, 9.999987334497e-1],
    [1e-4, 30, 0, 6.986642569964e-1, 4.425158200922e-1, 6.673083569924e-1, 5.082826678431e-1, 6.817964149241e-1],
    [1e-4, 30, 5, 9.999999958886e-1, 7.656535604647e-1, 9.999533633174e-1, 8.918990215494e-1, 9.999972286896e-1],
    [1e-4, 30, 10, 1.0, 9.181513791317e-1, 1.0, 9.856149507362e-1, 1.0],
    [1e-4, 30, 15, 1.0, 9.732640433755e-1, 1.0, 9.984191130693e-1, 1.0],
  ];
  it('matches every entry to 1e-9', () => {
    for (const [pfa, n, snrDb, ...pds] of table) {
      for (let sw = 0; sw <= 4; sw++) {
        const pd = detectionProbability({ snrDb, pfa, swerling: sw as SwerlingCase, pulses: n });
        expect(Math.abs(pd - pds[sw]), `pfa ${pfa} N ${n} ${snrDb} dB Swerling ${sw}`).toBeLessThan(1e-9 + 1e-7 * pds[sw]);
      }
    }
  });

  it('noncoherent integration gain: 10 pulses need 7.9 dB less per pulse than one at Pd 0.9, Pfa 1e-6 (Swerling 0)', () => {
    // SciPy: brentq on ncx2.sf(2V, 2N, 2N·S) = 0.9 gives 13.1835 dB (N = 1) and 5.2675 dB (N = 10).
    expect(requiredSnrDb({ pd: 0.9, pfa: 1e-6, pulses: 1 })).toBeCloseTo(13.1835, 3);
    expect(requiredSnrDb({ pd: 0.9, pfa: 1e-6, pulses: 10 })).toBeCloseTo(5.2675, 3);
  });
});

describe('requiredSnrDb inverts detectionProbability', () => {
  it('to 0.01 dB (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 25, noNaN: true }),
        fc.double({ min: -10, max: -2, noNaN: true }),
        fc.constantFrom<SwerlingCase>(0, 1, 2, 3, 4),
        fc.integer({ min: 1, max: 40 }),
        (snrDb, logPfa, swerling, pulses) => {
          const pfa = Math.pow(10, logPfa);
          const pd = detectionProbability({ snrDb, pfa, swerling, pulses });
          fc.pre(pd > Math.max(10 * pfa, 1e-3) && pd < 0.999);
          const back = requiredSnrDb({ pd, pfa, swerling, pulses });
          expect(Math.abs(back - snrDb)).toBeLessThan(0.01);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });

  it('rejects impossible requests', () => {
    expect(() => requiredSnrDb({ pd: 1e-7, pfa: 1e-6 })).toThrow(RangeError);
    expect(() => requiredSnrDb({ pd: 0.9, pfa: 0 })).toThrow(RangeError);
    expect(() => detectionProbability({ snrDb: 10, pfa: 1e-6, pulses: 0 })).toThrow(RangeError);
  });
});

describe("Albersheim's equation (linear detector) within its stated accuracy", () => {
  it('N = 1 (linear ≡ square law): within 0.2 dB for 0.5 ≤ Pd ≤ 0.9, 1e-7 ≤ Pfa ≤ 1e-3', () => {
    for (const pfa of [1e-3, 1e-5, 1e-7]) {
      for (const pd of [0.5, 0.7, 0.9]) {
        expect(Math.abs(albersheimSnrDb({ pd, pfa }) - requiredSnrDb({ pd, pfa }))).toBeLessThan(0.2);
      }
    }
    // Albersheim's own worked value, Pd 0.9, Pfa 1e-6: 13.1 dB.
    expect(albersheimSnrDb({ pd: 0.9, pfa: 1e-6 })).toBeCloseTo(13.11, 2);
  });

  it('N up to 1000 (square-law exact vs linear-detector fit): within 0.2 dB + the ≤ 0.2 dB detector-law difference, 0.3 ≤ Pd ≤ 0.9', () => {
    let worst = 0;
    for (const pfa of [1e-3, 1e-5, 1e-7]) {
      for (const pd of [0.3, 0.5, 0.7, 0.9]) {
        for (const pulses of [2, 10, 100, 1000]) {
          worst = Math.max(worst, Math.abs(albersheimSnrDb({ pd, pfa, pulses }) - requiredSnrDb({ pd, pfa, pulses })));
        }
      }
    }
    expect(worst).toBeLessThan(0.4);
    expect(worst).toBeGreaterThan(0.05); // a real difference, not the same formula
  });
});

describe('DetectionCurve (tabulated Pd for hot loops)', () => {
  it('interpolates the exact series to 1e-5', () => {
    for (const swerling of [0, 1, 4] as SwerlingCase[]) {
      const curve = new DetectionCurve({ pfa: 1e-6, swerling, pulses: 3 });
      for (let x = -20.003; x < 45; x += 0.737) {
        expect(Math.abs(curve.pd(x) - detectionProbability({ snrDb: x, pfa: 1e-6, swerling, pulses: 3 }))).toBeLessThan(1e-5);
      }
      expect(curve.pd(80)).toBeCloseTo(detectionProbability({ snrDb: 80, pfa: 1e-6, swerling, pulses: 3 }), 12);
      expect(curve.pd(-200) / 1e-6).toBeCloseTo(1, 2);
    }
  });
});
