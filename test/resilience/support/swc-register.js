/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a CommonJS require hook, loaded with node -r */
/* Runs the portal's TypeScript sources in a child process (the same swc settings as jest), so a
 * test can start the real `src/main.ts` and send it real signals without a build. */
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
