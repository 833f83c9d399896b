// The direct .xlsx reader (no workbook model) gives the same grid as the exceljs reader, on the
// seed workbooks, on every table layout gongkai writes, and on cells of every kind; and it reads
// what exceljs does not write (inline strings, shared formulas, phonetic guides) as Excel shows it.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { planToBuffer } from '../src/adapters/exceljs/write-plan';
import { readGrid, readGridFile } from '../src/adapters/node/grid-file';
import { loadCatalog } from '../src/adapters/node/templates';
import { UserError } from '../src/core/errors';
import type { WorkbookGrid } from '../src/core/grid';
import { ledgerToTables } from '../src/core/ledger';
import { buildWorkbook } from '../src/core/plan/workbook';
import { sampleLedger, sampleWorkbook } from './helpers/sample';
import { readWorkbook, specs } from './helpers/workbook';
import { type Entry, workbookEntries, writeZip } from './helpers/zip';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-read-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function bothReaders(name: string, bytes: Buffer): Promise<{ direct: WorkbookGrid; exceljs: WorkbookGrid }> {
  return { direct: readGrid(name, bytes), exceljs: readWorkbookGrid(await readWorkbook(bytes)) };
}

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the same grid as the exceljs reader', () => {
  const seeds = path.join(__dirname, 'fixtures', 'seeds');
  it.each(fs.readdirSync(seeds).filter((f) => f.endsWith('.xlsx')))('seed workbook %s', async (file) => {
    const { direct, exceljs } = await bothReaders(file, fs.readFileSync(path.join(seeds, file)));
    expect(direct.sheets.length).toBeGreaterThan(0);
    expect(direct).toEqual(exceljs);
  });

  const variants = [
    ['budget-2025', {}],
    ['budget-2025', { splitCodes: true, splitBasic: true }],
    ['budget-2024', { priorYear: false }],
    ['final-2024', {}],
    ['final-2024', { splitCodes: true }],
  ] as const;
  it.each(variants)('the sample %s written with options %o, every table gongkai has', async (name, options) => {
    const ledger = sampleLedger(name);
    const plan = buildWorkbook({
      specs: specs.filter((s) => s.kind === ledger.kind),
      department: ledger.department,
      year: ledger.year,
      classes: loadCatalog('function', Math.max(2024, ledger.year)).classes(),
      data: ledgerToTables(ledger),
      options,
    });
    const { direct, exceljs } = await bothReaders(name, await planToBuffer(plan));
    expect(direct.sheets.map((s) => s.name)).toEqual(plan.sheets.map((s) => s.name));
    expect(direct).toEqual(exceljs);
  });

  it('cells of every kind: rich text, hyperlinks, dates, booleans, errors, shared formulas, merges, hidden sheets', async () => {
    const wb = await sampleWorkbook('budget-2025');
    const ws = wb.addWorksheet('杂项');
    ws.getCell('A1').value = { richText: [{ text: '加粗', font: { bold: true } }, { text: '与普通 & <符号>' }] };
    ws.getCell('A2').value = { text: '财政局网站', hyperlink: 'https://example.gov.cn/' };
    ws.getCell('A3').value = new Date(Date.UTC(2025, 1, 28));
    ws.getCell('A4').value = 45678;
    ws.getCell('A4').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('A5').value = true;
    ws.getCell('A6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('B1').value = 1.5;
    ws.getCell('B2').value = { formula: 'B1*2', result: 3 } as ExcelJS.CellFormulaValue;
    ws.getCell('B3').value = { sharedFormula: 'B2', result: 0 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell('B4').value = { formula: 'SUM($B$1:B3)', result: 7.5 } as ExcelJS.CellFormulaValue;
    ws.getCell('B5').value = { formula: 'B9', result: undefined } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('B6').value = { formula: '"文字"&B1', result: '文字1.5' } as ExcelJS.CellFormulaValue;
    ws.getCell('C1').value = '合并';
    ws.getCell('D1').value = '被合并的格';
    ws.mergeCells('C1:D3');
    ws.getCell('E1').value = '  前后有空格  ';
    ws.getCell('E2').value = '换行\r\n制表\t';
    ws.getCell('E3').value = '1,234.50';
    ws.getCell('E4').value = '';
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = '隐藏表';
    wb.addWorksheet('深度隐藏', { state: 'veryHidden' }).getCell('A1').value = '看不见';
    wb.addWorksheet('检查结果').getCell('A1').value = 'gongkai 的输出';
    const { direct, exceljs } = await bothReaders('杂项.xlsx', await bufferOf(wb));
    expect(direct).toEqual(exceljs);
    const misc = direct.sheets.find((s) => s.name === '杂项')!;
    expect(misc.rows.get(3)?.get(2)).toEqual({ value: 0, formula: 'B2*2' });
    expect(misc.rows.get(1)?.get(4)).toBeUndefined();
    expect(direct.sheets.map((s) => s.name)).not.toContain('深度隐藏');
    expect(direct.sheets.map((s) => s.name)).not.toContain('检查结果');
  });
});

