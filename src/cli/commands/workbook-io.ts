// The file side of every command that writes a workbook: the output checked before any work,
// the input read into a grid, the command's plan applied to the file's model, written atomically.
import type { BookPlan } from '../../core/commands/plan';
import { applyBookPlan, type Applied } from '../../adapters/exceljs/apply-plan';
import { checkOutputPath, type OutputOptions, writeFileAtomic } from '../../adapters/node/output';
import { openWorkbook, workbookBuffer, type OpenWorkbook } from '../../adapters/node/workbook-file';
import { requireExtension } from '../options';

export async function readWorkbookInput(input: string, output: string, options: OutputOptions): Promise<OpenWorkbook> {
  requireExtension(output, ['.xlsx'], '-o');
  checkOutputPath(output, options);
  return openWorkbook(input);
}

export async function writeWorkbookOutput(book: OpenWorkbook, plan: BookPlan, output: string, options: OutputOptions): Promise<Applied> {
  const applied = applyBookPlan(book.workbook, plan);
  await writeFileAtomic(output, () => workbookBuffer(book.workbook), options);
  return applied;
}
