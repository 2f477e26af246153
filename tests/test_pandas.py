"""kinerja.pandas: frames in, frames out, exactly the results of scoring record by record."""

from __future__ import annotations

import copy
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja
import kinerja.pandas as kp
from conftest import ratio_doc
from kinerja.errors import ValidationError

NIPS = ("199001012015031001", "198507142010012003", "197912312005021004", "199203032019032005")


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_LANG", "en")  # these tests read the English report; lang= still wins


def _doc(nip: str, target: object = "10", realisasi: object = "8") -> dict[str, Any]:
    return ratio_doc(nip, target, realisasi)


def _cell(frame: pd.DataFrame, row: Any, column: str) -> Any:
    """One cell (typed ``Any``: pandas' own cell type is a wide union)."""
    return frame.loc[row, column]


def _one_by_one(docs: list[dict[str, Any]]) -> list[kinerja.Result]:
    out = []
    for d in docs:
        rule, doc = kinerja.load(d)
        out.append(rule.evaluate(doc))
    return out


def _same(a: kinerja.Result, b: kinerja.Result) -> None:
    """Every field equal, every decimal the same Decimal (digits and exponent)."""
    assert (a.rule, a.version, a.subject, a.period, a.warnings) == (b.rule, b.version, b.subject, b.period, b.warnings)
    assert list(a.values) == list(b.values)
    for k in a.values:
        x, y = a.values[k], b.values[k]
        assert type(x) is type(y), k
        if isinstance(x, Decimal):
            assert isinstance(y, Decimal) and x.as_tuple() == y.as_tuple(), (k, x, y)
        else:
            assert x == y, k


# --- wide and long forms ---------------------------------------------------------------


def test_wide_frame_scores_like_one_by_one() -> None:
    docs = [_doc(NIPS[0]), _doc(NIPS[1], "20", "30"), _doc(NIPS[2], "7", "7.25")]
    frame = kp.from_documents(docs)
    assert "indicators[0].target" in frame.columns and "indicators[1].target.low" in frame.columns
    out = kp.score(frame)
    assert out["error"].isna().all()
    assert list(out["subject"]) == [NIPS[0], NIPS[1], NIPS[2]]
    for got, want in zip(kp.to_results(out), _one_by_one(docs)):
        _same(got, want)
    assert all(isinstance(v, Decimal) for v in out["score"])
    assert out["score"].dtype == object


def test_long_frame_scores_like_one_by_one() -> None:
    docs = [_doc(NIPS[0]), _doc(NIPS[1], "20", "30")]
    frame = kp.from_documents(docs, long="indicators")
    assert len(frame) == 4 and "indicators.realization.value" in frame.columns
    assert kp.to_documents(frame) == kp.to_documents(kp.from_documents(docs))
    out = kp.score(frame)
    assert len(out) == 2 and list(out.index) == [0, 2]  # the label of each record's first row
    for got, want in zip(kp.to_results(out), _one_by_one(docs)):
        _same(got, want)


