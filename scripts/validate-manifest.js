#!/usr/bin/env node
// Validates add-in manifests offline: Microsoft's XSDs in assets/schemas (libxml2 as wasm,
// no system xmllint needed) and office-addin-manifest's reader.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { validateXML } = require('xmllint-wasm');
const { OfficeAddinManifest } = require('office-addin-manifest');

const dir = path.join(__dirname, '..', 'assets', 'schemas', 'office-addin-manifest');
const MAIN = 'OfficeAppManifestV1_1.xsd';

(async () => {
  let failed = false;
  const read = (f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), 'utf8') });
  const preload = fs.readdirSync(dir).filter((f) => f.endsWith('.xsd') && f !== MAIN).map(read);
  for (const file of process.argv.slice(2)) {
    const result = await validateXML({ xml: [{ fileName: file, contents: fs.readFileSync(file, 'utf8') }], schema: [read(MAIN)], preload });
    if (!result.valid) {
      failed = true;
      console.error(`${file} 不符合清单架构：\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
      continue;
    }
    const info = await OfficeAddinManifest.readManifestFile(file);
    console.log(`${file} 有效：${info.displayName}（${info.id}）`);
  }
  process.exit(failed ? 2 : 0);
})();
