// The standalone page's commands on a workbook file, without the DOM: the same command layer as
// the CLI and the task pane (runCommand), applied by exceljs (applyBookPlan); what comes out is
// the changed workbook (the next command works on it, as Excel would on the open workbook) and
// the files to offer for download. Nothing leaves the page.
import ExcelJS from 'exceljs';
import { Packer } from 'docx';
import { UserError } from '../core/errors';
import { runCommand, type CommandRequest, type CommandResult } from '../core/commands/run';
import type { Resources } from '../core/commands/resources';
import { readWorkbookGrid } from '../adapters/exceljs/read-grid';
import { planToWorkbook } from '../adapters/exceljs/write-plan';
import { applyBookPlan } from '../adapters/exceljs/apply-plan';
import { narrativeDocument } from '../adapters/docx/narrative-docx';

/** Largest workbook read (the CLI's limit, src/adapters/node/input-file.ts). */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface WorkbookFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface Output {
  name: string;
  type: string;
  blob: Blob;
}

/** Refuses what is not a workbook the page can read, before a byte of it is read. */
export function acceptWorkbook(name: string, size: number): void {
  if (name.startsWith('~$')) throw new UserError(`${name} 是 Excel 或 WPS 打开工作簿时生成的临时锁定文件（以 ~$ 开头），不是工作簿。请选择原工作簿。`);
  if (!/\.xlsx$/i.test(name)) throw new UserError(`${name} 不是 .xlsx 工作簿（旧版 .xls 或 WPS .et 请先另存为 .xlsx）。`);
  if (size > MAX_WORKBOOK_BYTES) throw new UserError(`${name} 太大（${(size / 1024 / 1024).toFixed(0)} MB），工作簿不能超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB。`);
}

export async function loadWorkbook(file: WorkbookFile): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.bytes);
  } catch {
    throw new UserError(`无法打开 ${file.name}：不是有效的 .xlsx（旧版 .xls 或 WPS .et 请先另存为 .xlsx）。`);
  }
  return wb;
}

const SUFFIX: Record<CommandRequest['command'], string> = { template: '模板', fill: '已填充', recalc: '已重算', check: '检查标记', clear: '清除标记', narrate: '含情况说明' };

async function xlsx(wb: ExcelJS.Workbook): Promise<ArrayBuffer> {
  // a copy of exactly its bytes (a Node Buffer may be a view into a larger pool)
  return new Uint8Array(await wb.xlsx.writeBuffer()).buffer;
}

export interface FileRun {
  result: CommandResult;
  /** The workbook after the command, under the name the user gave it (null for a template: a new workbook of its own). */
  workbook: WorkbookFile | null;
  outputs: Output[];
}

/** Runs a command on `file` (none for a template); `prior` is last year's workbook, for narrate. */
export async function runOnFile(req: CommandRequest, file: WorkbookFile | null, res: Resources, prior?: WorkbookFile | null): Promise<FileRun> {
  if (req.command === 'template') {
    const result = runCommand(req, { sheets: [] }, res, '');
    const { kind, year } = req.template;
    const bytes = await xlsx(planToWorkbook({ sheets: result.plan.sheets }));
    return { result, workbook: null, outputs: [{ name: `${year}年${kind === 'budget' ? '预算' : '决算'}公开表.xlsx`, type: XLSX_TYPE, blob: new Blob([bytes], { type: XLSX_TYPE }) }] };
  }
  if (!file) throw new UserError('请先选择一个 .xlsx 工作簿。');
  const wb = await loadWorkbook(file);
  if (req.command === 'narrate' && prior) req = { ...req, prior: { file: prior.name, label: '上年工作簿', grid: readWorkbookGrid(await loadWorkbook(prior)) } };
  const result = runCommand(req, readWorkbookGrid(wb), res, file.name);
  const applied = applyBookPlan(wb, result.plan);
  if (req.command === 'clear') result.summary = applied.restored ? `已清除 ${applied.restored} 个单元格的检查标记，恢复原来的填充色。` : '这个工作簿里没有检查标记。';
  const bytes = await xlsx(wb);
  const base = file.name.replace(/\.xlsx$/i, '');
  const outputs: Output[] = [{ name: `${base}-${SUFFIX[req.command]}.xlsx`, type: XLSX_TYPE, blob: new Blob([bytes], { type: XLSX_TYPE }) }];
  if (result.narrative) outputs.unshift({ name: `${base}-情况说明.docx`, type: DOCX_TYPE, blob: new Blob([await Packer.toArrayBuffer(narrativeDocument(result.narrative))], { type: DOCX_TYPE }) });
  return { result, workbook: { name: file.name, bytes }, outputs };
}
