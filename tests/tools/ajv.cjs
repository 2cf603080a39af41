// Validates JSON documents against a JSON Schema with Ajv (npm `ajv` and
// `ajv-formats`, pinned in package-lock.json), a validator teambook does not
// share any code with. Usage: node ajv.cjs SCHEMA DOC.json... Prints one JSON
// array: for each document, its path and the errors Ajv found (empty: valid).
// Run by tests/it/schemas.rs.
const { readFileSync } = require("node:fs");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const [schemaFile, ...docs] = process.argv.slice(2);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
const results = docs.map((file) => {
  const valid = validate(JSON.parse(readFileSync(file, "utf8")));
  return { file, errors: valid ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`) };
});
process.stdout.write(JSON.stringify(results));
