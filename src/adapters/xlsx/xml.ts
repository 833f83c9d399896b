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
  let text = body;
  if (text.indexOf('<rPh') >= 0) text = text.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const t of elements(text, 't')) out += t.body;
  return decodeEscapes(decodeCharacters(out));
}
