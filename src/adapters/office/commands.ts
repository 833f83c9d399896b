// The task pane's commands over the open workbook: each reads in at most two syncs, runs the
// same core as the CLI, and writes in one.
import type { Catalog } from '../../core/catalog/catalog';
import type { Classification } from '../../core/catalog/schema';
import { checkWorkbook } from '../../core/check/check';
import type { CrossRules } from '../../core/check/cross';
import type { Report } from '../../core/check/finding';
import type { Change, Edit } from '../../core/edits';
import { UserError } from '../../core/errors';
import { planFill } from '../../core/fill';
import { collectFacts } from '../../core/narrative/facts';
import type { LexiconFile } from '../../core/narrative/lexicon';
import { generateNarrative, type Narrative } from '../../core/narrative/generate';
import { renderText } from '../../core/narrative/render';
import { planRecalc } from '../../core/recalc';
import { findCodeTables } from '../../core/recognize/code-table';
import { openBook } from '../../core/check/check';
import type { TableData } from '../../core/plan/build';
import { buildWorkbook } from '../../core/plan/workbook';
import { detectYear } from '../../core/recognize/year';
import type { TableSpec } from '../../core/spec/schema';
import { selectSpecs } from '../../core/spec/parse';
import { annotate, applyEdits, applyPlan, readGrid, writeNarrativeSheet } from './adapter';
import type { RequestContext, SetSupport } from './excel-api';
import { append } from '../../core/arrays';
import { runCommand, type CommandRequest, type CommandResult } from '../../core/commands/run';
import type { Resources as CoreResources } from '../../core/commands/resources';
import { parseStore, storeLines } from '../../core/commands/store';
import type { WorkbookGrid } from '../../core/grid';
import { applyBookPlan, type StoreKeeper } from './apply-plan';

export interface Resources {
  specs: TableSpec[];
  crossRules: CrossRules[];
  catalogs: (year: number | null) => Partial<Record<Classification, Catalog>>;
  lexicon?: LexiconFile;
}

export interface TemplateRequest {
  kind: 'budget' | 'final';
  year: number;
  department: string;
  tables?: string[];
  options?: Record<string, boolean>;
  data?: Record<string, TableData>;
}

export async function insertTemplate(context: RequestContext, res: Resources, req: TemplateRequest, supports: SetSupport): Promise<string[]> {
  const specs = selectSpecs(res.specs, req.kind, req.tables);
  const classes = res.catalogs(req.year).function?.classes();
  if (!classes) throw new UserError(`没有${req.year}年的政府收支分类科目表。`);
  const plan = buildWorkbook({ specs, department: req.department, year: req.year, classes, options: req.options, data: req.data });
  await applyPlan(context, plan, supports);
  return plan.sheets.map((s) => s.name);
}

/** 填充科目 or 重算合计 on the open workbook (one sheet or all). */
export async function fillOrRecalc(context: RequestContext, res: Resources, what: 'fill' | 'recalc', supports: SetSupport, sheet?: string): Promise<Change[]> {
  const grid = await readGrid(context);
  const year = detectYear(grid);
  const catalogs = res.catalogs(year);
  const tables = grid.sheets.filter((s) => !sheet || s.name === sheet).flatMap((s) => findCodeTables(s, res.specs));
  if (tables.length === 0) throw new UserError('没有找到科目编码表（需要“科目编码”“科目名称”表头，或“类/款/项”栏）。');
  const edits: Edit[] = [];
  const changes: Change[] = [];
  for (const t of tables) {
    const catalog = t.classification === 'economic' ? catalogs['economic-dept'] : catalogs.function;
    const plan = what === 'fill' ? (catalog ? planFill(t, catalog) : { edits: [], changes: [] }) : planRecalc(t, { formulas: true });
    append(edits, plan.edits);
    append(changes, plan.changes);
  }
  if (edits.length) await applyEdits(context, edits, supports);
  return changes;
}

export async function checkOpenWorkbook(context: RequestContext, res: Resources, supports: SetSupport, mark: boolean): Promise<{ report: Report; originals: { sheet: string; address: string; fill: string | null }[] }> {
  const grid = await readGrid(context);
  const report = checkWorkbook({ file: '当前工作簿', grid, specs: res.specs, crossRules: res.crossRules, catalogs: res.catalogs, lexicon: res.lexicon });
  if (report.tables.length === 0) throw new UserError('当前工作簿中没有识别出公开表。');
  const originals = mark ? await annotate(context, report, supports) : [];
  return { report, originals };
}

export async function narrateInto(context: RequestContext, res: Resources): Promise<Narrative> {
  const grid = await readGrid(context);
  const { book } = openBook({ grid, specs: res.specs, catalogs: res.catalogs, year: null });
  const { kind, year, department } = book.recognition;
  if (!kind || !year) throw new UserError('无法从当前工作簿看出是哪一年的预算或决算。');
  const narrative = generateNarrative({ kind, year, department: department ?? '（单位名称）', facts: collectFacts(book) });
  await writeNarrativeSheet(context, '情况说明', renderText(narrative).trimEnd().split('\n'), grid.sheets.map((s) => s.name));
  return narrative;
}

/** Document settings as gongkai's record in Excel (Office.context.document.settings). */
export interface SettingsLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  saveAsync(cb?: () => void): void;
}

export const STORE_SETTING = 'gongkai.store';

export function settingsKeeper(settings: SettingsLike | undefined): StoreKeeper {
  return {
    read: () => parseStore(JSON.parse(String(settings?.get(STORE_SETTING) ?? '[]')) as string[]),
    write: (store) => {
      settings?.set(STORE_SETTING, JSON.stringify(storeLines(store)));
      settings?.saveAsync();
    },
  };
}

/**
 * Any command on the open workbook: read it (two syncs; none for a template), run the same
 * command as the CLI and the page, apply its plan in one write batch.
 */
export async function runInExcel(context: RequestContext, res: CoreResources, supports: SetSupport, settings: SettingsLike | undefined, req: CommandRequest): Promise<CommandResult> {
  const sheets = context.workbook.worksheets;
  let grid: WorkbookGrid = { sheets: [] };
  let sheetNames: string[];
  if (req.command === 'template' || req.command === 'clear') {
    sheets.load('items/name');
    await context.sync();
    sheetNames = sheets.items.map((s) => s.name);
  } else {
    grid = await readGrid(context);
    sheetNames = sheets.items.map((s) => s.name);
  }
  const result = runCommand(req, grid, res, '当前工作簿');
  const { restored } = await applyBookPlan({ context, supports, sheetNames, keeper: settingsKeeper(settings) }, result.plan);
  if (req.command === 'clear') result.summary = restored ? `已清除 ${restored} 个单元格的检查标记，恢复原来的填充色。` : '这个工作簿里没有检查标记。';
  return result;
}
