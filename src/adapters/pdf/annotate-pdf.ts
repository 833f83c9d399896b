// A marked-up copy of a published PDF (pdf-lib): each finding a Square annotation over the cell it
// is about, its message the annotation's contents (shown in a popup); a finding without a box a
// text note on the page of its table (or page 1). The input's bytes are only read.
import { PDFDocument, PDFHexString, type PDFPage } from 'pdf-lib';
import type { Finding } from '../../core/check/finding';
import type { PdfLayout } from '../../core/pdf-layout/layout';

const RED = [0.86, 0.1, 0.1];
/** Margin around a cell's box, points. */
const PAD = 1;
const NOTE = 18;

/** The page a finding belongs to: its location's, else its sheet's first cell's, else 1. */
function pageOf(f: Finding, layout: PdfLayout): number {
  if (f.location) return f.location.page;
  const boxes = f.sheet ? layout.boxes.get(f.sheet) : undefined;
  return boxes?.values().next().value?.page ?? 1;
}

export async function annotatedPdf(bytes: Uint8Array, findings: Finding[], layout: PdfLayout): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false });
  const pages = doc.getPages();
  const notes = new Map<PDFPage, number>();
  for (const f of findings) {
    const page = pages[Math.min(Math.max(pageOf(f, layout), 1), pages.length) - 1];
    // layout boxes are measured from the page's visible box; annotations are in user space
    const crop = page.getCropBox();
    let rect: number[];
    let subtype: string;
    if (f.location?.box) {
      const [x0, y0, x1, y1] = f.location.box;
      rect = [crop.x + x0 - PAD, crop.y + y0 - PAD, crop.x + x1 + PAD, crop.y + y1 + PAD];
      subtype = 'Square';
    } else {
      // a sticky note in the top left margin, one under another
      const n = notes.get(page) ?? 0;
      notes.set(page, n + 1);
      const top = crop.y + crop.height - 8 - n * (NOTE + 4);
      rect = [crop.x + 8, top - NOTE, crop.x + 8 + NOTE, top];
      subtype = 'Text';
    }
    const annot = doc.context.obj({
      Type: 'Annot',
      Subtype: subtype,
      Rect: rect,
      Contents: PDFHexString.fromText(f.message),
      T: PDFHexString.fromText('gongkai'),
      C: RED,
      F: 4,
      ...(subtype === 'Square' ? { BS: { W: 1.5 } } : { Name: 'Comment', Open: false }),
    });
    page.node.addAnnot(doc.context.register(annot));
  }
  return doc.save({ useObjectStreams: false });
}
