// gongkai check: recognise the disclosure tables of a workbook and report every inconsistency.
import * as path from 'node:path';
import { openBook } from '../../core/check/check';
import { checkCommand } from '../../core/commands/check';
import { collectFacts, type Facts } from '../../core/narrative/facts';
import { readNarrativeFile } from '../../adapters/node/paragraphs';
import { renderReport } from '../../core/check/render';
import type { Report } from '../../core/check/finding';
import { catalogsForCheck, loadSpecs, nodeResources } from '../../adapters/node/templates';
import { readFileBytes, readGrid, readGridFile } from '../../adapters/node/grid-file';
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

export async function checkFile(file: string, args: CheckArgs): Promise<Report> {
  const year = args.year ? parseYear(args.year) : null;
  if (args.annotate) {
    requireExtension(args.annotate, ['.xlsx'], '--annotate');
    // refused before any work: the annotated copy may not be written over what is read
    checkOutputPath(args.annotate, { force: args.force, inputs: checkInputs(file, args) });
  }
  const bytes = readFileBytes(file);
  const grid = readGrid(file, bytes);
  const narrative = args.narrative ? await readNarrativeFile(args.narrative) : undefined;
  let prior: Facts | undefined;
  if (args.prior) {
    prior = collectFacts(openBook({ grid: readGridFile(args.prior), specs: loadSpecs(), catalogs: catalogsForCheck(), year: null }).book);
  }
  const budget = args.budget ? collectFacts(openBook({ grid: readGridFile(args.budget), specs: loadSpecs(), catalogs: catalogsForCheck(), year: null }).book) : undefined;
  const { plan, report } = checkCommand(grid, nodeResources(args.catalog), file, { year: year ?? yearInName(file), narrative, prior, budget, mark: Boolean(args.annotate) });
  if (args.annotate) {
    // the exceljs model is loaded only to write the annotated copy (a batch never needs it)
    const { loadWorkbookModel, workbookBuffer } = await import('../../adapters/node/workbook-file');
    const { applyBookPlan } = await import('../../adapters/exceljs/apply-plan');
    const workbook = await loadWorkbookModel(file, bytes);
    applyBookPlan(workbook, plan);
    await writeFileAtomic(args.annotate, () => workbookBuffer(workbook), { force: args.force, inputs: checkInputs(file, args) });
  }
  return report;
}

export async function runCheck(file: string, args: CheckArgs): Promise<{ text: string; exitCode: number }> {
  const report = await checkFile(file, args);
  const exitCode = report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  const text = args.json ? JSON.stringify(report, null, 2) : renderReport(report) + (args.annotate ? `\n\n已写出带标记的工作簿：${args.annotate}` : '');
  return { text, exitCode };
}
