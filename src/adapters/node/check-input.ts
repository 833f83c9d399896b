// The file a check reads: a workbook (.xlsx) or a published disclosure (.pdf), told apart by its
// first bytes, into the core's grid; for a PDF also where each cell is printed.
import * as path from 'node:path';
import type { WorkbookGrid } from '../../core/grid';
import { layoutPages, type PdfLayout } from '../../core/pdf-layout/layout';
import { isPdf, readPdfPages } from '../pdf/read-pdf';
import { readGrid } from './grid-file';
import { MAX_WORKBOOK_BYTES, readInputFile } from './input-file';
import { sniffFormat } from './sniff';

export interface CheckInputFile {
  bytes: Buffer;
  grid: WorkbookGrid;
  /** Set for a PDF: the sheets' cells on the pages. */
  pdf?: PdfLayout;
}

export async function readCheckInput(file: string): Promise<CheckInputFile> {
  const bytes = readInputFile(file, { maxBytes: MAX_WORKBOOK_BYTES, what: '工作簿', refuseLockFile: true });
  if (isPdf(bytes) || path.extname(file).toLowerCase() === '.pdf') {
    const pdf = layoutPages(await readPdfPages(file, bytes));
    return { bytes, grid: pdf.grid, pdf };
  }
  sniffFormat(file, bytes);
  return { bytes, grid: readGrid(file, bytes) };
}
