#!/usr/bin/env node
'use strict';
// The `licheng` bin: a committed file, so that npm links it on install even before the first build.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('licheng: NOT_BUILT run `npm run build` first (packages/audit/dist/cli.js is missing)\n');
  process.exitCode = 2;
} else {
  require(cli);
}