/** A one-sheet workbook from hand-written parts. */
function handMade(sheetData: string, extra: { strings?: string; styles?: string; workbookPr?: string; tail?: string } = {}): Buffer {
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D9"/><sheetData>${sheetData}</sheetData>${extra.tail ?? ''}</worksheet>`;
  const entries: Entry[] = workbookEntries(sheet);
  if (extra.workbookPr) {
    const wb = entries.find((e) => e.name === 'xl/workbook.xml')!;
    wb.chunks = (wb.chunks as string).replace('<sheets>', `${extra.workbookPr}<sheets>`);
  }
  if (extra.strings) entries.push({ name: 'xl/sharedStrings.xml', chunks: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${extra.strings}</sst>` });
  if (extra.styles) entries.push({ name: 'xl/styles.xml', chunks: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${extra.styles}</styleSheet>` });
  const file = path.join(tmp, `hand-${Math.random().toString(36).slice(2)}.xlsx`);
  writeZip(file, entries);
  return fs.readFileSync(file);
}

function cells(bytes: Buffer): Record<string, unknown> {
  const grid = readGrid('手工.xlsx', bytes).sheets[0];
  const out: Record<string, unknown> = {};
  for (const [r, row] of grid.rows) for (const [c, cell] of row) out[`${String.fromCharCode(64 + c)}${r}`] = cell;
  return out;
}

