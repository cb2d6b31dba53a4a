import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs with no configuration at all: port 3000, embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.jobs.pollCron).toBe('*/2 * * * * *');
  });

  it('reads overrides and treats empty values as unset', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', APP_URL: 'https://sales.example.com/app', DNS_SERVERS: '127.0.0.1:5353, 1.1.1.1', LOG_LEVEL: '' });
    expect(config.port).toBe(8080);
    expect(config.appOrigin).toBe('https://sales.example.com');
    expect(config.dnsServers).toEqual(['127.0.0.1:5353', '1.1.1.1']);
    expect(config.logLevel).toBe('info');
  });

  it('fails with a message naming each bad variable and its value', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', SEND_TICK_CRON: 'every minute', DATABASE_URL: 'mysql://x', ENCRYPTION_KEY: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('"eighty"');
      expect(message).toContain('SEND_TICK_CRON: is not a valid cron expression (got "every minute")');
      expect(message).toContain('DATABASE_URL: must start with postgres://');
      expect(message).toContain('ENCRYPTION_KEY: must be 32 bytes');
    }
  });
});
