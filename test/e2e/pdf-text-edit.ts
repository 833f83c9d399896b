// Edits one printed amount in the text layer of a PDF LibreOffice wrote: its page content is
// Flate streams of `x y Td /Fn s Tf<hex>Tj`, the hex being glyph codes of a subset font whose
// ToUnicode CMap says which character each code is. The run at (x, y) that reads `from` is
// rewritten to read `to` (same length, characters the subset has); stream lengths (indirect
// objects) and the xref table are rewritten to match.
import * as zlib from 'node:zlib';

interface Stream {
  obj: number;
  /** The object holding the length (content streams), null when written in the dictionary. */
  lengthObj: number | null;
  start: number;
  length: number;
  data: string;
}

function streams(pdf: Buffer): Stream[] {
  const s = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*<<\/Length (\d+)( 0 R)?\/Filter\/FlateDecode[^>]*>>\s*stream\r?\n/g;
  const out: Stream[] = [];
  for (let m; (m = re.exec(s)); ) {
    const lengthObj = m[3] ? Number(m[2]) : null;
    const length = lengthObj === null ? Number(m[2]) : Number(new RegExp(`(?:^|\\n)${lengthObj} 0 obj\\s*(\\d+)\\s*endobj`).exec(s)![1]);
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + length);
    // font programs are no text: only streams that inflate to text operators or CMaps matter
    let data = '';
    try {
      data = zlib.inflateSync(raw).toString('latin1');
    } catch {
      continue;
    }
    out.push({ obj: Number(m[1]), lengthObj, start, length, data });
  }
  return out;
}

/** code (hex) → text, from a ToUnicode CMap's bfchar and bfrange entries. */
function cmapOf(data: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of data.match(/beginbfchar[^]*?endbfchar/g) ?? []) {
    for (const m of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1].toUpperCase(), hex(m[2]));
  }
  for (const block of data.match(/beginbfrange[^]*?endbfrange/g) ?? []) {
    for (const m of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = m[1].length;
      for (let c = parseInt(m[1], 16), u = parseInt(m[3], 16); c <= parseInt(m[2], 16); c++, u++) map.set(c.toString(16).toUpperCase().padStart(width, '0'), String.fromCodePoint(u));
    }
  }
  return map;
}

function decode(hex: string, cmap: Map<string, string>, width: number): string | null {
  let text = '';
  for (let i = 0; i < hex.length; i += width) {
    const ch = cmap.get(hex.slice(i, i + width).toUpperCase());
    if (ch === undefined) return null;
    text += ch;
  }
  return text;
}

/** Rewrites the amount `from` printed at PDF point (x, baseline y) to `to`; throws when not found once. */
export function editPrintedAmount(pdf: Buffer, at: { x: number; y: number }, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('the new text must have the same length');
  const all = streams(pdf);
  const cmaps = all.filter((s) => s.data.includes('begincmap')).map((s) => cmapOf(s.data));
  const hits: { stream: Stream; index: number; show: string; newShow: string }[] = [];
  for (const stream of all) {
    // a run shown with Tj (<hex>) or TJ ([<hex> kern <hex> …], kerning between glyphs)
    for (const m of stream.data.matchAll(/([\d.]+) ([\d.]+) Td \/F\d+ [\d.]+ Tf(<[0-9A-Fa-f]+>Tj|\[(?:<[0-9A-Fa-f]+>|-?[\d.]+)+\]TJ)/g)) {
      if (Math.abs(Number(m[1]) - at.x) > 0.6 || Math.abs(Number(m[2]) - at.y) > 2) continue;
      const pieces = [...m[3].matchAll(/<([0-9A-Fa-f]+)>/g)].map((p) => p[1]);
      for (const cmap of cmaps) {
        const width = [...cmap.keys()][0]?.length ?? 2;
        if (decode(pieces.join(''), cmap, width) !== from) continue;
        const reverse = new Map([...cmap].map(([code, ch]) => [ch, code]));
        const codes = [...to].map((ch) => reverse.get(ch));
        if (codes.some((c) => c === undefined)) throw new Error(`the subset font has no glyph for one of "${to}"`);
        // each piece keeps its glyph count: the new codes dealt out in order
        let next = 0;
        const newShow = m[3].replace(/<([0-9A-Fa-f]+)>/g, (_p, h: string) => {
          const n = h.length / width;
          const out = `<${codes.slice(next, next + n).join('')}>`;
          next += n;
          return out;
        });
        hits.push({ stream, index: m.index! + m[0].length - m[3].length, show: m[3], newShow });
        break;
      }
    }
  }
  if (hits.length !== 1) throw new Error(`expected one run "${from}" at ${at.x},${at.y}, found ${hits.length}`);
  const { stream, index, show, newShow } = hits[0];
  const data = stream.data.slice(0, index) + newShow + stream.data.slice(index + show.length);
  const packed = zlib.deflateSync(Buffer.from(data, 'latin1'));
  // splice the stream, then its length object; every later object moves
  if (stream.lengthObj === null) throw new Error('a content stream with its length in the dictionary is not supported');
  const s = pdf.toString('latin1');
  const lengthRe = new RegExp(`(^|\\n)(${stream.lengthObj} 0 obj\\s*)(\\d+)(\\s*endobj)`);
  const lm = lengthRe.exec(s)!;
  const lengthAt = lm.index + lm[1].length + lm[2].length;
  const edits = [
    { at: stream.start, remove: stream.length, insert: packed },
    { at: lengthAt, remove: lm[3].length, insert: Buffer.from(String(packed.length), 'latin1') },
  ].sort((a, b) => a.at - b.at);
  const shift = (offset: number) => edits.reduce((o, e) => (offset > e.at ? o + e.insert.length - e.remove : o), offset);
  const parts: Buffer[] = [];
  let pos = 0;
  for (const e of edits) {
    parts.push(pdf.subarray(pos, e.at), e.insert);
    pos = e.at + e.remove;
  }
  parts.push(pdf.subarray(pos));
  let out = Buffer.concat(parts).toString('latin1');
  // the xref table: each "0000012345 00000 n" entry and startxref moved by what came before it
  out = out.replace(/(xref\r?\n\d+ \d+\r?\n)((?:\d{10} \d{5} [nf]\s*\r?\n)+)/, (_all, head: string, entries: string) =>
    head + entries.replace(/(\d{10}) (\d{5}) n/g, (_e, off: string, gen: string) => `${String(shift(Number(off))).padStart(10, '0')} ${gen} n`),
  );
  out = out.replace(/startxref\r?\n(\d+)/, (_all, off: string) => `startxref\n${shift(Number(off))}`);
  return Buffer.from(out, 'latin1');
}
