/** Changing the account password, optionally signing out every other session in the same commit. */
import type { ChangePasswordRequest } from '../shared/api';
import { getAccount } from './accounts';
import { sessionRevoked, unauthorized } from './auth';
import type { Database } from './db';
import { ApiError } from './errors';
import { verifyAccountPassword } from './guessing';
import { hashPassword } from './passwords';
import type { Revoker } from './revocation';
import { findSessionById, revokeAccountSessions, type SessionRecord } from './sessions';

/** Shortest new password accepted. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest password accepted (as at sign-in). */
export const MAX_PASSWORD_LENGTH = 1024;

/** Throws 400 invalid_request with a sentence for people when the new password is not acceptable. */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ApiError(400, 'invalid_request', `The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`).about('newPassword');
  }
  if (password.length > MAX_PASSWORD_LENGTH) throw new ApiError(400, 'invalid_request', 'The new password is too long.').about('newPassword');
}

/**
 * Changes the password of the caller's account. 400 for a new password that is too short or long,
 * 403 wrong_current_password for a wrong current one. With `signOutAllDevices`, every session of
 * the account except the caller's is revoked with reason 'password-changed', in the same durable
 * transaction as the new hash. Returns how many sessions were signed out.
 */
export async function changePassword(db: Database, revoker: Revoker, caller: SessionRecord, request: ChangePasswordRequest): Promise<number> {
  checkNewPassword(request.newPassword);
  const account = getAccount(db, caller.accountId);
  if (!account) throw unauthorized();
  if (!(await verifyAccountPassword(db, account, request.currentPassword))) {
    throw new ApiError(403, 'wrong_current_password', 'The current password is not correct.').about('currentPassword');
  }
  const hash = await hashPassword(request.newPassword);
  return revoker.revokeWith('password-changed', () => {
    // The caller may have been signed out while the hashes were computed: then change nothing.
    const now = findSessionById(db, caller.id);
    if (!now) throw unauthorized();
    if (now.revokedAt !== null) throw sessionRevoked(now.revokeReason);
    db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?').run(hash, caller.accountId);
    return request.signOutAllDevices ? revokeAccountSessions(db, caller.accountId, 'password-changed', caller.id) : [];
  });
}
