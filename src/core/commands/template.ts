// 插入模板: the standard tables of a kind (or the ones named), for a department and year, with
// live formulas; filled with a ledger's amounts when one is given.
import { UserError } from '../errors';
import { type Ledger, ledgerToTables, unsplitBasic } from '../ledger';
import { buildWorkbook } from '../plan/workbook';
import { KIND_NAMES, type Kind, selectSpecs } from '../spec/parse';
import { type BookPlan, emptyPlan } from './plan';
import { requireCatalogYear, type Resources } from './resources';

export interface TemplateRequest {
  kind: Kind;
  year: number;
  department: string;
  /** Table numbers ("01", "05"); all standard tables when absent. */
  tables?: string[];
  /** Layout options by key ("splitCodes", "no-priorYear" turned off). */
  options?: string[];
  ledger?: Ledger;
}

export interface TemplateReport {
  department: string;
  year: number;
  kind: Kind;
  sheets: string[];
}

function parseOptions(given: string[], declared: Set<string>): Record<string, boolean> {
  const options: Record<string, boolean> = {};
  for (const raw of given) {
    const off = raw.startsWith('no-');
    const key = off ? raw.slice(3) : raw;
    if (!declared.has(key)) throw new UserError(`未知的选项「${raw}」。所选表支持：${[...declared].join('、') || '（无）'}`);
    options[key] = !off;
  }
  return options;
}

export function templateCommand(res: Resources, req: TemplateRequest): { plan: BookPlan; report: TemplateReport } {
  const { kind, year, department, ledger } = req;
  if (ledger && ledger.kind !== kind) throw new UserError(`明细数据是${KIND_NAMES[ledger.kind]}数据，与所选的${KIND_NAMES[kind]}不符。`);
  if (ledger && ledger.year !== year) throw new UserError(`明细数据是 ${ledger.year} 年的，与所选的 ${year} 年不符。`);
  const specs = selectSpecs(res.specs, kind, req.tables);
  requireCatalogYear(res, year);
  const classes = res.catalogs(year).function?.classes();
  if (!classes) throw new UserError(`没有${year}年的政府收支分类科目表。`);
  const options = parseOptions(req.options ?? [], new Set(specs.flatMap((s) => s.options.map((o) => o.key))));
  const unsplit = ledger && options.splitBasic ? unsplitBasic(ledger) : [];
  if (unsplit.length > 0) {
    const list = unsplit.slice(0, 5).map((i) => `${i.code} ${ledger!.names[i.code] ?? ''}`.trim()).join('、');
    throw new UserError(
      `选项 splitBasic 要把基本支出分列为人员经费和公用经费，但明细数据中有 ${unsplit.length} 个一般公共预算项目只给了基本支出合计（${list}${unsplit.length > 5 ? ' 等' : ''}）。请在这些项目上补上 personnel（人员经费）和 public（公用经费），或不用 splitBasic。`,
    );
  }
  const book = buildWorkbook({ specs, department, year, classes, options, data: ledger ? ledgerToTables(ledger) : undefined });
  return { plan: { ...emptyPlan(), sheets: book.sheets }, report: { department, year, kind, sheets: book.sheets.map((s) => s.name) } };
}
