// gongkai clear: remove gongkai's check marks from a workbook.
import { clearAnnotations } from '../../adapters/exceljs/annotate';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { openWorkbook, workbookBuffer } from '../../adapters/node/workbook-file';

export async function runClear(file: string, args: { output: string; force?: boolean }): Promise<string> {
  checkOutputPath(args.output, { force: args.force, inputs: [file] });
  const book = await openWorkbook(file);
  const restored = clearAnnotations(book.workbook);
  await writeFileAtomic(args.output, () => workbookBuffer(book.workbook), { force: args.force, inputs: [file] });
  return restored > 0 ? `已清除 ${restored} 个单元格的检查标记，恢复原来的格式，写入 ${args.output}` : `${file} 中没有检查标记；原样写入 ${args.output}`;
}
