/* eslint-disable @typescript-eslint/no-this-alias -- the double keeps its context for the getters and setters it hands out */
// A test double of the Office.js Excel API over an in-memory workbook, typed by the adapter's
// narrowed Office.js shapes. Like the real one it queues every read and write and runs them in
// order at context.sync(); a property read before it was loaded and synced throws, as in Office.js;
// a failing operation fails the whole batch. It models cells (values, formulas, number formats,
// formats, fills), notes, merges, widths, heights, print setup, sheet add/delete (ItemAlreadyExists
// on a taken name), visibility, and document settings. It counts syncs, and records every API
// member the adapter touches ("Range.values") for the requirement-set test.
import type ExcelJS from 'exceljs';
import { address, parseAddress } from '../../src/core/a1';
import { shiftFormula } from '../../src/core/formula-shift';
import type * as Api from '../../src/adapters/office/excel-api';

export interface FakeCell {
  value: unknown;
  formula?: string;
  /** The value is an error (#DIV/0! …). */
  error?: boolean;
  numFmt?: string;
  bold?: boolean;
  /** "#RRGGBB" */
  fill?: string;
  note?: string;
  /** Other formats, by property path ("font.size", "horizontalAlignment", "border.EdgeTop.style"). */
  format?: Record<string, unknown>;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface PageSetup {
  orientation?: string;
  paperSize?: string;
  margins?: Record<string, number>;
  centerHorizontally?: boolean;
  printTitleRows?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  centerFooter?: string;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: string[] = [];
  visibility: Visibility = 'Visible';
  /** Points, by column number. */
  columnWidths = new Map<number, number>();
  /** Points, by row number. */
  rowHeights = new Map<number, number>();
  page: PageSetup = {};
  freeze = { rows: 0, columns: 0 };
  constructor(public name: string) {}
  get(a1: string): FakeCell | undefined {
    return this.cells.get(a1);
  }
  cell(a1: string): FakeCell {
    let c = this.cells.get(a1);
    if (!c) this.cells.set(a1, (c = { value: '' }));
    return c;
  }
  usedRect(): Rect {
    let top = Infinity, left = Infinity, bottom = 1, right = 1;
    for (const [a1, c] of this.cells) {
      if (c.value === '' && !c.formula && !c.fill && !c.note && !c.format && !c.numFmt) continue;
      const { row, col } = parseAddress(a1);
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return top === Infinity ? { top: 1, left: 1, bottom: 1, right: 1 } : { top, left, bottom, right };
  }
}

export class FakeWorkbookModel {
  sheets: FakeSheet[] = [];
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw officeError('ItemNotFound', name);
    return s;
  }
  /** Every note, as "sheet!A1" → content. */
  notes(): Map<string, string> {
    const out = new Map<string, string>();
    for (const s of this.sheets) for (const [a1, c] of s.cells) if (c.note !== undefined) out.set(`${s.name}!${a1}`, c.note);
    return out;
  }
}

/** Document settings (Office.context.document.settings). */
export class FakeSettings {
  values = new Map<string, unknown>();
  saves = 0;
  get(key: string): unknown {
    return this.values.get(key) ?? null;
  }
  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
  saveAsync(cb?: () => void): void {
    this.saves++;
    cb?.();
  }
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

function officeError(code: string, what: string): Error {
  return Object.assign(new Error(`${code}: ${what}`), { code });
}

function rect(ref: string): Rect {
  const [a, b] = ref.replace(/\$/g, '').split(':');
  if (/^\d+$/.test(a)) return { top: Number(a), left: 1, bottom: Number(b ?? a), right: MAX_COL };
  if (/^[A-Z]+$/.test(a)) return { top: 1, left: parseAddress(`${a}1`).col, bottom: MAX_ROW, right: parseAddress(`${b ?? a}1`).col };
  const s = parseAddress(a);
  const e = parseAddress(b ?? a);
  return { top: s.row, left: s.col, bottom: e.row, right: e.col };
}

const isWholeRows = (r: Rect) => r.left === 1 && r.right === MAX_COL;
const isWholeColumns = (r: Rect) => r.top === 1 && r.bottom === MAX_ROW;

/** "'My sheet'!A1" → ["My sheet", "A1"]. */
export function splitAddress(ref: string): [string, string] {
  const i = ref.lastIndexOf('!');
  const sheet = ref.slice(0, i);
  return [sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet, ref.slice(i + 1)];
}

const quoteSheet = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

type Op = () => void;

export class FakeContext implements Api.RequestContext {
  syncs = 0;
  calls = 0;
  /** API members used, as "Class.member". */
  readonly used = new Set<string>();
  private queue: Op[] = [];
  private notes?: Api.NoteCollection;
  /** Each range handed out, to its sheet-qualified address. */
  private refs = new WeakMap<object, () => string>();
  readonly workbook: Api.Workbook;

