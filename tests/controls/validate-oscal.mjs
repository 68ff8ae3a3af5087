// Validates JSON documents against an OSCAL JSON schema with ajv 8, whose Unicode-aware patterns
// (\p{L}) the schemas need; std::regex cannot compile them. Used by oscal_test.cpp.
//   node validate-oscal.mjs <schema.json> <document.json>...
// Exits 0 when every document is valid; otherwise prints each invalid file's first errors with
// their instancePath and exits 1 (2 when the schema, a file or ajv cannot be read).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// ajv is installed for the browser tests (tests/browser/package.json, npm ci by make test).
const require = createRequire(join(here, "..", "browser", "package.json"));

let Ajv;
try {
  Ajv = require("ajv").default;
} catch (e) {
  console.error(`ajv is missing (run npm ci in tests/browser): ${e.message}`);
  process.exit(2);
}

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node validate-oscal.mjs <schema.json> <document.json>...");
  process.exit(2);
}

const read = (path) => {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    console.error(`${path}: ${e.message}`);
    process.exit(2);
  }
};

// The schemas are draft-07; strict mode would reject their untyped patterns.
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is not among the npm modules aims installs. The schemas' own patterns already pin
// date-times and URIs down; these checks only keep a format from being ignored altogether.
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat("uri", /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/);
ajv.addFormat("uri-reference", /^\S*$/);
ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
const validate = ajv.compile(read(schemaPath));

let failed = 0;
for (const file of files) {
  if (validate(read(file))) continue;
  failed++;
  console.error(`${file}: ${validate.errors.length} error(s)`);
  for (const e of validate.errors.slice(0, 10)) {
    console.error(`  ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
if (failed === 0) console.log(`valid: ${files.length} document(s)`);
process.exit(failed === 0 ? 0 : 1);
