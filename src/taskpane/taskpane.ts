// The task pane: the same commands inside Excel (Office.js) and, opened in a plain browser, on a
// dropped .xlsx (exceljs in the page) with the result offered for download. Nothing is uploaded.
// Every text from a workbook is shown as text (textContent), never as markup.
import ExcelJS from 'exceljs';
import { Packer } from 'docx';
import css from './taskpane.css';
import { checkWorkbook, openBook } from '../core/check/check';
import type { Finding, Report } from '../core/check/finding';
import { SEVERITY_NAMES } from '../core/check/finding';
import type { Change, Edit } from '../core/edits';
import { UserError } from '../core/errors';
import { planFill } from '../core/fill';
import { collectFacts } from '../core/narrative/facts';
import { generateNarrative } from '../core/narrative/generate';
import { renderText } from '../core/narrative/render';
import { planRecalc } from '../core/recalc';
import { findCodeTables } from '../core/recognize/code-table';
import { detectYear } from '../core/recognize/year';
import { buildWorkbook } from '../core/plan/workbook';
import { selectSpecs } from '../core/spec/parse';
import { annotateWorkbook, clearAnnotations } from '../adapters/exceljs/annotate';
import { applyEdits as applyEditsFile } from '../adapters/exceljs/apply-edits';
import { readWorkbookGrid } from '../adapters/exceljs/read-grid';
import { planToWorkbook } from '../adapters/exceljs/write-plan';
import { narrativeDocument } from '../adapters/docx/narrative-docx';
import { checkOpenWorkbook, fillOrRecalc, insertTemplate, narrateInto } from '../adapters/office/commands';
import { clearMarks } from '../adapters/office/adapter';
import type { RequestContext, SetSupport } from '../adapters/office/excel-api';
import { loadResources } from './resources';
import { append } from '../core/arrays';

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

const SETTINGS_KEY = 'gongkai.originals';

const excelCommands: Record<string, () => Promise<void>> = {
  template: async () => {
    const names = await window.Excel!.run((ctx) => insertTemplate(ctx, res, templateRequest(), supports));
    say(`已插入 ${names.length} 张表：${names.join('、')}`);
  },
  fill: async () => {
    const changes = await window.Excel!.run((ctx) => fillOrRecalc(ctx, res, 'fill', supports));
    showChanges(changes);
    say(`填充完成：改动 ${changes.filter((c) => c.changed).length} 处，需要核对 ${changes.filter((c) => !c.changed).length} 处。`);
  },
  recalc: async () => {
    const changes = await window.Excel!.run((ctx) => fillOrRecalc(ctx, res, 'recalc', supports));
    showChanges(changes);
    say(`重算完成：${changes.filter((c) => c.kind === 'totalWrong').length} 处合计不对，已改为公式。`);
  },
  narrate: async () => {
    const narrative = await window.Excel!.run((ctx) => narrateInto(ctx, res));
    say('已写入“情况说明”工作表。');
    offer(await Packer.toBlob(narrativeDocument(narrative)), '情况说明.docx');
  },
  check: async () => {
    const { report, originals } = await window.Excel!.run((ctx) => checkOpenWorkbook(ctx, res, supports, true));
    const settings = window.Office?.context.document?.settings;
    settings?.set(SETTINGS_KEY, JSON.stringify(originals));
    settings?.saveAsync();
    showFindings(report);
    say(`检查完成：错误 ${report.findings.filter((f) => f.severity === 'error').length} 处，警告 ${report.findings.filter((f) => f.severity === 'warning').length} 处。`);
  },
  clear: async () => {
    const settings = window.Office?.context.document?.settings;
    const originals = JSON.parse(String(settings?.get(SETTINGS_KEY) ?? '[]'));
    await window.Excel!.run((ctx) => clearMarks(ctx, originals));
    settings?.set(SETTINGS_KEY, '[]');
    settings?.saveAsync();
    $('results').replaceChildren();
    say('已清除检查标记。');
  },
};

const fileCommands: Record<string, () => Promise<void>> = {
  template: async () => {
    const req = templateRequest();
    const classes = res.catalogs(req.year).function?.classes() ?? [];
    const plan = buildWorkbook({ specs: selectSpecs(res.specs, req.kind, req.tables), department: req.department, year: req.year, classes });
    offer(new Blob([await planToWorkbook(plan).xlsx.writeBuffer()], { type: XLSX_TYPE }), `${req.year}年${req.kind === 'budget' ? '预算' : '决算'}公开表.xlsx`);
    say(`已生成 ${plan.sheets.length} 张表，请下载。`);
  },
  fill: async () => fileEdits('fill'),
  recalc: async () => fileEdits('recalc'),
  narrate: async () => {
    const wb = await workbookOf();
    const { book } = openBook({ grid: readWorkbookGrid(wb), specs: res.specs, catalogs: res.catalogs, year: null });
    const { kind, year, department } = book.recognition;
    if (!kind || !year) throw new UserError('无法从工作簿看出是哪一年的预算或决算。');
    const narrative = generateNarrative({ kind, year, department: department ?? '（单位名称）', facts: collectFacts(book) });
    const text = renderText(narrative);
    offer(await Packer.toBlob(narrativeDocument(narrative)), '情况说明.docx');
    $('results').replaceChildren(...text.trimEnd().split('\n').map((line) => Object.assign(document.createElement('li'), { textContent: line })));
    say('已生成情况说明，请下载 .docx。');
  },
  check: async () => {
    const wb = await workbookOf();
    const report = checkWorkbook({ file: file!.name, grid: readWorkbookGrid(wb), specs: res.specs, crossRules: res.crossRules, catalogs: res.catalogs, lexicon: res.lexicon });
    if (report.tables.length === 0) throw new UserError(`${file!.name} 中没有识别出公开表。`);
    showFindings(report);
    annotateWorkbook(wb, report);
    await download(wb, '检查标记');
    say(`检查完成：错误 ${report.findings.filter((f) => f.severity === 'error').length} 处，警告 ${report.findings.filter((f) => f.severity === 'warning').length} 处。带标记的工作簿可下载。`);
  },
  clear: async () => {
    const wb = await workbookOf();
    const n = clearAnnotations(wb);
    await download(wb, '清除标记');
    say(n ? `已清除 ${n} 个单元格的标记。` : '这个工作簿里没有检查标记。');
  },
};

async function fileEdits(what: 'fill' | 'recalc'): Promise<void> {
  const wb = await workbookOf();
  const grid = readWorkbookGrid(wb);
  const catalogs = res.catalogs(detectYear(grid));
  const tables = grid.sheets.flatMap((s) => findCodeTables(s, res.specs));
  if (tables.length === 0) throw new UserError('没有找到科目编码表。');
  const changes: Change[] = [];
  const edits: Edit[] = [];
  for (const t of tables) {
    const catalog = t.classification === 'economic' ? catalogs['economic-dept'] : catalogs.function;
    const plan = what === 'fill' ? (catalog ? planFill(t, catalog) : { edits: [], changes: [] }) : planRecalc(t, { formulas: true });
    append(edits, plan.edits);
    append(changes, plan.changes);
  }
  applyEditsFile(wb, edits);
  showChanges(changes);
  await download(wb, what === 'fill' ? '已填充' : '已重算');
  say(`${what === 'fill' ? '填充' : '重算'}完成：改动 ${changes.filter((c) => c.changed).length} 处，需要核对 ${changes.filter((c) => !c.changed).length} 处。结果可下载。`);
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
        await (inExcel ? excelCommands : fileCommands)[cmd]();
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
