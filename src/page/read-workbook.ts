// A workbook file read in the page with the CLI's reader and guards: the first bytes sniffed
// (an .xls, an encrypted workbook), the zip's directory read (duplicates refused, a declared
// bomb refused before anything is inflated), every XML part inflated by the browser's own
// DecompressionStream within the CLI's byte budget (a zip that lies about its sizes is stopped
// at the budget), then the direct reader (src/adapters/xlsx/read-xlsx.ts) over those parts.
import type { WorkbookGrid } from '../core/grid';
import { type GridReadOptions, LIMITS, packageError, readPackageGrid, refusePackage, sniffFormat } from '../adapters/xlsx/package-read';
import { declaredSize, entryData, partText, ZipError, type ZipEntry, zipEntries } from '../adapters/xlsx/zip-directory';

/** Parts the reader and the patcher read as text; pictures and other binaries are never inflated. */
const TEXT_PART = /\.(xml|rels|vml)$/i;

async function inflate(data: Uint8Array, name: string, budget: { left: number }): Promise<Uint8Array> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (e) {
      throw new ZipError('corrupt', `${name}：${(e as Error).message}`);
    }
    if (next.done) break;
    budget.left -= next.value.length;
    if (budget.left < 0) {
      await reader.cancel().catch(() => undefined);
      throw new ZipError('budget', name);
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The text parts of a package, each inflated within what is left of `budget` bytes. */
async function textParts(bytes: Uint8Array, entries: Map<string, ZipEntry>, budget: number): Promise<Map<string, string>> {
  const left = { left: budget };
  const texts = new Map<string, string>();
  for (const [name, e] of entries) {
    if (!TEXT_PART.test(name)) continue;
    const data = entryData(bytes, e);
    const raw = e.method === 0 ? data : await inflate(data, name, left);
    if (e.method === 0 && (left.left -= raw.length) < 0) throw new ZipError('budget', name);
    texts.set(name, partText(raw));
  }
  return texts;
}

/** The grid of the workbook `file` (its bytes given), or a UserError in the CLI's words. */
export async function readWorkbookGrid(file: string, data: ArrayBuffer, options: GridReadOptions = {}): Promise<WorkbookGrid> {
  const bytes = new Uint8Array(data);
  sniffFormat(file, bytes);
  try {
    const entries = zipEntries(bytes);
    const names = [...entries.keys()];
    const declared = declaredSize(entries);
    refusePackage(file, names, declared);
    const texts = await textParts(bytes, entries, LIMITS.inflatedBytes);
    return readPackageGrid(file, { names: () => names, has: (n) => entries.has(n), text: (n) => texts.get(n) ?? (entries.has(n) ? nonText(n) : null) }, declared, options);
  } catch (e) {
    throw packageError(file, e);
  }
}

function nonText(name: string): never {
  throw new ZipError('corrupt', `${name} 不是 XML 部件`);
}
