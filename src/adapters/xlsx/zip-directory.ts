// A zip's central directory, read from its bytes on any host (Node or a browser): the entries
// with their sizes and where their data lies, two entries of one name refused. Inflating is the
// host's (Node's zlib, the browser's DecompressionStream), each within a byte budget.

/** Why a zip could not be read; the caller words it for the user. */
export class ZipError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'encrypted' | 'method' | 'budget' | 'duplicate',
    detail: string,
  ) {
    super(detail);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const utf8 = new TextDecoder('utf-8');

/** The file entries (folders dropped) by name; two entries of one name (part names compare
 * without case) are refused: readers disagree on which one is the part. */
export function zipEntries(b: Uint8Array): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  const seen = new Set<string>();
  for (const e of readDirectory(b)) {
    if (e.name.endsWith('/')) continue;
    const key = e.name.toLowerCase();
    if (seen.has(key)) throw new ZipError('duplicate', e.name);
    seen.add(key);
    entries.set(e.name, e);
  }
  return entries;
}

/** The sizes the directory declares, summed: a bomb is refused before anything is inflated. */
export function declaredSize(entries: Map<string, ZipEntry>): number {
  let n = 0;
  for (const e of entries.values()) n += e.size;
  return n;
}

/** An entry's stored (still compressed) bytes. */
export function entryData(b: Uint8Array, e: ZipEntry): Uint8Array {
  if (e.flags & 1) throw new ZipError('encrypted', e.name);
  const v = view(b);
  if (e.localOffset + 30 > b.length || v.getUint32(e.localOffset, true) !== LOCAL) throw new ZipError('corrupt', `${e.name}：本地文件头缺失`);
  const start = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipError('corrupt', `${e.name}：数据不完整`);
  if (e.method !== 0 && e.method !== 8) throw new ZipError('method', `${e.name}：压缩方式 ${e.method}`);
  return b.subarray(start, end);
}

/** A part's bytes as text (UTF-8, byte-order mark dropped). */
export function partText(bytes: Uint8Array): string {
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return utf8.decode(bytes.subarray(start));
}

function findEnd(b: Uint8Array, v: DataView): number {
  // the end record is 22 bytes plus a comment of up to 65,535
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === EOCD) return i;
  }
  throw new ZipError('corrupt', '找不到压缩包目录（文件可能不完整）');
}

function readDirectory(b: Uint8Array): ZipEntry[] {
  if (b.length < 22) throw new ZipError('corrupt', '文件太短');
  const v = view(b);
  const end = findEnd(b, v);
  let count = v.getUint16(end + 10, true);
  let offset = v.getUint32(end + 16, true);
  if ((count === 0xffff || offset === MAX32) && end >= 20 && v.getUint32(end - 20, true) === EOCD64_LOCATOR) {
    const at = Number(v.getBigUint64(end - 20 + 8, true));
    if (at + 56 > b.length || v.getUint32(at, true) !== EOCD64) throw new ZipError('corrupt', 'zip64 目录记录损坏');
    count = Number(v.getBigUint64(at + 32, true));
    offset = Number(v.getBigUint64(at + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || v.getUint32(p, true) !== CENTRAL) throw new ZipError('corrupt', '压缩包目录损坏');
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    const e: ZipEntry = {
      flags: v.getUint16(p + 8, true),
      method: v.getUint16(p + 10, true),
      compressedSize: v.getUint32(p + 20, true),
      size: v.getUint32(p + 24, true),
      localOffset: v.getUint32(p + 42, true),
      name: utf8.decode(b.subarray(p + 46, p + 46 + nameLength)),
    };
    if (e.size === MAX32 || e.compressedSize === MAX32 || e.localOffset === MAX32) readZip64Extra(v, p + 46 + nameLength, extraLength, e);
    entries.push(e);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset too large for 32 bits stand in the zip64 extra field, in this order. */
function readZip64Extra(v: DataView, start: number, length: number, e: ZipEntry): void {
  for (let p = start; p + 4 <= start + length && p + 4 <= v.byteLength; ) {
    const id = v.getUint16(p, true);
    const size = v.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > v.byteLength) throw new ZipError('corrupt', 'zip64 扩展字段损坏');
        const n = Number(v.getBigUint64(q, true));
        q += 8;
        return n;
      };
      if (e.size === MAX32) e.size = next();
      if (e.compressedSize === MAX32) e.compressedSize = next();
      if (e.localOffset === MAX32) e.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}
