// A minimal atlas plugin host on Extism's JavaScript SDK: what another tool needs to embed the
// plugins. It loads a `.wasm` with no WASI, no host functions, no allowed hosts or paths, checks
// the plugin's ABI version the way our host does, and calls the three JSON exports. (This SDK
// version has no memory cap or call timeout to set.)

import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import createPlugin from '@extism/extism';

/** The ABI version this host speaks (docs/plugin-abi.md). */
export const ABI_VERSION = 1;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TARGET = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const WASM_DIR = join(TARGET, 'plugins'); // the plugins as shipped, from scripts/build

/** The plugin speaks another ABI version; the message says which side to upgrade. */
export class AbiMismatch extends Error {}

/** Refuses a plugin whose `describe` names another ABI version, in our host's words. */
export function checkAbi(pluginName, describeOutput) {
  const pluginAbi = describeOutput.abi_version;
  if (pluginAbi === ABI_VERSION) return;
  const newer = Number.isInteger(pluginAbi) && pluginAbi > ABI_VERSION;
  const advice = newer
    ? 'upgrade this host to run this plugin'
    : 'rebuild or upgrade the plugin for this host';
  throw new AbiMismatch(
    `plugin ${pluginName} speaks plugin ABI ${pluginAbi}, this host speaks ${ABI_VERSION}\nhelp: ${advice}`,
  );
}

/** One instantiated plugin; `call` takes and returns JSON documents. */
export class AtlasPlugin {
  static async load(path) {
    const data = new Uint8Array(await readFile(path));
    const plugin = await createPlugin(
      { wasm: [{ data }] },
      { useWasi: false, runInWorker: false, functions: {}, allowedHosts: [], allowedPaths: {} },
    );
    const host = new AtlasPlugin(path.split('/').pop(), plugin);
    host.description = await host.call('describe', null);
    checkAbi(host.name, host.description);
    return host;
  }

  constructor(name, plugin) {
    this.name = name;
    this.plugin = plugin;
  }

  /** Calls an export with a JSON document; resolves to the JSON document it answers. */
  async call(functionName, document) {
    const output = await this.plugin.call(functionName, JSON.stringify(document));
    return JSON.parse(output.text());
  }

  close() {
    return this.plugin.close();
  }
}

/** The `.wasm` scripts/build made; throws with the command that builds it. */
export function builtWasm(fileName) {
  const path = join(WASM_DIR, fileName);
  if (!existsSync(path)) throw new Error(`${path} is missing: build it with scripts/build`);
  return path;
}
