// A disclosure PDF's text, as the core's workbook: one sheet per table (rows from baselines,
// columns from where the figures stand under the header), one per text section (paragraphs).
// Pure: the caller supplies positioned text runs (pdfjs in the adapter, generated runs in tests).
import { address } from '../a1';
import { newGrid, setCell, squash, type Grid, type WorkbookGrid } from '../grid';
import { hasNumber, isFurniture, isHeading, isLabel, isMeta, isNote, isNumberText, isProse, isTitle, lineText } from './classify';
import { type Cell, joinText, type Line, pageLines, type PdfPage, splitAmounts, unjustify } from './lines';

/** Where a cell is printed: its page and its box in PDF user space (origin bottom left, points). */
export interface PdfBox {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfLayout {
  grid: WorkbookGrid;
  /** sheet → cell address → where it is printed. */
  boxes: Map<string, Map<string, PdfBox>>;
  pageCount: number;
}

interface TableBlock {
  type: 'table';
  page: number;
  label?: Line;
  title: Line;
  meta: Line[];
  header: Line[];
  body: Line[];
  notes: Line[];
  phase: 'meta' | 'header' | 'body' | 'notes';
}

interface TextBlock {
  type: 'text';
  page: number;
  heading?: Line;
  lines: Line[];
}

/** Reads the pages' text into sheets. */
export function layoutPages(pages: PdfPage[]): PdfLayout {
  const heights = new Map(pages.map((p) => [p.number, p.height]));
  const blocks = segment(pages);
  const grid: WorkbookGrid = { sheets: [] };
  const boxes = new Map<string, Map<string, PdfBox>>();
  const names = new Set<string>();
  for (const block of blocks) {
    const heading = block.type === 'table' ? lineText(block.title) : block.heading ? lineText(block.heading) : '正文';
    let name = `第${block.page}页 ${squash(heading).slice(0, 40)}`;
    for (let i = 2; names.has(name); i++) name = `第${block.page}页 ${squash(heading).slice(0, 40)}（${i}）`;
    names.add(name);
    const sheet = newGrid(name);
    const where = new Map<string, PdfBox>();
    const put = (row: number, col: number, text: string, cells: Cell[], page: number) => {
      setCell(sheet, row, col, { value: text });
      where.set(address(row, col), boxOf(cells, page, heights.get(page) ?? 0));
    };
    if (block.type === 'table') tableSheet(block, sheet, put);
    else textSheet(block, put);
    grid.sheets.push(sheet);
    boxes.set(name, where);
  }
  return { grid, boxes, pageCount: pages.length };
}

type Put = (row: number, col: number, text: string, cells: Cell[], page: number) => void;

function boxOf(cells: Cell[], page: number, height: number): PdfBox {
  const x0 = Math.min(...cells.map((c) => c.x0));
  const x1 = Math.max(...cells.map((c) => c.x1));
  const top = Math.min(...cells.map((c) => c.y - c.size));
  const bottom = Math.max(...cells.map((c) => c.yEnd + c.size * 0.25));
  const r = (n: number) => Math.round(n * 100) / 100;
  return { page, x0: r(x0), y0: r(height - bottom), x1: r(x1), y1: r(height - top) };
}

/** Lines to blocks: tables (title, 编制单位, header, body over pages, notes) and text sections. */
function segment(pages: PdfPage[]): (TableBlock | TextBlock)[] {
  const blocks: (TableBlock | TextBlock)[] = [];
  let table: TableBlock | null = null;
  let text: TextBlock | null = null;
  const pageText = dropOverflow(pages.map((page) => pageLines(page).filter((l) => !isFurniture(l, page))));
  for (const [p, page] of pages.entries()) {
    const lines = pageText[p];
    let start = 0;
    if (table) {
      // a table continued: its repeated title, label, 编制单位 and header lines dropped
      const repeated = new Set([table.title, table.label, ...table.meta, ...table.header].filter((l): l is Line => Boolean(l)).map((l) => squash(lineText(l))));
      while (start < lines.length && repeated.has(squash(lineText(lines[start])))) start++;
      const first = lines[start];
      const tabular = lines.slice(start, start + 3).some((l) => l.cells.length >= 2 || hasNumber(l));
      const continues = first && !isTitle(first) && !isLabel(first) && !endsTable(table, first, page) && tabular;
      if (!continues) table = null;
      else if (table.phase === 'notes') table.phase = 'body';
    }
    let label: Line | undefined;
    for (let i = start; i < lines.length; i++) {
      const line = lines[i];
      if (isLabel(line) && lines[i + 1] && isTitle(lines[i + 1]) && tableFollows(lines, i + 2, page)) {
        label = line;
        continue;
      }
      if (isTitle(line) && tableFollows(lines, i + 1, page)) {
        table = { type: 'table', page: page.number, label, title: line, meta: [], header: [], body: [], notes: [], phase: 'meta' };
        blocks.push(table);
        label = undefined;
        text = null;
        continue;
      }
      if (table && tableTakes(table, line, page)) continue;
      table = null;
      if (isHeading(line, page) || !text) {
        text = { type: 'text', page: page.number, heading: isHeading(line, page) ? line : undefined, lines: [] };
        blocks.push(text);
        if (text.heading) continue;
      }
      text.lines.push(line);
    }
  }
  return blocks;
}

/** Running text that overflows its box at the foot of a page, clipped there and printed again at
 * the top of the next: the text layer has it twice; the copy on the earlier page is dropped. */
function dropOverflow(pages: Line[][]): Line[][] {
  const key = (l: Line) => squash(lineText(l));
  return pages.map((lines, p) => {
    const next = pages[p + 1];
    if (!next) return lines;
    for (let m = Math.min(lines.length, next.length); m >= 1; m--) {
      const tail = lines.slice(lines.length - m);
      if (tail.every((l, i) => key(l) === key(next[i])) && tail.some((l) => key(l).length > 20)) return lines.slice(0, lines.length - m);
    }
    return lines;
  });
}

/** A title heads a table when lines of several cells follow before anything else does. */
function tableFollows(lines: Line[], from: number, page: PdfPage): boolean {
  for (let j = from; j < Math.min(lines.length, from + 10); j++) {
    const l = lines[j];
    if (isTitle(l) || isLabel(l) || isProse(l, page)) return false;
    if (l.cells.length >= 2 && !isMeta(l)) return true;
  }
  return false;
}

/** A section heading (a centred line in a larger type than the table's) or running text after a table. */
function endsTable(table: TableBlock, line: Line, page: PdfPage): boolean {
  if (isProse(line, page)) return true;
  const ref = table.body[table.body.length - 1] ?? table.header[table.header.length - 1];
  return isHeading(line, page) && (!ref || line.size > ref.size * 1.15 || (ref.page === line.page && line.y - ref.y > 4 * ref.size));
}

/** Adds the line to the table if it belongs there; false when the table has ended. */
function tableTakes(table: TableBlock, line: Line, page: PdfPage): boolean {
  if (table.phase === 'meta' && isMeta(line)) {
    table.meta.push(line);
    return true;
  }
  if (isNote(line)) {
    table.notes.push(line);
    table.phase = 'notes';
    return true;
  }
  if (table.phase === 'notes') {
    if (line.cells.length === 1 && !isHeading(line, page) && !isTitle(line)) {
      table.notes.push(line);
      return true;
    }
    return false;
  }
  line = { ...line, cells: line.cells.flatMap(splitAmounts) };
  if (table.phase === 'meta' || table.phase === 'header') {
    const last = table.header[table.header.length - 1];
    if (!hasNumber(line) && (!last || (line.page === last.page && line.y - last.y < 3 * Math.max(line.size, last.size)))) {
      table.header.push(line);
      table.phase = 'header';
      return true;
    }
  }
  if (endsTable(table, line, page)) return false;
  table.body.push(line);
  table.phase = 'body';
  return true;
}

// ---- a table's grid ----

interface Lane {
  x0: number;
  x1: number;
  numeric: boolean;
}

interface HeaderCell extends Cell {
  line: number;
  page: number;
  cells: Cell[];
  /** The line its printed cell reaches up to: its own, or a line above when it is centred beside
   * the cells of lines above (合计 beside "三公"经费 | 公务用车购置及运行费 over its parts). */
  reach: number;
}

interface Slot {
  x0: number;
  x1: number;
  lanes: Lane[];
}

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
const gap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.max(0, Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1));

