#!/usr/bin/env node
'use strict';
const { main, handleSignals } = require('../dist/cli/main.js');
handleSignals();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
