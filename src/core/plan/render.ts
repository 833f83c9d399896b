// A stable text rendering of a sheet plan, for golden-file tests and for reviewing layouts.
import { formulaText } from './evaluate';
import type { SheetPlan } from './types';

export function renderSheet(sheet: SheetPlan): string {
  const lines = [
    `# ${sheet.name} (${sheet.tableId})`,
    `widths: ${sheet.widths.join(' ')}`,
    `freeze: ${sheet.freeze.rows} rows, ${sheet.freeze.columns} columns; print: ${sheet.print.paper} ${sheet.print.orientation}, titles ${sheet.print.titleRows}`,
    `header rows ${sheet.layout.headerRows.join('-')}; body rows ${sheet.layout.bodyRows.join('-')}; unit ${sheet.layout.unitCell}`,
    `merges: ${sheet.merges.join(' ')}`,
  ];
  for (const c of sheet.cells) {
    if (c.formula) lines.push(`${c.address} [${c.style}] =${formulaText(c.formula)}`);
    else if (c.value !== null && c.value !== undefined) lines.push(`${c.address} [${c.style}]${c.input ? ' input' : ''} ${c.value}`);
    else if (c.input) lines.push(`${c.address} [${c.style}] input`);
  }
  return lines.join('\n') + '\n';
}
