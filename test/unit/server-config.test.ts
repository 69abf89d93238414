import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';

describe('server config durations', () => {
  it('defaults apply when unset', () => {
    const config = loadConfig({});
    expect(config.shutdownGraceSeconds).toBe(20);
    expect(config.databaseWaitSeconds).toBe(60);
  });

  it('zero and fractions are accepted', () => {
    const config = loadConfig({ COMPTOIR_SHUTDOWN_GRACE_SECONDS: '0', COMPTOIR_DATABASE_WAIT_SECONDS: '2.5' });
    expect(config.shutdownGraceSeconds).toBe(0);
    expect(config.databaseWaitSeconds).toBe(2.5);
  });

  it('invalid value names the variable', () => {
    expect(() => loadConfig({ COMPTOIR_SHUTDOWN_GRACE_SECONDS: 'vingt' })).toThrow(/COMPTOIR_SHUTDOWN_GRACE_SECONDS must be a number of seconds, 0 or more \(got "vingt"\)/);
    expect(() => loadConfig({ COMPTOIR_DATABASE_WAIT_SECONDS: '-1' })).toThrow(/COMPTOIR_DATABASE_WAIT_SECONDS/);
  });
});

describe('server config admin name', () => {
  it('defaults to the role name', () => {
    expect(loadConfig({}).adminName).toBe('Administrateur');
    expect(loadConfig({ COMPTOIR_LOCALE: 'en' }).adminName).toBe('Administrator');
    expect(loadConfig({ COMPTOIR_ADMIN_NAME: '   ' }).adminName).toBe('Administrateur');
  });

  it('given name is trimmed', () => {
    expect(loadConfig({ COMPTOIR_ADMIN_NAME: ' Claire Martin ' }).adminName).toBe('Claire Martin');
  });

  it('invalid name names the variable', () => {
    expect(() => loadConfig({ COMPTOIR_ADMIN_NAME: 'Claire\u0007' })).toThrow(/COMPTOIR_ADMIN_NAME must be plain text, without control characters \(got "Claire\uFFFD"\)/);
    expect(() => loadConfig({ COMPTOIR_ADMIN_NAME: 'x'.repeat(201) })).toThrow('COMPTOIR_ADMIN_NAME must have at most 200 characters (got 201)');
  });
});
