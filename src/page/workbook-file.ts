// The standalone page's commands on a workbook file, without the DOM: the same command layer as
// the CLI and the task pane (runCommand), the file read by the CLI's direct reader with its
// guards (read-workbook.ts) and the plan patched into the file's package as the CLI writes it
// (src/adapters/xlsx/patch: charts, pictures and every part the plan does not touch stay as they
// were); exceljs only builds a new template. What comes out is the changed workbook (the next
// command works on it, as Excel would on the open workbook) and the files to offer for download.
// Nothing leaves the page.
import ExcelJS from 'exceljs';
import { Packer } from 'docx';
import { UserError } from '../core/errors';
import { COMMAND_NAMES, runCommand, type CommandRequest, type CommandResult } from '../core/commands/run';
import { locateFindings } from '../core/pdf-layout/locate';
import type { BookPlan } from '../core/commands/plan';
import type { Resources } from '../core/commands/resources';
import { planToWorkbook } from '../adapters/exceljs/write-plan';
import { type Applied, patchWorkbookBytes } from '../adapters/xlsx/patch/apply-plan';
import { narrativeDocument } from '../adapters/docx/narrative-docx';
import { DOCX_TYPE, type Output, type WorkbookFile, XLSX_TYPE } from './files';
import { fileGrid, isPdfFile } from './file-grid';
import { readWorkbookGrid } from './read-workbook';

export { acceptWorkbook, DOCX_TYPE, MAX_WORKBOOK_BYTES, type Output, type WorkbookFile, XLSX_TYPE } from './files';

/** The file's bytes with the plan applied (the CLI's words when its structure cannot be patched). */
async function patched(file: WorkbookFile, plan: BookPlan): Promise<{ bytes: ArrayBuffer; applied: Applied }> {
  try {
    const { bytes, applied } = await patchWorkbookBytes(new Uint8Array(file.bytes), plan);
    return { bytes: exact(bytes), applied };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`无法写入对 ${file.name} 的修改：文件的结构无法处理（${(e as Error).message}）。`);
  }
}

/** A buffer of exactly these bytes (a view may lie in a larger one). */
const exact = (b: Uint8Array): ArrayBuffer => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : (b.slice().buffer as ArrayBuffer));

const SUFFIX: Record<CommandRequest['command'], string> = { template: '模板', fill: '已填充', recalc: '已重算', check: '检查标记', clear: '清除标记', narrate: '含情况说明' };

async function xlsx(wb: ExcelJS.Workbook): Promise<ArrayBuffer> {
  return exact(new Uint8Array(await wb.xlsx.writeBuffer()));
}

export interface FileRun {
  result: CommandResult;
  /** The workbook after the command, under the name the user gave it (null for a template: a new workbook of its own). */
  workbook: WorkbookFile | null;
  outputs: Output[];
}

/** Last year's workbook or published PDF, read for narrate and check. */
async function withPrior(req: CommandRequest, prior?: WorkbookFile | null): Promise<CommandRequest> {
  if (!prior || (req.command !== 'narrate' && req.command !== 'check')) return req;
  return { ...req, prior: { file: prior.name, label: '上年文件', grid: await fileGrid(prior) } };
}

/** Runs a command on `file` (none for a template); `prior` is last year's workbook or PDF, for narrate and check. */
export async function runOnFile(req: CommandRequest, file: WorkbookFile | null, res: Resources, prior?: WorkbookFile | null): Promise<FileRun> {
  if (req.command === 'template') {
    const result = runCommand(req, { sheets: [] }, res, '');
    const { kind, year } = req.template;
    const bytes = await xlsx(planToWorkbook({ sheets: result.plan.sheets }));
    return { result, workbook: null, outputs: [{ name: `${year}年${kind === 'budget' ? '预算' : '决算'}公开表.xlsx`, type: XLSX_TYPE, blob: new Blob([bytes], { type: XLSX_TYPE }) }] };
  }
  if (!file) throw new UserError('请先选择一个 .xlsx 工作簿。');
  if (isPdfFile(file)) return runOnPdf(await withPrior(req, prior), file, res);
  const grid = await readWorkbookGrid(file.name, file.bytes);
  req = await withPrior(req, prior);
  const result = runCommand(req.command === 'check' ? { ...req, year: req.year ?? yearInName(file.name) } : req, grid, res, file.name);
  const { bytes, applied } = await patched(file, result.plan);
  if (req.command === 'clear') result.summary = applied.restored ? `已清除 ${applied.restored} 个单元格的检查标记，恢复原来的填充色。` : '这个工作簿里没有检查标记。';
  const base = file.name.replace(/\.xlsx$/i, '');
  const outputs: Output[] = [{ name: `${base}-${SUFFIX[req.command]}.xlsx`, type: XLSX_TYPE, blob: new Blob([bytes], { type: XLSX_TYPE }) }];
  if (result.narrative) outputs.unshift({ name: `${base}-情况说明.docx`, type: DOCX_TYPE, blob: new Blob([await Packer.toArrayBuffer(narrativeDocument(result.narrative))], { type: DOCX_TYPE }) });
  return { result, workbook: { name: file.name, bytes }, outputs };
}

/** A year in the file name ("2024年部门决算.xlsx"), for tables that print none (as the CLI takes it). */
function yearInName(name: string): number | null {
  const m = /(20\d\d)/.exec(name);
  return m ? Number(m[1]) : null;
}


/** A published PDF is checked (findings located on its pages); nothing is written. */
async function runOnPdf(req: CommandRequest, file: WorkbookFile, res: Resources): Promise<FileRun> {
  if (req.command !== 'check') throw new UserError(`${file.name} 是 PDF：只能检查。${COMMAND_NAMES[req.command]}需要 .xlsx 工作簿。`);
  // loaded when needed (in Node, pdfjs's browser build is never loaded)
  const { readPdfLayout } = await import('./pdf');
  const layout = await readPdfLayout(file.name, file.bytes);
  const result = runCommand({ ...req, mark: false, pdf: true, year: req.year ?? yearInName(file.name) }, layout.grid, res, file.name);
  locateFindings(result.report!, layout);
  return { result, workbook: file, outputs: [] };
}
