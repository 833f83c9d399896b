// The hostile input corpus: files that are not what they claim, broken, huge or malicious.
// Generated into a folder on demand (a gigabyte bomb costs a megabyte on disk).
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repeat, workbookEntries, writeZip } from '../helpers/zip';
import { sampleWorkbook } from '../helpers/sample';

export interface HostileCase {
  file: string;
  /** What the user must be told (exit 2), or null when the file is checked with findings. */
  message: RegExp | null;
}

export async function buildCorpus(dir: string): Promise<HostileCase[]> {
  fs.mkdirSync(dir, { recursive: true });
  const at = (name: string) => path.join(dir, name);
  const cases: HostileCase[] = [];
  const add = (name: string, message: RegExp | null) => cases.push({ file: at(name), message });

  fs.writeFileSync(at('不是压缩包.xlsx'), 'This is plain text, not a workbook.');
  add('不是压缩包.xlsx', /不是 \.xlsx 文件/);

  const good = await sampleWorkbook('budget-2025');
  const goodBytes = Buffer.from((await good.xlsx.writeBuffer()) as ArrayBuffer);
  fs.writeFileSync(at('截断.xlsx'), goodBytes.subarray(0, Math.floor(goodBytes.length / 2)));
  add('截断.xlsx', /文件已损坏或不完整/);

  // 1 GiB of zeros in one sheet, declared honestly and declared as tiny
  const zeros = Buffer.alloc(1024 * 1024);
  writeZip(at('压缩包炸弹.xlsx'), workbookEntries(repeat(zeros, 1024)));
  add('压缩包炸弹.xlsx', /解压后超过 256 MB/);
  writeZip(at('谎报大小的炸弹.xlsx'), workbookEntries(repeat(zeros, 1024)), { 'xl/worksheets/sheet1.xml': 1000 });
  add('谎报大小的炸弹.xlsx', /解压后超过 256 MB/);

  const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]);
  fs.writeFileSync(at('旧版xls改名.xlsx'), ole);
  add('旧版xls改名.xlsx', /旧版 Excel（\.xls）或 WPS（\.et）/);
  fs.writeFileSync(at('wps表格.et'), ole);
  add('wps表格.et', /旧版 Excel（\.xls）或 WPS（\.et）/);
  fs.writeFileSync(at('加密.xlsx'), Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]));
  add('加密.xlsx', /设有打开密码/);

  // a million rows
  const rows = function* () {
    yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
    for (let r = 1; r <= 1_000_000; r += 10_000) {
      let s = '';
      for (let i = r; i < r + 10_000; i++) s += `<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`;
      yield Buffer.from(s);
    }
    yield Buffer.from('</sheetData></worksheet>');
  };
  writeZip(at('一百万行.xlsx'), workbookEntries(rows()));
  add('一百万行.xlsx', /超过 200,000 行/);

  // workbooks that open, with hostile contents: each is checked, with findings, never a crash
  const chaos = await sampleWorkbook('budget-2025');
  const t05 = chaos.getWorksheet('预算05表 一般公共预算支出表')!;
  for (const range of ['B8:C9', 'D12:E14', 'A20:B21']) {
    try {
      t05.mergeCells(range);
    } catch {
      // overlapping merges are refused by exceljs; the others stay
    }
  }
  t05.getCell('C10').value = { formula: 'C10+1', result: 0 } as ExcelJS.CellFormulaValue; // circular
  t05.getCell('D11').value = { formula: '#REF!+1', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
  t05.getCell('E15').value = '1,234.5元（暂定）';
  t05.getCell('B16').value = '<script>alert("x")</script><b>科目</b>';
  const narrative = chaos.addWorksheet('情况说明');
  narrative.getCell('A1').value = '2025年收入预算853.95万元。'.repeat(5 * 1024 * 1024 / 60);
  await chaos.xlsx.writeFile(at('内容混乱.xlsx'));
  add('内容混乱.xlsx', null);

  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  await empty.xlsx.writeFile(at('空工作簿.xlsx'));
  add('空工作簿.xlsx', /没有识别出任何公开表/);

  const docx = await import('jszip').then(async ({ default: JSZip }) => {
    const z = new JSZip();
    z.file('[Content_Types].xml', '<Types/>');
    z.file('word/document.xml', '<w:document/>');
    return z.generateAsync({ type: 'nodebuffer' });
  });
  fs.writeFileSync(at('其实是word.xlsx'), docx);
  add('其实是word.xlsx', /不是 Excel 工作簿，而是 Word 文档/);
  return cases;
}
