// @ts-check
const tseslint = require('typescript-eslint');

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
);
