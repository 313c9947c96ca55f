// A minimal atlas plugin host on Extism's JavaScript SDK: what another tool needs to embed the
// plugins. It loads a `.wasm` with no WASI, no host functions, no allowed hosts or paths, checks
// the plugin's ABI version the way our host does (it speaks versions 1 and 2), calls the three
// JSON exports, and runs `plan` to its end, the confirm step (ABI 2) taking the user's answer as
// an argument. (This SDK version has no memory cap or call timeout to set.)

import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import createPlugin from '@extism/extism';

/** The newest and the oldest ABI versions this host speaks (docs/plugin-abi.md). */
export const ABI_VERSION = 2;
export const OLDEST_ABI_VERSION = 1;
/** The first version whose `plan` may answer `confirm`. */
export const CONFIRM_ABI_VERSION = 2;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TARGET = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
const WASM_DIR = join(TARGET, 'plugins'); // the plugins as shipped, from scripts/build
const TEST_WASM_DIR = join(TARGET, 'hostile', 'out'); // test plugins, as tests/it builds them

/** The plugin speaks another ABI version; the message says which side to upgrade. */
export class AbiMismatch extends Error {}

/** Refuses a plugin whose `describe` names another ABI version, in our host's words. */
export function checkAbi(pluginName, describeOutput) {
  const pluginAbi = describeOutput.abi_version;
  if (Number.isInteger(pluginAbi) && pluginAbi >= OLDEST_ABI_VERSION && pluginAbi <= ABI_VERSION) {
    return;
  }
  const newer = Number.isInteger(pluginAbi) && pluginAbi > ABI_VERSION;
  const advice = newer
    ? 'upgrade this host to run this plugin'
    : 'rebuild or upgrade the plugin for this host';
  throw new AbiMismatch(
    `plugin ${pluginName} speaks plugin ABI ${pluginAbi}, this host speaks ABI ${OLDEST_ABI_VERSION} to ${ABI_VERSION}\nhelp: ${advice}`,
  );
}

/** The plugin asked for something this host does not do. */
export class Refused extends Error {}

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

  /**
   * Calls `plan` in the plugin's own ABI version until it settles, as our host does: a `confirm`
   * (ABI 2 only, once) is put to `answer(message)`; a yes calls `plan` again with `confirmed`, a
   * no ends with `{kind: 'declined', text}` (what a host prints). Resolves to the final output
   * and the invocation it was given.
   */
  async plan(invocation, answer) {
    let sent = { ...invocation, abi_version: this.description.abi_version };
    const out = await this.call('plan', sent);
    if (out.kind !== 'confirm') return { out, sent };
    if (sent.abi_version < CONFIRM_ABI_VERSION) {
      throw new Refused(`${this.name} asked to confirm in ABI ${sent.abi_version}`);
    }
    if (sent.confirmed || !answer) throw new Refused(`${this.name} asked to confirm with no one to answer`);
    if (!answer(out.message)) return { out: { kind: 'declined', text: out.declined ?? '' }, sent };
    sent = { ...sent, confirmed: true };
    const again = await this.call('plan', sent);
    if (again.kind === 'confirm') throw new Refused(`${this.name} asked to confirm twice`);
    return { out: again, sent };
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

/** A test plugin tests/it built from source (`cargo test --test it abi` builds the confirm
 * plugin in both versions); throws with that command. */
export function builtTestWasm(fileName) {
  const path = join(TEST_WASM_DIR, fileName);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build it with \`cargo test --test it abi\``);
  }
  return path;
}
