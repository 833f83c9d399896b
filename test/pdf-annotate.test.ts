// gongkai check 文件.pdf --annotate 标记.pdf on a real published PDF: the copy read back with pdfjs
// has one annotation per finding, its contents the finding's message, over the finding's box;
// the input is untouched; the output rules hold (not an input, .pdf, --force).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report } from '../src/core/check/finding';
import { run, tmpDir } from './helpers/cli';

const SOURCE = path.join(__dirname, 'fixtures', 'pdf', 'pt-wljd-2025-budget.pdf');

interface PdfjsAnnotation {
  subtype: string;
  rect: number[];
  contentsObj?: { str: string };
}
interface Pdfjs {
  getDocument(src: object): { promise: Promise<{ numPages: number; getPage(n: number): Promise<{ view: number[]; getAnnotations(): Promise<PdfjsAnnotation[]> }>; destroy(): Promise<void> }> };
}
const loadPdfjs = (): Pdfjs => {
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  return createRequire(__filename)('pdfjs-dist/legacy/build/pdf.mjs') as Pdfjs;
};

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('check --annotate on a PDF', () => {
  const dir = tmpDir('pdf-annotate');
  const input = path.join(dir, '万里街道2025.pdf');
  const out = path.join(dir, '标记.pdf');
  let report: Report;
  let before: string;

  beforeAll(async () => {
    fs.copyFileSync(SOURCE, input);
    before = sha(input);
    const { code, out: json } = await run(['check', input, '--json', '--annotate', out]);
    expect(code).toBe(1);
    report = JSON.parse(json) as Report;
  }, 60_000);

  test('one annotation per finding, its contents the message, over the finding’s box on its page', async () => {
    const doc = await loadPdfjs().getDocument({ data: new Uint8Array(fs.readFileSync(out)), verbosity: 0, isEvalSupported: false }).promise;
    const found: { page: number; subtype: string; rect: number[]; text: string }[] = [];
    const views = new Map<number, number[]>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      views.set(n, page.view);
      for (const a of await page.getAnnotations()) found.push({ page: n, subtype: a.subtype, rect: a.rect, text: a.contentsObj?.str ?? '' });
    }
    await doc.destroy();
    expect(report.findings.length).toBeGreaterThan(10);
    expect(found).toHaveLength(report.findings.length);
    expect(found.map((a) => a.text).sort()).toEqual(report.findings.map((f) => f.message).sort());
    for (const f of report.findings) {
      const a = found.find((x) => x.text === f.message && (!f.location || x.page === f.location.page))!;
      expect(a).toBeDefined();
      const [vx0, vy0, vx1, vy1] = views.get(a.page)!;
      // inside the page
      expect(a.rect[0]).toBeGreaterThanOrEqual(vx0);
      expect(a.rect[1]).toBeGreaterThanOrEqual(vy0);
      expect(a.rect[2]).toBeLessThanOrEqual(vx1);
      expect(a.rect[3]).toBeLessThanOrEqual(vy1);
      if (f.location) {
        expect(a.subtype).toBe('Square');
        f.location.box.forEach((v, i) => expect(Math.abs(a.rect[i] - v)).toBeLessThanOrEqual(1.01));
      } else expect(a.subtype).toBe('Text');
    }
    // the real 1 元 error of 21201 is marked on page 12 over the printed 94,995,790
    const real = report.findings.find((f) => /21201 城乡社区管理事务的收入合计/.test(f.message))!;
    expect(found.some((a) => a.page === 12 && a.text === real.message)).toBe(true);
  });

  test('the input is byte-identical', () => {
    expect(sha(input)).toBe(before);
  });

  test('output rules: not over the input, .pdf only, an existing file only with --force', async () => {
    const over = await run(['check', input, '--annotate', input, '--force']);
    expect(over.code).toBe(2);
    expect(sha(input)).toBe(before);
    const xlsx = await run(['check', input, '--annotate', path.join(dir, '标记.xlsx')]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.err).toMatch(/\.pdf/);
    const exists = await run(['check', input, '--annotate', out]);
    expect(exists.code).toBe(2);
    const forced = await run(['check', input, '--annotate', out, '--force']);
    expect(forced.code).toBe(1);
    expect(forced.out).toMatch(/已写出带标记的 PDF/);
  }, 60_000);
});
