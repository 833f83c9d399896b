/* eslint-disable @typescript-eslint/no-this-alias -- the double keeps its context for the getters and setters it hands out */
// A test double of the Office.js Excel API over an in-memory workbook. Like the real one it
// queues every read and write and runs them in order at context.sync(); a property read before
// it was loaded and synced throws, as in Office.js. It counts syncs and queued calls.
import { address, columnLetter, parseAddress } from '../../src/core/a1';
import type { Matrix, Range, RangeFormat, RequestContext, Worksheet, WorksheetCollection } from '../../src/adapters/office/excel-api';

export interface FakeCell {
  value: unknown;
  formula?: string;
  numFmt?: string;
  bold?: boolean;
  fill?: string;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: string[] = [];
  visible = true;
  constructor(public name: string) {}
  get(a1: string): FakeCell | undefined {
    return this.cells.get(a1);
  }
  cell(a1: string): FakeCell {
    let c = this.cells.get(a1);
    if (!c) this.cells.set(a1, (c = { value: '' }));
    return c;
  }
  usedRect(): { top: number; left: number; bottom: number; right: number } {
    let top = Infinity, left = Infinity, bottom = 1, right = 1;
    for (const [a1, c] of this.cells) {
      if (c.value === '' && !c.formula) continue;
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
    if (!s) throw Object.assign(new Error(`ItemNotFound: ${name}`), { code: 'ItemNotFound' });
    return s;
  }
}

type Op = () => void;

function rect(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = ref.split(':');
  if (/^\d+$/.test(a)) return { top: Number(a), left: 1, bottom: Number(b ?? a), right: 16384 };
  if (/^[A-Z]+$/.test(a)) {
    const l = parseAddress(`${a}1`).col;
    const r = parseAddress(`${b ?? a}1`).col;
    return { top: 1, left: l, bottom: 1048576, right: r };
  }
  const s = parseAddress(a);
  const e = parseAddress(b ?? a);
  return { top: s.row, left: s.col, bottom: e.row, right: e.col };
}

export class FakeContext implements RequestContext {
  syncs = 0;
  calls = 0;
  private queue: Op[] = [];
  workbook: { worksheets: WorksheetCollection };
  application = { suspendApiCalculationUntilNextSync: () => this.enqueue(() => undefined) };

  constructor(readonly model: FakeWorkbookModel) {
    this.workbook = { worksheets: this.collection() };
  }

  enqueue(op: Op): void {
    this.calls++;
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.queue;
    this.queue = [];
    for (const op of ops) op();
  }

  private loaded<T extends object>(target: T, props: Record<string, () => unknown>): { load: (p: string | string[]) => void; value: (k: string) => unknown } {
    const values = new Map<string, unknown>();
    const pending = new Set<string>();
    return {
      load: (p) => {
        const list = (Array.isArray(p) ? p : p.split(',')).map((x) => x.trim());
        for (const k of list) pending.add(k);
        this.enqueue(() => {
          for (const k of list) if (props[k]) values.set(k, props[k]());
        });
      },
      value: (k) => {
        if (!values.has(k)) throw Object.assign(new Error(`PropertyNotLoaded: ${k} was read before load() and sync()`), { code: 'PropertyNotLoaded' });
        return values.get(k);
      },
    };
  }

  private collection(): WorksheetCollection {
    const ctx = this;
    let items: Worksheet[] | null = null;
    const loader = this.loaded({}, { 'items/name': () => ctx.model.sheets.map((s) => s.name) });
    return {
      get items(): Worksheet[] {
        const names = loader.value('items/name') as string[];
        items ??= names.map((n) => ctx.worksheet(n));
        return items;
      },
      add(name?: string) {
        const sheetName = name ?? `Sheet${ctx.model.sheets.length + 1}`;
        ctx.enqueue(() => {
          if (ctx.model.sheets.some((s) => s.name === sheetName)) throw Object.assign(new Error(`ItemAlreadyExists: ${sheetName}`), { code: 'ItemAlreadyExists' });
          ctx.model.sheets.push(new FakeSheet(sheetName));
        });
        return ctx.worksheet(sheetName);
      },
      getItem(name: string) {
        return ctx.worksheet(name);
      },
      load(p: string | string[]) {
        items = null;
        loader.load(p);
        return this;
      },
    };
  }

  worksheet(name: string): Worksheet {
    const ctx = this;
    const ws: Worksheet = {
      name,
      visibility: 'Visible',
      getRange: (ref?: string) => ctx.range(name, () => rect(ref ?? 'A1')),
      getUsedRange: () =>
        ctx.range(name, () => {
          const r = ctx.model.sheet(name).usedRect();
          return r;
        }),
      delete: () => ctx.enqueue(() => (ctx.model.sheets = ctx.model.sheets.filter((s) => s.name !== name))),
      load: () => ws,
      freezePanes: { freezeAt: () => ctx.enqueue(() => undefined) },
    };
    return ws;
  }

