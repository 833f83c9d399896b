// gongkai template: one workbook with a sheet per standard table, live formulas for every total.
import { ZodError } from 'zod';
import { UserError } from '../../core/errors';
import { Ledger, ledgerToTables, unsplitBasic } from '../../core/ledger';
import { buildWorkbook } from '../../core/plan/workbook';
import { describeIssues } from '../../core/spec/schema';
import { KIND_NAMES, type Kind, selectSpecs } from '../../core/spec/parse';
import type { WorkbookPlan } from '../../core/plan/types';
import { loadCatalog, loadSpecs } from '../../adapters/node/templates';
import { planToBuffer } from '../../adapters/exceljs/write-plan';
import { checkOutputPath, writeFileAtomic } from '../../adapters/node/output';
import { parseYear, requireExtension } from '../options';
import { MAX_DOCUMENT_BYTES, readInputFile } from '../../adapters/node/input-file';

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
  const text = readInputFile(file, { maxBytes: MAX_DOCUMENT_BYTES, what: '明细数据' }).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`无法读取明细数据 ${file}：${(e as Error).message}`);
  }
  try {
    return Ledger.parse(json);
  } catch (e) {
    if (e instanceof ZodError) throw new UserError(`明细数据 ${file} 有误：\n` + describeIssues(e).map((l) => `  ${l}`).join('\n'));
    throw e;
  }
}

function parseKind(kind: string): Kind {
  if (kind === 'budget' || kind === 'final') return kind;
  throw new UserError(`未知的 --kind「${kind}」：预算请用 budget，决算请用 final。`);
}

export function planTemplate(args: TemplateArgs): { plan: WorkbookPlan; summary: string } {
  const kind = parseKind(args.kind);
  const ledger = args.data ? readLedger(args.data) : undefined;
  if (ledger && ledger.kind !== kind) throw new UserError(`明细数据 ${args.data} 是${KIND_NAMES[ledger.kind]}数据，与 --kind ${kind} 不符。`);
  const year = args.year ? parseYear(args.year) : ledger?.year ?? parseYear(args.year);
  if (ledger && ledger.year !== year) throw new UserError(`明细数据 ${args.data} 是 ${ledger.year} 年的，与 --year ${year} 不符。`);
  const department = args.unit ?? ledger?.department;
  if (!department) throw new UserError('请用 --unit 给出单位名称。');
  const specs = selectSpecs(loadSpecs(), kind, args.tables?.split(/[,，\s]+/).filter(Boolean));
  const classes = loadCatalog('function', year).classes();
  const declared = new Set(specs.flatMap((s) => s.options.map((o) => o.key)));
  const options: Record<string, boolean> = {};
  for (const raw of args.options?.split(/[,，\s]+/).filter(Boolean) ?? []) {
    const off = raw.startsWith('no-');
    const key = off ? raw.slice(3) : raw;
    if (!declared.has(key)) throw new UserError(`未知的选项「${raw}」。所选表支持：${[...declared].join('、') || '（无）'}`);
    options[key] = !off;
  }
  const unsplit = ledger && options.splitBasic ? unsplitBasic(ledger) : [];
  if (unsplit.length > 0) {
    const list = unsplit.slice(0, 5).map((i) => `${i.code} ${ledger!.names[i.code] ?? ''}`.trim()).join('、');
    throw new UserError(
      `选项 splitBasic 要把基本支出分列为人员经费和公用经费，但明细数据 ${args.data} 中有 ${unsplit.length} 个一般公共预算项目只给了基本支出合计（${list}${unsplit.length > 5 ? ' 等' : ''}）。请在这些项目上补上 personnel（人员经费）和 public（公用经费），或不用 splitBasic。`,
    );
  }
  const plan = buildWorkbook({ specs, department, year, classes, options, data: ledger ? ledgerToTables(ledger) : undefined });
  const summary = [
    `${department} ${year}年${KIND_NAMES[kind]}公开表，共 ${plan.sheets.length} 张：`,
    ...plan.sheets.map((s) => `  ${s.name}`),
  ].join('\n');
  return { plan, summary };
}

export async function runTemplate(args: TemplateArgs): Promise<string> {
  requireExtension(args.output, ['.xlsx'], '-o');
  checkOutputPath(args.output, { force: args.force, inputs: args.data ? [args.data] : [] });
  const { plan, summary } = planTemplate(args);
  await writeFileAtomic(args.output, () => planToBuffer(plan), { force: args.force, inputs: args.data ? [args.data] : [] });
  return `${summary}\n已写入 ${args.output}`;
}
