// The little XML the Office Open XML readers need (.xlsx cells, .docx paragraphs): attributes of
// a start tag, entity decoding, and the text of the <t> runs of a string item. Hand-written
// because a full parser builds far more than a read of cell values needs.

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(n: number, whole: string): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (whole, hex?: string, dec?: string, name?: string) => (name ? NAMED[name] : codePoint(hex ? parseInt(hex, 16) : Number(dec), whole)));
}

/** Character data: line ends normalised as an XML parser does (CR LF and CR to LF), then decoded. */
export function decodeCharacters(text: string): string {
  return decodeXml(text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n'));
}

/** Excel writes control characters in strings as _xHHHH_. */
function decodeEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An attribute of a start tag ("<c r="A1" t="s">"); undefined when absent. */
export function attribute(tag: string, name: string): string | undefined {
  let at = 0;
  for (;;) {
    at = tag.indexOf(name, at);
    if (at < 0) return undefined;
    const before = tag.charCodeAt(at - 1);
    let p = at + name.length;
    // preceded by white space (or a namespace prefix's colon), followed by "="
    if (before === 32 || before === 9 || before === 10 || before === 13 || before === 58) {
      while (tag.charCodeAt(p) === 32) p++;
      if (tag.charCodeAt(p) === 61) {
        p++;
        while (tag.charCodeAt(p) === 32) p++;
        const quote = tag[p];
        if (quote === '"' || quote === "'") {
          const end = tag.indexOf(quote, p + 1);
          if (end < 0) return undefined;
          return decodeXml(tag.slice(p + 1, end));
        }
      }
    }
    at = p;
  }
}

/** True when the character after a tag name ends the name (">", "/", white space). */
export function endsName(code: number): boolean {
  return code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;
}

/** Start tags of one element name in a piece of XML, each with the text up to its end tag. */
export function* elements(xml: string, name: string, from = 0, to = xml.length): Generator<{ tag: string; body: string }> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let at = from;
  for (;;) {
    at = xml.indexOf(open, at);
    if (at < 0 || at >= to) return;
    if (!endsName(xml.charCodeAt(at + open.length))) {
      at += open.length;
      continue;
    }
    const gt = xml.indexOf('>', at);
    if (gt < 0) return;
    const tag = xml.slice(at, gt + 1);
    if (xml.charCodeAt(gt - 1) === 47) {
      yield { tag, body: '' };
      at = gt + 1;
      continue;
    }
    const endAt = xml.indexOf(close, gt);
    const stop = endAt < 0 ? to : endAt;
    yield { tag, body: xml.slice(gt + 1, stop) };
    at = stop + close.length;
  }
}

/** The text of a string item (<si> or <is>): its <t> runs joined, phonetic guides (<rPh>) left out. */
export function stringItemText(body: string): string {
  let out = '';
  let at = 0;
  let rph = nextStart(body, 'rPh', 0);
  // one pass: a <t> inside an <rPh> is skipped with it; an <rPh> never closed runs to the end
  for (;;) {
    const t = nextStart(body, 't', at);
    if (t < 0) break;
    if (rph >= 0 && rph < at) rph = nextStart(body, 'rPh', at);
    if (rph >= 0 && rph < t) {
      const end = body.indexOf('</rPh>', rph);
      if (end < 0) break;
      at = end + 6;
      continue;
    }
    const gt = body.indexOf('>', t);
    if (gt < 0) break;
    if (body.charCodeAt(gt - 1) === 47) {
      at = gt + 1;
      continue;
    }
    const end = body.indexOf('</t>', gt);
    out += body.slice(gt + 1, end < 0 ? body.length : end);
    if (end < 0) break;
    at = end + 4;
  }
  return decodeEscapes(decodeCharacters(out));
}

/** Where the next start tag of `name` begins at or after `from`; -1 when none. */
function nextStart(xml: string, name: string, from: number): number {
  const open = `<${name}`;
  for (let at = xml.indexOf(open, from); at >= 0; at = xml.indexOf(open, at + open.length)) {
    if (endsName(xml.charCodeAt(at + open.length))) return at;
  }
  return -1;
}

/** Markup that is not what a reader of the file may take as content. */
export class MarkupError extends Error {
  constructor(readonly reason: 'dtd' | 'unclosed') {
    super(reason);
    this.name = 'MarkupError';
  }
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** XML as a parser reads it, for the scanners: comments and processing instructions removed (they
 * are no content), CDATA sections turned into escaped text (they are text). A document type
 * declaration is refused: Office documents have none, and its entities are never expanded. One
 * pass; a part without any of these is returned as it is. */
export function plainMarkup(xml: string): string {
  let bang = xml.indexOf('<!');
  let question = xml.indexOf('<?', 1);
  if (bang < 0 && question < 0) return xml;
  let out = '';
  let p = 0;
  for (;;) {
    if (bang >= 0 && bang < p) bang = xml.indexOf('<!', p);
    if (question >= 0 && question < p) question = xml.indexOf('<?', p);
    const lt = bang < 0 ? question : question < 0 ? bang : Math.min(bang, question);
    if (lt < 0) break;
    out += xml.slice(p, lt);
    if (lt === question) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new MarkupError('unclosed');
      p = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new MarkupError('unclosed');
      p = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new MarkupError('unclosed');
      out += escapeText(xml.slice(lt + 9, end));
      p = end + 3;
    } else throw new MarkupError('dtd');
  }
  return out + xml.slice(p);
}
