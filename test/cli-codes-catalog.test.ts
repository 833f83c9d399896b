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

  it('--verify says what the catalog knows of each code and how sure it is, naming the catalog', async () => {
    const r = await run(['codes', '--verify', '2080705', '2080711', '2080703', '3010101', '--year', '2025']);
    expect(r.out).toContain('2080705 公益性岗位补贴（项，支出功能分类）');
    // the exact publications: who, which year, the repository, path and commit it was taken from
    expect(r.out).toMatch(/可信度：已核实：见于实际公开的预决算文件\n  依据：上海市普陀区2025年区级部门预算（预算主管部门：万里街道办事处）：zxj6827111-blip\/tianbaoxitong，uploads\/archives\/1770870224634-745254255.pdf，提交 13e0c538/);
    expect(r.out).toMatch(/依据：上海市普陀区人民政府宜川路街道办事处2025年度部门决算：原 PDF（SHA-256 f809eef2/);
    expect(r.out).toMatch(/2080711 就业见习补贴[^]*可信度：未核实：本地科目表未核实/);
    expect(r.out).toMatch(/2080703：不在2025年科目表中[^]*可信度：不在科目表中，但本地科目表未核实款 20807 是否齐全/);
    expect(r.out).toMatch(/3010101[^]*30101款下的本地细目/);
    expect(r.out).toMatch(/科目表：功能分类用内置2025年科目表/);
    // a 款 missing under a 类 whose list the documents show complete: known not to exist, with the documents
    const econ = await run(['codes', '--verify', '30230', '31030', '30219', '--year', '2024']);
    expect(econ.out).toMatch(/30230：不在2024年科目表中[^]*可信度：不在科目表中，且类 302 的下级科目清单已核实齐全，依据：上海市普陀区规划和自然资源局2024年度部门决算：zxj6827111-blip\/GovBudgetChecker，samples\/bad\/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf，提交 91faac5b/);
    expect(econ.out).toMatch(/31030：不在2024年科目表中[^]*可信度：不在科目表中，但本地科目表未核实类 310 是否齐全/);
    expect(econ.out).toMatch(/30219 装备购置费[^]*可信度：未核实/);
    const known = await run(['codes', '--verify', '2130510', '--year', '2024', '--json']);
    expect(JSON.parse(known.out)[0]).toMatchObject({
      code: '2130510',
      found: false,
      catalog: { origin: 'built-in', year: 2024 },
      verification: { certainty: null, status: expect.stringMatching(/^不在科目表中，且已核实没有此科目，依据：财预〔2023〕83号/), absence: { certain: true, by: 'absent', sources: [expect.objectContaining({ cite: expect.stringMatching(/财预〔2023〕83号/) })] } },
    });
    const j = JSON.parse((await run(['codes', '--verify', '22006', '--year', '2024', '--json'])).out)[0];
    expect(j.verification).toMatchObject({ certainty: 'official', sources: [{ kind: 'official', cite: expect.stringMatching(/财预〔2024〕22号/), date: '2024-03-29', year: 2024 }] });
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
    expect(JSON.parse(lookup.out)[0]).toMatchObject({ name: '其他人大事务支出', level: '项', parents: [{ code: '201', name: '一般公共服务支出' }, { code: '20101', name: '人大事务' }], catalog: { origin: 'imported', file: out } });
    // an imported catalog is taken as it is: a code it lacks is known not to exist
    const verified = await run(['codes', '--verify', '2010199', '2010198', '--year', '2025', '--catalog', out]);
    expect(verified.out).toContain('可信度：以导入的科目表为准');
    expect(verified.out).toContain('不在科目表中，且已核实没有此科目');
    expect(verified.out).toContain(`科目表：功能分类用导入的科目表 ${out}（2025年）`);

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

describe('check and fill name the catalog they used', () => {
  it('fill: a 科目表 line, unverified names marked, catalogs in JSON; check: the same line', async () => {
    const { strippedWorkbook } = await import('./helpers/strip');
    const dir = tmpDir();
    const wb = strippedWorkbook({
      title: '一般公共预算支出表',
      unit: '万元',
      columns: ['合计', '基本支出', '项目支出'],
      rows: [
        { code: '2080705', name: '', amounts: [10, 0, 10] },
        { code: '2080711', name: '', amounts: [5, 0, 5] },
      ],
    });
    const input = path.join(dir, 'in.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await run(['fill', input, '-o', path.join(dir, 'out.xlsx'), '--year', '2025']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('科目表：功能分类用内置2025年科目表');
    expect(r.out).toMatch(/写入科目名称：2080711 就业见习补贴（此名称本地科目表未核实/);
    expect(r.out).toMatch(/写入科目名称：2080705 公益性岗位补贴\n/);
    expect(r.out).toMatch(/其中 \d+ 处写入的科目名称本地科目表未核实/);
    const j = await run(['fill', input, '-o', path.join(dir, 'out2.xlsx'), '--year', '2025', '--json']);
    expect(JSON.parse(j.out).catalogs).toEqual([expect.objectContaining({ classification: 'function', year: 2025, origin: 'built-in' })]);
    const c = await run(['check', path.join(dir, 'out.xlsx'), '--year', '2025']);
    expect(c.out).toContain('科目表：功能分类用内置2025年科目表');
  });
});

describe('a province catalog for a year gongkai has no built-in catalog of (2027)', () => {
  it('codes, fill and check use it; without it the year is refused', async () => {
    const { strippedWorkbook } = await import('./helpers/strip');
    const dir = tmpDir();
    const csv = path.join(dir, '2027年科目.csv');
    fs.writeFileSync(csv, '科目编码,科目名称\r\n208,社会保障和就业支出\r\n20805,行政事业单位养老支出\r\n2080505,机关事业单位基本养老保险缴费支出（省）\r\n2080506,机关事业单位职业年金缴费支出\r\n');
    const cat = path.join(dir, 'cat2027.json');
    expect((await run(['catalog', 'import', csv, '--year', '2027', '-o', cat])).code).toBe(0);

    expect((await run(['codes', '2080505', '--year', '2027'])).code).toBe(2);
    const lookup = await run(['codes', '2080505', '--year', '2027', '--catalog', cat, '--json']);
    expect(lookup.code).toBe(0);
    expect(JSON.parse(lookup.out)[0]).toMatchObject({ name: '机关事业单位基本养老保险缴费支出（省）', catalog: { origin: 'imported', year: 2027 } });

    const wb = strippedWorkbook({
      title: '2027年一般公共预算支出表',
      unit: '万元',
      columns: ['合计', '基本支出', '项目支出'],
      rows: [
        { code: '2080505', name: '', amounts: [10, 10, 0] },
        { code: '2080506', name: '', amounts: [5, 5, 0] },
      ],
    });
    const input = path.join(dir, 'in.xlsx');
    await wb.xlsx.writeFile(input);
    const filled = path.join(dir, 'filled.xlsx');
    expect((await run(['fill', input, '-o', filled, '--year', '2027'])).code).toBe(2);
    const f = await run(['fill', input, '-o', filled, '--year', '2027', '--catalog', cat]);
    expect(f.code).toBe(0);
    expect(f.out).toContain(`科目表：功能分类用导入的科目表 ${cat}（2027年）`);
    expect(f.out).toContain('写入科目名称：2080505 机关事业单位基本养老保险缴费支出（省）');

    // the workbook says 2027: its codes are held to the imported catalog, not to 2024's
    const c = await run(['check', filled, '--catalog', cat, '--json']);
    const report = JSON.parse(c.out);
    expect(report.catalogs).toEqual(expect.arrayContaining([expect.objectContaining({ classification: 'function', year: 2027, origin: 'imported' })]));
    expect(report.findings.filter((x: { rule: string }) => x.rule.startsWith('code.'))).toEqual([]);
  });
});
