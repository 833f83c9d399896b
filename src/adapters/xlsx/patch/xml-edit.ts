// Small, linear edits of XML text: a start tag's attributes, elements of one name rewritten in
// place, a child inserted in schema order. Every scan walks forward with indexOf; no regular
// expression runs over a whole part.
import { decodeXml, endsName } from '../xml';

export function escapeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    // control characters other than tab and line ends are not XML: Excel's own escape
    else if (c < 32 && c !== 9 && c !== 10 && c !== 13) out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    else out += ch;
  }
  return out;
}

export function escapeAttr(text: string): string {
  return escapeText(text).split('"').join('&quot;').split('\n').join('&#10;').split('\r').join('&#13;');
}

/** A start tag split into its name and attributes (values as written, still escaped). */
export interface Tag {
  name: string;
  attrs: [string, string][];
  selfClosing: boolean;
}

const WS = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export function parseTag(tag: string): Tag {
  let p = 1;
  while (p < tag.length && !endsName(tag.charCodeAt(p))) p++;
  const name = tag.slice(1, p);
  const attrs: [string, string][] = [];
  for (;;) {
    while (p < tag.length && WS(tag.charCodeAt(p))) p++;
    const c = tag.charCodeAt(p);
    if (p >= tag.length || c === 62 || c === 47) break;
    const start = p;
    while (p < tag.length && tag.charCodeAt(p) !== 61 && !WS(tag.charCodeAt(p)) && tag.charCodeAt(p) !== 62) p++;
    const attr = tag.slice(start, p);
    while (p < tag.length && tag[p] !== '"' && tag[p] !== "'" && tag[p] !== '>') p++;
    const quote = tag[p];
    if (quote !== '"' && quote !== "'") break;
    const end = tag.indexOf(quote, p + 1);
    if (end < 0) break;
    attrs.push([attr, quote === "'" ? tag.slice(p + 1, end).split('"').join('&quot;') : tag.slice(p + 1, end)]);
    p = end + 1;
  }
  return { name, attrs, selfClosing: tag.charCodeAt(tag.length - 2) === 47 };
}

export function formatTag(t: Tag): string {
  return `<${t.name}${t.attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}${t.selfClosing ? '/>' : '>'}`;
}

/** An attribute's decoded value; undefined when absent. */
export function getAttr(tag: string | Tag, name: string): string | undefined {
  const t = typeof tag === 'string' ? parseTag(tag) : tag;
  const hit = t.attrs.find(([k]) => k === name);
  return hit ? decodeXml(hit[1]) : undefined;
}

/** The tag with the attribute set (escaped here), or removed when value is null. */
export function setAttr(tag: string, name: string, value: string | number | null): string {
  const t = parseTag(tag);
  const i = t.attrs.findIndex(([k]) => k === name);
  if (value === null) {
    if (i < 0) return tag;
    t.attrs.splice(i, 1);
  } else if (i >= 0) t.attrs[i][1] = escapeAttr(String(value));
  else t.attrs.push([name, escapeAttr(String(value))]);
  return formatTag(t);
}

/** Where the element `name` (exact name, any attributes) next starts at or after `from`; -1 if none. */
export function findElement(xml: string, name: string, from = 0): number {
  const open = `<${name}`;
  for (let at = xml.indexOf(open, from); at >= 0; at = xml.indexOf(open, at + open.length)) {
    if (endsName(xml.charCodeAt(at + open.length))) return at;
  }
  return -1;
}

/** The span of the element starting at `at`: its start tag and where the whole element ends. */
export function elementAt(xml: string, name: string, at: number): { tag: string; bodyStart: number; bodyEnd: number; end: number } {
  const gt = xml.indexOf('>', at);
  const tag = xml.slice(at, gt + 1);
  if (xml.charCodeAt(gt - 1) === 47) return { tag, bodyStart: gt + 1, bodyEnd: gt + 1, end: gt + 1 };
  const close = `</${name}>`;
  const endAt = xml.indexOf(close, gt);
  const bodyEnd = endAt < 0 ? xml.length : endAt;
  return { tag, bodyStart: gt + 1, bodyEnd, end: endAt < 0 ? xml.length : endAt + close.length };
}

/**
 * Every element `name` in xml[from, to) rewritten: `fn` gets its start tag and body (null for a
 * self-closing one) and returns the whole replacement element, or undefined to keep it.
 */
