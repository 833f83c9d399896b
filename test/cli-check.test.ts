// gongkai check through the CLI on real files: exit codes, JSON contract, annotate, bad input.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import type { Cents } from '../src/core/money';
import { readWorkbook } from './helpers/workbook';

async function sampleFile(dir: string, mutate?: Parameters<typeof sampleWorkbook>[1]): Promise<string> {
  const file = path.join(dir, '预算.xlsx');
  await (await sampleWorkbook('budget-2025', mutate)).xlsx.writeFile(file);
  return file;
}

describe('gongkai check', () => {
  it('prints the JSON contract; exit 1 when there are errors; the input is not modified', async () => {
    const dir = tmpDir();
    const file = await sampleFile(dir, (t) => {
      const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
      row.values!.basic = (row.values!.basic + 100) as Cents;
    });
    const before = fs.readFileSync(file);
    const r = await run(['check', file, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['file', 'kind', 'year', 'department', 'tables', 'otherSheets', 'findings', 'catalogs']);
    expect(report.catalogs[0]).toMatchObject({ classification: 'function', year: 2025, origin: 'built-in' });
    expect(report).toMatchObject({ file, kind: 'budget', year: 2025, department: '示例县示例局' });
    expect(report.tables[4]).toEqual({ id: 'budget.05', title: '一般公共预算支出表', sheet: '预算05表 一般公共预算支出表', range: expect.any(String), unit: '万元', how: expect.any(Object) });
    // how it was recognised: the title's concepts and every amount column with its header
    expect(report.tables[4].how).toEqual({
      concepts: ['一般公共预算', '支出'],
      columns: [
        { key: 'total', cell: 'C4', header: '2025年预算数/合计' },
        { key: 'basic', cell: 'D4', header: '2025年预算数/基本支出' },
        { key: 'project', cell: 'E4', header: '2025年预算数/项目支出' },
      ],
      rows: expect.any(Number),
    });
    const f = report.findings.find((x: { rule: string }) => x.rule === 'x.t05.t06.basic');
    expect(f).toEqual({
      rule: 'x.t05.t06.basic',
      severity: 'error',
      sheet: '预算05表 一般公共预算支出表',
      cell: 'D6',
      cells: ['D6', "'预算06表 一般公共预算基本支出表'!C6"],
      message: expect.stringContaining('一般公共预算支出表的基本支出合计应等于一般公共预算基本支出表合计'),
      expected: 625.35,
      actual: 626.35,
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('writes the Chinese text report grouped by table, and an annotated copy', async () => {
    const dir = tmpDir();
    const file = await sampleFile(dir, (t) => {
      t['budget.07'].single!.reception = 300 as Cents;
    });
    const annotated = path.join(dir, '标记.xlsx');
    const r = await run(['check', file, '--annotate', annotated]);
    expect(r.out).toMatch(/^检查：/);
    expect(r.out).toContain('【预算06表 一般公共预算基本支出表】');
    expect(r.out).toContain('基本支出中的公务接待费（30217）不应超过“三公”经费中的公务接待费');
    expect(r.out).toContain(`已写出带标记的工作簿：${annotated}`);
    const wb = await readWorkbook(fs.readFileSync(annotated));
    expect(wb.getWorksheet('检查结果')).toBeDefined();
    const cleared = path.join(dir, '清除.xlsx');
    const c = await run(['clear', annotated, '-o', cleared]);
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/已清除 \d+ 个单元格的检查标记/);
    expect((await readWorkbook(fs.readFileSync(cleared))).getWorksheet('检查结果')).toBeUndefined();
  });

  it('finds formula error values and formulas without cached results at their cells', async () => {
    const dir = tmpDir();
    const wb = await sampleWorkbook('budget-2025');
    const ws = wb.getWorksheet('预算05表 一般公共预算支出表')!;
    ws.getCell('E9').value = { formula: 'D9/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    ws.getCell('D10').value = { formula: 'D99' } as ExcelJS.CellFormulaValue;
    const file = path.join(dir, 'errors.xlsx');
    await wb.xlsx.writeFile(file);
    const report = JSON.parse((await run(['check', file, '--json'])).out);
    const at = (rule: string) => report.findings.filter((f: { rule: string }) => f.rule === rule).map((f: { cell: string; message: string }) => `${f.cell} ${f.message}`);
    expect(at('cell.error')).toEqual([expect.stringMatching(/^E9 预算05表 E9 是错误值 #DIV\/0!（公式 =D9\/0），无法核对$/)]);
    expect(at('cell.no-cache')).toEqual([expect.stringMatching(/^D10 .*没有保存计算结果/)]);
  });

  it.each([
    ['an .xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), /旧版 Excel（\.xls）或 WPS（\.et）格式/],
    ['a password-protected workbook', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(100)]), /设有打开密码/],
    ['a CSV renamed .xlsx', Buffer.from('科目编码,科目名称\n201,一般公共服务支出\n'), /不是 \.xlsx 文件.*CSV/],
    ['a corrupt zip', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(64, 7)]), /无法打开 .*文件已损坏/],
    ['an empty file', Buffer.alloc(0), /是空文件/],
  ])('%s: a Chinese message naming the file, exit 2', async (_what, bytes, message) => {
    const dir = tmpDir();
    const file = path.join(dir, '单位.xlsx');
    fs.writeFileSync(file, bytes);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(file);
  });

  it('a workbook with no disclosure table: exit 2 with a word on what it looks for', async () => {
    const dir = tmpDir();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['姓名', '工资']);
    const file = path.join(dir, 'other.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/没有识别出任何公开表/);
  });

  it('a missing file', async () => {
    const r = await run(['check', path.join(tmpDir(), 'nope.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/找不到文件/);
  });
});
