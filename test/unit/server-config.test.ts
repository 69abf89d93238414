import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';

describe('server config durations', () => {
  it('defaults apply when unset', () => {
    const config = loadConfig({});
    expect(config.shutdownGraceSeconds).toBe(20);
  });

  it('zero and fractions are accepted', () => {
    expect(loadConfig({ COMPTOIR_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceSeconds).toBe(0);
    expect(loadConfig({ COMPTOIR_SHUTDOWN_GRACE_SECONDS: '2.5' }).shutdownGraceSeconds).toBe(2.5);
  });

  it('invalid value names the variable', () => {
    expect(() => loadConfig({ COMPTOIR_SHUTDOWN_GRACE_SECONDS: 'vingt' })).toThrow(/COMPTOIR_SHUTDOWN_GRACE_SECONDS must be a number of seconds, 0 or more \(got "vingt"\)/);
    expect(() => loadConfig({ COMPTOIR_SHUTDOWN_GRACE_SECONDS: '-1' })).toThrow(/COMPTOIR_SHUTDOWN_GRACE_SECONDS/);
  });
});
