// Reading the parts of a zip (an .xlsx) straight from its central directory, inflating only the
// parts asked for, with Node's own zlib. Every inflate is capped by what is left of a budget, so
// a zip that would inflate to gigabytes — or that lies about its sizes — is refused before the
// memory is spent.
import * as zlib from 'node:zlib';

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

interface Entry {
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

export class Zip {
  private readonly entries = new Map<string, Entry>();
  /** Bytes that may still be inflated. */
  budgetLeft: number;

  constructor(
    private readonly bytes: Buffer,
    budget: number,
  ) {
    this.budgetLeft = budget;
    // folders are entries too in some zips; only files are parts. Two entries of one name (part
    // names compare without case) are refused: readers disagree on which one is the part.
    const seen = new Set<string>();
    for (const e of readDirectory(bytes)) {
      if (e.name.endsWith('/')) continue;
      const key = e.name.toLowerCase();
      if (seen.has(key)) throw new ZipError('duplicate', e.name);
      seen.add(key);
      this.entries.set(e.name, e);
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The sizes the directory declares, summed: refuse a bomb before inflating anything. */
  declaredSize(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.size;
    return n;
  }

  /** A part's bytes, inflated; null when the zip has no such part. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.flags & 1) throw new ZipError('encrypted', name);
    const b = this.bytes;
    if (e.localOffset + 30 > b.length || b.readUInt32LE(e.localOffset) !== LOCAL) throw new ZipError('corrupt', `${name}：本地文件头缺失`);
    const start = e.localOffset + 30 + b.readUInt16LE(e.localOffset + 26) + b.readUInt16LE(e.localOffset + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw new ZipError('corrupt', `${name}：数据不完整`);
    const data = b.subarray(start, end);
    let out: Buffer;
    if (e.method === 0) out = Buffer.from(data);
    else if (e.method === 8) {
      if (this.budgetLeft <= 0) throw new ZipError('budget', name);
      try {
        out = zlib.inflateRawSync(data, { maxOutputLength: Math.min(this.budgetLeft, 0x7fffffff) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipError('budget', name);
        throw new ZipError('corrupt', `${name}：${(err as Error).message}`);
      }
    } else throw new ZipError('method', `${name}：压缩方式 ${e.method}`);
    this.budgetLeft -= out.length;
    if (this.budgetLeft < 0) throw new ZipError('budget', name);
    return out;
  }

  /** A part as text (UTF-8, byte-order mark dropped); null when absent. */
  text(name: string): string | null {
    const bytes = this.read(name);
    if (!bytes) return null;
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return bytes.toString('utf8', start);
  }
}

function findEnd(b: Buffer): number {
  // the end record is 22 bytes plus a comment of up to 65,535
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError('corrupt', '找不到压缩包目录（文件可能不完整）');
}

function readDirectory(b: Buffer): Entry[] {
  if (b.length < 22) throw new ZipError('corrupt', '文件太短');
  const end = findEnd(b);
  let count = b.readUInt16LE(end + 10);
  let offset = b.readUInt32LE(end + 16);
  if ((count === 0xffff || offset === MAX32) && end >= 20 && b.readUInt32LE(end - 20) === EOCD64_LOCATOR) {
    const at = Number(b.readBigUInt64LE(end - 20 + 8));
    if (at + 56 > b.length || b.readUInt32LE(at) !== EOCD64) throw new ZipError('corrupt', 'zip64 目录记录损坏');
    count = Number(b.readBigUInt64LE(at + 32));
    offset = Number(b.readBigUInt64LE(at + 48));
  }
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CENTRAL) throw new ZipError('corrupt', '压缩包目录损坏');
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const commentLength = b.readUInt16LE(p + 32);
    const e: Entry = {
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      compressedSize: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
      name: b.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (e.size === MAX32 || e.compressedSize === MAX32 || e.localOffset === MAX32) readZip64Extra(b, p + 46 + nameLength, extraLength, e);
    entries.push(e);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset too large for 32 bits stand in the zip64 extra field, in this order. */
function readZip64Extra(b: Buffer, start: number, length: number, e: Entry): void {
  for (let p = start; p + 4 <= start + length; ) {
    const id = b.readUInt16LE(p);
    const size = b.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = () => {
        const v = Number(b.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (e.size === MAX32) e.size = next();
      if (e.compressedSize === MAX32) e.compressedSize = next();
      if (e.localOffset === MAX32) e.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}
