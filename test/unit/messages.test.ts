import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IssueList } from '../../src/shared/errors.ts';
import { localInstant, notBefore } from '../../src/messages/quiet-hours.ts';
import { checkPlaceholders, renderHtml, renderText } from '../../src/messages/render.ts';
import { groupByLevel } from '../../src/messages/run-reminders.ts';
import { secretBox } from '../../src/messages/secrets.ts';
import { buildGatewayRequest } from '../../src/messages/transports/gateway.ts';
import { signBody, verifySignature } from '../../src/messages/webhook-signature.ts';
import type { ReminderLevel } from '../../src/messages/reminder-levels.ts';

describe('placeholder checks', () => {
  const check = (text: string, event: Parameters<typeof checkPlaceholders>[1] = 'new_sale') => {
    const issues = new IssueList();
    checkPlaceholders(text, event, 'text', issues);
    return issues.items.map((i) => [i.code, i.params?.name ?? i.params?.value]);
  };

  it('known placeholders pass, spaces allowed', () => {
    expect(check('{{ contact_name }} doit {{document_due}}')).toEqual([]);
  });

  it('unknown placeholder is named once', () => {
    expect(check('{{total}} et {{total}}')).toEqual([['unknown_placeholder', 'total']]);
  });

  it('placeholder of another event is reported', () => {
    expect(check('{{payment_amount}}')).toEqual([['placeholder_not_available', 'payment_amount']]);
    expect(check('{{payment_amount}}', 'payment_received')).toEqual([]);
  });

  it('malformed placeholders are reported', () => {
    expect(check('{{Nom Client}}')).toEqual([['malformed_placeholder', '{{Nom Client}}']]);
    expect(check('Bonjour {{contact_name')).toEqual([['malformed_placeholder', '{{']]);
  });
});

describe('rendering', () => {
  const values = { text: { contact_name: 'Zoé <b> & "Cie"', open_items: '- V1' }, html: { open_items: '<ul><li>V1</li></ul>' } };

  it('HTML escapes values but keeps list markup', () => {
    expect(renderHtml('<p>{{contact_name}}</p>{{open_items}}', values)).toBe(
      '<p>Zoé &lt;b&gt; &amp; &quot;Cie&quot;</p><ul><li>V1</li></ul>',
    );
  });

  it('text keeps values as they are', () => {
    expect(renderText('{{contact_name}}\n{{open_items}}', values)).toBe('Zoé <b> & "Cie"\n- V1');
  });

  it('missing values render empty', () => {
    expect(renderText('[{{document_number}}]', values)).toBe('[]');
  });
});

describe('quiet hours', () => {
  const quiet = { start: '21:00', end: '08:00' };

  it('outside the range sends at once', () => {
    const now = new Date('2024-03-01T10:00:00Z');
    expect(notBefore(now, 'Europe/Paris', quiet)).toEqual(now);
  });

  it('late evening waits for next morning', () => {
    expect(notBefore(new Date('2024-03-01T22:30:00Z'), 'Europe/Paris', quiet).toISOString()).toBe('2024-03-02T07:00:00.000Z');
  });

  it('early morning waits for the same morning', () => {
    expect(notBefore(new Date('2024-03-02T04:00:00Z'), 'Europe/Paris', quiet).toISOString()).toBe('2024-03-02T07:00:00.000Z');
  });

  it('end falls after the daylight saving change', () => {
    // Paris moves to UTC+2 during the night of 30 to 31 March 2024.
    expect(notBefore(new Date('2024-03-30T22:00:00Z'), 'Europe/Paris', quiet).toISOString()).toBe('2024-03-31T06:00:00.000Z');
  });

  it('range within a day is honoured', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(notBefore(new Date('2024-03-01T16:00:00Z'), 'America/Martinique', lunch).toISOString()).toBe('2024-03-01T18:00:00.000Z');
  });

  it('local instant converts a wall time', () => {
    expect(localInstant('2024-07-14', '09:30', 'Europe/Paris').toISOString()).toBe('2024-07-14T07:30:00.000Z');
  });
});

