/**
 * The API's request schemas are declared once (shared/api-schemas.ts): the request types the
 * client uses are derived from them, without TypeBox reaching any client bundle.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  ChangePasswordRequest,
  CreateProfileRequest,
  DeleteProfileRequest,
  DeviceCodeRequest,
  DeviceInfo,
  DeviceTokenRequest,
  PasswordRequest,
  RefreshRequest,
  RenameDeviceRequest,
  SaveProgressRequest,
  SetProfilePinRequest,
  SignInRequest,
  UnlockProfileRequest,
  UpdateProfileRequest,
} from '../../../shared/api';
import { EMAIL_PATTERN, looksLikeEmail } from '../../../shared/api-schemas';
import type { MaturityLevel } from '../../../shared/maturity';
import type { NewProfile, ProfileChanges } from '../../../shared/types';

const ROOT = resolve(__dirname, '../../..');

describe('request types derived from the schemas', () => {
  it('are the shapes the client and the service agreed on', () => {
    expectTypeOf<DeviceInfo>().toEqualTypeOf<{ name: string; platform: string; appVersion: string }>();
    expectTypeOf<SignInRequest>().toEqualTypeOf<{ email: string; password: string; device: DeviceInfo }>();
    expectTypeOf<RefreshRequest>().toEqualTypeOf<{ refreshToken: string }>();
    expectTypeOf<RenameDeviceRequest>().toEqualTypeOf<{ name: string }>();
    expectTypeOf<SetProfilePinRequest>().toEqualTypeOf<{ password: string; pin: string | null }>();
    expectTypeOf<UnlockProfileRequest>().toEqualTypeOf<{ pin: string }>();
    expectTypeOf<PasswordRequest>().toEqualTypeOf<{ password?: string }>();
    expectTypeOf<DeleteProfileRequest>().toEqualTypeOf<{ password?: string }>();
    expectTypeOf<CreateProfileRequest>().toEqualTypeOf<{ name: string; avatar: string; maturity?: MaturityLevel; kids?: boolean; password?: string }>();
    expectTypeOf<UpdateProfileRequest>().toEqualTypeOf<{
      name?: string;
      avatar?: string;
      maturity?: MaturityLevel;
      kids?: boolean;
      password?: string;
      audioLanguage?: string;
      subtitleLanguage?: string | null;
    }>();
    expectTypeOf<SaveProgressRequest>().toEqualTypeOf<{ positionSeconds: number; episodeId?: string }>();
    expectTypeOf<DeviceCodeRequest>().toEqualTypeOf<{ device: DeviceInfo }>();
    expectTypeOf<DeviceTokenRequest>().toEqualTypeOf<{ deviceCode: string }>();
    expectTypeOf<ChangePasswordRequest>().toEqualTypeOf<{ currentPassword: string; newPassword: string; signOutAllDevices: boolean }>();
    // The bridge's profile types fit the requests that carry them.
    expectTypeOf<NewProfile & PasswordRequest>().toExtend<CreateProfileRequest>();
    expectTypeOf<ProfileChanges & PasswordRequest>().toExtend<UpdateProfileRequest>();
  });
});

describe('the email rule', () => {
  it('is one loose shape, spaces around it allowed', () => {
    for (const ok of ['a@b.co', '  demo@couchside.test ', 'x.y+z@sub.example.org']) expect(looksLikeEmail(ok), ok).toBe(true);
    for (const bad of ['', 'a', 'a@b', '@b.co', 'a@.co ', 'a b@c.de', 'a@b@c.de']) expect(looksLikeEmail(bad), bad).toBe(false);
    expect(new RegExp(EMAIL_PATTERN).source).toBe(EMAIL_PATTERN);
  });
});

describe('client bundles', () => {
  // What the renderer, the preload and the client core take from shared/: types only from the
  // schemas module, so bundling them leaves TypeBox out.
  it.each(['shared/api.ts', 'shared/bridge.ts', 'electron/core/api-client.ts'])('%s pulls in no TypeBox code', async (entry) => {
    const out = await build({
      entryPoints: [resolve(ROOT, entry)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      packages: 'external',
      logLevel: 'silent',
    });
    const code = out.outputFiles.map((f) => f.text).join('\n');
    expect(code).not.toMatch(/typebox/i);
    expect(code).not.toContain('EMAIL_PATTERN');
  });
});