  range(sheetName: string, where: () => { top: number; left: number; bottom: number; right: number }): Range {
    const ctx = this;
    const sheet = () => ctx.model.sheet(sheetName);
    const each = <T>(f: (a1: string, i: number, j: number) => T): T[][] => {
      const r = where();
      return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => Array.from({ length: r.right - r.left + 1 }, (_, j) => f(address(r.top + i, r.left + j), i, j)));
    };
    const loader = this.loaded({}, {
      address: () => {
        const r = where();
        return `${sheetName}!${address(r.top, r.left)}:${address(r.bottom, r.right)}`;
      },
      values: () => each((a1) => sheet().get(a1)?.value ?? ''),
      formulas: () => each((a1) => (sheet().get(a1)?.formula ? `=${sheet().get(a1)!.formula}` : sheet().get(a1)?.value ?? '')),
      numberFormat: () => each((a1) => sheet().get(a1)?.numFmt ?? 'General'),
      rowIndex: () => where().top - 1,
      columnIndex: () => where().left - 1,
      rowCount: () => where().bottom - where().top + 1,
      columnCount: () => where().right - where().left + 1,
      color: () => sheet().get(address(where().top, where().left))?.fill ?? '#FFFFFF',
    });
    const setMatrix = (m: Matrix<unknown>, apply: (cell: FakeCell, v: unknown) => void) =>
      ctx.enqueue(() => {
        const r = where();
        m.forEach((row, i) => row.forEach((v, j) => apply(sheet().cell(address(r.top + i, r.left + j)), v)));
      });
    const format: RangeFormat = {
      font: {
        set bold(v: boolean) {
          ctx.enqueue(() => each((a1) => (sheet().cell(a1).bold = v)));
        },
        get bold() {
          return false;
        },
        color: '',
        name: '',
        size: 10,
      },
      fill: {
        set color(v: string) {
          ctx.enqueue(() => each((a1) => (sheet().cell(a1).fill = v)));
        },
        get color() {
          return loader.value('color') as string;
        },
        clear: () => ctx.enqueue(() => each((a1) => delete sheet().cell(a1).fill)),
        load: (p: string | string[]) => loader.load(p),
      },
      horizontalAlignment: 'General',
      wrapText: false,
      columnWidth: 0,
      borders: { getItem: () => ({ style: '', color: '' }) },
    };
    const range = {
      get address() {
        return loader.value('address') as string;
      },
      get values() {
        return loader.value('values') as Matrix<unknown>;
      },
      set values(m: Matrix<unknown>) {
        setMatrix(m, (cell, v) => {
          cell.value = v;
          delete cell.formula;
        });
      },
      get formulas() {
        return loader.value('formulas') as Matrix<unknown>;
      },
      set formulas(m: Matrix<unknown>) {
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
        return loader.value('numberFormat') as Matrix<unknown>;
      },
      set numberFormat(m: Matrix<unknown>) {
        setMatrix(m, (cell, v) => (cell.numFmt = v === 'General' ? undefined : (v as string)));
      },
      get rowIndex() {
        return loader.value('rowIndex') as number;
      },
      get columnIndex() {
        return loader.value('columnIndex') as number;
      },
      get rowCount() {
        return loader.value('rowCount') as number;
      },
      get columnCount() {
        return loader.value('columnCount') as number;
      },
      format,
      load(p: string | string[]) {
        loader.load(p);
        return range as unknown as Range;
      },
      merge: () => ctx.enqueue(() => sheet().merges.push(`${address(where().top, where().left)}:${address(where().bottom, where().right)}`)),
      insert: (shift: 'Down' | 'Right') => {
        ctx.enqueue(() => {
          if (shift !== 'Down') throw new Error('only Down is faked');
          const r = where();
          const n = r.bottom - r.top + 1;
          const s = sheet();
          const moved = new Map<string, FakeCell>();
          for (const [a1, c] of s.cells) {
            const { row, col } = parseAddress(a1);
            moved.set(row >= r.top ? address(row + n, col) : a1, c);
          }
          // Excel adjusts references to the moved rows in every formula of the sheet
          for (const c of moved.values()) if (c.formula) c.formula = c.formula.replace(/(\$?[A-Z]{1,3})(\$?)(\d+)/g, (m0, col: string, d: string, row: string) => (Number(row) >= r.top ? `${col}${d}${Number(row) + n}` : m0));
          s.cells = moved;
        });
        return range as unknown as Range;
      },
      getCell: (i: number, j: number) => ctx.range(sheetName, () => ({ top: where().top + i, left: where().left + j, bottom: where().top + i, right: where().left + j })),
    };
    return range as unknown as Range;
  }
}

/** Loads an exceljs-made workbook's cells into the fake (values, formulas, number formats). */
export function modelFromGrid(grid: { sheets: { name: string; rows: Map<number, Map<number, { value: unknown; formula?: string; numFmt?: string }>> }[] }): FakeWorkbookModel {
  const model = new FakeWorkbookModel();
  for (const g of grid.sheets) {
    const s = new FakeSheet(g.name);
    for (const [r, cells] of g.rows) for (const [c, cell] of cells) s.cells.set(address(r, c), { value: cell.value ?? '', formula: cell.formula, numFmt: cell.numFmt });
    model.sheets.push(s);
  }
  return model;
}

export { columnLetter };
