// The patcher's notes and rows, beyond cells: annotate then clear leaves a user's notes parts byte
// for byte and takes away the notes parts it made; a user's threaded comments and persons are
// never touched; fill moves frozen panes and sparklines with the rows, as Excel does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { run, tmpDir } from './helpers/cli';
import { richWorkbook, TABLE } from './helpers/rich-workbook';
import { strippedWorkbook } from './helpers/strip';

const dir = tmpDir('patch-notes');
const at = (name: string) => path.join(dir, name);

async function parts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, string>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('string'));
  return out;
}

/** The workbook with its parts changed by `edit` (name → text, or null to leave out). */
async function edited(bytes: Buffer, edit: (get: (name: string) => string) => Record<string, string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir && /\.(xml|rels|vml)$/.test(name)) texts.set(name, await f.async('string'));
  for (const [name, text] of Object.entries(edit((n) => texts.get(n) ?? ''))) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function annotateThenClear(input: string): Promise<{ annotated: Map<string, string>; cleared: Map<string, string> }> {
  const annotated = `${input}.marked.xlsx`;
  const cleared = `${input}.cleared.xlsx`;
  const a = await run(['check', input, '--annotate', annotated, '--year', '2025']);
  expect(a.code).toBe(1);
  expect((await run(['clear', annotated, '-o', cleared])).code).toBe(0);
  return { annotated: await parts(annotated), cleared: await parts(cleared) };
}

/** A table with no notes whose 合计 C4 is wrong: check marks it. */
function wrongTotal() {
  return strippedWorkbook({
    title: '一般公共预算支出表',
    unit: '万元',
    columns: ['合计', '基本支出', '项目支出'],
    rows: [
      { code: '2010301', name: '', amounts: [386.42, 386.42, 0] },
      { code: '2010302', name: '一般行政管理事务', amounts: [58.6, 0, 58.6] },
    ],
    total: [999, 386.42, 58.6],
  });
}

const THREADED_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';
const THREADED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="${THREADED_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><threadedComment ref="B10" dT="2025-03-01T08:00:00.00" personId="{2D1F4A1C-0000-4000-8000-000000000001}" id="{5B0E2C11-0000-4000-8000-000000000002}"><text>请核对这一行</text></threadedComment></ThreadedComments>`;
const PERSONS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="${THREADED_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><person displayName="张会计" id="{2D1F4A1C-0000-4000-8000-000000000001}" userId="zhang@example.org" providerId="AD"/></personList>`;

it('a user\'s notes parts come back byte for byte after annotate and clear; threaded comments and persons are never touched', async () => {
  const input = at('threaded.xlsx');
  fs.writeFileSync(
    input,
    await edited(await richWorkbook(), (get) => ({
      'xl/threadedComments/threadedComment1.xml': THREADED,
      'xl/persons/person.xml': PERSONS,
      'xl/worksheets/_rels/sheet1.xml.rels': get('xl/worksheets/_rels/sheet1.xml.rels').replace('</Relationships>', '<Relationship Id="rIdThread" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>'),
      'xl/_rels/workbook.xml.rels': get('xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rIdPerson" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>'),
      '[Content_Types].xml': get('[Content_Types].xml').replace(
        '</Types>',
        '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/><Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/></Types>',
      ),
    })),
  );
  const before = await parts(input);
  const { annotated, cleared } = await annotateThenClear(input);
  // marked: our notes were added to the sheet's notes, the thread and its people were left alone
  expect(annotated.get('xl/comments1.xml')).not.toBe(before.get('xl/comments1.xml'));
  for (const p of [annotated, cleared]) {
    expect(p.get('xl/threadedComments/threadedComment1.xml')).toBe(THREADED);
    expect(p.get('xl/persons/person.xml')).toBe(PERSONS);
    expect(p.get('xl/worksheets/_rels/sheet1.xml.rels')).toContain('Target="../threadedComments/threadedComment1.xml"');
    expect(p.get('xl/_rels/workbook.xml.rels')).toContain('Target="persons/person.xml"');
    expect(p.get('[Content_Types].xml')).toContain('/xl/threadedComments/threadedComment1.xml');
  }
  // cleared: the user's notes and their drawing exactly as they were
  for (const name of ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet1.xml.rels', '[Content_Types].xml', 'xl/worksheets/sheet1.xml']) {
    expect({ name, text: cleared.get(name) }).toEqual({ name, text: before.get(name) });
  }
});

