// Cell styles added to styles.xml: a cell's style cloned with another fill, a bold font, an
// alignment or a font of its own. Each new fill, font and style is appended once; a clone that
// equals a style the workbook already has reuses it (so putting a fill back finds the original).
import { elements } from '../xml';
import { elementAt, escapeAttr, findElement, getAttr, parseTag, setAttr, unprefixRoot } from './xml-edit';

/** A fill as exceljs names it, which is what gongkai's record keeps (the same in every host). */
export interface FillObject {
  type: 'pattern';
  pattern: string;
  fgColor?: Record<string, string | number>;
  bgColor?: Record<string, string | number>;
}

export interface StyleChange {
  /** A fill element's XML; null for no fill. */
  fill?: string | null;
  bold?: boolean;
  /** A font element's XML used as is. */
  font?: string;
  /** An alignment element's XML. */
  alignment?: string;
  /** The look of a link: the font underlined, in the link colour. */
  link?: true;
}

interface Section {
  name: string;
  item: string;
  items: string[];
}

const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function colorObject(tag: string): Record<string, string | number> | undefined {
  const t = parseTag(tag);
  const out: Record<string, string | number> = {};
  for (const [k, v] of t.attrs) {
    if (k === 'rgb') out.argb = v.toUpperCase();
    else if (k === 'theme' || k === 'indexed') out[k] = Number(v);
    else if (k === 'tint') out.tint = Number(v);
  }
  return Object.keys(out).length ? out : undefined;
}

function colorXml(name: string, c: Record<string, string | number> | undefined): string {
  if (!c) return '';
  const attrs: string[] = [];
  if (c.argb !== undefined) attrs.push(`rgb="${escapeAttr(String(c.argb))}"`);
  if (c.theme !== undefined) attrs.push(`theme="${Number(c.theme)}"`);
  if (c.indexed !== undefined) attrs.push(`indexed="${Number(c.indexed)}"`);
  if (c.tint !== undefined) attrs.push(`tint="${Number(c.tint)}"`);
  return `<${name} ${attrs.join(' ')}/>`;
}

/** A <fill> element as exceljs's fill object; null for no fill (none, gray125 counts as a fill). */
export function fillObject(xml: string): FillObject | null {
  const at = findElement(xml, 'patternFill');
  if (at < 0) return null;
  const e = elementAt(xml, 'patternFill', at);
  const pattern = getAttr(e.tag, 'patternType') ?? 'none';
  if (pattern === 'none') return null;
  const body = xml.slice(e.bodyStart, e.bodyEnd);
  const fg = findElement(body, 'fgColor');
  const bg = findElement(body, 'bgColor');
  const out: FillObject = { type: 'pattern', pattern };
  const f = fg >= 0 ? colorObject(elementAt(body, 'fgColor', fg).tag) : undefined;
  const b = bg >= 0 ? colorObject(elementAt(body, 'bgColor', bg).tag) : undefined;
  if (f) out.fgColor = f;
  if (b) out.bgColor = b;
  return out;
}

export function fillXml(fill: FillObject | null): string {
  if (!fill) return '<fill><patternFill patternType="none"/></fill>';
  return `<fill><patternFill patternType="${escapeAttr(fill.pattern)}">${colorXml('fgColor', fill.fgColor)}${colorXml('bgColor', fill.bgColor)}</patternFill></fill>`;
}

export function solidFill(argb: string): string {
  return fillXml({ type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { indexed: 64 } });
}

function childVal(font: string, name: string): string | undefined {
  const at = findElement(font, name);
  return at >= 0 ? getAttr(elementAt(font, name, at).tag, 'val') : undefined;
}

/** A font of the same size and face, underlined, in Excel's link colour. */
function linkFont(font: string): string {
  const sz = childVal(font, 'sz') ?? '11';
  const name = childVal(font, 'name');
  const family = childVal(font, 'family');
  const charset = childVal(font, 'charset');
  return `<font><u/><sz val="${escapeAttr(sz)}"/><color rgb="FF0563C1"/>${name ? `<name val="${escapeAttr(name)}"/>` : ''}${family ? `<family val="${escapeAttr(family)}"/>` : ''}${charset ? `<charset val="${escapeAttr(charset)}"/>` : ''}</font>`;
}

/** The xf with the attributes that say "apply" removed: two styles that differ only there look the same. */
function xfKey(xf: string): string {
  let tag = xf.slice(0, xf.indexOf('>') + 1);
  for (const a of ['applyFill', 'applyFont', 'applyAlignment']) tag = setAttr(tag, a, null);
  const t = parseTag(tag);
  t.attrs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(t.attrs) + xf.slice(xf.indexOf('>') + 1);
}

