// The cross-host vectors (tests/vectors/*.json) through Extism's JavaScript SDK, against the
// same built `.wasm` our host's runtimes (tests/it/vectors.rs) and the Python SDK run them on.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { AtlasPlugin, ROOT, builtWasm } from './atlas-host.mjs';

const VECTOR_DIR = join(ROOT, 'tests', 'vectors');
const files = readdirSync(VECTOR_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, ...JSON.parse(readFileSync(join(VECTOR_DIR, name), 'utf8')) }));

test('there are vectors for all eight plugins', () => {
  assert.deepEqual(
    files.map((file) => file.wasm),
    [
      'atlas_accesslists_create.wasm',
      'atlas_accesslists_delete.wasm',
      'atlas_accesslists_list.wasm',
      'atlas_apikeys_assign.wasm',
      'atlas_apikeys_create.wasm',
      'atlas_apikeys_delete.wasm',
      'atlas_apikeys_describe.wasm',
      'atlas_apikeys_list.wasm',
    ],
  );
});

for (const file of files) {
  describe(file.name, () => {
    // One instance per plugin for the whole file, as a host keeps one per command.
    let plugin;
    const loaded = () => (plugin ??= AtlasPlugin.load(builtWasm(file.wasm)));
    after(async () => plugin && (await plugin).close());
    file.vectors.forEach((vector, index) => {
      test(`${index}: ${vector.name}`, async () => {
        const got = await (await loaded()).call(vector.function, vector.input);
        assert.deepStrictEqual(got, vector.output);
      });
    });
  });
}
