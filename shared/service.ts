/** Where the mock service can be reached, as the service reports it to the host that started it (server/service.ts). */

/** What the service tells whoever started it about where it can be reached. */
export interface ServiceStatus {
  /** Base URL on loopback, e.g. http://127.0.0.1:4700. */
  url: string;
  /** Where couchside.db lives, or null in memory. */
  dataDir: string | null;
  lan: {
    /** The setting as last asked for (setLan). */
    enabled: boolean;
    /** Base URLs phones on the local network can open (empty while off, or when none could be opened). */
    urls: string[];
    /** Why the service could not be opened to the network, in words for the user; null when fine. */
    problem: string | null;
  };
}
