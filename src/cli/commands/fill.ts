// gongkai fill: names, parent rows and SUM formulas for every code table of a workbook.
import * as path from 'node:path';
import { type Catalog, catalogUse, describeCatalogs } from '../../core/catalog/catalog';
import type { Change, Edit } from '../../core/edits';
import { UserError } from '../../core/errors';
import { planFill } from '../../core/fill';
import { findCodeTables, type CodeTable } from '../../core/recognize/code-table';
import { detectYear } from '../../core/recognize/year';
import { applyEdits } from '../../adapters/exceljs/apply-edits';
import { loadCatalogSet, loadSpecs } from '../../adapters/node/templates';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear } from '../options';
import { openWorkbook, workbookBuffer, type OpenWorkbook } from '../../adapters/node/workbook-file';
import { append } from '../../core/arrays';

export interface WorkbookCommandArgs {
  output: string;
  sheet?: string;
  catalog?: string;
  year?: string;
  json?: boolean;
  force?: boolean;
}

export interface TableReport {
  sheet: string;
  title: string | null;
  range: string;
  changes: Change[];
}

export function resolveYear(book: OpenWorkbook, given?: string): number {
  if (given) return parseYear(given);
  const year = detectYear(book.grid);
  if (!year) throw new UserError(`无法从 ${book.file} 的表头看出年度，请用 --year 指定。`);
  return year;
}

export function codeTablesOf(book: OpenWorkbook, sheet?: string): CodeTable[] {
  const specs = loadSpecs();
  const sheets = sheet ? book.grid.sheets.filter((s) => s.name === sheet) : book.grid.sheets;
  if (sheet && sheets.length === 0) throw new UserError(`${book.file} 中没有工作表「${sheet}」。现有工作表：${book.grid.sheets.map((s) => s.name).join('、')}`);
  const tables = sheets.flatMap((s) => findCodeTables(s, specs));
  if (tables.length === 0) throw new UserError(`在 ${book.file}${sheet ? ` 的「${sheet}」` : ''} 中没有找到科目编码表（需要“科目编码”“科目名称”表头，或“类/款/项”栏）。`);
  return tables;
}

export function catalogForTable(table: CodeTable, catalogs: ReturnType<typeof loadCatalogSet>, year: number): Catalog {
  const catalog = table.classification === 'economic' ? catalogs['economic-dept'] : catalogs.function;
  if (!catalog) throw new UserError(`没有${year}年的${table.classification === 'economic' ? '支出经济分类' : '支出功能分类'}科目表。`);
  return catalog;
}

const TAGS: Record<Change['kind'], string> = {
  rowAdded: '新增', parentMissing: '核对', nameWritten: '名称', nameDiffers: '核对', codeUnknown: '核对', codeUnverified: '核对', codeLocal: '提示', nameUnverified: '核对', codeMalformed: '核对', codeDuplicate: '核对',
  formulaWritten: '公式', valueToFormula: '公式', parentMismatch: '核对', totalWrong: '改正', totalFixed: '改正', amountText: '核对',
};

export function renderReport(title: string, reports: TableReport[]): string {
  const lines = [title];
  for (const r of reports) {
    const changed = r.changes.filter((c) => c.changed).length;
    const flagged = r.changes.length - changed;
    lines.push(`${r.sheet}（${r.title ?? '未命名表'}，${r.range}）：改动 ${changed} 处，需要核对 ${flagged} 处`);
    for (const c of r.changes) lines.push(`  [${TAGS[c.kind]}] ${c.cell} ${c.message}`);
  }
  return lines.join('\n');
}

export async function runFill(input: string, args: WorkbookCommandArgs): Promise<string> {
  const inputs = [input, ...(args.catalog ? [args.catalog] : [])];
  if (args.year) parseYear(args.year);
  checkOutputPath(args.output, { force: args.force, inputs });
  const book = await openWorkbook(input);
  const year = resolveYear(book, args.year);
  const catalogs = loadCatalogSet(year, args.catalog);
  const tables = codeTablesOf(book, args.sheet);
  const edits: Edit[] = [];
  const reports: TableReport[] = [];
  const used = new Set<Catalog>();
  for (const table of tables) {
    const catalog = catalogForTable(table, catalogs, year);
    used.add(catalog);
    const plan = planFill(table, catalog);
    append(edits, plan.edits);
    reports.push({ sheet: table.sheet, title: table.title, range: `第 ${table.bodyRows[0]}–${table.bodyRows[1]} 行`, changes: plan.changes });
  }
  // two tables on one sheet: apply the lower table's insertions first so row numbers hold
  applyEdits(book.workbook, edits);
  await writeFileAtomic(args.output, () => workbookBuffer(book.workbook), { force: args.force, inputs });
  const uses = [...used].map(catalogUse);
  if (args.json) return JSON.stringify({ file: input, output: args.output, year, tables: reports, catalogs: uses }, null, 2);
  const unverified = reports.reduce((n, r) => n + r.changes.filter((c) => c.unverified).length, 0);
  const note = unverified ? `\n其中 ${unverified} 处写入的科目名称本地科目表未核实（已在该处注明），请与本省科目表核对。` : '';
  return renderReport(`科目填充（${year}年科目表）：${path.basename(input)} → ${args.output}\n${describeCatalogs(uses)}`, reports) + note;
}