describe('gateway requests', () => {
  const secrets = { url: 'https://sms.example/send?key=k&to={{number}}', headers: { 'X-Token': 't' } };

  it('JSON body escapes quotes and new lines', () => {
    const request = buildGatewayRequest(
      { urlPreview: '', method: 'POST', contentType: 'application/json', bodyTemplate: '{"to":"{{number}}","text":"{{text}}"}', headerNames: [] },
      secrets,
      { number: '+33612345678', text: 'Il a dit "bonjour"\nà demain' },
    );
    expect(request.url).toBe('https://sms.example/send?key=k&to=%2B33612345678');
    expect(JSON.parse(request.body ?? '')).toEqual({ to: '+33612345678', text: 'Il a dit "bonjour"\nà demain' });
    expect(request.headers).toEqual({ 'X-Token': 't', 'content-type': 'application/json' });
  });

  it('form body is URL-encoded', () => {
    const request = buildGatewayRequest(
      { urlPreview: '', method: 'POST', contentType: 'application/x-www-form-urlencoded', bodyTemplate: 'to={{number}}&msg={{text}}', headerNames: [] },
      secrets,
      { number: '+33612345678', text: 'a&b=c' },
    );
    expect(new URLSearchParams(request.body).get('msg')).toBe('a&b=c');
  });
});

describe('secrets at rest', () => {
  const env = { COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64') };
  const box = secretBox({ engine: 'postgres', url: 'postgres://unused' }, env);

  it('sealed value opens with its context', () => {
    const sealed = box.seal('mot de passe', 'b1:channel:email');
    expect(sealed).not.toContain('mot de passe');
    expect(box.open(sealed, 'b1:channel:email')).toBe('mot de passe');
  });

  it('another context cannot open it', () => {
    const sealed = box.seal('mot de passe', 'b1:channel:email');
    expect(() => box.open(sealed, 'b2:channel:email')).toThrow();
  });

  it('another key names both key ids', () => {
    const sealed = box.seal('x', 'c');
    const other = secretBox({ engine: 'postgres', url: 'postgres://unused' }, { COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64') });
    expect(() => other.open(sealed, 'c')).toThrow(new RegExp(`${box.keyId}.*${other.keyId}`));
  });

  it('short key is rejected with the fix', () => {
    expect(() => secretBox({ engine: 'postgres', url: 'x' }, { COMPTOIR_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/openssl rand -base64 32/);
  });
});

describe('webhook signature', () => {
  it('matches the published HMAC-SHA256 example', () => {
    const body = 'The quick brown fox jumps over the lazy dog';
    expect(signBody('key', body)).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('verification rejects a missing or altered signature', () => {
    const signature = signBody('secret', '{"a":1}');
    expect(verifySignature('secret', '{"a":1}', signature)).toBe(true);
    expect(verifySignature('secret', '{"a":2}', signature)).toBe(false);
    expect(verifySignature('secret', '{"a":1}', undefined)).toBe(false);
  });
});

describe('reminder grouping', () => {
  const timingOf = (offsetDays: number): ReminderLevel['timing'] => {
    if (offsetDays < 0) return 'before_due';
    return offsetDays === 0 ? 'on_due' : 'after_due';
  };
  const level = (id: string, offsetDays: number): ReminderLevel => ({
    id,
    name: id,
    timing: timingOf(offsetDays),
    days: Math.abs(offsetDays),
    offsetDays,
    templateId: 't',
    channels: ['email'],
    isActive: true,
    createdAt: '',
    updatedAt: '',
  });
  const levels = [level('before', -3), level('after1', 1), level('after15', 15)];
  const item = (id: string, dueDate: string) => ({ id, contactId: 'c', reference: id, date: '2024-01-01', dueDate, amount: 100, openAmount: 100 });

  it('each item goes to its latest level', () => {
    const groups = groupByLevel([item('old', '2024-02-01'), item('late', '2024-03-01'), item('soon', '2024-03-05')], levels, new Map(), '2024-03-02');
    expect(groups.map((g) => [g.level.id, g.items.map((i) => i.id)])).toEqual([
      ['after15', ['old']],
      ['after1', ['late']],
      ['before', ['soon']],
    ]);
  });

  it('recorded items stay listed without a new message', () => {
    const logged = new Map([['late', new Set(['after1'])]]);
    const [group] = groupByLevel([item('late', '2024-03-01')], levels, logged, '2024-03-05');
    expect(group?.hasNew).toBe(false);
    expect(group?.items).toHaveLength(1);
  });
});
