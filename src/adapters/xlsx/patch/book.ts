// The workbook level of a patch: the sheet list in workbook.xml with its relationships, content
// types and app.xml titles; sheets added and removed (with the defined names scoped to them);
// the calculation settings; and the parsed worksheets, styles and shared strings, written back
// only when something changed them.
import { elements } from '../xml';
import { CONTENT, NS, REL, type XlsxPackage } from './package';
import { parseSheet, serializeSheet, type SheetModel } from './sheet-data';
import { SharedStrings } from './shared-strings';
import { StyleBook } from './styles';
import { elementAt, ensureNamespace, escapeAttr, findElement, getAttr, insertChild, mapElements, mapTags, parseTag, setAttr, unprefixRoot } from './xml-edit';

export interface SheetEntry {
  name: string;
  /** The part, for a worksheet or chart sheet; null when the relationship is missing. */
  part: string | null;
  rId: string;
  kind: 'worksheet' | 'other';
  state: string | undefined;
}

const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences', 'definedNames',
  'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst',
];

export class Book {
  readonly workbookPart: string;
  private workbook: string;
  private readonly models = new Map<string, SheetModel>();
  private readonly dirtyModels = new Set<string>();
  private stylesBook: StyleBook | null = null;
  private stringsTable: SharedStrings | null = null;

  constructor(readonly pkg: XlsxPackage) {
    const main = pkg.rels('').find((r) => r.type.endsWith('/officeDocument'))?.part ?? 'xl/workbook.xml';
    this.workbookPart = main;
    this.workbook = unprefixRoot(pkg.text(main) ?? '');
  }

  sheets(): SheetEntry[] {
    const rels = new Map(this.pkg.rels(this.workbookPart).map((r) => [r.id, r]));
    const out: SheetEntry[] = [];
    const at = findElement(this.workbook, 'sheets');
    if (at < 0) return out;
    const e = elementAt(this.workbook, 'sheets', at);
    for (const s of elements(this.workbook, 'sheet', e.bodyStart, e.bodyEnd)) {
      const rId = relId(s.tag) ?? '';
      const rel = rels.get(rId);
      out.push({ name: getAttr(s.tag, 'name') ?? '', part: rel?.part ?? null, rId, kind: rel?.type === REL.worksheet ? 'worksheet' : 'other', state: getAttr(s.tag, 'state') });
    }
    return out;
  }

  sheet(name: string): SheetEntry | undefined {
    return this.sheets().find((s) => s.name === name && s.kind === 'worksheet');
  }

  /** A worksheet's parsed part (parsed once). Call touch() after changing it. */
  model(part: string): SheetModel {
    let m = this.models.get(part);
    if (!m) {
      m = parseSheet(this.pkg.text(part) ?? '');
      this.models.set(part, m);
    }
    return m;
  }

  /** A worksheet part written anew as a whole. */
  replacePart(part: string, xml: string): void {
    this.models.delete(part);
    this.dirtyModels.delete(part);
    this.pkg.set(part, xml);
  }

  touch(part: string): void {
    this.dirtyModels.add(part);
  }

  styles(): StyleBook {
    if (!this.stylesBook) {
      const part = this.pkg.rels(this.workbookPart).find((r) => r.type === REL.styles)?.part;
      this.stylesBook = new StyleBook(part ? this.pkg.text(part) : null);
    }
    return this.stylesBook;
  }

  strings(): SharedStrings {
    if (!this.stringsTable) {
      const part = this.pkg.rels(this.workbookPart).find((r) => r.type === REL.sharedStrings)?.part;
      this.stringsTable = new SharedStrings(part ? this.pkg.text(part) : null);
    }
    return this.stringsTable;
  }

  /** Adds a worksheet part at the end of the sheet list; returns its part name. */
  addSheet(name: string, xml: string, state?: 'veryHidden'): string {
    const part = this.pkg.freeName('xl/worksheets/sheet', 'xml');
    this.pkg.set(part, xml);
    this.pkg.addOverride(part, CONTENT.worksheet);
    const rId = this.pkg.addRel(this.workbookPart, REL.worksheet, part);
    const ns = ensureNamespace(this.workbook, 'r', NS.rel);
    this.workbook = ns.xml;
    let max = 0;
    for (const s of elements(this.workbook, 'sheet')) max = Math.max(max, Number(getAttr(s.tag, 'sheetId') ?? 0));
    const tag = `<sheet name="${escapeAttr(name)}" sheetId="${max + 1}"${state ? ` state="${state}"` : ''} ${ns.prefix}:id="${rId}"/>`;
    const close = this.workbook.indexOf('</sheets>');
    this.workbook = this.workbook.slice(0, close) + tag + this.workbook.slice(close);
    this.titles(new Set(this.sheets().map((s) => s.name)), (list) => [...list, name]);
    return part;
  }

