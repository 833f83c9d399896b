// Looking inside an .xlsx before the workbook reader inflates it: a zip bomb (content that would
// inflate to gigabytes) or a sheet of a million rows is refused with a clear message, before it
// can exhaust memory. Every entry is inflated as a stream and counted, so a zip that lies about
// its sizes is caught too.
import JSZip from 'jszip';
import { UserError } from '../../core/errors';
import { MAX_SHEET_ROWS } from '../../core/limits';

export const LIMITS = {
  /** Total inflated size of all parts. */
  inflatedBytes: 256 * 1024 * 1024,
  /** Rows in one sheet. */
  rows: MAX_SHEET_ROWS,
};

/** The messages for a package that cannot be read, shared by every reader. */
export const PACKAGE_MESSAGES = {
  corrupt: (name: string, detail: string) => `无法打开 ${name}：文件已损坏或不完整（${detail}）。如果是从网页或邮件下载的，请重新下载。`,
  notWorkbook: (name: string, isDocx: boolean) => `${name} 不是 Excel 工作簿${isDocx ? '，而是 Word 文档（.docx）' : '（压缩包里没有工作簿内容）'}。`,
  bomb: (name: string) => `${name} 解压后超过 ${LIMITS.inflatedBytes / 1024 / 1024} MB（可能是“压缩包炸弹”或异常大的文件），已拒绝打开。`,
  rows: (name: string, sheet: string) => `${name} 的工作表 ${sheet} 超过 ${LIMITS.rows.toLocaleString('en')} 行，公开表不会有这么多行，已拒绝打开。请删除多余的行后再试。`,
  damaged: (name: string, detail: string) => `无法打开 ${name}：压缩内容已损坏（${detail}）。`,
  duplicate: (name: string, part: string) => `无法打开 ${name}：压缩包里有两份同名的部件 ${part}，不同软件读到的可能不是同一份，文件已损坏或被改动过。请在 Excel 中打开后另存再试。`,
};

/** Refuses a zip that holds no workbook (naming a Word document for what it is). */
export function refuseNonWorkbook(name: string, parts: string[]): void {
  if (!parts.includes('[Content_Types].xml') || !parts.some((p) => p.startsWith('xl/'))) {
    throw new UserError(PACKAGE_MESSAGES.notWorkbook(name, parts.some((p) => p.startsWith('word/'))));
  }
}

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
