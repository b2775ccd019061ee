"""Shared test helpers: paths, a small pack independent of the built-in one, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI_PACK = FIXTURES / "mini-pack.yaml"


def run_cli(*args: str, cwd: str | Path | None = None, stdin: str | None = None, env: dict | None = None):
    """Run the real console entry point in a subprocess (as a user would)."""
    full_env = dict(os.environ)
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "cxlint", *args], cwd=cwd, input=stdin, capture_output=True, text=True,
        env=full_env, timeout=120,
    )


@pytest.fixture
def mini_pack() -> Path:
    return MINI_PACK
