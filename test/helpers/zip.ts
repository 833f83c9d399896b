// Writing zips by hand for hostile inputs: entries deflated from a stream of chunks, so a part
// that inflates to a gigabyte costs only its compressed size on disk and in memory.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface Entry {
  name: string;
  /** Content as chunks (generated lazily), or a string. */
  chunks: Iterable<Buffer> | string;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** Writes a zip; `declare` lets an entry lie about its uncompressed size, as a bomb may. */
export function writeZip(file: string, entries: Entry[], declare: Record<string, number> = {}): void {
  const fd = fs.openSync(file, 'w');
  let offset = 0;
  const central: Buffer[] = [];
  const write = (b: Buffer) => {
    fs.writeSync(fd, b);
    offset += b.length;
  };
  for (const e of entries) {
    const chunks = typeof e.chunks === 'string' ? [Buffer.from(e.chunks, 'utf8')] : e.chunks;
    let crc = 0;
    let size = 0;
    const parts: Buffer[] = [];
    for (const c of chunks) {
      crc = zlib.crc32(c, crc);
      size += c.length;
      parts.push(zlib.deflateRawSync(c, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    }
    parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
    const data = Buffer.concat(parts);
    const name = Buffer.from(e.name, 'utf8');
    const declared = declare[e.name] ?? size;
    const local = Buffer.concat([u32(0x04034b50), u16(20), u16(0x0800), u16(8), u16(0), u16(0), u32(crc), u32(data.length), u32(declared), u16(name.length), u16(0), name]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), u16(20), u16(0x0800), u16(8), u16(0), u16(0), u32(crc), u32(data.length), u32(declared), u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    write(local);
    write(data);
  }
  const cdStart = offset;
  for (const c of central) write(c);
  write(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(offset - cdStart), u32(cdStart), u16(0)]));
  fs.closeSync(fd);
}

/** The minimal parts of a workbook with one sheet whose XML comes from `sheet`. */
export function workbookEntries(sheet: Iterable<Buffer> | string): Entry[] {
  return [
    { name: '[Content_Types].xml', chunks: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>' },
    { name: '_rels/.rels', chunks: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', chunks: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', chunks: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
    { name: 'xl/worksheets/sheet1.xml', chunks: sheet },
  ];
}

export function* repeat(chunk: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i++) yield chunk;
}
