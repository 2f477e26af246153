// The error side of the stand-in implementation: check a document the way kinerja does and
// report every problem at once as {path, code}, in kinerja's JSON error form.
//
// It is driven by kinerja's published JSON Schema of the document (what a real foreign
// implementation would do), plus the checks no schema can state (a NIP's digit groups, the NIP
// kind against the stated status). Paths are written like kinerja's: employee.nip, rhk[0].target.
"use strict";

const fs = require("fs");
const path = require("path");

const SCHEMAS = path.join(__dirname, "..", "..", "src", "kinerja", "schemas");
const BOUND = 1e15; // kinerja: every number within ±10^15

function loadSchema(rule) {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${rule}.input.json`), "utf8"));
}

function join(prefix, key) {
  if (typeof key === "number") return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function checkNip(value, at, out, opts) {
  if (typeof value !== "string") return out.push([at, "nip.format"]);
  const d = value.replace(/[ \u00a0]/g, "").trim();
  if (!/^[0-9]{18}$/.test(d)) return out.push([at, "nip.format"]);
  const y = +d.slice(0, 4), m = +d.slice(4, 6), day = +d.slice(6, 8);
  const birth = new Date(Date.UTC(y, m - 1, day));
  const real = y > 0 && m >= 1 && m <= 12 && birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === day;
  if (!real) out.push([at, "nip.birth_date"]);
  const year = +d.slice(8, 12), code = +d.slice(12, 14);
  if (year < 1900 || (real && year < y) || (real && year === y && code >= 1 && code < m) || code === 0) {
    out.push([at, "nip.appointment"]);
  }
  if (!opts.skipGender && !"12".includes(d[14])) out.push([at, "nip.gender"]);
  if (d.slice(15) === "000") out.push([at, "nip.sequence_zero"]);
}

function checkDecimal(value, at, out) {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push([at, "number.not_finite"]);
    else if (Math.abs(value) > BOUND) out.push([at, "number.too_large"]);
    return;
  }
  if (typeof value !== "string") return out.push([at, "type.number"]);
  const text = value.trim();
  if (/\p{Nd}/u.test(text) && /[^\x00-\x7f]/.test(text)) return out.push([at, "number.non_ascii_digit"]);
  if (/^[+-]?(nan|s?nan|inf|infinity)$/i.test(text)) return out.push([at, "number.not_finite"]);
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return out.push([at, "number.invalid"]);
  if (Math.abs(Number(text)) > BOUND) out.push([at, "number.too_large"]);
}

function isDecimal(node) {
  return Array.isArray(node.anyOf) && node.anyOf.some((b) => b.type === "number") && node.anyOf.some((b) => b.type === "string");
}

function isLabel(node) {
  return Array.isArray(node.anyOf) && node.anyOf.length === 2 && Array.isArray(node.anyOf[0].enum) && node.anyOf[1].pattern;
}

function checkAnyOf(value, node, at, out, ctx) {
  const branches = node.anyOf.map((b) => ctx.resolve(b));
  if (value === null && branches.some((b) => b.type === "null")) return;
  const rest = branches.filter((b) => b.type !== "null");
  if (rest.length === 1) return check(value, rest[0], at, out, ctx);
  if (isDecimal(node)) return checkDecimal(value, at, out);
  if (isLabel(node)) {
    const ok = typeof value === "string" && (node.anyOf[0].enum.includes(value) || new RegExp(node.anyOf[1].pattern, "u").test(value));
    if (!ok) out.push([at, "label.unknown"]);
    return;
  }
  const decimal = rest.find(isDecimal); // a target: one number, or {low, high}
  if (decimal && isObject(value)) return check(value, rest.find((b) => b.type === "object"), at, out, ctx);
  if (decimal) return checkDecimal(value, at, out);
  out.push([at, "invalid"]);
}

function checkObject(value, node, at, out, ctx) {
  if (!isObject(value)) return out.push([at, "type.object"]);
  const props = node.properties || {};
  for (const key of Object.keys(value)) {
    if (!(key in props) && node.additionalProperties === false) out.push([join(at, key), "field.unknown"]);
  }
  for (const key of node.required || []) {
    if (!(key in value)) out.push([join(at, key), "field.missing"]);
  }
  for (const [key, sub] of Object.entries(props)) {
    if (key in value && !ctx.stopped()) check(value[key], sub, join(at, key), out, ctx);
  }
  if (typeof value.nip === "string" && /^[0-9]{18}$/.test(value.nip) && typeof value.status === "string") {
    const pppk = +value.nip.slice(12, 14) >= 13;
    if ((value.status === "PPPK") !== pppk) out.push([join(at, "status"), "nip.status"]);
  }
}

function check(value, node, at, out, ctx) {
  node = ctx.resolve(node);
  if (ctx.stopped()) return;
  if (node.anyOf) return checkAnyOf(value, node, at, out, ctx);
  if ("const" in node) return;
  switch (node.type) {
    case "object":
      return checkObject(value, node, at, out, ctx);
    case "array":
      if (!Array.isArray(value)) return out.push([at, "type.list"]);
      return value.forEach((v, i) => check(v, node.items || {}, join(at, i), out, ctx));
    case "integer":
      if (!Number.isInteger(value)) return out.push([at, "type.integer"]);
      if (Math.abs(value) > BOUND) out.push([at, "number.too_large"]);
      return;
    case "boolean":
      if (typeof value !== "boolean") out.push([at, "type.boolean"]);
      return;
    case "string":
      if (node.format === "date") {
        const ok = typeof value === "string" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) && new Date(value + "T00:00:00Z").toISOString().slice(0, 10) === value;
        if (!ok) out.push([at, "date.invalid"]);
        return;
      }
      if (node.pattern && node.pattern.includes("\\u00a0]*")) return checkNip(value, at, out, ctx.opts);
      if (typeof value !== "string") out.push([at, "type.text"]);
      return;
    default:
      return;
  }
}

// Every problem of *doc* as [{path, code}], or [] when it is valid. opts.firstOnly stops at the
// first problem (a planted mistake); opts.skipGender does not check the NIP's gender digit.
function problems(doc, rule, opts = {}) {
  const schema = loadSchema(rule);
  const out = [];
  const ctx = {
    opts,
    resolve: (n) => (n && n.$ref ? schema.$defs[n.$ref.replace("#/$defs/", "")] : n || {}),
    stopped: () => opts.firstOnly && out.length > 0,
  };
  check(doc, schema, "", out, ctx);
  const unique = [...new Set(out.map(([p, c]) => JSON.stringify([p, c])))].map((s) => JSON.parse(s));
  return unique.slice(0, opts.firstOnly ? 1 : undefined).map(([p, c]) => ({ path: p, code: c, message: c }));
}

module.exports = { problems };
