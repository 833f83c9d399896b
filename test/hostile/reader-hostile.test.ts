// Every command over each hostile workbook of reader-corpus.ts, as a user runs it (the built CLI, in
// its own process, killed after 30 s): it finishes — a report, exit 0 or 1 — or refuses with exit 2
// and a Chinese message naming the file; the input is unchanged and nothing but the announced
// output is left behind (no temporary file, no partial output). Needs `npm run build:cli`.
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildReaderCorpus, type ReaderCase, writeDocx } from './reader-corpus';
import { repeat, workbookEntries, writeZip } from '../helpers/zip';

jest.setTimeout(120_000);
const BIN = path.join(__dirname, '..', '..', 'bin', 'gongkai.js');
const LIMIT_MS = 30_000;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-reader-hostile-'));
const inputs = path.join(root, 'in');
let cases: ReaderCase[] = [];

beforeAll(async () => {
  cases = await buildReaderCorpus(inputs);
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function cli(args: string[]): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - started });
    });
  });
}

/** Runs the jobs two at a time (the machine has two cores). */
async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Each command a user may run on a workbook, writing into `out`; the output it announces. */
function commands(file: string, out: string): { name: string; args: string[]; output: string | null }[] {
  const o = (name: string) => path.join(out, name);
  return [
    { name: 'check', args: ['check', file, '--json'], output: null },
    { name: 'check --annotate', args: ['check', file, '--annotate', o('标记.xlsx')], output: '标记.xlsx' },
    { name: 'fill', args: ['fill', file, '-o', o('填充.xlsx')], output: '填充.xlsx' },
    { name: 'recalc', args: ['recalc', file, '-o', o('重算.xlsx')], output: '重算.xlsx' },
    { name: 'clear', args: ['clear', file, '-o', o('清除.xlsx')], output: '清除.xlsx' },
    { name: 'narrate', args: ['narrate', file, '-o', o('说明.docx')], output: '说明.docx' },
    { name: 'catalog import', args: ['catalog', 'import', file, '--year', '2025', '-o', o('科目表.json')], output: '科目表.json' },
  ];
}

/** Runs every command on the file and checks what each left: exit code, message, files. */
async function everyCommand(c: ReaderCase): Promise<Record<string, Outcome>> {
  const before = digest(c.file);
  const list = commands(c.file, '');
  const outcomes = await twoAtATime(
    list.map((_, i) => async () => {
      const out = fs.mkdtempSync(path.join(root, 'out-'));
      const cmd = commands(c.file, out)[i];
      const r = await cli(cmd.args);
      const left = fs.readdirSync(out);
      fs.rmSync(out, { recursive: true, force: true });
      return { cmd, r, left };
    }),
  );
  const name = path.basename(c.file);
  const result: Record<string, Outcome> = {};
  for (const { cmd, r, left } of outcomes) {
    const seen = { file: name, command: cmd.name, code: r.code, crash: r.code === 2 || r.code === 0 || r.code === 1 ? '' : r.err.slice(0, 300) };
    expect(seen).toEqual({ ...seen, code: expect.any(Number), crash: '' });
    expect(r.ms).toBeLessThan(LIMIT_MS);
    if (r.code === 2) {
      expect(r.err).toMatch(/^错误：/);
      expect(r.err).toContain(name);
      expect({ file: name, command: cmd.name, left }).toEqual({ file: name, command: cmd.name, left: [] });
    } else {
      expect({ file: name, command: cmd.name, left }).toEqual({ file: name, command: cmd.name, left: cmd.output ? [cmd.output] : [] });
    }
    result[cmd.name] = r;
  }
  expect(digest(c.file)).toBe(before);
  return result;
}

const caseNames = [
  '注释里的单元格.xlsx',
  '处理指令里的单元格.xlsx',
  'CDATA文字.xlsx',
  '重复的部件.xlsx',
  '缺少工作表部件.xlsx',
  '外部工作表.xlsx',
  '右下角单元格.xlsx',
  '行号超出.xlsx',
  '列号超出.xlsx',
  '整表合并.xlsx',
  '合并加右下角.xlsx',
  '三万个合并.xlsx',
  '两万个标题.xlsx',
  '未闭合的rPh.xlsx',
  '六千行文字金额.xlsx',
];

it('the corpus has a case for each name below, and nothing else', () => {
  expect(cases.map((c) => path.basename(c.file)).sort()).toEqual([...caseNames].sort());
});

it.each(caseNames)('%s: every command finishes or refuses in Chinese; input unchanged, nothing left behind', async (name) => {
  const c = cases.find((x) => path.basename(x.file) === name)!;
  const r = await everyCommand(c);
  if (c.refuse) {
    for (const [command, o] of Object.entries(r)) {
      expect({ command, code: o.code }).toEqual({ command, code: 2 });
      expect(o.err).toMatch(c.refuse);
    }
    return;
  }
  // read and checked: a report, and the defect hid nothing
  expect([0, 1]).toContain(r.check.code);
  const report = JSON.parse(r.check.out) as { findings: { rule: string; cell: string | null }[]; tables: unknown[] };
  expect(report.tables.length).toBe(9);
  if (c.finding) expect(report.findings.map((f) => `${f.rule}@${f.cell ?? ''}`)).toContain(c.finding);
});

it('the CDATA name is the name: the same findings as the workbook without CDATA', async () => {
  const plain = path.join(root, 'plain.xlsx');
  const { samplePackage, writeParts } = await import('./reader-corpus');
  writeParts(plain, await samplePackage());
  const [a, b] = await Promise.all([cli(['check', plain, '--json']), cli(['check', path.join(inputs, 'CDATA文字.xlsx'), '--json'])]);
  const rules = (o: Outcome) => (JSON.parse(o.out) as { findings: { rule: string; cell: string }[] }).findings.map((f) => `${f.rule}@${f.cell}`);
  expect(rules(b)).toEqual(rules(a));
  fs.rmSync(plain);
});

describe('narratives and catalogs', () => {
  const workbook = () => path.join(inputs, '注释里的单元格.xlsx');

  it('a .docx whose paragraphs and runs never close is read in linear time; a .docx bomb is refused', async () => {
    const open = path.join(root, '未闭合段落.docx');
    writeDocx(open, `<w:document><w:body>${'<w:p '.repeat(20_000)}${'<w:t '.repeat(20_000)}<w:p><w:r><w:t>2025年收入预算853.95万元。</w:t></w:r></w:p>${'<w:p><w:t>'.repeat(20_000)}</w:body></w:document>`);
    const bomb = path.join(root, '炸弹.docx');
    writeDocx(bomb, null);
    const [a, b] = await Promise.all([cli(['check', workbook(), '--narrative', open, '--json']), cli(['check', workbook(), '--narrative', bomb])]);
    expect([0, 1]).toContain(a.code);
    expect(a.ms).toBeLessThan(LIMIT_MS);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/情况说明 .*炸弹\.docx 解压后超过 64 MB/);
  });

  it('catalog import of a bomb is refused before it costs memory', async () => {
    const bomb = path.join(root, '科目表炸弹.xlsx');
    writeZip(bomb, workbookEntries(repeat(Buffer.alloc(1024 * 1024, 0x20), 300)));
    const out = path.join(root, '科目表.json');
    const r = await cli(['catalog', 'import', bomb, '--year', '2025', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/科目表炸弹\.xlsx 解压后超过 256 MB/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
