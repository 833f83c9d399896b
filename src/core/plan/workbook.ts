// A workbook plan: one sheet per table spec, built with the same department, year and options.
import type { CatalogEntry } from '../codes';
import type { TableSpec } from '../spec/schema';
import { buildSheet, type TableData } from './build';
import type { WorkbookPlan } from './types';

export interface WorkbookInput {
  specs: TableSpec[];
  department: string;
  year: number;
  classes: CatalogEntry[];
  /** Options by key; each table takes the ones it declares (splitCodes, splitBasic, priorYear…). */
  options?: Record<string, boolean>;
  /** Amounts by table id. */
  data?: Record<string, TableData>;
}

export function buildWorkbook(input: WorkbookInput): WorkbookPlan {
  const sheets = input.specs.map((spec) => {
    const declared = new Set(spec.options.map((o) => o.key));
    const options = Object.fromEntries(Object.entries(input.options ?? {}).filter(([k]) => declared.has(k)));
    return buildSheet({ spec, department: input.department, year: input.year, classes: input.classes, options, data: input.data?.[spec.id] });
  });
  const names = new Set<string>();
  for (const s of sheets) {
    let name = s.name;
    for (let i = 2; names.has(name); i++) name = `${s.name.slice(0, 28)}(${i})`;
    s.name = name;
    names.add(name);
  }
  return { sheets };
}
