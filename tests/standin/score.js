#!/usr/bin/env node
// A stand-in "foreign" implementation of the PermenPANRB 6/2022 regime, used to test
// `kinerja conformance`. It reads one JSON document on stdin and prints one JSON result
// (or, with --jsonl, one document per line in and one result per line out). A document it must
// refuse is answered in kinerja's error form, {"error", "problems": [{"path", "code", ...}]}
// (check.js), so the conformance runner can check the error side too.
"use strict";

const MATRIX = {
  // hasil kerja -> perilaku kerja -> predikat (PermenPANRB 6/2022 Lampiran, kuadran kinerja)
  DI_ATAS: { DI_BAWAH: "KURANG", SESUAI: "BAIK", DI_ATAS: "SANGAT_BAIK" },
  SESUAI: { DI_BAWAH: "KURANG", SESUAI: "BAIK", DI_ATAS: "BAIK" },
  DI_BAWAH: { DI_BAWAH: "SANGAT_KURANG", SESUAI: "BUTUH_PERBAIKAN", DI_ATAS: "BUTUH_PERBAIKAN" },
};
const ORG_RANK = { SANGAT_KURANG: 0, KURANG: 1, BUTUH_PERBAIKAN: 2, BAIK: 3, ISTIMEWA: 4 };

function leaderRating(org) {
  // a unit head's hasil kerja is the unit's performance: Istimewa -> Di Atas, Baik -> Sesuai, below -> Di Bawah
  const rank = ORG_RANK[org];
  if (rank >= 4) return "DI_ATAS";
  if (rank >= 3) return "SESUAI";
  return "DI_BAWAH";
}

const { problems } = require("./check.js");

function answer(doc, opts = {}) {
  // kinerja's error form for a document it must refuse; otherwise the result
  const found = problems(doc, "permenpanrb-6-2022", opts);
  if (found.length) return { error: "invalid record", problems: found };
  return score(doc);
}

function score(doc) {
  const head = doc.kepala_unit === true;
  const hk = head ? leaderRating(doc.predikat_organisasi) : doc.hasil_kerja;
  const pk = doc.perilaku_kerja;
  const warnings = [];
  return {
    rule: "permenpanrb-6-2022",
    version: "1",
    subject: doc.employee.nip.replace(/\s/g, ""),
    period: `${doc.period.start}..${doc.period.end}`,
    values: {
      hasil_kerja: hk,
      hasil_kerja_source: head ? "kinerja-organisasi" : "penilai",
      perilaku_kerja: pk,
      perilaku_kerja_source: "penilai",
      predikat: MATRIX[hk][pk],
      unit: doc.employee.unit || "",
    },
    warnings,
  };
}

module.exports = { answer, score, MATRIX, leaderRating };

if (require.main === module) {
  const jsonl = process.argv.includes("--jsonl");
  if (jsonl) {
    const rl = require("readline").createInterface({ input: process.stdin });
    rl.on("line", (line) => {
      if (line.trim()) process.stdout.write(JSON.stringify(answer(JSON.parse(line))) + "\n");
    });
  } else {
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => process.stdout.write(JSON.stringify(answer(JSON.parse(text))) + "\n"));
  }
}
