"""The column mapping of a user's own appraisal table: which column holds what kinerja needs.

A JSON object (``kinerja audit --mapping FILE``)::

    {
      "table": "penilaian_kegiatan",
      "key": "id",                       row key, quoted in every finding
      "nip": "nip", "year": "tahun",     the appraised employee and the appraisal year
      "unit": "unit_kerja",              optional: grouping for the "worst units" table
      "rule": "pp-46-2011",              optional: else the rule in force for the year
      "aspects": {"kuantitas_target": "to_target", "kuantitas_realisasi": "ro", ...},
      "results": {"capaian": "nilai_capaian", "waktu": "nilai_waktu", ...}
    }

``aspects`` names the inputs (:data:`ASPECTS`), ``results`` the stored results the audit
checks (:data:`RESULTS`); each maps a kinerja name to a column of ``table``. The audit only
reads: ``"access"`` may be ``"read"`` and nothing else, and a mapping that asks for any kind
of write (``write``, ``update``, ``write_back``, an ``output_table``…) is refused with
``audit.mapping_write`` — kinerja never issues a write statement.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import attrs

from kinerja.errors import Problems, ValidationError

__all__ = ["ASPECTS", "RESULTS", "RULES", "WRITE_KEYS", "ColumnMapping", "load_mapping", "parse_mapping"]

ASPECTS: Final[Mapping[str, str]] = {
    "kuantitas_target": "PP 46/2011 kegiatan: kuantitas target (TO)",
    "kuantitas_realisasi": "PP 46/2011 kegiatan: kuantitas realisasi (RO)",
    "kualitas_target": "PP 46/2011 kegiatan: kualitas target (TK)",
    "kualitas_realisasi": "PP 46/2011 kegiatan: kualitas realisasi (RK)",
    "waktu_target": "PP 46/2011 kegiatan: waktu target (TW, months)",
    "waktu_realisasi": "PP 46/2011 kegiatan: waktu realisasi (RW)",
    "biaya_target": "PP 46/2011 kegiatan: biaya target (TB, rupiah; NULL or 0 = no budget)",
    "biaya_realisasi": "PP 46/2011 kegiatan: biaya realisasi (RB)",
    "nilai_skp": "nilai capaian SKP (PP 46/2011) or Nilai SKP (PermenPANRB 8/2021)",
    "nilai_perilaku": "nilai perilaku kerja, when the elements are not stored",
    "orientasi_pelayanan": "perilaku element (PP 46/2011)",
    "integritas": "perilaku element (PP 46/2011)",
    "komitmen": "perilaku element (PP 46/2011)",
    "disiplin": "perilaku element (PP 46/2011)",
    "kerja_sama": "perilaku element (PP 46/2011)",
    "kepemimpinan": "perilaku element, pejabat struktural only (NULL or 0 = not scored)",
    "hasil_kerja": "PermenPANRB 6/2022: rating hasil kerja (label)",
    "perilaku_kerja": "PermenPANRB 6/2022: rating perilaku kerja (label)",
}
"""The inputs a mapping may name (kinerja name → meaning)."""

RESULTS: Final[Mapping[str, str]] = {
    "kuantitas": "PP 46/2011 kegiatan: kuantitas value (RO / TO x 100)",
    "kualitas": "PP 46/2011 kegiatan: kualitas value (RK / TK x 100)",
    "waktu": "PP 46/2011 kegiatan: waktu value (1.76 / 24 % / 76 rule)",
    "biaya": "PP 46/2011 kegiatan: biaya value (1.76 / 24 % / 76 rule)",
    "capaian": "PP 46/2011 kegiatan: capaian (perhitungan / 3, or / 4 with biaya)",
    "jumlah_perilaku": "sum of the perilaku elements",
    "nilai_perilaku": "nilai perilaku kerja (mean of the elements)",
    "nilai_prestasi_kerja": "nilai prestasi kerja (60/40; 70/30 or 60/40 in the PP 30/2019 half of 2021)",
    "sebutan": "PP 46/2011 sebutan of the nilai prestasi kerja",
    "predikat": "PermenPANRB 6/2022 predikat (kuadran) from the two ratings",
}
"""The stored results a mapping may ask the audit to check (kinerja name → meaning)."""

RULES: Final = ("pp-46-2011", "permenpanrb-8-2021", "permenpanrb-6-2022")
"""The rules a mapping may fix (else the rule in force for the row's year)."""

WRITE_KEYS: Final = frozenset(
    {
        "write",
        "writes",
        "update",
        "insert",
        "delete",
        "upsert",
        "fix",
        "correct",
        "write_back",
        "writeback",
        "output_table",
        "target_table",
        "on_mismatch",
    }
)
"""Mapping keys that would ask the audit to change the database: always refused."""

_KEYS: Final = frozenset({"table", "key", "nip", "year", "unit", "rule", "aspects", "results", "access", "comment"})


@attrs.frozen
class ColumnMapping:
    """A validated column mapping (see the module docstring); build it with :func:`parse_mapping`."""

    table: str
    key: str
    year: str | None = None
    nip: str | None = None
    unit: str | None = None
    rule: str | None = None
    aspects: Mapping[str, str] = attrs.field(factory=dict)
    results: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the audit reads, each once, in a stable order."""
        named = [self.key, self.year, self.nip, self.unit, *self.aspects.values(), *self.results.values()]
        return tuple(dict.fromkeys(c for c in named if c is not None))


def _column(ps: Problems, path: str, value: object, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 128:
        ps.add(path, f"expected a column name, got {value!r}", "audit.mapping")
        return None
    return value


def _names(ps: Problems, path: str, value: object, known: Mapping[str, str]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        ps.add(path, "expected an object {kinerja name: column}", "audit.mapping")
        return {}
    out: dict[str, str] = {}
    for name, column in value.items():
        if name not in known:
            ps.add(f"{path}.{name}", f"unknown name; expected one of {', '.join(known)}", "audit.mapping")
            continue
        col = _column(ps, f"{path}.{name}", column, required=True)
        if col is not None:
            out[str(name)] = col
    return out


def _refuse_writes(ps: Problems, data: Mapping[str, Any]) -> None:
    for key in data:
        if str(key).lower() in WRITE_KEYS:
            ps.add(
                str(key), "the audit only reads the database; a mapping cannot ask it to write", "audit.mapping_write"
            )
    access = data.get("access", "read")
    if access != "read":
        ps.add("access", f'the audit only reads: "access" must be "read", got {access!r}', "audit.mapping_write")


def parse_mapping(data: object) -> ColumnMapping:
    """Validate a mapping object; every problem at once (``audit.mapping``, ``audit.mapping_write``).

    >>> m = parse_mapping({"table": "skp", "key": "id", "year": "tahun",
    ...                    "aspects": {"nilai_skp": "skp", "nilai_perilaku": "perilaku"},
    ...                    "results": {"nilai_prestasi_kerja": "npk"}})
    >>> m.columns
    ('id', 'tahun', 'skp', 'perilaku', 'npk')
    >>> parse_mapping({"table": "skp", "key": "id", "year": "tahun", "results": {"sebutan": "s"}, "write_back": True})
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: write_back: the audit only reads the database; a mapping cannot ask it to write
    """
    if not isinstance(data, Mapping):
        raise ValidationError.one("", "a column mapping is a JSON object", "audit.mapping")
    ps = Problems()
    _refuse_writes(ps, data)
    for key in data:
        if key not in _KEYS and str(key).lower() not in WRITE_KEYS:
            ps.add(str(key), "unknown key of a column mapping", "audit.mapping")
    table = _column(ps, "table", data.get("table"), required=True)
    key = _column(ps, "key", data.get("key"), required=True)
    rule = data.get("rule")
    if rule is not None and rule not in RULES:
        ps.add("rule", f"expected one of {', '.join(RULES)}, got {rule!r}", "audit.mapping")
    results = _names(ps, "results", data.get("results"), RESULTS)
    if not data.get("results"):
        ps.add("results", "name at least one stored result to check", "audit.mapping")
    mapping = ColumnMapping(
        table=table or "",
        key=key or "",
        year=_column(ps, "year", data.get("year")),
        nip=_column(ps, "nip", data.get("nip")),
        unit=_column(ps, "unit", data.get("unit")),
        rule=rule if isinstance(rule, str) else None,
        aspects=_names(ps, "aspects", data.get("aspects"), ASPECTS),
        results=results,
    )
    if mapping.year is None and mapping.rule is None:
        ps.add("year", "name the year column or fix the rule: the rule in force depends on the period", "audit.mapping")
    ps.raise_if_any()
    return mapping


def load_mapping(path: str) -> ColumnMapping:
    """Read and validate a mapping file (UTF-8 JSON)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError.one("", f"cannot read the mapping file {path}: {exc}", "audit.mapping") from None
    return parse_mapping(data)
