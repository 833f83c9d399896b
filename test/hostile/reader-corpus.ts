// Hostile workbooks for the readers: the sample budget with one part changed at the XML level, so
// each file is a real set of tables with one defect — markup that is no content, parts that are
// missing, duplicated or outside the package, addresses at and past the grid's edge, merges and
// titles in the tens of thousands, text that made the old scanners backtrack.
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleWorkbook } from '../helpers/sample';
import { type Entry, repeat, writeZip } from '../helpers/zip';

export interface ReaderCase {
  file: string;
  /** The message of the refusal (exit 2), or null when the file is read and checked. */
  refuse: RegExp | null;
  /** For a file that is checked: a finding it must report ("rule@cell"), so the defect hid nothing. */
  finding?: string;
}

/** The sheet of 预算05表 一般公共预算支出表 in the sample (D9 is a 项 row's 基本支出). */
const T05 = 'xl/worksheets/sheet5.xml';

export async function samplePackage(): Promise<Map<string, Buffer>> {
  const wb = await sampleWorkbook('budget-2025');
  const zip = await JSZip.loadAsync(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const parts = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) parts.set(name, await f.async('nodebuffer'));
  return parts;
}

export function writeParts(file: string, parts: Map<string, Buffer>, extra: Entry[] = []): void {
  writeZip(file, [...[...parts].map(([name, b]) => ({ name, chunks: [b] })), ...extra]);
}

function edit(parts: Map<string, Buffer>, name: string, change: (xml: string) => string): Map<string, Buffer> {
  const out = new Map(parts);
  const xml = parts.get(name)!.toString('utf8');
  const changed = change(xml);
  if (changed === xml) throw new Error(`the edit of ${name} changed nothing`);
  out.set(name, Buffer.from(changed, 'utf8'));
  return out;
}

/** Rows appended to a sheet's data. */
const appendRows = (rows: string) => (xml: string) => xml.replace('</sheetData>', `${rows}</sheetData>`);

export async function buildReaderCorpus(dir: string): Promise<ReaderCase[]> {
  fs.mkdirSync(dir, { recursive: true });
  const parts = await samplePackage();
  const cases: ReaderCase[] = [];
  const add = (name: string, p: Map<string, Buffer>, refuse: RegExp | null, finding?: string, extra: Entry[] = []) => {
    writeParts(path.join(dir, name), p, extra);
    cases.push({ file: path.join(dir, name), refuse, finding });
  };
  // D9 shows 999,999 in Excel; a copy with the right figure hides in a comment or a processing instruction
  const wrongD9 = (hide: (cell: string) => string) => (xml: string) => xml.replace('<c r="D9" s="6"><v>386.42</v></c>', `<c r="D9" s="6"><v>999999</v></c>${hide('<c r="D9" s="6"><v>386.42</v></c>')}`);
  add('注释里的单元格.xlsx', edit(parts, T05, wrongD9((c) => `<!--${c}-->`)), null, 'row.sum@C9');
  add('处理指令里的单元格.xlsx', edit(parts, T05, wrongD9((c) => `<?gongkai ${c}?>`)), null, 'row.sum@C9');
  // a name as CDATA is the name, not "<![CDATA[…" text
  add('CDATA文字.xlsx', edit(parts, 'xl/sharedStrings.xml', (xml) => xml.replace('<t>行政运行</t>', '<t><![CDATA[行政运行]]></t>')), null);
  // a second copy of 05表 with the wrong figure: Excel reads the last copy, the first one looks right
  add('重复的部件.xlsx', parts, /重复/, undefined, [{ name: T05, chunks: [edit(parts, T05, wrongD9(() => '')).get(T05)!] }]);
  const without = new Map(parts);
  without.delete(T05);
  add('缺少工作表部件.xlsx', without, /缺少|找不到/);
  add(
    '外部工作表.xlsx',
    edit(parts, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('Target="worksheets/sheet5.xml"', 'Target="http://example.invalid/sheet5.xml" TargetMode="External"')),
    /外部/,
  );
  // the last cell of the grid is read (in bounded time) and hides nothing: D9 is wrong
  add('右下角单元格.xlsx', edit(edit(parts, T05, wrongD9(() => '')), T05, appendRows('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>角</t></is></c></row>')), null, 'row.sum@C9');
  add('行号超出.xlsx', edit(parts, T05, appendRows('<row r="1048577"><c r="A1048577"><v>1</v></c></row>')), /超出/);
  add('列号超出.xlsx', edit(parts, T05, appendRows('<row r="30"><c r="ZZZZZZ30"><v>1</v></c></row>')), /超出/);
  add('整表合并.xlsx', edit(parts, T05, (xml) => xml.replace('<mergeCells count="6">', '<mergeCells count="7"><mergeCell ref="A30:XFD1048576"/>')), null);
  add('合并加右下角.xlsx', edit(edit(parts, T05, (xml) => xml.replace('<mergeCells count="6">', '<mergeCells count="7"><mergeCell ref="F30:XFD1048576"/>')), T05, appendRows('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')), null);
  // 30,000 one-row merges below the table, each with text in it
  let rows = '';
  let merges = '';
  for (let r = 40; r < 30_040; r++) {
    rows += `<row r="${r}"><c r="F${r}" t="inlineStr"><is><t>附注${r}</t></is></c></row>`;
    merges += `<mergeCell ref="F${r}:H${r}"/>`;
  }
  add('三万个合并.xlsx', edit(parts, T05, (xml) => appendRows(rows)(xml).replace('<mergeCells count="6">', `<mergeCells count="30006">${merges}`)), null);
  // 20,000 rows naming a table, each alone between blank rows: a pasted 目录 gone wrong
  let titles = '';
  for (let r = 40; r < 40_040; r += 2) titles += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${r % 4 ? '一般公共预算支出表' : '部门收支总表'}</t></is></c></row>`;
  add('两万个标题.xlsx', edit(parts, T05, appendRows(titles)), null);
  // phonetic guides never closed
  add('未闭合的rPh.xlsx', edit(parts, 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', `<si><t>注音</t>${'<rPh sb="0" eb="1"><t>x</t>'.repeat(3000)}</si></sst>`)), null);
  // 6,000 more 项 rows in 05表, each with four findings: more than a report lists
  let noise = '';
  const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  for (let r = 27; r < 6_027; r++) noise += `<row r="${r}">${text(`A${r}`, '2010301')}${text(`B${r}`, '行政运行')}${text(`D${r}`, '约一万')}${text(`E${r}`, '#REF!')}</row>`;
  add('六千行文字金额.xlsx', edit(parts, T05, appendRows(noise)), null, 'report.truncated@');
  return cases;
}

/** A .docx whose document.xml is `xml`; `bomb` makes it inflate to a gigabyte instead. */
export function writeDocx(file: string, xml: string | null): void {
  const body = xml === null ? repeat(Buffer.alloc(1024 * 1024, 0x20), 1024) : xml;
  writeZip(file, [
    { name: '[Content_Types].xml', chunks: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'word/document.xml', chunks: body },
  ]);
}
