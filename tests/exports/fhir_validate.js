// Validates a FHIR R4 resource (a Bundle) read on stdin with the `fhir` npm package (FHIR.js,
// its R4 structure definitions), and prints its messages as JSON: {valid, messages}.
// Run by tests/exports/validators.py; the package is installed under tests/interop.
"use strict";
const path = require("path");
const { Fhir } = require(path.join(__dirname, "..", "interop", "node_modules", "fhir"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const result = new Fhir().validate(JSON.parse(input), { errorOnUnexpected: true });
  process.stdout.write(JSON.stringify(result));
});
