/**
 * One sale or purchase: status, due date and open amount, its lines, returns
 * and what settled it, with the actions its status allows: finalise a parked
 * one, pay, return or void a final one.
 */
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconBan, IconCheck, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import type { Locale } from '../api/types.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useContact } from '../contacts/api.ts';
import { contactPath } from '../contacts/paths.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { FigureCard } from '../ledger/FigureCard.tsx';
import { PayButton } from '../payments/PayButton.tsx';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign, decimalToInput } from '../shared/money.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { type SaleDocument, useDocument, useFinaliseDocument } from './api.ts';
import { DocumentStatusBadge, OverdueBadge, PaidBadge } from './badges.tsx';
import { CreditLimitAlert } from './CreditLimitAlert.tsx';
import type { CreatedState } from './DocumentFormPage.tsx';
import { type DocumentSection, documentsPath } from './paths.ts';
import { ReturnDialog } from './ReturnDialog.tsx';
import { VoidDialog } from './VoidDialog.tsx';

export function DocumentPage({ section }: { section: DocumentSection }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const document = useDocument(section, id);

  if (document.isPending) {
    return (
      <Stack>
        <Skeleton height={40} width={320} />
        <Skeleton height={96} radius="md" />
        <Skeleton height={240} radius="md" />
      </Stack>
    );
  }
  if (document.isError) {
    return (
      <>
        <PageHeader crumbs={[{ label: t(`trade.${section}.title`), to: documentsPath(section) }]} title={t(`trade.${section}.one`)} />
        <QueryError error={document.error} onRetry={() => document.refetch()} />
      </>
    );
  }
  return <DocumentView document={document.data} section={section} />;
}

