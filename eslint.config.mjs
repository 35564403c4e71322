import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  { files: ['src/cli.ts', 'scripts/**', 'bench/**', 'libs/case-system-stub/src/main.ts'], rules: { 'no-console': 'off' } },
  { files: ['**/*.spec.ts', 'test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' } },
);