describe('what other programs write', () => {
  it('inline strings, rich text with phonetic guides, entities and _xHHHH_ escapes', () => {
    const bytes = handMade(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>内联&amp;文字</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="str"><f>A1</f><v>内联&amp;文字</v></c></row>',
      { strings: '<si><r><t>一般</t></r><r><rPr><b/></rPr><t xml:space="preserve">公共 </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>第一行_x000D_第二行&#x4e00;</t></si>' },
    );
    expect(cells(bytes)).toEqual({
      A1: { value: '内联&文字' },
      B1: { value: '一般公共 ' },
      C1: { value: '第一行\r第二行一' },
      D1: { value: '内联&文字', formula: 'A1' },
    });
  });

  it('shared formulas as Excel writes them: the master carries the text, each other cell moves its relative references', () => {
    const bytes = handMade(
      '<row r="2"><c r="C2"><f t="shared" ref="C2:D4" si="0">SUM(A2:B2)+$A$1+\'表 二\'!A2+"B2"</f><v>3</v></c><c r="D2"><f t="shared" si="0"/><v>4</v></c></row>' +
        '<row r="4"><c r="C4"><f t="shared" si="0"/><v>5</v></c><c r="D4"><f t="shared" si="7"/><v>6</v></c></row>',
    );
    expect(cells(bytes)).toEqual({
      C2: { value: 3, formula: 'SUM(A2:B2)+$A$1+\'表 二\'!A2+"B2"' },
      D2: { value: 4, formula: 'SUM(B2:C2)+$A$1+\'表 二\'!B2+"B2"' },
      C4: { value: 5, formula: 'SUM(A4:B4)+$A$1+\'表 二\'!A4+"B2"' },
      // a shared formula whose master is missing: the cached value alone
      D4: { value: 6 },
    });
  });

  it('cells and rows without addresses follow the one before; numbers, booleans, errors and dates by style', () => {
    const bytes = handMade('<row><c><v>1</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c s="1"><v>45678</v></c></row><row><c s="2"><v>2.5</v></c><c t="d"><v>2025-02-28T00:00:00Z</v></c><c><v></v></c></row>', {
      styles: '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="4"/></cellXfs>',
    });
    expect(cells(bytes)).toEqual({
      A1: { value: 1 },
      B1: { value: true },
      C1: { value: null, error: '#N/A' },
      D1: { value: '2025-01-21', numFmt: 'yyyy"年"m"月"' },
      A2: { value: 2.5, numFmt: '#,##0.00' },
      B2: { value: '2025-02-28' },
    });
  });

  it('1904 date system', () => {
    const bytes = handMade('<row r="1"><c r="A1" s="1"><v>0</v></c></row>', { workbookPr: '<workbookPr date1904="1"/>', styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>' });
    expect(cells(bytes)).toEqual({ A1: { value: '1904-01-01', numFmt: 'mm-dd-yy' } });
  });

  it('merged cells: only the top-left keeps its value; the extent counts what is left', () => {
    const bytes = handMade('<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1" t="inlineStr"><is><t>残留</t></is></c></row><row r="9"><c r="D9" t="inlineStr"><is><t>残留</t></is></c></row>', {
      tail: '<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="C8:D9"/></mergeCells>',
    });
    const grid = readGrid('合并.xlsx', bytes).sheets[0];
    expect(cells(bytes)).toEqual({ A1: { value: '标题' } });
    expect(grid.merges).toEqual(['A1:D1', 'C8:D9']);
    expect([grid.rowCount, grid.columnCount]).toEqual([1, 1]);
  });
});

describe('other producers', () => {
  it('elements with a namespace prefix (the .NET Open XML SDK) read as without; chart sheets are no sheets', () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const entries: Entry[] = workbookEntries(
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="C1:D1"/></x:mergeCells></x:worksheet>`,
    );
    const wb = entries.find((e) => e.name === 'xl/workbook.xml')!;
    wb.chunks = `<?xml version="1.0" encoding="UTF-8"?><x:workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="部门收支总表" sheetId="1" r:id="rId1"/><x:sheet name="图表" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`;
    const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels')!;
    rels.chunks = (rels.chunks as string).replace(
      '</Relationships>',
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>',
    );
    entries.push({ name: 'xl/chartsheets/sheet1.xml', chunks: '<chartsheet/>' });
    entries.push({ name: 'xl/sharedStrings.xml', chunks: `<x:sst ${ns}><x:si><x:t>收入总计</x:t></x:si></x:sst>` });
    const file = path.join(tmp, 'prefixed.xlsx');
    writeZip(file, entries);
    const book = readGridFile(file);
    expect(book.sheets.map((s) => s.name)).toEqual(['部门收支总表']);
    expect(book.sheets[0].rows.get(1)).toEqual(new Map([[1, { value: '收入总计' }], [2, { value: 2, formula: '1+1' }]]));
    expect(book.sheets[0].merges).toEqual(['C1:D1']);
  });
});

describe('refusals, in Chinese, naming the file', () => {
  it('a sheet over the row limit names the sheet', () => {
    let rows = '';
    for (let r = 1; r <= 200_001; r++) rows += `<row r="${r}"/>`;
    const bytes = handMade(rows);
    expect(() => readGrid('大表.xlsx', bytes)).toThrow(new UserError('大表.xlsx 的工作表 「表」 超过 200,000 行，公开表不会有这么多行，已拒绝打开。请删除多余的行后再试。'));
  });

  it('a zip whose directory is cut off, a missing file, a folder', () => {
    const whole = handMade('<row r="1"><c r="A1"><v>1</v></c></row>');
    expect(() => readGrid('截断.xlsx', whole.subarray(0, whole.length - 30))).toThrow(/无法打开 截断\.xlsx：文件已损坏或不完整/);
    expect(() => readGridFile(path.join(tmp, '没有这个文件.xlsx'))).toThrow(/找不到文件 .*没有这个文件\.xlsx/);
    expect(() => readGridFile(tmp)).toThrow(/是目录，不是工作簿文件/);
  });

  it('a part that inflates past the limit is refused while inflating', () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const file = path.join(tmp, 'bomb.xlsx');
    const entries = workbookEntries((function* () {
      yield Buffer.from('<worksheet><sheetData>');
      for (let i = 0; i < 300; i++) yield chunk;
      yield Buffer.from('</sheetData></worksheet>');
    })());
    writeZip(file, entries, { 'xl/worksheets/sheet1.xml': 1000 });
    expect(() => readGridFile(file)).toThrow(/解压后超过 256 MB/);
  });
});
