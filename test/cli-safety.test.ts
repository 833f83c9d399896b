// Never "no errors" without checking, never a user's file lost, never a hang: option values
// refused before any work, no output over any input (links resolved), lock files and our own
// outputs left out of a batch, unique JSON report names, escaped outputs, file-system conditions
// worded in Chinese, non-regular and oversized files refused.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import { readWorkbook } from './helpers/workbook';
import { summaryCsv, summaryWorkbook } from '../src/cli/commands/batch';
import type { FileSummary } from '../src/cli/commands/batch-one';
import { spreadsheetText, terminalJson, terminalText } from '../src/cli/escape';
import { append, maxOf } from '../src/core/arrays';
import { escapeMarkdown, renderMarkdown } from '../src/core/narrative/render';
import type { Narrative } from '../src/core/narrative/generate';
import { registerTempForCleanup, removePendingTemps } from '../src/adapters/node/output';

jest.setTimeout(60_000);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-safety-'));
const bin = path.join(__dirname, '..', 'bin', 'gongkai.js');
let sample = '';
let n = 0;

/** A fresh folder under the test's root. */
const folder = (): string => {
  const dir = path.join(root, `t${++n}`);
  fs.mkdirSync(dir);
  return dir;
};
/** A copy of the sample workbook at dir/name. */
const workbook = (dir: string, name = '预算.xlsx'): string => {
  const file = path.join(dir, name);
  fs.copyFileSync(sample, file);
  return file;
};

