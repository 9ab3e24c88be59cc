/**
 * Worker side of `solveWtaExactSync` (exactSync.ts): receives a WTA instance, solves it with the
 * exact HiGHS solver of ./wta (no clock: deterministic work limits only), posts the result back on
 * the shared port and wakes the waiting planner through the shared flag.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { createWtaInstance, solveWtaExact, type WtaInstanceSpec } from './wta/index.js';

interface Request {
  spec: WtaInstanceSpec;
  opts: { maxCgIterations: number; maxColumns: number };
}

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

port.on('message', (req: Request) => {
  const done = (msg: unknown) => {
    port.postMessage(msg);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  let inst;
  try {
    inst = createWtaInstance(req.spec, 'planner WTA');
  } catch (e) {
    done({ error: String(e) });
    return;
  }
  solveWtaExact(inst, req.opts).then(
    (r) => done({ assignment: r.assignment, objective: r.objective, lowerBound: r.lowerBound, status: r.status, note: r.stats.note ?? '' }),
    (e: unknown) => done({ error: String(e) }),
  );
});
