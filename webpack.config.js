// Browser bundles: the task pane page (taskpane.html + its script, with the templates, catalogs
// and rules inlined), and the pure core as a library. The manifest says https://localhost:3000/;
// the production build rewrites it to ADDIN_URL (one place for environment URLs).
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode ?? 'production') === 'production';
  const url = process.env.ADDIN_URL || DEV_URL;
  return {
    mode: production ? 'production' : 'development',
    target: 'web',
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      'gongkai-core': { import: './src/core/index.ts', library: { name: 'gongkai', type: 'umd' } },
    },
    output: { path: path.resolve(__dirname, 'dist', 'web'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js'], fallback: { fs: false, path: false, stream: false, crypto: false } },
    module: {
      rules: [
        { test: /\.ts$/, loader: 'ts-loader', options: { configFile: 'tsconfig.build.json', transpileOnly: true }, exclude: /node_modules/ },
        { test: /\.css$/, type: 'asset/source' },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => (production ? content.toString().replaceAll(DEV_URL, url) : content) },
        ],
      }),
    ],
    devServer: { port: PORT, static: { directory: path.resolve(__dirname, 'dist', 'web') }, server: 'https', headers: { 'Access-Control-Allow-Origin': '*' } },
    devtool: production ? false : 'source-map',
    performance: { hints: false },
  };
};