function tableSheet(block: TableBlock, sheet: Grid, put: Put): void {
  const { header: headLines, body } = reclaimLabel(block.header, block.body);
  const rows = bodyRows(body);
  const all = [...headLines, ...body].flatMap((l) => l.cells);
  const width = all.length ? Math.max(...all.map((c) => c.x1)) - Math.min(...all.map((c) => c.x0)) : 0;
  const wide = (c: Cell) => c.x1 - c.x0 > width * 0.4 && !isNumberText(c.text);
  // a 栏次 row is centred under the headers, not where the figures and labels stand
  const numbering = new Set(rows.filter(isNumbering).flatMap((r) => r.cells.filter((c) => !wide(c))));
  const lanes = buildLanes(rows.flatMap((r) => r.cells.filter((c) => !wide(c) && !numbering.has(c))));
  const header = headerCells(headLines);
  const below = (h: HeaderCell) => header.filter((o) => o.line > h.line && overlap(o, h) > 0);
  const bottom = header.filter((h) => !below(h).length);
  // a bottom cell over no figures, centred above lower header cells (ones no other cell stands over):
  // a parent that touches none of them
  const free = (o: HeaderCell, h: HeaderCell) => !header.some((p) => p !== h && p.line < o.line && p.line >= h.line && overlap(p, o) > 0);
  // (with such cells on both sides: a cell beside a parent's children is not one)
  const mid = (c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2;
  const lower = (h: HeaderCell) => header.filter((o) => o.line > h.line && within(zone(header, h), o) && free(o, h));
  const centred = bottom.filter((h) => lower(h).some((o) => mid(o) < mid(h)) && lower(h).some((o) => mid(o) > mid(h)));
  // (figures right-aligned beside a lower header cell, within a character of it, are that cell's)
  const owned = (l: Lane, h: HeaderCell) => bottom.some((o) => !centred.includes(o) && (overlap(l, o) > 0 || (o.line > h.line && gap(l, o) < o.size)));
  const floating = new Set(centred.filter((h) => !lanes.some((l) => overlap(l, h) > 0 && !owned(l, h))));
  setReach(header, new Set(bottom.filter((h) => !floating.has(h))));
  // each lane under the bottom header cell it stands below, or the nearest one
  const leafOf = new Map<Lane, HeaderCell>();
  for (const lane of lanes) {
    const score = (h: HeaderCell) => (overlap(lane, h) > 0 ? overlap(lane, h) : -gap(lane, h));
    let candidates = bottom.filter((h) => !floating.has(h));
    // an amount under no header cell is printed flush right in its column: its header is centred to its left
    // (a label under none, flush left: its header is centred to its right)
    const side = candidates.filter((h) => (lane.numeric ? (h.x0 + h.x1) / 2 < lane.x1 : (h.x0 + h.x1) / 2 > lane.x0));
    if (side.length && !candidates.some((h) => overlap(lane, h) > 0)) candidates = side;
    const leaf = candidates.sort((a, b) => score(b) - score(a))[0];
    if (leaf) leafOf.set(lane, leaf);
  }
  const slots: (Slot & { leaf?: HeaderCell })[] = lanes.map((l) => ({ x0: l.x0, x1: l.x1, lanes: [l], leaf: leafOf.get(l) }));
  // a header cell over no figures and no other header cell: an empty column of its own
  for (const h of header) if (![...leafOf.values()].includes(h) && !below(h).length && !floating.has(h)) slots.push({ x0: h.x0, x1: h.x1, lanes: [], leaf: h });
  slots.sort((a, b) => (a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2);
  const colCount = Math.max(slots.length, 1);

  let row = 1;
  if (block.label) put(row++, 1, lineText(block.label), block.label.cells, block.label.page);
  put(row++, 1, unjustify(lineText(block.title)), block.title.cells, block.title.page);
  for (const m of block.meta) {
    m.cells.forEach((c, i) => put(row, i === 0 ? 1 : Math.max(colCount - (m.cells.length - 1 - i), 2), c.text, [c], m.page));
    row++;
  }
  // header: one row per printed line a cell starts on, each cell over the columns of the cells under it
  const headerTop = row;
  const starts = [...new Set(header.map((h) => h.reach))].sort((a, b) => a - b);
  const lineCount = starts.length;
  const spans = new Map<HeaderCell, number[]>();
  for (const h of header) if (slots.some((s) => s.leaf === h)) spans.set(h, slots.flatMap((s, i) => (s.leaf === h ? [i] : [])));
  const rowOf = (line: number) => headerTop + starts.filter((s) => s <= line).length - 1;
  const ownSpan = (h: HeaderCell): number[] => {
    const span = below(h).flatMap((o) => spans.get(o) ?? []);
    // a parent centred over its columns: the columns of its share of the line headed lower down
    // (not those of cells printed beside it, reaching up to its line)
    if (span.length || floating.has(h)) span.push(...slots.flatMap((s, i) => (within(zone(header, h), s) && s.leaf && s.leaf.line > h.line && s.leaf.reach > h.line ? [i] : [])));
    return span;
  };
  const order = [...header].sort((a, b) => b.line - a.line);
  for (const [k, h] of order.entries()) {
    let span = slots.flatMap((s, i) => (s.leaf === h ? [i] : []));
    const leaf = span.length > 0;
    if (!leaf) {
      // the parents of a line first each take their own columns, then keep clear of one another's
      if (k === 0 || order[k - 1].line !== h.line) for (const o of order) if (o.line === h.line && !spans.has(o)) spans.set(o, ownSpan(o));
      span = contiguous(spans.get(h) ?? [], h, header, spans);
    }
    if (!span.length) span = [nearestSlot(slots, h)];
    spans.set(h, span);
      const c0 = Math.min(...span) + 1;
    const c1 = Math.max(...span) + 1;
    const r = rowOf(h.reach);
    const r1 = leaf ? headerTop + lineCount - 1 : rowOf(h.line);
    put(r, c0, h.text, h.cells, h.page);
    if (c1 > c0 || r1 > r) sheet.merges.push(`${address(r, c0)}:${address(r1, c1)}`);
  }
  row = headerTop + lineCount;
  for (const r of rows) {
    const bySlot = new Map<number, Cell[]>();
    for (const c of r.cells) {
      const i = wide(c) ? slotAt(slots, c.x0) : numbering.has(c) ? headedSlot(slots, c) : slots.findIndex((s) => s.lanes.some((l) => l.numeric === isNumberText(c.text) && overlap(l, c) > 0));
      const at = i < 0 ? nearestSlot(slots, c) : i;
      bySlot.set(at, [...(bySlot.get(at) ?? []), c]);
    }
    // a label letter-spaced across its cell ("城 乡 社 区 规 划") read without the spaces
    const label = (t: string) => t.replace(/(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])/g, '');
    for (const [i, cells] of bySlot) put(row, i + 1, label(cells.sort((a, b) => a.y - b.y || a.x0 - b.x0).reduce((t, c) => joinText(t, c.text), '')), cells, r.page);
    row++;
  }
  for (const n of block.notes) put(row++, 1, unjustify(lineText(n)), n.cells, n.page);
}

/** The first line of the first row's label, wrapped and centred on its figures, printed above them
 * close enough under the header to be taken for its last line: given back to the body. */
function reclaimLabel(header: Line[], body: Line[]): { header: Line[]; body: Line[] } {
  const last = header[header.length - 1];
  if (header.length < 2 || last.cells.length !== 1 || !straddles([last, ...body], 0, false)) return { header, body };
  return { header: header.slice(0, -1), body: [last, ...body] };
}

/** A parent's columns: the run around the columns of the cells it stands over, up to a column
 * headed by a cell that reaches up to the parent's line (beside it, not under it) or one another
 * parent of its line stands over. */
function contiguous(span: number[], h: HeaderCell, header: HeaderCell[], spans: Map<HeaderCell, number[]>): number[] {
  const coreOf = (p: HeaderCell) => header.filter((o) => o.line > p.line && overlap(o, p) > 0).flatMap((o) => spans.get(o) ?? []);
  const beside = header.filter((o) => o !== h && o.line >= h.line && o.reach <= h.line && overlap(o, h) <= 0);
  const blocked = new Set(beside.flatMap((o) => spans.get(o) ?? []));
  const core = coreOf(h).filter((i) => !blocked.has(i));
  if (!core.length || !blocked.size) return span;
  const out = new Set(core);
  const end = Math.max(...[...spans.values()].flat(), ...span);
  for (let i = Math.min(...core) - 1; i >= 0 && !blocked.has(i); i--) out.add(i);
  for (let i = Math.max(...core) + 1; i <= end && !blocked.has(i); i++) out.add(i);
  return [...out];
}

/** Each header cell's reach. A cell with none below it is centred in its ruled cell, which ends
 * where the header ends: its top is as far above its centre as the header's bottom is below it;
 * it reaches the line of a parent cell whose top is that (else it stays on its line). A cell with
 * cells below it centred higher than the rest of its line reaches the line above. */
function setReach(header: HeaderCell[], leaves: Set<HeaderCell>): void {
  const top = (h: HeaderCell) => h.y - 0.85 * h.size;
  const bottom = Math.max(...header.map((h) => h.yEnd + 0.15 * h.size));
  const parentTops = new Map<number, number>();
  for (const h of header) if (!leaves.has(h)) parentTops.set(h.line, Math.min(parentTops.get(h.line) ?? Infinity, top(h)));
  const centre = (h: HeaderCell) => (h.y + h.yEnd) / 2;
  const low = new Map<number, number>();
  for (const h of header) low.set(h.line, Math.max(low.get(h.line) ?? -Infinity, centre(h)));
  for (const h of header) {
    h.reach = h.line;
    if (!leaves.has(h)) {
      if (h.line > 0 && centre(h) < low.get(h.line)! - 0.4 * h.size) h.reach = h.line - 1;
      continue;
    }
    const ruledTop = top(h) + h.yEnd + 0.15 * h.size - bottom;
    let dist = 0.6 * h.size;
    for (const [line, t] of parentTops) {
      if (line < h.line && Math.abs(ruledTop - t) < dist) {
        h.reach = line;
        dist = Math.abs(ruledTop - t);
      }
    }
  }
}

/** The part of the table's width nearer to this header cell than to its neighbours on the line,
 * within the part its parent (the nearest cell above whose part holds it) has. */
function zone(header: HeaderCell[], h: HeaderCell): { x0: number; x1: number } {
  const mid = (c: Cell) => (c.x0 + c.x1) / 2;
  const own = (c: HeaderCell) => {
    const line = header.filter((o) => o.line === c.line).sort((a, b) => mid(a) - mid(b));
    const i = line.indexOf(c);
    return { x0: i > 0 ? (mid(line[i - 1]) + mid(c)) / 2 : -Infinity, x1: i < line.length - 1 ? (mid(c) + mid(line[i + 1])) / 2 : Infinity };
  };
  const z = own(h);
  const parent = header.filter((o) => o.line < h.line && within(own(o), h)).sort((a, b) => b.line - a.line)[0];
  if (!parent) return z;
  const p = zone(header, parent);
  return { x0: Math.max(z.x0, p.x0), x1: Math.min(z.x1, p.x1) };
}

const within = (z: { x0: number; x1: number }, c: { x0: number; x1: number }) => (c.x0 + c.x1) / 2 >= z.x0 && (c.x0 + c.x1) / 2 < z.x1;

function nearestSlot(slots: Slot[], c: { x0: number; x1: number }): number {
  let best = 0;
  slots.forEach((s, i) => {
    if (gap(s, c) - overlap(s, c) < gap(slots[best], c) - overlap(slots[best], c)) best = i;
  });
  return best;
}

/** The column whose header cell is centred nearest above the cell. */
function headedSlot(slots: (Slot & { leaf?: HeaderCell })[], c: Cell): number {
  const mid = (x: { x0: number; x1: number }) => (x.x0 + x.x1) / 2;
  let best = -1;
  slots.forEach((s, i) => {
    if (s.leaf && (best < 0 || Math.abs(mid(s.leaf) - mid(c)) < Math.abs(mid(slots[best].leaf!) - mid(c)))) best = i;
  });
  return best;
}

/** A 栏次 row: labelled 栏次 (行次), or small integers numbering the columns 1, 2, 3 … alone. */
function isNumbering(row: { cells: Cell[] }): boolean {
  const numbers = row.cells.filter((c) => isNumberText(c.text)).map((c) => squash(c.text));
  const labels = row.cells.filter((c) => !isNumberText(c.text)).map((c) => squash(c.text));
  if (!numbers.length || !numbers.every((n) => /^\d{1,2}$/.test(n))) return false;
  return labels.some((t) => /^(栏次|行次)$/.test(t)) || (!labels.length && numbers.length >= 3 && numbers.every((n, i) => Number(n) === i + 1));
}

function slotAt(slots: Slot[], x: number): number {
  let best = 0;
  slots.forEach((s, i) => {
    if (s.x0 <= x + 2) best = i;
  });
  return best;
}

/** Columns as the figures stand: overlapping cells of one kind (numbers, text) make one lane. */
function buildLanes(cells: Cell[]): Lane[] {
  const lanes: Lane[] = [];
  for (const numeric of [true, false]) {
    const spans = cells.filter((c) => isNumberText(c.text) === numeric).map((c) => ({ x0: c.x0, x1: c.x1 })).sort((a, b) => a.x0 - b.x0);
    let cur: Lane | null = null;
    for (const s of spans) {
      if (cur && s.x0 < cur.x1 - 0.5) cur.x1 = Math.max(cur.x1, s.x1);
      else lanes.push((cur = { x0: s.x0, x1: s.x1, numeric }));
    }
  }
  return lanes.sort((a, b) => a.x0 - b.x0);
}

/** Header cells, each with its line; a word wrapped onto the next line joined to the one above.
 * Cells whose printed extents meet (a two-line cell beside a one-line one centred on it) share a
 * line. */
function headerCells(lines: Line[]): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (const line of lines) {
    for (const c of line.cells) {
      const mid = (c.x0 + c.x1) / 2;
      const above = out.filter((h) => overlap(h, c) > 0 && c.y - h.yEnd < 1.6 * c.size && c.y > h.yEnd);
      const under = above.length === 1 && line.cells.filter((o) => overlap(o, above[0]) > 0).length === 1 && ((c.x0 >= above[0].x0 - 2 && c.x1 <= above[0].x1 + 2) || Math.abs(mid - (above[0].x0 + above[0].x1) / 2) < 0.5 * c.size) && !centredParent(above[0], c, line, out);
      if (under) {
        const h = above[0];
        h.text = joinText(h.text, c.text);
        h.yEnd = c.y;
        h.x0 = Math.min(h.x0, c.x0);
        h.x1 = Math.max(h.x1, c.x1);
        h.cells.push(c);
      } else out.push({ ...c, line: 0, reach: 0, page: line.page, cells: [c] });
    }
  }
  // logical lines: a cell whose baseline is within the reach of the line's extents joins it,
  // unless it stands under one of its cells
  out.sort((a, b) => a.page - b.page || a.y - b.y || a.x0 - b.x0);
  let index = -1;
  let reach = -Infinity;
  let page = -1;
  const members: HeaderCell[][] = [];
  for (const h of out) {
    const fresh = h.page !== page || h.y - reach > 0.6 * h.size || members[index].some((o) => overlap(o, h) > 0);
    if (fresh) {
      index++;
      members.push([]);
    }
    page = h.page;
    reach = fresh ? h.yEnd : Math.max(reach, h.yEnd);
    h.line = index;
    members[index].push(h);
  }
  return out;
}

