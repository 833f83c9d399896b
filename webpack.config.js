// Browser bundles: the task pane page (taskpane.html + its script, with the templates, catalogs
// and rules inlined), and the pure core as a library. The manifest says https://localhost:3000/;
// the production build rewrites it to ADDIN_URL (one place for environment URLs).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';

/** The certificates `npx office-addin-dev-certs install` makes and trusts; else a self-signed one. */
function devHttps() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const file = (name) => path.join(dir, name);
  if (!fs.existsSync(file('localhost.crt'))) return 'https';
  return { type: 'https', options: { key: fs.readFileSync(file('localhost.key')), cert: fs.readFileSync(file('localhost.crt')), ca: fs.readFileSync(file('ca.crt')) } };
}
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
    devServer: { port: PORT, static: { directory: path.resolve(__dirname, 'dist', 'web') }, server: env.WEBPACK_SERVE ? devHttps() : 'https', headers: { 'Access-Control-Allow-Origin': '*' } },
    devtool: production ? false : 'source-map',
    performance: { hints: false },
  };
};
