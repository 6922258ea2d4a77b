/** Account passwords and profile PINs, kept as salted scrypt hashes (common/scrypt-hash.ts). */
export { hashSecret as hashPassword, verifySecret as verifyPassword } from '../common/scrypt-hash';
