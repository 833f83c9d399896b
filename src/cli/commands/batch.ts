// gongkai check on many workbooks: a pool of worker threads (one per core), a progress bar on a
// terminal (plain lines otherwise), a summary table, --summary as .csv or .xlsx, --json-dir with
// each file's report. A file that cannot be checked is reported and the batch goes on.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { UserError } from '../../core/errors';
import { isLockFile } from '../../adapters/node/input-file';
import { checkOutputPath, realInputPath, realOutputPath, refuseInputAsOutput, registerTempForCleanup, tempPathOf, writeFileAtomic } from '../../adapters/node/output';
import { spreadsheetText, terminalText } from '../escape';
import { parseTimeout, parseWorkers, parseYear } from '../options';
import { BATCH_FILE_TIMEOUT_S } from '../../core/limits';
import { runPool } from './batch-pool';
import { checkOne, jsonNames, type BatchArgs, type BatchJob, type FileSummary } from './batch-one';
import { maxOf } from '../../core/arrays';

const EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.csv', '.pdf']);

/** A checked workbook is garbage as soon as its summary is sent: a roomier young generation lets
 * most of it die there, without being copied into the old one (more would speed the batch a little
 * but take the peak memory of 1,000 files near 400 MB). */
const YOUNG_GENERATION_MB = 48;

/** Whether a path leads to a folder (false for a broken link or a link loop: checking it will say why). */
function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export interface CollectedFiles {
  files: string[];
  /** Excel's owner-lock files ("~$….xlsx") found in the folders, not checked. */
  lockFiles: string[];
  /** Files of the folders that are this run's outputs (the --summary file), not checked. */
  outputs: string[];
}

/**
 * The files named, and the workbooks under the folders named (recursively), each once (by its real
 * path); Excel's lock files and this run's own outputs in the folders are left out and listed.
 */
export function collectFiles(inputs: string[], ownOutputs: string[] = []): CollectedFiles {
  const out: CollectedFiles = { files: [], lockFiles: [], outputs: [] };
  const seen = new Set<string>();
  const outputs = new Set(ownOutputs.map(realOutputPath));
  const walk = (dir: string, visited: Set<string>) => {
    const real = realInputPath(dir);
    if (visited.has(real)) return; // a link back to a folder above
    const inside = new Set(visited).add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
      if (isDir) walk(full, inside);
      else if (!EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      else if (isLockFile(entry.name)) out.lockFiles.push(full);
      else if (outputs.has(realInputPath(full))) out.outputs.push(full);
      else add(full);
    }
  };
  const add = (file: string) => {
    const real = realInputPath(file);
    if (seen.has(real)) return;
    seen.add(real);
    out.files.push(file);
  };
  for (const input of inputs) {
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) throw new UserError(`找不到 ${input}`);
    if (stat.isDirectory()) walk(input, new Set());
    else add(input);
  }
  if (out.files.length === 0) throw new UserError(`在 ${inputs.join('、')} 中没有找到工作簿（.xlsx）或 PDF。`);
  return out;
}

/** The worker script next to this module once built; null when running from source. */
function workerScript(): string | null {
  const js = path.join(__dirname, 'batch-worker.js');
  return fs.existsSync(js) ? js : null;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const clip = (s: string, n: number) => {
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > n - 1) return `${out}…`;
    out += ch;
  }
  return out;
};

const HEADERS = ['文件', '单位', '类型', '年度', '错误', '警告', '提示', '第一个错误'];

function row(s: FileSummary): string[] {
  return [
    path.basename(s.file),
    s.department ?? '',
    s.kind === 'budget' ? '预算' : s.kind === 'final' ? '决算' : '',
    s.year ? String(s.year) : '',
    s.status === 'failed' ? '—' : String(s.errors),
    s.status === 'failed' ? '—' : String(s.warnings),
    s.status === 'failed' ? '—' : String(s.notices),
    s.status === 'failed' ? `无法检查：${s.message}` : s.firstError ?? '',
  ];
}

