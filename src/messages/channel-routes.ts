/** HTTP routes of the channel settings, test sends and message settings. */
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { channels } from './catalogue.ts';
import { channelsView, channelTestInput, channelTestResult, emailChannelInput, gatewayChannelInput } from './channel-schemas.ts';
import { getChannels } from './get-channels.ts';
import { getMessageSettings, messageSettingsPatch, messageSettingsView, updateMessageSettings } from './message-settings.ts';
import { testChannel } from './test-channel.ts';
import { updateEmailChannel } from './update-email-channel.ts';
import { updateGatewayChannel } from './update-gateway-channel.ts';

const tags = ['messages'];

export async function channelRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const { db } = deps;

  app.get('/api/v1/message-channels', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Read the channel settings',
      description: 'Secrets are never returned: passwordSet and headerNames tell what is stored.',
      response: { 200: channelsView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return getChannels(db, auth.businessId);
  });

  app.put('/api/v1/message-channels/email', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Save the SMTP settings',
      description: 'The password is stored encrypted (AES-256-GCM). Without COMPTOIR_SECRET_KEY, PostgreSQL installations return 503 secret_key_missing.',
      body: emailChannelInput,
      response: { 200: channelsView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    await updateEmailChannel(db, auth, request.body);
    return getChannels(db, auth.businessId);
  });

  for (const channel of ['sms', 'whatsapp'] as const) {
    app.put(`/api/v1/message-channels/${channel}`, {
      config: { permission: 'message.settings' },
      schema: {
        tags,
        summary: channel === 'sms' ? 'Save the SMS gateway' : 'Save the WhatsApp API gateway',
        description:
          'An HTTP gateway: the URL (and, for POST, the body) holds {{number}} (E.164) and {{text}}. The URL and header values are stored encrypted.',
        body: gatewayChannelInput,
        response: { 200: channelsView },
      },
    }, async (request) => {
      const auth = requireAuth(request);
      requirePermission(auth, 'message.settings');
      await updateGatewayChannel(db, auth, channel, request.body);
      return getChannels(db, auth.businessId);
    });
  }

  app.post('/api/v1/message-channels/:channel/test', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Send a test message with the saved settings',
      description: 'Sends at once, outside the outbox, and returns the server’s error when it fails.',
      params: z.object({ channel: z.enum(channels) }),
      body: channelTestInput,
      response: { 200: channelTestResult },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return testChannel(db, auth, request.params.channel, request.body.to, request.locale);
  });

  app.get('/api/v1/message-settings', {
    config: { permission: 'message.settings' },
    schema: { tags, summary: 'Read quiet hours and the reminder switch', response: { 200: messageSettingsView } },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return getMessageSettings(db, auth.businessId);
  });

  app.patch('/api/v1/message-settings', {
    config: { permission: 'message.settings' },
    schema: {
      tags,
      summary: 'Change quiet hours or switch reminders on or off',
      body: messageSettingsPatch,
      response: { 200: messageSettingsView },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    requirePermission(auth, 'message.settings');
    return updateMessageSettings(db, auth, request.body);
  });
}
