// gongkai template, end to end through the CLI entry point on real files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { templatesDir } from '../src/adapters/node/templates';
import { readWorkbook } from './helpers/workbook';
import { tmpDir } from './helpers/tmp';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (t) => (out += t + '\n'), (t) => (err += t + '\n'));
  return { code, out, err };
}

const tmp = () => tmpDir('cli');
const sample = (name: string) => path.join(templatesDir(), 'sample', `${name}.json`);

describe('gongkai template', () => {
  it('writes one sheet per table with formulas, cached results, number formats and print setup', async () => {
    const dir = tmp();
    const out = path.join(dir, 'budget.xlsx');
    const r = await run(['template', '--kind', 'budget', '--data', sample('budget-2025'), '-o', out]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('预算05表 一般公共预算支出表');
    const wb = await readWorkbook(fs.readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '预算01表 部门收支总表', '预算02表 部门收入总表', '预算03表 部门支出总表', '预算04表 财政拨款收支总表', '预算05表 一般公共预算支出表',
      '预算06表 一般公共预算基本支出表', '预算07表 一般公共预算“三公”经费支出表', '预算08表 政府性基金预算支出表', '预算09表 国有资本经营预算支出表',
    ]);
    const t05 = wb.getWorksheet('预算05表 一般公共预算支出表')!;
    const total = t05.getCell('C6');
    expect(t05.getCell('B6').value).toBe('合计');
    expect(total.value).toMatchObject({ formula: 'SUM(D6:E6)' });
    // 一般公共预算 basic 625.35 + project 178.60 (sample ledger)
    expect((total.value as { result: number }).result).toBeCloseTo(803.95, 10);
    expect(total.numFmt).toBe('#,##0.00');
    expect(t05.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:5' });
    const t01 = wb.getWorksheet('预算01表 部门收支总表')!;
    const labels = t01.getColumn(1).values as unknown[];
    expect(labels).toContain('收入总计');
  });

  it('writes the 决算 tables in 元 with 栏次 and 行次', async () => {
    const out = path.join(tmp(), 'final.xlsx');
    const r = await run(['template', '--kind', 'final', '--year', '2025', '--unit', '某某局', '--tables', '01,09', '-o', out]);
    expect(r.code).toBe(0);
    const wb = await readWorkbook(fs.readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['公开01表 收入支出决算总表', '公开09表 财政拨款“三公”经费支出决算表']);
    const ws = wb.worksheets[0];
    expect(ws.getCell('D3').value).toBe('2025年度　　金额单位：元');
    expect(ws.getCell('A3').value).toBe('部门：某某局');
    expect(ws.getCell('A6').value).toBe('栏次');
  });

  it.each([
    [['--kind', 'foo', '--year', '2025', '--unit', 'x'], /未知的 --kind「foo」/],
    [['--kind', 'budget', '--year', '2019', '--unit', 'x'], /没有2019年的政府收支分类科目表。已有年份：2024、2025、2026/],
    [['--kind', 'budget', '--year', '25', '--unit', 'x'], /--year 应为 2000–2100 之间的四位年份/],
    [['--kind', 'budget', '--year', '2025'], /请用 --unit 给出单位名称/],
    [['--kind', 'budget', '--year', '2025', '--unit', 'x', '--tables', '10'], /没有预算表「10」/],
    [['--kind', 'budget', '--year', '2025', '--unit', 'x', '--options', 'wide'], /未知的选项「wide」/],
    [['--kind', 'final', '--data', sample('budget-2025')], /是预算数据，与 --kind final 不符/],
    [['--kind', 'budget', '--year', '2025', '--unit', 'x', '--bogus'], /未知的选项 --bogus/],
  ])('bad input %j: Chinese message, exit 2, no file', async (args, message) => {
    const dir = tmp();
    const out = path.join(dir, 'out.xlsx');
    const r = await run(['template', ...(args as string[]), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses an existing output file unless --force, and leaves it as it was', async () => {
    const dir = tmp();
    const out = path.join(dir, 'exists.xlsx');
    fs.writeFileSync(out, 'keep me');
    const r = await run(['template', '--kind', 'budget', '--year', '2025', '--unit', 'x', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/已存在。如需覆盖，请加 --force/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await run(['template', '--kind', 'budget', '--year', '2025', '--unit', 'x', '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an output directory that does not exist or is not writable, leaving nothing behind', async () => {
    const missing = await run(['template', '--kind', 'budget', '--year', '2025', '--unit', 'x', '-o', path.join(tmp(), 'no', 'such', 'out.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/输出目录 .* 不存在/);
    const dir = tmp();
    fs.chmodSync(dir, 0o500);
    const readonly = await run(['template', '--kind', 'budget', '--year', '2025', '--unit', 'x', '-o', path.join(dir, 'out.xlsx')]);
    fs.chmodSync(dir, 0o700);
    if (process.getuid?.() === 0) {
      // root may write anywhere; the check must then not stand in the way
      expect(readonly.code).toBe(0);
    } else {
      expect(readonly.code).toBe(2);
      expect(readonly.err).toMatch(/不可写/);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });

  it('never writes over its input', async () => {
    const dir = tmp();
    const input = path.join(dir, 'ledger.json');
    fs.copyFileSync(sample('budget-2025'), input);
    const r = await run(['template', '--kind', 'budget', '--data', input, '-o', input, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/-o 的文件应以 \.xlsx 结尾/);
    // nor through a link that names it as an .xlsx
    const link = path.join(dir, 'out.xlsx');
    fs.symlinkSync(input, link);
    const linked = await run(['template', '--kind', 'budget', '--data', input, '-o', link, '--force']);
    expect(linked.code).toBe(2);
    expect(linked.err).toMatch(/与输入文件 .*ledger\.json 是同一个文件/);
    expect(fs.readFileSync(input, 'utf8')).toBe(fs.readFileSync(sample('budget-2025'), 'utf8'));
  });

  it('splitBasic with data: refuses 项 whose basic spending is not split (nothing silently dropped); a split ledger writes a workbook that checks clean', async () => {
    const dir = tmp();
    const out = path.join(dir, 'split.xlsx');
    const refused = await run(['template', '--kind', 'budget', '--data', sample('budget-2025'), '--options', 'splitBasic', '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/选项 splitBasic 要把基本支出分列为人员经费和公用经费.*只给了基本支出合计（2010301 行政运行/);
    expect(fs.existsSync(out)).toBe(false);

    // the same department with each 项's basic spending split 60/40 (in cents, the rest to public funds)
    const ledger = JSON.parse(fs.readFileSync(sample('budget-2025'), 'utf8'));
    for (const item of ledger.items) {
      if (!item.basic) continue;
      const cents = Math.round(Number(String(item.basic).replace(/,/g, '')) * 100);
      const personnel = Math.round(cents * 0.6);
      item.personnel = (personnel / 100).toFixed(2);
      item.public = ((cents - personnel) / 100).toFixed(2);
    }
    const data = path.join(dir, 'split.json');
    fs.writeFileSync(data, JSON.stringify(ledger));
    expect(await run(['template', '--kind', 'budget', '--data', data, '--options', 'splitBasic', '-o', out])).toMatchObject({ code: 0, err: '' });
    const ws = (await readWorkbook(fs.readFileSync(out))).getWorksheet('预算05表 一般公共预算支出表')!;
    expect(ws.getCell('D6').value).toBe('小计');
    const checked = await run(['check', out, '--json']);
    const report = JSON.parse(checked.out);
    expect(report.findings.filter((f: { severity: string }) => f.severity !== 'notice')).toEqual([]);
    expect(checked.code).toBe(0);
  });

  it('a ledger whose basic spending disagrees with its split is refused, naming the field', async () => {
    const dir = tmp();
    const ledger = JSON.parse(fs.readFileSync(sample('budget-2025'), 'utf8'));
    Object.assign(ledger.items[0], { basic: '100.00', personnel: '60.00', public: '30.00' });
    const data = path.join(dir, 'bad.json');
    fs.writeFileSync(data, JSON.stringify(ledger));
    const r = await run(['template', '--kind', 'budget', '--data', data, '-o', path.join(dir, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/items\.0\.basic.*基本支出 100 不等于人员经费与公用经费之和 90/);
  });

  it.each([['386.425'], [386.425], ['1,234.5601']])('an amount past the cent (%j) is refused, naming the field, not rounded; trailing zeros are fine', async (value) => {
    const dir = tmp();
    const ledger = JSON.parse(fs.readFileSync(sample('budget-2025'), 'utf8'));
    ledger.items[0].basic = value;
    const data = path.join(dir, 'cents.json');
    fs.writeFileSync(data, JSON.stringify(ledger));
    const out = path.join(dir, 'x.xlsx');
    const r = await run(['template', '--kind', 'budget', '--data', data, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`items.0.basic：金额 ${value} 多于两位小数`);
    expect(fs.existsSync(out)).toBe(false);
    ledger.items[0].basic = '386.4200';
    fs.writeFileSync(data, JSON.stringify(ledger));
    expect((await run(['template', '--kind', 'budget', '--data', data, '-o', out])).code).toBe(0);
  });

  it('prints Chinese help', async () => {
    const r = await run(['template', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/用法： gongkai template \[选项\]/);
    expect(r.out).toContain('覆盖已存在的输出文件');
  });
});