def test_documents_round_trip_through_a_frame() -> None:
    docs = [_doc(NIPS[0]), _doc(NIPS[1], "20", "30")]

    def canonical(ds: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [kinerja.dump(*kinerja.load(d)) for d in ds]

    # blanks (an empty name, a None jenjang) are left out and come back as the same defaults
    assert canonical(kp.to_documents(kp.from_documents(docs))) == canonical(docs)
    assert canonical(kp.to_documents(kp.from_documents(docs, long="indicators"))) == canonical(docs)


def test_header_names_mapped_with_columns_and_other_columns_pass_through() -> None:
    frame = pd.DataFrame(
        {
            "NIP": [NIPS[0], NIPS[1]],
            "Nama": ["Budi", "Sari"],
            "Unit": ["Sekretariat", "Bidang I"],
            "Mulai": [dt.date(2024, 1, 1), dt.date(2024, 1, 1)],
            "Selesai": [pd.Timestamp("2024-12-31"), pd.Timestamp("2024-12-31")],
            "IKI": ["dok", "dok"],
            "Target": [10, 20],
            "Realisasi": ["8", "30"],
        }
    )
    cols = {
        "NIP": "employee.nip",
        "Nama": "employee.name",
        "Mulai": "period.start",
        "Selesai": "period.end",
        "IKI": "indicators.id",
        "Target": "indicators.target",
        "Realisasi": "indicators.realization",
    }
    out = kp.score(frame, "test-ratio", cols, key=["NIP"], floats=True)
    # record-level input columns are kept in front (long form: not the per-indicator ones)
    assert list(out.columns[:6]) == ["NIP", "Nama", "Unit", "Mulai", "Selesai", "rule"]
    assert list(out["Unit"]) == ["Sekretariat", "Bidang I"]
    assert list(kp.score(frame, "test-ratio", cols, keep=False).columns[:2]) == ["Unit", "rule"]
    assert list(out["score"]) == [Decimal("80"), Decimal("150")]
    assert out["score_float"].dtype == "float64" and list(out["score_float"]) == [80.0, 150.0]


def test_integer_nip_and_numbers_from_a_numeric_frame_are_read_exactly() -> None:
    frame = kp.from_documents([_doc(NIPS[0])])
    frame["employee.nip"] = [int(NIPS[0])]
    frame["indicators[0].target"] = [0.1]  # a float goes by its shortest repr
    frame["indicators[0].realization.value"] = pd.Series([Decimal("0.07")], dtype=object)
    out = kp.score(frame)
    assert _cell(out, 0, "error") is None, _cell(out, 0, "error")
    _same(kp.to_results(out)[0], _one_by_one([_doc(NIPS[0], "0.1", "0.07")])[0])


def test_mapping_to_a_path_that_is_no_field_is_refused() -> None:
    frame = pd.DataFrame({"NIP": [NIPS[0]]})
    with pytest.raises(ValidationError, match=r"NIP: 'employee\.nik' is not a field"):
        kp.score(frame, "test-ratio", {"NIP": "employee.nik"})
    with pytest.raises(ValidationError, match="no such column"):
        kp.score(frame, "test-ratio", {"NOPE": "employee.nip"})


# --- bad rows stay, marked ---------------------------------------------------------------


def test_bad_rows_stay_in_the_frame_with_an_error_naming_the_column() -> None:
    frame = kp.from_documents([_doc(n) for n in NIPS])
    frame.loc[1, "employee.nip"] = "19900101 201503 3 001"
    frame.loc[2, "indicators[0].realization.value"] = "delapan"
    frame.loc[3, "employee.name"] = None
    out = kp.score(frame)
    assert len(out) == 4 and list(out.index) == [0, 1, 2, 3]
    assert _cell(out, 0, "error") is None and _cell(out, 0, "score") == Decimal("77.50")
    assert _cell(out, 1, "error").startswith("employee.nip: digit 15 (gender)")
    assert _cell(out, 2, "error") == "indicators[0].realization.value: not a number: 'delapan'"
    assert _cell(out, 3, "error") == "employee.name: required field missing"
    assert out.loc[1:, "score"].isna().all()
    assert len(kp.to_results(out)) == 1


def test_long_form_errors_name_the_column_and_row() -> None:
    frame = kp.from_documents([_doc(NIPS[0]), _doc(NIPS[1])], long="indicators")
    frame.loc[3, "indicators.realization.value"] = "x"
    frame.loc[1, "employee.name"] = "Someone Else"
    out = kp.score(frame)
    assert _cell(out, 0, "error").startswith("employee.name (row 1): differs between rows of one record")
    assert _cell(out, 2, "error") == "indicators.realization.value (row 3): not a number: 'x'"


def test_blank_cells_are_missing_not_zero() -> None:
    frame = kp.from_documents([_doc(NIPS[0])])
    frame["indicators[0].realization.value"] = [""]
    out = kp.score(frame)
    # the realisation is absent (None), and the rule refuses an unrealised indicator
    assert "not realised" in _cell(out, 0, "error")


def test_value_and_parts_together_are_a_clash() -> None:
    frame = kp.from_documents([_doc(NIPS[0])], long="indicators")
    frame.loc[1, "indicators.target"] = "3"
    out = kp.score(frame)
    assert "given both as one value and by its parts" in _cell(out, 0, "error")


def test_csv_is_read_as_text() -> None:
    text = "NIP,x\n199001012015031001,0.1000000000000000000000000001\n"
    frame = kp.read_csv(io.StringIO(text))
    assert _cell(frame, 0, "x") == "0.1000000000000000000000000001"
    assert _cell(frame, 0, "NIP") == "199001012015031001"


# --- results <-> frame -------------------------------------------------------------------


def test_results_round_trip_through_a_frame_and_keep_explaining() -> None:
    results = _one_by_one([_doc(NIPS[0]), _doc(NIPS[1], "3", "2.999")])
    frame = kp.from_results(results)
    back = kp.to_results(frame)
    for a, b in zip(back, results):
        _same(a, b)
    scored = kp.score(kp.from_documents([_doc(NIPS[0])]))
    assert kp.to_results(scored)[0].explain() == results[0].explain()
    assert kp.explain(scored, 0) == results[0].explain()


def test_explain_refuses_a_bad_row() -> None:
    frame = kp.from_documents([_doc(NIPS[0])])
    frame["employee.nip"] = ["1"]
    out = kp.score(frame)
    with pytest.raises(ValidationError, match="not scored"):
        kp.explain(out, 0)


# --- Hypothesis: any frame scores like its records one by one --------------------------

_decimal_text = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=3).map(str)


