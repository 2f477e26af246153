"""Golden vectors: the checked-in files agree with the code, cover every rule, and read back strictly."""

from __future__ import annotations

import fnmatch
import json
import re

import pytest

import kinerja
from kinerja import io, rules, vectors
from kinerja.errors import ValidationError
from kinerja.vectors import generate


def test_checked_in_vectors_and_schemas_match_the_code() -> None:
    # The drift test: a behaviour change must show up as a diff of the vector files.
    problems = generate.check()
    assert problems == [], "stale vectors; run `python -m kinerja.vectors.generate`:\n" + "\n".join(problems)


def test_every_builtin_rule_has_vectors() -> None:
    present = set(generate.builtin_rules())
    assert present, "no built-in rule in this checkout"
    assert present == set(vectors.names())


@pytest.mark.parametrize("name", vectors.names())
def test_file_header_and_case_shape(name: str) -> None:
    vf = vectors.load(name)
    rule = rules.get(name)
    assert vf.rule == name and vf.format == vectors.FORMAT
    assert vf.rule_version == rule.info.version
    assert vf.generated_by.startswith("kinerja ")
    assert vf.cases, "a vector file without cases"
    ids = [c.id for c in vf.cases]
    assert len(ids) == len(set(ids))
    for c in vf.cases:
        assert c.id.startswith(f"{name}/")
        assert c.regime == name == c.input["regime"] == c.expected["rule"]
        assert c.description and "\n" not in c.description
        assert c.source.kind in vectors.SOURCE_KINDS and c.source.ref


@pytest.mark.parametrize("name", vectors.names())
def test_inputs_are_canonical_and_expected_is_evaluate(name: str) -> None:
    for c in vectors.load(name).cases:
        rule, doc = io.load(c.input)
        assert json.loads(json.dumps(io.dump(rule, doc))) == c.input, c.id
        assert kinerja.evaluate(c.input) == c.expected, c.id


def test_numbers_are_decimal_strings_everywhere() -> None:
    # No JSON float anywhere: a float would lose digits in some language.
    def walk(value: object, where: str) -> None:
        assert not isinstance(value, float), where
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    for name in vectors.names():
        walk(vectors.load(name).to_json(), name)


def test_spec_worked_examples_are_present() -> None:
    ids = {c.id for c in vectors.cases()}
    wanted = {
        "pp-46-2011": ["pp-46-2011/L1", "pp-46-2011/L10-tugas-tambahan-12"],
        "permenpanrb-8-2021": ["permenpanrb-8-2021/T1", "permenpanrb-8-2021/T2", "permenpanrb-8-2021/T3"],
        "permenpanrb-6-2022": [
            *(f"permenpanrb-6-2022/matrix-{hk}-{pk}" for hk in _EKSPEKTASI for pk in _EKSPEKTASI),
            "permenpanrb-6-2022/A1",
            "permenpanrb-6-2022/A2",
            "permenpanrb-6-2022/A3",
        ],
    }
    for name, cases in wanted.items():
        if name in vectors.names():
            missing = [c for c in cases if c not in ids]
            assert not missing, missing


_EKSPEKTASI = ("di-bawah", "sesuai", "di-atas")


def test_spec_examples_have_the_spec_numbers() -> None:
    # Hand check of a few headline numbers against regulations.md (L1, L10, T1-T3).
    by_id = {c.id: c for c in vectors.cases()}
    if "pp-46-2011/L1" in by_id:
        v = by_id["pp-46-2011/L1"].values
        assert v["rata_rata_capaian_kegiatan"] == "85.5" and v["kategori_skp"] == "Baik"  # L1: 342 / 4
        points = {
            n: by_id[f"pp-46-2011/L10-tugas-tambahan-{n}"].values["nilai_tugas_tambahan"] for n in (0, 3, 4, 6, 7, 12)
        }
        assert points == {0: "0", 3: "1", 4: "2", 6: "2", 7: "3", 12: "3"}  # L10
    if "permenpanrb-8-2021/T1" in by_id:
        assert by_id["permenpanrb-8-2021/T1"].values["nilai_ku"] == "109"  # T1
        assert by_id["permenpanrb-8-2021/T2"].values["nilai_ku"] == "88"  # T2: 97.89 -> 98 %
        assert by_id["permenpanrb-8-2021/T3"].values["nilai_ku"] == "78"  # T3: 87.5 -> 88 % -> 70 + 8


def test_cases_filters() -> None:
    all_cases = list(vectors.cases())
    assert len(all_cases) == sum(len(vectors.load(n).cases) for n in vectors.names())
    name = vectors.names()[0]
    only = list(vectors.cases(regime=name))
    assert only and all(c.regime == name for c in only)
    first = only[0]
    assert [c.id for c in vectors.cases(case=first.id)] == [first.id]
    local = first.id.split("/", 1)[1]
    assert first.id in [c.id for c in vectors.cases(case=local)]
    assert list(vectors.cases(regime="no-such-rule")) == []


def test_load_unknown_name() -> None:
    with pytest.raises(LookupError, match="no golden vectors"):
        vectors.load("no-such-rule")