beforeAll(async () => {
  sample = path.join(root, 'sample.xlsx');
  await (await sampleWorkbook('budget-2025')).xlsx.writeFile(sample);
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('option values are refused before any work', () => {
  it.each([['abc'], ['0.5'], ['0'], ['-1'], ['1e3']])('check 文件夹 --workers %s: exit 2, nothing checked', async (workers) => {
    const dir = folder();
    workbook(dir, 'a.xlsx');
    workbook(dir, 'b.xlsx');
    const r = await run(['check', dir, '--workers', workers]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--workers 应为 1–256 之间的整数/);
    expect(r.out).not.toContain('没有错误');
  });

  it.each([
    [['narrate', 'X', '--year', '99999', '--json']],
    [['narrate', 'X', '--year', '1999', '--json']],
    [['check', 'X', '--year', '20x5']],
    [['fill', 'X', '--year', '2101', '-o', 'OUT']],
    [['codes', '201', '--year', '99999']],
    [['template', '--kind', 'budget', '--year', '3000', '--unit', 'x', '-o', 'OUT']],
    [['catalog', 'import', 'X', '--year', '0', '-o', 'OUT.json']],
  ])('%j: the year is refused, exit 2', async (args) => {
    const dir = folder();
    const input = workbook(dir);
    const r = await run(args.map((a) => (a === 'X' ? input : a === 'OUT' ? path.join(dir, 'out.xlsx') : a === 'OUT.json' ? path.join(dir, 'out.json') : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--year 应为 2000–2100 之间的四位年份/);
    expect(fs.readdirSync(dir)).toEqual(['预算.xlsx']);
  });

  it.each([
    [['fill', 'X', '-o', 'out.txt'], /-o 的文件应以 \.xlsx 结尾/],
    [['recalc', 'X', '-o', 'out'], /-o 的文件应以 \.xlsx 结尾/],
    [['clear', 'X', '-o', 'out.xls'], /-o 的文件应以 \.xlsx 结尾/],
    [['check', 'X', '--annotate', 'out.csv'], /--annotate 的文件应以 \.xlsx、\.pdf 结尾/],
    [['check', 'X', '--summary', 'out.txt'], /--summary 的文件应以 \.csv、\.xlsx 结尾/],
    [['narrate', 'X', '-o', 'out.pdf'], /不支持的输出格式「\.pdf」/],
    [['catalog', 'import', 'X', '--year', '2025', '-o', 'out.xlsx'], /-o 的文件应以 \.json 结尾/],
  ])('%j: the output name is refused, nothing written', async (args, message) => {
    const dir = folder();
    const input = workbook(dir);
    const r = await run((args as string[]).map((a) => (a === 'X' ? input : a.startsWith('out') ? path.join(dir, a) : a)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(fs.readdirSync(dir)).toEqual(['预算.xlsx']);
  });

  it('single-file options in a batch are refused, not ignored', async () => {
    const dir = folder();
    workbook(dir);
    const r = await run(['check', dir, '--annotate', path.join(dir, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--annotate 只用于检查单个文件/);
    expect(fs.readdirSync(dir)).toEqual(['预算.xlsx']);
  });
});

describe('no output is ever an input, even with --force', () => {
  const unchanged = (file: string) => expect(fs.readFileSync(file).equals(fs.readFileSync(sample))).toBe(true);

  it('--summary over an input workbook', async () => {
    const dir = folder();
    const a = workbook(dir, 'a.xlsx');
    const b = workbook(dir, 'b.xlsx');
    const r = await run(['check', a, b, '--summary', a, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/与输入文件 .*a\.xlsx 是同一个文件/);
    unchanged(a);
  });

  it('--annotate over the --prior workbook', async () => {
    const dir = folder();
    const file = workbook(dir);
    const prior = workbook(dir, '上年.xlsx');
    const r = await run(['check', file, '--prior', prior, '--annotate', prior, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/与输入文件 .*上年\.xlsx 是同一个文件/);
    unchanged(prior);
  });

  it('--annotate over the --narrative and --catalog files (whatever their names)', async () => {
    const dir = folder();
    const file = workbook(dir);
    const narrative = path.join(dir, '说明.txt');
    fs.writeFileSync(narrative, '情况说明');
    const link = path.join(dir, '说明.xlsx');
    fs.symlinkSync(narrative, link);
    const r = await run(['check', file, '--narrative', narrative, '--annotate', link, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/是同一个文件/);
    expect(fs.readFileSync(narrative, 'utf8')).toBe('情况说明');
    const catalog = path.join(dir, '科目表.xlsx');
    fs.writeFileSync(catalog, '{}');
    const c = await run(['check', file, '--catalog', catalog, '--annotate', catalog, '--force']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/与输入文件 .*科目表\.xlsx 是同一个文件/);
    expect(fs.readFileSync(catalog, 'utf8')).toBe('{}');
  });

  it('fill -o over the --catalog file', async () => {
    const dir = folder();
    const file = workbook(dir);
    const catalog = path.join(dir, 'catalog.xlsx');
    fs.writeFileSync(catalog, '{"not":"read"}');
    const r = await run(['fill', file, '--catalog', catalog, '-o', catalog, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/是同一个文件/);
    expect(fs.readFileSync(catalog, 'utf8')).toBe('{"not":"read"}');
  });

  it('an input reached through a linked folder', async () => {
    const dir = folder();
    const real = path.join(dir, 'real');
    fs.mkdirSync(real);
    const file = workbook(real);
    fs.symlinkSync(real, path.join(dir, 'link'));
    for (const args of [
      ['check', path.join(dir, 'link', '预算.xlsx'), '--annotate', file, '--force'],
      ['recalc', file, '-o', path.join(dir, 'link', '预算.xlsx'), '--force'],
      ['narrate', path.join(dir, 'link', '预算.xlsx'), '-o', file, '--force'],
    ]) {
      const r = await run(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(/是同一个文件/);
    }
    unchanged(file);
  });
});

describe('a batch leaves out lock files and its own outputs', () => {
  it('skips ~$ lock files in a folder and says so', async () => {
    const dir = folder();
    workbook(dir);
    fs.writeFileSync(path.join(dir, '~$预算.xlsx'), 'lock');
    const r = await run(['check', dir]);
    expect(r.out).toContain('已跳过 1 个 Excel 临时锁定文件');
    expect(r.out).toContain('~$预算.xlsx');
    expect(r.out).toContain('共 1 个文件');
  });

  it('refuses a lock file given directly', async () => {
    const dir = folder();
    const lock = path.join(dir, '~$预算.xlsx');
    fs.writeFileSync(lock, 'lock');
    const r = await run(['check', lock]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(lock);
    expect(r.err).toMatch(/临时锁定文件.*不是工作簿/);
  });

  it('does not read the --summary it writes into the folder on the next run', async () => {
    const dir = folder();
    workbook(dir);
    const summary = path.join(dir, '汇总.csv');
    const first = await run(['check', dir, '--summary', summary]);
    expect(first.out).toContain('共 1 个文件');
    const second = await run(['check', dir, '--summary', summary, '--force']);
    expect(second.out).toContain('共 1 个文件');
    expect(second.out).toContain('已跳过本次的汇总表输出文件');
    expect(second.code).toBe(first.code);
  });
});

describe('--json-dir: one report per file, never overwritten', () => {
  it('two folders holding the same file name give two reports (in-process)', async () => {
    const dir = folder();
    for (const sub of ['甲', '乙']) {
      fs.mkdirSync(path.join(dir, sub));
      workbook(path.join(dir, sub));
    }
    const out = path.join(dir, 'json');
    const r = await run(['check', path.join(dir, '甲'), path.join(dir, '乙'), '--json-dir', out]);
    expect(r.out).toContain('共 2 个文件');
    expect(fs.readdirSync(out).sort()).toEqual(['预算(2).json', '预算.json']);
    const files = fs.readdirSync(out).map((f) => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).file);
    expect(files.sort()).toEqual([path.join(dir, '乙', '预算.xlsx'), path.join(dir, '甲', '预算.xlsx')].sort());
  });

  it('with worker threads too (the built command)', () => {
    const dir = folder();
    for (const sub of ['a', 'b', 'c']) {
      fs.mkdirSync(path.join(dir, sub));
      workbook(path.join(dir, sub));
    }
    const out = path.join(dir, 'json');
    const r = spawnSync('node', [bin, 'check', dir, '--json-dir', out, '--workers', '2'], { encoding: 'utf8', timeout: 50_000 });
    expect(r.stdout).toContain('共 3 个文件');
    expect(fs.readdirSync(out).sort()).toEqual(['预算(2).json', '预算(3).json', '预算.json']);
    const files = new Set(fs.readdirSync(out).map((f) => JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).file));
    expect(files.size).toBe(3);
  });
});

describe('outputs escape what they carry', () => {
  const summary = (over: Partial<FileSummary>): FileSummary => ({ file: 'a.xlsx', status: 'ok', department: '示例局', kind: 'budget', year: 2025, errors: 3, warnings: 0, notices: 1, firstError: null, ...over });

  it('formula-like text cells of the CSV and xlsx summaries get an apostrophe; numbers do not', async () => {
    const rows = [summary({ file: '=HYPERLINK("http://x")', department: '+1', firstError: '@SUM(A1)' }), summary({ file: '-2.xlsx', department: '示例局' })];
    const csv = summaryCsv(rows);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",'+1,预算,2025,3,0,1,'@SUM(A1)`);
    expect(csv).toContain(`'-2.xlsx,示例局,预算,2025,3,0,1,`);
    const buffer = Buffer.from((await summaryWorkbook(rows).xlsx.writeBuffer()) as ArrayBuffer);
    const ws = (await readWorkbook(buffer)).getWorksheet('检查汇总')!;
    expect(ws.getCell('A2').value).toBe(`'=HYPERLINK("http://x")`);
    expect(ws.getCell('B2').value).toBe("'+1");
    expect(ws.getCell('H2').value).toBe("'@SUM(A1)");
    expect(ws.getCell('E2').value).toBe(3);
    expect(spreadsheetText('示例')).toBe('示例');
  });

  it('control and bidi-override characters never reach the terminal', async () => {
    expect(terminalText('a\u001b[31mb\u202ec\u2066d\u0085e\tf\ng\r')).toBe('a[31mbcde\tf\ng');
    const json = JSON.stringify({ text: 'x\u202ey\u009b' });
    expect(terminalJson(json)).toBe('{"text":"x\\u202ey\\u009b"}');
    expect(JSON.parse(terminalJson(json))).toEqual({ text: 'x\u202ey\u009b' });
    // through the command: a file name carrying an escape sequence and a right-to-left override
    const dir = folder();
    fs.writeFileSync(path.join(dir, '坏\u001b[2J\u202e名.xlsx'), 'not a workbook');
    const r = await run(['check', dir]);
    expect(r.out).toContain('坏[2J名.xlsx');
    expect(r.out + r.err).not.toMatch(/[\u001b\u202e]/);
  });

  it('narrate -o x.md escapes Markdown in the text it carries', () => {
    expect(escapeMarkdown('[点我](http://x) *粗* <b>a</b> `c` a|b')).toBe('\\[点我\\](http://x) \\*粗\\* \\<b\\>a\\</b\\> \\`c\\` a\\|b');
    expect(escapeMarkdown('- 项\n1. 项\n# 题')).toBe('\\- 项\n1\\. 项\n\\# 题');
    const narrative = { kind: 'budget', year: 2025, department: '*某*局', sentences: [{ section: '一、说明', text: '原因：<script>x</script>', facts: [] }] } as unknown as Narrative;
    const md = renderMarkdown(narrative);
    expect(md).toContain('# \\*某\\*局2025年部门预算情况说明');
    expect(md).toContain('原因：\\<script\\>x\\</script\\>');
    expect(md).not.toContain('<script>');
  });

  it('serve.js: a malformed URL is a 400, a sibling folder is never served', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serve } = require('../scripts/serve.js') as { serve: (dir: string, port: number) => Promise<import('node:http').Server> };
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'web'));
    fs.mkdirSync(path.join(dir, 'web-evil'));
    fs.writeFileSync(path.join(dir, 'web', 'taskpane.html'), 'pane');
    fs.writeFileSync(path.join(dir, 'web-evil', 'secret.txt'), 'secret');
    const server = await serve(path.join(dir, 'web'), 0);
    try {
      const port = (server.address() as { port: number }).port;
      const get = async (p: string) => {
        const res = await fetch(`http://127.0.0.1:${port}${p}`);
        return { status: res.status, text: await res.text() };
      };
      expect(await get('/')).toEqual({ status: 200, text: 'pane' });
      expect((await get('/%E0%A4%A')).status).toBe(400);
      for (const p of ['/..%2fweb-evil%2fsecret.txt', '/%2e%2e/web-evil/secret.txt', '/..%5cweb-evil%5csecret.txt']) {
        const r = await get(p);
        expect({ p, status: r.status }).toEqual({ p, status: 404 });
        expect(r.text).not.toContain('secret');
      }
      expect((await get('/taskpane.html')).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('large lists do not overflow the stack', () => {
  it('append and maxOf take 300,000 items', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    expect(append([-1], many)).toHaveLength(300_001);
    expect(maxOf(many)).toBe(299_999);
    expect(maxOf([], 0)).toBe(0);
  });
});

describe('file-system conditions: a Chinese message naming the file, exit 2, no hang', () => {
  it('a folder given as a workbook, --narrative or --catalog', async () => {
    const dir = folder();
    const file = workbook(dir);
    const sub = path.join(dir, '说明.txt');
    fs.mkdirSync(sub);
    for (const args of [['fill', sub, '-o', path.join(dir, 'o.xlsx')], ['check', file, '--narrative', sub], ['check', file, '--catalog', sub]]) {
      const r = await run(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain(`${sub} 是目录`);
    }
  });

  it('an output whose folder is a file (ENOTDIR)', async () => {
    const dir = folder();
    const file = workbook(dir);
    const r = await run(['recalc', file, '-o', path.join(file, 'out.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：/);
    expect(r.err).toContain(file);
    expect(r.err).not.toMatch(/内部错误|at /);
  });

  it('--json-dir naming a file (EEXIST)', async () => {
    const dir = folder();
    workbook(dir);
    const notDir = path.join(dir, 'reports');
    fs.writeFileSync(notDir, 'x');
    const r = await run(['check', dir, '--json-dir', notDir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`错误：${notDir}：已存在同名的文件。\n`);
  });

  it('a link loop (ELOOP) and a name too long', async () => {
    const dir = folder();
    const loop = path.join(dir, 'loop.xlsx');
    fs.symlinkSync(loop, loop);
    const r = await run(['check', loop]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(loop);
    expect(r.err).toMatch(/符号链接形成了循环/);
    const long = path.join(dir, `${'长'.repeat(200)}.xlsx`);
    const l = await run(['check', long]);
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/文件名或路径太长/);
    // in a batch, the loop is one file that cannot be checked
    workbook(dir);
    const b = await run(['check', dir]);
    expect(b.code).toBe(2);
    expect(b.out).toMatch(/loop\.xlsx.*无法检查：.*符号链接形成了循环/);
  });

  it('a FIFO named .xlsx is refused, not read (the command does not hang)', () => {
    const dir = folder();
    const fifo = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const r = spawnSync('node', [bin, 'check', fifo], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${fifo} 不是普通文件`);
  });

  it('files over the size caps are refused before they are read', async () => {
    const dir = folder();
    const big = path.join(dir, 'big.xlsx');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 201 * 1024 * 1024); // sparse: costs no disk
    const r = await run(['check', big]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/big\.xlsx 有 201 MB，超过工作簿的上限 200 MB/);
    const file = workbook(dir);
    const narrative = path.join(dir, 'big.txt');
    fs.writeFileSync(narrative, '');
    fs.truncateSync(narrative, 51 * 1024 * 1024);
    const n = await run(['check', file, '--narrative', narrative]);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(/超过情况说明的上限 50 MB/);
  });
});

describe('an interrupted write leaves no temporary file', () => {
  it('removePendingTemps removes what a write has not yet renamed', () => {
    const dir = folder();
    const temp = path.join(dir, '.out.xlsx.1.tmp');
    fs.writeFileSync(temp, 'partial');
    registerTempForCleanup(temp);
    removePendingTemps();
    expect(fs.existsSync(temp)).toBe(false);
  });

  it('Ctrl+C in the command: the pending temporary file removed, exit 130', () => {
    const dir = folder();
    const temp = path.join(dir, '.out.xlsx.tmp');
    const dist = path.join(__dirname, '..', 'dist');
    const script = `
      const fs = require('node:fs');
      const { registerTempForCleanup } = require(${JSON.stringify(path.join(dist, 'adapters', 'node', 'output.js'))});
      const { handleSignals } = require(${JSON.stringify(path.join(dist, 'cli', 'main.js'))});
      handleSignals();
      fs.writeFileSync(${JSON.stringify(temp)}, 'partial');
      registerTempForCleanup(${JSON.stringify(temp)});
      setTimeout(() => process.kill(process.pid, 'SIGINT'), 10);
      setTimeout(() => {}, 10000);
    `;
    const r = spawnSync('node', ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(130);
    expect(fs.existsSync(temp)).toBe(false);
    expect(r.stderr).toContain('已中断');
  });
});
