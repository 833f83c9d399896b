// The task pane inside Excel: Office.js (loaded by a <script> tag in the page's <head>, before
// this bundle) says which host opened it; in Excel every command runs on the open workbook. A
// ribbon button opens the pane with ?cmd=: that command runs (插入模板 shows its form first).
// Opened anywhere else the pane says so and links to the standalone page (page.html).
import { Packer } from 'docx';
import type { Finding } from '../core/check/finding';
import { narrativeDocument } from '../adapters/docx/narrative-docx';
import { runInExcel } from '../adapters/office/commands';
import type { RequestContext, SetSupport } from '../adapters/office/excel-api';
import { loadResources } from './resources';
import { describeUserCatalog, readUserCatalog } from './user-catalog';
import { acceptCatalog, acceptWorkbook } from '../page/files';
import { fileGrid } from '../page/file-grid';
import type { NamedGrid } from '../core/commands/narrate';
import { $, commandFromUrl, explain, installStyle, offer, request, say, show, wireCommands, type CommandName } from './view';

type SettingsLike = Parameters<typeof runInExcel>[3];
interface OfficeLike {
  onReady(cb?: (info: { host: string | null; platform?: string | null }) => void): unknown;
  context?: { requirements?: { isSetSupported(name: string, version: string): boolean }; document?: { settings?: SettingsLike } };
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

const HOST_NAMES: Record<string, string> = { Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook', OneNote: 'OneNote', Project: 'Project', Access: 'Access' };

installStyle();
let res = loadResources();

const supports: SetSupport = (name, version) => window.Office?.context?.requirements?.isSetSupported(name, version) ?? false;

async function selectCell(f: Finding): Promise<void> {
  if (!f.sheet || !f.cell || !window.Excel) return;
  await window.Excel.run(async (ctx) => {
    (ctx.workbook.worksheets.getItem(f.sheet!).getRange(f.cell!) as unknown as { select(): void }).select();
    await ctx.sync();
  }).catch((e) => say(explain(e, OFFICE_ERRORS), true));
}

/** Last year's workbook or published PDF chosen in the pane, for check and narrate. */
let prior: NamedGrid | undefined;

async function run(cmd: CommandName): Promise<void> {
  let req = request(cmd);
  if (prior && (req.command === 'check' || req.command === 'narrate')) req = { ...req, prior };
  const result = await window.Excel!.run((ctx) => runInExcel(ctx, res, supports, window.Office?.context?.document?.settings, req));
  show(result, (f) => void selectCell(f));
  offer(result.narrative ? [{ blob: await Packer.toBlob(narrativeDocument(result.narrative)), name: '情况说明.docx' }] : []);
}

/** The province's catalog chosen in the pane replaces the built-in one (none chosen: the built-in). */
async function chooseCatalog(input: HTMLInputElement): Promise<void> {
  const f = input.files?.[0];
  res = loadResources();
  if (!f) return say('不用导入的科目表，用内置科目表。');
  try {
    acceptCatalog(f.name, f.size);
    const user = await readUserCatalog(f.name, await f.arrayBuffer());
    res = loadResources(user);
    say(describeUserCatalog(user));
  } catch (e) {
    input.value = '';
    say(explain(e), true);
  }
}

async function choosePrior(input: HTMLInputElement): Promise<void> {
  const f = input.files?.[0];
  prior = undefined;
  if (!f) return say('不与上年比较。');
  try {
    acceptWorkbook(f.name, f.size, true);
    prior = { file: f.name, label: '上年文件', grid: await fileGrid({ name: f.name, bytes: await f.arrayBuffer() }) };
    say(`上年文件：${f.name}`);
  } catch (e) {
    input.value = '';
    say(explain(e), true);
  }
}

function inExcel(): void {
  $('host').textContent = '在 Excel 中';
  $('commands').hidden = false;
  $('catalog-box').hidden = false;
  $('prior-box').hidden = false;
  $('year-box').hidden = false;
  const priorInput = $<HTMLInputElement>('prior');
  priorInput.addEventListener('change', () => void choosePrior(priorInput));
  const catalog = $<HTMLInputElement>('catalog');
  catalog.addEventListener('change', () => void chooseCatalog(catalog));
  const press = wireCommands(run, OFFICE_ERRORS);
  const cmd = commandFromUrl();
  if (cmd) void press(cmd);
}

/** Not in Excel: no host at all (a plain browser), another Office host, or no Office.js. */
function outside(host: string | null, loaded: boolean): void {
  $('host').textContent = '不在 Excel 中';
  $('outside').hidden = false;
  $('outside-why').textContent = !loaded
    ? '没有加载到 Office.js（Office 加载项的运行库），各项功能无法在 Excel 中使用。若这是在 Excel 里打开的，请检查能否访问 Office.js 的地址，或请信息部门改用离线构建（见帮助）。'
    : host
      ? `本加载项只用于 Excel，当前是在 ${HOST_NAMES[host] ?? host} 中打开的。`
      : '本页面现在运行在 Excel 之外（在普通浏览器中打开），不能处理工作簿。';
}

// In an old webview (Trident, EdgeHTML) taskpane.html has said so already; this bundle does not even parse there.
const legacyWebview = document.documentElement.classList.contains('legacy-webview');
if (!legacyWebview) {
  if (window.Office?.onReady) void window.Office.onReady((info) => (info?.host === 'Excel' ? inExcel() : outside(info?.host ?? null, true)));
  else outside(null, false);
}
