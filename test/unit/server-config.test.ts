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
