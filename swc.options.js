/** The swc settings for running the TypeScript sources untranspiled: jest (jest.config.js) and the
 * child processes of the resilience tests (test/resilience/support/swc-register.js) share them. */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