  constructor(readonly model: FakeWorkbookModel) {
    const ctx = this;
    this.workbook = this.track('Workbook', {
      worksheets: this.collection(),
      get notes() {
        return (ctx.notes ??= ctx.noteCollection());
      },
      application: this.track('Application', { suspendApiCalculationUntilNextSync: () => ctx.enqueue(() => undefined) }),
    });
  }

  /** Records each member read, written or called on `obj` as "type.member". */
  track<T extends object>(type: string, obj: T): T {
    const used = this.used;
    return new Proxy(obj, {
      get(t, p, r) {
        if (typeof p === 'string' && p !== 'then' && p !== 'toJSON') used.add(`${type}.${p}`);
        return Reflect.get(t, p, r);
      },
      set(t, p, v, r) {
        if (typeof p === 'string') used.add(`${type}.${p}`);
        return Reflect.set(t, p, v, r);
      },
    });
  }

  refOf(range: object): string {
    const ref = this.refs.get(range);
    if (!ref) throw new Error('not a range of this context');
    return ref();
  }

  enqueue(op: Op): void {
    this.calls++;
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    this.used.add('RequestContext.sync');
    this.syncs++;
    const ops = this.queue;
    this.queue = [];
    // a batch that fails stops there, and the error reaches the caller
    for (const op of ops) op();
  }

  /** A loader: load() queues a snapshot of the named properties; value() reads it after sync. */
  private loader(props: Record<string, () => unknown>): { load: (p: string | string[]) => void; value: (k: string) => unknown; has: (k: string) => boolean } {
    const values = new Map<string, unknown>();
    return {
      load: (p) => {
        const list = (Array.isArray(p) ? p : p.split(',')).map((x) => x.trim());
        for (const k of list) if (!props[k]) throw new Error(`the double does not model loading ${k}`);
        this.enqueue(() => {
          for (const k of list) values.set(k, props[k]());
        });
      },
      value: (k) => {
        if (!values.has(k)) throw officeError('PropertyNotLoaded', `${k} was read before load() and sync()`);
        return values.get(k);
      },
      has: (k) => values.has(k),
    };
  }

  private collection(): Api.WorksheetCollection {
    const ctx = this;
    const loader = this.loader({
      'items/name': () => ctx.model.sheets.map((s) => s.name),
      'items/visibility': () => ctx.model.sheets.map((s) => s.visibility),
    });
    const collection: Api.WorksheetCollection = {
      get items(): Api.Worksheet[] {
        const names = loader.value('items/name') as string[];
        const visibility = loader.has('items/visibility') ? (loader.value('items/visibility') as Visibility[]) : null;
        return names.map((n, i) => ctx.worksheet(n, visibility?.[i]));
      },
      add(name?: string) {
        const sheetName = name ?? `Sheet${ctx.model.sheets.length + 1}`;
        ctx.enqueue(() => {
          if (ctx.model.sheets.some((s) => s.name === sheetName)) throw officeError('ItemAlreadyExists', sheetName);
          ctx.model.sheets.push(new FakeSheet(sheetName));
        });
        return ctx.worksheet(sheetName);
      },
      getItem(name: string) {
        return ctx.worksheet(name);
      },
      load(p: string | string[]) {
        loader.load(p);
        return tracked;
      },
    };
    const tracked = this.track('WorksheetCollection', collection);
    return tracked;
  }

