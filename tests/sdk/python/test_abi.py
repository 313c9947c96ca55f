"""This host checks the ABI version every plugin's `describe` names, as our host does, and says
which side must upgrade when they differ.
"""

import json

import pytest

from atlas_host import ABI_VERSION, ROOT, AbiMismatch, AtlasPlugin, built_wasm, check_abi

# Every shipped plugin: each has its vector file.
SHIPPED = sorted(
    json.loads(path.read_text())["wasm"] for path in (ROOT / "tests" / "vectors").glob("*.json")
)


@pytest.mark.parametrize("wasm_name", SHIPPED)
def test_the_built_plugins_speak_this_hosts_abi(wasm_name):
    plugin = AtlasPlugin(built_wasm(wasm_name))
    assert plugin.description["abi_version"] == ABI_VERSION


@pytest.mark.parametrize(
    ("plugin_abi", "advice"),
    [
        (2, "upgrade this host to run this plugin"),
        (0, "rebuild or upgrade the plugin for this host"),
        (None, "rebuild or upgrade the plugin for this host"),
    ],
)
def test_a_plugin_for_another_abi_is_refused_naming_the_side_to_upgrade(plugin_abi, advice):
    with pytest.raises(AbiMismatch) as refused:
        check_abi("other.wasm", {"abi_version": plugin_abi})
    assert str(refused.value) == (
        f"plugin other.wasm speaks plugin ABI {plugin_abi}, this host speaks 1\nhelp: {advice}"
    )
