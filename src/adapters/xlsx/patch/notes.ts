// Cell notes (Excel's legacy comments) on one worksheet: the comments part with its text, and
// the VML drawing that shows each note's box. A sheet without notes gets both parts, their
// relationships, content types and the sheet's <legacyDrawing>. Other notes stay as written.
import { columnLetter } from '../../../core/a1';
import { stringItemText } from '../xml';
import type { Book } from './book';
import { relsName } from '../part-names';
import { CONTENT, NS, REL } from './package';
import { WORKSHEET_ORDER } from './sheet-data';
import { elementAt, ensureNamespace, escapeText, findElement, getAttr, insertChild, parseTag } from './xml-edit';

const AUTHOR = 'gongkai';
const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function cellOf(address: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < address.length && address.charCodeAt(i) >= 65; i++) col = col * 26 + address.charCodeAt(i) - 64;
  return { col, row: Number(address.slice(i)) };
}

function commentXml(address: string, authorId: number, text: string): string {
  return `<comment ref="${address}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeText(text)}</t></r></text></comment>`;
}

function shapeXml(id: number, address: string, z: number): string {
  const { row, col } = cellOf(address);
  const r = row - 1;
  const c = col - 1;
  const anchor = `${c + 1}, 15, ${Math.max(0, r - 1)}, 10, ${c + 3}, 15, ${r + 4}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:216pt;height:90pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

/** The row and column (0-based) a VML note shape belongs to; null for other shapes. */
function shapeCell(body: string): string | null {
  const data = findElement(body, 'x:ClientData');
  if (data < 0 || getAttr(elementAt(body, 'x:ClientData', data).tag, 'ObjectType') !== 'Note') return null;
  const row = findElement(body, 'x:Row');
  const col = findElement(body, 'x:Column');
  if (row < 0 || col < 0) return null;
  const r = elementAt(body, 'x:Row', row);
  const c = elementAt(body, 'x:Column', col);
  return `${columnLetter(Number(body.slice(c.bodyStart, c.bodyEnd).trim()) + 1)}${Number(body.slice(r.bodyStart, r.bodyEnd).trim()) + 1}`;
}

export class SheetNotes {
  private comments: string | null = null;
  private commentsPart: string | null = null;
  private vml: string | null = null;
  private vmlPart: string | null = null;
  private changed = false;

  constructor(
    private readonly book: Book,
    private readonly sheetPart: string,
  ) {
    const pkg = book.pkg;
    const rels = pkg.rels(sheetPart);
    const c = rels.find((r) => r.type === REL.comments);
    if (c?.part) {
      this.commentsPart = c.part;
      this.comments = pkg.text(c.part);
    }
    // the VML of the notes is the one <legacyDrawing> names (header pictures have another)
    const m = book.model(sheetPart);
    const at = findElement(m.tail, 'legacyDrawing');
    const id = at >= 0 ? parseTag(elementAt(m.tail, 'legacyDrawing', at).tag).attrs.find(([k]) => k.endsWith(':id'))?.[1] : undefined;
    const v = rels.find((r) => r.id === id);
    if (v?.part) {
      this.legacyId = id;
      this.vmlPart = v.part;
      this.vml = pkg.text(v.part);
    }
  }

  /** The notes parsed once: comments by cell, and the VML split into pieces with each note's shape by cell. */
  private parsed: {
    head: string;
    byCell: Map<string, string>;
    /** The list as it was: its comments (by cell) and the text between them, so what is kept keeps its bytes. */
    segments: { ref: string | null; text: string }[];
    tail: string;
    pieces: string[];
    shapeOf: Map<string, number>;
    added: string[];
    nextId: number;
    authorId: number;
  } | null = null;
  /** The sheet's notes parts were created by this patch (none before). */
  private created = false;
  private legacyId: string | undefined;

  private model(create: boolean): NonNullable<SheetNotes['parsed']> | null {
    if (this.parsed) return this.parsed;
    if (!this.comments) {
      if (!create) return null;
      this.created = true;
      this.comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS.main}"><authors><author>${AUTHOR}</author></authors><commentList></commentList></comments>`;
    }
    const authorId = this.author();
    let xml = this.comments!;
    if (findElement(xml, 'commentList') < 0) {
      const end = xml.lastIndexOf('</comments>');
      xml = `${xml.slice(0, end)}<commentList></commentList>${xml.slice(end)}`;
    }
    const list = elementAt(xml, 'commentList', findElement(xml, 'commentList'));
    const byCell = new Map<string, string>();
    const segments: { ref: string | null; text: string }[] = [];
    let from = list.bodyStart;
    for (let at = findElement(xml, 'comment', list.bodyStart); at >= 0 && at < list.bodyEnd; ) {
      const e = elementAt(xml, 'comment', at);
      const ref = getAttr(e.tag, 'ref') ?? '';
      segments.push({ ref: null, text: xml.slice(from, at) });
      if (!byCell.has(ref)) segments.push({ ref, text: xml.slice(at, e.end) });
      byCell.set(ref, xml.slice(at, e.end));
      from = e.end;
      at = findElement(xml, 'comment', e.end);
    }
    segments.push({ ref: null, text: xml.slice(from, list.bodyEnd) });
    const pieces: string[] = [];
    const shapeOf = new Map<string, number>();
    let nextId = 0;
    if (this.vml !== null) {
      const vml = this.vml;
      let from = 0;
      for (let at = findElement(vml, 'v:shape'); at >= 0; at = findElement(vml, 'v:shape', from)) {
        const e = elementAt(vml, 'v:shape', at);
        pieces.push(vml.slice(from, at));
        const cell = e.bodyEnd > e.bodyStart ? shapeCell(vml.slice(e.bodyStart, e.bodyEnd)) : null;
        if (cell) shapeOf.set(cell, pieces.length);
        pieces.push(vml.slice(at, e.end));
        from = e.end;
      }
      pieces.push(vml.slice(from));
      nextId = this.nextShapeId();
    }
    this.parsed = { head: xml.slice(0, list.bodyStart), byCell, segments, tail: xml.slice(list.bodyEnd), pieces, shapeOf, added: [], nextId, authorId };
    return this.parsed;
  }

  /** The text of a cell's note; null when it has none. */
  get(address: string): string | null {
    const m = this.model(false);
    const xml = m?.byCell.get(address);
    if (xml === undefined) return null;
    const t = findElement(xml, 'text');
    return t >= 0 ? stringItemText(xml.slice(t, elementAt(xml, 'text', t).end)) : '';
  }

  /** Sets or removes (null) a cell's note. */
  set(address: string, text: string | null): void {
    this.changed = true;
    const m = this.model(text !== null);
    if (!m) return;
    m.byCell.delete(address);
    const shape = m.shapeOf.get(address);
    if (shape !== undefined) {
      m.pieces[shape] = '';
      m.shapeOf.delete(address);
    }
    if (text === null) return;
    m.byCell.set(address, commentXml(address, m.authorId, text));
    if (this.vml === null) {
      this.vml =
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${this.freeIdBlock()}"/></o:shapelayout>${SHAPETYPE}</xml>`;
      m.pieces = [this.vml];
      m.nextId = this.nextShapeId();
    }
    if (!m.pieces.some((p) => p.includes('id="_x0000_t202"')) && !m.added.some((p) => p === SHAPETYPE)) m.added.push(SHAPETYPE);
    const id = m.nextId++;
    m.added.push(shapeXml(id, address, id % 1024));
  }

  /** The parts' text from the parsed notes. */
  private serialise(): void {
    const m = this.parsed;
    if (!m) return;
    // the comments kept stay where they were, with the text around them; new ones go last
    const listed = new Set(m.segments.map((x) => x.ref));
    const kept = m.segments.map((x) => (x.ref === null ? x.text : (m.byCell.get(x.ref) ?? ''))).join('');
    const added = [...m.byCell].filter(([ref]) => !listed.has(ref)).map(([, xml]) => xml).join('');
    const body = kept.trim() === '' ? added : kept.slice(0, kept.length - m.segments[m.segments.length - 1].text.length) + added + m.segments[m.segments.length - 1].text;
    this.dropUnusedAuthor(m);
    this.comments = m.head + body + m.tail;
    if (this.vml === null) return;
    const vml = m.pieces.join('');
    const end = vml.lastIndexOf('</xml>');
    this.vml = vml.slice(0, end) + m.added.join('') + vml.slice(end);
  }

  /** Our author, once no note uses it, goes from the end of the list it was added to. */
  private dropUnusedAuthor(m: NonNullable<SheetNotes['parsed']>): void {
    if ([...m.byCell.values()].some((c) => getAttr(elementAt(c, 'comment', 0).tag, 'authorId') === String(m.authorId))) return;
    const own = `<author>${AUTHOR}</author></authors>`;
    const at = m.head.lastIndexOf(own);
    if (at >= 0) m.head = m.head.slice(0, at) + m.head.slice(at + `<author>${AUTHOR}</author>`.length);
  }

  /** Whether the notes left are none, and no author but ours is named: the parts hold nothing of the user's. */
  private empty(): boolean {
    const m = this.parsed!;
    if (m.byCell.size > 0) return false;
    const authors = [...m.head.matchAll(/<author>([^<]*)<\/author>/g)].map((x) => x[1]);
    return authors.every((a) => a === AUTHOR);
  }

  private author(): number {
    const xml = this.comments!;
    const at = findElement(xml, 'authors');
    if (at < 0) {
      const list = findElement(xml, 'commentList');
      this.comments = list >= 0 ? `${xml.slice(0, list)}<authors><author>${AUTHOR}</author></authors>${xml.slice(list)}` : xml.replace(/<\/comments>\s*$/, `<authors><author>${AUTHOR}</author></authors></comments>`);
      return 0;
    }
    const e = elementAt(xml, 'authors', at);
    let i = 0;
    for (let a = findElement(xml, 'author', e.bodyStart); a >= 0 && a < e.bodyEnd; a = findElement(xml, 'author', a + 1), i++) {
      const el = elementAt(xml, 'author', a);
      if (xml.slice(el.bodyStart, el.bodyEnd) === AUTHOR) return i;
    }
    this.comments = `${xml.slice(0, e.bodyEnd)}<author>${AUTHOR}</author>${xml.slice(e.bodyEnd)}`;
    return i;
  }

  /** The o:idmap block for a new VML part: one no other VML part of the workbook uses. */
  private freeIdBlock(): number {
    let max = 0;
    for (const name of this.book.pkg.names()) {
      if (!name.endsWith('.vml')) continue;
      const xml = this.book.pkg.text(name) ?? '';
      const at = findElement(xml, 'o:idmap');
      if (at >= 0) for (const n of (getAttr(elementAt(xml, 'o:idmap', at).tag, 'data') ?? '').split(',')) max = Math.max(max, Number(n) || 0);
    }
    return max + 1;
  }

  private nextShapeId(): number {
    const xml = this.vml!;
    let max = 0;
    for (let at = xml.indexOf('_x0000_s'); at >= 0; at = xml.indexOf('_x0000_s', at + 8)) {
      let n = 0;
      let p = at + 8;
      for (let ch = xml.charCodeAt(p); ch >= 48 && ch <= 57; ch = xml.charCodeAt(++p)) n = n * 10 + ch - 48;
      max = Math.max(max, n);
    }
    if (max === 0) {
      const at = findElement(xml, 'o:idmap');
      const block = at >= 0 ? Number((getAttr(elementAt(xml, 'o:idmap', at).tag, 'data') ?? '1').split(',')[0]) || 1 : 1;
      return block * 1024 + 1;
    }
    return max + 1;
  }

  /** No note left, and none of the user's ever: the comments part goes, and its VML drawing when it shows nothing else. */
  private dropParts(): void {
    const pkg = this.book.pkg;
    if (this.created) return;
    if (this.commentsPart) {
      const rel = pkg.rels(this.sheetPart).find((r) => r.type === REL.comments && r.part === this.commentsPart);
      if (rel) pkg.removeRel(this.sheetPart, rel.id);
      pkg.drop(this.commentsPart);
    }
    if (!this.vmlPart || this.vml === null || this.vml.includes('<v:shape ')) {
      if (this.vmlPart && this.vml !== null) pkg.set(this.vmlPart, this.vml);
      return;
    }
    if (this.legacyId) pkg.removeRel(this.sheetPart, this.legacyId);
    pkg.drop(this.vmlPart);
    const m = this.book.model(this.sheetPart);
    const at = findElement(m.tail, 'legacyDrawing');
    if (at >= 0) {
      m.tail = m.tail.slice(0, at) + m.tail.slice(elementAt(m.tail, 'legacyDrawing', at).end);
      this.book.touch(this.sheetPart);
    }
    // producers write the Defaults first: one last in the list was appended with the notes
    if (!pkg.names().some((n) => n.toLowerCase().endsWith('.vml') && n !== this.vmlPart)) pkg.removeDefault('vml', true);
    // a links part left with no link was made for the notes
    if (pkg.rels(this.sheetPart).length === 0 && pkg.has(relsName(this.sheetPart))) pkg.remove(relsName(this.sheetPart));
  }

  /** Writes the parts back (and creates them, with their links, for a sheet that had no notes). */
  finish(): void {
    if (!this.changed) return;
    this.serialise();
    if (this.comments === null) return;
    const pkg = this.book.pkg;
    if (this.parsed && this.empty()) return this.dropParts();
    if (!this.commentsPart) {
      this.commentsPart = pkg.freeName('xl/comments', 'xml');
      pkg.addRel(this.sheetPart, REL.comments, this.commentsPart);
      pkg.addOverride(this.commentsPart, CONTENT.comments);
    }
    pkg.set(this.commentsPart, this.comments);
    if (this.vml === null) return;
    if (!this.vmlPart) {
      this.vmlPart = pkg.freeName('xl/drawings/vmlDrawing', 'vml');
      const id = pkg.addRel(this.sheetPart, REL.vmlDrawing, this.vmlPart);
      pkg.addDefault('vml', CONTENT.vml);
      const m = this.book.model(this.sheetPart);
      const ns = ensureNamespace(m.head, 'r', NS.rel);
      m.head = ns.xml;
      m.tail = insertChild(m.tail, 'worksheet', WORKSHEET_ORDER, 'legacyDrawing', `<legacyDrawing ${ns.prefix}:id="${id}"/>`);
      this.book.touch(this.sheetPart);
    }
    pkg.set(this.vmlPart, this.vml);
  }
}
