import type { Connection } from 'pg';
import Cursor from 'pg-cursor';

/**
 * A pg-cursor that survives COPY. pg-cursor has no COPY handlers, and node-postgres calls them from
 * its socket listener, so a COPY statement reaching it would throw there and take the whole process
 * down. `checkStatement` refuses COPY first; this is the second wall: COPY FROM STDIN is failed,
 * COPY TO STDOUT's data dropped.
 */
export class GuardedCursor extends Cursor {
  handleCopyInResponse(connection: Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('sql.query does not run COPY');
  }

  handleCopyData(): void {
    // dropped: COPY output is not a query result
  }
}
