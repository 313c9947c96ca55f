"""A minimal atlas plugin host on Extism's Python SDK: what another tool needs to embed the
plugins. It loads a `.wasm` in the same sandbox our host uses (no WASI, no host functions, no
network, no files, a 64 MiB memory cap and a 10 s limit per call), checks the plugin's ABI
version the way our host does, and calls the three JSON exports.
"""

import json
import os
import pathlib

import extism

#: The ABI version this host speaks (docs/plugin-abi.md).
ABI_VERSION = 1

ROOT = pathlib.Path(__file__).resolve().parents[3]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
WASM_DIR = TARGET / "plugins"  # the plugins as shipped, from scripts/build


class AbiMismatch(Exception):
    """The plugin speaks another ABI version; the message says which side to upgrade."""


def check_abi(plugin_name, describe_output):
    """Refuses a plugin whose `describe` names another ABI version, in our host's words."""
    plugin_abi = describe_output.get("abi_version")
    if plugin_abi == ABI_VERSION:
        return
    newer = isinstance(plugin_abi, int) and plugin_abi > ABI_VERSION
    advice = (
        "upgrade this host to run this plugin"
        if newer
        else "rebuild or upgrade the plugin for this host"
    )
    raise AbiMismatch(
        f"plugin {plugin_name} speaks plugin ABI {plugin_abi}, "
        f"this host speaks {ABI_VERSION}\nhelp: {advice}"
    )


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


def built_wasm(file_name):
    """The `.wasm` scripts/build made; fails with the command that builds it."""
    path = WASM_DIR / file_name
    assert path.is_file(), f"{path} is missing: build it with scripts/build"
    return path
