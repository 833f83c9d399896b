// 生成说明: the 情况说明 from the workbook's tables, its 补充信息 sheet and, when given, last
// year's workbook (figures and the reasons its narrative gave) and this year's budget (决算).
import { openBook } from '../check/check';
import type { Book } from '../check/book';
import { UserError } from '../errors';
import type { WorkbookGrid } from '../grid';
import { collectFacts, type Facts } from '../narrative/facts';
import { generateNarrative, type Narrative } from '../narrative/generate';
import { renderText } from '../narrative/render';
import { narrativeParagraphs, priorReasons, procurementValues, readSupplement } from '../narrative/sources';
import { lexiconFor } from '../narrative/lexicon';
import { readProjectList } from '../sheet-lists';
import { KIND_NAMES } from '../spec/parse';
import { type BookPlan, emptyPlan, type TextSheet } from './plan';
import type { Resources } from './resources';

export const NARRATIVE_SHEET = '情况说明';
/** Characters across an A4 portrait page (宋体 11, 2 cm margins). */
export const NARRATIVE_WIDTH = 88;

export interface NamedGrid {
  file: string;
  /** How the user gave it, for messages ("--budget"). */
  label?: string;
  grid: WorkbookGrid;
}

export interface NarrateOptions {
  year?: number;
  /** Last year's workbook. */
  prior?: NamedGrid;
  /** This year's budget, for a 决算's 完成年初预算 percentages. */
  budget?: NamedGrid;
}

export interface NarrateReport {
  narrative: Narrative;
  /** Things the user should know (a prior year of another kind, a bad 补充信息 value…). */
  notes: string[];
}

function analyse(input: NamedGrid, res: Resources, year: number | null): Book {
  const { book } = openBook({ grid: input.grid, specs: res.specs, catalogs: res.catalogs, year });
  if (book.recognition.tables.length === 0) throw new UserError(`${input.file} 中没有识别出任何公开表，无法生成情况说明。`);
  return book;
}

/** The number of projects of the workbook's project list (项目支出明细表 …), if it has one. */
function projectCount(book: Book): { count: number } | undefined {
  for (const s of book.recognition.sheets.filter((x) => x.kind === 'projects')) {
    const grid = book.grids.get(s.sheet);
    const list = grid ? readProjectList(grid) : null;
    if (list) return { count: list.projects.length };
  }
  return undefined;
}

export function narrativeSheet(narrative: Narrative): TextSheet {
  return { name: NARRATIVE_SHEET, lines: renderText(narrative).trimEnd().split('\n'), width: NARRATIVE_WIDTH, print: { paper: 'A4', orientation: 'portrait' } };
}

export function narrateCommand(main: NamedGrid, res: Resources, options: NarrateOptions = {}): { plan: BookPlan; report: NarrateReport } {
  const book = analyse(main, res, options.year ?? null);
  const { kind, department } = book.recognition;
  const year = options.year ?? book.recognition.year;
  if (!kind) throw new UserError(`无法判断 ${main.file} 是预算还是决算。`);
  if (!year) throw new UserError(`无法从 ${main.file} 的表头看出年度，请给出年度。`);
  const notes: string[] = [];
  let prior: Facts | undefined;
  let reasons: Map<string, string> | undefined;
  if (options.prior) {
    const pb = analyse(options.prior, res, null);
    const p = pb.recognition;
    prior = collectFacts(pb);
    const name = options.prior.file;
    if (p.kind && p.kind !== kind) notes.push(`注意：上年工作簿 ${name} 是${KIND_NAMES[p.kind]}，本年是${KIND_NAMES[kind]}。`);
    if (p.year && p.year !== year - 1) notes.push(`注意：上年工作簿 ${name} 是 ${p.year} 年的，不是 ${year - 1} 年。`);
    if (p.department && department && p.department !== department) notes.push(`注意：上年工作簿的单位是「${p.department}」，本年是「${department}」。`);
    reasons = priorReasons(narrativeParagraphs(options.prior.grid.sheets), prior, { lexicon: lexiconFor(res.lexicon, p.kind ?? kind), kind: p.kind ?? kind });
  }
  let budget: Facts | undefined;
  if (options.budget) {
    if (kind !== 'final') throw new UserError(`${options.budget.label ?? '本年预算工作簿'} 只用于决算：给出本年度的部门预算工作簿，以计算完成年初预算的比例。`);
    budget = collectFacts(analyse(options.budget, res, year));
  }
  const supplement = readSupplement(main.grid.sheets);
  for (const p of supplement.problems) notes.push(`注意：${p}`);
  procurementValues(main.grid.sheets, supplement.values);
  const projects = projectCount(book);
  const narrative = generateNarrative({ kind, year, department: department ?? '（单位名称）', facts: collectFacts(book), prior, budget, reasons, supplement: supplement.values, projects });
  return { plan: { ...emptyPlan(), text: narrativeSheet(narrative) }, report: { narrative, notes } };
}
