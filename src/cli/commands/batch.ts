// gongkai check on many workbooks: a pool of worker threads (one per core), a progress bar on a
// terminal (plain lines otherwise), a summary table, --summary as .csv or .xlsx, --json-dir with
// each file's report. A file that cannot be checked is reported and the batch goes on.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { UserError } from '../../core/errors';
import { writeFileAtomic } from '../../adapters/node/output';
import { checkOne, type BatchArgs, type FileSummary } from './batch-one';

const EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.csv']);

/** A checked workbook is garbage as soon as its summary is sent: a roomier young generation lets
 * most of it die there, without being copied into the old one (more would speed the batch a little
 * but take the peak memory of 1,000 files near 400 MB). */
const YOUNG_GENERATION_MB = 48;

/** The files named, and the workbooks under the folders named (recursively, no Office lock files). */
export function collectFiles(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !entry.name.startsWith('~$')) out.push(full);
    }
  };
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new UserError(`找不到 ${input}`);
    if (fs.statSync(input).isDirectory()) walk(input);
    else out.push(input);
  }
  if (out.length === 0) throw new UserError(`在 ${inputs.join('、')} 中没有找到工作簿（.xlsx）。`);
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
  const widths = HEADERS.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function writeSummary(file: string, summaries: FileSummary[], force?: boolean): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') {
    const esc = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const text = '\uFEFF' + [HEADERS, ...summaries.map((s) => [s.file, ...row(s).slice(1)])].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
    await writeFileAtomic(file, text, { force });
  } else if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('检查汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(HEADERS).font = { bold: true };
    for (const s of summaries) {
      const r = row(s);
      ws.addRow([s.file, r[1], r[2], s.year ?? '', s.status === 'failed' ? '' : s.errors, s.status === 'failed' ? '' : s.warnings, s.status === 'failed' ? '' : s.notices, r[7]]);
    }
    [50, 30, 8, 8, 8, 8, 8, 80].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    await writeFileAtomic(file, async () => Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer), { force });
  } else {
    throw new UserError(`--summary 只能写 .csv 或 .xlsx（收到「${file}」）。`);
  }
}

export interface BatchResult {
  text: string;
  exitCode: number;
}

export async function runBatch(inputs: string[], args: BatchArgs & { summary?: string; workers?: string; force?: boolean }, progress: (line: string, tty: boolean) => void): Promise<BatchResult> {
  const files = collectFiles(inputs);
  if (args.jsonDir) fs.mkdirSync(args.jsonDir, { recursive: true });
  const requested = args.workers !== undefined ? Number(args.workers) : os.cpus().length;
  const script = workerScript();
  const poolSize = script ? Math.max(0, Math.min(requested, files.length)) : 0;
  const summaries: FileSummary[] = new Array(files.length);
  const tty = Boolean(process.stderr.isTTY);
  let done = 0;
  const report = (i: number, s: FileSummary) => {
    summaries[i] = s;
    done++;
    const status = s.status === 'failed' ? `无法检查：${s.message}` : `错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.notices}`;
    if (tty) {
      const bar = '█'.repeat(Math.round((done / files.length) * 30)).padEnd(30, '░');
      progress(`\r${bar} ${done}/${files.length} ${clip(path.basename(s.file), 40)}`, true);
    } else {
      progress(`[${done}/${files.length}] ${s.file}：${status}`, false);
    }
  };
  let next = 0;
  if (poolSize === 0) {
    for (; next < files.length; next++) report(next, await checkOne(files[next], args));
  } else {
    await Promise.all(
      Array.from({ length: poolSize }, () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script!, { workerData: args, resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
          let current = -1;
          const feed = () => {
            if (next >= files.length) {
              void worker.terminate();
              resolve();
              return;
            }
            current = next++;
            worker.postMessage(files[current]);
          };
          worker.on('message', (s: FileSummary) => {
            report(current, s);
            feed();
          });
          worker.on('error', (e) => {
            // a file that kills its worker (out of memory…) is reported; the rest go on in a new worker
            report(current, { file: files[current], status: 'failed', message: `处理时出错：${e.message}`, department: null, kind: null, year: null, errors: 0, warnings: 0, notices: 0, firstError: null });
            worker.removeAllListeners();
            runBatchTail().then(resolve, reject);
          });
          feed();
        }),
      ),
    );
  }
  async function runBatchTail(): Promise<void> {
    for (; next < files.length; ) {
      const i = next++;
      report(i, await checkOne(files[i], args));
    }
  }
  if (tty) progress('\n', true);
  if (args.summary) await writeSummary(args.summary, summaries, args.force);
  const failed = summaries.filter((s) => s.status === 'failed').length;
  const withErrors = summaries.filter((s) => s.status === 'ok' && s.errors > 0).length;
  const text = [
    renderTable(summaries),
    '',
    `共 ${files.length} 个文件：${withErrors} 个有错误，${failed} 个无法检查，${files.length - withErrors - failed} 个没有错误。`,
    args.summary ? `汇总表：${args.summary}` : '',
    args.jsonDir ? `每个文件的 JSON 报告：${args.jsonDir}` : '',
  ]
    .filter((l, i, a) => l !== '' || (i > 0 && a[i - 1] !== ''))
    .join('\n');
  return { text, exitCode: failed ? 2 : withErrors ? 1 : 0 };
}
