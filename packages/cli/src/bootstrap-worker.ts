/**
 * A worker thread of the bootstrap (see bootstrap-workers.ts): receives its task once, as
 * workerData, then blocks of draws one message at a time, and answers each with the block's
 * numbers (the buffer is transferred, not copied). For a caller blocked on a shared counter
 * (bootstrap-workers-sync.ts) it answers on the port it was given and then bumps the counter.
 *
 * `null` in place of a block means the work is over: the thread closes its channel and ends of
 * itself once its event loop is empty. The caller never terminates a thread (`worker.terminate()`),
 * because Node 20 can abort the whole process (an assertion in NodePlatform::ForIsolate) when a
 * thread is terminated while V8 is still optimising its code on a background thread.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
// only the bootstrap's modules, not the whole library (readers, SAP runner): a thread starts in milliseconds
import { runBootstrapBlock } from "@trialstat/core/bootstrap-block";
import type { BlockRunnerName, DrawBlock } from "@trialstat/core";

const { run, task, port, answered } = workerData as { run: BlockRunnerName; task: unknown; port?: MessagePort; answered?: SharedArrayBuffer };
const channel = port ?? parentPort!;
const counter = answered && new Int32Array(answered);
channel.on("message", (block: DrawBlock | null) => {
  if (block === null) return channel.close();
  try {
    const numbers = runBootstrapBlock(run, task, block);
    channel.postMessage({ index: block.index, numbers }, [numbers.buffer as ArrayBuffer]);
  } catch (e) {
    channel.postMessage({ index: block.index, error: e instanceof Error ? e.message : String(e) });
  }
  if (counter) {
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  }
});
