// The recognised workbook as the rules see it: tables by id, values by row and column key,
// each with its cell and unit.
import { address } from '../a1';
import type { Grid, WorkbookGrid } from '../grid';
import type { Cents, Unit } from '../money';
import { readAmount } from '../recognize/code-table';
import type { Recognition, RecognizedRow, RecognizedTable } from '../recognize/tables';
import type { Located } from './finding';

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
    const amounts = (b: number) => (table.spec.blocks[b] ?? table.spec.blocks[0]).columns.filter((c) => c.role === 'amount').map((c) => c.key);
    const key = col === '*' ? amounts(row.block)[0] : col;
    if (row.amountBlock === undefined || key === undefined) return key;
    const i = amounts(row.block).indexOf(key);
    return i >= 0 ? amounts(row.amountBlock)[i] : key;
  }

  /** The amount at (row, column); blank counts as 0; null when the row or column is absent. */
  value(table: RecognizedTable, rowKey: string, col: string): (Located & { text: string; error?: string; formula?: string; blank: boolean }) | null {
    const row = this.row(table, rowKey);
    if (!row) return null;
    const key = this.columnKey(table, row, col);
    const c = key ? table.columns.get(key) : undefined;
    if (c === undefined) return null;
    const grid = this.grids.get(table.sheet)!;
    const a = readAmount(grid, row.row, c);
    return {
      cents: (a.cents ?? 0) as Cents,
      sheet: table.sheet,
      address: address(row.row, c),
      unit: this.unitOf(table),
      text: a.text,
      blank: a.cents === null && a.text === '' && !a.error,
      ...(a.error ? { error: a.error } : {}),
      ...(a.formula ? { formula: a.formula } : {}),
    };
  }
}
