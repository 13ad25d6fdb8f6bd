import { hashText } from "@trialstat/core";

/**
 * TEST-ONLY HOOK. The signal tests (test/cli/out-signals.test.ts) need a `trialstat run` whose
 * write phase is long (20,000 files) to interrupt it at many points; no real plan writes that many.
 * With `TRIALSTAT_TEST_ONLY_PAD_OUTPUT=<count>:<sha256 of the SAP file's text>` in the environment,
 * `run` adds `<count>` small files `test-padding/NN/NNNNN.txt` to its outputs. It cannot be set off
 * by accident: the variable must also name the exact SAP being run by its hash, so a leftover
 * variable does nothing for any other plan (or for the same plan once edited). Without it (always,
 * outside those tests) nothing changes.
 *
 * Example: `TRIALSTAT_TEST_ONLY_PAD_OUTPUT=20000:$(sha256sum sap.yaml | cut -c1-64) trialstat run sap.yaml --out out`
 */
export const TEST_PADDING_VARIABLE = "TRIALSTAT_TEST_ONLY_PAD_OUTPUT";

export function testPadding(env: Readonly<Record<string, string | undefined>> | undefined, sapText: string): Record<string, string> {
  const m = /^(\d{1,6}):([0-9a-f]{64})$/.exec(env?.[TEST_PADDING_VARIABLE] ?? "");
  if (!m) return {};
  const hash = hashText(sapText);
  if (m[2] !== hash) return {};
  const files: Record<string, string> = {};
  for (let i = 0; i < Number(m[1]); i++) {
    const n = String(i).padStart(5, "0");
    files[`test-padding/${n.slice(0, 2)}/${n}.txt`] = `${hash.slice(0, 16)} ${n}\n`;
  }
  return files;
}
