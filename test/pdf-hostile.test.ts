// PDFs that cannot be read as a disclosure: not a PDF, cut short, locked with a password, a scan
// with no text layer, 2,000 pages. Each gets a Chinese message naming the file and exit 2, in
// bounded time and memory; a folder batch reports such a file and checks the others.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { run, tmpDir } from './helpers/cli';

jest.setTimeout(120_000);
const dir = tmpDir('pdf-hostile');
const at = (name: string) => path.join(dir, name);
const FIXTURE = path.join(__dirname, 'fixtures', 'pdf', 'pt-czj-2025-budget.pdf');
/** A 1×1 PNG: the "scan". */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A classic PDF from its objects' bodies, with a correct cross-reference table; `trailer` is added to the trailer dictionary. */
function pdfOf(objects: string[], trailer: string): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Locked with a user password (standard security handler, RC4 40-bit): the empty password does not open it. */
function encryptedPdf(): Buffer {
  const hex = (n: number) => `<${'ab'.repeat(n)}>`;
  return pdfOf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -44 >>`,
    ],
    `/Encrypt 4 0 R /ID [${hex(16)} ${hex(16)}]`,
  );
}

async function scannedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(PNG);
  for (let i = 0; i < 3; i++) doc.addPage([595, 842]).drawImage(image, { x: 40, y: 40, width: 515, height: 760 });
  return Buffer.from(await doc.save());
}

async function manyPages(n: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

const CASES: [string, string, () => Promise<Buffer> | Buffer, RegExp][] = [
  ['not a PDF', '部门预算.pdf', () => Buffer.from('这不是 PDF，是一段文字。\n'), /不是 PDF 文件/],
  ['cut short', '截断.pdf', () => fs.readFileSync(FIXTURE).subarray(0, 70_000), /已损坏或不是有效的 PDF/],
  ['locked with a password', '加密.pdf', encryptedPdf, /设有密码（加密的 PDF）/],
  ['a scan without a text layer', '扫描件.pdf', scannedPdf, /没有文字层（可能是扫描件或图片）/],
  ['2,000 pages', '两千页.pdf', () => manyPages(2000), /有 2000 页，超过上限 1000 页/],
];

describe.each(CASES)('%s', (_what, name, make, message) => {
  it('check: a Chinese message naming the file, exit 2, the file unchanged, no output left', async () => {
    const file = at(name);
    fs.writeFileSync(file, await make());
    const before = fs.readFileSync(file);
    const marked = at(`${name}.标记.pdf`);
    const r = await run(['check', file, '--annotate', marked]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(file);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/at .+\.(ts|js):\d+|Error:/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.existsSync(marked)).toBe(false);
  });
});

it('2,000 pages are refused in bounded time and memory (the built CLI, a process of its own)', async () => {
  const file = at('两千页-进程.pdf');
  fs.writeFileSync(file, await manyPages(2000));
  const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
  const script = `require(${JSON.stringify(main)}).main(['check', ${JSON.stringify(file)}], () => undefined, () => undefined).then((code) => console.log(JSON.stringify({ code, rss: process.resourceUsage().maxRSS })))`;
  const started = Date.now();
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  const { code, rss } = JSON.parse(child.stdout.trim().split('\n').pop()!);
  expect(code).toBe(2);
  expect(rss / 1024).toBeLessThan(1024);
  expect(Date.now() - started).toBeLessThan(30_000);
});

it('a folder batch reports each unreadable PDF and checks the rest', async () => {
  const folder = at('批量');
  fs.mkdirSync(folder);
  fs.copyFileSync(FIXTURE, path.join(folder, '财政局.pdf'));
  fs.writeFileSync(path.join(folder, '加密.pdf'), encryptedPdf());
  fs.writeFileSync(path.join(folder, '扫描件.pdf'), await scannedPdf());
  const r = await run(['check', folder, '--workers', '1']);
  expect(r.code).toBe(2);
  expect(r.out).toMatch(/加密\.pdf.*无法检查：.*设有密码/);
  expect(r.out).toMatch(/扫描件\.pdf.*无法检查：.*没有文字层/);
  expect(r.out).toMatch(/共 3 个文件：1 个有错误，2 个无法检查/);
});
