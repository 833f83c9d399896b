// Browser bundles. Today: the pure core as a library (proof that it runs without Node);
// the task pane page joins here as its own entry with HtmlWebpackPlugin.
const path = require('node:path');

module.exports = (env, argv) => ({
  mode: argv.mode ?? 'production',
  target: 'web',
  entry: { 'gongkai-core': './src/core/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist', 'web'),
    filename: '[name].js',
    library: { name: 'gongkai', type: 'umd' },
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'], fallback: {} },
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.build.json', transpileOnly: true }, exclude: /node_modules/ }],
  },
  devtool: 'source-map',
  performance: { hints: false },
});