  private noteCollection(): Api.NoteCollection {
    const ctx = this;
    const loader = this.loader({ 'items/content': () => [...ctx.model.notes()] });
    const collection: Api.NoteCollection = {
      get items(): Api.Note[] {
        return (loader.value('items/content') as [string, string][]).map(([ref, content]) => ctx.note(ref, content));
      },
      add(cell: Api.Range | string, content: string) {
        const ref = typeof cell === 'string' ? cell : ctx.refOf(cell);
        ctx.enqueue(() => {
          const [sheet, a1] = splitAddress(ref);
          const c = ctx.model.sheet(sheet).cell(a1);
          if (c.note !== undefined) throw officeError('InvalidArgument', `${ref} already has a note`);
          c.note = content;
        });
        return ctx.note(ref, content);
      },
      load(p: string | string[]) {
        loader.load(p);
        return tracked;
      },
    };
    const tracked = this.track('NoteCollection', collection);
    return tracked;
  }

  private note(ref: string, content: string): Api.Note {
    const ctx = this;
    const [sheet, a1] = splitAddress(ref);
    const note = {
      content,
      isNullObject: false,
      delete: () => ctx.enqueue(() => delete ctx.model.sheet(sheet).cell(a1).note),
      getLocation: () => ctx.range(sheet, () => rect(a1)),
      load: () => tracked,
    };
    const tracked: Api.Note = this.track('Note', note);
    return tracked;
  }

  worksheet(name: string, visibility?: Visibility): Api.Worksheet {
    const ctx = this;
    const sheet = () => ctx.model.sheet(name);
    const page = (f: (p: PageSetup) => void) => ctx.enqueue(() => f(sheet().page));
    const margin = (key: string) => ({
      set(v: number) {
        page((p) => (p.margins = { ...p.margins, [key]: v }));
      },
    });
    const pageLayout = {
      set orientation(v: string) {
        page((p) => (p.orientation = v));
      },
      set paperSize(v: string) {
        page((p) => (p.paperSize = v));
      },
      set centerHorizontally(v: boolean) {
        page((p) => (p.centerHorizontally = v));
      },
      set zoom(v: PageSetup['zoom']) {
        page((p) => (p.zoom = v));
      },
      setPrintTitleRows: (rows: string) => page((p) => (p.printTitleRows = rows)),
      headersFooters: ctx.track('HeaderFooterGroup', {
        defaultForAllPages: ctx.track('HeaderFooter', {
          set centerFooter(v: string) {
            page((p) => (p.centerFooter = v));
          },
        }),
      }),
    };
    for (const key of ['leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin']) Object.defineProperty(pageLayout, key, margin(key));
    const ws = {
      name,
      get visibility() {
        if (!visibility) throw officeError('PropertyNotLoaded', 'visibility');
        return visibility;
      },
      getRange: (ref?: string) => ctx.range(name, () => (ref ? rect(ref) : { top: 1, left: 1, bottom: MAX_ROW, right: MAX_COL })),
      getUsedRange: () => ctx.range(name, () => sheet().usedRect()),
      delete: () => ctx.enqueue(() => (ctx.model.sheets = ctx.model.sheets.filter((s) => s.name !== sheet().name))),
      load: () => tracked,
      freezePanes: ctx.track('WorksheetFreezePanes', {
        freezeAt: (r: Api.Range | string) =>
          ctx.enqueue(() => {
            const where = rect(typeof r === 'string' ? r : splitAddress(ctx.refOf(r))[1]);
            sheet().freeze = { rows: where.bottom, columns: where.right };
          }),
        freezeRows: (n?: number) => ctx.enqueue(() => (sheet().freeze = { rows: n ?? 1, columns: 0 })),
      }),
      pageLayout: ctx.track('PageLayout', pageLayout),
    };
    const tracked = this.track('Worksheet', ws as unknown as Api.Worksheet);
    return tracked;
  }

