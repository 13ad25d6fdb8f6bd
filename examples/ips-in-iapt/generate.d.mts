// Types of generate.mjs (plain JavaScript, run by Node as it is; it needs the core library built), for the tests.
export const DEFAULT_SEED: number;
export const SITES: readonly Record<string, string | number>[];
export const TABLE6: { n: number; start: { sum: number; min: number; max: number }; end: { sum: number; min: number; max: number } };
export const TABLE7: { n: number; gad7: { start: number; end: number }; phq9: { start: number; end: number } };
export function generate(options?: { seed?: number }): { files: Record<string, string>; manifest: { seed: number; referrals: number; participants: number; evaluated: number } };
export function writeStudy(dir: string, options?: { seed?: number }): { seed: number; referrals: number; participants: number; evaluated: number };
