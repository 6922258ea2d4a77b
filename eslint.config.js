// Lints the code and, above all, the process boundaries (like Signal's file-suffix rule):
// renderer/ and shared/ never import electron or node:*, core/ never imports electron, the
// preload imports nothing but electron and shared/, and the server knows nothing of the client.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'buffer'];
const noNode = [
  { group: ['node:*'], message: 'This code runs in the page: no Node APIs.' },
  ...NODE_BUILTINS.map((name) => ({ group: [name, `${name}/*`], message: 'This code runs in the page: no Node APIs.' })),
];
const noElectron = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only electron/main and electron/preload may import Electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'reports/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [noElectron, ...noNode, { group: ['**/electron/**', '**/server/**'], message: 'The renderer talks only to the bridge (shared/bridge.ts).' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, ...noNode, { group: ['**/electron/**', '**/server/**', '**/renderer/**'], message: 'shared/ depends on nothing.' }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/electron/main/**', '**/renderer/**', '**/server/**'], message: 'core/ and web/ are plain Node.' }] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noNode, { regex: '^(?!electron$|\\.\\./\\.\\./shared/)', message: 'The preload is one small bundle: electron and shared/ only.' }] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/electron/**', '**/renderer/**'], message: 'The service knows nothing of the client.' }] }],
    },
  },
);