@st.composite
def _documents(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 6))
    docs = []
    for i in range(n):
        d = _doc(NIPS[i % len(NIPS)][:-3] + f"{i + 1:03d}", draw(_decimal_text), draw(_decimal_text))
        inds: list[dict[str, Any]] = d["indicators"]
        extra = draw(st.integers(0, 3))
        for j in range(extra):
            inds.append(
                {
                    "id": f"x{j}",
                    "target": draw(_decimal_text),
                    "weight": draw(st.sampled_from([None, "1", "2.5"])),
                    "realization": {"value": draw(_decimal_text)},
                }
            )
        for ind in inds:
            if ind.get("weight") is None:
                ind.pop("weight", None)
        docs.append(d)
    return docs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=_documents(), long=st.booleans())
def test_hypothesis_frames_score_like_one_by_one(docs: list[dict[str, Any]], long: bool) -> None:
    frame = kp.from_documents(copy.deepcopy(docs), long="indicators" if long else None)
    out = kp.score(frame)
    results = kp.to_results(out)
    assert len(results) == len(docs)
    for got, want in zip(results, _one_by_one(docs)):
        _same(got, want)


# --- PermenPANRB 6/2022 and the bundled example agency -----------------------------------

CSV = "tests/data/unit_bad_rows.csv"
CSV_COLUMNS = {
    "NIP": "employee.nip",
    "Nama": "employee.name",
    "Unit": "employee.unit",
    "Periode Mulai": "period.start",
    "Periode Selesai": "period.end",
    "ID RHK": "rhk.id",
    "RHK": "rhk.uraian",
    "ID Indikator": "rhk.indicators.id",
    "Indikator": "rhk.indicators.name",
    "Target": "rhk.indicators.target",
    "Satuan": "rhk.indicators.satuan",
    "Realisasi": "rhk.indicators.realization",
    "Rating Hasil Kerja": "hasil_kerja",
    "Rating Perilaku Kerja": "perilaku_kerja",
}


def _demo_documents() -> list[dict[str, Any]]:
    from kinerja.reporting import demo_data

    return [d for u in demo_data()["units"] for d in u["documents"]]


@pytest.mark.parametrize("long", [None, "rhk", "rhk.indicators"])
def test_bundled_example_frame_scores_like_one_by_one(long: str | None) -> None:
    frame = kp.read_agency(long=long)
    assert {"unit", "org_predikat"} <= set(frame.columns)
    out = kp.score(frame)
    assert out["error"].isna().all()
    docs = _demo_documents()
    got = kp.to_results(out)
    assert len(got) == len(docs) == 25
    for a, b in zip(got, _one_by_one(docs)):
        _same(a, b)