/** A label that begins a row, never the wrapped end of another: an ordinal (十一、 （三） 2.) or a total. */
const ROW_START = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])|^(本年|上年)?(收入|支出)?(合计|总计)$/;

/** A parent centred over three or more columns, not a wrapped word: the cell under it has
 * siblings on its own baseline on both sides within the parent's share of its line. */
function centredParent(h: HeaderCell, c: Cell, line: Line, out: HeaderCell[]): boolean {
  const mid = (x: { x0: number; x1: number }) => (x.x0 + x.x1) / 2;
  const mates = out.filter((o) => o.page === h.page && Math.abs(o.y - h.y) < 0.35 * o.size && o !== h).map(mid);
  const x0 = Math.max(-Infinity, ...mates.filter((m) => m < mid(h)).map((m) => (m + mid(h)) / 2));
  const x1 = Math.min(Infinity, ...mates.filter((m) => m > mid(h)).map((m) => (m + mid(h)) / 2));
  const siblings = line.cells.filter((o) => o !== c && Math.abs(o.y - c.y) < 0.2 * c.size && mid(o) >= x0 && mid(o) < x1);
  return siblings.some((o) => mid(o) < mid(c)) && siblings.some((o) => mid(o) > mid(c));
}

/** A label that begins a row: a line a little below another, filling its gaps or wrapping its text, joins it
 * (not where a figure or a row-starting label stands under one of its own kind). */
