// This host checks the ABI version every plugin's `describe` names, as our host does: it runs
// versions 1 and 2, and says which side must upgrade for any other.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import {
  ABI_VERSION,
  OLDEST_ABI_VERSION,
  AbiMismatch,
  AtlasPlugin,
  builtTestWasm,
  builtWasm,
  checkAbi,
} from './atlas-host.mjs';

// Every shipped plugin: each has its vector file.
const vectors = new URL('../../vectors/', import.meta.url);
const shipped = readdirSync(vectors)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, vectors), 'utf8')).wasm)
  .sort();

for (const wasm of shipped) {
  test(`${wasm} speaks this host's ABI`, async () => {
    const plugin = await AtlasPlugin.load(builtWasm(wasm));
    const abi = plugin.description.abi_version;
    assert.ok(abi >= OLDEST_ABI_VERSION && abi <= ABI_VERSION, `${abi}`);
    await plugin.close();
  });
}

for (const [wasm, abi] of [
  ['atlas-confirm-plugin-abi-1.wasm', 1],
  ['atlas-confirm-plugin.wasm', 2],
]) {
  test(`a plugin of ABI ${abi} is accepted`, async () => {
    const plugin = await AtlasPlugin.load(builtTestWasm(wasm));
    assert.equal(plugin.description.abi_version, abi);
    await plugin.close();
  });
}

const cases = [
  [3, 'upgrade this host to run this plugin'],
  [0, 'rebuild or upgrade the plugin for this host'],
  [undefined, 'rebuild or upgrade the plugin for this host'],
];
for (const [pluginAbi, advice] of cases) {
  test(`a plugin for ABI ${pluginAbi} is refused naming the side to upgrade`, () => {
    assert.throws(
      () => checkAbi('other.wasm', { abi_version: pluginAbi }),
      (error) =>
        error instanceof AbiMismatch &&
        error.message ===
          `plugin other.wasm speaks plugin ABI ${pluginAbi}, this host speaks ABI 1 to 2\nhelp: ${advice}`,
    );
  });
}
