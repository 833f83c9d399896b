// Findings on a PDF's sheets located on the page: the page, the cell's box and its printed text,
// and the label of its row (the first text cell), so a reader finds it without the grid.
import { parseAddress } from '../a1';
import type { Report } from '../check/finding';
import { textAt, type WorkbookGrid } from '../grid';
import type { PdfLayout } from './layout';

export function locateFindings(report: Report, layout: PdfLayout): void {
  const sheets = new Map<string, WorkbookGrid['sheets'][number]>(layout.grid.sheets.map((s) => [s.name, s]));
  for (const f of report.findings) {
    if (!f.sheet || !f.cell) continue;
    const box = layout.boxes.get(f.sheet)?.get(f.cell);
    const sheet = sheets.get(f.sheet);
    if (!box || !sheet) continue;
    const { row, col } = parseAddress(f.cell);
    let label = '';
    for (let c = 1; c <= sheet.columnCount && !label; c++) {
      const t = textAt(sheet, row, c);
      if (t && !/^[-\d,.()（）]+$/.test(t)) label = t;
    }
    f.location = { page: box.page, box: [box.x0, box.y0, box.x1, box.y1], text: textAt(sheet, row, col), row: label || null };
  }
}

/**
 * Where a cell of a PDF sheet is printed: its page and box; a cell printed blank has no box, so
 * the page its row is printed on (from the row's other cells); undefined when neither is known.
 */
export function locateCell(layout: PdfLayout, sheet: string, cell: string): { page: number; box?: [number, number, number, number] } | undefined {
  const boxes = layout.boxes.get(sheet);
  const b = boxes?.get(cell);
  if (b) return { page: b.page, box: [b.x0, b.y0, b.x1, b.y1] };
  const { row } = parseAddress(cell);
  for (const [other, near] of boxes ?? []) if (parseAddress(other).row === row) return { page: near.page };
  return undefined;
}
