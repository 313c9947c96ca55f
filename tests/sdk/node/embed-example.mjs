// Embedding the `apiKeys create` plugin in a JavaScript tool (Extism's SDK, npm `@extism/extism`).
import { readFile } from 'node:fs/promises';
import createPlugin from '@extism/extism';

const wasm = new Uint8Array(await readFile(process.argv[2])); // atlas_apikeys_create.wasm
const plugin = await createPlugin({ wasm: [{ data: wasm }] }, { useWasi: false, runInWorker: false });
const call = async (fn, document) => (await plugin.call(fn, JSON.stringify(document))).json();

const about = await call('describe', null);
if (about.abi_version !== 1) throw new Error(`plugin speaks ABI ${about.abi_version}, this tool speaks 1`);
const invocation = {
  abi_version: 1,
  command: ['organizations', 'apiKeys', 'create'],
  flags: { desc: 'CI key', role: ['ORG_MEMBER'], orgId: '5a1b39eec902201990f12345' },
};
const plan = await call('plan', invocation);
if (plan.kind !== 'request') throw new Error(JSON.stringify(plan));
console.log(plan.request.method, plan.request.path);
// Send plan.request with your own HTTP client and credentials; here is Atlas's answer:
const body = '{"id":"6a793f752c88faeba59bba49","privateKey":"c8150efd-0000","publicKey":"gswvkocq"}';
const out = await call('render', {
  invocation,
  request: { method: 'POST', url: `https://cloud.mongodb.com${plan.request.path}` },
  response: { status: 200, content_type: 'application/json', body },
});
process.stdout.write(out.kind === 'stdout' ? out.text : `Error: ${out.message}`);
await plugin.close();
