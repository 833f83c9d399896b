// gongkai narrate: write the 情况说明 from the workbook's tables (and last year's).
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { openBook } from '../../core/check/check';
import { UserError } from '../../core/errors';
import { collectFacts, type Facts } from '../../core/narrative/facts';
import { generateNarrative, type Narrative } from '../../core/narrative/generate';
import { renderMarkdown, renderText } from '../../core/narrative/render';
import { narrativeParagraphs, priorReasons, readSupplement } from '../../core/narrative/sources';
import { narrativeDocx } from '../../adapters/docx/narrative-docx';
import { catalogsForCheck, loadSpecs } from '../../adapters/node/templates';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear } from '../options';
import { openWorkbook, workbookBuffer, type OpenWorkbook } from '../../adapters/node/workbook-file';

export interface NarrateArgs {
  output?: string;
  prior?: string;
  budget?: string;
  year?: string;
  json?: boolean;
  force?: boolean;
}

export const NARRATIVE_SHEET = '情况说明';
const OUTPUT_EXTENSIONS = ['.docx', '.md', '.txt', '.xlsx'];

function analyse(book: OpenWorkbook, year?: number) {
  const { book: b } = openBook({ grid: book.grid, specs: loadSpecs(), catalogs: catalogsForCheck(), year: year ?? null });
  if (b.recognition.tables.length === 0) throw new UserError(`${book.file} 中没有识别出任何公开表，无法生成情况说明。`);
  return b;
}

export async function buildNarrative(input: string, args: NarrateArgs): Promise<{ narrative: Narrative; book: OpenWorkbook; notes: string[] }> {
  const book = await openWorkbook(input);
  const main = analyse(book, args.year ? Number(args.year) : undefined);
  const { kind, department } = main.recognition;
  const year = args.year ? Number(args.year) : main.recognition.year;
  if (!kind) throw new UserError(`无法判断 ${input} 是预算还是决算。`);
  if (!year) throw new UserError(`无法从 ${input} 的表头看出年度，请用 --year 指定。`);
  const notes: string[] = [];
  let prior: Facts | undefined;
  let reasons: Map<string, string> | undefined;
  if (args.prior) {
    const p = await openWorkbook(args.prior);
    const pb = analyse(p);
    prior = collectFacts(pb);
    if (pb.recognition.kind && pb.recognition.kind !== kind) notes.push(`注意：上年工作簿 ${args.prior} 是${pb.recognition.kind === 'budget' ? '预算' : '决算'}，本年是${kind === 'budget' ? '预算' : '决算'}。`);
    if (pb.recognition.year && pb.recognition.year !== year - 1) notes.push(`注意：上年工作簿 ${args.prior} 是 ${pb.recognition.year} 年的，不是 ${year - 1} 年。`);
    if (pb.recognition.department && department && pb.recognition.department !== department) notes.push(`注意：上年工作簿的单位是「${pb.recognition.department}」，本年是「${department}」。`);
    reasons = priorReasons(narrativeParagraphs(p.grid.sheets), prior);
  }
  let budget: Facts | undefined;
  if (args.budget) {
    if (kind !== 'final') throw new UserError('--budget 只用于决算：给出本年度的部门预算工作簿，以计算完成年初预算的比例。');
    const b = await openWorkbook(args.budget);
    budget = collectFacts(analyse(b, year));
  }
  const supplement = readSupplement(book.grid.sheets);
  for (const p of supplement.problems) notes.push(`注意：${p}`);
  const narrative = generateNarrative({ kind, year, department: department ?? '（单位名称）', facts: collectFacts(main), prior, budget, reasons, supplement: supplement.values });
  return { narrative, book, notes };
}

function writeSheet(wb: ExcelJS.Workbook, narrative: Narrative): void {
  const existing = wb.getWorksheet(NARRATIVE_SHEET);
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(NARRATIVE_SHEET);
  ws.getColumn(1).width = 120;
  renderText(narrative)
    .trimEnd()
    .split('\n')
    .forEach((line) => {
      const row = ws.addRow([line]);
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    });
}

export async function runNarrate(input: string, args: NarrateArgs): Promise<string> {
  if (args.year) parseYear(args.year);
  if (!args.output && !args.json) throw new UserError('请用 -o 给出输出文件（.docx、.md、.txt 或 .xlsx），或用 --json 输出到屏幕。');
  const ext = path.extname(args.output ?? '').toLowerCase();
  const inputs = [input, ...(args.prior ? [args.prior] : []), ...(args.budget ? [args.budget] : [])];
  if (args.output) {
    if (!OUTPUT_EXTENSIONS.includes(ext)) throw new UserError(`不支持的输出格式「${ext || '（无扩展名）'}」：请用 ${OUTPUT_EXTENSIONS.join('、')}。`);
    checkOutputPath(args.output, { force: args.force, inputs });
  }
  const { narrative, book, notes } = await buildNarrative(input, args);
  if (!args.output) return JSON.stringify({ kind: narrative.kind, year: narrative.year, sentences: narrative.sentences }, null, 2);
  const content: Record<string, () => Promise<Buffer | string>> = {
    '.md': async () => renderMarkdown(narrative),
    '.txt': async () => renderText(narrative),
    '.docx': () => narrativeDocx(narrative),
    '.xlsx': async () => {
      writeSheet(book.workbook, narrative);
      return workbookBuffer(book.workbook);
    },
  };
  await writeFileAtomic(args.output, content[ext], { force: args.force, inputs });
  const blanks = narrative.sentences.filter((s) => s.text.includes('【请填写')).length;
  return [
    ...notes,
    `已生成 ${narrative.department}${narrative.year}年${narrative.kind === 'budget' ? '部门预算' : '部门决算'}情况说明（${narrative.sentences.length} 段），写入 ${args.output}。`,
    blanks ? `其中 ${blanks} 段留有【请填写…】，需要补充原因或数字。` : '',
    args.json ? JSON.stringify({ kind: narrative.kind, year: narrative.year, sentences: narrative.sentences }, null, 2) : '',
  ]
    .filter(Boolean)
    .join('\n');
}
