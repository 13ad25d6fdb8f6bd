import { type DataTable, cellSourceText, missingColumnHint } from "../data/table.js";
import { inputError, quoteValue } from "../errors.js";

/**
 * The job outcomes of employment services, one row per service and period — as a service's
 * monitoring returns are kept: how many people it supported (its caseload over the period), how
 * many of them started a job, and (optionally) its employment specialists (full-time equivalents).
 * Read by `trialstat monitor` and by `trialstat fidelity --outcomes`.
 *
 * `people` and `jobs` are whole numbers, jobs from 0 to people; `specialists`, where given, is a
 * positive number; a service listed twice for one period is an error. Each is reported at its
 * file line and column.
 *
 * @example
 * // outcomes.csv: service,period,people,jobs,specialists / JCP South,2015-16,25,5,1
 * serviceOutcomes(table).rows[0]; // { service: "JCP South", period: "2015-16", people: 25, jobs: 5, specialists: 1, line: 2 }
 */
export interface ServiceOutcome {
  service: string;
  period: string;
  people: number;
  jobs: number;
  /** Employment specialists (FTE); null when the file has no such column or the cell is empty. */
  specialists: number | null;
  line: number;
}

export interface ServiceOutcomeColumns {
  service?: string;
  period?: string;
  people?: string;
  jobs?: string;
  specialists?: string;
}

export function serviceOutcomes(table: DataTable, columns: ServiceOutcomeColumns = {}): { rows: ServiceOutcome[] } {
  const file = table.source;
  const names = { service: columns.service ?? "service", period: columns.period ?? "period", people: columns.people ?? "people", jobs: columns.jobs ?? "jobs", specialists: columns.specialists ?? "specialists" };
  for (const key of ["service", "period", "people", "jobs"] as const) {
    if (!table.hasColumn(names[key])) throw inputError(`${file} has no column "${names[key]}" (${key})`, { location: { file, line: 1 }, hint: missingColumnHint(names[key], table.columnNames) });
  }
  if (columns.specialists !== undefined && !table.hasColumn(names.specialists)) {
    throw inputError(`${file} has no column "${names.specialists}" (specialists)`, { location: { file, line: 1 }, hint: missingColumnHint(names.specialists, table.columnNames) });
  }
  if (table.nRows === 0) throw inputError(`${file} has a header but no rows`, { location: { file, line: 1 }, hint: "one row per service and period: service, period, people, jobs" });
  const cell = (name: string, row: number) => cellSourceText(table.column(name), row).trim();
  const rows: ServiceOutcome[] = [];
  const seen = new Map<string, number>();
  for (let row = 0; row < table.nRows; row++) {
    const line = table.lineOf(row);
    const at = (column: string) => ({ file, line, column });
    const service = cell(names.service, row);
    const period = cell(names.period, row);
    if (service === "") throw inputError("the service is missing", { location: at(names.service), hint: "every row names its service" });
    if (period === "") throw inputError("the period is missing", { location: at(names.period), hint: "every row names its period, e.g. 2015-16 or 2016-Q1" });
    const key = `${service}\u0000${period}`;
    if (seen.has(key)) throw inputError(`${service} is listed twice for ${period} (also line ${seen.get(key)})`, { location: at(names.service), hint: "one row per service and period" });
    seen.set(key, line);
    const whole = (name: string, what: string) => {
      const text = cell(name, row);
      const v = Number(text);
      if (text === "" || !(Number.isInteger(v) && v >= 0)) throw inputError(`${what} is ${text === "" ? "missing" : quoteValue(text)}; it must be a whole number`, { location: at(name), hint: `give ${what} for ${service} in ${period} as a count of people: 0, 1, 2, …` });
      return v;
    };
    const people = whole(names.people, "the number of people supported");
    const jobs = whole(names.jobs, "the number who started a job");
    if (jobs > people) throw inputError(`${jobs} people started a job, more than the ${people} supported`, { location: at(names.jobs), hint: "jobs counts people supported who started a job (at most the people supported)" });
    let specialists: number | null = null;
    if (table.hasColumn(names.specialists)) {
      const text = cell(names.specialists, row);
      if (text !== "") {
        specialists = Number(text);
        if (!(specialists > 0 && Number.isFinite(specialists))) throw inputError(`the number of employment specialists is ${quoteValue(text)}; it must be a number above 0 (full-time equivalents)`, { location: at(names.specialists), hint: "e.g. 1, 2.5; leave it empty when not known" });
      }
    }
    rows.push({ service, period, people, jobs, specialists, line });
  }
  return { rows };
}
