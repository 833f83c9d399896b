#!/usr/bin/env node
// Serves the built pages (dist/web) on http://localhost:3000 for use without Excel: open
// http://localhost:3000/page.html in a browser (the standalone page; help.html is the help).
// Serves files of its own folder only.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', 'dist', 'web');
const port = Number(process.env.PORT || process.env.npm_package_config_dev_server_port || 3000);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml', '.css': 'text/css', '.json': 'application/json' };

function serve(dir, listenPort) {
  const base = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const answer = (status, text) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    let pathname;
    try {
      const url = new URL(req.url, 'http://localhost');
      pathname = decodeURIComponent(url.pathname === '/' ? '/taskpane.html' : url.pathname);
    } catch {
      answer(400, '请求的地址无效');
      return;
    }
    const file = path.resolve(base, '.' + path.sep + pathname);
    // inside the folder only: not "..", not a sibling folder whose name starts the same
    const relative = path.relative(base, file);
    if (pathname.includes('\0') || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      answer(404, '找不到');
      return;
    }
    let stat;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined; // a name too long, a link loop…
    }
    if (!stat || !stat.isFile()) {
      answer(404, '找不到');
      return;
    }
    const stream = fs.createReadStream(file);
    stream.on('error', () => (res.headersSent ? res.destroy() : answer(500, '读取失败')));
    stream.on('open', () => {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      stream.pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
}

module.exports = { serve };

if (require.main === module) {
  if (!fs.existsSync(path.join(root, 'page.html'))) {
    console.error('请先运行 npm run build:web');
    process.exit(2);
  }
  serve(root, port).then(() => console.log(`预决算公开助手（不用 Excel）：http://localhost:${port}/page.html　帮助：http://localhost:${port}/help.html（Ctrl+C 停止）`));
}
