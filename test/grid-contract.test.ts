// The grid contract (src/core/grid.ts): every reader gives the same grid for the same workbook.
// Workbooks are generated two ways — written by exceljs, and written as raw XML (as Excel, WPS and
// other producers write what exceljs does not) — covering each item of the contract; each reader
// below reads each of them, and the grids must be equal and as the contract says.
//
// Readers are entries of READERS. The Office.js reader is not one yet: the double in
// test/office/fake-excel.ts holds cells that a test puts in, it cannot open a file, and the
// adapter (src/adapters/office) reads no merges, no dates and no visibility — adding it means an
// .xlsx → double loader and those three in the adapter.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { readGrid } from '../src/adapters/node/grid-file';
import { loadWorkbookModel } from '../src/adapters/node/workbook-file';
import { address } from '../src/core/a1';
import type { GridCell, WorkbookGrid } from '../src/core/grid';

interface Reader {
  name: string;
  read(file: string, bytes: Buffer): Promise<WorkbookGrid>;
}

const READERS: Reader[] = [
  { name: 'direct .xlsx reader', read: async (file, bytes) => readGrid(file, bytes) },
  // as the commands that write load a workbook: checked by the direct reader, then the model
  { name: 'exceljs', read: async (file, bytes) => readWorkbookGrid(await loadWorkbookModel(file, bytes)) },
];

/** Every reader's grid of a workbook; they must all be equal. */
async function readAll(file: string, bytes: Buffer): Promise<WorkbookGrid> {
  const grids: { reader: string; grid: WorkbookGrid }[] = [];
  for (const r of READERS) grids.push({ reader: r.name, grid: await r.read(file, bytes) });
  for (const g of grids.slice(1)) expect({ reader: g.reader, grid: g.grid }).toEqual({ reader: g.reader, grid: grids[0].grid });
  return grids[0].grid;
}

