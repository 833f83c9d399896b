// Reading a PDF's text layer with pdfjs-dist (its legacy build, for Node): each page's positioned
// text runs, handed to the pure layout in src/core/pdf-layout. Nothing else here.
import { UserError } from '../../core/errors';
import type { PdfPage, TextRun } from '../../core/pdf-layout/lines';

/** Pages read at most: a longer file is not a department's disclosure. */
export const MAX_PDF_PAGES = 1000;

export const isPdf = (bytes: Uint8Array): boolean => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');

interface PdfjsItem {
  str?: string;
  transform: number[];
  width: number;
  height: number;
}

export interface Pdfjs {
  getDocument(src: object): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}
interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<{ view: number[]; getTextContent(): Promise<{ items: PdfjsItem[] }>; cleanup(): void }>;
  destroy(): Promise<void>;
}

let pdfjs: Pdfjs | undefined;
function loadPdfjs(): Pdfjs {
  // Node's own require, not a test runner's stand-in: the legacy build is an ES module, which
  // Node (20.19 and later) loads through require
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  pdfjs ??= createRequire(__filename)('pdfjs-dist/legacy/build/pdf.mjs') as Pdfjs;
  return pdfjs;
}

/** The text runs of every page of the PDF `file` (its bytes given). */
export function readPdfPages(file: string, bytes: Uint8Array): Promise<PdfPage[]> {
  return readPdfPagesWith(loadPdfjs(), file, bytes);
}

/** The same with a given pdfjs (the browser page's bundled build). */
export async function readPdfPagesWith(pdfjs: Pdfjs, file: string, bytes: Uint8Array): Promise<PdfPage[]> {
  if (!isPdf(bytes)) throw new UserError(`${file} 不是 PDF 文件。`);
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  let doc: PdfjsDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new UserError(`${file} 设有密码（加密的 PDF），无法读取。请提供未加密的 PDF。`);
    throw new UserError(`${file} 已损坏或不是有效的 PDF，无法读取（${(e as Error).message}）。`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new UserError(`${file} 有 ${doc.numPages} 页，超过上限 ${MAX_PDF_PAGES} 页，已拒绝读取。`);
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [vx0, vy0, vx1, vy1] = page.view;
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (typeof item.str !== 'string' || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform;
        // upright text only; the size is the glyphs' height
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
        runs.push({ text: item.str, x: e - vx0, y: vy1 - f, width: item.width, size: Math.abs(d) || item.height || Math.hypot(c, d) });
      }
      pages.push({ number: n, width: vx1 - vx0, height: vy1 - vy0, runs });
      page.cleanup();
    }
    if (pages.every((p) => p.runs.length === 0)) throw new UserError(`${file} 没有文字层（可能是扫描件或图片），无法读取其中的表格。请提供由 Word、Excel 或 WPS 直接导出的 PDF。`);
    return pages;
  } finally {
    await doc.destroy();
  }
}