export class StyleBook {
  private xml: string;
  private readonly sections = new Map<string, Section>();
  private readonly xfKeys = new Map<string, number>();
  private readonly clones = new Map<string, number>();
  dirty = false;

  constructor(xml: string | null) {
    this.xml = xml ? unprefixRoot(xml) : EMPTY_STYLES;
    this.dirty = xml === null;
    for (const [name, item] of [['fonts', 'font'], ['fills', 'fill'], ['cellXfs', 'xf']]) {
      const items: string[] = [];
      const at = findElement(this.xml, name);
      if (at >= 0) {
        const e = elementAt(this.xml, name, at);
        for (const it of elements(this.xml, item, e.bodyStart, e.bodyEnd)) items.push(it.body === '' && it.tag.endsWith('/>') ? it.tag : `${it.tag}${it.body}</${item}>`);
      }
      this.sections.set(name, { name, item, items });
    }
    this.sections.get('cellXfs')!.items.forEach((xf, i) => {
      const k = xfKey(xf);
      if (!this.xfKeys.has(k)) this.xfKeys.set(k, i);
    });
  }

  private section(name: string): Section {
    return this.sections.get(name)!;
  }

  /** The index of an item equal to `xml` in a section, appended when there is none. */
  private indexOf(name: string, xml: string): number {
    const s = this.section(name);
    const i = s.items.indexOf(xml);
    if (i >= 0) return i;
    s.items.push(xml);
    this.dirty = true;
    return s.items.length - 1;
  }

  xf(index: number): string {
    const xfs = this.section('cellXfs').items;
    return xfs[index] ?? xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
  }

  /** The fill of a cell style as exceljs's fill object. */
  fillOf(index: number): FillObject | null {
    const id = Number(getAttr(this.xf(index).slice(0, this.xf(index).indexOf('>') + 1), 'fillId') ?? 0);
    const fill = this.section('fills').items[id];
    return fill ? fillObject(fill) : null;
  }

  /** A style like `index` with the change applied; an equal existing style is reused. */
  derive(index: number, change: StyleChange): number {
    const memo = `${index}\u0000${JSON.stringify(change)}`;
    const known = this.clones.get(memo);
    if (known !== undefined) return known;
    const xf = this.xf(index);
    const gt = xf.indexOf('>');
    let tag = xf.slice(0, gt + 1);
    let body = tag.endsWith('/>') ? '' : xf.slice(gt + 1, xf.lastIndexOf('</xf>'));
    if (tag.endsWith('/>')) tag = `${tag.slice(0, -2)}>`;
    if (change.fill !== undefined) {
      // no fill is the first fill, which every workbook has
      const id = change.fill === null ? 0 : this.indexOf('fills', change.fill);
      tag = setAttr(setAttr(tag, 'fillId', id), 'applyFill', 1);
    }
    if (change.bold || change.font || change.link) {
      const fonts = this.section('fonts').items;
      let font = change.font ?? fonts[Number(getAttr(tag, 'fontId') ?? 0)] ?? '<font/>';
      if (change.link) font = linkFont(font);
      if (change.bold && findElement(font, 'b') < 0) font = font.endsWith('/>') ? `${font.slice(0, -2)}><b/></font>` : font.replace(/^<font\b[^>]*>/, (open) => `${open}<b/>`);
      tag = setAttr(setAttr(tag, 'fontId', this.indexOf('fonts', font)), 'applyFont', 1);
    }
    if (change.alignment) {
      const at = findElement(body, 'alignment');
      body = at >= 0 ? body.slice(0, at) + change.alignment + body.slice(elementAt(body, 'alignment', at).end) : change.alignment + body;
      tag = setAttr(tag, 'applyAlignment', 1);
    }
    const next = body ? `${tag}${body}</xf>` : `${tag.slice(0, -1)}/>`;
    const key = xfKey(next);
    let id = this.xfKeys.get(key);
    if (id === undefined) {
      const xfs = this.section('cellXfs').items;
      xfs.push(next);
      id = xfs.length - 1;
      this.xfKeys.set(key, id);
      this.dirty = true;
    }
    this.clones.set(memo, id);
    return id;
  }

  toXml(): string {
    let xml = this.xml;
    for (const name of ['fonts', 'fills', 'cellXfs']) {
      const s = this.section(name);
      const at = findElement(xml, name);
      if (at < 0) continue;
      const e = elementAt(xml, name, at);
      const open = setAttr(e.tag.endsWith('/>') ? `${e.tag.slice(0, -2)}>` : e.tag, 'count', s.items.length);
      xml = `${xml.slice(0, at)}${open}${s.items.join('')}</${name}>${xml.slice(e.end)}`;
    }
    return xml;
  }
}
