// The standalone page for people without Excel (WPS users): a dropped .xlsx, every command run in
// the page's worker by the same command layer (with a time limit, so no file freezes the tab),
// the result offered for download. Loads no Office.js and asks nothing of any other origin;
// workbook text is shown as text.
import { UserError } from '../core/errors';
import { $, installStyle, offer, request, say, show, wireCommands, commandFromUrl, explain, type CommandName } from '../taskpane/view';
import { runInWorker, TIME_LIMIT_SECONDS } from './worker-client';
import { acceptCatalog, acceptWorkbook, type WorkbookFile } from './files';

installStyle();
/** Seconds a command may take: ?limit= (for tests), else the default. */
const limit = Number(new URLSearchParams(location.search).get('limit')) || TIME_LIMIT_SECONDS;
let current: WorkbookFile | null = null;
let prior: WorkbookFile | null = null;
let catalog: WorkbookFile | null = null;

async function run(cmd: CommandName): Promise<void> {
  const req = request(cmd);
  if (req.command !== 'template' && !current) throw new UserError('请先选择一个 .xlsx 工作簿。');
  const { result, workbook, outputs } = await runInWorker({ req, file: current, prior, catalog }, limit);
  if (workbook) current = workbook;
  show(result);
  offer(outputs);
  if (outputs.length) say(`${$('status').textContent} 结果可下载。`);
}

/** Takes a chosen file (size and kind checked before it is read); null when refused. */
async function take(f: File | undefined, pdf = false): Promise<WorkbookFile | null> {
  if (!f) return null;
  try {
    acceptWorkbook(f.name, f.size, pdf);
    return { name: f.name, bytes: await f.arrayBuffer() };
  } catch (e) {
    say(explain(e), true);
    return null;
  }
}

async function choose(f: File | undefined): Promise<void> {
  const file = await take(f, true);
  if (!file) return;
  current = file;
  $('file-name').textContent = file.name;
  offer([]);
  $('results').replaceChildren();
  say(`已选择 ${file.name}`);
}

wireCommands(run);
const input = $<HTMLInputElement>('file');
input.addEventListener('change', () => void choose(input.files?.[0]));
const priorInput = $<HTMLInputElement>('prior');
priorInput.addEventListener('change', async () => {
  prior = await take(priorInput.files?.[0], true);
  if (prior) say(`上年文件：${prior.name}`);
});
const catalogInput = $<HTMLInputElement>('catalog');
catalogInput.addEventListener('change', async () => {
  const f = catalogInput.files?.[0];
  catalog = null;
  if (!f) return say('不用导入的科目表，用内置科目表。');
  try {
    acceptCatalog(f.name, f.size);
    const chosen = { name: f.name, bytes: await f.arrayBuffer() };
    // read and validated in the worker now, so a wrong file is named before any command
    const { result } = await runInWorker({ req: null, file: null, prior: null, catalog: chosen }, limit);
    catalog = chosen;
    say(result.summary);
  } catch (e) {
    catalogInput.value = '';
    say(explain(e), true);
  }
});
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void choose(e.dataTransfer?.files?.[0]);
});
if (commandFromUrl() === 'template') $('template-form').hidden = false;
