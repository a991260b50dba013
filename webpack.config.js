/**
 * Builds the Outlook task pane and its preview page into dist/addin/:
 *   taskpane.html + assets/taskpane.[hash].js  (the pane Outlook loads; office.js comes from Microsoft's CDN)
 *   preview/index.html + preview/preview.[hash].js  (the same pane outside Outlook, on a simulated mailbox)
 *   admin/index.html + admin/admin.[hash].js  (the admin page: policy, tiers, imports, Monday lists)
 *   assets/**  (icons from manifest/assets, when present)
 * Each entry is a single chunk: for a small pane that is the smallest download.
 */
const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const root = __dirname;
const outDir = path.join(root, "dist", "addin");
const iconsDir = path.join(root, "manifest", "assets");

/** Copies manifest/assets/** into the output (the manifest's icon URLs point at /assets/). */
class CopyIconsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("CopyIconsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CopyIconsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          if (!fs.existsSync(iconsDir)) return;
          compilation.contextDependencies.add(iconsDir);
          for (const entry of fs.readdirSync(iconsDir, { recursive: true, withFileTypes: true })) {
            if (!entry.isFile()) continue;
            const file = path.join(entry.parentPath ?? entry.path, entry.name);
            const name = path.posix.join("assets", path.relative(iconsDir, file).split(path.sep).join("/"));
            compilation.emitAsset(name, new compiler.webpack.sources.RawSource(fs.readFileSync(file)));
          }
        },
      );
    });
  }
}

module.exports = (_env, argv) => {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    context: root,
    target: "web",
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./addin/src/taskpane/index.tsx",
      preview: "./addin/src/preview/index.tsx",
      admin: "./addin/src/admin/index.tsx",
    },
    output: {
      path: outDir,
      publicPath: "/",
      filename: (chunk) => (["preview", "admin"].includes(chunk.chunk.name) ? `${chunk.chunk.name}/[name].[contenthash:8].js` : "assets/[name].[contenthash:8].js"),
      chunkFilename: "assets/[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".tsx", ".ts", ".js", ".mjs"] },
    module: {
      rules: [
        {
          test: /\.(ts|tsx)$/,
          exclude: /node_modules/,
          use: {
            loader: "swc-loader",
            // The project's .swcrc compiles to CommonJS for Node; webpack needs ES modules to tree-shake.
            options: {
              swcrc: false,
              module: { type: "es6" },
              jsc: {
                parser: { syntax: "typescript", tsx: true },
                transform: { react: { runtime: "automatic", development: !production } },
                target: "es2020",
              },
            },
          },
        },
      ],
    },
    // Entries stay one file each; chunks loaded later share what they have in common (zod, Fluent's form
    // controls) instead of each carrying a copy.
    optimization: { splitChunks: { chunks: "async" }, runtimeChunk: false },
    performance: { hints: production ? "warning" : false, maxEntrypointSize: 600 * 1024, maxAssetSize: 600 * 1024 },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./addin/src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "preview/index.html",
        template: "./addin/src/preview/index.html",
        chunks: ["preview"],
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "admin/index.html",
        template: "./addin/src/admin/index.html",
        chunks: ["admin"],
        scriptLoading: "defer",
      }),
      new CopyIconsPlugin(),
    ],
  };
};
