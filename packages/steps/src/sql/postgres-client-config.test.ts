import { describe, expect, it } from 'vitest';
import { postgresClientConfig } from './postgres-client-config';

describe('postgresClientConfig', () => {
  it('keeps the connection string but not its timeouts or replication mode', () => {
    const url = `postgres://reader:pw@db.example:6543/lab?statement_timeout=0&idle_in_transaction_session_timeout=0&replication=database&options=${encodeURIComponent('-c search_path=analytics -c statement_timeout=0')}`;
    const config = postgresClientConfig(url, 1500, 3500);
    expect(config).toMatchObject({
      user: 'reader',
      password: 'pw',
      host: 'db.example',
      port: 6543,
      database: 'lab',
      statement_timeout: 1500,
      idle_in_transaction_session_timeout: 3500,
    });
    expect(config).not.toHaveProperty('replication');
    expect(config).not.toHaveProperty('connectionString');
    // The string's options are sent, but before the explicit settings, which the server applies last.
    expect(config.options).toBe('-c search_path=analytics -c statement_timeout=0');
  });
});