def test_csv_with_three_bad_rows_marks_them_and_scores_the_rest() -> None:
    frame = kp.read_csv(CSV)
    out = kp.score(frame, "permenpanrb-6-2022", CSV_COLUMNS)
    assert len(out) == 8  # eight employees, two indicator rows each; nobody dropped
    errors = out.set_index("Nama")["error"]
    assert errors["Andi Pratama"].startswith("NIP (row 10): a NIP has exactly 18 digits")
    assert errors["Rina Marlina"].startswith("Rating Hasil Kerja (row 12): the rating hasil kerja is required")
    assert errors["Hendra Gunawan"] == "Realisasi (row 14): not a number: 'empat'"
    assert errors.drop(["Andi Pratama", "Rina Marlina", "Hendra Gunawan"]).isna().all()
    scored = out[out["error"].isna()]
    assert list(scored["predikat"].astype(str)) == ["Baik", "Sangat Baik", "Baik", "Butuh Perbaikan", "Baik"]
    # the bad rows still say who and which unit, as given, so unit summaries count them
    assert list(out.loc[out["error"].notna(), "unit"]) == ["Bidang Perencanaan"] * 3
    counts = kp.predikat_counts(out)
    assert _cell(counts, "Bidang Perencanaan", "errors") == 3 and _cell(counts, "Bidang Perencanaan", "total") == 5


def test_predikat_and_ratings_are_ordered_categoricals() -> None:
    out = kp.score(kp.read_agency())
    assert isinstance(out["predikat"].dtype, pd.CategoricalDtype) and out["predikat"].cat.ordered
    assert list(out["predikat"].cat.categories) == [
        "Sangat Kurang",
        "Kurang/Misconduct",
        "Butuh Perbaikan",
        "Baik",
        "Sangat Baik",
    ]
    assert out["hasil_kerja"].cat.ordered and out["hasil_kerja"].cat.categories[0] == "Di Bawah Ekspektasi"
    ordered = out.sort_values("predikat", ascending=False)["predikat"].astype(str).tolist()
    assert ordered[0] == "Sangat Baik" and ordered[-1] == "Butuh Perbaikan"
    assert (out["predikat"] >= "Baik").sum() == len(out) - (out["predikat"] == "Butuh Perbaikan").sum()
    groups = out.groupby("predikat", observed=False).size()
    assert list(groups.index) == kp.categories("predikat")


def test_unit_summary_of_the_bundled_example() -> None:
    from kinerja.distribution import check_distribution

    out = kp.score(kp.read_agency())
    summary = kp.unit_summary(out)
    units = ["Sekretariat", "Bidang Perencanaan Ekonomi", "Bidang Infrastruktur dan Kewilayahan"]
    assert list(summary.counts.index) == units
    assert summary.stats is None  # PermenPANRB 6/2022 has no numeric score, by design
    for u in units:
        mine = out[out["unit"] == u]
        want = check_distribution(mine["org_predikat"].iloc[0], list(mine["predikat"].astype(str)))
        assert summary.curve[u] is not None and summary.curve[u].to_json() == want.to_json()
        assert _cell(summary.counts, u, "total") == len(mine)
        shares = summary.shares.loc[u]
        assert sum(shares) == Decimal(100) and all(isinstance(x, Decimal) for x in shares)
    assert summary.curve["Bidang Infrastruktur dan Kewilayahan"].holds is False
    assert summary.table().loc["Sekretariat", "curve"] == "complies"
    text = str(summary)
    assert "Bidang Infrastruktur dan Kewilayahan" in text and "curve rules broken" in text
    assert summary._repr_html_().startswith("<table class='kinerja-unit-summary'>")


def _ratio_frame(scores: dict[str, list[tuple[str, str]]]) -> pd.DataFrame:
    """A test-ratio frame: per unit, (nip, realisasi) with target 100, so the score is the realisasi."""
    docs, units = [], []
    for unit, people in scores.items():
        for nip, realisasi in people:
            d = _doc(nip, "100", realisasi)
            d["indicators"] = d["indicators"][:1]
            docs.append(d)
            units.append(unit)
    frame = kp.from_documents(docs)
    frame.insert(0, "unit", units)
    return frame


