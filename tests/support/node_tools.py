"""The Node validators the suite runs (package.json at the project's root, installed by
`npm ci`): axe-core's script for Chromium, and the Lighthouse command line."""

import json
import os
import shutil
import subprocess

import pytest

from tests.support.servers import PROJECT

NODE_MODULES = PROJECT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"


def require_node_tool(path):
    """Return `path` when `npm ci` installed it; fail in CI (REQUIRE_SERVICES), else skip."""
    if path.exists() and shutil.which("node"):
        return path
    message = f"{path.relative_to(PROJECT)} is missing: run `npm ci` at the project's root"
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(message)
    pytest.skip(message)


def lighthouse_scores(url, chromium, categories=("seo", "accessibility")):
    """Run Lighthouse (headless, against `chromium`) on `url`; return ({category: score of
    0-100}, [titles of the failed audits of those categories])."""
    lighthouse = require_node_tool(LIGHTHOUSE)
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
    completed = subprocess.run(
        [
            str(lighthouse),
            url,
            f"--only-categories={','.join(categories)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={flags}",
            # Scored as a desktop at 1280 px: the axe test covers the narrow width.
            "--preset=desktop",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": chromium},
        check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(f"Lighthouse failed on {url}: {completed.stderr[-2000:]}")
    report = json.loads(completed.stdout)
    scores, failed = {}, []
    for name, category in report["categories"].items():
        scores[name] = round(category["score"] * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                failed.append(f"{name}: {audit['title']}")
    return scores, failed
