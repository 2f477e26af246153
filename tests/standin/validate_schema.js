"use strict";
// Validate documents against JSON Schemas with ajv in strict mode (draft 2020-12, formats on).
// stdin: {"schemas": {"<name>": <schema>, ...}, "documents": [{"schema": "<name>", "data": <json>}, ...]}
// stdout: {"schemas": {"<name>": {"ok": bool, "error": text, "warnings": [...]}},
//          "documents": [{"valid": bool, "errors": [{"path": ..., "message": ...}]}]}
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

function main(input) {
  const warnings = [];
  const logger = { log() {}, warn: (...a) => warnings.push(a.join(" ")), error: (...a) => warnings.push(a.join(" ")) };
  const ajv = new Ajv2020({ strict: true, allErrors: true, logger });
  addFormats(ajv);
  const compiled = {};
  const schemas = {};
  for (const [name, schema] of Object.entries(input.schemas)) {
    warnings.length = 0;
    try {
      compiled[name] = ajv.compile(schema);
      schemas[name] = { ok: warnings.length === 0, error: "", warnings: warnings.slice() };
    } catch (e) {
      schemas[name] = { ok: false, error: String(e.message || e), warnings: warnings.slice() };
    }
  }
  const documents = (input.documents || []).map((d) => {
    const validate = compiled[d.schema];
    if (!validate) return { valid: false, errors: [{ path: "", message: "schema did not compile" }] };
    const valid = validate(d.data);
    return {
      valid,
      errors: (validate.errors || []).map((e) => ({ path: e.instancePath, message: e.message })),
    };
  });
  return { schemas, documents };
}

let text = "";
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(main(JSON.parse(text))) + "\n"));