export function mapElements(xml: string, name: string, fn: (tag: string, body: string | null) => string | undefined, from = 0, to = xml.length): string {
  let out = '';
  let last = 0;
  let at = findElement(xml, name, from);
  while (at >= 0 && at < to) {
    const e = elementAt(xml, name, at);
    const self = e.end === e.bodyStart;
    const replaced = fn(e.tag, self ? null : xml.slice(e.bodyStart, e.bodyEnd));
    if (replaced !== undefined) {
      out += xml.slice(last, at) + replaced;
      last = e.end;
    }
    at = findElement(xml, name, e.end);
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** Like mapElements, rewriting only the (decoded) text of each element. */
export function mapText(xml: string, name: string, fn: (text: string) => string, from = 0, to = xml.length): string {
  return mapElements(
    xml,
    name,
    (tag, body) => {
      if (body === null) return undefined;
      const text = decodeXml(body);
      const next = fn(text);
      return next === text ? undefined : `${tag}${escapeText(next)}</${name}>`;
    },
    from,
    to,
  );
}

/** Every start tag `name` rewritten (self-closing or not; the body is kept). */
export function mapTags(xml: string, name: string, fn: (tag: string) => string, from = 0, to = xml.length): string {
  let out = '';
  let last = 0;
  for (let at = findElement(xml, name, from); at >= 0 && at < to; at = findElement(xml, name, at + 1)) {
    const gt = xml.indexOf('>', at);
    const tag = xml.slice(at, gt + 1);
    const next = fn(tag);
    if (next !== tag) {
      out += xml.slice(last, at) + next;
      last = gt + 1;
    }
  }
  return last === 0 ? xml : out + xml.slice(last);
}

/** The root element's start tag and where it is. */
export function rootTag(xml: string): { at: number; tag: string } {
  let at = xml.indexOf('<');
  // skip the declaration, comments and processing instructions
  while (at >= 0 && (xml[at + 1] === '?' || xml[at + 1] === '!')) {
    const end = xml[at + 1] === '!' && xml.startsWith('<!--', at) ? xml.indexOf('-->', at) + 2 : xml.indexOf('>', at);
    at = xml.indexOf('<', end);
  }
  return { at, tag: at < 0 ? '' : xml.slice(at, xml.indexOf('>', at) + 1) };
}

/** The prefix the root binds to a namespace URI ("" for the default namespace); null if none. */
export function prefixFor(xml: string, uri: string): string | null {
  const t = parseTag(rootTag(xml).tag);
  for (const [k, v] of t.attrs) if (decodeXml(v) === uri && (k === 'xmlns' || k.startsWith('xmlns:'))) return k === 'xmlns' ? '' : k.slice(6);
  return null;
}

/** The root declares `xmlns:prefix="uri"` (added when missing); returns the prefix to use. */
export function ensureNamespace(xml: string, preferred: string, uri: string): { xml: string; prefix: string } {
  const have = prefixFor(xml, uri);
  if (have) return { xml, prefix: have };
  const root = rootTag(xml);
  const tag = setAttr(root.tag, `xmlns:${preferred}`, uri);
  return { xml: xml.slice(0, root.at) + tag + xml.slice(root.at + root.tag.length), prefix: preferred };
}

/**
 * SpreadsheetML written with a prefix (<x:worksheet>…) rewritten to the default namespace, so
 * that elements added unprefixed belong to it. Unchanged when the root has no prefix.
 */
export function unprefixRoot(xml: string): string {
  const root = rootTag(xml);
  const name = parseTag(root.tag).name;
  const colon = name.indexOf(':');
  if (colon < 0) return xml;
  const prefix = name.slice(0, colon);
  const uri = getAttr(root.tag, `xmlns:${prefix}`);
  if (!uri) return xml;
  const body = xml.split(`<${prefix}:`).join('<').split(`</${prefix}:`).join('</');
  const at = rootTag(body);
  return body.slice(0, at.at) + setAttr(at.tag, 'xmlns', uri) + body.slice(at.at + at.tag.length);
}

/**
 * Inserts `element` as a child of the root, before the first existing child that the schema
 * puts after it (`order` lists the child names in schema order), else before the root's end.
 */
export function insertChild(xml: string, rootName: string, order: string[], name: string, element: string, from = 0): string {
  const later = order.slice(order.indexOf(name) + 1);
  let at = -1;
  for (const n of later) {
    const p = findElement(xml, n, from);
    if (p >= 0 && (at < 0 || p < at)) at = p;
  }
  if (at < 0) at = xml.lastIndexOf(`</${rootName}>`);
  return xml.slice(0, at) + element + xml.slice(at);
}