  /** Removes a sheet: its entry, relationship, part, the parts only it used, and names scoped to it. */
  removeSheet(name: string): void {
    const sheets = this.sheets();
    const index = sheets.findIndex((s) => s.name === name);
    if (index < 0) return;
    const entry = sheets[index];
    if (entry.part) {
      for (const r of this.pkg.rels(entry.part)) {
        // comments, their drawing and printer settings belong to the sheet alone
        if (r.part && (r.type === REL.comments || r.type === REL.vmlDrawing || r.type.endsWith('/printerSettings'))) this.pkg.drop(r.part);
      }
      this.pkg.drop(entry.part);
      this.models.delete(entry.part);
      this.dirtyModels.delete(entry.part);
    }
    this.pkg.removeRel(this.workbookPart, entry.rId);
    let seen = -1;
    this.workbook = mapElements(this.workbook, 'sheet', () => (++seen === index ? '' : undefined));
    // names scoped to a sheet are numbered by the sheet's place in the list
    this.workbook = mapElements(this.workbook, 'definedName', (tag, body) => {
      const local = getAttr(tag, 'localSheetId');
      if (local === undefined) return undefined;
      const n = Number(local);
      if (n === index) return '';
      return n > index ? `${setAttr(tag, 'localSheetId', n - 1)}${body ?? ''}</definedName>` : undefined;
    });
    this.workbook = mapElements(this.workbook, 'definedNames', (_tag, body) => (body !== null && body.trim() === '' ? '' : undefined));
    this.workbook = mapTags(this.workbook, 'workbookView', (tag) => {
      let t = tag;
      for (const a of ['activeTab', 'firstSheet']) {
        const v = Number(getAttr(t, a) ?? 0);
        if (v > index || (v === index && v >= sheets.length - 1)) t = setAttr(t, a, Math.max(0, v - 1));
      }
      return t;
    });
    this.titles(new Set(sheets.map((s) => s.name)), (list) => list.filter((t) => t !== name));
    this.dropCalcChain();
  }

  /** Each defined name's formula rewritten. */
  mapDefinedNames(fn: (formula: string) => string): void {
    const at = findElement(this.workbook, 'definedNames');
    if (at < 0) return;
    this.workbook = mapElements(this.workbook, 'definedName', (tag, body) => {
      if (body === null) return undefined;
      const before = decodeBody(body);
      const after = fn(before);
      return after === before ? undefined : `${tag}${escapeBody(after)}</definedName>`;
    });
  }

  /** Excel and LibreOffice recompute every formula when the file is opened. */
  recalcOnLoad(): void {
    const at = findElement(this.workbook, 'calcPr');
    if (at >= 0) {
      const e = elementAt(this.workbook, 'calcPr', at);
      this.workbook = this.workbook.slice(0, at) + setAttr(e.tag, 'fullCalcOnLoad', 1) + this.workbook.slice(e.bodyStart);
    } else this.workbook = insertChild(this.workbook, 'workbook', WORKBOOK_ORDER, 'calcPr', '<calcPr fullCalcOnLoad="1"/>');
    this.dropCalcChain();
  }

  /** The calculation chain lists formula cells by place and sheet: stale once rows move, formulas
   * change or sheets go. Excel rebuilds it. */
  private dropCalcChain(): void {
    const chain = this.pkg.rels(this.workbookPart).find((r) => r.type === REL.calcChain);
    if (chain) {
      if (chain.part) this.pkg.drop(chain.part);
      this.pkg.removeRel(this.workbookPart, chain.id);
    }
  }

  /** The worksheet titles in docProps/app.xml, when it lists them. */
  private titles(names: Set<string>, change: (list: string[]) => string[]): void {
    const part = this.pkg.rels('').find((r) => r.type.endsWith('/extended-properties'))?.part;
    const xml = part ? this.pkg.text(part) : null;
    if (!part || !xml) return;
    const next = updateTitles(xml, names, change);
    if (next) this.pkg.set(part, next);
  }

