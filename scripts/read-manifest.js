#!/usr/bin/env node
// Prints what office-addin-manifest reads from a manifest, as JSON (used by the tests and by
// `npm run validate`, which runs offline).
'use strict';
const { OfficeAddinManifest } = require('office-addin-manifest');

OfficeAddinManifest.readManifestFile(process.argv[2])
  .then((info) => console.log(JSON.stringify(info)))
  .catch((e) => {
    console.error(`无法读取清单 ${process.argv[2]}：${e.message}`);
    process.exit(2);
  });