it.each([['with'], ['without']])('the notes parts annotate made on a sheet without notes go with clear, links and content types too (a workbook %s a VML content type)', async (vml) => {
  const input = at(`plain-${vml}.xlsx`);
  const book = wrongTotal();
  const bytes = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
  // exceljs declares .vml always; Excel only with a drawing
  fs.writeFileSync(input, vml === 'with' ? bytes : await edited(bytes, (get) => ({ '[Content_Types].xml': get('[Content_Types].xml').replace(/<Default Extension="vml"[^>]*\/>/, '') })));
  const before = await parts(input);
  expect([...before.keys()].some((n) => /comments|\.vml$/.test(n))).toBe(false);
  const { annotated, cleared } = await annotateThenClear(input);
  expect([...annotated.keys()].filter((n) => /comments|\.vml$/.test(n)).sort()).toEqual(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
  expect([...cleared.keys()].sort()).toEqual([...before.keys()].sort());
  for (const name of ['[Content_Types].xml', 'xl/worksheets/sheet1.xml']) expect({ name, text: cleared.get(name) }).toEqual({ name, text: before.get(name) });
  expect(cleared.get('xl/worksheets/_rels/sheet1.xml.rels') ?? '').not.toMatch(/comments|vmlDrawing/);
});

it('fill: frozen panes over the inserted rows grow by them; sparklines follow their rows', async () => {
  const input = at('panes.xlsx');
  const SPARK_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
  const sparkline = (data: string, cell: string) => `<x14:sparkline><xm:f>${data}</xm:f><xm:sqref>${cell}</xm:sqref></x14:sparkline>`;
  const ext =
    `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${SPARK_NS}"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
    `<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines>${sparkline(`${TABLE}!C5:E5`, 'G5')}${sparkline(`${TABLE}!C8:E8`, 'G8')}${sparkline(`${TABLE}!C3:E3`, 'G3')}</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`;
  fs.writeFileSync(
    input,
    await edited(await richWorkbook(), (get) => {
      let sheet = get('xl/worksheets/sheet1.xml').replace(/<sheetViews>[\s\S]*?<\/sheetViews>|<sheetViews\/>/, '');
      sheet = sheet.replace('<sheetFormatPr', '<sheetViews><sheetView workbookViewId="0"><pane ySplit="12" topLeftCell="A13" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr');
      // into the sheet's extension list, or a new one at the end
      sheet = sheet.includes('<extLst>') ? sheet.replace('<extLst>', ext.slice(0, -'</extLst>'.length)) : sheet.replace('</worksheet>', `${ext}</worksheet>`);
      return { 'xl/worksheets/sheet1.xml': sheet };
    }),
  );
  const before = (await parts(input)).get('xl/worksheets/sheet1.xml')!;
  expect(before).toContain('<pane ySplit="12" topLeftCell="A13"');
  expect(before).toContain('<xm:sqref>G8</xm:sqref>');
  const out = at('panes-filled.xlsx');
  const r = await run(['fill', input, '-o', out, '--year', '2025']);
  expect(r.code).toBe(0);
  const sheet = (await parts(out)).get('xl/worksheets/sheet1.xml')!;
  // the table's rows 5 and 8 are rows 7 and 14 after fill (6 rows inserted, 2 of them above row 5)
  expect(sheet).toContain('<pane ySplit="18" topLeftCell="A19" activePane="bottomLeft" state="frozen"/>');
  expect(sheet).toContain(sparkline(`${TABLE}!C7:E7`, 'G7'));
  expect(sheet).toContain(sparkline(`${TABLE}!C14:E14`, 'G14'));
  expect(sheet).toContain(sparkline(`${TABLE}!C3:E3`, 'G3'));
});

it('fill: a frozen header above the inserted rows stays as it is', async () => {
  const input = at('header.xlsx');
  fs.writeFileSync(
    input,
    await edited(await richWorkbook(), (get) => ({
      'xl/worksheets/sheet1.xml': get('xl/worksheets/sheet1.xml')
        .replace(/<sheetViews>[\s\S]*?<\/sheetViews>|<sheetViews\/>/, '')
        .replace('<sheetFormatPr', '<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr'),
    })),
  );
  const out = at('header-filled.xlsx');
  expect((await run(['fill', input, '-o', out, '--year', '2025'])).code).toBe(0);
  expect((await parts(out)).get('xl/worksheets/sheet1.xml')).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
});

it('a marked cell that has a user\'s note keeps that note as it is (text and author); clear leaves the notes parts byte for byte', async () => {
  const input = at('user-note-on-mark.xlsx');
  const book = wrongTotal();
  book.getWorksheet(TABLE)!.getCell('C4').note = '会计：合计待核';
  fs.writeFileSync(input, Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer));
  const before = await parts(input);
  const userComment = /<comment ref="C4"[\s\S]*?<\/comment>/.exec(before.get('xl/comments1.xml')!)![0];
  const { annotated, cleared } = await annotateThenClear(input);
  const marked = annotated.get('xl/comments1.xml')!;
  // C4 was marked (its fill changed) but its note is the user's, untouched
  expect(/<c r="C4" s="(\d+)"/.exec(annotated.get('xl/worksheets/sheet1.xml')!)?.[1]).not.toBe(/<c r="C4" s="(\d+)"/.exec(before.get('xl/worksheets/sheet1.xml')!)?.[1]);
  expect(marked).toContain(userComment);
  expect(marked).not.toMatch(/<comment ref="C4"[^>]*>(?:(?!<\/comment>)[\s\S])*gongkai 检查/);
  for (const name of ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/sheet1.xml']) {
    expect({ name, text: cleared.get(name) }).toEqual({ name, text: before.get(name) });
  }
});
