// The scanners under the .xlsx and .docx readers read markup as an XML parser does and stay linear
// in their input: text built to make a backtracking pattern or a search-from-each-match quadratic
// is read in milliseconds. Also: a zip with two entries of one name is refused.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paragraphTexts } from '../src/adapters/node/paragraphs';
import { Zip, ZipError } from '../src/adapters/node/zip';
import { MarkupError, plainMarkup, stringItemText } from '../src/adapters/xlsx/xml';
import { writeZip } from './helpers/zip';

/** Runs f and fails if it takes longer than ms (a quadratic scan of these inputs takes minutes). */
function within<T>(ms: number, f: () => T): T {
  const started = Date.now();
  const out = f();
  expect(Date.now() - started).toBeLessThan(ms);
  return out;
}

describe('markup as XML defines it', () => {
  it('comments and processing instructions go (the XML declaration stays), CDATA becomes escaped text, a DTD is refused', () => {
    expect(plainMarkup('<?xml version="1.0"?><a><!-- <b/> --><?pi <c/>?><![CDATA[<d>&]]>e</a>')).toBe('<?xml version="1.0"?><a>&lt;d&gt;&amp;e</a>');
    expect(plainMarkup('<a><![CDATA[<!-- kept -->]]></a>')).toBe('<a>&lt;!-- kept --&gt;</a>');
    expect(plainMarkup('<a>plain</a>')).toBe('<a>plain</a>');
    expect(() => plainMarkup('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(new MarkupError('dtd'));
    for (const open of ['<a><!-- ', '<a><![CDATA[x', '<a><?pi ']) expect(() => plainMarkup(open + 'x'.repeat(10))).toThrow(new MarkupError('unclosed'));
  });

  it('string items: runs joined, phonetic guides left out, closed or not', () => {
    expect(stringItemText('<r><t>一般</t></r><r><t xml:space="preserve">公共 </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><t>预算</t>')).toBe('一般公共 预算');
    expect(stringItemText('<t>注音</t><rPh sb="0"><t>x</t>')).toBe('注音');
    expect(stringItemText('<t/><t>甲&amp;乙_x000D_</t>')).toBe('甲&乙\r');
  });

  it('paragraphs of a .docx: <w:p>, not <w:pPr>; runs of <w:t>, not <w:tab>', () => {
    const xml = '<w:body><w:p><w:pPr/><w:r><w:t>第一段</w:t><w:tab/><w:t xml:space="preserve"> 续</w:t></w:r></w:p><w:p/><w:p w:rsidR="1"><w:r><w:t>&lt;第二段&gt;</w:t></w:r></w:p></w:body>';
    expect(paragraphTexts(xml)).toEqual(['第一段 续', '<第二段>']);
  });
});

describe('linear in the input', () => {
  const n = 200_000;
  it('unclosed phonetic guides, runs and markup', () => {
    expect(within(500, () => stringItemText('<t>甲</t>' + '<rPh sb="0"><t>x</t>'.repeat(n)))).toBe('甲');
    within(500, () => stringItemText('<t>x</t>'.repeat(n) + '<rPh>'));
    within(500, () => stringItemText('<t>'.repeat(n)));
    expect(within(500, () => plainMarkup('<a>' + '<!---->x'.repeat(n) + '</a>'))).toBe('<a>' + 'x'.repeat(n) + '</a>');
    within(500, () => plainMarkup('<a>' + '<![CDATA[x]]><?p?>'.repeat(n) + '</a>'));
  });

  it('paragraphs and runs that never close', () => {
    within(500, () => paragraphTexts('<w:p '.repeat(n) + '<w:t '.repeat(n)));
    within(500, () => paragraphTexts('<w:p>' + '<w:t>'.repeat(n) + '</w:p>'));
    within(500, () => paragraphTexts('<w:p><w:r></w:r></w:p>'.repeat(n) + '<w:t>x'));
  });
});

it('a zip with two entries of one name (or of names differing only in case) is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-zip-'));
  try {
    for (const [a, b] of [
      ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
      ['xl/worksheets/sheet1.xml', 'XL/Worksheets/Sheet1.xml'],
    ]) {
      const file = path.join(dir, 'dup.zip');
      writeZip(file, [
        { name: a, chunks: '<first/>' },
        { name: b, chunks: '<second/>' },
      ]);
      expect(() => new Zip(fs.readFileSync(file), 1 << 20)).toThrow(new ZipError('duplicate', b));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
