// The add-in manifests validate offline against Microsoft's XSDs and read back with
// office-addin-manifest; every resource id they use is defined and every icon exists.
import { execFileSync } from 'node:child_process';
import { validateXML } from 'xmllint-wasm';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
// office-addin-manifest pulls in ES modules jest does not load: read it in a plain node process
async function readManifestFile(file: string): Promise<{ id: string; defaultLocale: string; displayName: string; hosts: string[]; permissions: string }> {
  return JSON.parse(execFileSync('node', [path.join(root, 'scripts', 'read-manifest.js'), file], { encoding: 'utf8' }));
}
const schemaDir = path.join(root, 'assets', 'schemas', 'office-addin-manifest');
const MAIN = 'OfficeAppManifestV1_1.xsd';

/** libxml2's schema validation (the xmllint of assets/schemas/office-addin-manifest/README.md), compiled to wasm. */
async function validate(xml: string): Promise<string[]> {
  const schemas = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.xsd'));
  const read = (f: string) => ({ fileName: f, contents: fs.readFileSync(path.join(schemaDir, f), 'utf8') });
  const result = await validateXML({ xml: [{ fileName: 'manifest.xml', contents: xml }], schema: [read(MAIN)], preload: schemas.filter((f) => f !== MAIN).map(read) });
  return result.errors.map((e) => e.message);
}

describe.each(['manifest.xml', 'manifest.test.xml'])('%s', (name) => {
  const file = path.join(root, name);
  const xml = fs.readFileSync(file, 'utf8');

  it('validates against the manifest XSDs (libxml2, as xmllint-wasm)', async () => {
    expect(await validate(xml)).toEqual([]);
  });

  it('reads back: zh-CN default, Excel workbook host, read/write permission', async () => {
    const info = await readManifestFile(file);
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.displayName).toMatch(/^预决算公开助手/);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('defines every resource id it uses, and every icon is in assets/', () => {
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    expect(used.filter((id) => !defined.has(id))).toEqual([]);
    for (const m of xml.matchAll(/https:\/\/localhost:3000\/assets\/([\w-]+\.png)/g)) expect(fs.existsSync(path.join(root, 'assets', m[1]))).toBe(true);
    expect(xml).not.toMatch(/https?:\/\/(?!localhost:3000|schemas\.microsoft\.com|www\.w3\.org)/);
  });
});

it('the test manifest has an id of its own', async () => {
  const [a, b] = await Promise.all([readManifestFile(path.join(root, 'manifest.xml')), readManifestFile(path.join(root, 'manifest.test.xml'))]);
  expect(a.id).not.toBe(b.id);
});

it('an invalid manifest is rejected, with the reason', async () => {
  const bad = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8').replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>');
  const errors = await validate(bad);
  expect(errors.join('\n')).toMatch(/Permissions.*Everything/);
});
