// Browser bundles: the task pane (taskpane.html, which loads Office.js first), the standalone
// page for people without Excel (page.html, no Office.js) and its worker, the help page (help.html, the
// manifest's SupportUrl), each with the templates, catalogs and rules inlined; and the pure core
// as a library. The manifest says https://localhost:3000/; the production build rewrites it to
// ADDIN_URL (one place for environment URLs).
//
// Office.js: from Microsoft's CDN by default. For networks without internet,
// `OFFICE_JS=local npm run build:web` (or `webpack --env officeJs=local`) copies the files of the
// @microsoft/office-js package into dist/web/office-js/ and loads them from the add-in's own
// origin; OFFICE_JS=https://…/office.js names another copy.
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

const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const LOCAL_OFFICE_DIR = 'office-js';

/** Where the task pane loads Office.js from, and the files to copy for a local copy. */
function officeJs(option) {
  const choice = option || 'cdn';
  if (choice === 'cdn') return { src: OFFICE_CDN, copy: [] };
  if (/^https:\/\/\S+\.js$/.test(choice)) return { src: choice, copy: [] };
  if (choice !== 'local') throw new Error(`OFFICE_JS 只能是 cdn、local 或 https://…/office.js，而不是“${choice}”。`);
  let dist;
  try {
    dist = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
  } catch {
    throw new Error('OFFICE_JS=local 需要 @microsoft/office-js 包：请先运行 npm install --save-dev @microsoft/office-js');
  }
  // office.js loads the host's files and strings beside itself; the .debug.js twins only from office.debug.js
  return { src: `${LOCAL_OFFICE_DIR}/office.js`, copy: [{ from: dist, to: LOCAL_OFFICE_DIR, globOptions: { ignore: ['**/*.debug.js', '**/*.ts', '**/office-vsdoc.js'] } }] };
}

module.exports = (env = {}, argv = {}) => {
  env = env || {};
  const production = (argv.mode ?? 'production') === 'production';
  const url = (process.env.ADDIN_URL || DEV_URL).replace(/\/?$/, '/');
  if (!/^https:\/\/[^/\s]+/.test(url)) throw new Error(`ADDIN_URL 须是 https:// 开头的地址（Office 只从 HTTPS 加载加载项），而不是“${url}”。`);
  const office = officeJs(env.officeJs || process.env.OFFICE_JS);
  return {
    mode: production ? 'production' : 'development',
    target: 'web',
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      page: './src/page/page.ts',
      // the page's worker: reads, runs and writes off the page's thread (src/page/worker.ts)
      'page-worker': './src/page/worker.ts',
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
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], officeJs: office.src }),
      new HtmlWebpackPlugin({ filename: 'page.html', template: './src/page/page.html', chunks: ['page'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/page/help.html', to: 'help.html' },
          // pdfjs's worker, for PDFs checked in the page (src/page/pdf.ts), from the page's own origin
          { from: require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), to: 'pdf.worker.js' },
          ...office.copy,
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

module.exports.OFFICE_CDN = OFFICE_CDN;
