// Fallback schema check when xmllint is not installed: validates the XML on stdin against the XSD given
// as argv[2] with libxml2-wasm and prints {"problems":[{line,message}]} as JSON. A separate ES module
// process because libxml2-wasm is ESM with top-level await, which CommonJS callers cannot require.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { XmlDocument, XsdValidator, XmlLibError } from "libxml2-wasm";
import { xmlRegisterFsInputProviders } from "libxml2-wasm/lib/nodejs.mjs";

xmlRegisterFsInputProviders(); // lets the root XSD load the schemas it imports by relative path

const xsdPath = process.argv[2];
const xml = readFileSync(0);
const problems = [];

function collect(error) {
  if (error instanceof XmlLibError && error.details.length > 0) {
    for (const d of error.details) problems.push({ line: d.line ?? null, message: String(d.message).trim() });
  } else {
    problems.push({ line: null, message: error instanceof Error ? error.message : String(error) });
  }
}

let schemaDoc;
let validator;
let doc;
try {
  schemaDoc = XmlDocument.fromBuffer(readFileSync(xsdPath), { url: pathToFileURL(xsdPath).href });
  validator = XsdValidator.fromDoc(schemaDoc);
  doc = XmlDocument.fromBuffer(xml);
  validator.validate(doc);
} catch (error) {
  collect(error);
} finally {
  doc?.dispose();
  validator?.dispose();
  schemaDoc?.dispose();
}
process.stdout.write(JSON.stringify({ problems }));
