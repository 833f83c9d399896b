// The task pane: the same commands inside Excel (Office.js) and, opened in a plain browser, on a
// dropped .xlsx (exceljs in the page) with the result offered for download. Nothing is uploaded.
// Every text from a workbook is shown as text (textContent), never as markup.
import ExcelJS from 'exceljs';
import { Packer } from 'docx';
import css from './taskpane.css';
import type { Finding, Report } from '../core/check/finding';
import { SEVERITY_NAMES } from '../core/check/finding';
import { UserError } from '../core/errors';
import { renderText } from '../core/narrative/render';
import { readWorkbookGrid } from '../adapters/exceljs/read-grid';
import { planToWorkbook } from '../adapters/exceljs/write-plan';
import { narrativeDocument } from '../adapters/docx/narrative-docx';
import { loadResources } from './resources';
import type { Change } from '../core/edits';
import { runCommand, type CommandRequest, type CommandResult } from '../core/commands/run';
import { applyBookPlan } from '../adapters/exceljs/apply-plan';
import { runInExcel } from '../adapters/office/commands';
import type { RequestContext, SetSupport } from '../adapters/office/excel-api';

interface OfficeLike {
  onReady(cb: (info: { host: string | null }) => void): void;
  context: { requirements: { isSetSupported(name: string, version: string): boolean }; document?: { settings?: { get(k: string): unknown; set(k: string, v: unknown): void; saveAsync(cb?: () => void): void } } };
}
interface ExcelLike {
  run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
}
declare global {
  interface Window {
    Office?: OfficeLike;
    Excel?: ExcelLike;
  }
}

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const res = loadResources();
let inExcel = false;
let file: { name: string; bytes: ArrayBuffer } | null = null;
let lastFindings: Finding[] = [];

/** Messages for Office.js errors, chosen by error.code (never by the localized message). */
const OFFICE_ERRORS: Record<string, string> = {
  ItemNotFound: '找不到要处理的工作表或单元格，可能已被删除或改名。',
  ItemAlreadyExists: '工作簿里已有同名的工作表，请先改名或删除再插入。',
  InvalidArgument: 'Excel 不接受这项操作的参数。',
  InvalidOperation: 'Excel 此时不能执行这项操作（可能正在编辑单元格，请先按回车或 Esc）。',
  AccessDenied: '工作簿或工作表受保护，不能修改。请先撤销保护。',
  InsertDeleteConflict: '插入行与合并单元格或表格冲突，请先取消相关合并。',
  RequestPayloadSizeLimitExceeded: '一次写入的数据太多（Excel 网页版的 5 MB 上限）。',
  GeneralException: 'Excel 报告了一个错误，请重试。',
};

function say(text: string, isError = false): void {
  const status = $('status');
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

function explain(e: unknown): string {
  if (e instanceof UserError) return e.message;
  const code = (e as { code?: string }).code;
  if (code && OFFICE_ERRORS[code]) return OFFICE_ERRORS[code];
  return `出错了：${(e as Error).message ?? String(e)}`;
}

const supports: SetSupport = (name, version) => (window.Office?.context?.requirements?.isSetSupported(name, version) ?? false);

function offer(blob: Blob, name: string): void {
  const a = $<HTMLAnchorElement>('download');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.textContent = `下载：${name}`;
  a.hidden = false;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbookOf(): Promise<ExcelJS.Workbook> {
  if (!file) throw new UserError('请先选择一个 .xlsx 工作簿。');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file.bytes);
  } catch {
    throw new UserError(`无法打开 ${file.name}：不是有效的 .xlsx（旧版 .xls 或 WPS .et 请先另存为 .xlsx）。`);
  }
  return wb;
}

async function download(wb: ExcelJS.Workbook, suffix: string): Promise<void> {
  const base = (file?.name ?? '公开表.xlsx').replace(/\.xlsx$/i, '');
  offer(new Blob([await wb.xlsx.writeBuffer()], { type: XLSX_TYPE }), `${base}-${suffix}.xlsx`);
}

function showChanges(changes: Change[]): void {
  const list = $('results');
  list.replaceChildren(
    ...changes.map((c) => {
      const li = document.createElement('li');
      li.className = c.changed ? 'notice' : 'warning';
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = `${c.sheet}!${c.cell}`;
      li.append(where, document.createTextNode(c.message));
      return li;
    }),
  );
}

function showFindings(report: Report): void {
  lastFindings = report.findings;
  $('filter').hidden = false;
  renderFindings();
}

function renderFindings(): void {
  const shown = new Set([...document.querySelectorAll<HTMLInputElement>('#filter input')].filter((i) => i.checked).map((i) => i.dataset.severity));
  const list = $('results');
  const visible = lastFindings.filter((f) => shown.has(f.severity));
  // grouped by table (sheet), in workbook order
  const groups = [...new Set(visible.map((f) => f.sheet ?? '整个工作簿'))];
  list.replaceChildren(
    ...groups.flatMap((sheet) => {
      const heading = document.createElement('li');
      heading.className = 'group';
      heading.textContent = `${sheet}（${visible.filter((f) => (f.sheet ?? '整个工作簿') === sheet).length} 条）`;
      return [heading, ...visible.filter((f) => (f.sheet ?? '整个工作簿') === sheet).map((f) => findingItem(f))];
    }),
  );
}

