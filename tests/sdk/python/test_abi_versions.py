"""Both ABI versions through Extism's Python SDK, with the test plugin tests/plugins/confirm
built as an ABI 1 plugin and as an ABI 2 one: its vector files (`vectors-v1.json`,
`vectors-v2.json`; tests/it/abi.rs runs them through our runtimes) with every document checked
against the published schemas, and the confirm step driven the way our host drives it.
"""

import json

import jsonschema
import pytest

from atlas_host import ROOT, AtlasPlugin, Refused, built_test_wasm

PLUGIN_DIR = ROOT / "tests" / "plugins" / "confirm"
SCHEMA_DIR = ROOT / "docs" / "abi-schema"
FILES = ["vectors-v1.json", "vectors-v2.json"]
ID = "6a793f752c88faeba59bba49"
ORG = "5a1b39eec902201990f12345"


def _cases():
    for name in FILES:
        file = json.loads((PLUGIN_DIR / name).read_text())
        for index, vector in enumerate(file["vectors"]):
            yield pytest.param(file, vector, id=f"{name}:{index}:{vector['name']}")


_plugins = {}


def plugin_for(wasm_name):
    if wasm_name not in _plugins:
        _plugins[wasm_name] = AtlasPlugin(built_test_wasm(wasm_name))
    return _plugins[wasm_name]


@pytest.mark.parametrize(("file", "vector"), list(_cases()))
def test_vector(file, vector):
    plugin = plugin_for(file["wasm"])
    assert plugin.description["abi_version"] == file["abi_version"]
    assert plugin.call(vector["function"], vector["input"]) == vector["output"]


@pytest.mark.parametrize(("file", "vector"), list(_cases()))
def test_vector_documents_match_the_published_schemas(file, vector):
    function = vector["function"]
    if function != "describe":
        schema = json.loads((SCHEMA_DIR / f"{function}-input.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(vector["input"])
    schema = json.loads((SCHEMA_DIR / f"{function}-output.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(vector["output"])


def test_there_is_a_vector_file_for_each_version():
    versions = [json.loads((PLUGIN_DIR / n).read_text())["abi_version"] for n in FILES]
    assert versions == [1, 2]


def invocation(**flags):
    return {
        "command": ["confirm", "delete"],
        "args": [ID],
        "flags": flags,
        "settings": {"profile": "default", "org_id": ORG},
    }


def test_a_yes_plans_the_request_with_the_answer_in_the_invocation():
    asked = []
    out, sent = plugin_for("atlas-confirm-plugin.wasm").plan(
        invocation(), lambda message: asked.append(message) or True
    )
    assert asked == [f"Are you sure you want to delete: {ID}"]
    assert out["kind"] == "request"
    assert out["request"]["method"] == "DELETE"
    assert sent["confirmed"] is True and sent["abi_version"] == 2


def test_a_no_ends_with_the_plugins_text_and_no_request():
    out, _ = plugin_for("atlas-confirm-plugin.wasm").plan(invocation(), lambda _: False)
    assert out == {"kind": "declined", "text": "API Key not deleted\n"}


def test_force_needs_no_answer_and_abi_1_plugins_are_spoken_to_in_abi_1():
    for wasm in ["atlas-confirm-plugin.wasm", "atlas-confirm-plugin-abi-1.wasm"]:
        out, sent = plugin_for(wasm).plan(invocation(force=True))
        assert out["kind"] == "request", wasm
        assert "confirmed" not in sent


def test_confirm_from_an_abi_1_plugin_or_a_second_time_is_refused():
    with pytest.raises(Refused, match="in ABI 1"):
        plugin_for("atlas-confirm-plugin-abi-1.wasm").plan(invocation(), lambda _: True)
    again = dict(invocation(), command=["confirm", "again"])
    with pytest.raises(Refused, match="twice"):
        plugin_for("atlas-confirm-plugin.wasm").plan(again, lambda _: True)
    with pytest.raises(Refused, match="no one to answer"):
        plugin_for("atlas-confirm-plugin.wasm").plan(invocation())