function bodyRows(lines: Line[]): { page: number; cells: Cell[] }[] {
  const rows: { page: number; y: number; size: number; cells: Cell[] }[] = [];
  let carried: Cell[] = [];
  const pitch = rowPitch(lines);
  for (const [i, line] of lines.entries()) {
    if (straddles(lines, i)) {
      carried.push(...line.cells.map((c) => ({ ...c })));
      continue;
    }
    const prev = rows[rows.length - 1];
    const close = prev && prev.page === line.page && (line.y - prev.y < 1.45 * Math.min(prev.size, line.size) || continues(prev, line, pitch));
    const clash = prev && line.cells.some((c) => (isNumberText(c.text) || ROW_START.test(c.text)) && prev.cells.some((p) => isNumberText(p.text) === isNumberText(c.text) && overlap(p, c) > 0));
    // a label reaching further right than the one it stands flush under starts a row: the
    // line a label wraps from fills its cell, so what wraps onto the next is never wider
    const unwrapped = prev && line.cells.every((c) => !isNumberText(c.text)) && line.cells.some((c) => prev.cells.some((p) => !isNumberText(p.text) && Math.abs(p.x0 - c.x0) < 0.5 * c.size && c.x1 > p.x1 + c.size));
    if (close && !clash && !unwrapped) {
      prev.cells.push(...line.cells.map((c) => ({ ...c })));
      prev.y = line.y;
    } else rows.push({ page: line.page, y: line.y, size: line.size, cells: line.cells.map((c) => ({ ...c })) });
    rows[rows.length - 1].cells.push(...carried);
    carried = [];
  }
  return rows;
}

