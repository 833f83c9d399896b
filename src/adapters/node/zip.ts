// Reading the parts of a zip (an .xlsx) straight from its central directory, inflating only the
// parts asked for, with Node's own zlib. Every inflate is capped by what is left of a budget, so
// a zip that would inflate to gigabytes — or that lies about its sizes — is refused before the
// memory is spent. The directory is read by the host-agnostic zip-directory (the page's too).
import * as zlib from 'node:zlib';
import { declaredSize, entryData, partText, ZipError, type ZipEntry, zipEntries } from '../xlsx/zip-directory';

export { ZipError };

export class Zip {
  private readonly entries: Map<string, ZipEntry>;
  /** Bytes that may still be inflated. */
  budgetLeft: number;

  constructor(
    private readonly bytes: Buffer,
    budget: number,
  ) {
    this.budgetLeft = budget;
    this.entries = zipEntries(bytes);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The sizes the directory declares, summed: refuse a bomb before inflating anything. */
  declaredSize(): number {
    return declaredSize(this.entries);
  }

  /** A part's bytes, inflated; null when the zip has no such part. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const data = entryData(this.bytes, e);
    let out: Buffer;
    if (e.method === 0) out = Buffer.from(data);
    else {
      if (this.budgetLeft <= 0) throw new ZipError('budget', name);
      try {
        out = zlib.inflateRawSync(data, { maxOutputLength: Math.min(this.budgetLeft, 0x7fffffff) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipError('budget', name);
        throw new ZipError('corrupt', `${name}：${(err as Error).message}`);
      }
    }
    this.budgetLeft -= out.length;
    if (this.budgetLeft < 0) throw new ZipError('budget', name);
    return out;
  }

  /** A part as text (UTF-8, byte-order mark dropped); null when absent. */
  text(name: string): string | null {
    const bytes = this.read(name);
    return bytes ? partText(bytes) : null;
  }
}
