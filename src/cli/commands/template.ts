// gongkai template: one workbook with a sheet per standard table, live formulas for every total.
import { ZodError } from 'zod';
import { UserError } from '../../core/errors';
import { Ledger } from '../../core/ledger';
import { templateCommand } from '../../core/commands/template';
import type { BookPlan } from '../../core/commands/plan';
import { describeIssues } from '../../core/spec/schema';
import { KIND_NAMES, type Kind } from '../../core/spec/parse';
import { nodeResources } from '../../adapters/node/templates';
import { planToBuffer } from '../../adapters/exceljs/write-plan';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear, requireExtension } from '../options';
import { readInputFile } from '../../adapters/node/input-file';
import { MAX_JSON_BYTES, MAX_LEDGER_ROWS, MAX_LISTED_ISSUES } from '../../core/limits';
import { capIssues, checkJsonBounds } from '../../core/json-bounds';

export interface TemplateArgs {
  kind: string;
  year?: string;
  unit?: string;
  tables?: string;
  options?: string;
  data?: string;
  output: string;
  force?: boolean;
}

export function readLedger(file: string): Ledger {
  const text = readInputFile(file, { maxBytes: MAX_JSON_BYTES, what: '明细数据' }).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`无法读取明细数据 ${file}：${(e as Error).message}`);
  }
  checkJsonBounds(json, file, '明细数据', [['items', MAX_LEDGER_ROWS], ['economic', MAX_LEDGER_ROWS], ['names', MAX_LEDGER_ROWS]]);
  try {
    return Ledger.parse(json);
  } catch (e) {
    if (e instanceof ZodError) throw new UserError(`明细数据 ${file} 有误：\n` + capIssues(describeIssues(e), MAX_LISTED_ISSUES).map((l) => `  ${l}`).join('\n'));
    throw e;
  }
}

function parseKind(kind: string): Kind {
  if (kind === 'budget' || kind === 'final') return kind;
  throw new UserError(`未知的 --kind「${kind}」：预算请用 budget，决算请用 final。`);
}

export function planTemplate(args: TemplateArgs): { plan: BookPlan; summary: string } {
  const kind = parseKind(args.kind);
  const ledger = args.data ? readLedger(args.data) : undefined;
  if (ledger && ledger.kind !== kind) throw new UserError(`明细数据 ${args.data} 是${KIND_NAMES[ledger.kind]}数据，与 --kind ${kind} 不符。`);
  const year = args.year ? parseYear(args.year) : ledger?.year ?? parseYear(args.year);
  if (ledger && ledger.year !== year) throw new UserError(`明细数据 ${args.data} 是 ${ledger.year} 年的，与 --year ${year} 不符。`);
  const department = args.unit ?? ledger?.department;
  if (!department) throw new UserError('请用 --unit 给出单位名称。');
  const list = (text?: string) => text?.split(/[,，\s]+/).filter(Boolean);
  const { plan, report } = templateCommand(nodeResources(), { kind, year, department, tables: list(args.tables), options: list(args.options), ledger });
  const summary = [`${department} ${year}年${KIND_NAMES[kind]}公开表，共 ${report.sheets.length} 张：`, ...report.sheets.map((s) => `  ${s}`)].join('\n');
  return { plan, summary };
}

export async function runTemplate(args: TemplateArgs): Promise<string> {
  requireExtension(args.output, ['.xlsx'], '-o');
  const io = { force: args.force, inputs: args.data ? [args.data] : [] };
  checkOutputPath(args.output, io);
  const { plan, summary } = planTemplate(args);
  await writeFileAtomic(args.output, () => planToBuffer({ sheets: plan.sheets }), io);
  return `${summary}\n已写入 ${args.output}`;
}
