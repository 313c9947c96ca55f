"""The cross-host vectors (tests/vectors/*.json) through Extism's Python SDK, against the same
built `.wasm` our host's runtimes run them on (tests/it/vectors.rs), and every document checked
against the published JSON Schemas (docs/abi-schema/).
"""

import json

import jsonschema
import pytest

from atlas_host import ROOT, AtlasPlugin, built_wasm

VECTOR_FILES = sorted((ROOT / "tests" / "vectors").glob("*.json"))
SCHEMA_DIR = ROOT / "docs" / "abi-schema"


def _cases():
    for path in VECTOR_FILES:
        file = json.loads(path.read_text())
        for index, vector in enumerate(file["vectors"]):
            case_id = f"{path.stem}:{index}:{vector['name']}"
            yield pytest.param(file["wasm"], vector, id=case_id)


_plugins = {}


def plugin_for(wasm_name):
    """One instance per plugin for the whole run, as a host keeps one per command."""
    if wasm_name not in _plugins:
        _plugins[wasm_name] = AtlasPlugin(built_wasm(wasm_name))
    return _plugins[wasm_name]


def validator(name):
    schema = json.loads((SCHEMA_DIR / name).read_text())
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(("wasm_name", "vector"), list(_cases()))
def test_vector(wasm_name, vector):
    got = plugin_for(wasm_name).call(vector["function"], vector["input"])
    assert got == vector["output"]


@pytest.mark.parametrize(("wasm_name", "vector"), list(_cases()))
def test_vector_documents_match_the_published_schemas(wasm_name, vector):
    function = vector["function"]
    if function != "describe":
        validator(f"{function}-input.json").validate(vector["input"])
    validator(f"{function}-output.json").validate(vector["output"])


def test_there_are_vectors_for_all_eight_plugins():
    names = [json.loads(p.read_text())["wasm"] for p in VECTOR_FILES]
    assert names == [
        "atlas_accesslists_create.wasm",
        "atlas_accesslists_delete.wasm",
        "atlas_accesslists_list.wasm",
        "atlas_apikeys_assign.wasm",
        "atlas_apikeys_create.wasm",
        "atlas_apikeys_delete.wasm",
        "atlas_apikeys_describe.wasm",
        "atlas_apikeys_list.wasm",
    ]


def test_the_schemas_refuse_a_document_of_the_wrong_shape():
    with pytest.raises(jsonschema.ValidationError):
        validator("plan-output.json").validate({"kind": "request"})
    with pytest.raises(jsonschema.ValidationError):
        validator("plan-input.json").validate({"flags": {"limit": 1.5}})