  range(sheetName: string, where: () => Rect): Api.Range {
    const ctx = this;
    const sheet = () => ctx.model.sheet(sheetName);
    const each = <T>(f: (a1: string, s: FakeSheet) => T): T[][] => {
      const r = where();
      if (isWholeRows(r) || isWholeColumns(r)) throw new Error('the double does not model cell by cell reads or writes of whole rows or columns');
      const s = sheet();
      return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => Array.from({ length: r.right - r.left + 1 }, (_, j) => f(address(r.top + i, r.left + j), s)));
    };
    const ref = () => {
      const r = where();
      return `${quoteSheet(sheetName)}!${r.top === r.bottom && r.left === r.right ? address(r.top, r.left) : `${address(r.top, r.left)}:${address(r.bottom, r.right)}`}`;
    };
    const loader = this.loader({
      address: ref,
      values: () => each((a1, s) => s.get(a1)?.value ?? ''),
      formulas: () => each((a1, s) => (s.get(a1)?.formula ? `=${s.get(a1)!.formula}` : s.get(a1)?.value ?? '')),
      numberFormat: () => each((a1, s) => s.get(a1)?.numFmt ?? 'General'),
      valueTypes: () =>
        each((a1, s) => {
          const c = s.get(a1);
          if (c?.error) return 'Error';
          const v = c?.value ?? '';
          return v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
        }),
      rowIndex: () => where().top - 1,
      columnIndex: () => where().left - 1,
      color: () => sheet().get(address(where().top, where().left))?.fill ?? '#FFFFFF',
    });
    const setEach = (apply: (cell: FakeCell) => void) => ctx.enqueue(() => each((a1, s) => apply(s.cell(a1))));
    const setFormat = (key: string, v: unknown) => setEach((cell) => (cell.format = { ...cell.format, [key]: v }));
    const setMatrix = (m: unknown[][], apply: (cell: FakeCell, v: unknown) => void) =>
      ctx.enqueue(() => {
        const r = where();
        if (m.length !== r.bottom - r.top + 1 || m.some((row) => row.length !== r.right - r.left + 1)) throw officeError('InvalidArgument', 'the matrix does not match the range');
        m.forEach((row, i) => row.forEach((v, j) => apply(sheet().cell(address(r.top + i, r.left + j)), v)));
      });
    const font = {
      set bold(v: boolean) {
        setEach((cell) => (cell.bold = v));
      },
      set name(v: string) {
        setFormat('font.name', v);
      },
      set size(v: number) {
        setFormat('font.size', v);
      },
      set color(v: string) {
        setFormat('font.color', v);
      },
      set underline(v: string) {
        setFormat('font.underline', v);
      },
    };
    const fill = {
      set color(v: string) {
        setEach((cell) => (cell.fill = v.toUpperCase()));
      },
      get color() {
        return loader.value('color') as string;
      },
      clear: () => setEach((cell) => delete cell.fill),
      load: (p: string | string[]) => {
        loader.load(p);
        return fillTracked;
      },
    };
    const fillTracked = ctx.track('RangeFill', fill);
    const border = (edge: string) =>
      ctx.track('RangeBorder', {
        set style(v: string) {
          setFormat(`border.${edge}.style`, v);
        },
        set weight(v: string) {
          setFormat(`border.${edge}.weight`, v);
        },
        set color(v: string) {
          setFormat(`border.${edge}.color`, v);
        },
      });
    const format = {
      font: ctx.track('RangeFont', font),
      fill: fillTracked,
      borders: ctx.track('RangeBorderCollection', { getItem: (edge: string) => border(edge) }),
      set horizontalAlignment(v: string) {
        setFormat('horizontalAlignment', v);
      },
      set verticalAlignment(v: string) {
        setFormat('verticalAlignment', v);
      },
      set wrapText(v: boolean) {
        setFormat('wrapText', v);
      },
      set columnWidth(v: number) {
        ctx.enqueue(() => {
          const r = where();
          for (let c = r.left; c <= r.right; c++) sheet().columnWidths.set(c, v);
        });
      },
      set rowHeight(v: number) {
        ctx.enqueue(() => {
          const r = where();
          for (let row = r.top; row <= r.bottom; row++) sheet().rowHeights.set(row, v);
        });
      },
    };
    const range = {
      get address() {
        return loader.value('address') as string;
      },
      get values() {
        return loader.value('values') as unknown[][];
      },
      set values(m: unknown[][]) {
        setMatrix(m, (cell, v) => {
          if (typeof v === 'string' && v.startsWith('=')) throw new Error('a formula written as a value');
          cell.value = v;
          delete cell.formula;
          delete cell.error;
        });
      },
      get formulas() {
        return loader.value('formulas') as unknown[][];
      },
      set formulas(m: unknown[][]) {
        setMatrix(m, (cell, v) => {
          if (typeof v === 'string' && v.startsWith('=')) {
            cell.formula = v.slice(1);
            cell.value = 0;
          } else {
            cell.value = v;
            delete cell.formula;
          }
        });
      },
      get numberFormat() {
        return loader.value('numberFormat') as unknown[][];
      },
      get valueTypes() {
        return loader.value('valueTypes') as string[][];
      },
      set numberFormat(m: unknown[][]) {
        setMatrix(m, (cell, v) => {
          if (v === 'General') delete cell.numFmt;
          else cell.numFmt = v as string;
        });
      },
      get rowIndex() {
        return loader.value('rowIndex') as number;
      },
      get columnIndex() {
        return loader.value('columnIndex') as number;
      },
      format: ctx.track('RangeFormat', format),
      load(p: string | string[]) {
        loader.load(p);
        return tracked;
      },
      merge: () => ctx.enqueue(() => sheet().merges.push(`${address(where().top, where().left)}:${address(where().bottom, where().right)}`)),
      getMergedAreasOrNullObject: () => {
        const areas = ctx.loader({
          address: () => {
            const r = where();
            const inside = sheet().merges.filter((m) => {
              const { row, col } = parseAddress(m.split(':')[0]);
              return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
            });
            return inside.length ? inside.map((m) => `${quoteSheet(sheetName)}!${m}`).join(', ') : null;
          },
        });
        const obj = {
          get address() {
            return areas.value('address') as string;
          },
          get isNullObject() {
            return areas.value('address') === null;
          },
          load: (p: string | string[]) => {
            areas.load(p);
            return trackedAreas;
          },
        };
        const trackedAreas = ctx.track('RangeAreas', obj);
        return trackedAreas as unknown as Api.RangeAreas;
      },
      copyFrom: (source: string, type?: string) =>
        ctx.enqueue(() => {
          if (type !== 'Formats') throw new Error('the double models copying formats only');
          const from = rect(source.includes('!') ? splitAddress(source)[1] : source);
          const to = where();
          const s = sheet();
          // whole rows: the source row's formatted cells, repeated down the target rows
          for (let row = to.top; row <= to.bottom; row++) {
            const srcRow = from.top + ((row - to.top) % (from.bottom - from.top + 1));
            for (const [a1, c] of [...s.cells]) {
              const p = parseAddress(a1);
              if (p.row !== srcRow || p.col < from.left || p.col > from.right) continue;
              const target = s.cell(address(row, p.col));
              target.format = c.format ? { ...c.format } : undefined;
              target.numFmt = c.numFmt;
              target.bold = c.bold;
              target.fill = c.fill;
            }
            if (s.rowHeights.has(srcRow)) s.rowHeights.set(row, s.rowHeights.get(srcRow)!);
          }
        }),
      insert: (shift: 'Down' | 'Right') => {
        ctx.enqueue(() => {
          const r = where();
          if (shift !== 'Down' || !isWholeRows(r)) throw new Error('the double models inserting whole rows only');
          ctx.insertRows(sheet(), r.top, r.bottom - r.top + 1);
        });
        return tracked;
      },
    };
    const tracked = ctx.track('Range', range);
    ctx.refs.set(tracked, ref);
    return tracked as unknown as Api.Range;
  }

