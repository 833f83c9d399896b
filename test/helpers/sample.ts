// The embedded sample as workbooks and grids for the checker's tests, with catalogs made from
// the sample's own code names (so these tests pin the checker, not the catalog data).
import type ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Catalog } from '../../src/core/catalog/catalog';
import type { Classification } from '../../src/core/catalog/schema';
import { checkWorkbook } from '../../src/core/check/check';
import type { Report } from '../../src/core/check/finding';
import type { WorkbookGrid } from '../../src/core/grid';
import { Ledger, ledgerToTables } from '../../src/core/ledger';
import type { TableData } from '../../src/core/plan/build';
import { buildWorkbook } from '../../src/core/plan/workbook';
import { planToBuffer } from '../../src/adapters/exceljs/write-plan';
import { readWorkbookGrid } from '../../src/adapters/exceljs/read-grid';
import { loadCatalog, loadCrossRules, templatesDir } from '../../src/adapters/node/templates';
import { readWorkbook, specs } from './workbook';

export function sampleLedger(name: string): Ledger {
  return Ledger.parse(JSON.parse(fs.readFileSync(path.join(templatesDir(), 'sample', `${name}.json`), 'utf8')));
}

export function sampleCatalogs(ledger: Ledger): Partial<Record<Classification, Catalog>> {
  const of = (prefix: string, c: Classification) => new Catalog(c, ledger.year, Object.entries(ledger.names).filter(([k]) => k.startsWith(prefix)).map(([code, name]) => ({ code, name })));
  const fn = of('2', 'function');
  // table 01 and 04 list every 类 of the year
  const classes = loadCatalog('function', Math.max(2024, ledger.year)).classes();
  const withClasses = new Catalog('function', ledger.year, [...fn.entries(), ...classes.filter((c) => !fn.has(c.code))]);
  return { function: withClasses, 'economic-dept': of('3', 'economic-dept') };
}

export async function sampleWorkbook(name: string, mutate?: (tables: Record<string, TableData>) => void, options?: Record<string, boolean>): Promise<ExcelJS.Workbook> {
  const ledger = sampleLedger(name);
  const data = ledgerToTables(ledger);
  mutate?.(data);
  const plan = buildWorkbook({
    specs: specs.filter((s) => s.kind === ledger.kind && !s.extra),
    department: ledger.department,
    year: ledger.year,
    classes: loadCatalog('function', Math.max(2024, ledger.year)).classes(),
    data,
    options,
  });
  return readWorkbook(await planToBuffer(plan));
}

export async function sampleGrid(name: string, mutate?: (tables: Record<string, TableData>) => void, options?: Record<string, boolean>): Promise<WorkbookGrid> {
  return readWorkbookGrid(await sampleWorkbook(name, mutate, options));
}

export function checkSample(grid: WorkbookGrid, ledger: Ledger, year: number | null = ledger.year): Report {
  const catalogs = sampleCatalogs(ledger);
  return checkWorkbook({ file: 'sample.xlsx', grid, specs, crossRules: loadCrossRules(), catalogs: () => catalogs, year });
}
