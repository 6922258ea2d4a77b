// Lints the code and, above all, the process boundaries (like Signal's file-suffix rule):
// renderer/ and shared/ never import electron or node:*, core/ never imports electron, the
// preload imports nothing but electron and shared/, and the server knows nothing of the client.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Every Node built-in (from Node itself, so none is forgotten) plus the packages that only run in
// Node: the page (renderer/, shared/) may import none of them, statically, with import() or require().
const NODE_ONLY_PACKAGES = ['ws', 'fastify', 'better-sqlite3', 'conf', 'electron-log', 'electron-store'];
const NODE_MODULES = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]))];
const PAGE_FORBIDDEN = [...NODE_MODULES, ...NODE_ONLY_PACKAGES];
const noNode = [
  { group: ['node:*'], message: 'This code runs in the page: no Node APIs.' },
  ...PAGE_FORBIDDEN.map((name) => ({ group: [name, `${name}/*`], message: 'This code runs in the page: no Node APIs or Node-only packages.' })),
];
const noElectron = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only electron/main and electron/preload may import Electron.' };

/** The same boundary for import() and require(), which no-restricted-imports does not see. */
function noDynamic(names, message) {
  const alternatives = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
  const source = `/^(node:.*|(${alternatives})(\\/.*)?)$/`;
  return [
    { selector: `ImportExpression[source.value=${source}]`, message },
    { selector: `CallExpression[callee.name='require'][arguments.0.value=${source}]`, message },
  ];
}
const pageDynamic = noDynamic([...PAGE_FORBIDDEN, 'electron'], 'This code runs in the page: no Node APIs, Node-only packages or Electron, not even through import() or require().');
const coreDynamic = noDynamic(['electron'], 'Only electron/main and electron/preload may import Electron, not even through import() or require().');

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'reports/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise is awaited, returned or marked `void` on purpose, never dropped.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
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
      'no-restricted-syntax': ['error', ...pageDynamic],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, ...noNode, { group: ['**/electron/**', '**/server/**', '**/renderer/**'], message: 'shared/ depends on nothing.' }] }],
      'no-restricted-syntax': ['error', ...pageDynamic],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/electron/main/**', '**/renderer/**', '**/server/**'], message: 'core/ and web/ are plain Node.' }] }],
      'no-restricted-syntax': ['error', ...coreDynamic],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noNode, { regex: '^(?!electron$|\\.\\./\\.\\./shared/)', message: 'The preload is one small bundle: electron and shared/ only.' }] }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/electron/**', '**/renderer/**', '**/server/**'], message: 'common/ is plain Node, shared by the service and the client core.' }] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, { group: ['**/electron/**', '**/renderer/**'], message: 'The service knows nothing of the client.' }] }],
    },
  },
);
