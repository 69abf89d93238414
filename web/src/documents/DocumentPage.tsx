/**
 * One sale or purchase: status, due date and open amount, its lines, returns
 * and what settled it, with the actions its status allows: finalise a parked
 * one, pay, return or void a final one.
 */
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconBan, IconCheck, IconCircleCheck, IconPencil, IconUserEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useContact } from '../contacts/api.ts';
import { contactPath } from '../contacts/paths.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { FigureCard } from '../ledger/FigureCard.tsx';
import { SendMessageButton } from '../messages/SendMessageButton.tsx';
import { PayButton } from '../payments/PayButton.tsx';
import { ChangeCustomerDialog } from '../pricing/ChangeCustomerDialog.tsx';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { type SaleDocument, useDocument, useFinaliseDocument } from './api.ts';
import { DocumentStatusBadge, OverdueBadge, PaidBadge } from './badges.tsx';
import { CreditLimitAlert } from './CreditLimitAlert.tsx';
import { DocumentLines, Settlements } from './DocumentLines.tsx';
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
  const [customerOpened, setCustomerOpened] = useState(false);

  const isFinal = document.status === 'final';
  const open = decimalSign(document.openAmount) > 0;
  const canPost = can(session, `${section}.create`);
  // The server rejects the void when it would reverse money and the user lacks payment.reverse.
  const voidBlocked = document.voidReversesPayments && !can(session, 'payment.reverse');
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
      {document.status === 'parked' && canPost && (
        <Button variant="default" leftSection={<IconPencil size={16} />} component={Link} to={`${documentsPath(section)}/${document.id}/edit`}>
          {t('trade.form.edit')}
        </Button>
      )}
      {document.status === 'parked' && section === 'sale' && canPost && (
        <Button variant="default" leftSection={<IconUserEdit size={16} />} onClick={() => setCustomerOpened(true)}>
          {t('pricing.changeCustomer.action')}
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
      {isFinal && contact.data && (
        <SendMessageButton contact={contact.data} documentId={document.id} event={section === 'sale' ? 'new_sale' : 'new_purchase'} />
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
      {isFinal && canPost && !voidBlocked && (
        <Button variant="subtle" color="red" leftSection={<IconBan size={16} />} onClick={() => setVoidOpened(true)}>
          {t(`trade.${section}.void`)}
        </Button>
      )}
      {isFinal && canPost && voidBlocked && (
        <Tooltip label={t('trade.void.needsReverse')} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
          <Button variant="subtle" color="red" leftSection={<IconBan size={16} />} data-disabled data-testid="void-blocked" onClick={(event) => event.preventDefault()}>
            {t(`trade.${section}.void`)}
          </Button>
        </Tooltip>
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
            {document.sourceReference && (
              <Text span size="sm" c="dimmed" data-testid="document-source">
                {t('trade.imported', { reference: document.sourceReference })}
              </Text>
            )}
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
        {document.status === 'parked' && !created && (
          <Alert color="yellow" variant="light" data-testid="document-parked">
            {t('trade.parkedHint')}
          </Alert>
        )}
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

        <DocumentLines document={document} />
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

      {section === 'sale' && (
        <ChangeCustomerDialog sale={document} opened={customerOpened} onClose={() => setCustomerOpened(false)} />
      )}
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
