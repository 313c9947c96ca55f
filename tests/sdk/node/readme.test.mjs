// docs/embedding.md's JavaScript example is this directory's `embed-example.mjs`, verbatim,
// and it runs: describe, plan and render against the built `.wasm`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ROOT, builtWasm } from './atlas-host.mjs';

const EXAMPLE = fileURLToPath(new URL('./embed-example.mjs', import.meta.url));

test('docs/embedding.md shows the example verbatim', () => {
  const page = readFileSync(join(ROOT, 'docs', 'embedding.md'), 'utf8');
  assert.ok(page.includes(readFileSync(EXAMPLE, 'utf8')));
});

test('the example plans and renders a created key', () => {
  const wasm = builtWasm('atlas_apikeys_create.wasm');
  const env = { ...process.env, NODE_NO_WARNINGS: '1' };
  const stdout = execFileSync(process.execPath, [EXAMPLE, wasm], { encoding: 'utf8', env });
  assert.equal(
    stdout,
    'POST /api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys\n' +
      "API Key '6a793f752c88faeba59bba49' created.\n" +
      'Public API Key gswvkocq\n' +
      'Private API Key c8150efd-0000\n',
  );
});
