// This host checks the ABI version every plugin's `describe` names, as our host does, and says
// which side must upgrade when they differ.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ABI_VERSION, AbiMismatch, AtlasPlugin, builtWasm, checkAbi } from './atlas-host.mjs';

for (const wasm of ['atlas_apikeys_create.wasm', 'atlas_apikeys_list.wasm']) {
  test(`${wasm} speaks this host's ABI`, async () => {
    const plugin = await AtlasPlugin.load(builtWasm(wasm));
    assert.equal(plugin.description.abi_version, ABI_VERSION);
    await plugin.close();
  });
}

const cases = [
  [2, 'upgrade this host to run this plugin'],
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
          `plugin other.wasm speaks plugin ABI ${pluginAbi}, this host speaks 1\nhelp: ${advice}`,
    );
  });
}
