// This host checks the ABI version every plugin's `describe` names, as our host does, and says
// which side must upgrade when they differ.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { ABI_VERSION, AbiMismatch, AtlasPlugin, builtWasm, checkAbi } from './atlas-host.mjs';

// Every shipped plugin: each has its vector file.
const vectors = new URL('../../vectors/', import.meta.url);
const shipped = readdirSync(vectors)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, vectors), 'utf8')).wasm)
  .sort();

for (const wasm of shipped) {
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
