// The year a workbook is about, from its titles and headers ("2025年预算数", "2024年度部门决算").
import type { WorkbookGrid } from '../grid';

export function detectYear(grid: WorkbookGrid): number | null {
  const counts = new Map<number, number>();
  for (const sheet of grid.sheets) {
    for (let r = 1; r <= Math.min(sheet.rowCount, 12); r++) {
      for (const cell of sheet.rows.get(r)?.values() ?? []) {
        if (typeof cell.value !== 'string') continue;
        for (const m of cell.value.matchAll(/(20\d\d)\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
      }
    }
  }
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > (counts.get(best) ?? 0) || (n === counts.get(best) && year > best)) best = year;
  return best;
}