def test_score_stats_and_rank_within_units() -> None:
    # worked by hand: unit A scores 80 and 90 (mean 85, median 85), unit B 70 and 70 and 100 (mean 80, median 70);
    # A ranks 1st of 2 units, B 2nd; percentiles (mid-rank) 75 and 25.
    out = kp.score(
        _ratio_frame(
            {
                "A": [(NIPS[0], "80"), (NIPS[1], "90")],
                "B": [(NIPS[2], "70"), (NIPS[3], "70"), ("199505052020121009", "100")],
            }
        )
    )
    stats = kp.score_stats(out)
    assert _cell(stats, "A", "mean") == Decimal(85) and _cell(stats, "A", "median") == Decimal(85)
    assert _cell(stats, "B", "mean") == Decimal(80) and _cell(stats, "B", "median") == Decimal(70)
    assert (_cell(stats, "A", "rank"), _cell(stats, "B", "rank")) == (Decimal(1), Decimal(2))
    assert (_cell(stats, "A", "percentile"), _cell(stats, "B", "percentile")) == (Decimal(75), Decimal(25))
    ranked = kp.rank_within(out)
    # B: 100 first; the two 70s share the average of ranks 2 and 3 (TiePolicy.average)
    assert list(ranked["rank_in_unit"]) == [Decimal(2), Decimal(1), Decimal("2.5"), Decimal("2.5"), Decimal(1)]
    summary = kp.unit_summary(out)
    assert summary.stats is not None and summary.table().loc["B", "rank"] == Decimal(2)


def test_change_between_two_periods() -> None:
    before = kp.score(_ratio_frame({"A": [(NIPS[0], "80"), (NIPS[1], "90")]}))
    after = kp.score(_ratio_frame({"A": [(NIPS[0], "100"), (NIPS[1], "90")], "B": [(NIPS[2], "50")]}))
    moved = kp.change(before, after, score="score")
    # worked by hand: the mean of A goes from 85 to 95: +10, +11.76470588… %
    assert _cell(moved, "A", "mean change") == Decimal(10)
    assert str(_cell(moved, "A", "mean change %")).startswith("11.7647058823")
    assert _cell(moved, "B", "mean before") is None and _cell(moved, "B", "mean after") == Decimal(50)
    per = kp.employee_change(before, after, score="score")
    assert _cell(per, NIPS[0], "score change") == Decimal(20)
    assert pd.isna(_cell(per, NIPS[2], "score before"))
    summary = kp.unit_summary(after, previous=before)
    assert summary.change is not None and _cell(summary.change, "A", "mean change") == Decimal(10)


def test_employee_change_counts_predikat_steps() -> None:
    frame = kp.read_agency()
    before = kp.score(frame)
    worse = frame.copy()
    worse.loc[0, "perilaku_kerja"] = "Di Bawah Ekspektasi"
    after = kp.score(worse)
    per = kp.employee_change(before, after)
    first = str(_cell(before, 0, "subject"))
    assert _cell(per, first, "steps") < 0
    assert (per.drop(index=first)["steps"] == 0).all()


def test_results_of_the_current_regime_round_trip_through_a_frame() -> None:
    results = _one_by_one(_demo_documents())
    frame = kp.from_results(results)
    assert frame["hasil_kerja"].cat.ordered
    for a, b in zip(kp.to_results(frame), results):
        _same(a, b)


def test_report_from_a_frame_lists_bad_rows_too() -> None:
    out = kp.score(kp.read_csv(CSV), "permenpanrb-6-2022", CSV_COLUMNS)
    page = kp.report(out, org_predikat="Baik", agency="Dinas Contoh")
    assert page.count("<details") == 8 and page.count("not scored:") == 3
    assert "complies with the curve" in page
    one = kp.report(out, employee="199001012015031001")
    assert "Budi Santoso" in one and "Siti Rahmawati" not in one


