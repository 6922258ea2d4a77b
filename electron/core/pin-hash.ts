/** The kiosk admin PIN: its shape, and its hash (the one scrypt format, common/scrypt-hash.ts). */
export { hashSecret as hashPin, isSecretHash as isPinHash, verifySecret as verifyPin } from '../../common/scrypt-hash';

/** What an admin PIN looks like: 4 to 8 digits. */
export const PIN_PATTERN = /^\d{4,8}$/;
