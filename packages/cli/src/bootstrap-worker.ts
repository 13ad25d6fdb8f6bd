/**
 * A worker thread of the bootstrap (see bootstrap-workers.ts): receives its task once, as
 * workerData, then blocks of draws one message at a time, and answers each with the block's
 * numbers (the buffer is transferred, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
// only the bootstrap's modules, not the whole library (readers, SAP runner): a thread starts in milliseconds
import { runBootstrapBlock } from "@trialstat/core/bootstrap-block";
import type { BlockRunnerName, DrawBlock } from "@trialstat/core";

const { run, task } = workerData as { run: BlockRunnerName; task: unknown };
parentPort!.on("message", (block: DrawBlock) => {
  try {
    const numbers = runBootstrapBlock(run, task, block);
    parentPort!.postMessage({ index: block.index, numbers }, [numbers.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ index: block.index, error: e instanceof Error ? e.message : String(e) });
  }
});