@st.composite
def _rated_documents(draw: st.DrawFn) -> list[dict[str, Any]]:
    docs = _demo_documents()
    picked = draw(st.lists(st.sampled_from(range(len(docs))), min_size=1, max_size=8, unique=True))
    ratings = st.sampled_from(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"])
    out = []
    for i in picked:
        d = copy.deepcopy(docs[i])
        if not d.get("kepala_unit"):
            d["hasil_kerja"] = draw(ratings)
        d["perilaku_kerja"] = draw(ratings)
        out.append(d)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=_rated_documents(), long=st.sampled_from([None, "rhk.indicators"]))
def test_hypothesis_current_regime_frames_score_like_one_by_one(docs: list[dict[str, Any]], long: str | None) -> None:
    out = kp.score(kp.from_documents(copy.deepcopy(docs), long=long))
    results = kp.to_results(out)
    assert len(results) == len(docs)
    for got, want in zip(results, _one_by_one(docs)):
        _same(got, want)


def test_wide_form_with_positions_in_the_mapping() -> None:
    frame = pd.DataFrame(
        {
            "NIP": ["198503142010012003", "199001012015031001"],
            "Nama": ["Siti", "Budi"],
            "Mulai": ["2024-01-01"] * 2,
            "Selesai": ["2024-12-31"] * 2,
            "IKI 1": ["iki-1", "iki-1"],
            "Target 1": ["4", "4"],
            "Realisasi 1": ["4", "3"],
            "IKI 2": ["iki-2", None],  # Budi has one indicator: the second is left blank
            "Target 2": ["100", None],
            "Realisasi 2": ["95", None],
            "HK": ["Sesuai", "Di Bawah"],
            "PK": ["Sesuai", "Sesuai"],
        }
    )
    cols = {"NIP": "employee.nip", "Nama": "employee.name", "Mulai": "period.start", "Selesai": "period.end"}
    for n in (1, 2):
        cols[f"IKI {n}"] = f"rhk[0].indicators[{n - 1}].id"
        cols[f"Target {n}"] = f"rhk[0].indicators[{n - 1}].target"
        cols[f"Realisasi {n}"] = f"rhk[0].indicators[{n - 1}].realization"
    frame["RHK"] = "rhk-1"
    cols.update({"RHK": "rhk[0].id", "HK": "hasil_kerja", "PK": "perilaku_kerja"})
    docs = kp.to_documents(frame, "permenpanrb-6-2022", cols)
    assert [len(d["rhk"][0]["indicators"]) for d in docs] == [2, 1]
    out = kp.score(frame, "permenpanrb-6-2022", cols)
    assert list(out["predikat"].astype(str)) == ["Baik", "Butuh Perbaikan"]
    for a, b in zip(kp.to_results(out), _one_by_one(docs)):
        _same(a, b)
    frame.loc[1, "Realisasi 1"] = "x"
    assert kp.score(frame, "permenpanrb-6-2022", cols).loc[1, "error"] == "Realisasi 1: not a number: 'x'"


def test_the_period_chooses_the_regime_when_none_is_named() -> None:
    frame = kp.read_agency().drop(columns=["regime"])
    frame.loc[1, "period.start"] = "kemarin"
    out = kp.score(frame)
    assert _cell(out, 0, "rule") == "permenpanrb-6-2022" and _cell(out, 0, "error") is None
    assert _cell(out, 1, "error").startswith("period.start: expected an ISO date")


def test_input_columns_named_like_results_merge_or_step_aside() -> None:
    frame = kp.read_agency()
    out = kp.score(frame)
    assert "unit_input" not in out.columns  # the agency's unit names agree with employee.unit
    frame["predikat"] = "Baik"  # e.g. the predikat SIASN reported, to compare with
    out = kp.score(frame)
    assert "predikat_input" in out.columns and out["predikat"].cat.ordered
    assert (out["predikat_input"] == "Baik").all()
    only = kp.score(frame, keep=["org_predikat"])
    assert list(only.columns[:2]) == ["org_predikat", "rule"] and "employee.nip" not in only.columns
