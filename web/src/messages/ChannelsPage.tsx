/**
 * Channel settings: SMTP for email, the HTTP gateways of SMS and WhatsApp,
 * each with a test send that shows the server's own error, and quiet hours.
 * Secrets (the SMTP password, gateway URLs and header values) are
 * write-only: the form shows whether one is stored, never its value.
 */
import { Alert, Button, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { errorMessage } from '../shared/errors.ts';
import { nullIfBlank, useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { type Channel, type EmailChannel, useChannels, useSaveChannel, useTestChannel } from './api.ts';
import { GatewayForm } from './GatewayForm.tsx';
import { channelLabel, leftoverErrors } from './labels.ts';
import { MessagesGuard } from './MessagesGuard.tsx';
import { QuietHoursForm } from './QuietHoursForm.tsx';

export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  return (
    <MessagesGuard permissions={['message.settings']}>
      <PageHeader title={t('msg.channels.title')} description={t('msg.channels.description')} />
      {channels.isPending ? (
        <Skeleton height={420} radius="md" />
      ) : channels.isError ? (
        <QueryError error={channels.error} onRetry={() => channels.refetch()} />
      ) : (
        <Stack gap="lg">
          <EmailForm key={channels.data.email?.updatedAt ?? 'new'} stored={channels.data.email} />
          <GatewayForm key={`sms${channels.data.sms?.updatedAt ?? ''}`} channel="sms" stored={channels.data.sms} />
          <GatewayForm key={`wa${channels.data.whatsapp?.updatedAt ?? ''}`} channel="whatsapp" stored={channels.data.whatsapp} />
          <QuietHoursForm />
        </Stack>
      )}
    </MessagesGuard>
  );
}

interface EmailValues {
  enabled: boolean;
  host: string;
  port: number | string;
  security: EmailChannel['security'];
  user: string;
  password: string;
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
  replyTo: string;
}

const defaultPorts: Record<EmailChannel['security'], number> = { tls: 465, starttls: 587, none: 25 };

function EmailForm({ stored }: { stored: EmailChannel | null }) {
  const { t } = useTranslation();
  const save = useSaveChannel<unknown>('email');
  const [unshown, setUnshown] = useState<string[]>([]);
  const form = useFormState<EmailValues>({
    enabled: stored?.enabled ?? true,
    host: stored?.host ?? '',
    port: stored?.port ?? 587,
    security: stored?.security ?? 'starttls',
    user: stored?.user ?? '',
    password: '',
    removePassword: false,
    fromAddress: stored?.fromAddress ?? '',
    fromName: stored?.fromName ?? '',
    replyTo: stored?.replyTo ?? '',
  });
  const { values } = form;

  const submit = () => {
    setUnshown([]);
    // null removes the stored password, and an omitted one keeps it.
    let password: string | null | undefined = values.password === '' ? undefined : values.password;
    if (values.removePassword) password = null;
    save.mutate(
      {
        enabled: values.enabled,
        host: values.host.trim(),
        port: Number(values.port),
        security: values.security,
        user: nullIfBlank(values.user),
        ...(password === undefined ? {} : { password }),
        fromAddress: values.fromAddress.trim(),
        fromName: nullIfBlank(values.fromName),
        replyTo: nullIfBlank(values.replyTo),
      },
      {
        onSuccess: () => notifySaved(t('msg.channels.saved', { channel: channelLabel(t, 'email') })),
        onError: (error) => {
          const rest = form.takeErrors(error, ['enabled', 'host', 'port', 'security', 'user', 'password', 'fromAddress', 'fromName', 'replyTo']);
          setUnshown(leftoverErrors(error, rest, t));
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={4}>{t('msg.channels.email.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('msg.channels.email.description')}
            </Text>
          </Stack>
          <Switch label={t('msg.channels.enabled')} checked={values.enabled} onChange={(e) => form.set('enabled', e.currentTarget.checked)} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('msg.channels.email.host')}
            placeholder="smtp.exemple.fr"
            required
            value={values.host}
            error={form.error('host')}
            onChange={(e) => form.set('host', e.currentTarget.value)}
          />
          <Select
            label={t('msg.channels.email.security')}
            value={values.security}
            allowDeselect={false}
            data={(['starttls', 'tls', 'none'] as const).map((value) => ({ value, label: t(`msg.channels.email.securities.${value}`) }))}
            onChange={(value) => {
              const security = (value ?? 'starttls') as EmailChannel['security'];
              form.set('security', security);
              if (Object.values(defaultPorts).includes(Number(values.port))) form.set('port', defaultPorts[security]);
            }}
          />
          <NumberInput
            label={t('msg.channels.email.port')}
            required
            min={1}
            max={65535}
            clampBehavior="none"
            allowDecimal={false}
            value={values.port}
            error={form.error('port')}
            onChange={(value) => form.set('port', value)}
          />
          <TextInput
            label={t('msg.channels.email.user')}
            autoComplete="off"
            value={values.user}
            error={form.error('user')}
            onChange={(e) => form.set('user', e.currentTarget.value)}
          />
          <PasswordInput
            label={t('msg.channels.email.password')}
            description={stored?.passwordSet ? t('msg.channels.email.passwordStored') : t('msg.channels.email.passwordNone')}
            autoComplete="new-password"
            disabled={values.removePassword}
            value={values.password}
            error={form.error('password')}
            onChange={(e) => form.set('password', e.currentTarget.value)}
          />
          {stored?.passwordSet ? (
            <Switch
              mt={{ sm: 32 }}
              label={t('msg.channels.email.removePassword')}
              checked={values.removePassword}
              onChange={(e) => form.set('removePassword', e.currentTarget.checked)}
            />
          ) : (
            <div />
          )}
          <TextInput
            label={t('msg.channels.email.fromAddress')}
            placeholder="boutique@exemple.fr"
            required
            value={values.fromAddress}
            error={form.error('fromAddress')}
            onChange={(e) => form.set('fromAddress', e.currentTarget.value)}
          />
          <TextInput
            label={t('msg.channels.email.fromName')}
            value={values.fromName}
            error={form.error('fromName')}
            onChange={(e) => form.set('fromName', e.currentTarget.value)}
          />
          <TextInput
            label={t('msg.channels.email.replyTo')}
            value={values.replyTo}
            error={form.error('replyTo')}
            onChange={(e) => form.set('replyTo', e.currentTarget.value)}
          />
        </SimpleGrid>
        {unshown.length > 0 && (
          <Alert color="red" variant="light">
            {unshown.join(' ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={submit}>
            {t('common.save')}
          </Button>
        </Group>
        <TestSend channel="email" configured={stored !== null} />
      </Stack>
    </Paper>
  );
}

/** Renders the "send a test" row of a channel, which uses the saved settings and so waits for a first save. */
export function TestSend({ channel, configured }: { channel: Channel; configured: boolean }) {
  const { t } = useTranslation();
  const test = useTestChannel(channel);
  const [to, setTo] = useState('');
  const result = test.data;
  // A recipient the server cannot read (an address, a phone number) is named under the field.
  const toError = isApiError(test.error) ? test.error.fieldErrors.to : undefined;

  return (
    <Stack gap="xs" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          style={{ flex: '1 1 220px' }}
          label={t(channel === 'email' ? 'msg.channels.test.toEmail' : 'msg.channels.test.toPhone')}
          value={to}
          disabled={!configured}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            if (test.isError) test.reset();
          }}
          error={toError}
        />
        <Button
          variant="default"
          leftSection={<IconSend size={16} />}
          disabled={!configured || to.trim() === ''}
          loading={test.isPending}
          onClick={() => test.mutate(to.trim())}
        >
          {t('msg.channels.test.send')}
        </Button>
      </Group>
      {!configured && (
        <Text size="sm" c="dimmed">
          {t('msg.channels.test.saveFirst')}
        </Text>
      )}
      {result?.ok && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid={`test-${channel}-result`}>
          {t('msg.channels.test.sent', { recipient: result.recipient })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="light" icon={<IconX size={18} />} title={t('msg.channels.test.failed')} data-testid={`test-${channel}-result`}>
          {result.status === null ? (
            result.error
          ) : (
            <Stack gap={4}>
              <Text size="sm">{t('msg.channels.test.gatewayStatus', { status: result.status, recipient: result.recipient })}</Text>
              {result.response && (
                <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {t('msg.channels.test.gatewayResponse', { response: result.response })}
                </Text>
              )}
            </Stack>
          )}
        </Alert>
      )}
      {test.isError && !toError && (
        <Alert color="red" variant="light" icon={<IconX size={18} />} data-testid={`test-${channel}-result`}>
          {errorMessage(test.error, t)}
        </Alert>
      )}
    </Stack>
  );
}
