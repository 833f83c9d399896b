// The file side of every command that writes a workbook: the output checked before any work,
// the input read into a grid, the command's plan patched into a copy of the file (only the parts
// and cells the plan touches change), written atomically.
import type { BookPlan } from '../../core/commands/plan';
import { UserError } from '../../core/errors';
import type { WorkbookGrid } from '../../core/grid';
import { type Applied, patchWorkbook } from '../../adapters/xlsx/patch/apply-plan';
import { readFileBytes, readGrid } from '../../adapters/node/grid-file';
import { inspectXlsx } from '../../adapters/node/inspect';
import { checkOutputPath, type OutputOptions, writeFileAtomic } from '../../adapters/node/output';
import { requireExtension } from '../options';

export interface InputWorkbook {
  file: string;
  bytes: Buffer;
  grid: WorkbookGrid;
}

export async function readWorkbookInput(input: string, output: string, options: OutputOptions): Promise<InputWorkbook> {
  requireExtension(output, ['.xlsx'], '-o');
  checkOutputPath(output, options);
  return openInputWorkbook(input);
}

/** A workbook file read for a command that writes: its bytes (to patch) and its grid. */
export async function openInputWorkbook(input: string): Promise<InputWorkbook> {
  const bytes = readFileBytes(input);
  // every part within the limits before any is inflated for patching
  await inspectXlsx(input, bytes);
  return { file: input, bytes, grid: readGrid(input, bytes) };
}

/** The file's bytes with the plan applied. */
export async function patchedBytes(file: string, bytes: Buffer, plan: BookPlan): Promise<{ bytes: Buffer; applied: Applied }> {
  try {
    return await patchWorkbook(bytes, plan);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`无法写入对 ${file} 的修改：文件的结构无法处理（${(e as Error).message}）。`);
  }
}

export async function writeWorkbookOutput(book: InputWorkbook, plan: BookPlan, output: string, options: OutputOptions): Promise<Applied> {
  let applied: Applied = { restored: 0 };
  await writeFileAtomic(
    output,
    async () => {
      const patched = await patchedBytes(book.file, book.bytes, plan);
      applied = patched.applied;
      return patched.bytes;
    },
    options,
  );
  return applied;
}
