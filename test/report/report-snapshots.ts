import { describe, expect, it } from "vitest";
import { reportContents, tableCsv, tableHtml, tableMarkdown } from "@trialstat/core";
import { repoPath } from "../helpers.js";
import { runSap } from "../sap/run-sap.js";

/**
 * Snapshot tests of every report table in each format (Markdown, CSV, HTML) and of every picture,
 * for one study: files under test/report/__snapshots__/<name>/. Point it at any SAP, e.g.
 * `reportSnapshots("hlt", "examples/hlt/sap.yaml")`; `vitest -u` writes the snapshots the first time.
 */
export function reportSnapshots(name: string, sapPath: string | (() => string), options: { only?: RegExp; pictures?: RegExp } = {}): void {
  describe(`report snapshots: ${name}`, () => {
    const contents = reportContents(runSap(typeof sapPath === "function" ? sapPath() : sapPath));
    const items = contents.sections
      .flatMap((s) => s.items)
      .filter((i) => !options.only || options.only.test(i.kind === "table" ? i.table.id : i.id))
      .filter((i) => i.kind === "table" || !options.pictures || options.pictures.test(i.id));
    const dir = repoPath(`test/report/__snapshots__/${name}`);
    it("has tables and pictures, with unique ids", () => {
      const ids = items.map((i) => (i.kind === "table" ? i.table.id : i.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(items.length).toBeGreaterThan(0);
    });
    for (const item of items) {
      if (item.kind === "table") {
        it(`table ${item.table.id}`, async () => {
          await expect(tableMarkdown(item.table)).toMatchFileSnapshot(`${dir}/${item.table.id}.md`);
          await expect(tableCsv(item.table)).toMatchFileSnapshot(`${dir}/${item.table.id}.csv`);
          await expect(`${tableHtml(item.table)}\n`).toMatchFileSnapshot(`${dir}/${item.table.id}.html`);
        });
      } else {
        it(`picture ${item.id}`, async () => {
          await expect(`${item.svg}\n`).toMatchFileSnapshot(`${dir}/${item.id}.svg`);
        });
      }
    }
  });
}
