// Both ABI versions through Extism's JavaScript SDK, with the test plugin tests/plugins/confirm
// built as an ABI 1 plugin and as an ABI 2 one: its vector files (`vectors-v1.json`,
// `vectors-v2.json`; tests/it/abi.rs and the Python SDK tests run the same files), and the
// confirm step driven the way our host drives it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { AtlasPlugin, ROOT, Refused, builtTestWasm } from './atlas-host.mjs';

const PLUGIN_DIR = join(ROOT, 'tests', 'plugins', 'confirm');
const FILES = ['vectors-v1.json', 'vectors-v2.json'].map((name) => ({
  name,
  ...JSON.parse(readFileSync(join(PLUGIN_DIR, name), 'utf8')),
}));
const ID = '6a793f752c88faeba59bba49';
const ORG = '5a1b39eec902201990f12345';

const plugins = new Map();
const load = (wasm) => {
  if (!plugins.has(wasm)) plugins.set(wasm, AtlasPlugin.load(builtTestWasm(wasm)));
  return plugins.get(wasm);
};
after(async () => {
  for (const plugin of plugins.values()) await (await plugin).close();
});

test('there is a vector file for each version', () => {
  assert.deepEqual(
    FILES.map((file) => file.abi_version),
    [1, 2],
  );
});

for (const file of FILES) {
  describe(file.name, () => {
    file.vectors.forEach((vector, index) => {
      test(`${index}: ${vector.name}`, async () => {
        const plugin = await load(file.wasm);
        assert.equal(plugin.description.abi_version, file.abi_version);
        assert.deepEqual(await plugin.call(vector.function, vector.input), vector.output);
      });
    });
  });
}

const invocation = (flags = {}, leaf = 'delete') => ({
  command: ['confirm', leaf],
  args: [ID],
  flags,
  settings: { profile: 'default', org_id: ORG },
});

test('a yes plans the request with the answer in the invocation', async () => {
  const asked = [];
  const { out, sent } = await (await load('atlas-confirm-plugin.wasm')).plan(
    invocation(),
    (message) => asked.push(message) > 0,
  );
  assert.deepEqual(asked, [`Are you sure you want to delete: ${ID}`]);
  assert.equal(out.kind, 'request');
  assert.equal(out.request.method, 'DELETE');
  assert.equal(sent.confirmed, true);
  assert.equal(sent.abi_version, 2);
});

test("a no ends with the plugin's text and no request", async () => {
  const { out } = await (await load('atlas-confirm-plugin.wasm')).plan(invocation(), () => false);
  assert.deepEqual(out, { kind: 'declined', text: 'API Key not deleted\n' });
});

test('--force needs no answer, and an ABI 1 plugin is spoken to in ABI 1', async () => {
  for (const wasm of ['atlas-confirm-plugin.wasm', 'atlas-confirm-plugin-abi-1.wasm']) {
    const { out, sent } = await (await load(wasm)).plan(invocation({ force: true }));
    assert.equal(out.kind, 'request', wasm);
    assert.equal(sent.confirmed, undefined, wasm);
  }
});

test('confirm from an ABI 1 plugin, or a second time, is refused', async () => {
  const v1 = await load('atlas-confirm-plugin-abi-1.wasm');
  await assert.rejects(v1.plan(invocation(), () => true), (e) => e instanceof Refused && /in ABI 1/.test(e.message));
  const v2 = await load('atlas-confirm-plugin.wasm');
  await assert.rejects(v2.plan(invocation({}, 'again'), () => true), (e) => e instanceof Refused && /twice/.test(e.message));
  await assert.rejects(v2.plan(invocation()), (e) => e instanceof Refused && /no one to answer/.test(e.message));
});
