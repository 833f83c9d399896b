// The shared string table: read once, new strings appended (an existing plain string reused).
import { elements, stringItemText } from '../xml';
import { escapeText, findElement, elementAt, getAttr, setAttr, unprefixRoot } from './xml-edit';

export class SharedStrings {
  private readonly texts: string[] = [];
  private readonly plain = new Map<string, number>();
  private readonly added: string[] = [];
  private xml: string;

  constructor(xml: string | null) {
    this.xml = xml ? unprefixRoot(xml) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>';
    for (const si of elements(this.xml, 'si')) {
      const text = stringItemText(si.body);
      this.texts.push(text);
      // only an item of one plain run is the same string as a new one
      if (si.body.startsWith('<t') && si.body.indexOf('<r>') < 0 && si.body.indexOf('<r ') < 0 && !this.plain.has(text)) this.plain.set(text, this.texts.length - 1);
    }
  }

  get dirty(): boolean {
    return this.added.length > 0;
  }

  text(index: number): string | undefined {
    return this.texts[index];
  }

  indexOf(text: string): number {
    const known = this.plain.get(text);
    if (known !== undefined) return known;
    this.texts.push(text);
    const space = /^\s|\s$/.test(text) || text.includes('\n') ? ' xml:space="preserve"' : '';
    this.added.push(`<si><t${space}>${escapeText(text)}</t></si>`);
    this.plain.set(text, this.texts.length - 1);
    return this.texts.length - 1;
  }

  toXml(): string {
    const at = findElement(this.xml, 'sst');
    const e = elementAt(this.xml, 'sst', at);
    let open = e.tag.endsWith('/>') ? `${e.tag.slice(0, -2)}>` : e.tag;
    // count is the number of cells that use the table: each new string is used once more
    const count = Number(getAttr(open, 'count'));
    open = setAttr(setAttr(open, 'uniqueCount', this.texts.length), 'count', Number.isFinite(count) ? count + this.added.length : null);
    return `${this.xml.slice(0, at)}${open}${this.xml.slice(e.bodyStart, e.bodyEnd)}${this.added.join('')}</sst>${this.xml.slice(e.end)}`;
  }
}
