import tseslint from 'typescript-eslint';

const impure = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'electron', 'react', 'react-dom', 'rxdb', 'rxdb/*', 'rxjs', 'fastify', '@fastify/*', 'pg', '@electric-sql/*', 'dexie', 'zustand', 'antd'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // sync/model and sync/protocol are pure and shared by the renderer and the server: no I/O, no runtimes.
    files: ['sync/model/**/*.ts', 'sync/protocol/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: impure, message: 'sync/model and sync/protocol must stay pure (design §2).' },
          { group: ['../client/*', '../server/*', '../../main/*', '../../renderer/*'], message: 'sync/model and sync/protocol import only each other.' },
        ],
      }],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'process', 'localStorage', 'indexedDB'],
    },
  },
  {
    // sync/pdf is shared by the terminal's main side and the server: it draws, and reaches neither of them.
    files: ['sync/pdf/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['../client/*', '../server/*', '../../main/*', '../../renderer/*', 'fastify', 'electron', 'react'], message: 'sync/pdf imports only sync/model and its drawing libraries.' }],
      }],
    },
  },
);
