// The standalone page's commands on a file, without a browser: each command works on the result
// of the one before (as Excel does on the open workbook), and offers the workbook (and, for
// narrate, the .docx); files the page cannot read are refused before they are read.
import JSZip from 'jszip';
import { nodeResources } from '../src/adapters/node/templates';
import { acceptWorkbook, MAX_WORKBOOK_BYTES, runOnFile, type WorkbookFile } from '../src/page/workbook-file';
import { readWorkbook } from './helpers/workbook';
import { buildSeedWorkbook } from './fixtures/seeds/build';

const res = nodeResources();

async function seedFile(): Promise<WorkbookFile> {
  const wb = await buildSeedWorkbook('003', false);
  wb.getWorksheet('部门公开表5')!.getCell('D16').value = null; // 机关事业单位基本养老保险缴费支出, for fill to write
  return { name: '城东区2024年预算.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()).buffer };
}

const bookOf = async (blob: Blob) => readWorkbook(await blob.arrayBuffer());

it('refuses a lock file, a file not .xlsx and one over 200 MB, in Chinese, naming it', () => {
  expect(() => acceptWorkbook('~$预算.xlsx', 100)).toThrow('~$预算.xlsx 是 Excel 或 WPS 打开工作簿时生成的临时锁定文件');
  expect(() => acceptWorkbook('预算.xls', 100)).toThrow('预算.xls 不是 .xlsx 工作簿');
  expect(() => acceptWorkbook('大.xlsx', MAX_WORKBOOK_BYTES + 1)).toThrow('大.xlsx 太大（200 MB），工作簿不能超过 200 MB。');
  expect(() => acceptWorkbook('预算.XLSX', MAX_WORKBOOK_BYTES)).not.toThrow();
});

it('a file that is not a workbook: a Chinese error naming it', async () => {
  await expect(runOnFile({ command: 'check', mark: true }, { name: '坏.xlsx', bytes: new TextEncoder().encode('不是工作簿').buffer }, res)).rejects.toThrow('坏.xlsx 不是 .xlsx 文件');
  const good = new Uint8Array((await seedFile()).bytes);
  await expect(runOnFile({ command: 'check', mark: true }, { name: '截断.xlsx', bytes: good.slice(0, good.length >> 1).buffer }, res)).rejects.toThrow('无法打开 截断.xlsx：文件已损坏或不完整');
});

it('fill → recalc → check → clear → narrate, each on the result of the one before', async () => {
  let file = await seedFile();

  const fill = await runOnFile({ command: 'fill' }, file, res);
  expect(fill.result.summary).toMatch(/^填充完成/);
  expect(fill.outputs.map((o) => o.name)).toEqual(['城东区2024年预算-已填充.xlsx']);
  expect((await bookOf(fill.outputs[0].blob)).getWorksheet('部门公开表5')!.getCell('D16').value).toBe('机关事业单位基本养老保险缴费支出');
  expect(fill.workbook!.name).toBe(file.name);
  file = fill.workbook!;

  const recalc = await runOnFile({ command: 'recalc' }, file, res);
  const recalced = (await bookOf(recalc.outputs[0].blob)).getWorksheet('部门公开表5')!;
  expect(recalced.getCell('F7').value).toMatchObject({ formula: expect.stringMatching(/^SUM\(/), result: 44.01 }); // printed 44.00
  expect(recalced.getCell('D16').value).toBe('机关事业单位基本养老保险缴费支出');
  file = recalc.workbook!;

  const check = await runOnFile({ command: 'check', mark: true }, file, res);
  expect(check.result.report!.findings.length).toBeGreaterThan(0);
  const marked = await bookOf(check.outputs[0].blob);
  expect(marked.getWorksheet('检查结果')).toBeDefined();
  expect(marked.getWorksheet('部门公开表5')!.getCell('D16').value).toBe('机关事业单位基本养老保险缴费支出'); // the fill is kept
  const error = check.result.report!.findings.find((f) => f.severity === 'error' && f.sheet && f.cell)!;
  expect(marked.getWorksheet(error.sheet!)!.getCell(error.cell!).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  file = check.workbook!;

  const clear = await runOnFile({ command: 'clear' }, file, res);
  expect(clear.result.summary).toMatch(/^已清除 \d+ 个单元格的检查标记/);
  const cleared = await bookOf(clear.outputs[0].blob);
  expect(cleared.getWorksheet('检查结果')).toBeUndefined();
  expect(cleared.getWorksheet(error.sheet!)!.getCell(error.cell!).fill).not.toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  file = clear.workbook!;

  const narrate = await runOnFile({ command: 'narrate' }, file, res);
  expect(narrate.outputs.map((o) => o.name)).toEqual(['城东区2024年预算-情况说明.docx', '城东区2024年预算-含情况说明.xlsx']);
  const docx = await JSZip.loadAsync(await narrate.outputs[0].blob.arrayBuffer());
  expect(await docx.file('word/document.xml')!.async('string')).toContain('一般公共预算');
});

it('a template is a new workbook, whatever file is open', async () => {
  const run = await runOnFile({ command: 'template', template: { kind: 'final', year: 2025, department: '示例单位' } }, null, res);
  expect(run.workbook).toBeNull();
  expect(run.outputs[0].name).toBe('2025年决算公开表.xlsx');
  expect((await bookOf(run.outputs[0].blob)).worksheets[0].name).toBe('公开01表 收入支出决算总表');
});

it('every command but the template needs a file', async () => {
  await expect(runOnFile({ command: 'fill' }, null, res)).rejects.toThrow('请先选择一个 .xlsx 工作簿。');
});
