// Runs the built CLI's main() for one argument list per line of stdin and answers each with a line
// of JSON {code, err}: one process for many runs, so a fuzz test pays Node's start-up once and can
// still kill a run that hangs (or see the process die) from outside. Needs `npm run build:cli`.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node script, run on the built CLI outside ts-jest */
'use strict';
const readline = require('node:readline');
const { main } = require('../../dist/cli/main.js');

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    let err = '';
    const code = await main(JSON.parse(line), () => undefined, (t) => (err += t + '\n'));
    process.stdout.write(JSON.stringify({ code, err: err.slice(0, 2000) }) + '\n');
  });
});
