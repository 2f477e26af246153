#!/usr/bin/env node
// The same stand-in with ONE planted boundary mistake, to prove that `kinerja conformance`
// catches it: the unit head's organisation predikat is mapped with ">= 2" instead of ">= 3",
// so "Butuh Perbaikan" (rank 2) is taken as meeting expectations (Sesuai) instead of Di Bawah.
// On the error side it plants two more: the NIP's gender digit is not checked (a NIP ending
// "3 001" is accepted), and checking stops at the first problem (three faults give one problem).
"use strict";

const standin = require("./score.js");

function leaderRatingWrong(org) {
  const rank = { SANGAT_KURANG: 0, KURANG: 1, BUTUH_PERBAIKAN: 2, BAIK: 3, ISTIMEWA: 4 }[org];
  if (rank >= 4) return "DI_ATAS";
  if (rank >= 2) return "SESUAI"; // planted: the edge belongs at 3 (Baik)
  return "DI_BAWAH";
}

function answer(doc) {
  const refused = standin.answer(doc, { firstOnly: true, skipGender: true });
  return refused.error ? refused : score(doc);
}

function score(doc) {
  const result = standin.score(doc);
  if (doc.kepala_unit === true) {
    const hk = leaderRatingWrong(doc.predikat_organisasi);
    result.values.hasil_kerja = hk;
    result.values.predikat = standin.MATRIX[hk][doc.perilaku_kerja];
  }
  return result;
}

if (require.main === module) {
  if (process.argv.includes("--jsonl")) {
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
