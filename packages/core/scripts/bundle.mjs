#!/usr/bin/env node
// Bundles the built library into one ES module (part of `pnpm run build`, after tsc and
// compile-sap-schema): dist/trialstat-core.js, the package's entry point, holds dist/index.js and
// everything it imports, dependencies included (yaml as its ES build). Importing the library is then
// one file to read and compile instead of some 110 modules and 80 CommonJS files of dependencies —
// about 25 ms rather than 150–300 ms, which is most of what a short `trialstat fit` costs. Nothing is
// minified, so stack traces still name functions. The unbundled dist/*.js stay beside it (their
// types are the package's types). errors.js stays a module of its own, imported by the bundle: the
// CLI's error reporter imports it alone (@trialstat/core/errors, so that a failure is reported
// without loading the library), and `instanceof TrialstatError` must see one class, not two.
//
// dist/trialstat-core.browser.js is the same library for browsers and Web Workers (the package's
// "browser" condition and its "./browser" export): one self-contained ES module, errors.js
// included, dependencies in their browser builds (fflate, yaml, apache-arrow's DOM build). Core
// has no Node built-ins (DESIGN.md: no file system or process access), so nothing is shimmed.
// Whitespace and syntax are minified, names are kept.
//
// The Node bundle is pure ASCII (asciiOnly below): Node decodes a module's source from UTF-8 before
// compiling it, and V8 holds source with any other character at two bytes a character, so an ASCII
// bundle is decoded about twice as fast and scanned as one-byte text (~12 ms of the ~150 ms an import
// of the library took here).
//
// A few modules of the Node bundle are evaluated on first call rather than at import (LAZY below):
// the Arrow and Parquet readers, which bring apache-arrow, flatbuffers and hyparquet (~500 KB of
// the bundle, whose classes and tables are built when evaluated), and the SAP's compiled validators
// (~700 KB, which `fit`, `score` and `weights` never call). They stay in the one file, so nothing
// is loaded from elsewhere and reading stays synchronous.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const dist = (f) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

/** Modules (paths in dist) evaluated on the first call of one of their functions, and the functions other modules import from them. */
const LAZY = {
  "data/readers/arrow.js": ["decodeArrow"],
  "data/readers/parquet.js": ["decodeParquet"],
  "sap/sap-validators.js": ["sapValidators"],
};

/**
 * An import of a LAZY module from the library's own modules gets, in its place, functions that
 * `require` it when called: esbuild then wraps the module (and what only it imports) in a function
 * it runs on the first such require. Another name imported from it fails the build ("No matching
 * export"), and so does a listed function the module no longer exports.
 */
const evaluatedOnFirstCall = {
  name: "evaluated-on-first-call",
  setup(b) {
    for (const [module, functions] of Object.entries(LAZY)) {
      const text = readFileSync(dist(module), "utf8");
      for (const f of functions) if (!new RegExp(`^export (async )?function ${f}\\b`, "m").test(text)) throw new Error(`bundle.mjs: ${module} exports no function ${f} (see LAZY)`);
    }
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.namespace === "lazy" || !args.importer.startsWith(dist(""))) return undefined;
      const path = resolve(dirname(args.importer), args.path);
      return LAZY[path.slice(dist("").length)] ? { path, namespace: "lazy" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
      loader: "js",
      resolveDir: dirname(args.path),
      // the module's exports object, made once (esbuild makes a new one at every require)
      contents: [
        `let loaded;`,
        ...LAZY[args.path.slice(dist("").length)].map((f) => `export function ${f}(...args) { return (loaded ??= require(${JSON.stringify(args.path)})).${f}(...args); }`),
      ].join("\n"),
    }));
  },
};

const node = await build({
  entryPoints: [dist("index.js")],
  outfile: dist("trialstat-core.js"),
  bundle: true,
  format: "esm",
  platform: "neutral",
  mainFields: ["module", "main"],
  target: "node20",
  charset: "ascii",
  legalComments: "eof",
  logLevel: "warning",
  write: false,
  plugins: [
    {
      name: "errors-module-of-its-own",
      setup(b) {
        b.onResolve({ filter: /(^|\/)errors\.js$/ }, (args) => (args.importer.startsWith(dist("")) ? { path: "./errors.js", external: true } : undefined));
      },
    },
    evaluatedOnFirstCall,
  ],
});
// written once, made ASCII in memory
for (const file of node.outputFiles) writeFileSync(file.path, asciiOnly(file.text));

await build({
  entryPoints: [dist("index.js")],
  outfile: dist("trialstat-core.browser.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "eof",
  logLevel: "warning",
});

/**
 * The text with every non-ASCII character written \uXXXX. esbuild's `charset: "ascii"` has escaped
 * those in strings, templates and names; what it leaves is in comments and regular-expression
 * literals, where \uXXXX means the same character. A character after a backslash, or outside the
 * Basic Multilingual Plane, could change meaning if escaped: the build stops on one instead.
 */
function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (c, at) => {
    const code = c.charCodeAt(0);
    if (text[at - 1] === "\\" || (code >= 0xd800 && code <= 0xdfff)) throw new Error(`bundle.mjs: cannot escape the character ${JSON.stringify(c)} at offset ${at} of the bundle`);
    return `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
