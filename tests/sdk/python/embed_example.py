"""Embedding the `apiKeys create` plugin in a Python tool (Extism's SDK, PyPI `extism`)."""
import json
import sys

import extism

wasm = sys.argv[1]  # e.g. target/plugins/atlas_apikeys_create.wasm
plugin = extism.Plugin({"wasm": [{"path": wasm}]}, wasi=False, functions=[])


def call(function, document):
    return json.loads(bytes(plugin.call(function, json.dumps(document))))


about = call("describe", None)
if about["abi_version"] != 1:
    sys.exit(f"plugin speaks ABI {about['abi_version']}, this tool speaks 1")
invocation = {
    "abi_version": 1,
    "command": ["organizations", "apiKeys", "create"],
    "flags": {"desc": "CI key", "role": ["ORG_MEMBER"], "orgId": "5a1b39eec902201990f12345"},
}
plan = call("plan", invocation)
if plan["kind"] != "request":
    sys.exit(f"Error: {plan}")
print(plan["request"]["method"], plan["request"]["path"])
# Send plan["request"] with your own HTTP client and credentials; here is Atlas's answer:
body = '{"id":"6a793f752c88faeba59bba49","privateKey":"c8150efd-0000","publicKey":"gswvkocq"}'
url = "https://cloud.mongodb.com" + plan["request"]["path"]
out = call("render", {
    "invocation": invocation,
    "request": {"method": "POST", "url": url},
    "response": {"status": 200, "content_type": "application/json", "body": body},
})
print(out["text"] if out["kind"] == "stdout" else f"Error: {out['message']}", end="")
