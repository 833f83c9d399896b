// Reading a spreadsheet or CSV file as rows of text (for imports), with clear errors.
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import { sheetRows, type SourceRow } from '../../core/catalog/import';
import { readGrid } from './grid-file';
import { decodeText } from './decode-text';
import { MAX_WORKBOOK_BYTES, readInputFile } from './input-file';
import { sniffFormat } from './sniff';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export async function readRows(file: string): Promise<SourceRow[]> {
  const bytes = readInputFile(file, { maxBytes: MAX_WORKBOOK_BYTES, what: '科目表', refuseLockFile: true });
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    return parseCsv(decodeText(bytes)).map((cells, i) => ({ row: i + 1, cells }));
  }
  sniffFormat(file, bytes);
  // the direct reader: bounded in memory and time, where a workbook model of a large export is not
  const ws = readGrid(file, bytes).sheets[0];
  if (!ws) throw new UserError(`${file} 里没有工作表`);
  return sheetRows(ws);
}
