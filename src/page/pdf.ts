// A published disclosure PDF read in the page: pdfjs-dist's browser build, with its own worker
// (pdf.worker.js, copied from the package into the build and served from the page's origin, so
// nothing is fetched from anywhere else); then the CLI's pure layout (src/core/pdf-layout).
import { readPdfPagesWith, type Pdfjs } from '../adapters/pdf/read-pdf';
import { layoutPages, type PdfLayout } from '../core/pdf-layout/layout';
// @ts-expect-error: the browser build ships no types beside it (the Pdfjs interface says what is used)
import * as pdfjs from 'pdfjs-dist/build/pdf.mjs';

/** Where webpack.config.js puts pdfjs's worker, beside page-worker.js. */
const PDF_WORKER = 'pdf.worker.js';

let port: Worker | undefined;

/** pdfjs's worker, started once (a module worker beside the page's worker). */
function pdfWorker(): Worker {
  port ??= new Worker(new URL(PDF_WORKER, self.location.href), { type: 'module' });
  return port;
}

export async function readPdfLayout(file: string, bytes: ArrayBuffer): Promise<PdfLayout> {
  (pdfjs as { GlobalWorkerOptions: { workerPort: Worker } }).GlobalWorkerOptions.workerPort = pdfWorker();
  return layoutPages(await readPdfPagesWith(pdfjs as Pdfjs, file, new Uint8Array(bytes)));
}
