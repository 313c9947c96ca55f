"""docs/embedding.md's Python example is this directory's `embed_example.py`, verbatim, and
it runs: describe, plan and render against the built `.wasm`.
"""

import pathlib
import subprocess
import sys

from atlas_host import ROOT, built_wasm

EXAMPLE = pathlib.Path(__file__).with_name("embed_example.py")


def test_docs_embedding_shows_the_example_verbatim():
    assert EXAMPLE.read_text() in (ROOT / "docs" / "embedding.md").read_text()


def test_the_example_plans_and_renders_a_created_key():
    wasm = built_wasm("atlas_apikeys_create.wasm")
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), str(wasm)], capture_output=True, text=True, check=False
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == (
        "POST /api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys\n"
        "API Key '6a793f752c88faeba59bba49' created.\n"
        "Public API Key gswvkocq\n"
        "Private API Key c8150efd-0000\n"
    )