export function renderTable(summaries: FileSummary[]): string {
  const rows = summaries.map((s) => row(s).map((c, i) => (i === 0 ? clip(c, 28) : i === 1 ? clip(c, 20) : i === 7 ? clip(c, 60) : c)));
  const widths = HEADERS.map((h, i) => Math.max(width(h), maxOf(rows.map((r) => width(r[i])), 0)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The text cells of a summary row: file names, unit names and messages come from the workbooks, never to be read as formulas. */
function summaryTexts(s: FileSummary): { file: string; department: string; first: string } {
  const r = row(s);
  return { file: spreadsheetText(s.file), department: spreadsheetText(r[1]), first: spreadsheetText(r[7]) };
}

/** The summary as CSV (with a BOM, so Excel reads it as UTF-8). */
export function summaryCsv(summaries: FileSummary[]): string {
  const esc = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const rows = summaries.map((s) => {
    const t = summaryTexts(s);
    return [t.file, t.department, ...row(s).slice(2, 7), t.first];
  });
  return '\uFEFF' + [HEADERS, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}

/** The summary as a workbook: counts as numbers, text cells as text. */
export function summaryWorkbook(summaries: FileSummary[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(HEADERS).font = { bold: true };
  for (const s of summaries) {
    const t = summaryTexts(s);
    ws.addRow([t.file, t.department, row(s)[2], s.year ?? '', s.status === 'failed' ? '' : s.errors, s.status === 'failed' ? '' : s.warnings, s.status === 'failed' ? '' : s.notices, t.first]);
  }
  [50, 30, 8, 8, 8, 8, 8, 80].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return wb;
}

async function writeSummary(file: string, summaries: FileSummary[], options: { force?: boolean; inputs: string[] }): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') {
    await writeFileAtomic(file, summaryCsv(summaries), options);
  } else if (ext === '.xlsx') {
    const wb = summaryWorkbook(summaries);
    await writeFileAtomic(file, async () => Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer), options);
  } else {
    throw new UserError(`--summary 只能写 .csv 或 .xlsx（收到「${file}」）。`);
  }
}

/** The JSON report of a file that could not be checked: why, and no findings to mistake for a clean file. */
async function writeFailureReport(json: string, s: FileSummary, inputs: string[]): Promise<void> {
  await writeFileAtomic(json, JSON.stringify({ file: s.file, checked: false, message: s.message }, null, 2), { force: true, inputs });
}

export interface BatchResult {
  text: string;
  exitCode: number;
}

export interface BatchOptions extends BatchArgs {
  summary?: string;
  workers?: string;
  /** Seconds one file may take (worker threads only: a check in this thread cannot be ended). */
  timeout?: string;
  force?: boolean;
  /** Options of a single-file check: refused in a batch rather than silently ignored. */
  json?: boolean;
  annotate?: string;
  narrative?: string;
  prior?: string;
  budget?: string;
}

const SINGLE_FILE_OPTIONS: [keyof BatchOptions, string][] = [
  ['annotate', '--annotate'],
  ['narrative', '--narrative'],
  ['prior', '--prior'],
  ['budget', '--budget'],
  ['json', '--json'],
];

const failure = (file: string, message: string): FileSummary => ({ file, status: 'failed', message, department: null, kind: null, year: null, errors: 0, warnings: 0, notices: 0, firstError: null });

export async function runBatch(inputs: string[], options: BatchOptions, progress: (line: string, tty: boolean) => void): Promise<BatchResult> {
  for (const [key, flag] of SINGLE_FILE_OPTIONS) {
    if (options[key]) throw new UserError(`${flag} 只用于检查单个文件；批量检查时请用 --summary 或 --json-dir。`);
  }
  if (options.year) parseYear(options.year);
  const requested = options.workers !== undefined ? parseWorkers(options.workers) : os.cpus().length;
  const timeoutS = options.timeout !== undefined ? parseTimeout(options.timeout) : BATCH_FILE_TIMEOUT_S;
  if (options.summary && !['.csv', '.xlsx'].includes(path.extname(options.summary).toLowerCase())) {
    throw new UserError(`--summary 只能写 .csv 或 .xlsx（收到「${options.summary}」）。`);
  }
  const { files, lockFiles, outputs } = collectFiles(inputs, options.summary ? [options.summary] : []);
  const read = [...files, ...(options.catalog ? [options.catalog] : [])];
  // every output is checked against every input before the first file is read
  if (options.summary) checkOutputPath(options.summary, { force: options.force, inputs: read });
  let jsonFiles: string[] = [];
  if (options.jsonDir) {
    fs.mkdirSync(options.jsonDir, { recursive: true });
    jsonFiles = jsonNames(options.jsonDir, files, options.force);
    for (const json of jsonFiles) refuseInputAsOutput(json, read);
    if (options.summary) refuseInputAsOutput(options.summary, jsonFiles);
  }
  const args: BatchArgs = { jsonDir: options.jsonDir, catalog: options.catalog, year: options.year, inputs: read };
  const jobs: BatchJob[] = files.map((file, i) => ({ file, json: jsonFiles[i] }));
  // a worker's report half-written when it is ended (time limit, Ctrl+C) is removed by this thread
  const workerTemps = jsonFiles.map((json) => tempPathOf(path.resolve(json)));
  const forget = workerTemps.map(registerTempForCleanup);
  const script = workerScript();
  const poolSize = script ? Math.min(requested, files.length) : 0;
  const summaries: FileSummary[] = new Array(files.length);
  const tty = Boolean(process.stderr.isTTY);
  let done = 0;
  const report = (i: number, s: FileSummary) => {
    summaries[i] = s;
    done++;
    const status = s.status === 'failed' ? `无法检查：${s.message}` : `错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notices}`;
    if (tty) {
      const bar = '█'.repeat(Math.round((done / files.length) * 30)).padEnd(30, '░');
      progress(`\r${bar} ${done}/${files.length} ${terminalText(clip(path.basename(s.file), 40))}`, true);
    } else {
      progress(terminalText(`[${done}/${files.length}] ${s.file}：${status}`), false);
    }
  };
  let next = 0;
  const take = () => (next < files.length ? next++ : null);
  async function runRest(): Promise<void> {
    for (let i = take(); i !== null; i = take()) report(i, await checkOne(jobs[i], args));
  }
  if (poolSize === 0) {
    await runRest();
  } else {
    await runPool(jobs, {
      script: script!,
      size: poolSize,
      workerData: args,
      resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      timeoutMs: timeoutS * 1000,
      take,
      done: report,
      failed: (i, message) => failure(files[i], message),
      inThread: runRest,
    });
  }
  for (const temp of workerTemps) fs.rmSync(temp, { force: true });
  for (const f of forget) f();
  // a file the workers could not check has a report saying so, like every other file
  await Promise.all(summaries.map((s, i) => (s?.status === 'failed' && jobs[i].json ? writeFailureReport(jobs[i].json!, s, read) : undefined)));
  if (tty) progress('\n', true);
  const unchecked = summaries.reduce((n, s) => n + (s ? 0 : 1), 0);
  if (unchecked > 0) throw new Error(`${unchecked} files of the batch were never checked`);
  if (options.summary) await writeSummary(options.summary, summaries, { force: options.force, inputs: read });
  const failed = summaries.filter((s) => s.status === 'failed').length;
  const withErrors = summaries.filter((s) => s.status === 'ok' && s.errors > 0).length;
  const clean = summaries.filter((s) => s.status === 'ok' && s.errors === 0).length;
  const notices = [
    lockFiles.length ? `已跳过 ${lockFiles.length} 个 Excel 临时锁定文件（~$ 开头，不是工作簿）：${lockFiles.map((f) => path.basename(f)).join('、')}` : '',
    outputs.length ? `已跳过本次的汇总表输出文件：${outputs.join('、')}` : '',
  ].filter(Boolean);
  const text = [
    renderTable(summaries),
    '',
    ...notices,
    `共 ${files.length} 个文件：${withErrors} 个有错误，${failed} 个无法检查，${clean} 个没有错误。`,
    options.summary ? `汇总表：${options.summary}` : '',
    options.jsonDir ? `每个文件的 JSON 报告：${options.jsonDir}` : '',
  ]
    .filter((l, i, a) => l !== '' || (i > 0 && a[i - 1] !== ''))
    .join('\n');
  return { text, exitCode: failed ? 2 : withErrors ? 1 : 0 };
}