def test_loads_is_strict() -> None:
    good = vectors.load(vectors.names()[0]).to_json()
    text = json.dumps(good)
    assert vectors.loads(text).to_json() == good
    bad = json.loads(text)
    bad["extra"] = 1
    bad["cases"][0]["source"]["kind"] = "rumour"
    del bad["cases"][1]["expected"]
    bad["cases"][2]["id"] = bad["cases"][3]["id"]
    with pytest.raises(ValidationError) as err:
        vectors.loads(json.dumps(bad))
    assert set(err.value.paths) == {"extra", "cases[0].source.kind", "cases[1].expected", "cases[3].id"}
    with pytest.raises(ValidationError, match="unsupported vector format"):
        vectors.loads(json.dumps({**good, "format": 2}))
    with pytest.raises(ValidationError, match="not valid JSON"):
        vectors.loads("{")


def test_vector_file_text_is_stable() -> None:
    # The stored text is exactly VectorFile.dumps(): two-space indent, UTF-8, trailing newline.
    from importlib import resources

    for name in vectors.names():
        text = (resources.files("kinerja.vectors") / f"{name}.json").read_text(encoding="utf-8")
        assert text == vectors.loads(text).dumps()
        assert re.match(r'\{\n  "format": 1,\n  "rule": ', text)


# --- invalid vectors ------------------------------------------------------------------------------

_LOADER_GAPS = {
    # fault slug -> the loader change it waits for (the test fails loudly once the gap closes: remove the entry)
}
_LOADER_PATH_GAPS: dict[str, str] = {}
"""Case-id patterns of faults reported at another path than their own (expected failures until the loader changes)."""


def test_every_rule_has_invalid_vectors() -> None:
    assert set(vectors.invalid_names()) == set(vectors.names())


@pytest.mark.parametrize("name", vectors.invalid_names())
def test_invalid_vectors_are_what_kinerja_reports(name: str) -> None:
    vf = vectors.load_invalid(name)
    assert vf.rule == name and vf.rule_version == rules.get(name).info.version
    for case in vf.cases:
        assert case.id.startswith(f"{name}/invalid-") and case.regime == name
        assert case.problems == generate.refusal(case.input), case.id
        assert list(case.problems) == sorted(set(case.problems)), case.id


@pytest.mark.parametrize("name", vectors.invalid_names())
def test_invalid_vectors_cover_the_faults(name: str) -> None:
    ids = {c.id for c in vectors.load_invalid(name).cases}
    slugs = {i.split("/invalid-", 1)[1] for i in ids}
    # every rule: missing and unknown fields, wrong types, each NIP code, unknown labels,
    # non-ASCII digits, too-large numbers, and three independent faults at once
    must = {
        "field-missing", "field-unknown", "field-unknown-nested", "type-text", "date-invalid", "nip-format",
        "nip-birth-date", "nip-appointment", "nip-gender", "nip-sequence-zero", "label-unknown",
        "number-arabic-indic", "number-full-width", "number-too-large", "three-faults",
    }  # fmt: skip
    assert must <= slugs


def _intended(gaps: dict[str, str]) -> list[object]:
    out: list[object] = []
    for name in vectors.invalid_names():
        for case_id, (path, code) in generate.intended_codes(name).items():
            slug = case_id.split("/invalid-", 1)[1]
            reason = gaps.get(slug) or next((r for p, r in gaps.items() if fnmatch.fnmatchcase(case_id, p)), None)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(name, case_id, path, code, id=case_id, marks=marks))
    return out


@pytest.mark.parametrize(("name", "case_id", "path", "code"), _intended(_LOADER_GAPS))
def test_each_fault_is_refused_with_its_own_code(name: str, case_id: str, path: str, code: str) -> None:
    by_id = {c.id: c for c in vectors.load_invalid(name).cases}
    assert case_id in by_id, "kinerja accepts this broken document"
    codes = {c for _, c in by_id[case_id].problems}
    if code:
        assert code in codes
    else:  # the three-fault case: three problems, none hiding another
        assert len(by_id[case_id].problems) == 3 and len(codes) == 3


@pytest.mark.parametrize(("name", "case_id", "path", "code"), _intended(_LOADER_PATH_GAPS))
def test_each_fault_is_reported_where_it_is(name: str, case_id: str, path: str, code: str) -> None:
    by_id = {c.id: c for c in vectors.load_invalid(name).cases}
    if case_id not in by_id or not code:
        pytest.skip("accepted (see the test above) or the three-fault case")
    assert path in {p for p, _ in by_id[case_id].problems}


def test_three_independent_faults_give_three_problems() -> None:
    for case in vectors.invalid_cases(case="invalid-three-faults"):
        paths = {p for p, _ in case.problems}
        assert len(case.problems) == 3, case.id
        assert "x_tidak_dikenal" in paths and any(p.endswith("nip") for p in paths), case.id
        with pytest.raises(ValidationError) as err:
            kinerja.evaluate(case.input)
        assert len(err.value.problems) == 3


def test_loads_invalid_is_strict() -> None:
    good = vectors.load_invalid(vectors.invalid_names()[0]).to_json()
    assert vectors.loads_invalid(json.dumps(good)).to_json() == good
    bad = json.loads(json.dumps(good))
    bad["cases"][0]["problems"] = []
    bad["cases"][1]["extra"] = 1
    del bad["cases"][2]["problems"][0]["code"]
    with pytest.raises(ValidationError) as err:
        vectors.loads_invalid(json.dumps(bad))
    assert set(err.value.paths) == {"cases[0].problems", "cases[1].extra", "cases[2].problems[0].code"}
    with pytest.raises(LookupError):
        vectors.load_invalid("no-such-rule")
