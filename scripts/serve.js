#!/usr/bin/env node
// Serves the built task pane (dist/web) on http://localhost:3000 for use without Excel: open
// http://localhost:3000/taskpane.html in a browser. Serves files of its own folder only.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', 'dist', 'web');
const port = Number(process.env.PORT || process.env.npm_package_config_dev_server_port || 3000);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml', '.css': 'text/css' };

function serve(dir, listenPort) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname === '/' ? '/taskpane.html' : url.pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('找不到');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
}

module.exports = { serve };

if (require.main === module) {
  if (!fs.existsSync(path.join(root, 'taskpane.html'))) {
    console.error('请先运行 npm run build:web');
    process.exit(2);
  }
  serve(root, port).then(() => console.log(`预决算公开助手：http://localhost:${port}/taskpane.html（Ctrl+C 停止）`));
}
