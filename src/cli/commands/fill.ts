// gongkai fill: names, parent rows and SUM formulas for every code table of a workbook.
import * as path from 'node:path';
import { describeCatalogs } from '../../core/catalog/catalog';
import { fillCommand } from '../../core/commands/code-tables';
import type { Change } from '../../core/edits';
import { nodeResources } from '../../adapters/node/templates';
import { parseYear } from '../options';
import { readWorkbookInput, writeWorkbookOutput } from './workbook-io';
import type { TableReport } from '../../core/commands/code-tables';

export interface WorkbookCommandArgs {
  output: string;
  sheet?: string;
  catalog?: string;
  year?: string;
  json?: boolean;
  force?: boolean;
}

const TAGS: Record<Change['kind'], string> = {
  rowAdded: '新增', parentMissing: '核对', nameWritten: '名称', nameDiffers: '核对', codeUnknown: '核对', codeUnverified: '核对', codeLocal: '提示', nameUnverified: '核对', codeMalformed: '核对', codeDuplicate: '核对',
  formulaWritten: '公式', valueToFormula: '公式', parentMismatch: '核对', totalWrong: '改正', totalFixed: '改正', amountText: '核对',
};

export function renderReport(title: string, reports: TableReport[]): string {
  const lines = [title];
  for (const r of reports) {
    const changed = r.changes.filter((c) => c.changed).length;
    const flagged = r.changes.length - changed;
    lines.push(`${r.sheet}（${r.title ?? '未命名表'}，${r.range}）：改动 ${changed} 处，需要核对 ${flagged} 处`);
    for (const c of r.changes) lines.push(`  [${TAGS[c.kind]}] ${c.cell} ${c.message}`);
  }
  return lines.join('\n');
}

export async function runFill(input: string, args: WorkbookCommandArgs): Promise<string> {
  const inputs = [input, ...(args.catalog ? [args.catalog] : [])];
  const given = args.year ? parseYear(args.year) : undefined;
  const book = await readWorkbookInput(input, args.output, { force: args.force, inputs });
  const { plan, report } = fillCommand(book.grid, nodeResources(args.catalog), input, { sheet: args.sheet, year: given, catalogGiven: Boolean(args.catalog) });
  await writeWorkbookOutput(book, plan, args.output, { force: args.force, inputs });
  if (args.json) return JSON.stringify({ file: input, output: args.output, year: report.year, tables: report.tables, catalogs: report.catalogs }, null, 2);
  const unverified = report.tables.reduce((n, r) => n + r.changes.filter((c) => c.unverified).length, 0);
  const note = unverified ? `\n其中 ${unverified} 处写入的科目名称本地科目表未核实（已在该处注明），请与本省科目表核对。` : '';
  return renderReport(`科目填充（${report.year}年科目表）：${path.basename(input)} → ${args.output}\n${describeCatalogs(report.catalogs)}`, report.tables) + note;
}
