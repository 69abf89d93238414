/**
 * Merge of two or more contacts: the user picks the contact to keep and,
 * field by field (each custom field included), whose value it keeps, side
 * by side where the contacts fit and stacked on a phone (MergeChoices.tsx).
 * The server's dry run shows the result and the history that moves
 * (documents, payments, ledger entries, points, notes…) before the real
 * merge.
 */
import { Alert, Anchor, Button, Group, List, Modal, Paper, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconGitMerge } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { type TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import { type Contact, type CustomFieldKey, customFieldKeys } from '../../api/types.ts';
import { can, useBusinessFormat, useSession } from '../../auth/session-context.tsx';
import type { Formatters } from '../../i18n/format.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { QueryError } from '../../layout/QueryError.tsx';
import { Amount } from '../../shared/Amount.tsx';
import { countryName } from '../../shared/places.ts';
import { readablePhone } from '../../shared/phones.ts';
import { useExclusive } from '../../shared/exclusive.ts';
import { notifyFailed, notifyFailedWith, notifySaved } from '../../shared/notify.ts';
import { TypeBadge } from '../badges.tsx';
import { payTermLabel } from '../form/payTerm.ts';
import { useCustomerGroups, useMerge, useMergePreview } from '../list/list-api.ts';
import { contactPath } from '../paths.ts';
import { type ChoiceRow, MergeChoices } from './MergeChoices.tsx';
import { duplicatesPath } from './paths.ts';

/**
 * Fields the user chooses between, in form order, before the custom fields.
 * The type is left out: the merge unites it (customer and supplier give
 * both).
 */
const choiceFields = [
  'code', 'kind', 'prefix', 'firstName', 'middleName', 'lastName', 'businessName', 'mobile', 'alternateNumber',
  'landline', 'email', 'taxNumber', 'addressLine1', 'addressLine2', 'city', 'zipCode', 'state', 'country',
  'shippingAddress', 'dateOfBirth', 'customerGroupId', 'creditLimit', 'payTerm', 'loyaltyCardNumber', 'bankAccount',
  'status',
] as const;
type ChoiceField = (typeof choiceFields)[number];

/**
 * Fields that apply to customers only. A merge of suppliers alone leaves a
 * supplier, which keeps its own and takes none from the others, so the
 * screen offers no choice for them.
 */
const customerOnlyFields = new Set<ChoiceField>(['customerGroupId', 'creditLimit', 'loyaltyCardNumber']);

/** Fields that keep the kept contact's value, even empty, unless the user picks another. */
const keptUnlessChosen = new Set<ChoiceField>(['code', 'kind', 'status']);
/**
 * Money fields and the permission that setting them needs. A user without it
 * keeps the kept contact's value, because the merge rejects any other.
 */
const moneyFieldPermissions: Partial<Record<ChoiceField, string>> = {
  creditLimit: 'credit_limit.override',
  customerGroupId: 'ledger.discount',
};

/** Phone fields, shown as the duplicates page shows them: national writing for the business's country. */
const phoneFields = new Set<ChoiceField>(['mobile', 'alternateNumber', 'landline']);

function fieldValue(
  contact: Contact,
  field: ChoiceField,
  t: TFunction,
  format: Formatters,
  groups: Map<string, string>,
  country: string,
): string | null {
  if (phoneFields.has(field)) {
    const typed = contact[field as 'mobile' | 'alternateNumber' | 'landline'];
    return typed ? readablePhone(typed, country) : null;
  }
  switch (field) {
    case 'kind':
      return t(`contact.kind.${contact.kind}`);
    case 'status':
      return t(`contact.status.${contact.status}`);
    case 'payTerm':
      return contact.payTerm ? payTermLabel(contact.payTerm, t) : null;
    case 'bankAccount':
      return contact.bankAccount?.iban ?? null;
    case 'customerGroupId':
      return contact.customerGroupId ? (groups.get(contact.customerGroupId) ?? contact.customerGroupId) : null;
    case 'creditLimit':
      return contact.creditLimit ? format.money(contact.creditLimit) : null;
    case 'dateOfBirth':
      return contact.dateOfBirth ? format.date(contact.dateOfBirth) : null;
    case 'country':
      return contact.country ? countryName(contact.country, format.locale) : null;
    default: {
      const value = contact[field];
      return value === null || value === '' ? null : String(value);
    }
  }
}

/** A merged contact's custom field value that the merge result does not keep. */
interface DroppedValue {
  contact: Contact;
  field: CustomFieldKey;
  value: string;
}

/**
 * Lists the custom field values of the contacts that the merge result does
 * not have, because the field keeps another contact's value or an empty one.
 */
function droppedCustomValues(contacts: Contact[], result: Contact): DroppedValue[] {
  const dropped: DroppedValue[] = [];
  for (const contact of contacts) {
    for (const [field, value] of Object.entries(contact.customFields ?? {}) as [CustomFieldKey, string | undefined][]) {
      if (value && result.customFields?.[field] !== value) dropped.push({ contact, field, value });
    }
  }
  return dropped;
}

/**
 * Returns the contact whose value the merge keeps when the user picks none,
 * by the server's rule: the kept contact's value, or the first other one
 * when it is empty. A custom field follows the same rule.
 */
function defaultSource(keptAlways: boolean, kept: Contact, others: Contact[], value: (c: Contact) => string | null): string {
  if (keptAlways || value(kept) !== null) return kept.id;
  return others.find((contact) => value(contact) !== null)?.id ?? kept.id;
}

function customValue(contact: Contact, field: CustomFieldKey): string | null {
  const value = contact.customFields?.[field];
  return value ? value : null;
}

/**
 * Names the contacts of the request that a failed merge or preview did not
 * find, merged or deleted in another tab since this screen loaded them.
 * Returns null for any other failure. The server names them by id, under
 * `keepId` or `mergeIds.N`, which this screen maps back to its contacts.
 */
function goneMessage(error: unknown, kept: Contact, others: Contact[], t: TFunction): string | null {
  if (!isApiError(error, 'merge_contact_not_found') && !isApiError(error, 'contact_merged')) return null;
  const gone = error.issues.flatMap((issue) => {
    if (issue.path === 'keepId') return [kept];
    const index = /^mergeIds\.(\d+)$/.exec(issue.path)?.[1];
    const contact = index === undefined ? undefined : others[Number(index)];
    return contact ? [contact] : [];
  });
  if (gone.length === 0) return null;
  const names = gone.map((contact) => `${contact.name} (${contact.code})`).join(', ');
  return t('duplicates.merge.gone', { count: gone.length, names });
}

export function MergePage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const ids = useMemo(() => [...new Set((params.get('ids') ?? '').split(',').filter(Boolean))], [params]);
  const contacts = useQueries({
    queries: ids.map((id) => ({
      // Keys of their own: the merge's refresh of the contact keys must not ask again for the contacts it deleted.
      queryKey: ['merge-contacts', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Contact>(`/contacts/${id}`, undefined, signal),
    })),
  });

  const header = <PageHeader title={t('duplicates.merge.title')} description={t('duplicates.merge.description')} crumbs={[{ label: t('duplicates.title'), to: duplicatesPath }]} />;
  if (ids.length < 2) {
    return (
      <>
        {header}
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {t('duplicates.merge.tooFew')}{' '}
          <Anchor component={Link} to={duplicatesPath}>
            {t('duplicates.merge.back')}
          </Anchor>
        </Alert>
      </>
    );
  }
  const failed = contacts.find((query) => query.isError);
  if (failed) {
    return (
      <>
        {header}
        <QueryError error={failed.error} onRetry={() => failed.refetch()} />
      </>
    );
  }
  if (contacts.some((query) => query.isPending)) {
    return (
      <>
        {header}
        <Skeleton height={420} radius="md" />
      </>
    );
  }
  return (
    <>
      {header}
      {!can(session, 'contact.merge') && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} mb="md">
          {t('duplicates.merge.notAllowed')}
        </Alert>
      )}
      <MergeScreen contacts={contacts.map((query) => query.data as Contact)} />
    </>
  );
}