/** A sheet's cells by A1 address. */
function cells(grid: WorkbookGrid, sheet: string): Record<string, GridCell> {
  const s = grid.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const out: Record<string, GridCell> = {};
  for (const [r, row] of s.rows) for (const [c, cell] of row) out[address(r, c)] = cell;
  return out;
}

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('workbooks written by exceljs', () => {
  it('values, formulas, cached results, number formats, dates, errors, merges, hidden and very-hidden sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const values = wb.addWorksheet('值');
    values.getCell('A1').value = '文字 & <符号>';
    values.getCell('A2').value = 1234.5;
    values.getCell('A3').value = true;
    values.getCell('A4').value = false;
    values.getCell('A5').value = { richText: [{ text: '加粗', font: { bold: true } }, { text: '普通' }] };
    values.getCell('A6').value = { text: '网站', hyperlink: 'https://example.gov.cn/' };
    values.getCell('A7').value = '  前后有空格  ';
    values.getCell('A8').value = '';
    values.getCell('A9').value = 0;
    const formulas = wb.addWorksheet('公式');
    formulas.getCell('A1').value = 2;
    formulas.getCell('B1').value = { formula: 'A1*2', result: 4 } as ExcelJS.CellFormulaValue;
    formulas.getCell('B2').value = { formula: 'A1-2', result: 0 } as ExcelJS.CellFormulaValue;
    formulas.getCell('B3').value = { formula: '"合计"&A1', result: '合计2' } as ExcelJS.CellFormulaValue;
    formulas.getCell('B4').value = { formula: 'A9' } as ExcelJS.CellFormulaValue;
    formulas.getCell('B5').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    formulas.getCell('C1').value = { formula: 'SUM($A$1:B1)', result: 6, shareType: 'shared', ref: 'C1:C3' } as unknown as ExcelJS.CellFormulaValue;
    formulas.getCell('C2').value = { sharedFormula: 'C1', result: 6 } as ExcelJS.CellSharedFormulaValue;
    formulas.getCell('C3').value = { sharedFormula: 'C1', result: 0 } as ExcelJS.CellSharedFormulaValue;
    const formats = wb.addWorksheet('格式与日期');
    formats.getCell('A1').value = 1234.5;
    formats.getCell('A1').numFmt = '#,##0.00';
    formats.getCell('A2').value = 0.25;
    formats.getCell('A2').numFmt = '0%';
    formats.getCell('A3').value = new Date(Date.UTC(2025, 1, 28));
    formats.getCell('A4').value = 45678;
    formats.getCell('A4').numFmt = 'yyyy"年"m"月"d"日"';
    formats.getCell('A5').value = '2025-02-28';
    const errors = wb.addWorksheet('错误');
    errors.getCell('A1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    errors.getCell('A2').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    const merges = wb.addWorksheet('合并');
    merges.getCell('C1').value = '表头';
    merges.getCell('D1').value = '被合并的格';
    merges.mergeCells('C1:D3');
    for (let r = 5; r <= 20; r++) merges.getCell(`E${r}`).value = r;
    merges.getCell('AB40').value = '边';
    // 71 rows × 26 columns: over the clipping size, reaching past the used range (A1:AB40)
    merges.mergeCells('A30:Z100');
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = '隐藏表';
    wb.addWorksheet('深度隐藏', { state: 'veryHidden' }).getCell('A1').value = '看不见';
    wb.addWorksheet('检查结果').getCell('A1').value = 'gongkai 的输出';

    const grid = await readAll('exceljs写的.xlsx', await bufferOf(wb));
    expect(grid.sheets.map((s) => s.name)).toEqual(['值', '公式', '格式与日期', '错误', '合并', '隐藏']);
    expect(cells(grid, '值')).toEqual({
      A1: { value: '文字 & <符号>' },
      A2: { value: 1234.5 },
      A3: { value: true },
      A4: { value: false },
      A5: { value: '加粗普通' },
      A6: { value: '网站' },
      A7: { value: '  前后有空格  ' },
      A9: { value: 0 },
    });
    expect(cells(grid, '公式')).toEqual({
      A1: { value: 2 },
      B1: { value: 4, formula: 'A1*2' },
      B2: { value: 0, formula: 'A1-2' },
      B3: { value: '合计2', formula: '"合计"&A1' },
      B4: { value: null, formula: 'A9' },
      B5: { value: null, formula: '1/0', error: '#DIV/0!' },
      C1: { value: 6, formula: 'SUM($A$1:B1)' },
      C2: { value: 6, formula: 'SUM($A$1:B2)' },
      C3: { value: 0, formula: 'SUM($A$1:B3)' },
    });
    expect(cells(grid, '格式与日期')).toEqual({
      A1: { value: 1234.5, numFmt: '#,##0.00' },
      A2: { value: 0.25, numFmt: '0%' },
      A3: { value: '2025-02-28', numFmt: 'mm-dd-yy' },
      A4: { value: '2025-01-21', numFmt: 'yyyy"年"m"月"d"日"' },
      A5: { value: '2025-02-28' },
    });
    expect(cells(grid, '错误')).toEqual({ A1: { value: null, error: '#N/A' }, A2: { value: null, error: '#REF!' } });
    const merged = grid.sheets.find((s) => s.name === '合并')!;
    expect(cells(grid, '合并').D1).toBeUndefined();
    expect(merged.merges).toEqual(['C1:D3', 'A30:Z40']);
    expect([merged.rowCount, merged.columnCount]).toEqual([40, 28]);
  });

  it('the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('日期');
    ws.getCell('A1').value = new Date(Date.UTC(2025, 1, 28));
    ws.getCell('A2').value = 0;
    ws.getCell('A2').numFmt = 'yyyy-mm-dd';
    const grid = await readAll('1904.xlsx', await bufferOf(wb));
    expect(cells(grid, '日期')).toEqual({ A1: { value: '2025-02-28', numFmt: 'mm-dd-yy' }, A2: { value: '1904-01-01', numFmt: 'yyyy-mm-dd' } });
  });
});

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface RawSheet {
  name: string;
  data: string;
  tail?: string;
  state?: 'hidden' | 'veryHidden';
}

