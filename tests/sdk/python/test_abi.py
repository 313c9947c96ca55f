"""This host checks the ABI version every plugin's `describe` names, as our host does: it runs
versions 1 and 2, and says which side must upgrade for any other.
"""

import json

import pytest

from atlas_host import (
    ABI_VERSION,
    OLDEST_ABI_VERSION,
    ROOT,
    AbiMismatch,
    AtlasPlugin,
    built_wasm,
    check_abi,
    built_test_wasm,
)

# Every shipped plugin: each has its vector file.
SHIPPED = sorted(
    json.loads(path.read_text())["wasm"] for path in (ROOT / "tests" / "vectors").glob("*.json")
)


@pytest.mark.parametrize("wasm_name", SHIPPED)
def test_the_built_plugins_speak_this_hosts_abi(wasm_name):
    plugin = AtlasPlugin(built_wasm(wasm_name))
    assert OLDEST_ABI_VERSION <= plugin.description["abi_version"] <= ABI_VERSION


@pytest.mark.parametrize(
    ("wasm_name", "abi"),
    [("atlas-confirm-plugin-abi-1.wasm", 1), ("atlas-confirm-plugin.wasm", 2)],
)
def test_a_plugin_of_either_version_is_accepted(wasm_name, abi):
    assert AtlasPlugin(built_test_wasm(wasm_name)).description["abi_version"] == abi


@pytest.mark.parametrize(
    ("plugin_abi", "advice"),
    [
        (3, "upgrade this host to run this plugin"),
        (0, "rebuild or upgrade the plugin for this host"),
        (None, "rebuild or upgrade the plugin for this host"),
    ],
)
def test_a_plugin_for_another_abi_is_refused_naming_the_side_to_upgrade(plugin_abi, advice):
    with pytest.raises(AbiMismatch) as refused:
        check_abi("other.wasm", {"abi_version": plugin_abi})
    assert str(refused.value) == (
        f"plugin other.wasm speaks plugin ABI {plugin_abi}, this host speaks ABI 1 to 2\n"
        f"help: {advice}"
    )
