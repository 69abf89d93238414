/**
 * The loyalty tab of a customer: usable points, the lots they come from with
 * their expiry dates, every movement, and a form to add or remove points by
 * hand with a reason (permission `loyalty.adjust`).
 */
import { Alert, Anchor, Badge, Box, Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconGift } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../api/types.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { FigureCard } from '../ledger/FigureCard.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useExclusive } from '../shared/exclusive.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { type ContactLoyalty, type LoyaltyMovement, useAdjustPoints, useContactLoyalty, useLoyaltySettings } from './api.ts';
import { redemptionValue } from './points.ts';

/** Movements tied to a sale itself (not to one of its returns) link to that sale's page. */
const saleMovements = new Set(['earn', 'redeem', 'void']);

export function LoyaltyPanel({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();
  const loyalty = useContactLoyalty(contact.id);
  const settings = useLoyaltySettings();

  if (loyalty.isPending) return <Skeleton height={240} radius="md" />;
  if (loyalty.isError) return <QueryError error={loyalty.error} onRetry={() => loyalty.refetch()} />;
  const data = loyalty.data;
  const disabled = settings.data && !settings.data.enabled;
  const pointValue = settings.data ? redemptionValue(data.points, settings.data.pointValue, session.business.currency) : null;

  return (
    <Stack gap="md" data-testid="loyalty-panel">
      {disabled && (
        <Alert color="gray" variant="light">
          {t('loyalty.panel.disabled')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <FigureCard
          testId="loyalty-balance"
          label={settings.data?.name ?? t('loyalty.settings.defaultName')}
          value={t('loyalty.points', { count: data.points })}
          hint={pointValue ? <Worth value={pointValue} /> : undefined}
        />
        <FigureCard label={t('loyalty.panel.nextExpiry')} value={<NextExpiry loyalty={data} />} />
      </SimpleGrid>
      {can(session, 'loyalty.adjust') && <AdjustForm contactId={contact.id} />}
      <LotsCard loyalty={data} />
      <HistoryCard history={data.history} />
    </Stack>
  );
}

function Worth({ value }: { value: string }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return <>{t('loyalty.panel.worth', { value: format.money(value) })}</>;
}

function NextExpiry({ loyalty }: { loyalty: ContactLoyalty }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const next = loyalty.lots
    .filter((lot) => lot.remaining > 0 && lot.expiresOn)
    .sort((a, b) => (a.expiresOn ?? '').localeCompare(b.expiresOn ?? ''))[0];
  if (!next?.expiresOn) return <Text inherit c="dimmed">{t('loyalty.panel.noExpiry')}</Text>;
  return <>{t('loyalty.panel.expiryLine', { count: next.remaining, date: format.date(next.expiresOn) })}</>;
}

interface AdjustValues {
  points: string;
  reason: string;
}

function AdjustForm({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const adjust = useAdjustPoints(contactId);
  const form = useFormState<AdjustValues>({ points: '', reason: '' });
  const unshownError = adjust.isError && Object.keys(form.errors).length === 0;

  const exclusive = useExclusive();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = form.values.points.trim().replace(/^\+/, '');
    // Text that is not a whole number goes as typed, so the server names the field.
    const points = /^-?\d+$/.test(text) ? Number(text) : (text as unknown as number);
    void exclusive(async () => {
      try {
        await adjust.mutateAsync({ points, reason: form.values.reason.trim() });
      } catch (error) {
        form.takeErrors(error, ['points', 'reason']);
        return;
      }
      notifySaved(t('loyalty.adjust.saved', { count: points }));
      form.reset({ points: '', reason: '' });
    });
  };

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate data-testid="loyalty-adjust">
      <Title order={3} fz="md" mb={4}>
        {t('loyalty.adjust.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('loyalty.adjust.hint')}
      </Text>
      {unshownError && (
        <Alert color="red" mb="sm">
          {errorMessage(adjust.error, t)}
        </Alert>
      )}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label={t('loyalty.adjust.points')}
          placeholder="+50 / -20"
          inputMode="numeric"
          classNames={{ input: 'amount' }}
          w={140}
          required
          value={form.values.points}
          onChange={(event) => form.set('points', event.currentTarget.value)}
          error={form.error('points')}
        />
        <TextInput
          label={t('loyalty.adjust.reason')}
          placeholder={t('loyalty.adjust.reasonPlaceholder')}
          required
          maxLength={500}
          style={{ flex: '1 1 240px' }}
          value={form.values.reason}
          onChange={(event) => form.set('reason', event.currentTarget.value)}
          error={form.error('reason')}
        />
        <Button type="submit" mt={{ base: 0, xs: 25 }} loading={adjust.isPending}>
          {t('loyalty.adjust.submit')}
        </Button>
      </Group>
    </Paper>
  );
}

function LotsCard({ loyalty }: { loyalty: ContactLoyalty }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} fz="md" mb="sm">
        {t('loyalty.lots.title')}
      </Title>
      {loyalty.lots.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('loyalty.lots.empty')}
        </Text>
      ) : (
        <Table data-testid="loyalty-lots">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('loyalty.lots.earnedOn')}</Table.Th>
              <Table.Th>{t('loyalty.lots.expiresOn')}</Table.Th>
              <Table.Th ta="right">{t('loyalty.lots.points')}</Table.Th>
              <Table.Th ta="right">{t('loyalty.lots.remaining')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loyalty.lots.map((lot, index) => (
              <Table.Tr key={`${lot.earnedOn}-${index}`}>
                <Table.Td className="amount">{format.date(lot.earnedOn)}</Table.Td>
                <Table.Td className="amount" c={lot.expiresOn ? undefined : 'dimmed'}>
                  {lot.expiresOn ? format.date(lot.expiresOn) : t('loyalty.lots.never')}
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {lot.points}
                </Table.Td>
                <Table.Td ta="right" className="amount" fw={600}>
                  {lot.remaining}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function HistoryCard({ history }: { history: LoyaltyMovement[] }) {
  const { t } = useTranslation();
  if (history.length === 0) {
    return <EmptyPanel icon={<IconGift size={28} />} title={t('loyalty.history.empty')} description={t('loyalty.history.emptyHint')} />;
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} fz="md" mb="sm">
        {t('loyalty.history.title')}
      </Title>
      <Box visibleFrom="sm">
        <Table data-testid="loyalty-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>{t('loyalty.history.date')}</Table.Th>
              <Table.Th>{t('loyalty.history.type')}</Table.Th>
              <Table.Th>{t('loyalty.history.detail')}</Table.Th>
              <Table.Th ta="right">{t('loyalty.history.points')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((movement) => (
              <Table.Tr key={movement.id}>
                <Table.Td className="amount">
                  <MovementDate movement={movement} />
                </Table.Td>
                <Table.Td>
                  <MovementType type={movement.type} />
                </Table.Td>
                <Table.Td>
                  <MovementDetail movement={movement} />
                </Table.Td>
                <Table.Td ta="right">
                  <MovementPoints movement={movement} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Stack gap="xs" hiddenFrom="sm">
        {history.map((movement) => (
          <Card key={movement.id} withBorder radius="md" padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} miw={0}>
                <Group gap={6}>
                  <MovementType type={movement.type} />
                  <Text size="xs" c="dimmed">
                    <MovementDate movement={movement} />
                  </Text>
                </Group>
                <MovementDetail movement={movement} />
              </Stack>
              <MovementPoints movement={movement} />
            </Group>
          </Card>
        ))}
      </Stack>
    </Paper>
  );
}

function MovementDate({ movement }: { movement: LoyaltyMovement }) {
  return <>{useBusinessFormat().date(movement.date)}</>;
}

const typeColors: Record<string, string> = {
  earn: 'teal',
  redeem: 'blue',
  return_clawback: 'orange',
  return_refund: 'cyan',
  void: 'gray',
  expire: 'red',
  adjust: 'violet',
};

function MovementType({ type }: { type: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" radius="sm" color={typeColors[type] ?? 'gray'}>
      {t(`loyalty.types.${type}`, { defaultValue: type })}
    </Badge>
  );
}

function MovementDetail({ movement }: { movement: LoyaltyMovement }) {
  const { t } = useTranslation();
  const reference = movement.documentReference;
  const link = movement.documentId && saleMovements.has(movement.type) ? `/sales/${movement.documentId}` : null;
  return (
    <Stack gap={0}>
      {reference &&
        (link ? (
          <Anchor component={Link} to={link} size="sm" ff="monospace">
            {reference}
          </Anchor>
        ) : (
          <Text size="sm" ff="monospace">
            {reference}
          </Text>
        ))}
      {movement.reason && <Text size="sm">{movement.reason}</Text>}
      {movement.shortfall > 0 && (
        <Text size="xs" c="orange.8">
          {t('loyalty.history.shortfall', { count: movement.shortfall })}
        </Text>
      )}
    </Stack>
  );
}

function MovementPoints({ movement }: { movement: LoyaltyMovement }) {
  const sign = movement.points > 0 ? '+' : '';
  let color = 'dimmed';
  if (movement.points < 0) color = 'red.8';
  if (movement.points > 0) color = 'teal.8';
  return (
    <Text size="sm" fw={600} className="amount" c={color}>
      {`${sign}${movement.points}`}
    </Text>
  );
}
