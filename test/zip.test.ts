// The zip reader behind the direct .xlsx reader: the forms zips come in (stored or deflated,
// sizes in a data descriptor, a trailing comment), and what it refuses.
import JSZip from 'jszip';
import { Zip, ZipError } from '../src/adapters/node/zip';

const parts = { 'a.xml': '<a>甲</a>'.repeat(200), 'dir/b.xml': '<b/>', 'empty.xml': '' };

async function zipOf(options: JSZip.JSZipGeneratorOptions<'nodebuffer'>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(parts)) z.file(name, text);
  return z.generateAsync({ ...options, type: 'nodebuffer' });
}

describe('reads', () => {
  it.each([
    ['stored', { compression: 'STORE' }],
    ['deflated', { compression: 'DEFLATE' }],
    ['deflated, sizes after the data (data descriptors)', { compression: 'DEFLATE', streamFiles: true }],
    ['with a comment after the directory', { compression: 'DEFLATE', comment: '由某导出工具生成' }],
  ] as const)('%s', async (_, options) => {
    const zip = new Zip(await zipOf(options as JSZip.JSZipGeneratorOptions<'nodebuffer'>), 1 << 20);
    expect(zip.names().sort()).toEqual(Object.keys(parts).sort());
    for (const [name, text] of Object.entries(parts)) expect(zip.text(name)).toBe(text);
    expect(zip.text('missing.xml')).toBeNull();
  });

  it('drops a byte-order mark', async () => {
    const z = new JSZip();
    z.file('bom.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<x/>')]));
    const zip = new Zip(await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 1 << 20);
    expect(zip.text('bom.xml')).toBe('<x/>');
  });
});

describe('refuses', () => {
  const reason = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof ZipError ? e.reason : `not a ZipError: ${(e as Error).message}`;
    }
    return 'no error';
  };

  it('bytes that are not a zip, and a zip cut short', async () => {
    expect(reason(() => new Zip(Buffer.from('不是压缩包'.repeat(20)), 1 << 20))).toBe('corrupt');
    const whole = await zipOf({ compression: 'DEFLATE' });
    expect(reason(() => new Zip(whole.subarray(0, whole.length - 10), 1 << 20))).toBe('corrupt');
    // the directory intact but a part's data cut away
    const cut = Buffer.from(whole);
    cut.fill(0, 0, 40);
    expect(reason(() => new Zip(cut, 1 << 20).text('a.xml'))).toBe('corrupt');
  });

  it('more than the budget, while inflating', async () => {
    const zip = new Zip(await zipOf({ compression: 'DEFLATE' }), 1000);
    expect(reason(() => zip.text('a.xml'))).toBe('budget');
  });

  it('an encrypted part and an unknown compression method', async () => {
    const bytes = await zipOf({ compression: 'DEFLATE' });
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const encrypted = Buffer.from(bytes);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    const name = encrypted.toString('utf8', central + 46, central + 46 + encrypted.readUInt16LE(central + 28));
    expect(reason(() => new Zip(encrypted, 1 << 20).text(name))).toBe('encrypted');
    const method = Buffer.from(bytes);
    method.writeUInt16LE(14 /* LZMA */, central + 10);
    expect(reason(() => new Zip(method, 1 << 20).text(name))).toBe('method');
  });
});
