// Writes change only what they announce: fill, check --annotate, clear and the 情况说明 sheet
// patch the .xlsx package. A workbook with a chart, a chart sheet, a pivot table, a data
// validation, conditional formats, a picture, a note, printer settings, custom XML and defined
// names keeps every part the plan does not touch byte for byte; the touched sheets read back
// (direct reader and exceljs) with exactly what the exceljs applier would have written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { applyBookPlan } from '../src/adapters/exceljs/apply-plan';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { readGrid } from '../src/adapters/node/grid-file';
import { nodeResources } from '../src/adapters/node/templates';
import { patchWorkbook } from '../src/adapters/xlsx/patch/apply-plan';
import { parseSheet, serializeSheet } from '../src/adapters/xlsx/patch/sheet-data';
import { shiftSheetFormulas, shiftSqref } from '../src/adapters/xlsx/patch/insert-rows';
import { fillCommand } from '../src/core/commands/code-tables';
import { emptyPlan } from '../src/core/commands/plan';
import { STORE_SHEET } from '../src/core/commands/store';
import type { WorkbookGrid } from '../src/core/grid';
import { run, tmpDir } from './helpers/cli';
import { CHART_SHEET, richWorkbook, SUMMARY, TABLE } from './helpers/rich-workbook';
import { readWorkbook } from './helpers/workbook';

async function entries(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async('nodebuffer'));
  return out;
}

/** Parts of `after` that differ from `before` (changed or added), and parts that went. */
async function diff(before: Buffer, after: Buffer): Promise<{ changed: string[]; added: string[]; removed: string[] }> {
  const a = await entries(before);
  const b = await entries(after);
  return {
    changed: [...a].filter(([n, x]) => b.has(n) && !b.get(n)!.equals(x)).map(([n]) => n).sort(),
    added: [...b.keys()].filter((n) => !a.has(n)).sort(),
    removed: [...a.keys()].filter((n) => !b.has(n)).sort(),
  };
}

function plain(grid: WorkbookGrid): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of grid.sheets) {
    const cells: Record<string, unknown> = {};
    for (const [r, row] of s.rows) for (const [c, cell] of row) cells[`${r},${c}`] = { v: cell.value, f: cell.formula ?? null };
    out[s.name] = { cells, merges: [...s.merges].sort() };
  }
  return out;
}

let input: Buffer;
let dir: string;
let inputFile: string;

