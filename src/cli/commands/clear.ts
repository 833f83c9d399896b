// gongkai clear: remove gongkai's check marks from a workbook.
import { clearCommand } from '../../core/commands/check';
import { readWorkbookInput, writeWorkbookOutput } from './workbook-io';

export async function runClear(file: string, args: { output: string; force?: boolean }): Promise<string> {
  const io = { force: args.force, inputs: [file] };
  const book = await readWorkbookInput(file, args.output, io);
  const { restored } = await writeWorkbookOutput(book, clearCommand().plan, args.output, io);
  return restored > 0 ? `已清除 ${restored} 个单元格的检查标记，恢复原来的格式，写入 ${args.output}` : `${file} 中没有检查标记；原样写入 ${args.output}`;
}
