// @ts-check
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');

/** The plugin's recommended Office.js rules (load before read, sync after load, no sync in a
 * loop, isNullObject tests …), without the formatting rules its preset brings along. */
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended.flatMap((c) => Object.entries(c.rules ?? {})).filter(([name]) => name.startsWith('office-addins/')),
);

module.exports = tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', 'scratch/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // the pure core knows tables, codes, rules and sentences; hosts and I/O stay outside
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'exceljs', '@microsoft/office-js', '*/adapters/*', '*/cli/*'] }],
    },
  },
  {
    files: ['src/adapters/office/**/*.ts', 'src/taskpane/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
);
