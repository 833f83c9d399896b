// Positioned text runs of a page → lines (runs on one baseline) → cells (runs printed
// against each other, such as "21" and ",968.00", read as one).

/** A run of text as the PDF prints it; y is the baseline measured from the page's top. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size (the run's height). */
  size: number;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** Text printed in one place: runs joined; x0–x1 across, baseline y, font size. */
export interface Cell {
  text: string;
  x0: number;
  x1: number;
  y: number;
  /** Baseline of the cell's last line (a wrapped cell spans y…yEnd). */
  yEnd: number;
  size: number;
  /** The runs the cell was joined from, where it was joined from several. */
  parts?: { text: string; x0: number; x1: number }[];
}

export interface Line {
  page: number;
  y: number;
  size: number;
  cells: Cell[];
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：（）]/;

/** Joins two pieces of text: no space where either side is Chinese. */
export function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return CJK.test(a[a.length - 1]) || CJK.test(b[0]) ? a + b : `${a} ${b}`;
}

/** Spaces a justified line puts between Chinese characters, removed. */
export function unjustify(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]) (?=\S)|(?<=\S) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’])/g, '').trim();
}

/** The page's lines, top to bottom, each with its cells left to right. */
export function pageLines(page: PdfPage): Line[] {
  const runs = page.runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { y: number; size: number; runs: TextRun[] }[] = [];
  for (const run of runs) {
    const size = Math.max(run.size, 1);
    // a run within a third of its size of a line's baseline is on that line
    const line = lines.find((l) => Math.abs(l.y - run.y) <= 0.35 * Math.min(size, l.size));
    if (line) {
      line.runs.push(run);
      line.size = Math.max(line.size, size);
    } else lines.push({ y: run.y, size, runs: [run] });
  }
  lines.sort((a, b) => a.y - b.y);
  return lines.map((l) => ({ page: page.number, y: l.y, size: l.size, cells: joinRuns(l.runs.sort((a, b) => a.x - b.x)) }));
}

/** Words a layout letter-spaces across a cell ("合　计", "金　额"). */
const SPACED_WORDS = new Set(['合计', '总计', '小计', '金额', '项目', '目录', '科目', '备注', '单位']);

/** Neighbouring runs closer than about half a character make one cell. */
function joinRuns(runs: TextRun[]): Cell[] {
  const cells: Cell[] = [];
  for (const run of runs) {
    const text = run.text.trim();
    const last = cells[cells.length - 1];
    const gap = last ? run.x - last.x1 : Infinity;
    const spaced = last && SPACED_WORDS.has(last.text + text) && gap < 4 * run.size;
    if (last && (spaced || gap <= 0.45 * Math.min(run.size, last.size))) {
      (last.parts ??= [{ text: last.text, x0: last.x0, x1: last.x1 }]).push({ text, x0: run.x, x1: run.x + run.width });
      last.text = gap > 0.15 * run.size ? joinText(last.text, text) : last.text + text;
      last.x1 = Math.max(last.x1, run.x + run.width);
    } else cells.push({ text, x0: run.x, x1: run.x + run.width, y: run.y, yEnd: run.y, size: Math.max(run.size, 1) });
  }
  return cells;
}

/** A printed amount: digits with a thousands separator or decimals (not a code, not a year). */
const PRINTED_AMOUNT = /^[-−]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-−]?\d+\.\d+$/;

/** A table's cell printed against its neighbour ("31,214,205.80 一、一般公共服务支出": an amount
 * column right-aligned up to the next column's label) split where an amount meets text across a
 * space. Only for table rows: running text keeps "1,000.00 万元" together. */
export function splitAmounts(cell: Cell): Cell[] {
  if (!cell.parts) return [cell];
  const out: Cell[] = [];
  let cur: Cell | null = null;
  for (const p of cell.parts) {
    const gap = cur ? p.x0 - cur.x1 : 0;
    const boundary = cur && gap > 0.15 * cell.size && (PRINTED_AMOUNT.test(cur.text) !== PRINTED_AMOUNT.test(p.text.trim()) || PRINTED_AMOUNT.test(cur.text));
    if (cur && !boundary) {
      cur.text = gap > 0.15 * cell.size ? joinText(cur.text, p.text) : cur.text + p.text;
      cur.x1 = p.x1;
      continue;
    }
    cur = { text: p.text, x0: p.x0, x1: p.x1, y: cell.y, yEnd: cell.yEnd, size: cell.size };
    out.push(cur);
  }
  // nothing split off unless an amount stands alone on one side
  return out.some((c) => PRINTED_AMOUNT.test(c.text)) && out.length > 1 ? out : [cell];
}
