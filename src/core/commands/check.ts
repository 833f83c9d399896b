// 检查: the report, and the marks that put it in the workbook — each offending cell coloured by
// its worst finding with a note listing them, and the 检查结果 sheet with a link to each cell.
import { checkWorkbook, openBook, type CheckInput } from '../check/check';
import { collectFacts, type Facts } from '../narrative/facts';
import { KIND_NAMES, type Kind } from '../spec/parse';
import { type Finding, type Report, RESULTS_SHEET, SEVERITY_NAMES, type Severity } from '../check/finding';
import { UserError } from '../errors';
import { type Grid, textAt, type WorkbookGrid } from '../grid';
import { type BookPlan, emptyPlan, type Mark, type ResultsSheet } from './plan';
import type { Resources } from './resources';

const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export const RESULTS_COLUMNS: ResultsSheet['columns'] = [
  { header: '严重程度', width: 10 },
  { header: '工作表', width: 30 },
  { header: '单元格', width: 10 },
  { header: '规则', width: 18 },
  { header: '说明', width: 90 },
  { header: '应为', width: 16 },
  { header: '实为', width: 16 },
];

/** How every note gongkai writes begins: the mark of a note it added, not a user's. */
export const NOTE_HEADING = 'gongkai 检查：';

export function noteText(findings: Finding[]): string {
  return [NOTE_HEADING, ...findings.map((f) => `【${SEVERITY_NAMES[f.severity]}】${f.message}`)].join('\n');
}

/** One mark per cell that has findings, in the report's order. */
export function marksOf(report: Report): Mark[] {
  const byCell = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  return [...byCell.values()].map((findings) => ({
    sheet: findings[0].sheet!,
    address: findings[0].cell!,
    severity: findings.reduce((a, f) => (RANK[f.severity] < RANK[a] ? f.severity : a), 'notice' as Severity),
    note: noteText(findings),
  }));
}

export function resultsSheet(report: Report): ResultsSheet {
  return {
    name: RESULTS_SHEET,
    columns: RESULTS_COLUMNS,
    rows: report.findings.map((f) => ({
      severity: f.severity,
      cells: [SEVERITY_NAMES[f.severity], f.sheet ?? '', f.cell ?? '', f.rule, f.message, f.expected ?? '', f.actual ?? ''],
      link: f.sheet && f.cell ? { sheet: f.sheet, cell: f.cell } : null,
    })),
    empty: '没有发现问题。',
  };
}

/** Another workbook or published PDF a check holds stated figures to: last year's, or this year's budget. */
export interface OtherBook {
  file: string;
  facts: Facts;
  year: number | null;
  kind: Kind | null;
}

export interface CheckOptions extends Pick<CheckInput, 'year' | 'narrative'> {
  /** Last year's disclosure of the same kind (--prior). */
  prior?: OtherBook;
  /** This year's budget, for a 决算 (--budget). */
  budget?: OtherBook;
  /** Put the findings into the workbook (marks and the 检查结果 sheet). */
  mark?: boolean;
  /** The input is a published PDF, not a workbook (for the wording of messages). */
  pdf?: boolean;
}

/** A 检查结果 sheet gongkai wrote (under another name when the user had one): output, not disclosure. */
function isResultsSheet(sheet: Grid): boolean {
  return RESULTS_COLUMNS.every((c, i) => textAt(sheet, 1, i + 1) === c.header);
}

export function checkCommand(grid: WorkbookGrid, res: Resources, file: string, options: CheckOptions = {}): { plan: BookPlan; report: Report } {
  const book = { sheets: grid.sheets.filter((s) => !isResultsSheet(s)) };
  const report = checkWorkbook({ file, grid: book, specs: res.specs, crossRules: res.crossRules, catalogs: res.catalogs, lexicon: res.lexicon, year: options.year, narrative: options.narrative, prior: options.prior?.facts, budget: options.budget?.facts });
  if (report.tables.length === 0) {
    throw new UserError(`${file} 中没有识别出任何公开表（按表名查找，如“一般公共预算支出表”“公开05表”）。请确认这是部门预算或决算公开表的${options.pdf ? ' PDF 文件' : '工作簿'}。`);
  }
  if (options.budget && report.kind !== 'final') {
    throw new UserError(`本年预算工作簿只用于检查决算的“完成年初预算”比例，而 ${file} 是${report.kind === 'budget' ? '预算' : '无法判断是预算还是决算的工作簿'}。`);
  }
  refuseMismatch(report, file, options);
  if (!options.mark) return { plan: emptyPlan(), report };
  return { plan: { ...emptyPlan(), clearMarks: true, marks: marksOf(report), results: resultsSheet(report) }, report };
}

/** The figures of another workbook or PDF (last year's, the year's budget), with the year and kind it is of. */
export function otherBook(file: string, grid: WorkbookGrid, res: Resources, year: number | null = null): OtherBook {
  const { book } = openBook({ grid, specs: res.specs, catalogs: res.catalogs, year });
  return { file, facts: collectFacts(book), year: book.recognition.year ?? year, kind: book.recognition.kind ?? null };
}

/**
 * Last year's file must be last year's disclosure of the same kind, and the budget this year's
 * budget: compared with any other, every year-on-year or 完成预算 figure would be called wrong.
 */
function refuseMismatch(report: Report, file: string, { prior, budget }: CheckOptions): void {
  const kind = report.kind;
  if (prior && kind && prior.kind && prior.kind !== kind) {
    throw new UserError(`上年文件 ${prior.file} 是${KIND_NAMES[prior.kind]}，${file} 是${KIND_NAMES[kind]}：与上年比较须用上年的${KIND_NAMES[kind]}。`);
  }
  if (prior && report.year && prior.year && prior.year !== report.year - 1) {
    throw new UserError(`上年文件 ${prior.file} 是 ${prior.year} 年的，${file} 是 ${report.year} 年的：请给出 ${report.year - 1} 年的${kind ? KIND_NAMES[kind] : '文件'}。`);
  }
  if (budget && budget.kind && budget.kind !== 'budget') throw new UserError(`本年预算文件 ${budget.file} 是${KIND_NAMES[budget.kind]}，不是预算。`);
  if (budget && report.year && budget.year && budget.year !== report.year) {
    throw new UserError(`本年预算文件 ${budget.file} 是 ${budget.year} 年的，${file} 是 ${report.year} 年的决算：请给出 ${report.year} 年的部门预算。`);
  }
}

/** 清除标记: gongkai's marks removed, the cells' own fills and notes put back. */
export function clearCommand(): { plan: BookPlan } {
  return { plan: { ...emptyPlan(), clearMarks: true } };
}
