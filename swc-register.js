/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a CommonJS require hook, loaded with node -r */
/* Runs the portal's TypeScript sources in a child process or a worker thread (the swc settings jest uses:
 * swc.options.js): a test can start the real `src/main.ts` and send it real signals without a build, and
 * the worker threads of shared/workers/thread-pool.ts load their .ts worker file when jest runs the sources. */
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

const options = require('./swc.options');

Module._extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
