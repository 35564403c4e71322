/** Unit tests sit beside the code (*.spec.ts); integration and e2e suites live in test/ (*.e2e-spec.ts). */
const swc = ['@swc/jest', require('./swc.options')];
module.exports = {
  // Generous: a CI machine shared with other work has been seen to stall a suite 20-fold for minutes
  // (a suite's setup of a few sign-ups and submissions passed 120 s in one run).
  testTimeout: 300000,
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
