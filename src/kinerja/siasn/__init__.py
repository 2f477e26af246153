"""SIASN interchange: kinerja results to and from the national register's appraisal records.

SIASN (Sistem Informasi ASN, BKN) keeps appraisal results in four records,
mirrored field for field by the open-source Laravel package
``kanekescom/laravel-siasn-simpeg`` (spec ``siasn.md``). Every field is a nullable
**string**; numbers are decimal text. The field names below are exactly SIASN's,
including its spellings (``PerilakuKerjaNilai`` with a capital P in ``rw_skp22``,
``koefisenId``, ``bulanMulaiPenailan``):

=====================  =================================================================
``rw_skp``             one row per PNS and year: PP 46/2011 (2014 – June 2021), the
                       PP 30/2019 / PermenPANRB 8/2021 half of 2021, the 2021 integration
``rw_skp22``           one row per employee and year, PermenPANRB 6/2022 (annual)
``rw_kinerjaperiodik`` one row per employee and period, PermenPANRB 6/2022 (periodic)
``rw_angkakredit``     angka kredit awarded (PermenPANRB 1/2023 konversi and earlier)
=====================  =================================================================

* :func:`to_siasn` turns a :class:`~kinerja.result.Result` (or, for
  ``rw_angkakredit``, :class:`~kinerja.policies.angka_kredit.AngkaKreditFacts`)
  into a record: a ``dict`` with every field of the table, numbers as decimal
  strings (rounded as the regime displays them), ``None`` where kinerja has no
  value. Identity and assessor fields (``id``, ``pnsDinilaiId``, ``namaPenilai``…)
  are passed as keyword arguments under their SIASN names.
* :func:`from_siasn` reads a record strictly, like every kinerja loader: an
  unknown field, a value that is not text, a number that is not a decimal or is
  negative (scores, percentages and angka kredit never are), a ``tanggalSk`` that
  is not a real ``dd-mm-yyyy`` (or ISO) date, a label no enumeration knows — each
  is a :class:`~kinerja.errors.ValidationError`
  problem with the field as its path. An empty string counts as absent (SIASN
  exports write ``""`` for null), and the record keeps every value verbatim, so
  ``from_siasn(r, t).to_siasn() == r`` for every valid record.
* :func:`audit` re-scores stored rows with kinerja and lists every stored value
  that disagrees (a BKD auditing historical data), without stopping at bad rows.

**Codes whose meaning is not public.** SIASN stores several values twice, as a
label and as a code: ``hasilKinerja`` / ``hasilKinerjaNilai``, ``perilakuKerja`` /
``PerilakuKerjaNilai``, ``kuadranKinerja`` / ``KuadranKinerjaNilai`` (and in
``rw_kinerjaperiodik`` the codes ``kuadranKinerjaNilai``, ``kuadranNilai``,
``koefisenId``), plus ``jenisPeraturanKinerjaKd`` and ``jenisJabatan`` in
``rw_skp``. BKN does not publish the code tables. kinerja therefore reads the
**labels** and keeps every code beside its label, verbatim; it never infers a
meaning from a code. When you know your instance's codes, pass a
:class:`SiasnCodes` table: :func:`to_siasn` then writes the codes and
:func:`audit` checks them against the labels. :data:`OBSERVED_CODES` is what one
third-party SIASN client uses (``hasilKinerjaNilai``/``perilakuKerjaNilai``
1 = Di Atas, 2 = Sesuai, 3 = Di Bawah Ekspektasi; kuadran 1 = Sangat Baik,
2 = Baik, 5 = Sangat Kurang — that client gives code 3 to both Butuh Perbaikan
and Kurang/Misconduct cells, so those two are left out) [C1, unverified].

>>> rec = from_siasn({"id": "a1", "tahun": "2023", "hasilKinerja": "Diatas Ekspektasi",
...                   "perilakuKerja": "Sesuai Ekspektasi", "kuadranKinerja": "Baik"}, "rw_skp22")
>>> rec.hasil_kerja.label, rec.predikat.label, rec["hasilKinerjaNilai"] is None
('Di Atas Ekspektasi', 'Baik', True)
"""

from kinerja.siasn import records
from kinerja.siasn.export import to_siasn
from kinerja.siasn.records import *  # noqa: F403 (the records' public names, listed once in records.__all__)
from kinerja.siasn.rescoring import Finding, audit, iter_audit, rescore

__all__ = [*records.__all__, "Finding", "audit", "iter_audit", "rescore", "to_siasn"]