/** A package written part by part, as other producers write it. */
async function rawWorkbook(sheets: RawSheet[], extra: { strings?: string; styles?: string; workbookPr?: string } = {}): Promise<Buffer> {
  const z = new JSZip();
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  z.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  z.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const list = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('');
  z.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN}>${extra.workbookPr ?? ''}<sheets>${list}</sheets></workbook>`);
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  z.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdY" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  z.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN}>${extra.strings ?? ''}</sst>`);
  z.file('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${MAIN}>${extra.styles ?? '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>'}</styleSheet>`);
  sheets.forEach((s, i) => z.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN}><sheetData>${s.data}</sheetData>${s.tail ?? ''}</worksheet>`));
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('workbooks written as raw XML', () => {
  it('markup that is no content: comments and processing instructions; CDATA is text; entities decoded', async () => {
    const bytes = await rawWorkbook(
      [
        {
          name: '标记',
          data:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><!--<c r="C1"><v>5</v></c>--><?gongkai <c r="D1"><v>6</v></c>?>' +
            '<c r="E1" t="inlineStr"><is><t><![CDATA[甲<乙>]]>丙</t></is></c><c r="F1"><v>1<!-- 注释 -->2</v></c></row>' +
            '<!-- <row r="2"><c r="A2"><v>9</v></c></row> --><row r="3"><c r="A3" t="str"><f>A1&amp;"&lt;"</f><v>行政运行&lt;</v></c><c r="B3" t="inlineStr"><is><t>&#x4e00;&#20108;&amp;&quot;</t></is></c></row>',
        },
      ],
      { strings: '<si><t><![CDATA[行政<运行>&]]></t></si><si><!-- 注释 --><t>一般<!-- 又一个 -->公共</t><?pi 预算?></si>' },
    );
    const grid = await readAll('标记.xlsx', bytes);
    expect(cells(grid, '标记')).toEqual({
      A1: { value: '行政<运行>&' },
      B1: { value: '一般公共' },
      E1: { value: '甲<乙>丙' },
      F1: { value: 12 },
      A3: { value: '行政运行<', formula: 'A1&"<"' },
      B3: { value: '一二&"' },
    });
  });

  it('what other producers write: inline strings, phonetic guides, escapes, shared formulas, typed cells, cells without an address, styles', async () => {
    const bytes = await rawWorkbook(
      [
        {
          name: '其他软件',
          data:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c></row>' +
            '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>2</v></c></row>' +
            '<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>' +
            '<row r="4"><c r="A4"><v>3</v></c><c r="B4"><f t="shared" si="0"/><v>6</v></c><c r="C4" s="1"><v>45678</v></c><c s="2"><v>1234.5</v></c><c s="3"><v>0.5</v></c></row>',
        },
      ],
      {
        strings: '<si><r><t>一般</t></r><r><rPr><b/></rPr><t xml:space="preserve">公共 </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>第一行_x000D_第二行</t></si>',
        styles: '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="4"/><xf numFmtId="10"/></cellXfs>',
      },
    );
    const grid = await readAll('其他软件.xlsx', bytes);
    expect(cells(grid, '其他软件')).toEqual({
      A1: { value: '一般公共 ' },
      B1: { value: '第一行\r第二行' },
      C1: { value: true },
      D1: { value: null, error: '#N/A' },
      A2: { value: 1 },
      B2: { value: 2, formula: 'A2*2' },
      A3: { value: 2 },
      B3: { value: 4, formula: 'A3*2' },
      A4: { value: 3 },
      B4: { value: 6, formula: 'A4*2' },
      C4: { value: '2025-01-21', numFmt: 'yyyy"年"m"月"' },
      D4: { value: 1234.5, numFmt: '#,##0.00' },
      E4: { value: 0.5, numFmt: '0.00%' },
    });
  });

  it('sheets: hidden read, very hidden and 检查结果 left out; merges as written, a large one clipped to the used range', async () => {
    const bytes = await rawWorkbook(
      [
        { name: '可见', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1" t="inlineStr"><is><t>残留</t></is></c></row><row r="3"><c r="A3"><v>1</v></c></row><row r="5"><c r="BA5"><v>2</v></c></row>', tail: '<mergeCells count="3"><mergeCell ref="A1:H1"/><mergeCell ref="A3:AZ4000"/><mergeCell ref="BA100:BZ4000"/></mergeCells>' },
        { name: '隐藏', state: 'hidden', data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: '深度隐藏', state: 'veryHidden', data: '<row r="1"><c r="A1"><v>2</v></c></row>' },
        { name: '检查结果', data: '<row r="1"><c r="A1"><v>3</v></c></row>' },
      ],
      { workbookPr: '<workbookPr date1904="0"/>' },
    );
    const grid = await readAll('工作表.xlsx', bytes);
    expect(grid.sheets.map((s) => s.name)).toEqual(['可见', '隐藏']);
    expect(cells(grid, '可见')).toEqual({ A1: { value: '标题' }, A3: { value: 1 }, BA5: { value: 2 } });
    // A3:AZ4000 (207,948 cells) clipped to the used range A1:BA5; BA100:BZ4000 lies wholly past it
    expect(grid.sheets[0].merges).toEqual(['A1:H1', 'A3:AZ5']);
  });
});

describe('what no reader reads in part: refused, in Chinese, naming the file', () => {
  const refusedByAll = async (file: string, bytes: Buffer, message: RegExp) => {
    for (const r of READERS) await expect(r.read(file, bytes)).rejects.toThrow(message);
  };

  it('an address past XFD1048576, a part missing, a DTD', async () => {
    await refusedByAll('列超出.xlsx', await rawWorkbook([{ name: '表', data: '<row r="1"><c r="XFE1"><v>1</v></c></row>' }]), /列超出\.xlsx 的工作表「表」：单元格地址 XFE1 超出 Excel 的范围/);
    await refusedByAll('行超出.xlsx', await rawWorkbook([{ name: '表', data: '<row r="1048577"><c><v>1</v></c></row>' }]), /行超出\.xlsx 的工作表「表」：行号 1048577 超出 Excel 的范围/);
    const z = await JSZip.loadAsync(await rawWorkbook([{ name: '表', data: '' }]));
    z.remove('xl/worksheets/sheet1.xml');
    await refusedByAll('缺表.xlsx', await z.generateAsync({ type: 'nodebuffer' }), /缺表\.xlsx：工作簿列出了工作表「表」，但文件里缺少它的内容/);
    const dtd = await JSZip.loadAsync(await rawWorkbook([{ name: '表', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>' }]));
    const sheet = await dtd.file('xl/worksheets/sheet1.xml')!.async('string');
    dtd.file('xl/worksheets/sheet1.xml', sheet.replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY x "扩展">]><worksheet'));
    await refusedByAll('DTD.xlsx', await dtd.generateAsync({ type: 'nodebuffer' }), /DTD\.xlsx：xl\/worksheets\/sheet1\.xml 含有文档类型声明/);
  });

  it('a merge over the whole sheet: read clipped, but refused where a workbook model would have to hold it', async () => {
    const bytes = await rawWorkbook([
      { name: '表', data: '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><v>3</v></c></row><row r="40"><c r="A40"><v>4</v></c></row><row r="1048576"><c r="XFD1048576"><v>5</v></c></row>', tail: '<mergeCells count="1"><mergeCell ref="B2:XFD1048576"/></mergeCells>' },
    ]);
    // C2 and XFD1048576 are hidden by the merge: the used range is A1:B40
    const sheet = readGrid('整表合并.xlsx', bytes).sheets[0];
    expect(sheet.merges).toEqual(['B2:B40']);
    expect([sheet.rowCount, sheet.columnCount]).toEqual([40, 2]);
    await expect(loadWorkbookModel('整表合并.xlsx', bytes)).rejects.toThrow(/整表合并\.xlsx 的工作表「表」合并单元格过多或过大（1 处，最大的是 B2:XFD1048576），无法修改后写回/);
  });
});
