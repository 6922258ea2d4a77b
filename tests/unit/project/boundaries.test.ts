/**
 * The process boundaries are enforced by lint (eslint.config.js): these cases prove the rule
 * bites on what slipped through before (zlib, worker_threads, ws, a dynamic import('electron')).
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
// The probes are not files of a tsconfig project, so the type-aware rules are off for them.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`lint could not parse the probe: ${fatal.message}`);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('process boundaries', () => {
  it.each([
    ["import { gzipSync } from 'zlib'; export const z = gzipSync;"],
    ["import { Worker } from 'worker_threads'; export const w = Worker;"],
    ["import WebSocket from 'ws'; export const s = WebSocket;"],
    ["import { readFileSync } from 'node:fs'; export const r = readFileSync;"],
    ["export const load = () => import('electron');"],
    ["export const load = () => import('node:child_process');"],
    ["export const load = () => import('fastify');"],
  ])('the renderer may not use %s', async (code) => {
    expect(await boundaryErrors('renderer/src/probe.ts', code)).not.toEqual([]);
    expect(await boundaryErrors('shared/probe.ts', code)).not.toEqual([]);
  });

  it('the renderer may import React and its own modules', async () => {
    expect(await boundaryErrors('renderer/src/probe.ts', "import { useState } from 'react'; import { bridge } from './bridge'; export const x = [useState, bridge];")).toEqual([]);
  });

  it('core/ may use Node but not Electron, not even through import()', async () => {
    expect(await boundaryErrors('electron/core/probe.ts', "import { readFileSync } from 'node:fs'; export const r = readFileSync;")).toEqual([]);
    expect(await boundaryErrors('electron/core/probe.ts', "export const load = () => import('electron');")).not.toEqual([]);
    expect(await boundaryErrors('electron/core/probe.ts', "import { app } from 'electron'; export const a = app;")).not.toEqual([]);
  });
});
