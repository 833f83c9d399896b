// A chosen file's grid in the browser: a workbook by the CLI's direct reader, a published PDF by
// pdfjs (loaded only when a PDF comes), told apart by name or first bytes.
import type { WorkbookGrid } from '../core/grid';
import { isPdf } from '../adapters/pdf/read-pdf';
import type { WorkbookFile } from './files';
import { readWorkbookGrid } from './read-workbook';

export const isPdfFile = (file: WorkbookFile) => /\.pdf$/i.test(file.name) || isPdf(new Uint8Array(file.bytes, 0, Math.min(1024, file.bytes.byteLength)));

export async function fileGrid(file: WorkbookFile): Promise<WorkbookGrid> {
  return isPdfFile(file) ? (await (await import('./pdf')).readPdfLayout(file.name, file.bytes)).grid : readWorkbookGrid(file.name, file.bytes);
}