function MergeScreen({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const navigate = useNavigate();
  const groupList = useCustomerGroups();
  const groups = useMemo(() => new Map((groupList.data ?? []).map((group) => [group.id, group.name])), [groupList.data]);
  const [keepId, setKeepId] = useState((contacts[0] as Contact).id);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const merge = useMerge();

  const kept = contacts.find((contact) => contact.id === keepId) as Contact;
  const others = contacts.filter((contact) => contact.id !== keepId);
  const customLabel = (field: CustomFieldKey) =>
    session.business.customFieldLabels[field] || t('settings.customFields.field', { number: field.slice('custom'.length) });
  const choiceRow = (
    key: string,
    label: string,
    value: (contact: Contact) => string | null,
    keptAlways: boolean,
    locked = false,
  ): ChoiceRow => {
    const values = contacts.map(value);
    const source = locked ? kept.id : (picked[key] ?? defaultSource(keptAlways, kept, others, value));
    return { key, label, values, differ: new Set(values).size > 1, locked, source };
  };
  const lacksPermission = (field: ChoiceField) => {
    const permission = moneyFieldPermissions[field];
    return permission !== undefined && !can(session, permission);
  };
  const suppliersOnly = contacts.every((contact) => contact.type === 'supplier');
  const offered = choiceFields.filter((field) => !(suppliersOnly && customerOnlyFields.has(field)));
  const rows = [
    ...offered.map((field) =>
      choiceRow(
        field,
        t(`contact.fields.${field}`),
        (contact) => fieldValue(contact, field, t, format, groups, session.business.country),
        keptUnlessChosen.has(field),
        lacksPermission(field),
      ),
    ),
    ...customFieldKeys.map((field) => choiceRow(`customFields.${field}`, customLabel(field), (contact) => customValue(contact, field), false)),
  ].filter((choice) => choice.values.some((value) => value !== null));

  const fields: Record<string, string> = {};
  for (const choice of rows) if (choice.differ) fields[choice.key] = choice.source;
  const request = { keepId, mergeIds: others.map((contact) => contact.id), fields };
  const preview = useMergePreview(request);
  const allowed = can(session, 'contact.merge');

  const exclusive = useExclusive();
  const run = () =>
    exclusive(async () => {
      try {
        const result = await merge.mutateAsync(request);
        notifySaved(t('duplicates.merge.done', { name: result.contact.name }));
        navigate(contactPath(result.contact));
      } catch (error) {
        setConfirming(false);
        const gone = goneMessage(error, kept, others, t);
        if (gone) {
          notifyFailedWith(gone, t);
          // The preview then shows the same message and keeps the merge button disabled.
          void preview.refetch();
        } else {
          notifyFailed(error, t);
        }
      }
    });

  const moved = Object.entries(preview.data?.moved ?? {}).filter(([label, count]) => count > 0 && label !== 'ledgerTotals');
  const dropped = preview.data ? droppedCustomValues(contacts, preview.data.contact) : [];
  const resultContact = preview.data?.contact ?? null;
  // Every field the dry run returns, taken fields included, so the panel shows what the merge will write.
  // The code and the type are left out, because the panel's first line shows them.
  const resultFields: { key: string; label: string; value: string | null }[] = resultContact
    ? [
        ...choiceFields.filter((field) => field !== 'code').map((field) => ({
          key: field,
          label: t(`contact.fields.${field}`),
          value: fieldValue(resultContact, field, t, format, groups, session.business.country),
        })),
        ...customFieldKeys.map((field) => ({ key: field, label: customLabel(field), value: customValue(resultContact, field) })),
      ].filter((row) => row.value !== null)
    : [];

  return (
    <Stack gap="md">
      <MergeChoices
        contacts={contacts}
        rows={rows}
        keepId={keepId}
        onKeep={(contactId) => {
          setKeepId(contactId);
          setPicked({});
        }}
        onPick={(key, contactId) => setPicked((current) => ({ ...current, [key]: contactId }))}
      />

      {/* Each panel keeps its own height, so a short list of moves leaves no tall empty box. */}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: "start" }}>
        <Paper withBorder radius="md" p="md" data-testid="merge-moves">
          <Text fw={600} mb="xs">
            {t('duplicates.merge.moves')}
          </Text>
          {preview.isPending ? (
            <Text size="sm" c="dimmed">
              {t('duplicates.merge.preview')}
            </Text>
          ) : preview.isError ? (
            goneMessage(preview.error, kept, others, t) ? (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
                <Text size="sm">{goneMessage(preview.error, kept, others, t)}</Text>
                <Anchor component={Link} to={duplicatesPath} size="sm">
                  {t('duplicates.merge.back')}
                </Anchor>
              </Alert>
            ) : (
              <QueryError error={preview.error} onRetry={() => preview.refetch()} />
            )
          ) : moved.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('duplicates.merge.movesNone')}
            </Text>
          ) : (
            <Table fz="sm" verticalSpacing={4}>
              <Table.Tbody>
                {moved.map(([label, count]) => (
                  <Table.Tr key={label}>
                    <Table.Td>{t(`duplicates.merge.moved.${label}`)}</Table.Td>
                    <Table.Td ta="right" className="amount">
                      {count}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md" data-testid="merge-result">
          <Text fw={600} mb="xs">
            {t('duplicates.merge.result')}
          </Text>
          {preview.data && (
            <Stack gap={6}>
              <Group gap="xs">
                <Text fw={600}>{preview.data.contact.name}</Text>
                <Text size="sm" c="dimmed" className="amount">
                  {preview.data.contact.code}
                </Text>
                <TypeBadge type={preview.data.contact.type} />
              </Group>
              <Text size="sm">
                {t('duplicates.merge.balance')} <Amount value={preview.data.contact.balance} balance fw={600} />
              </Text>
              <Text size="sm" c="dimmed">
                {t('common.labelled', { label: t('duplicates.merge.merged') })} {preview.data.merged.map((contact) => `${contact.name} (${contact.code})`).join(', ')}
              </Text>
              {resultFields.map(({ key, label, value }) => (
                <Text key={key} size="sm" data-testid={`merge-result-${key}`} style={{ overflowWrap: 'anywhere' }}>
                  <Text span size="sm" c="dimmed">
                    {t('common.labelled', { label })}
                  </Text>{' '}
                  {value}
                </Text>
              ))}
              {preview.data.notes.map((note) => (
                <Paper key={note.id} withBorder radius="sm" p="xs" bg="var(--mantine-color-yellow-0)" data-testid="merge-result-note">
                  <Text size="xs" c="dimmed">
                    {t('duplicates.merge.note')}
                  </Text>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {note.heading}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {note.body}
                  </Text>
                </Paper>
              ))}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>

      {dropped.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="merge-dropped">
          <Text size="sm">{t('duplicates.merge.dropped')}</Text>
          <List size="sm" mt={4}>
            {dropped.map(({ contact, field, value }) => (
              <List.Item key={`${contact.id}-${field}`}>
                {t('duplicates.merge.droppedValue', { field: customLabel(field), value, name: contact.name, code: contact.code })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {/* The merge button stays in sight while the choices scroll, as on a phone they fill several screens. */}
      <Paper withBorder radius="md" p="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }} shadow="sm" data-testid="merge-actions">
        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={duplicatesPath}>
            {t('common.cancel')}
          </Button>
          <Button leftSection={<IconGitMerge size={16} />} disabled={!allowed || preview.isError} onClick={() => setConfirming(true)}>
            {t('duplicates.merge.confirm', { count: contacts.length })}
          </Button>
        </Group>
      </Paper>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('duplicates.merge.confirmTitle')} centered>
        <Stack>
          <Text size="sm">
            {t('duplicates.merge.confirmText', {
              count: others.length,
              names: others.map((contact) => `${contact.name} (${contact.code})`).join(', '),
              kept: `${kept.name} (${kept.code})`,
            })}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={merge.isPending} onClick={run} leftSection={<IconGitMerge size={16} />}>
              {t('duplicates.merge.confirm', { count: contacts.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
