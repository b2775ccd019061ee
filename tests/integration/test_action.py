"""The composite GitHub Action: its inputs, and its run step executed by bash as a runner would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import MINI_PACK, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
MISUSE = "We are hiring a Customer Experience Representative to answer calls.\n"


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s["name"] == name)


def test_inputs_and_shape():
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "format", "sarif-file"} <= set(ACTION["inputs"])
    assert ACTION["inputs"]["format"]["default"] == "github"
    assert '"${GITHUB_ACTION_PATH}[office,html,fast]"' in _step("Install cxlint")["run"]


def test_inputs_never_spliced_into_scripts():
    # ${{ inputs.x }} inside `run:` would let a path or option inject shell code.
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step["run"], step["name"]


def _run_step(tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess:
    """Run the action's "Run cxlint" step with a stand-in for the virtualenv the install step makes."""
    bin_dir = tmp_path / "runner-temp" / "cxlint-venv" / "bin"
    bin_dir.mkdir(parents=True)
    wrapper = bin_dir / "cxlint"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cxlint "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    step = _step("Run cxlint")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CXLINT_")}
    for key, expr in step["env"].items():
        name = expr.split("inputs.")[1].rstrip("} ").strip()
        env[key] = inputs.get(name.replace("-", "_"), str(ACTION["inputs"][name]["default"]))
    env["RUNNER_TEMP"] = str(tmp_path / "runner-temp")
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=tmp_path / "repo",
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_run_step_annotates_writes_sarif_and_fails(tmp_path):
    repo = tmp_path / "repo"
    (repo / "jobs").mkdir(parents=True)
    (repo / "jobs" / "night shift.txt").write_text(MISUSE, encoding="utf-8")
    (repo / "about.md").write_text("# About\n\nWe answer calls.\n", encoding="utf-8")
    proc = _run_step(tmp_path, paths="jobs\nabout.md", sarif_file="cxlint.sarif",
                     args=f"--no-builtin --pack {MINI_PACK}")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("::warning file=jobs/night shift.txt,line=1,col=17,")
    sarif = json.loads((repo / "cxlint.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "jobs/night%20shift.txt"


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_run_step_passes_below_fail_on(tmp_path):
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "ad.txt").write_text(MISUSE, encoding="utf-8")
    proc = _run_step(tmp_path, fail_on="error", args=f"--no-builtin --pack {MINI_PACK}")
    assert proc.returncode == 0, proc.stderr
    assert "::warning file=ad.txt" in proc.stdout
