// A valid workbook that takes a long time to check: the sample tables and a 情况说明 sheet of many
// sentences, each with figures to verify (on an idle machine, over 40 s for the default size).
import JSZip from 'jszip';
import { writeZip, type Entry } from './zip';
import { sampleWorkbook } from './sample';

function* narrativeSheet(rows: number, sentences: number): Generator<Buffer> {
  yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  for (let from = 1; from <= rows; from += 1000) {
    let xml = '';
    for (let r = from; r < Math.min(rows + 1, from + 1000); r++) {
      const sentence = `${r}. 2025年一般公共预算财政拨款支出${r}.25万元，比上年增加${r % 97}.10万元，增长${r % 13}.5%，主要原因是人员经费增加。`;
      xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${sentence.repeat(sentences)}</t></is></c></row>`;
    }
    yield Buffer.from(xml);
  }
  yield Buffer.from('</sheetData></worksheet>');
}

/** Writes the slow workbook to `file`. */
export async function writeSlowWorkbook(file: string, rows = 60_000, sentences = 12): Promise<void> {
  const zip = await JSZip.loadAsync((await (await sampleWorkbook('budget-2025')).xlsx.writeBuffer()) as ArrayBuffer);
  const entries: Entry[] = [];
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir)) {
    let xml = await zip.file(name)!.async('string');
    if (name === '[Content_Types].xml') xml = xml.replace('</Types>', '<Override PartName="/xl/worksheets/narrative.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
    if (name === 'xl/_rels/workbook.xml.rels') xml = xml.replace('</Relationships>', '<Relationship Id="rIdNarrative" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/narrative.xml"/></Relationships>');
    if (name === 'xl/workbook.xml') xml = xml.replace('</sheets>', '<sheet name="情况说明" sheetId="99" r:id="rIdNarrative"/></sheets>');
    entries.push({ name, chunks: xml });
  }
  entries.push({ name: 'xl/worksheets/narrative.xml', chunks: narrativeSheet(rows, sentences) });
  writeZip(file, entries);
}
