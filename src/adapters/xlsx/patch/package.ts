// An .xlsx package opened for patching: parts read as text on demand, changed or added parts
// kept as text, removed parts dropped; everything else is written back exactly as it came.
import JSZip from 'jszip';
import { relsName, resolveTarget } from '../part-names';
import { attribute, elements } from '../xml';
import { escapeAttr, findElement, elementAt } from './xml-edit';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};

export const REL = {
  worksheet: `${NS.rel}/worksheet`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  styles: `${NS.rel}/styles`,
  comments: `${NS.rel}/comments`,
  vmlDrawing: `${NS.rel}/vmlDrawing`,
  calcChain: `${NS.rel}/calcChain`,
  drawing: `${NS.rel}/drawing`,
  table: `${NS.rel}/table`,
  pivotTable: `${NS.rel}/pivotTable`,
  threadedComment: 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment',
};

export const CONTENT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
};

export interface Relationship {
  id: string;
  type: string;
  /** The target as written. */
  target: string;
  /** The part it names (package path without a leading slash); null for an external target. */
  part: string | null;
}

/** A target for `part` written relative to the folder of `from`. */
export function relativeTarget(from: string, part: string): string {
  const a = from.split('/').slice(0, -1);
  const b = part.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export class XlsxPackage {
  private readonly changed = new Map<string, string>();
  private readonly removed = new Set<string>();
  private readonly cache = new Map<string, string>();

  private constructor(private readonly zip: JSZip) {}

  static async open(bytes: Buffer | Uint8Array): Promise<XlsxPackage> {
    return new XlsxPackage(await JSZip.loadAsync(bytes));
  }

  /** Parts present (after this patch's additions and removals). */
  names(): string[] {
    const out = new Set<string>();
    this.zip.forEach((name, file) => {
      if (!file.dir && !this.removed.has(name)) out.add(name);
    });
    for (const name of this.changed.keys()) out.add(name);
    return [...out];
  }

  has(name: string): boolean {
    return this.changed.has(name) || (!this.removed.has(name) && this.zip.file(name) !== null);
  }

  /** Texts of the parts this patch may touch, read once up front (reading is asynchronous). */
  async load(names: string[]): Promise<void> {
    for (const name of names) {
      if (this.cache.has(name) || this.changed.has(name) || this.removed.has(name)) continue;
      const file = this.zip.file(name);
      if (!file) continue;
      let text = await file.async('string');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.cache.set(name, text);
    }
  }

  /** A part's text; it must have been loaded. Null when the package has no such part. */
  text(name: string): string | null {
    if (this.changed.has(name)) return this.changed.get(name)!;
    if (this.removed.has(name)) return null;
    const t = this.cache.get(name);
    if (t !== undefined) return t;
    if (this.zip.file(name)) throw new Error(`part not loaded: ${name}`);
    return null;
  }

  /** Sets a part's text; unchanged text leaves the part as it was. */
  set(name: string, text: string): void {
    if (!this.changed.has(name) && this.cache.get(name) === text && !this.removed.has(name)) return;
    this.removed.delete(name);
    this.changed.set(name, text);
  }

  remove(name: string): void {
    this.changed.delete(name);
    this.cache.delete(name);
    this.removed.add(name);
  }

  /** The parts this patch changed, added or removed. */
  touched(): string[] {
    return [...new Set([...this.changed.keys(), ...this.removed])].sort();
  }

  /** The patched package's bytes, on any host (a browser has no Buffer). */
  async toBytes(): Promise<Uint8Array> {
    for (const name of this.removed) this.zip.remove(name);
    for (const [name, text] of this.changed) this.zip.file(name, text);
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }

  async toBuffer(): Promise<Buffer> {
    const out = await this.toBytes();
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  // --- relationships ---

  rels(part: string): Relationship[] {
    const xml = this.text(relsName(part));
    if (!xml) return [];
    const out: Relationship[] = [];
    for (const r of elements(xml, 'Relationship')) {
      const id = attribute(r.tag, 'Id') ?? '';
      const target = attribute(r.tag, 'Target') ?? '';
      const external = attribute(r.tag, 'TargetMode') === 'External';
      out.push({ id, type: attribute(r.tag, 'Type') ?? '', target, part: external ? null : resolveTarget(part, target) });
    }
    return out;
  }

  /** Adds a relationship from `part` to `target` (a package path); returns its id. */
  addRel(part: string, type: string, target: string): string {
    const name = relsName(part);
    const xml = this.text(name) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
    const ids = new Set(this.rels(part).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(part, target))}"/>`;
    const self = xml.lastIndexOf('/>');
    const close = xml.lastIndexOf('</Relationships>');
    // an empty part written as <Relationships …/>
    const text = close >= 0 ? xml.slice(0, close) + rel + xml.slice(close) : xml.slice(0, self) + `>${rel}</Relationships>`;
    this.set(name, text);
    return id;
  }

  removeRel(part: string, id: string): void {
    const name = relsName(part);
    const xml = this.text(name);
    if (!xml) return;
    for (let at = findElement(xml, 'Relationship'); at >= 0; at = findElement(xml, 'Relationship', at + 1)) {
      const e = elementAt(xml, 'Relationship', at);
      if (attribute(e.tag, 'Id') === id) {
        this.set(name, xml.slice(0, at) + xml.slice(e.end));
        return;
      }
    }
  }

  // --- content types ---

  private contentTypes(): string {
    return this.text('[Content_Types].xml') ?? '';
  }

  contentTypeOf(part: string): string | undefined {
    const xml = this.contentTypes();
    for (const o of elements(xml, 'Override')) if (attribute(o.tag, 'PartName') === `/${part}`) return attribute(o.tag, 'ContentType');
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    for (const d of elements(xml, 'Default')) if ((attribute(d.tag, 'Extension') ?? '').toLowerCase() === ext) return attribute(d.tag, 'ContentType');
    return undefined;
  }

  addOverride(part: string, type: string): void {
    if (this.contentTypeOf(part) === type) return;
    this.removeOverride(part);
    const xml = this.contentTypes();
    const at = xml.lastIndexOf('</Types>');
    this.set('[Content_Types].xml', `${xml.slice(0, at)}<Override PartName="/${escapeAttr(part)}" ContentType="${type}"/>${xml.slice(at)}`);
  }

  addDefault(ext: string, type: string): void {
    const xml = this.contentTypes();
    for (const d of elements(xml, 'Default')) if ((attribute(d.tag, 'Extension') ?? '').toLowerCase() === ext) return;
    const at = xml.lastIndexOf('</Types>');
    this.set('[Content_Types].xml', `${xml.slice(0, at)}<Default Extension="${ext}" ContentType="${type}"/>${xml.slice(at)}`);
  }

  /** Removes the Default of an extension (with `onlyIfLast`, only when it is the list's last entry). */
  removeDefault(ext: string, onlyIfLast = false): void {
    const xml = this.contentTypes();
    for (let at = findElement(xml, 'Default'); at >= 0; at = findElement(xml, 'Default', at + 1)) {
      const e = elementAt(xml, 'Default', at);
      if ((attribute(e.tag, 'Extension') ?? '').toLowerCase() === ext) {
        if (onlyIfLast && !/^\s*<\/Types>/.test(xml.slice(e.end))) return;
        this.set('[Content_Types].xml', xml.slice(0, at) + xml.slice(e.end));
        return;
      }
    }
  }

  removeOverride(part: string): void {
    const xml = this.contentTypes();
    for (let at = findElement(xml, 'Override'); at >= 0; at = findElement(xml, 'Override', at + 1)) {
      const e = elementAt(xml, 'Override', at);
      if (attribute(e.tag, 'PartName') === `/${part}`) {
        this.set('[Content_Types].xml', xml.slice(0, at) + xml.slice(e.end));
        return;
      }
    }
  }

  /** Removes a part with its relationships part and content type. */
  drop(part: string): void {
    this.remove(part);
    if (this.has(relsName(part))) this.remove(relsName(part));
    this.removeOverride(part);
  }

  /** A free part name like xl/worksheets/sheet7.xml. */
  freeName(prefix: string, ext: string): string {
    const names = new Set(this.names().map((n) => n.toLowerCase()));
    for (let i = 1; ; i++) if (!names.has(`${prefix}${i}.${ext}`.toLowerCase())) return `${prefix}${i}.${ext}`;
  }
}
