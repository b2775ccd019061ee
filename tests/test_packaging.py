"""The wheel carries the built-in term packs: build it, install it in a fresh venv, run `cxlint rules`."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from helpers import ROOT


def test_wheel_installs_and_finds_its_term_packs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = dist.glob("cxlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(n for n in names if n.startswith("cxlint/packs/") and n.endswith(".yaml"))
    shipped = sorted(f"cxlint/packs/{p.name}" for p in (ROOT / "terms").glob("*.yaml"))
    assert packs == shipped and packs

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(wheel)], check=True, capture_output=True, timeout=600)
    # Run from an unrelated folder so nothing can come from the source checkout.
    result = subprocess.run([str(venv / "bin" / "cxlint"), "rules"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    codes = {line.split("\t")[0] for line in result.stdout.splitlines()}
    assert "CX201" in codes or any(c.startswith("CX2") for c in codes)
