/** Shared timing helpers of the micro-benchmarks. */

/** Run `body` in batches until ~`ms` milliseconds have passed; return operations per second. */
export function rate(body: (reps: number) => void, ms = 400): number {
  body(1000); // warm-up (JIT)
  let reps = 1000;
  let total = 0;
  let elapsed = 0;
  while (elapsed < ms) {
    const t0 = performance.now();
    body(reps);
    elapsed += performance.now() - t0;
    total += reps;
    if (elapsed < ms / 4) reps *= 2;
  }
  return (total / elapsed) * 1000;
}

/** Operations per second as "x.xx M/s" or "x.x k/s". */
export const fmt = (opsPerSecond: number): string =>
  opsPerSecond >= 1e6 ? `${(opsPerSecond / 1e6).toFixed(2)} M/s` : `${(opsPerSecond / 1e3).toFixed(1)} k/s`;
