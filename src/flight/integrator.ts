/**
 * Ordinary differential equation integrators for truth motion (every flyer in `flight/` goes
 * through these): a fixed-step classical Runge–Kutta (RK4) and an adaptive Dormand–Prince 5(4)
 * with dense output, plus event location by root finding on the dense output.
 *
 * All work on `Float64Array` states and a derivative function `f(t, y, dydt)` that writes dy/dt
 * into `dydt`. Stages are preallocated when the integrator is built, so a step allocates nothing.
 *
 * Why hand-written: no pinned library offers an allocation-free adaptive integrator with dense
 * output and event location on typed arrays, and this is the hottest loop of the truth world.
 *
 * Sources:
 *  - RK4: Butcher, "Numerical Methods for Ordinary Differential Equations", §23 (classical tableau).
 *  - Dormand–Prince 5(4) "RK5(4)7M": J. R. Dormand & P. J. Prince, "A family of embedded
 *    Runge–Kutta formulae", J. Comp. Appl. Math. 6 (1980) 19–26. Step control, error norm,
 *    initial step guess and the 4th-order continuous extension (dense output) as in
 *    E. Hairer, S. P. Nørsett, G. Wanner, "Solving Ordinary Differential Equations I" (2nd ed.),
 *    §II.4–II.6 and their DOPRI5 code (coefficients d1…d7 of the dense output; Shampine 1986).
 *  - Event location: R. P. Brent, "Algorithms for Minimization without Derivatives" (1973), ch. 4
 *    (zeroin: bisection + secant + inverse quadratic interpolation), applied to g(t, ỹ(t)) where
 *    ỹ is the dense output of the step in which g changed sign (Hairer–Nørsett–Wanner §II.6).
 *
 * Errors and tolerances:
 *  - Dormand–Prince controls the local error of each step so that
 *    sqrt(mean_i (e_i / (atol_i + rtol·max(|y0_i|, |y1_i|)))²) ≤ 1, where e is the difference
 *    between the 5th- and 4th-order solutions; the 5th-order solution is propagated (local
 *    extrapolation). The global error grows roughly linearly with the number of steps; for the
 *    defaults used by `flight/` (rtol 1e-10) the position error over a 30-minute ICBM flight in
 *    vacuum is below a millimetre-to-metre level (see test/flight/ballistic*.test.ts for the bound
 *    actually checked via energy and angular-momentum drift).
 *  - The dense output is 4th-order accurate over the step (local error O(h⁵)), i.e. of the same
 *    order as the error the step controller accepts; events are therefore located to the
 *    integration tolerance, and the root finder's own time tolerance (`tTol`, default 1e-9 s
 *    relative to the step length) is far tighter than that.
 *  - An event function that changes sign twice within one step (a graze) is not detected; steps
 *    are short compared with the time scales of the events used here (impact, apogee).
 */

/** dy/dt = f(t, y), written into `dydt` (same length as `y`). Must not keep references to y/dydt. */
export type Derivative = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** A scalar function of time and state whose zero crossing is an event (e.g. height − end height). */
export type EventFunction = (t: number, y: Float64Array) => number;

// ---------------------------------------------------------------------------------------------
// Classical RK4, fixed step.
// ---------------------------------------------------------------------------------------------

/** Fixed-step classical 4th-order Runge–Kutta with preallocated stages. */
export class Rk4 {
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly yt: Float64Array;
  /** Derivative evaluations so far. */
  evaluations = 0;

  constructor(
    private readonly f: Derivative,
    readonly dim: number,
  ) {
    this.k1 = new Float64Array(dim);
    this.k2 = new Float64Array(dim);
    this.k3 = new Float64Array(dim);
    this.k4 = new Float64Array(dim);
    this.yt = new Float64Array(dim);
  }

  /** One step of length h from (t, y); result into `out` (may be `y` itself). */
  step(t: number, y: Float64Array, h: number, out: Float64Array): Float64Array {
    const { f, k1, k2, k3, k4, yt, dim: n } = this;
    f(t, y, k1);
    for (let i = 0; i < n; i++) yt[i] = y[i] + 0.5 * h * k1[i];
    f(t + 0.5 * h, yt, k2);
    for (let i = 0; i < n; i++) yt[i] = y[i] + 0.5 * h * k2[i];
    f(t + 0.5 * h, yt, k3);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * k3[i];
    f(t + h, yt, k4);
    const h6 = h / 6;
    for (let i = 0; i < n; i++) out[i] = y[i] + h6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    this.evaluations += 4;
    return out;
  }

