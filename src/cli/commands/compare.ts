// gongkai compare: a disclosure workbook and its published PDF, figure by figure.
import { compareCommand } from '../../core/commands/compare';
import type { CompareReport } from '../../core/compare/compare';
import { renderCompare } from '../../core/compare/render';
import { UserError } from '../../core/errors';
import { readCheckInput } from '../../adapters/node/check-input';
import { locateCell } from '../../core/pdf-layout/locate';
import { nodeResources } from '../../adapters/node/templates';
import { parseYear } from '../options';

export interface CompareArgs {
  json?: boolean;
  year?: string;
  catalog?: string;
}

export async function compareFiles(workbookFile: string, pdfFile: string, args: CompareArgs): Promise<CompareReport> {
  const year = args.year ? parseYear(args.year) : null;
  const workbook = await readCheckInput(workbookFile);
  if (workbook.pdf) throw new UserError(`${workbookFile} 是 PDF 文件：第一个文件应为公开表工作簿（.xlsx），第二个为公开的 PDF。`);
  const pdf = await readCheckInput(pdfFile);
  if (!pdf.pdf) throw new UserError(`${pdfFile} 不是 PDF 文件：第二个文件应为公开的 PDF，第一个为公开表工作簿（.xlsx）。`);
  const layout = pdf.pdf;
  const locate = (sheet: string, cell: string) => locateCell(layout, sheet, cell);
  return compareCommand({ workbook: { file: workbookFile, grid: workbook.grid }, pdf: { file: pdfFile, grid: pdf.grid, locate }, year }, nodeResources(args.catalog)).report;
}

export async function runCompare(workbookFile: string, pdfFile: string, args: CompareArgs): Promise<{ text: string; exitCode: number }> {
  const report = await compareFiles(workbookFile, pdfFile, args);
  return { text: args.json ? JSON.stringify(report, null, 2) : renderCompare(report), exitCode: report.differences.length ? 1 : 0 };
}
