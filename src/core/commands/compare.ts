// 比较: a disclosure workbook and the PDF published from it, recognised the same way and compared
// figure by figure (src/core/compare); the PDF's 情况说明 checked against the workbook's tables.
import { openBook } from '../check/check';
import { compareBooks, type CompareReport, type Locate } from '../compare/compare';
import { narrativeFigures } from '../compare/narrative';
import { UserError } from '../errors';
import type { WorkbookGrid } from '../grid';
import { checkNarrative } from '../narrative/check';
import { collectFacts } from '../narrative/facts';
import { lexiconFor } from '../narrative/lexicon';
import { narrativeParagraphs } from '../narrative/sources';
import { type BookPlan, emptyPlan } from './plan';
import type { Resources } from './resources';

export interface CompareRequest {
  workbook: { file: string; grid: WorkbookGrid };
  pdf: { file: string; grid: WorkbookGrid; locate?: Locate };
  year?: number | null;
}

export function compareCommand(req: CompareRequest, res: Resources): { plan: BookPlan; report: CompareReport } {
  const open = (grid: WorkbookGrid, file: string, what: string) => {
    const { book } = openBook({ grid, specs: res.specs, catalogs: res.catalogs, year: req.year ?? null });
    if (book.recognition.tables.length === 0) {
      throw new UserError(`${file} 中没有识别出任何公开表（按表名查找，如“一般公共预算支出表”“公开05表”）。请确认这是部门预算或决算公开表的${what}。`);
    }
    return book;
  };
  const wb = open(req.workbook.grid, req.workbook.file, '工作簿');
  const pdf = open(req.pdf.grid, req.pdf.file, ' PDF 文件');
  const paragraphs = narrativeParagraphs(req.pdf.grid.sheets);
  const kind = wb.recognition.kind ?? pdf.recognition.kind;
  const findings = paragraphs.length
    ? checkNarrative({ paragraphs, kind, year: wb.recognition.year, facts: collectFacts(wb), lexicon: lexiconFor(res.lexicon, kind) })
    : [];
  const narrative = narrativeFigures(findings, paragraphs, req.workbook.grid);
  const report = compareBooks({ workbook: { file: req.workbook.file, book: wb }, pdf: { file: req.pdf.file, book: pdf, locate: req.pdf.locate }, narrative });
  return { plan: emptyPlan(), report };
}
