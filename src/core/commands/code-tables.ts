// 填充科目 and 重算合计: every code table of the workbook (or of one sheet), planned table by
// table and merged into one plan, with a report per table.
import { type Catalog, type CatalogUse, catalogUse } from '../catalog/catalog';
import type { Change } from '../edits';
import { UserError } from '../errors';
import { planFill } from '../fill';
import type { WorkbookGrid } from '../grid';
import { planRecalc } from '../recalc';
import { type CodeTable, findCodeTables } from '../recognize/code-table';
import { detectYear } from '../recognize/year';
import { mergeTableEdits } from './merge-edits';
import { type BookPlan, emptyPlan } from './plan';
import { requireCatalogYear, type Resources } from './resources';

export interface TableReport {
  sheet: string;
  title: string | null;
  range: string;
  changes: Change[];
}

export interface CodeTablesReport {
  year: number | null;
  tables: TableReport[];
  catalogs: CatalogUse[];
}

export interface CodeTablesOptions {
  /** Only this sheet. */
  sheet?: string;
  /** The year, when the workbook does not say it. */
  year?: number;
  /** 重算合计: replace typed totals by formulas (else only the wrong ones get the right figure). */
  formulas?: boolean;
  /** The user gave a catalog of their own (its year is checked where it is loaded). */
  catalogGiven?: boolean;
}

/** The code tables a command works on; a Chinese error when there are none. `where` names the workbook. */
export function codeTablesOf(grid: WorkbookGrid, res: Resources, where: string, sheet?: string): CodeTable[] {
  const sheets = sheet ? grid.sheets.filter((s) => s.name === sheet) : grid.sheets;
  if (sheet && sheets.length === 0) throw new UserError(`${where} 中没有工作表「${sheet}」。现有工作表：${grid.sheets.map((s) => s.name).join('、')}`);
  const tables = sheets.flatMap((s) => findCodeTables(s, res.specs));
  if (tables.length === 0) throw new UserError(`在 ${where}${sheet ? ` 的「${sheet}」` : ''} 中没有找到科目编码表（需要“科目编码”“科目名称”表头，或“类/款/项”栏）。`);
  return tables;
}

const CLASSIFICATION_NAMES = { function: '支出功能分类', economic: '支出经济分类' } as const;

function catalogFor(table: CodeTable, catalogs: ReturnType<Resources['catalogs']>, year: number): Catalog {
  const catalog = table.classification === 'economic' ? catalogs['economic-dept'] : catalogs.function;
  if (!catalog) throw new UserError(`没有${year}年的${CLASSIFICATION_NAMES[table.classification]}科目表。`);
  return catalog;
}

function finish(tables: CodeTable[], plans: { edits: BookPlan['edits']; changes: Change[] }[]): { plan: BookPlan; tables: TableReport[] } {
  const merged = mergeTableEdits(tables.map((t, i) => ({ sheet: t.sheet, top: t.headerRows[0], ...plans[i] })));
  const plan = { ...emptyPlan(), edits: merged.edits };
  const reports = tables.map((t, i) => {
    const by = merged.shifts[i];
    return { sheet: t.sheet, title: t.title, range: `第 ${t.bodyRows[0] + by}–${t.bodyRows[1] + by} 行`, changes: merged.changes[i] };
  });
  return { plan, tables: reports };
}

export function fillCommand(grid: WorkbookGrid, res: Resources, where: string, options: CodeTablesOptions = {}): { plan: BookPlan; report: CodeTablesReport } {
  const year = options.year ?? detectYear(grid);
  if (!year) throw new UserError(`无法从 ${where} 的表头看出年度，请给出年度。`);
  if (!options.catalogGiven) requireCatalogYear(res, year);
  const catalogs = res.catalogs(year);
  const tables = codeTablesOf(grid, res, where, options.sheet);
  const used = new Set<Catalog>();
  const plans = tables.map((t) => {
    const catalog = catalogFor(t, catalogs, year);
    used.add(catalog);
    return planFill(t, catalog);
  });
  const { plan, tables: reports } = finish(tables, plans);
  return { plan, report: { year, tables: reports, catalogs: [...used].map(catalogUse) } };
}

export function recalcCommand(grid: WorkbookGrid, res: Resources, where: string, options: CodeTablesOptions = {}): { plan: BookPlan; report: CodeTablesReport } {
  const tables = codeTablesOf(grid, res, where, options.sheet);
  const plans = tables.map((t) => planRecalc(t, { formulas: Boolean(options.formulas) }));
  const { plan, tables: reports } = finish(tables, plans);
  return { plan, report: { year: options.year ?? detectYear(grid), tables: reports, catalogs: [] } };
}
