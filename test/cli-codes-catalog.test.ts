// gongkai codes and gongkai catalog import, through the CLI on real files.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from './helpers/cli';

describe('gongkai codes', () => {
  it('looks up a 类 in every accepted form and prints JSON in the documented shape', async () => {
    const r = await run(['codes', '201', '[201]一般公共服务支出', '类201', '--year', '2025', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toHaveLength(3);
    for (const j of json) {
      expect(j).toEqual({
        code: '201',
        name: '一般公共服务支出',
        level: '类',
        classification: 'function',
        parents: [],
        found: true,
        suggestions: [],
        catalog: { classification: 'function', year: 2025, origin: 'built-in', title: '2025年政府收支分类科目 支出功能分类科目', description: expect.stringContaining('内置2025年科目表') },
      });
    }
  });

  it('joins split arguments and explains an unknown code with suggestions (exit 1)', async () => {
    const r = await run(['codes', '299', '--year', '2025']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/299：不在2025年科目表中；相近的编码：/);
    const bad = await run(['codes', '20x', '--year', '2025', '--json']);
    expect(JSON.parse(bad.out)[0]).toMatchObject({ found: false, level: null });
  });

  it('looks up by name', async () => {
    const r = await run(['codes', '--name', '住房保障支出', '--year', '2025', '--json']);
    expect(JSON.parse(r.out).map((x: { code: string }) => x.code)).toEqual(['221']);
  });

  it('says which years there are for a year without a catalog (exit 2)', async () => {
    const r = await run(['codes', '201', '--year', '2019']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/没有2019年的政府收支分类科目表/);
  });
});

describe('gongkai catalog import', () => {
  it('imports a UTF-8 CSV and an xlsx with code##name cells; --catalog then uses it', async () => {
    const dir = tmpDir();
    const csv = path.join(dir, '科目.csv');
    const text = '科目编码,科目名称\r\n201,一般公共服务支出\r\n20101,人大事务\r\n2010101,行政运行\r\n2010199,"其他人大事务支出"\r\n';
    fs.writeFileSync(csv, Buffer.from(new TextEncoder().encode(text)));
    const out = path.join(dir, 'cat.json');
    const r = await run(['catalog', 'import', csv, '--year', '2025', '-o', out]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('已导入 4 个科目（类 1 个、款 1 个、项 2 个）');
    const lookup = await run(['codes', '2010199', '--year', '2025', '--catalog', out, '--json']);
    expect(JSON.parse(lookup.out)[0]).toMatchObject({ name: '其他人大事务支出', level: '项', parents: [{ code: '201', name: '一般公共服务支出' }, { code: '20101', name: '人大事务' }] });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('科目');
    ['301##工资福利支出', '30101##基本工资', '302##商品和服务支出', '30201##办公费'].forEach((v) => ws.addRow([v]));
    const xlsx = path.join(dir, 'econ.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const r2 = await run(['catalog', 'import', xlsx, '--year', '2025', '-o', path.join(dir, 'econ.json')]);
    expect(r2.out).toContain('已导入 4 个科目（类 2 个、款 2 个、细目 0 个）');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'econ.json'), 'utf8')).classification).toBe('economic-dept');
  });

  it('reads a GBK-encoded CSV', async () => {
    const dir = tmpDir();
    const csv = path.join(dir, 'gbk.csv');
    // "科目编码,科目名称\n201,一般公共服务支出\n" in GBK
    const gbk = Buffer.from('bfc6c4bfb1e0c2eb2cbfc6c4bfc3fbb3c60a3230312cd2bbb0e3b9abb9b2b7fecef1d6a7b3f60a', 'hex');
    fs.writeFileSync(csv, gbk);
    const r = await run(['catalog', 'import', csv, '--year', '2025', '-o', path.join(dir, 'c.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'c.json'), 'utf8')).entries).toEqual([['201', '一般公共服务支出']]);
  });

  it('rejects a broken catalog with the row and reason, exit 2, no output', async () => {
    const dir = tmpDir();
    const csv = path.join(dir, 'bad.csv');
    fs.writeFileSync(csv, '科目编码,科目名称\n201,一般公共服务支出\n2010301,行政运行\n20x,坏编码\n20102,\n201,另一个名字\n');
    const out = path.join(dir, 'bad.json');
    const r = await run(['catalog', 'import', csv, '--year', '2025', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('第 3 行：编码 2010301 的上级科目 20103 不在表中');
    expect(r.err).toContain('第 4 行：编码「20x」格式不对');
    expect(r.err).toContain('第 5 行：编码 20102 没有名称');
    expect(r.err).toContain('第 6 行：编码 201 重复，且名称不同（第 2 行为「一般公共服务支出」）');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('says what an .xls really is', async () => {
    const dir = tmpDir();
    const xls = path.join(dir, 'old.xlsx');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    const r = await run(['catalog', 'import', xls, '--year', '2025', '-o', path.join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/是旧版 Excel（\.xls）或 WPS（\.et）格式.*另存为/);
  });
});
