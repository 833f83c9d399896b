// gongkai check: recognise the disclosure tables of a workbook and report every inconsistency.
import * as path from 'node:path';
import { checkCommand, otherBook, type OtherBook } from '../../core/commands/check';
import type { Resources } from '../../core/commands/resources';
import { readNarrativeFile } from '../../adapters/node/paragraphs';
import { renderReport } from '../../core/check/render';
import type { Report } from '../../core/check/finding';
import { nodeResources } from '../../adapters/node/templates';
import { readCheckInput } from '../../adapters/node/check-input';
import { locateFindings } from '../../core/pdf-layout/locate';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear, requireExtension } from '../options';

export interface CheckArgs {
  json?: boolean;
  annotate?: string;
  catalog?: string;
  year?: string;
  force?: boolean;
  narrative?: string;
  prior?: string;
  budget?: string;
}

/** A year in the file name ("2024年部门决算.xlsx"), for tables that print none. */
function yearInName(file: string): number | null {
  const m = /(20\d\d)/.exec(path.basename(file));
  return m ? Number(m[1]) : null;
}

/** The files a check reads, besides the workbook: an output may be none of them. */
export function checkInputs(file: string, args: CheckArgs): string[] {
  return [file, args.narrative, args.prior, args.budget, args.catalog].filter((f): f is string => Boolean(f));
}

/** Another workbook or published PDF (last year's, this year's budget) to check stated figures against. */
async function otherFile(file: string, res: Resources): Promise<OtherBook> {
  return otherBook(file, (await readCheckInput(file)).grid, res, yearInName(file));
}

export async function checkFile(file: string, args: CheckArgs): Promise<Report> {
  const year = args.year ? parseYear(args.year) : null;
  if (args.annotate) {
    // a workbook is marked as a workbook, a PDF as a PDF
    requireExtension(args.annotate, path.extname(file).toLowerCase() === '.pdf' ? ['.pdf'] : ['.xlsx'], '--annotate');
    // refused before any work: the annotated copy may not be written over what is read
    checkOutputPath(args.annotate, { force: args.force, inputs: checkInputs(file, args) });
  }
  const { bytes, grid, pdf } = await readCheckInput(file);
  if (args.annotate) requireExtension(args.annotate, pdf ? ['.pdf'] : ['.xlsx'], '--annotate');
  const narrative = args.narrative ? await readNarrativeFile(args.narrative) : undefined;
  const res = nodeResources(args.catalog);
  const prior = args.prior ? await otherFile(args.prior, res) : undefined;
  const budget = args.budget ? await otherFile(args.budget, res) : undefined;
  const { plan, report } = checkCommand(grid, res, file, { year: year ?? yearInName(file), narrative, prior, budget, mark: Boolean(args.annotate), pdf: Boolean(pdf) });
  if (pdf) locateFindings(report, pdf);
  if (pdf && args.annotate) {
    const { annotatedPdf } = await import('../../adapters/pdf/annotate-pdf');
    await writeFileAtomic(args.annotate, async () => Buffer.from(await annotatedPdf(bytes, report.findings, pdf)), { force: args.force, inputs: checkInputs(file, args) });
  } else if (args.annotate) {
    // the annotated copy is the file patched: only the marked cells and gongkai's sheets change
    const { patchedBytes } = await import('./workbook-io');
    const { inspectXlsx } = await import('../../adapters/node/inspect');
    await inspectXlsx(file, bytes);
    await writeFileAtomic(args.annotate, async () => (await patchedBytes(file, bytes, plan)).bytes, { force: args.force, inputs: checkInputs(file, args) });
  }
  return report;
}

export async function runCheck(file: string, args: CheckArgs): Promise<{ text: string; exitCode: number }> {
  const report = await checkFile(file, args);
  const exitCode = report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  const text = args.json ? JSON.stringify(report, null, 2) : renderReport(report) + (args.annotate ? `\n\n已写出带标记的${/\.pdf$/i.test(args.annotate) ? ' PDF' : '工作簿'}：${args.annotate}` : '');
  return { text, exitCode };
}
