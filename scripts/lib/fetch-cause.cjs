/**
 * Preloaded into Electron's installer by scripts/lib/electron-binary.ts: Node's fetch reports a
 * refused or unresolvable connection as "fetch failed" and keeps the reason in `cause`, which the
 * installer's `console.error(err.stack)` drops. This names it ("fetch failed: connect ECONNREFUSED
 * 140.82.121.4:443"); the download itself is untouched.
 */
const original = globalThis.fetch;
if (typeof original === 'function') {
  globalThis.fetch = async function fetchWithCause(...args) {
    try {
      return await original.apply(this, args);
    } catch (err) {
      const cause = err && err.cause;
      if (!cause) throw err;
      const named = cause.code && cause.message && !cause.message.includes(cause.code) ? `${cause.code} ${cause.message}` : cause.message || cause.code;
      throw new TypeError(`${err.message}: ${named}`, { cause: err });
    }
  };
}