/** The usual distance between the baselines of consecutive lines of figures on a page. */
function rowPitch(lines: Line[]): number {
  const figures = lines.filter((l) => l.cells.some((c) => isNumberText(c.text)));
  const steps = figures.slice(1).flatMap((l, i) => (l.page === figures[i].page ? [l.y - figures[i].y] : [])).sort((a, b) => a - b);
  return steps.length ? steps[Math.floor(steps.length / 2)] : Infinity;
}

/** A label's wrapped end printed under its first line, flush with it, further below than lines of
 * running text are but clearly nearer than the next row of figures would be. */
function continues(prev: { y: number; size: number; cells: Cell[] }, line: Line, pitch: number): boolean {
  const d = line.y - prev.y;
  if (d >= 1.75 * Math.min(prev.size, line.size) || d >= 0.8 * pitch) return false;
  return line.cells.every((c) => !isNumberText(c.text) && !ROW_START.test(c.text) && prev.cells.some((p) => !isNumberText(p.text) && Math.abs(p.x0 - c.x0) < 0.5 * c.size && p.y === prev.y));
}

/** The first line of a label wrapped in its cell and centred on a later line's baseline (the row of
 * its figures, perhaps printing the label's middle line), the rest of it printed below them: it
 * belongs to that later row. The label's lines are taken one by one down to the first whose span
 * with the first line is centred on the figures: the next label of the column, wrapped alike and
 * printed as close under it as its own lines are, is not taken for more of it. A label on one line
 * printed just above the figures' baseline, nearer to it than to the row above, belongs there too. */