  /** Writes back what changed. */
  finish(): void {
    const original = this.pkg.text(this.workbookPart);
    if (original !== null && unprefixRoot(original) !== this.workbook) this.pkg.set(this.workbookPart, this.workbook);
    for (const part of this.dirtyModels) this.pkg.set(part, serializeSheet(this.models.get(part)!));
    const rels = this.pkg.rels(this.workbookPart);
    if (this.stylesBook?.dirty) {
      let part = rels.find((r) => r.type === REL.styles)?.part;
      if (!part) {
        part = 'xl/styles.xml';
        this.pkg.addRel(this.workbookPart, REL.styles, part);
        this.pkg.addOverride(part, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
      }
      this.pkg.set(part, this.stylesBook.toXml());
    }
    if (this.stringsTable?.dirty) {
      let part = rels.find((r) => r.type === REL.sharedStrings)?.part;
      if (!part) {
        part = this.pkg.freeName('xl/sharedStrings', 'xml').replace('sharedStrings1', 'sharedStrings');
        this.pkg.addRel(this.workbookPart, REL.sharedStrings, part);
        this.pkg.addOverride(part, CONTENT.sharedStrings);
      }
      this.pkg.set(part, this.stringsTable.toXml());
    }
  }
}

function relId(tag: string): string | undefined {
  // r:id under whatever prefix the relationships namespace has
  const hit = parseTag(tag).attrs.find(([k]) => k.endsWith(':id'));
  return hit?.[1];
}

function decodeBody(body: string): string {
  return body.split('&lt;').join('<').split('&gt;').join('>').split('&quot;').join('"').split('&apos;').join("'").split('&amp;').join('&');
}

function escapeBody(text: string): string {
  return text.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;');
}

/**
 * app.xml's HeadingPairs and TitlesOfParts with the worksheet group changed; null when the
 * file does not list them as expected (it is informational: left alone then).
 */
export function updateTitles(xml: string, sheetNames: Set<string>, change: (list: string[]) => string[]): string | null {
  const hp = findElement(xml, 'HeadingPairs');
  const tp = findElement(xml, 'TitlesOfParts');
  if (hp < 0 || tp < 0) return null;
  const hpEl = elementAt(xml, 'HeadingPairs', hp);
  const tpEl = elementAt(xml, 'TitlesOfParts', tp);
  const pairs: { name: string; count: number }[] = [];
  const variants = [...elements(xml, 'vt:variant', hpEl.bodyStart, hpEl.bodyEnd)];
  for (let i = 0; i + 1 < variants.length; i += 2) {
    const name = [...elements(variants[i].body, 'vt:lpstr')][0]?.body ?? '';
    const count = Number([...elements(variants[i + 1].body, 'vt:i4')][0]?.body ?? NaN);
    if (!Number.isFinite(count)) return null;
    pairs.push({ name, count });
  }
  const titles = [...elements(xml, 'vt:lpstr', tpEl.bodyStart, tpEl.bodyEnd)].map((t) => decodeBody(t.body));
  let offset = 0;
  let group = -1;
  for (let i = 0; i < pairs.length; i++) {
    const list = titles.slice(offset, offset + pairs[i].count);
    if (list.length > 0 && list.every((t) => sheetNames.has(t))) {
      group = i;
      break;
    }
    offset += pairs[i].count;
  }
  if (group < 0) return null;
  const before = titles.slice(offset, offset + pairs[group].count);
  const after = change(before);
  pairs[group].count = after.length;
  const nextTitles = [...titles.slice(0, offset), ...after, ...titles.slice(offset + before.length)];
  const hpBody = `<vt:vector size="${pairs.length * 2}" baseType="variant">${pairs.map((p) => `<vt:variant><vt:lpstr>${p.name}</vt:lpstr></vt:variant><vt:variant><vt:i4>${p.count}</vt:i4></vt:variant>`).join('')}</vt:vector>`;
  const tpBody = `<vt:vector size="${nextTitles.length}" baseType="lpstr">${nextTitles.map((t) => `<vt:lpstr>${escapeBody(t)}</vt:lpstr>`).join('')}</vt:vector>`;
  // TitlesOfParts comes after HeadingPairs in the schema
  return `${xml.slice(0, hpEl.bodyStart)}${hpBody}${xml.slice(hpEl.bodyEnd, tpEl.bodyStart)}${tpBody}${xml.slice(tpEl.bodyEnd)}`;
}