  /** Excel's row insertion: cells (with formats and notes), heights and merges below move down;
   * the new rows take the formats of the row above; references to moved rows are adjusted on every sheet. */
  private insertRows(s: FakeSheet, at: number, n: number): void {
    const moved = new Map<string, FakeCell>();
    for (const [a1, c] of s.cells) {
      const { row, col } = parseAddress(a1);
      moved.set(row >= at ? address(row + n, col) : a1, c);
    }
    if (at > 1) {
      for (const [a1, c] of s.cells) {
        const { row, col } = parseAddress(a1);
        if (row !== at - 1 || (!c.format && !c.numFmt && !c.bold)) continue;
        for (let k = 0; k < n; k++) moved.set(address(at + k, col), { value: '', format: c.format ? { ...c.format } : undefined, numFmt: c.numFmt, bold: c.bold });
      }
    }
    s.cells = moved;
    s.rowHeights = new Map([...s.rowHeights].map(([row, h]) => [row >= at ? row + n : row, h]));
    s.merges = s.merges.map((m) => {
      const [a, b] = m.split(':');
      const p = parseAddress(a);
      const q = parseAddress(b);
      if (q.row < at) return m;
      return `${address(p.row >= at ? p.row + n : p.row, p.col)}:${address(q.row + n, q.col)}`;
    });
    for (const other of this.model.sheets) for (const c of other.cells.values()) if (c.formula) c.formula = shiftFormula(c.formula, other.name, { sheet: s.name, at, count: n });
  }
}

/** A workbook as Excel would hold it after opening an .xlsx: built from exceljs's model of the
 * file cell by cell (values as Excel gives them — dates as serial numbers, errors as their text,
 * merged cells other than the first empty — formulas, number formats, fills, notes, merges,
 * visibility). Nothing goes through a gongkai reader. */
export function modelFromWorkbook(wb: ExcelJS.Workbook): FakeWorkbookModel {
  const model = new FakeWorkbookModel();
  const serial = (d: Date) => d.getTime() / 86_400_000 + 25569;
  const excelValue = (v: unknown): unknown => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return serial(v);
    if (typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('error' in o) return String(o.error);
    if ('text' in o) return String(o.text);
    return '';
  };
  for (const ws of wb.worksheets) {
    const s = new FakeSheet(ws.name);
    s.visibility = ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
    ws.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const a1 = address(r, c);
        const slave = cell.isMerged && cell.master !== cell;
        const isFormula = cell.type === 6; // ExcelJS.ValueType.Formula
        const fc: FakeCell = { value: slave ? '' : isFormula ? excelValue(cell.result) : excelValue(cell.value) };
        if (isFormula && !slave && cell.formula) fc.formula = cell.formula;
        const raw = isFormula ? cell.result : cell.value;
        if (!slave && raw !== null && typeof raw === 'object' && 'error' in raw) fc.error = true;
        if (cell.numFmt) fc.numFmt = cell.numFmt;
        const fg = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
        if (fg) fc.fill = `#${fg.slice(2).toUpperCase()}`;
        const note = cell.note;
        if (note) fc.note = typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
        if (fc.value !== '' || fc.formula || fc.numFmt || fc.fill || fc.note !== undefined) s.cells.set(a1, fc);
      }),
    );
    s.merges = [...((ws.model as unknown as { merges?: string[] }).merges ?? [])];
    model.sheets.push(s);
  }
  return model;
}
