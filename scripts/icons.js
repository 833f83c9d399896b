#!/usr/bin/env node
// Draws gongkai's icons (a red ledger page with a table grid and a check mark) as PNGs in
// assets/, at the sizes the manifest names. Run: node scripts/icons.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const RED = [192, 38, 38, 255];
const WHITE = [255, 255, 255, 255];
const GOLD = [250, 204, 21, 255];
const CLEAR = [0, 0, 0, 0];

function icon(x, y, s) {
  const u = x / s;
  const v = y / s;
  // rounded square
  const r = 0.18;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  const line = Math.max(1 / s, 0.045);
  // the page: a white table of 3 rows × 2 columns in the upper-left
  const inPage = u > 0.2 && u < 0.8 && v > 0.2 && v < 0.8;
  if (inPage) {
    // check mark in gold over the lower right
    const d1 = Math.abs(v - (0.62 + (u - 0.5) * 0.9)) < 0.06 && u > 0.42 && u < 0.56;
    const d2 = Math.abs(v - (0.72 - (u - 0.56) * 1.3)) < 0.06 && u >= 0.54 && u < 0.78;
    if (d1 || d2) return GOLD;
    const gridH = [0.2, 0.4, 0.6, 0.8].some((g) => Math.abs(v - g) < line);
    const gridV = [0.2, 0.42, 0.8].some((g) => Math.abs(u - g) < line);
    if (gridH || gridV) return WHITE;
    return v < 0.4 ? [255, 255, 255, 90] : RED;
  }
  return RED;
}

for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, '..', 'assets', `icon-${size}.png`), png(size, icon));
console.log('assets/icon-{16,32,64,80,128}.png');