beforeAll(async () => {
  input = await richWorkbook();
  dir = tmpDir();
  inputFile = path.join(dir, 'rich.xlsx');
  fs.writeFileSync(inputFile, input);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('patching an .xlsx', () => {
  it('fill inserts rows: every part it does not touch is byte-identical; the sheets read back as the exceljs applier writes them', async () => {
    const out = path.join(dir, 'filled.xlsx');
    const r = await run(['fill', inputFile, '-o', out, '--year', '2025']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const output = fs.readFileSync(out);
    // the table sheet, the formulas, note, picture, chart series, pivot source and defined
    // name that follow its rows; the new names and their bold style
    expect(await diff(input, output)).toEqual({
      changed: [
        'xl/charts/chart1.xml',
        'xl/charts/chart2.xml',
        'xl/comments1.xml',
        'xl/drawings/drawing1.xml',
        'xl/drawings/vmlDrawing1.vml',
        'xl/pivotCache/pivotCacheDefinition1.xml',
        'xl/sharedStrings.xml',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
      ],
      added: [],
      removed: [],
    });
    // the same plan through the exceljs applier is the reference for every cell
    const { plan } = fillCommand(readGrid(inputFile, input), nodeResources(), inputFile, { year: 2025, catalogGiven: false });
    expect(plan.edits.some((e) => e.op === 'insertRows')).toBe(true);
    const reference = await readWorkbook(input);
    applyBookPlan(reference, plan);
    const want = plain(readWorkbookGrid(await readWorkbook(Buffer.from((await reference.xlsx.writeBuffer()) as ArrayBuffer))));
    expect(plain(readGrid(out, output))).toEqual(want);
    const back = await readWorkbook(output);
    expect(plain(readWorkbookGrid(back))).toEqual(want);

    // what moved with the rows: the note, merge, validation, conditional format, names, series
    const ws = back.getWorksheet(TABLE)!;
    const moved = 6;
    expect(ws.getCell(`B${10 + moved}`).note).toBe('会计的批注');
    expect((ws.model as unknown as { merges: string[] }).merges).toEqual([`B${10 + moved}:C${10 + moved}`]);
    const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(validations[`F${5 + 2}`]).toMatchObject({ type: 'list', formulae: ['"已核,未核"'] });
    expect(Object.keys(validations).sort()).toEqual(['F10', 'F11', 'F12', 'F13', 'F14', 'F7', 'F8', 'F9']);
    expect((ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((c) => c.ref)).toEqual(['C7:E14']);
    expect(back.definedNames.getRanges('金额').ranges).toEqual([`'${TABLE}'!$C$7:$C$14`]);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    expect(ws.getImages()[0].range.tl.nativeRow).toBe(9 + moved);
    const parts = await entries(output);
    expect(parts.get('xl/charts/chart1.xml')!.toString()).toContain(`<c:f>'${TABLE}'!$C$7:$C$14</c:f>`);
    expect(parts.get('xl/pivotCache/pivotCacheDefinition1.xml')!.toString()).toContain('<worksheetSource ref="A3:C14" sheet="表"/>');
    expect(parts.get('xl/workbook.xml')!.toString()).toContain('fullCalcOnLoad="1"');
    expect(parts.get('xl/workbook.xml')!.toString()).toContain(`<sheet name="${CHART_SHEET}"`);
    // formulas on the other sheet follow the table's rows; the cached results are kept
    expect(back.getWorksheet(SUMMARY)!.getCell('B1').formula).toBe(`SUM('${TABLE}'!C7:C14)`);
    expect(back.getWorksheet(SUMMARY)!.getCell('B2').formula).toBe(`'${TABLE}'!C4`);
  });

  it('check --annotate adds marks, notes and its sheets without touching charts, pivots, pictures or settings; clear puts every cell back', async () => {
    const annotated = path.join(dir, 'annotated.xlsx');
    const r = await run(['check', inputFile, '--annotate', annotated, '--year', '2025', '--json']);
    const report = JSON.parse(r.out) as { findings: { sheet: string | null; cell: string | null; severity: string }[] };
    const marked = report.findings.filter((f) => f.sheet && f.cell);
    expect(marked.length).toBeGreaterThan(0);
    const output = fs.readFileSync(annotated);
    const d = await diff(input, output);
    expect(d.removed).toEqual([]);
    const untouched = ['xl/charts/', 'xl/chartsheets/', 'xl/pivot', 'xl/media/', 'xl/printerSettings/', 'customXml/', 'xl/drawings/drawing', 'xl/theme/', 'docProps/core.xml'];
    expect(d.changed.filter((n) => untouched.some((u) => n.startsWith(u)))).toEqual([]);
    // the marked sheet, its notes, styles and strings, the workbook's sheet list, two new sheets
    expect(d.changed.filter((n) => !['xl/worksheets/sheet1.xml', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'docProps/app.xml'].includes(n))).toEqual([]);
    expect(d.added).toEqual(['xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml']);
    const back = await readWorkbook(output);
    for (const f of marked) {
      const cell = back.getWorksheet(f.sheet!)!.getCell(f.cell!);
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(String(cell.note)).toContain('gongkai 检查');
    }
    expect(back.getWorksheet(TABLE)!.getCell('B10').note).toBe('会计的批注');
    const results = back.getWorksheet('检查结果')!;
    expect(results.getCell(2, 3).formula).toBe(`HYPERLINK("#'${marked[0].sheet}'!${marked[0].cell}","${marked[0].cell}")`);
    expect(back.getWorksheet(STORE_SHEET)!.state).toBe('veryHidden');
    expect(plain(readGrid(annotated, output))[TABLE]).toEqual(plain(readGrid(inputFile, input))[TABLE]);

    const cleared = path.join(dir, 'cleared.xlsx');
    expect((await run(['clear', annotated, '-o', cleared])).code).toBe(0);
    const clean = fs.readFileSync(cleared);
    const c = await diff(input, clean);
    expect(c.added).toEqual([]);
    expect(c.removed).toEqual([]);
    expect(c.changed.filter((n) => untouched.some((u) => n.startsWith(u)))).toEqual([]);
    const before = await readWorkbook(input);
    const after = await readWorkbook(clean);
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    for (const ws of before.worksheets) {
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const other = after.getWorksheet(ws.name)!.getCell(cell.address);
          expect({ cell: `${ws.name}!${cell.address}`, style: other.style, note: other.note ?? null, value: other.value }).toEqual({ cell: `${ws.name}!${cell.address}`, style: cell.style, note: cell.note ?? null, value: cell.value });
        }),
      );
    }
    // the marked cells have their own style back (the same style, not a copy of it)
    const sheetXml = (await entries(clean)).get('xl/worksheets/sheet1.xml')!.toString();
    expect(sheetXml).toBe((await entries(input)).get('xl/worksheets/sheet1.xml')!.toString());
  });

  it('the 情况说明 sheet: added on A4 portrait; written again it replaces its earlier self, whose part goes cleanly', async () => {
    const text = { name: '情况说明', lines: ['一、部门职责', '', '二、收支情况'], width: 88, print: { paper: 'A4' as const, orientation: 'portrait' as const } };
    const once = await patchWorkbook(input, { ...emptyPlan(), text });
    expect(once.applied.text).toBe('情况说明');
    const d = await diff(input, once.bytes);
    expect(d.removed).toEqual([]);
    expect(d.added).toEqual(['xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml']);
    expect(d.changed).toEqual(['[Content_Types].xml', 'docProps/app.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml']);
    const sheet = (await entries(once.bytes)).get('xl/worksheets/sheet4.xml')!.toString();
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    const back = await readWorkbook(once.bytes);
    expect(back.getWorksheet('情况说明')!.getCell('A3').value).toBe('二、收支情况');
    expect((await entries(once.bytes)).get('docProps/app.xml')!.toString()).toContain('<vt:lpstr>情况说明</vt:lpstr>');

    const twice = await patchWorkbook(once.bytes, { ...emptyPlan(), text: { ...text, lines: ['新的说明'] } });
    expect(twice.applied.text).toBe('情况说明');
    const again = await readWorkbook(twice.bytes);
    expect(again.worksheets.filter((w) => w.name === '情况说明')).toHaveLength(1);
    expect(new Set(again.worksheets.map((w) => w.name))).toEqual(new Set(back.worksheets.map((w) => w.name)));
    expect(again.getWorksheet('情况说明')!.getCell('A1').value).toBe('新的说明');
    const parts = await entries(twice.bytes);
    // the earlier sheet's part went with its relationship and content type
    const worksheets = [...parts.keys()].filter((n) => n.startsWith('xl/worksheets/sheet'));
    const types = parts.get('[Content_Types].xml')!.toString();
    for (const w of worksheets) expect(types).toContain(`/${w}"`);
    expect(worksheets.length).toBe(5);
    const app = parts.get('docProps/app.xml')!.toString();
    expect(app.split('<vt:lpstr>情况说明</vt:lpstr>').length).toBe(2);
  });
});

describe('the pieces', () => {
  it('a shared formula group on another sheet is written out in full when its references move', () => {
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">表!C4</f><v>1</v></c></row>' +
      '<row r="2"><c r="A2"><f t="shared" si="0"/><v>2</v></c></row>' +
      '<row r="3"><c r="A3"><f t="shared" si="0"/><v>3</v></c></row>' +
      '<row r="4"><c r="B4"><f t="shared" ref="B4:B5" si="1">A4*2</f><v>1</v></c></row>' +
      '<row r="5"><c r="B5"><f t="shared" si="1"/><v>2</v></c></row>' +
      '</sheetData></worksheet>';
    const m = parseSheet(xml);
    expect(shiftSheetFormulas(m, '别的表', { sheet: '表', at: 5, count: 2 })).toBe(true);
    const out = serializeSheet(m);
    // C4 stays, C5 and C6 move down by two; the group of B4:B5 refers to this sheet only: kept
    expect(out).toContain('<c r="A1"><f>表!C4</f>');
    expect(out).toContain('<c r="A2"><f>表!C7</f>');
    expect(out).toContain('<c r="A3"><f>表!C8</f>');
    expect(out).toContain('<f t="shared" ref="B4:B5" si="1">A4*2</f>');
  });

  it('a sheet with nothing to change serialises to the same text', () => {
    const xml = fs.readFileSync(path.join(__dirname, 'fixtures', 'patch', 'sheet-as-excel-writes.xml'), 'utf8');
    expect(serializeSheet(parseSheet(xml))).toBe(xml);
  });

  it('ranges grow when rows are inserted inside them and move when below', () => {
    expect(shiftSqref('A1:B4 C5 D3:D9 E:E', { sheet: 's', at: 5, count: 3 })).toBe('A1:B4 C8 D3:D12 E:E');
  });
});