function straddles(lines: Line[], i: number, alone = true): boolean {
  const [line, next] = [lines[i], lines[i + 1]];
  const text = (l: Line) => !l.cells.some((c) => isNumberText(c.text));
  if (!next || next.page !== line.page || !text(line) || text(next)) return false;
  const under = (l: Line) => l.cells.filter((c) => !isNumberText(c.text) && line.cells.some((o) => overlap(o, c) > 0));
  const centred = (l: Line) => Math.abs((line.y + l.y) / 2 - next.y) < 0.35 * next.size;
  const nextLabel = under(next).length > 0;
  if (nextLabel && under(next).some((c) => ROW_START.test(c.text))) return false;
  let last: Line = line;
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j];
    if (j > i + 1 && !text(l)) break;
    const own = under(l);
    if (j === i + 1 && !own.length) continue;
    const wraps = l.page === line.page && own.length > 0 && l.cells.filter((c) => !isNumberText(c.text)).length === own.length && !own.some((c) => ROW_START.test(c.text));
    const pitch = last === line && !nextLabel ? 2.9 : 1.45;
    if (!wraps || l.y - last.y > pitch * Math.min(last.size, l.size)) break;
    last = l;
    if (l !== next && centred(l)) return true;
  }
  // a label on one line: just above the figures, nearer to them than to the line above
  const prev = lines[i - 1];
  return alone && !nextLabel && next.y - line.y < 0.6 * next.size && (!prev || prev.page !== line.page || line.y - prev.y > 2 * (next.y - line.y));
}

// ---- a text section ----

function textSheet(block: TextBlock, put: Put): void {
  let row = 1;
  if (block.heading) put(row++, 1, unjustify(lineText(block.heading)), block.heading.cells, block.heading.page);
  const left = Math.min(...block.lines.map((l) => l.cells[0].x0));
  const right = Math.max(...block.lines.map((l) => l.cells[l.cells.length - 1].x1));
  let para: Line[] = [];
  const flush = () => {
    if (!para.length) return;
    put(row++, 1, unjustify(para.map(lineText).reduce((t, s) => joinText(t, s), '')), para[0].cells, para[0].page);
    para = [];
  };
  for (const line of block.lines) {
    const prev = para[para.length - 1];
    const indented = line.cells[0].x0 > left + 0.8 * line.size;
    const prevShort = prev && prev.cells[prev.cells.length - 1].x1 < right - 2 * prev.size;
    if (indented || prevShort || line.cells.length > 1) flush();
    para.push(line);
    if (line.cells.length > 1) flush();
  }
  flush();
}
