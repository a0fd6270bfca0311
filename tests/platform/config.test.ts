import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';

describe('configuration', () => {
  it('defaults to embedded services when nothing is configured', () => {
    const c = loadConfig({});
    expect(c.database.url).toBeUndefined();
    expect(c.temporal.address).toBeUndefined();
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(c.temporal.namespace).toBe('default');
    expect(c.port).toBe(3000);
  });

  it('names each bad variable and why', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join('\n');
      expect(issues).toMatch(/PORT/);
      expect(issues).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(issues).toMatch(/NODE_ENV/);
    }
  });

  it('turns on TLS for a cluster with an API key, and parses lists', () => {
    const c = loadConfig({
      TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k',
      CORS_ORIGINS: 'https://a.uz, https://b.uz',
    });
    expect(c.temporal.tls?.enabled).toBe(true);
    expect(c.corsOrigins).toEqual(['https://a.uz', 'https://b.uz']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', SMTP_URL: '' }).database.url).toBeUndefined();
  });
});
