// gongkai recalc: recompute every total and parent row from the detail rows.
import * as path from 'node:path';
import { recalcCommand } from '../../core/commands/code-tables';
import { nodeResources } from '../../adapters/node/templates';
import { renderReport, type WorkbookCommandArgs } from './fill';
import { readWorkbookInput, writeWorkbookOutput } from './workbook-io';

export interface RecalcArgs extends WorkbookCommandArgs {
  formulas?: boolean;
}

export async function runRecalc(input: string, args: RecalcArgs): Promise<string> {
  const io = { force: args.force, inputs: [input] };
  const book = await readWorkbookInput(input, args.output, io);
  const { plan, report } = recalcCommand(book.grid, nodeResources(), input, { sheet: args.sheet, formulas: Boolean(args.formulas) });
  await writeWorkbookOutput(book, plan, args.output, io);
  if (args.json) return JSON.stringify({ file: input, output: args.output, tables: report.tables }, null, 2);
  const wrong = report.tables.flatMap((r) => r.changes).filter((c) => c.kind === 'totalWrong' || c.kind === 'totalFixed').length;
  return renderReport(`重算合计：${path.basename(input)} → ${args.output}；发现 ${wrong} 处合计不对`, report.tables);
}
