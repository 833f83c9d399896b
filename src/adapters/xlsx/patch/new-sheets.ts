// The worksheets gongkai adds, written as parts: the 检查结果 sheet (frozen header, a link to
// each cell, rows coloured by severity), the 情况说明 sheet (one wrapped paragraph a row, A4
// portrait) and the very hidden record sheet.
import { columnLetter, sheetRef } from '../../../core/a1';
import type { ResultsSheet, TextSheet } from '../../../core/commands/plan';
import { MARK_FILLS } from '../../../core/commands/plan';
import type { Book } from './book';
import { NS } from './package';
import { solidFill } from './styles';
import { escapeAttr, escapeText } from './xml-edit';

const HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`;
const WRAP_TOP = '<alignment vertical="top" wrapText="1"/>';

type Value = string | number;

function cellXml(book: Book, ref: string, value: Value | null, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === '') return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${book.strings().indexOf(value)}</v></c>`;
}

function rowXml(r: number, cells: string[]): string {
  return `<row r="${r}">${cells.join('')}</row>`;
}

function colsXml(widths: number[]): string {
  return `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
}

function dimension(rows: number, cols: number): string {
  return `<dimension ref="A1:${columnLetter(Math.max(cols, 1))}${Math.max(rows, 1)}"/>`;
}

export function resultsSheetXml(book: Book, results: ResultsSheet): string {
  const styles = book.styles();
  const bold = styles.derive(0, { bold: true });
  const link = styles.derive(0, { link: true });
  const wrap = styles.derive(0, { alignment: WRAP_TOP });
  const rows: string[] = [rowXml(1, results.columns.map((c, i) => cellXml(book, `${columnLetter(i + 1)}1`, c.header, bold)))];
  results.rows.forEach((row, k) => {
    const r = k + 2;
    const fill = styles.derive(0, { fill: solidFill(MARK_FILLS[row.severity]) });
    const cells = row.cells.map((v, i) => {
      const ref = `${columnLetter(i + 1)}${r}`;
      if (i === 2 && row.link) {
        const target = sheetRef(row.link.sheet, row.link.cell).replace(/"/g, '""');
        const f = `HYPERLINK("#${target}","${row.link.cell}")`;
        return `<c r="${ref}" s="${link}" t="str"><f>${escapeText(f)}</f><v>${escapeText(row.link.cell)}</v></c>`;
      }
      return cellXml(book, ref, v, i === 0 ? fill : i === 4 ? wrap : 0);
    });
    rows.push(rowXml(r, cells));
  });
  if (results.rows.length === 0) rows.push(rowXml(2, [cellXml(book, 'E2', results.empty, 0)]));
  const count = Math.max(results.rows.length, 1) + 1;
  return (
    HEAD +
    dimension(count, results.columns.length) +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    colsXml(results.columns.map((c) => c.width)) +
    `<sheetData>${rows.join('')}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

export function textSheetXml(book: Book, text: TextSheet): string {
  const wrap = book.styles().derive(0, { alignment: WRAP_TOP });
  const rows = text.lines.map((line, i) => rowXml(i + 1, [cellXml(book, `A${i + 1}`, line, wrap)]));
  return (
    HEAD +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    dimension(text.lines.length, 1) +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    colsXml([text.width]) +
    `<sheetData>${rows.join('')}</sheetData>` +
    '<pageMargins left="0.79" right="0.79" top="0.79" bottom="0.79" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${escapeAttr(text.print.orientation)}" fitToWidth="1" fitToHeight="0"/>` +
    '<headerFooter><oddFooter>第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>'
  );
}

export function storeSheetXml(book: Book, lines: string[]): string {
  const rows = lines.map((line, i) => rowXml(i + 1, [cellXml(book, `A${i + 1}`, line, 0)]));
  return `${HEAD}${dimension(lines.length, 1)}<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${rows.join('')}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}