function findingItem(f: Finding): HTMLLIElement {
  const li = document.createElement('li');
  li.className = f.severity;
  li.dataset.sheet = f.sheet ?? '';
  li.dataset.cell = f.cell ?? '';
  const where = document.createElement('span');
  where.className = 'where';
  where.textContent = `${SEVERITY_NAMES[f.severity]} ${f.cell ?? ''}`;
  li.append(where, document.createTextNode(f.message));
  li.addEventListener('click', () => void selectCell(f));
  return li;
}

async function selectCell(f: Finding): Promise<void> {
  if (!inExcel || !f.sheet || !f.cell || !window.Excel) return;
  await window.Excel.run(async (ctx) => {
    (ctx.workbook.worksheets.getItem(f.sheet!).getRange(f.cell!) as unknown as { select(): void }).select();
    await ctx.sync();
  }).catch((e) => say(explain(e), true));
}

function templateRequest() {
  const kind = ($<HTMLSelectElement>('kind').value as 'budget' | 'final') ?? 'budget';
  const year = Number($<HTMLInputElement>('year').value);
  const department = $<HTMLInputElement>('department').value.trim() || '（单位名称）';
  const tables = $<HTMLInputElement>('tables').value.split(/[,，\s]+/).filter(Boolean);
  return { kind, year, department, tables: tables.length ? tables : undefined };
}

function show(result: CommandResult): void {
  if (result.report) showFindings(result.report);
  else if (result.changes) showChanges(result.changes);
  else if (result.narrative) $('results').replaceChildren(...renderText(result.narrative).trimEnd().split('\n').map((line) => Object.assign(document.createElement('li'), { textContent: line })));
  else $('results').replaceChildren();
  say([result.summary, ...(result.notes ?? [])].join(' '));
}

function request(cmd: string): CommandRequest {
  if (cmd === 'template') {
    const t = templateRequest();
    return { command: 'template', template: { kind: t.kind, year: t.year, department: t.department, tables: t.tables } };
  }
  if (cmd === 'check') return { command: 'check', mark: true };
  return { command: cmd as 'fill' | 'recalc' | 'clear' | 'narrate' };
}

async function runExcel(cmd: string): Promise<void> {
  const result = await window.Excel!.run((ctx) => runInExcel(ctx, res, supports, window.Office?.context.document?.settings, request(cmd)));
  show(result);
  if (result.narrative) offer(await Packer.toBlob(narrativeDocument(result.narrative)), '情况说明.docx');
}

const SUFFIX: Record<string, string> = { fill: '已填充', recalc: '已重算', check: '检查标记', clear: '清除标记' };

async function runFile(cmd: string): Promise<void> {
  const req = request(cmd);
  if (req.command === 'template') {
    const result = runCommand(req, { sheets: [] }, res, '');
    const { kind, year } = req.template;
    offer(new Blob([await planToWorkbook({ sheets: result.plan.sheets }).xlsx.writeBuffer()], { type: XLSX_TYPE }), `${year}年${kind === 'budget' ? '预算' : '决算'}公开表.xlsx`);
    show(result);
    return;
  }
  const wb = await workbookOf();
  const result = runCommand(req, readWorkbookGrid(wb), res, file!.name);
  const applied = applyBookPlan(wb, result.plan);
  if (req.command === 'clear') result.summary = applied.restored ? `已清除 ${applied.restored} 个单元格的标记。` : '这个工作簿里没有检查标记。';
  show(result);
  // the narrative as a .docx; every other command's result as the workbook
  if (result.narrative) offer(await Packer.toBlob(narrativeDocument(result.narrative)), '情况说明.docx');
  else await download(wb, SUFFIX[cmd]);
  say(`${$('status').textContent} 结果可下载。`);
}

function wire(): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('#commands button')];
  for (const b of buttons) {
    b.addEventListener('click', async () => {
      const cmd = b.dataset.cmd!;
      $('template-form').hidden = cmd !== 'template';
      if (cmd === 'template' && !b.dataset.armed) {
        b.dataset.armed = '1';
        say('填好下面的信息后再点一次“插入模板”。');
        return;
      }
      buttons.forEach((x) => (x.disabled = true));
      say('处理中……');
      try {
        await (inExcel ? runExcel : runFile)(cmd);
      } catch (e) {
        say(explain(e), true);
      } finally {
        buttons.forEach((x) => (x.disabled = false));
        delete b.dataset.armed;
      }
    });
  }
  document.querySelectorAll('#filter input').forEach((i) => i.addEventListener('change', renderFindings));
  const input = $<HTMLInputElement>('file');
  const take = async (f: File | undefined) => {
    if (!f) return;
    file = { name: f.name, bytes: await f.arrayBuffer() };
    $('file-name').textContent = f.name;
    say(`已选择 ${f.name}`);
  };
  input.addEventListener('change', () => void take(input.files?.[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void take(e.dataTransfer?.files?.[0]);
  });
  const cmd = new URLSearchParams(location.search).get('cmd');
  if (cmd === 'template') $('template-form').hidden = false;
}

function start(excel: boolean): void {
  inExcel = excel;
  $('host').textContent = excel ? '在 Excel 中' : '浏览器（不用 Excel）';
  $('file-section').hidden = excel;
  wire();
}

if (window.Office?.onReady) window.Office.onReady((info) => start(info.host === 'Excel'));
else start(false);