  /** Integrate from t0 to t1 with `steps` equal steps; result into `out` (may be `y0`). */
  integrate(t0: number, y0: Float64Array, t1: number, steps: number, out: Float64Array): Float64Array {
    if (out !== y0) out.set(y0);
    const h = (t1 - t0) / steps;
    for (let s = 0; s < steps; s++) this.step(t0 + s * h, out, h, out);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Dormand–Prince 5(4) with dense output.
// ---------------------------------------------------------------------------------------------

// Butcher tableau of RK5(4)7M (Dormand & Prince 1980, table 2).
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// Error estimate coefficients e_i = b_i − b*_i (5th minus 4th order weights).
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
// Dense output (Hairer–Nørsett–Wanner, DOPRI5 "CONTD5"; Shampine 1986).
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

export interface DormandPrinceOptions {
  /** Relative tolerance (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance, scalar or per component (default 1e-6 in the state's units). */
  atol?: number | ArrayLike<number>;
  /** Largest step (s); default Infinity. */
  hMax?: number;
  /** Smallest step before giving up (s); default 1e-9. */
  hMin?: number;
  /** Safety factor of the step controller (default 0.9). */
  safety?: number;
}

/**
 * Adaptive Dormand–Prince 5(4) integrator that owns its current state. Forward in time only.
 *
 * Use: `reset(t0, y0)`, then `step(tLimit)` repeatedly (each call makes one accepted step that does
 * not pass `tLimit`); after a step, `interpolate(t, out)` gives the state at any t in
 * [tPrev, t] from the dense output. `y`, `t` are the state at the end of the last step.
 */
export class DormandPrince45 {
  readonly dim: number;
  /** Time of `y` (end of the last accepted step). */
  t = 0;
  /** State at `t`. Owned by the integrator; copy it if you keep it. */
  readonly y: Float64Array;
  /** Start of the last accepted step. */
  tPrev = 0;
  /** State at `tPrev`. */
  readonly yPrev: Float64Array;
  /** Trial length of the next step. */
  h = 0;
  /** Accepted steps, rejected steps and derivative evaluations since construction. */
  steps = 0;
  rejected = 0;
  evaluations = 0;

  private readonly rtol: number;
  private readonly atol: Float64Array;
  private readonly hMax: number;
  private readonly hMin: number;
  private readonly safety: number;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly k7: Float64Array;
  private readonly yt: Float64Array;
  private readonly y1: Float64Array;
  // Dense output coefficients of the last step (rcont1 = yPrev).
  private readonly r2: Float64Array;
  private readonly r3: Float64Array;
  private readonly r4: Float64Array;
  private readonly r5: Float64Array;
  private denseStep = 0;
  private errOld = 1e-4;

  constructor(
    private readonly f: Derivative,
    dim: number,
    options: DormandPrinceOptions = {},
  ) {
    this.dim = dim;
    this.rtol = options.rtol ?? 1e-10;
    this.atol = new Float64Array(dim);
    const atol = options.atol ?? 1e-6;
    for (let i = 0; i < dim; i++) this.atol[i] = typeof atol === 'number' ? atol : atol[i];
    this.hMax = options.hMax ?? Infinity;
    this.hMin = options.hMin ?? 1e-9;
    this.safety = options.safety ?? 0.9;
    const a = () => new Float64Array(dim);
    this.y = a(); this.yPrev = a();
    this.k1 = a(); this.k2 = a(); this.k3 = a(); this.k4 = a(); this.k5 = a(); this.k6 = a(); this.k7 = a();
    this.yt = a(); this.y1 = a();
    this.r2 = a(); this.r3 = a(); this.r4 = a(); this.r5 = a();
  }

  /**
   * Start (or restart, e.g. after a discontinuity such as staging) at (t0, y0). The first trial
   * step is `h0` if given, else Hairer's automatic guess (HNW I, §II.4 "starting step size").
   */
  reset(t0: number, y0: ArrayLike<number>, h0?: number): void {
    const n = this.dim;
    for (let i = 0; i < n; i++) this.y[i] = y0[i];
    this.t = t0;
    this.tPrev = t0;
    this.yPrev.set(this.y);
    this.denseStep = 0;
    this.errOld = 1e-4;
    this.f(t0, this.y, this.k1);
    this.evaluations++;
    this.h = h0 !== undefined && h0 > 0 ? Math.min(h0, this.hMax) : this.initialStep();
  }

  /** Hairer's starting step: h such that the explicit Euler error is ~0.01 of the scale, refined once. */
  private initialStep(): number {
    const { dim: n, y, k1, yt, k2, rtol, atol, t } = this;
    let d0 = 0, d1 = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol[i] + rtol * Math.abs(y[i]);
      d0 += (y[i] / sk) ** 2;
      d1 += (k1[i] / sk) ** 2;
    }
    d0 = Math.sqrt(d0 / n);
    d1 = Math.sqrt(d1 / n);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
    h0 = Math.min(h0, this.hMax);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h0 * k1[i];
    this.f(t + h0, yt, k2);
    this.evaluations++;
    let d2 = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol[i] + rtol * Math.abs(y[i]);
      d2 += ((k2[i] - k1[i]) / sk) ** 2;
    }
    d2 = Math.sqrt(d2 / n) / h0;
    const dm = Math.max(d1, d2);
    const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1 / 5);
    return Math.min(100 * h0, h1, this.hMax);
  }

  /**
   * Make one accepted step that ends at or before `tLimit` (> t). Rejected trials are repeated
   * with a smaller step. Returns the end time of the step. Throws if the step would fall below
   * hMin (a singular or ill-posed problem).
   */
  step(tLimit: number): number {
    const { f, dim: n, y, yt, y1, k1, k2, k3, k4, k5, k6, k7, rtol, atol } = this;
    const t = this.t;
    if (!(tLimit > t)) throw new RangeError(`DormandPrince45.step: tLimit ${tLimit} is not after t ${t}`);
    let h = Math.min(this.h, this.hMax);
    const hProposed = h;
    let lastClamped = false;
    if (t + h >= tLimit || t + 1.01 * h >= tLimit) {
      h = tLimit - t;
      lastClamped = true;
    }
    let rejectedOnce = false;
    for (;;) {
      if (h < this.hMin && !lastClamped) {
        throw new RangeError(`DormandPrince45: step size ${h} s fell below hMin ${this.hMin} s at t = ${t} s`);
      }
      for (let i = 0; i < n; i++) yt[i] = y[i] + h * A21 * k1[i];
      f(t + C2 * h, yt, k2);
      for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
      f(t + C3 * h, yt, k3);
      for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
      f(t + C4 * h, yt, k4);
      for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
      f(t + C5 * h, yt, k5);
      for (let i = 0; i < n; i++) {
        yt[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
      }
      const tNew = lastClamped ? tLimit : t + h;
      f(tNew, yt, k6);
      for (let i = 0; i < n; i++) {
        y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
      }
      f(tNew, y1, k7);
      this.evaluations += 6;
      let err = 0;
      for (let i = 0; i < n; i++) {
        const ei = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        const sk = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(y1[i]));
        err += (ei / sk) ** 2;
      }
      err = Math.sqrt(err / n);
      // Step-size control with Lund stabilisation (PI controller), as in HNW's DOPRI5
      // (beta = 0.04, fac1 = 0.2, fac2 = 10).
      const beta = 0.04;
      const expo = 0.2 - beta * 0.75;
      if (err <= 1 || (lastClamped && h <= this.hMin)) {
        const e = Math.max(err, 1e-10);
        let fac = Math.pow(e, expo) / Math.pow(this.errOld, beta);
        fac = Math.max(1 / 10, Math.min(1 / 0.2, fac / this.safety));
        let hNew = h / fac;
        if (rejectedOnce) hNew = Math.min(hNew, h);
        this.errOld = Math.max(err, 1e-4);
        // Dense output coefficients (HNW DOPRI5): y(tPrev + θh) =
        //   y0 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ) r5))).
        const { r2, r3, r4, r5 } = this;
        for (let i = 0; i < n; i++) {
          const ydiff = y1[i] - y[i];
          const bspl = h * k1[i] - ydiff;
          r2[i] = ydiff;
          r3[i] = bspl;
          r4[i] = ydiff - h * k7[i] - bspl;
          r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
        }
        this.yPrev.set(y);
        this.tPrev = t;
        y.set(y1);
        k1.set(k7); // FSAL: first stage of the next step
        this.t = tNew;
        this.denseStep = h;
        // A step shortened to land on tLimit says little about the next one: keep the
        // controller's earlier proposal unless this step's error asks for more.
        this.h = Math.min(lastClamped && !rejectedOnce ? Math.max(hNew, hProposed) : hNew, this.hMax);
        this.steps++;
        return tNew;
      }
      // Rejected: shrink and retry.
      const fac = Math.min(1 / 0.2, Math.pow(err, expo) / this.safety);
      h = h / fac;
      lastClamped = false;
      rejectedOnce = true;
      this.rejected++;
    }
  }

  /** State at time t within the last step [tPrev, t] from the dense output, into `out`. */
  interpolate(t: number, out: Float64Array): Float64Array {
    const n = this.dim;
    if (this.denseStep === 0) {
      out.set(this.y);
      return out;
    }
    const th = (t - this.tPrev) / this.denseStep;
    const th1 = 1 - th;
    const { yPrev, r2, r3, r4, r5 } = this;
    for (let i = 0; i < n; i++) {
      out[i] = yPrev[i] + th * (r2[i] + th1 * (r3[i] + th * (r4[i] + th1 * r5[i])));
    }
    return out;
  }

  /** Derivative at the end of the last step (free: first-same-as-last stage). */
  get derivative(): Float64Array {
    return this.k1;
  }
}

