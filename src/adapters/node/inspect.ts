// Looking inside an .xlsx before the workbook reader inflates it: a zip bomb (content that would
// inflate to gigabytes) or a sheet of a million rows is refused with a clear message, before it
// can exhaust memory. Every entry is inflated as a stream and counted, so a zip that lies about
// its sizes is caught too.
import JSZip from 'jszip';
import { UserError } from '../../core/errors';
import { LIMITS, PACKAGE_MESSAGES, refuseNonWorkbook } from '../xlsx/package-read';

export { LIMITS, PACKAGE_MESSAGES, refuseNonWorkbook };

async function countEntry(file: JSZip.JSZipObject, budget: { left: number }, onChunk?: (text: string) => boolean): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    let tail = '';
    stream.on('data', (chunk: Buffer) => {
      budget.left -= chunk.length;
      if (budget.left < 0) {
        (stream as unknown as { destroy?: () => void }).destroy?.();
        reject(new Error('bomb'));
        return;
      }
      if (onChunk) {
        const text = tail + chunk.toString('latin1');
        if (onChunk(text)) {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          reject(new Error('rows'));
          return;
        }
        tail = text.slice(-64);
      }
    });
    stream.on('end', () => resolve());
    stream.on('error', (e: Error) => reject(e));
  });
}

export async function inspectXlsx(name: string, bytes: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (e) {
    throw new UserError(PACKAGE_MESSAGES.corrupt(name, (e as Error).message));
  }
  refuseNonWorkbook(name, Object.keys(zip.files));
  const budget = { left: LIMITS.inflatedBytes };
  for (const [path, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    let rows = 0;
    const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(path);
    try {
      await countEntry(
        file,
        budget,
        isSheet
          ? (text) => {
              const dim = /<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(text);
              if (dim && Number(dim[1]) > LIMITS.rows) {
                rows = Number(dim[1]);
                return true;
              }
              rows += (text.match(/<row[ >]/g) ?? []).length;
              return rows > LIMITS.rows;
            }
          : undefined,
      );
    } catch (e) {
      const m = (e as Error).message;
      if (m === 'bomb') throw new UserError(PACKAGE_MESSAGES.bomb(name));
      if (m === 'rows') throw new UserError(PACKAGE_MESSAGES.rows(name, path.replace('xl/worksheets/', '')));
      throw new UserError(PACKAGE_MESSAGES.damaged(name, m));
    }
  }
}
