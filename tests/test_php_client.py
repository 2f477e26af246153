"""The PHP client example (clients/php/kinerja_client.php) against a running ``kinerja serve`` (issue 17).

It needs ``php`` with the curl extension (Debian: ``apt-get install php-cli php-curl``; ``.ci/run``
installs them); without them this test skips and says so.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest

import kinerja
from serving import running_server

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLIENT = ROOT / "clients" / "php" / "kinerja_client.php"


def _php() -> str:
    php = shutil.which("php")
    if php is None:
        pytest.skip("php is not installed (apt-get install php-cli php-curl); .ci/run installs it")
    has_curl = subprocess.run([php, "-r", "exit(function_exists('curl_init') ? 0 : 1);"], check=False)
    if has_curl.returncode != 0:
        pytest.skip("php has no curl extension (apt-get install php-curl); .ci/run installs it")
    return php


def test_the_php_example_scores_one_document_a_batch_and_prints_the_problems(tmp_path: pathlib.Path) -> None:
    php = _php()
    with running_server(tmp_path, env={"KINERJA_TOKEN": "php-example-token"}) as server:
        refused = subprocess.run([php, str(CLIENT), server.url], capture_output=True, text=True, timeout=60)
        done = subprocess.run(
            [php, str(CLIENT), server.url],
            capture_output=True,
            text=True,
            timeout=60,
            env={"KINERJA_TOKEN": "php-example-token", "PATH": "/usr/bin:/bin"},
        )
    assert refused.returncode == 1  # no token: refused, and the example says why
    assert refused.stderr.startswith("refused (HTTP 401)\n  (document): request.unauthorized - ")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    bad = {
        "regime": "permenpanrb-6-2022",
        "employee": {"nip": "19900101", "name": "Tanpa Periode"},
        "hasil_kerja": "Tinggi",
    }
    with pytest.raises(kinerja.ValidationError) as err:
        kinerja.evaluate(bad)
    problems = [f"  {p.path}: {p.code} - {p.message}" for p in err.value.problems]
    assert [p.code for p in err.value.problems] == ["nip.format", "field.missing", "label.unknown"]
    assert lines == [
        "one document: 199001012015031001 BAIK",  # Di Atas x Sesuai Ekspektasi (PermenPANRB 6/2022 matrix)
        "batch line 1: 199001012015031001 BAIK",
        "batch line 2: refused",
        *problems,
        "batch line 3: 198507142010012002 SANGAT_BAIK",  # Di Atas x Di Atas
        "bad document: HTTP 422",
        *problems,
    ]
