// gongkai recalc: recompute every total and parent row from the detail rows.
import * as path from 'node:path';
import type { Edit } from '../../core/edits';
import { planRecalc } from '../../core/recalc';
import { applyEdits } from '../../adapters/exceljs/apply-edits';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { openWorkbook, workbookBuffer } from '../../adapters/node/workbook-file';
import { codeTablesOf, renderReport, type TableReport, type WorkbookCommandArgs } from './fill';
import { append } from '../../core/arrays';

export interface RecalcArgs extends WorkbookCommandArgs {
  formulas?: boolean;
}

export async function runRecalc(input: string, args: RecalcArgs): Promise<string> {
  checkOutputPath(args.output, { force: args.force, inputs: [input] });
  const book = await openWorkbook(input);
  const tables = codeTablesOf(book, args.sheet);
  const edits: Edit[] = [];
  const reports: TableReport[] = [];
  for (const table of tables) {
    const plan = planRecalc(table, { formulas: Boolean(args.formulas) });
    append(edits, plan.edits);
    reports.push({ sheet: table.sheet, title: table.title, range: `第 ${table.bodyRows[0]}–${table.bodyRows[1]} 行`, changes: plan.changes });
  }
  applyEdits(book.workbook, edits);
  await writeFileAtomic(args.output, () => workbookBuffer(book.workbook), { force: args.force, inputs: [input] });
  if (args.json) return JSON.stringify({ file: input, output: args.output, tables: reports }, null, 2);
  const wrong = reports.flatMap((r) => r.changes).filter((c) => c.kind === 'totalWrong' || c.kind === 'totalFixed').length;
  return renderReport(`重算合计：${path.basename(input)} → ${args.output}；发现 ${wrong} 处合计不对`, reports);
}
