// gongkai narrate through the CLI: every output format, the 情况说明 sheet, and bad input.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tmpDir } from './helpers/cli';
import { sampleWorkbook } from './helpers/sample';
import { readWorkbook } from './helpers/workbook';
import { escapeMarkdown } from '../src/core/narrative/render';

async function files(dir: string) {
  const current = path.join(dir, '2025.xlsx');
  const prior = path.join(dir, '2024.xlsx');
  await (await sampleWorkbook('budget-2025')).xlsx.writeFile(current);
  await (await sampleWorkbook('budget-2024')).xlsx.writeFile(prior);
  return { current, prior };
}

describe('gongkai narrate', () => {
  it('writes markdown and text with the same sentences, and JSON in the documented shape', async () => {
    const dir = tmpDir();
    const { current, prior } = await files(dir);
    const md = path.join(dir, 'n.md');
    const r = await run(['narrate', current, '--prior', prior, '-o', md]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已生成 示例县示例局2025年部门预算情况说明（\d+ 段）/);
    expect(r.out).toMatch(/留有【请填写…】/);
    const markdown = fs.readFileSync(md, 'utf8');
    expect(markdown).toContain('## 七、关于示例县示例局2025年一般公共预算“三公”经费预算情况的说明');
    const json = JSON.parse((await run(['narrate', current, '--prior', prior, '--json'])).out);
    expect(Object.keys(json)).toEqual(['kind', 'year', 'sentences']);
    expect(json.sentences.every((s: { section: string; text: string }) => markdown.includes(escapeMarkdown(s.text)))).toBe(true);
    const fact = json.sentences.flatMap((s: { facts: object[] }) => s.facts).find((f: { metric: string }) => f.metric === 'sangong.total');
    expect(fact).toEqual({ metric: 'sangong.total', code: null, current: 11.2, prior: 12.1, change: -0.9, percent: -7.44, denominator: null, share: null, budget: null, actual: null, completion: null });
  });

  it('adds a 情况说明 sheet to a copy of the workbook, one paragraph a row, which check then reads', async () => {
    const dir = tmpDir();
    const { current, prior } = await files(dir);
    const out = path.join(dir, 'with-narrative.xlsx');
    expect((await run(['narrate', current, '--prior', prior, '-o', out])).code).toBe(0);
    const wb = await readWorkbook(fs.readFileSync(out));
    const ws = wb.getWorksheet('情况说明')!;
    expect(String(ws.getCell('A1').value)).toBe('示例县示例局2025年部门预算情况说明');
    const report = JSON.parse((await run(['check', out, '--json', '--prior', prior])).out);
    const narrative = report.findings.filter((f: { sheet: string }) => f.sheet === '情况说明');
    // the generated text agrees with the tables; what remains are the blanks left for the accountant
    expect(narrative.length).toBeGreaterThan(0);
    expect(narrative.every((f: { rule: string }) => f.rule === 'narrative.placeholder')).toBe(true);
  });

  it('uses the 补充信息 sheet and says which value is not a number', async () => {
    const dir = tmpDir();
    const wb = await sampleWorkbook('budget-2025');
    const sup = wb.addWorksheet('补充信息');
    sup.addRows([['机关运行经费', 97.97], ['政府采购预算总额', 25], ['政府采购货物', 20], ['政府采购工程', 0], ['政府采购服务', 5], ['车辆', 'x辆']]);
    const file = path.join(dir, 'in.xlsx');
    await wb.xlsx.writeFile(file);
    const out = path.join(dir, 'n.txt');
    const r = await run(['narrate', file, '-o', out]);
    expect(r.out).toContain('注意：补充信息!B6：「车辆」的数值「x辆」不是数字');
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('2025年机关运行经费财政拨款预算97.97万元。');
    expect(text).toContain('政府采购预算总额25.00万元，其中：政府采购货物预算20.00万元、政府采购工程预算0.00万元、政府采购服务预算5.00万元');
    expect(text).toContain('共有车辆【请填写：车辆数】辆');
  });

  it.each([
    [['-o', 'x.pdf'], /不支持的输出格式「\.pdf」/],
    [['--budget', 'b.xlsx', '-o', 'x.md'], /--budget 只用于决算/],
    [[], /请用 -o 给出输出文件/],
  ])('bad arguments %j: exit 2', async (args, message) => {
    const dir = tmpDir();
    const { current } = await files(dir);
    const budgetFile = path.join(dir, 'b.xlsx');
    fs.copyFileSync(current, budgetFile);
    const r = await run(['narrate', current, ...(args as string[]).map((a) => (a.endsWith('.xlsx') || a.endsWith('.pdf') || a.endsWith('.md') ? path.join(dir, a) : a))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
  });

  it('warns about a prior workbook of another year', async () => {
    const dir = tmpDir();
    const { current } = await files(dir);
    const r = await run(['narrate', current, '--prior', current, '-o', path.join(dir, 'n.md')]);
    expect(r.out).toContain('注意：上年工作簿');
    expect(r.out).toContain('是 2025 年的，不是 2024 年');
  });

  it('a .docx that is not one, for check --narrative', async () => {
    const dir = tmpDir();
    const { current } = await files(dir);
    const fake = path.join(dir, '说明.docx');
    fs.writeFileSync(fake, 'not a zip');
    const r = await run(['check', current, '--narrative', fake]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/无法读取情况说明 .*文件已损坏或不是 \.docx/);
  });
});
