"""The Node validators the suite runs (package.json at the project's root, installed by
`npm ci`): axe-core's script for Chromium, and the Lighthouse command line."""

import os
import shutil

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
