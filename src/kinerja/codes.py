"""The stable problem codes: what every :class:`~kinerja.errors.Problem` may carry in ``code``.

A SIMPEG system acts on the code (and translates it); the message is for people.
This map is the one list of codes: ``tests/test_codes.py`` fails on a problem
whose code is not here, and ``docs/problem-codes.md`` is generated from it.
Codes are dotted, lower case: ``<what>.<why>``. A code, once published, keeps its
meaning; a new situation gets a new code.

Add a code here (in the section of the part that raises it) in the same change
that first raises it.
"""

from __future__ import annotations

__all__ = ["CODES"]

CODES: dict[str, str] = {
    # -- generic: any part --------------------------------------------------------------
    "invalid": "the value is not acceptable here (the message says why)",
    "internal": "a defect in kinerja, not in the input; reported on its record, please report it",
    # -- the JSON edge: documents and fields -----------------------------------------
    "field.missing": "a required field is missing",
    "field.unknown": "a field that this document type does not have",
    "field.duplicate": "the same key appears twice in one JSON object",
    "field.not_allowed": "a field that must not be given in this situation (the message says which one requires it)",
    "id.duplicate": "an id used twice in one list (RHK, indicator, rater…)",
    "period.outside_year": "the evaluation period lies outside the SKP year, or crosses a year boundary",
    "type.object": "expected a JSON object",
    "text.empty": "the text must not be empty (or only spaces)",
    "type.list": "expected a JSON array",
    "type.text": "expected text (a JSON string)",
    "type.integer": "expected a whole number",
    "type.boolean": "expected true or false",
    "type.number": "expected a number (or decimal text)",
    "json.invalid": "the text is not valid JSON",
    "json.too_deep": "the document is nested too deeply",
    "rule.unknown": "no regime or scheme of that name",
    "rule.not_in_force": "no regime covers the document's period",
    "period.outside_rule": "the period lies outside the chosen rule's validity (a warning)",
    "date.invalid": "not a valid date",
    "number.invalid": "not a number",
    "number.not_finite": "NaN or an infinity",
    "number.non_ascii_digit": "digits other than ASCII 0-9 (for example Arabic-Indic or full-width)",
    "number.too_large": "the number exceeds the bound kinerja accepts",
    "number.too_precise": "more decimal places than kinerja accepts",
    "number.negative": "the number must not be negative",
    "number.not_positive": "the number must be greater than zero",
    "number.out_of_range": "the number lies outside the range the rule allows",
    "label.unknown": "a rating, predikat or other label kinerja does not know",
    "weights.sum": "the weights do not add up to what the rule requires",
    "nip.format": "a NIP is 18 ASCII digits",
    "nip.birth_date": "digits 1-8 of the NIP are not a valid date of birth",
    "nip.appointment": "digits 9-14 of the NIP are not a valid appointment month",
    "nip.gender": "digit 15 of the NIP is not 1 (male) or 2 (female)",
    "nip.sequence_zero": "digits 16-18 (sequence) of the NIP are 000",
    "nip.status": "the stated status contradicts the NIP",
    # -- batches and streams -----------------------------------------------------------
    "line.not_utf8": "a line of input that is not UTF-8",
    "line.whitespace": "a line made only of white space other than a line break",
    "line.not_object": "a line that is JSON but not a JSON object",
    "line.too_long": "a line longer than kinerja reads (16 MiB); it is skipped whole",
    "input.not_utf8": "a whole input (one JSON document) that is not UTF-8",
    "record.id": "a record's own id must be text (at most 200 characters) or an integer of at most 18 digits",
    # -- the HTTP service (kinerja serve, issue 17) ---------------------------------------
    "request.unauthorized": "the service needs Authorization: Bearer <token> and it was missing or wrong",
    "request.media_type": "the Content-Type is not one this endpoint reads (application/json; JSON Lines for a batch)",
    "request.too_large": "the request body is larger than the service accepts",
    "request.too_many_records": "the batch has more records than the service accepts in one request",
    "request.empty": "the batch has no records",
    "request.timeout": "the request did not arrive, or was not scored, within the service's time limit",
    "request.busy": "the service is at its concurrency limit; retry after the Retry-After seconds",
    "request.not_found": "no such endpoint",
    "request.method": "the endpoint does not take this HTTP method",
    # -- audit of stored appraisals (kinerja.siasn.audit, kinerja.audit) ----------------
    "audit.mismatch": "a stored value disagrees with the value kinerja computes from the row's inputs",
    "audit.stored_missing": "kinerja computes a value but the row stores none",
    "audit.input_missing": "an input the stored result depends on is missing, so the result cannot be re-scored",
    "audit.wrong_table": "the row's year belongs to another SIASN record (rw_skp up to 2021, rw_skp22 from 2022)",
    "audit.code_mismatch": "a SIASN code field disagrees with its label under the caller's code table",
    "audit.not_utf8": "a stored text value whose bytes are not UTF-8",
    "audit.rule_unknown": "no rule in force can be chosen for the row (year missing, or a rule kinerja cannot re-score)",
    "audit.mapping": "the column mapping file is not valid (the message says which entry)",
    "audit.mapping_write": "the column mapping asks to write to the database; the audit only reads",
    "audit.table_missing": "a table or column named for the audit is not in the database",
    # -- consequences of a predikat: tukin/TPP, SKP plans, calibration records -----------
    "tukin.duplicate": "a period or month given twice in tukin facts",
    "tukin.months_order": "the last pay month comes before the first",
    "tukin.evaluation_missing": "no evaluation for a period that governs a pay month (MissingEvaluation.REFUSE)",
    "tukin.kehadiran_missing": "no attendance for a pay month of a scheme with an attendance component",
    "tukin.dates_order": "the entries of a dated table are not in strictly increasing date order",
    "plan.employee_duplicate": "an employee (NIP) appears twice in the plans",
    "plan.rhk_duplicate": "an RHK id is used twice",
    "plan.superior_missing": "the recorded superior has no plan in the plans given",
    "plan.superior_other_unit": "the superior is outside the employee's unit tree",
    "plan.superior_cycle": "the chain of superiors loops back to the employee",
    "plan.rhk_parent_missing": "a subordinate RHK names no RHK of the superior, or one that does not exist",
    "plan.rhk_parent_not_superior": "the RHK named as intervened belongs to someone other than the recorded superior",
    "plan.rhk_parent_given": "the head of the tree (no superior) names a superior's RHK",
    "plan.indicator_missing": "an RHK has no indicator",
    "plan.unit_cycle": "the unit tree loops back on itself",
    "plan.unit_unknown": "a unit that is not in the unit tree",
    "calibration.curve": "the predikat after calibration break the curve of the organisation predikat",
    "calibration.reason_missing": "an employee was moved without a reason",
    "calibration.employee_duplicate": "an employee appears twice in one calibration record",
    "calibration.digest": "the record's digest does not match its inputs",
    "kinerja_buruk.parameter": "a poor-performance screening parameter is out of range",
    "pppk.parameter": "a PPPK paruh waktu criterion is out of range",
    # -- Indonesian numbers and dates, CSV/Excel tables, the report (issue 18) ----------
    "number.decimal_comma": "a decimal comma under JSON's rule (98,5): read with locale id",
    "number.locale_ambiguous": "a number the chosen locale rule cannot read without guessing (the message names the rule)",
    "date.locale_ambiguous": "a date the chosen locale rule cannot read without guessing (two-digit year, day/month under JSON's rule)",
    "nip.excel_number": "a NIP stored as a number in a spreadsheet (Excel keeps 15 significant digits): format the column as text",
    "table.not_utf8": "a CSV file whose bytes are not UTF-8",
    "table.empty": "a CSV file or sheet with no header row",
    "table.unreadable": "a file that is not a readable CSV or xlsx workbook",
    "table.header": "a header cell that is blank or repeated",
    "output.unwritable": "the output file cannot be written (a directory, a full disk, no permission)",
    "report.not_scored": "a document of the report could not be scored (the message says why)",
}
"""Every problem code with its meaning (English; the Indonesian lives in the catalogs)."""
