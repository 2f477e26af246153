#!/usr/bin/env python3
"""Write and execute the analyst notebook, ``docs/analyst.ipynb`` (issue 18).

The notebook is the short path of ``docs/analyst.md`` as a Jupyter user walks it: an
Indonesian CSV scored with ``kinerja.pandas``, the unit against its curve, the picture
(shown inline by its ``_repr_png_``, with no ``%matplotlib`` magic), the shares rounded
for display, and the report. It is executed here with ``nbclient`` on a fresh kernel
and saved with its outputs, so the committed file shows what a reader sees.

Usage: ``python scripts/build_notebook.py [--check]`` (needs ``pip install "kinerja[notebook]"``;
``--check`` executes into a temporary file and fails unless an inline image came out).
"""

from __future__ import annotations

import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "analyst.ipynb"

CELLS: list[tuple[str, str]] = [
    (
        "markdown",
        "# Analisis kinerja satu unit kerja dengan kinerja\n\n"
        "Sebuah unit kerja mengekspor SKP (PermenPANRB 6/2022) sebagai CSV berformat Indonesia: "
        "pemisah `;`, tanda byte-order Excel, tanggal `dd/mm/yyyy`. `kinerja.tabular` membacanya "
        'dengan `locale="id"`, tanpa menebak.',
    ),
    (
        "code",
        "import pathlib\n"
        "import tempfile\n\n"
        "import kinerja.pandas as kp\n"
        "from kinerja import plot, tabular\n\n"
        "work = pathlib.Path(tempfile.mkdtemp())\n"
        "rows = [\n"
        "    ('198503142010012003', 'Siti Rahmawati', 'Sesuai', 'Sesuai'),\n"
        "    ('199001012015031001', 'Budi Santoso', 'Di Atas', 'Di Atas'),\n"
        "    ('198709222011011004', 'Agus Wijaya', 'Sesuai', 'Di Atas'),\n"
        "    ('199205172019032006', 'Dewi Lestari', 'Di Bawah', 'Sesuai'),\n"
        "    ('198811302012121002', 'Rudi Hartono', 'Sesuai', 'Sesuai'),\n"
        "    ('198402102010012001', 'Rina Kartika', 'Sesuai', 'Sesuai'),\n"
        "]\n"
        "header = 'regime;employee.nip;employee.name;employee.unit;period.start;period.end;hasil_kerja;perilaku_kerja'\n"
        "lines = [header] + [\n"
        "    f'permenpanrb-6-2022;{nip};{name};Bidang Perencanaan;01/01/2024;31 Desember 2024;{hk};{pk}'\n"
        "    for nip, name, hk, pk in rows\n"
        "]\n"
        "path = work / 'bidang-perencanaan.csv'\n"
        "path.write_bytes(b'\\xef\\xbb\\xbf' + '\\r\\n'.join(lines).encode('utf-8'))\n"
        "scored = tabular.score_file(path, locale='id')\n"
        "scored.ok, len(scored.results)",
    ),
    ("code", "out = scored.results\nout[['subject', 'period', 'hasil_kerja', 'perilaku_kerja', 'predikat']]"),
    (
        "markdown",
        "## Unit kerja terhadap kurva distribusi (SE MenPANRB 3/2023)\n\n"
        "Porsi ditampilkan dibulatkan dua desimal; nilai tepatnya tetap tersedia (`.exact`).",
    ),
    (
        "code",
        "shares = kp.predikat_shares(kp.predikat_counts(out))\nshares",
    ),
    ("code", "share = shares.loc['Bidang Perencanaan', 'Baik']\nstr(share), share.exact"),
    (
        "markdown",
        "Gambar kurva tampil langsung di bawah sel, tanpa `%matplotlib inline`: setiap fungsi "
        "`kinerja.plot` mengembalikan `Chart`, sebuah `Figure` matplotlib dengan `_repr_png_`.",
    ),
    (
        "code",
        "summary = kp.unit_summary(out, org_predikat='Baik')\n"
        "plot.curve(summary.curve['Bidang Perencanaan'], title='Bidang Perencanaan')",
    ),
    (
        "markdown",
        "## Laporan\n\nLaporan HTML dalam Bahasa Indonesia (`lang='en'` untuk bahasa Inggris), "
        "dengan usulan kalibrasi bila unit kerja tidak memenuhi kurva.",
    ),
    (
        "code",
        "page = kp.report(out, work / 'laporan.html', org_predikat='Baik', agency='Bappeda Sukamaju')\n"
        "'Pegawai' in page, page.count('<details')",
    ),
]


def build() -> object:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(src) if kind == "markdown" else nbformat.v4.new_code_cell(src)
        for kind, src in CELLS
    ]
    return nb


def execute(target: pathlib.Path) -> object:
    import nbformat
    from nbclient import NotebookClient

    nb = build()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    nbformat.write(nb, str(target))
    return nb


def inline_images(nb: object) -> int:
    """How many code-cell outputs carry a PNG image (what Jupyter shows inline)."""
    cells = getattr(nb, "cells", None) or nb["cells"]  # type: ignore[index]
    return sum(
        1 for c in cells if c["cell_type"] == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    )


def main(argv: list[str]) -> int:
    if "--check" in argv:
        with tempfile.TemporaryDirectory() as tmp:
            nb = execute(pathlib.Path(tmp) / "analyst.ipynb")
    else:
        nb = execute(TARGET)
    found = inline_images(nb)
    print(f"{found} inline image(s)")
    return 0 if found else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
