"""A minimal atlas plugin host on Extism's Python SDK: what another tool needs to embed the
plugins. It loads a `.wasm` in the same sandbox our host uses (no WASI, no host functions, no
network, no files, a 64 MiB memory cap and a 10 s limit per call), checks the plugin's ABI
version the way our host does (it speaks versions 1 and 2), calls the three JSON exports, and
runs `plan` to its end: files are not read here, and the confirm step (ABI 2) takes the user's
answer as an argument.
"""

import json
import os
import pathlib

import extism

#: The newest and the oldest ABI versions this host speaks (docs/plugin-abi.md).
ABI_VERSION = 2
OLDEST_ABI_VERSION = 1
#: The first version whose `plan` may answer `confirm`.
CONFIRM_ABI_VERSION = 2

ROOT = pathlib.Path(__file__).resolve().parents[3]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
WASM_DIR = TARGET / "plugins"  # the plugins as shipped, from scripts/build
TEST_WASM_DIR = TARGET / "hostile" / "out"  # test plugins, as tests/it builds them


class AbiMismatch(Exception):
    """The plugin speaks another ABI version; the message says which side to upgrade."""


def check_abi(plugin_name, describe_output):
    """Refuses a plugin whose `describe` names another ABI version, in our host's words."""
    plugin_abi = describe_output.get("abi_version")
    if isinstance(plugin_abi, int) and OLDEST_ABI_VERSION <= plugin_abi <= ABI_VERSION:
        return
    newer = isinstance(plugin_abi, int) and plugin_abi > ABI_VERSION
    advice = (
        "upgrade this host to run this plugin"
        if newer
        else "rebuild or upgrade the plugin for this host"
    )
    raise AbiMismatch(
        f"plugin {plugin_name} speaks plugin ABI {plugin_abi}, "
        f"this host speaks ABI {OLDEST_ABI_VERSION} to {ABI_VERSION}\nhelp: {advice}"
    )


class Refused(Exception):
    """The plugin asked for something this host does not do."""


class AtlasPlugin:
    """One instantiated plugin; `describe`, `plan` and `render` take and return JSON documents."""

    def __init__(self, path):
        path = pathlib.Path(path)
        manifest = {
            "wasm": [{"data": path.read_bytes()}],
            "memory": {"max_pages": 1024},
            "timeout_ms": 10_000,
        }
        self.name = path.name
        self._plugin = extism.Plugin(manifest, wasi=False, functions=[])
        self.description = self.call("describe", None)
        check_abi(self.name, self.description)

    def call(self, function, document):
        """Calls an export with a JSON document; returns the JSON document it answers."""
        output = self._plugin.call(function, json.dumps(document))
        return json.loads(bytes(output))

    def plan(self, invocation, answer=None):
        """Calls `plan` in the plugin's own ABI version until it settles, as our host does: a
        `confirm` (ABI 2 only, once) is put to `answer(message)`; a yes calls `plan` again with
        `confirmed`, a no ends with `{"kind": "declined", "text": …}` (what a host prints).
        Returns the final output and the invocation it was given."""
        invocation = dict(invocation, abi_version=self.description["abi_version"])
        out = self.call("plan", invocation)
        if out["kind"] != "confirm":
            return out, invocation
        if invocation["abi_version"] < CONFIRM_ABI_VERSION:
            raise Refused(f"{self.name} asked to confirm in ABI {invocation['abi_version']}")
        if invocation.get("confirmed") or answer is None:
            raise Refused(f"{self.name} asked to confirm with no one to answer")
        if not answer(out["message"]):
            return {"kind": "declined", "text": out.get("declined", "")}, invocation
        invocation = dict(invocation, confirmed=True)
        again = self.call("plan", invocation)
        if again["kind"] == "confirm":
            raise Refused(f"{self.name} asked to confirm twice")
        return again, invocation


def built_wasm(file_name):
    """The `.wasm` scripts/build made; fails with the command that builds it."""
    path = WASM_DIR / file_name
    assert path.is_file(), f"{path} is missing: build it with scripts/build"
    return path


def built_test_wasm(file_name):
    """A test plugin tests/it built from source (`cargo test --test it abi` builds the confirm
    plugin in both versions); fails with that command."""
    path = TEST_WASM_DIR / file_name
    assert path.is_file(), f"{path} is missing: build it with `cargo test --test it abi`"
    return path
