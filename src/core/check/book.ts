// The recognised workbook as the rules see it: tables by id, values by row and column key,
// each with its cell and unit.
import { address } from '../a1';
import type { Grid, WorkbookGrid } from '../grid';
import type { Cents, Unit } from '../money';
import { type AmountCell, readAmount } from '../recognize/code-table';
import type { Recognition, RecognizedRow, RecognizedTable } from '../recognize/tables';
import type { Located } from './finding';

export type Value = Located & { text: string; error?: string; formula?: string; blank: boolean };

/** An amount cell as the rules read it; its address is spelled out only when a finding needs it. */
class CellAmount implements Value {
  readonly cents: Cents;
  readonly text: string;
  readonly blank: boolean;
  readonly error?: string;
  readonly formula?: string;
  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly col: number,
    readonly unit: Unit,
    a: AmountCell,
  ) {
    this.cents = (a.cents ?? 0) as Cents;
    this.text = a.text;
    this.blank = a.cents === null && a.text === '' && !a.error;
    this.error = a.error;
    this.formula = a.formula;
  }
  get address(): string {
    return address(this.row, this.col);
  }
}

export class Book {
  readonly grids: Map<string, Grid>;
  readonly byId = new Map<string, RecognizedTable>();
  constructor(
    grid: WorkbookGrid,
    readonly recognition: Recognition,
  ) {
    this.grids = new Map(grid.sheets.map((s) => [s.name, s]));
    for (const t of recognition.tables) if (!this.byId.has(t.spec.id)) this.byId.set(t.spec.id, t);
  }

  table(id: string): RecognizedTable | undefined {
    return this.byId.get(id);
  }

  unitOf(table: RecognizedTable): Unit {
    return table.unit ?? (table.spec.unit as Unit);
  }

  private readonly rowIndex = new Map<RecognizedTable, Map<string, RecognizedRow>>();

  row(table: RecognizedTable, key: string): RecognizedRow | undefined {
    let index = this.rowIndex.get(table);
    if (!index) {
      index = new Map();
      for (const r of table.rows) if (!index.has(r.key)) index.set(r.key, r);
      this.rowIndex.set(table, index);
    }
    return index.get(key);
  }

  /** The column key "*" means the amount column of the row's own block (side-by-side tables);
   * a row whose amount stands in another block's column is read there. */
  columnKey(table: RecognizedTable, row: RecognizedRow, col: string): string | undefined {
    const keys = this.amountKeys(table.spec);
    const amounts = (b: number) => keys[b] ?? keys[0];
    const key = col === '*' ? amounts(row.block)[0] : col;
    if (row.amountBlock === undefined || key === undefined) return key;
    const i = amounts(row.block).indexOf(key);
    return i >= 0 ? amounts(row.amountBlock)[i] : key;
  }

  private readonly amountKeysOf = new Map<RecognizedTable['spec'], string[][]>();

  /** The amount column keys of each block of a table spec. */
  private amountKeys(spec: RecognizedTable['spec']): string[][] {
    let keys = this.amountKeysOf.get(spec);
    if (!keys) this.amountKeysOf.set(spec, (keys = spec.blocks.map((b) => b.columns.filter((c) => c.role === 'amount').map((c) => c.key))));
    return keys;
  }

  /** Values already read, by row and column key: the rules ask for the same cells many times. */
  private readonly values = new Map<RecognizedRow, Map<string, Value | null>>();

  /** The amount at (row, column); blank counts as 0; null when the row or column is absent. */
  value(table: RecognizedTable, rowKey: string, col: string): Value | null {
    const row = this.row(table, rowKey);
    if (!row) return null;
    let byColumn = this.values.get(row);
    if (!byColumn) this.values.set(row, (byColumn = new Map()));
    let v = byColumn.get(col);
    if (v === undefined) byColumn.set(col, (v = this.read(table, row, col)));
    return v;
  }

  private read(table: RecognizedTable, row: RecognizedRow, col: string): Value | null {
    const key = this.columnKey(table, row, col);
    const c = key ? table.columns.get(key) : undefined;
    if (c === undefined) return null;
    const grid = this.grids.get(table.sheet)!;
    return new CellAmount(table.sheet, row.row, c, this.unitOf(table), row.amounts?.get(c) ?? readAmount(grid, row.row, c));
  }
}