// ---------------------------------------------------------------------------------------------
// Root finding and event location.
// ---------------------------------------------------------------------------------------------

/**
 * Brent's root finder ("zeroin", Brent 1973 ch. 4) on [a, b] with g(a)·g(b) ≤ 0, given
 * fa = g(a), fb = g(b). Converges when the bracket is below 2·(4·eps·|b| + tol/2) wide.
 * Allocation-free when `g` is.
 */
export function brentRoot(
  g: (x: number) => number,
  a: number, b: number,
  fa: number, fb: number,
  tol: number,
  maxIterations = 100,
): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) throw new RangeError('brentRoot: the interval does not bracket a root');
  let c = a, fc = fa, d = b - a, e = d;
  for (let iter = 0; iter < maxIterations; iter++) {
    if (fb * fc > 0) {
      c = a; fc = fa; d = b - a; e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation (or secant when only two points are distinct).
      const s = fb / fa;
      let p: number, q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc, r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm; e = d;
      }
    } else {
      d = xm; e = d;
    }
    a = b; fa = fb;
    b += Math.abs(d) > tol1 ? d : (xm > 0 ? tol1 : -tol1);
    fb = g(b);
  }
  return b;
}

/** Which sign changes count as an event. */
export type CrossingDirection = 'falling' | 'rising' | 'either';

