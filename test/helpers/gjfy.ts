// The 江苏省高级人民法院 2019 budget PDF (test/fixtures/pdf/js-gjfy-2019-budget.pdf), printed in
// Jiangsu's layouts: read once per test file, checked as the CLI checks it, figures planted in it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPdfPages } from '../../src/adapters/pdf/read-pdf';
import { catalogsForCheck, loadCrossRules, loadSpecs } from '../../src/adapters/node/templates';
import { parseAddress } from '../../src/core/a1';
import { checkWorkbook } from '../../src/core/check/check';
import type { Finding, Report } from '../../src/core/check/finding';
import type { WorkbookGrid } from '../../src/core/grid';
import { layoutPages } from '../../src/core/pdf-layout/layout';

export const GJFY_PDF = path.join(__dirname, '..', 'fixtures', 'pdf', 'js-gjfy-2019-budget.pdf');

export async function readGjfy(): Promise<WorkbookGrid> {
  return layoutPages(await readPdfPages(GJFY_PDF, fs.readFileSync(GJFY_PDF))).grid;
}

export function checkGjfy(grid: WorkbookGrid): Report {
  return checkWorkbook({ file: GJFY_PDF, grid, specs: loadSpecs(), crossRules: loadCrossRules(), catalogs: catalogsForCheck(), year: null });
}

/** The errors and warnings on one sheet: "rule severity cell". */
export function findingsOn(findings: Finding[], sheet: string): string[] {
  return findings.filter((f) => f.sheet === sheet && f.severity !== 'notice').map((f) => `${f.rule} ${f.severity} ${f.cell}`);
}

/** Plants a printed text (or number) in a cell the layout read. */
export function setText(grid: WorkbookGrid, sheet: string, cell: string, value: string | number): void {
  const { row, col } = parseAddress(cell);
  grid.sheets.find((s) => s.name === sheet)!.rows.get(row)!.get(col)!.value = value;
}
