/** The services every route module receives from createServer. */
import type { Database } from './db';
import type { Revoker } from './revocation';
import type { StreamHub } from './streams';

/** Shared state of one server instance. */
export interface ServerContext {
  db: Database;
  hub: StreamHub;
  revoker: Revoker;
}