/** True if (g0 → g1) is a crossing in the given direction (a start exactly on zero does not count). */
export function isCrossing(g0: number, g1: number, direction: CrossingDirection): boolean {
  if (direction === 'falling') return g0 > 0 && g1 <= 0;
  if (direction === 'rising') return g0 < 0 && g1 >= 0;
  return (g0 > 0 && g1 <= 0) || (g0 < 0 && g1 >= 0);
}

/**
 * Locates, inside the last step of `dp`, the time where `event` crosses zero, by Brent's method
 * on the dense output, given g at both ends of the step. Writes the state at the event into
 * `out` and returns the event time. `tTol` is the absolute time tolerance (s).
 */
export function locateEvent(
  dp: DormandPrince45,
  event: EventFunction,
  g0: number,
  g1: number,
  out: Float64Array,
  tTol = 1e-9,
): number {
  const g = (t: number): number => event(t, dp.interpolate(t, out));
  const tol = Math.max(tTol, 1e-15 * Math.abs(dp.t));
  const tEvent = brentRoot(g, dp.tPrev, dp.t, g0, g1, tol);
  dp.interpolate(tEvent, out);
  return tEvent;
}

/** Outcome of `integrateUntil`. */
export interface IntegrationResult {
  /** True if the event fired (else the end time was reached). */
  event: boolean;
  /** Time of the event, or tEnd. */
  t: number;
}

/**
 * Integrates from the integrator's current state until the event crosses zero in `direction`
 * or tEnd is reached (whichever first), writing the state at that time into `out`. The
 * integrator is left at the end of the step that contained the event (its dense output still
 * covers the event). `onStep`, if given, is called after each accepted step (e.g. to track a
 * maximum).
 */
export function integrateUntil(
  dp: DormandPrince45,
  tEnd: number,
  event: EventFunction | undefined,
  direction: CrossingDirection,
  out: Float64Array,
  onStep?: (dp: DormandPrince45) => void,
  tTol = 1e-9,
): IntegrationResult {
  let g0 = event ? event(dp.t, dp.y) : 0;
  while (dp.t < tEnd) {
    dp.step(tEnd);
    if (onStep) onStep(dp);
    if (event) {
      const g1 = event(dp.t, dp.y);
      if (isCrossing(g0, g1, direction)) {
        const t = locateEvent(dp, event, g0, g1, out, tTol);
        return { event: true, t };
      }
      g0 = g1;
    }
  }
  out.set(dp.y);
  return { event: false, t: dp.t };
}
