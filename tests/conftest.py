"""Shared fixtures: a tiny rule used to test the generic machinery independently of any regulation."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

import attrs
import pytest

from kinerja import rules
from kinerja.aggregation import Item, WeightedMean
from kinerja.explain import Explanation, Source, Step, Trace
from kinerja.indicators import capaian
from kinerja.model import Employee, Indicator, Period
from kinerja.result import OutputField, Result

SOURCE = Source("kinerja test suite", "dummy rule", "D")


@attrs.frozen
class RatioDoc:
    employee: Employee
    period: Period
    indicators: tuple[Indicator, ...]


class RatioRule:
    """Score = weighted mean of the indicators' capaian (a test rule, not a regulation)."""

    info = rules.RuleInfo(
        name="test-ratio",
        kind="scheme",
        title="test rule",
        version="1",
        valid_from=dt.date(2000, 1, 1),
        valid_to=None,
        selectable=False,
    )
    document_type = RatioDoc
    outputs = (OutputField("score", "decimal", "weighted mean capaian"),)

    def _run(self, doc: RatioDoc, trace: Trace) -> Decimal:
        items = [
            Item(f"indicators[{i}]", capaian(ind), ind.weight or Decimal(1)) for i, ind in enumerate(doc.indicators)
        ]
        agg = WeightedMean().aggregate(items)
        if trace is not None:
            trace.append(Step("weighted mean", SOURCE, {"n": len(items)}, agg.value))
        return agg.value

    def evaluate(self, doc: RatioDoc) -> Result:
        return Result(
            "test-ratio",
            "1",
            doc.employee.nip.digits,
            doc.period.label,
            {"score": self._run(doc, None)},
            explainer=functools.partial(self.explain, doc),
        )

    def explain(self, doc: RatioDoc) -> Explanation:
        trace: list[Step] = []
        self._run(doc, trace)
        return Explanation("test", tuple(trace))


RATIO_RULE = rules.register(RatioRule(), replace=True)


def ratio_doc(nip: str = "199001012015031001", target: object = "10", realisasi: object = "8") -> dict[str, object]:
    return {
        "regime": "test-ratio",
        "employee": {"nip": nip, "name": "Budi Santoso"},
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "indicators": [
            {"id": "dok", "name": "Dokumen", "target": target, "realization": {"value": realisasi}},
            {
                "id": "err",
                "target": {"low": "2", "high": "4"},
                "direction": "LOWER_IS_BETTER",
                "realization": {"value": "5"},
            },
        ],
    }


@pytest.fixture
def good_doc() -> dict[str, object]:
    return ratio_doc()


EKS = ("DI_ATAS", "SESUAI", "DI_BAWAH")


def skp_doc(i: int) -> dict[str, object]:
    """A valid PermenPANRB 6/2022 document, varied by *i* (all nine matrix cells occur)."""
    return {
        "regime": "permenpanrb-6-2022",
        "employee": {"nip": f"1990010120150310{(i % 90) + 10:02d}", "name": f"Pegawai {i}", "unit": f"Unit {i // 7}"},
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "rhk": [
            {
                "id": "rhk-1",
                "indicators": [{"id": "1.1", "target": str(10 + i % 5), "realization": {"value": str(8 + i % 7)}}],
            }
        ],
        "hasil_kerja": EKS[i % 3],
        "perilaku_kerja": EKS[(i // 3) % 3],
    }


@pytest.fixture(scope="module")
def dask_client():  # type: ignore[no-untyped-def]
    """A dask.distributed client of a LocalCluster of two worker processes (one per module that asks)."""
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()