function DocumentView({ document, section }: { document: SaleDocument; section: DocumentSection }) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const location = useLocation();
  const created = (location.state as CreatedState | null)?.created;
  const contact = useContact(document.contactId ?? undefined);
  const finalise = useFinaliseDocument(section, document.id);
  const [voidOpened, setVoidOpened] = useState(false);
  const [returnOpening, setReturnOpening] = useState(0);
  const [returnOpened, setReturnOpened] = useState(false);

  const isFinal = document.status === 'final';
  const open = decimalSign(document.openAmount) > 0;
  const canPost = can(session, `${section}.create`);
  const refusal = isApiError(finalise.error, 'credit_limit_exceeded') ? finalise.error : null;

  const runFinalise = (reason?: string) =>
    finalise.mutate(reason ? { creditLimitOverride: { reason } } : {}, {
      onSuccess: () => notifySaved(t('trade.finalised', { reference: document.reference })),
      onError: (error) => {
        if (!isApiError(error, 'credit_limit_exceeded')) notifyFailed(error, t);
      },
    });

  const actions = (
    <>
      {document.status === 'parked' && canPost && (
        <Button leftSection={<IconCheck size={16} />} loading={finalise.isPending} onClick={() => runFinalise()}>
          {t('trade.finalise')}
        </Button>
      )}
      {isFinal && open && contact.data && (
        <PayButton
          contact={contact.data}
          target={{
            id: document.id,
            reference: document.reference,
            openAmount: document.openAmount,
            direction: section === 'sale' ? 'received' : 'paid',
          }}
        />
      )}
      {isFinal && canPost && (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp size={16} />}
          onClick={() => {
            setReturnOpening((count) => count + 1);
            setReturnOpened(true);
          }}
        >
          {t('trade.return.action')}
        </Button>
      )}
      {isFinal && canPost && document.returns.length === 0 && (
        <Button variant="subtle" color="red" leftSection={<IconBan size={16} />} onClick={() => setVoidOpened(true)}>
          {t(`trade.${section}.void`)}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        crumbs={[{ label: t(`trade.${section}.title`), to: documentsPath(section) }]}
        title={`${t(`trade.${section}.one`)} ${document.reference}`}
        badges={
          <Group gap={6}>
            <DocumentStatusBadge status={document.status} />
            {document.overdue && <OverdueBadge />}
            {isFinal && !open && <PaidBadge />}
          </Group>
        }
        description={
          <Group gap="md" component="span">
            {document.contactId && contact.data ? (
              <Anchor component={Link} to={contactPath(contact.data)} size="sm">
                {contact.data.name}
              </Anchor>
            ) : (
              !document.contactId && <Text span size="sm">{t('trade.walkIn')}</Text>
            )}
            <Text span size="sm">
              {format.date(document.date)}
            </Text>
          </Group>
        }
        actions={actions}
      />

      <Stack gap="md">
        {created && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="document-saved">
            {t(created === 'final' ? `trade.${section}.savedFinal` : 'trade.savedParked', {
              reference: document.reference,
            })}
          </Alert>
        )}
        {document.warnings.map((warning) => (
          <Alert key={warning.code} color="yellow" variant="light" title={t('trade.credit.warnTitle')}>
            {t('trade.credit.warnText', {
              limit: format.money(warning.limit),
              exposure: format.money(warning.exposure),
              amount: format.money(warning.amount),
            })}
          </Alert>
        ))}
        {refusal && <CreditLimitAlert error={refusal} pending={finalise.isPending} onOverride={runFinalise} />}
        {document.status === 'void' && (
          <Alert color="gray" variant="light" icon={<IconBan size={18} />}>
            {t('trade.void.voided', { date: document.voidedAt ? format.dateTime(document.voidedAt) : '' })}
            {document.voidReason ? ` — ${document.voidReason}` : ''}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <FigureCard label={t('trade.totals.total')} value={<Amount value={document.total} />} />
          <FigureCard label={t('trade.paidAmount')} value={<Amount value={document.paidAmount} />} />
          <FigureCard
            testId="document-open"
            label={t('trade.openAmount')}
            value={<Amount value={document.openAmount} />}
            color={document.overdue ? 'red.8' : undefined}
          />
          <FigureCard
            label={t('trade.dueDate')}
            value={format.date(document.dueDate)}
            hint={document.payTerm?.label ?? t('payTerm.none')}
            color={document.overdue ? 'red.8' : undefined}
          />
        </SimpleGrid>

        <LinesTable document={document} />
        <Settlements document={document} />
        {document.note && (
          <Paper withBorder radius="md" p="md">
            <Title order={3} fz="md" mb={4}>
              {t('trade.form.note')}
            </Title>
            <Text size="sm" className="pre-line">
              {document.note}
            </Text>
          </Paper>
        )}
      </Stack>

      <VoidDialog document={document} section={section} opened={voidOpened} onClose={() => setVoidOpened(false)} />
      <ReturnDialog
        document={document}
        section={section}
        opened={returnOpened}
        opening={returnOpening}
        onClose={() => setReturnOpened(false)}
      />
    </>
  );
}

/** A rate as each language writes it: `5,5 %` in French (no-break space), `5.5%` in English. */
function percentText(value: string, locale: Locale): string {
  return locale === 'fr' ? `${decimalToInput(value, locale)}\u00a0%` : `${value}%`;
}

function LinesTable({ document }: { document: SaleDocument }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const anyReturned = document.lines.some((line) => line.returnedQuantity && decimalSign(line.returnedQuantity) > 0);
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="document-lines">
          <Table.Thead bg="var(--mantine-color-gray-0)">
            <Table.Tr>
              <Table.Th>{t('trade.lines.description')}</Table.Th>
              <Table.Th ta="right">{t('trade.lines.quantity')}</Table.Th>
              <Table.Th ta="right">{t('trade.lines.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('trade.lines.discount')}</Table.Th>
              <Table.Th ta="right">{t('trade.lines.taxRate')}</Table.Th>
              <Table.Th ta="right">{t('trade.lines.total')}</Table.Th>
              {anyReturned && <Table.Th ta="right">{t('trade.lines.returned')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {document.lines.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td>
                  <Text size="sm">{line.description}</Text>
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {decimalToInput(line.quantity, format.locale)}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={line.unitPrice} size="sm" />
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {decimalSign(line.discountPercent) > 0 ? percentText(line.discountPercent, format.locale) : ''}
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {percentText(line.taxRate, format.locale)}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={line.total} size="sm" fw={500} />
                </Table.Td>
                {anyReturned && (
                  <Table.Td ta="right" className="amount">
                    {line.returnedQuantity && decimalSign(line.returnedQuantity) > 0
                      ? decimalToInput(line.returnedQuantity, format.locale)
                      : ''}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Td colSpan={5} ta="right">
                <Text size="sm" c="dimmed">
                  {t('trade.totals.subtotal')} <Amount value={document.subtotal} /> · {t('trade.totals.tax')}{' '}
                  <Amount value={document.taxTotal} />
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Amount value={document.total} fw={700} />
              </Table.Td>
              {anyReturned && <Table.Td />}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** What settled the document: payments, returns, discounts, advances applied. */
function Settlements({ document }: { document: SaleDocument }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  if (document.settlements.length === 0 && document.returns.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} fz="md" mb="sm">
        {t('trade.settlements')}
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table data-testid="document-settlements">
          <Table.Tbody>
            {document.settlements.map((settlement) => (
              <Table.Tr key={settlement.allocationId}>
                <Table.Td w={120}>{format.date(settlement.date)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {settlement.reference}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`ledger.types.${settlement.kind}`, { defaultValue: settlement.kind })}</Table.Td>
                <Table.Td ta="right">
                  <Amount value={settlement.amount} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
            {document.returns
              .filter((entry) => !document.settlements.some((settlement) => settlement.sourceId === entry.id))
              .map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td w={120}>{format.date(entry.date)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {entry.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`ledger.types.${entry.type}`, { defaultValue: entry.type })}</Table.Td>
                  <Table.Td ta="right">
                    <Amount value={entry.total} size="sm" />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
