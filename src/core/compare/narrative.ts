// The PDF's 情况说明 against the workbook: of the narrative check's findings, those where a figure
// the text states is not the workbook table's, each with its paragraph's text and the table cell
// it should equal.
import { columnNumber } from '../a1';
import type { Finding } from '../check/finding';
import { getCell, type WorkbookGrid } from '../grid';
import type { Paragraph } from '../narrative/findings';

/** Rules whose finding is a figure of the text that differs from the tables. */
const FIGURE_RULES = new Set(['narrative.amount', 'narrative.share', 'narrative.share-total', 'narrative.sum']);

export interface NarrativeFigure {
  finding: Finding;
  /** The paragraph of the PDF the figure is printed in. */
  paragraph: string;
  /** The workbook cell the figure should equal, when the finding names one. */
  table: { sheet: string; cell: string; text: string } | null;
}

const REF = /^'((?:[^']|'')+)'!\$?([A-Z]{1,3})\$?(\d+)$/;

export function narrativeFigures(findings: Finding[], paragraphs: Paragraph[], workbook: WorkbookGrid): NarrativeFigure[] {
  const texts = new Map(paragraphs.map((p) => [`${p.sheet}\n${p.cell}`, p.text]));
  const sheets = new Map(workbook.sheets.map((s) => [s.name, s]));
  const out: NarrativeFigure[] = [];
  for (const f of findings) {
    // a 尾差 within rounding (a notice) is no difference between the two documents
    if (!FIGURE_RULES.has(f.rule) || f.severity === 'notice' || !f.sheet || !f.cell) continue;
    let table: NarrativeFigure['table'] = null;
    for (const ref of f.cells) {
      const m = REF.exec(ref);
      const sheet = m ? sheets.get(m[1].replace(/''/g, "'")) : undefined;
      if (!m || !sheet) continue;
      const cell = `${m[2]}${m[3]}`;
      const value = getCell(sheet, Number(m[3]), columnNumber(m[2]))?.value;
      table = { sheet: sheet.name, cell, text: value === null || value === undefined ? '' : String(value) };
      break;
    }
    out.push({ finding: f, paragraph: texts.get(`${f.sheet}\n${f.cell}`) ?? '', table });
  }
  return out;
}

