/**
 * Bootstrap draws split into blocks, the unit of work handed to a thread.
 *
 * Draw b always takes its random numbers from its own stream (`RandomStreams(seed).stream(purpose, b)`)
 * and its result depends on nothing else, so a block's result is a function of (task, block) alone.
 * Blocks are numbered in draw order and their results are put back in that order, whichever thread
 * ran them and whenever it finished: 1, 2 or 8 threads give the same bytes. The block size changes
 * nothing either; it only sets how much work one message carries.
 *
 * @example
 * drawBlocks(150, 64); // [{ index: 0, start: 0, count: 64 }, { index: 1, start: 64, count: 64 }, { index: 2, start: 128, count: 22 }]
 */
export interface DrawBlock {
  /** Position of the block in draw order. */
  readonly index: number;
  /** The block's first draw. */
  readonly start: number;
  readonly count: number;
}

/** Draws per block: a few hundred milliseconds of refits at most, so that two threads share work evenly. */
export const DRAWS_PER_BLOCK = 64;

export function drawBlocks(draws: number, perBlock = DRAWS_PER_BLOCK): DrawBlock[] {
  const blocks: DrawBlock[] = [];
  for (let start = 0, index = 0; start < draws; start += perBlock, index++) blocks.push({ index, start, count: Math.min(perBlock, draws - start) });
  return blocks;
}

/**
 * Runs the block function named `run` over the blocks and returns their results in block order. The default runs them here,
 * one after another; the CLI passes one that spreads them over worker threads (core itself never
 * starts a thread, so that it runs in a browser). A mapper must return one result per block, each
 * `run(task, block)` computed from the task and block alone. `onBlockDone`, when given, is told each
 * block as it finishes, in whatever order (for a progress display: `blockProgress`).
 */
export type BlockMapper = (run: BlockRunnerName, task: unknown, blocks: readonly DrawBlock[], onBlockDone?: (block: DrawBlock) => void) => Promise<readonly Float64Array[]>;

/**
 * The same, returning at once: for a caller that cannot wait on a promise (the plan runner, which
 * is synchronous). The CLI's blocks the calling thread while worker threads run the blocks
 * (cli/src/bootstrap-workers-sync.ts); the default runs them here (`mapBlocksHereSync`).
 */
export type SyncBlockMapper = (run: BlockRunnerName, task: unknown, blocks: readonly DrawBlock[], onBlockDone?: (block: DrawBlock) => void) => readonly Float64Array[];

/**
 * A mapper's `onBlockDone` for a bootstrap's `onProgress`: the draws done so far of `draws`, counted
 * over the blocks as they finish (undefined without `onProgress`).
 */
export function blockProgress(draws: number, onProgress?: (done: number, total: number) => void): ((block: DrawBlock) => void) | undefined {
  if (!onProgress) return undefined;
  let done = 0;
  return (block) => onProgress((done += block.count), draws);
}

/** Each block's result by `runBlock`, here, one after another, telling `onBlockDone` of each. */
export function runBlocksInTurn(blocks: readonly DrawBlock[], runBlock: (block: DrawBlock) => Float64Array, onBlockDone?: (block: DrawBlock) => void): Float64Array[] {
  return blocks.map((b) => {
    const result = runBlock(b);
    onBlockDone?.(b);
    return result;
  });
}

/** Which block function a worker runs: workers receive a name, not a function (functions cannot be sent). */
export type BlockRunnerName = "resample" | "wild";

/** Results of consecutive blocks, each `width` numbers per draw, joined in draw order. */
export function joinBlocks(results: readonly Float64Array[], blocks: readonly DrawBlock[], width: number): Float64Array {
  const draws = blocks.reduce((s, b) => s + b.count, 0);
  const out = new Float64Array(draws * width);
  blocks.forEach((b, i) => {
    if (results[i].length !== b.count * width) throw new Error(`internal: block ${b.index} returned ${results[i].length} numbers, not ${b.count * width}`);
    out.set(results[i], b.start * width);
  });
  return out;
}
