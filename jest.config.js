/** Unit tests sit beside the code (*.spec.ts); integration and e2e suites live in test/ (*.e2e-spec.ts). */
const swc = ['@swc/jest', require('./swc.options')];
module.exports = {
  // Generous: a CI machine shared with other work has been seen to stall a suite 20-fold for minutes
  // (a suite's setup of a few sign-ups and submissions passed 120 s in one run).
  testTimeout: 300000,
  // Jest's default on a 2-core machine is one worker, so every suite ran one after another in one
  // process (29 minutes in CI, one core mostly idle: e2e suites spend much of their time waiting on
  // sockets, timers and the browser). Suites are independent by construction (a database, mail
  // server, case-system stub and ports of their own), so two run side by side; a worker whose heap
  // has grown past the limit after a suite is replaced rather than carried into the next one.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/libs'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
      setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
