/**
 * One contact: its header with actions, then tabs for details, notes,
 * documents and activity. Later tabs (ledger, payments) join `tabs` below.
 */
import { Alert, Box, Button, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import {
  IconFileDescription,
  IconGift,
  IconGitMerge,
  IconHistory,
  IconId,
  IconMail,
  IconNotes,
  IconReceipt,
  IconUserQuestion,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import type { Contact } from '../api/types.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { LedgerPanel } from '../ledger/LedgerPanel.tsx';
import { LoyaltyPanel } from '../loyalty/LoyaltyPanel.tsx';
import { ContactMessagesPanel } from '../messages/ContactMessagesPanel.tsx';
import { PayButton } from '../payments/PayButton.tsx';
import { hasRejectedCharacters } from '../shared/address-text.ts';
import { Amount } from '../shared/Amount.tsx';
import { ActivityPanel } from './ActivityPanel.tsx';
import { type ContactSection, useContact } from './api.ts';
import { AnonymisedBadge, StatusBadge, TypeBadge } from './badges.tsx';
import { ContactActions } from './ContactActions.tsx';
import { ContactDetails } from './ContactDetails.tsx';
import type { SavedState } from './ContactFormPage.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { contactPath, listPath, sectionOf } from './paths.ts';
import { SavedAlert } from './SavedAlert.tsx';

interface ContactTab {
  value: string;
  labelKey: string;
  icon: ComponentType<{ size?: number }>;
  Panel: ComponentType<{ contact: Contact }>;
}

const tabs: ContactTab[] = [
  { value: 'details', labelKey: 'contactPage.tabs.details', icon: IconId, Panel: ContactDetails },
  { value: 'ledger', labelKey: 'ledgerNav.ledgerTab', icon: IconReceipt, Panel: LedgerPanel },
  { value: 'notes', labelKey: 'contactPage.tabs.notes', icon: IconNotes, Panel: NotesPanel },
  { value: 'documents', labelKey: 'contactPage.tabs.documents', icon: IconFileDescription, Panel: DocumentsPanel },
  { value: 'messages', labelKey: 'msgNav.contactTab', icon: IconMail, Panel: ContactMessagesPanel },
  { value: 'activity', labelKey: 'contactPage.tabs.activity', icon: IconHistory, Panel: ActivityPanel },
  { value: 'loyalty', labelKey: 'loyalty.tab', icon: IconGift, Panel: LoyaltyPanel },
];

/** Suppliers earn no loyalty points, so their page has no loyalty tab. */
const tabsFor = (contact: Contact) => tabs.filter((entry) => entry.value !== 'loyalty' || contact.type !== 'supplier');

export function ContactPage({ section: from }: { section?: ContactSection }) {
  const { id = '', tab } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  // An id with a character that the server rejects belongs to no contact, so it is not requested.
  const oddId = hasRejectedCharacters(id);
  const contact = useContact(oddId ? undefined : id);
  const saved = location.state as SavedState | null;

  if (oddId) return <ContactNotFound section={from} />;

  if (contact.isPending) {
    return (
      <Stack>
        <Skeleton height={40} width={360} />
        <Skeleton height={32} width={480} />
        <Skeleton height={280} radius="md" />
      </Stack>
    );
  }
  if (contact.isError) {
    const merged = isApiError(contact.error, 'contact_merged') ? contact.error : null;
    if (merged && typeof merged.body.keptId === 'string') {
      // An old link to a contact that a merge deleted leads to the contact that now has its history.
      return (
        <Alert color="orange" variant="light" icon={<IconGitMerge size={18} />}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{merged.detail}</Text>
            <Button component={Link} to={`/contacts/${merged.body.keptId}`} size="xs" variant="light" color="orange">
              {t('contactPage.openKept', { name: merged.body.keptName, code: merged.body.keptCode })}
            </Button>
          </Stack>
        </Alert>
      );
    }
    if (isApiError(contact.error, 'not_found')) return <ContactNotFound section={from} />;
    return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  }

  const data = contact.data;
  // A link by id alone (/contacts/:id) lands on the contact in its own list.
  if (!from) return <Navigate to={contactPath(data, undefined, tab)} replace state={location.state} />;
  const section = sectionOf(data.type, from);
  const shownTabs = tabsFor(data);
  const active = shownTabs.some((entry) => entry.value === tab) ? (tab as string) : 'details';

  return (
    <>
      <PageHeader
        crumbs={[{ label: t(`contacts.${section}.title`), to: listPath(section) }]}
        title={data.name}
        badges={
          <Group gap={6}>
            <TypeBadge type={data.type} />
            <StatusBadge status={data.status} />
            {data.anonymisedAt && <AnonymisedBadge />}
          </Group>
        }
        description={
          <Group gap="md" component="span">
            <Text span size="sm" ff="monospace">
              {data.code}
            </Text>
            {data.balance !== null && (
              <Text span size="sm">
                {t('common.labelled', { label: t('contact.balance') })} <Amount value={data.balance} balance fw={600} />
              </Text>
            )}
          </Group>
        }
        actions={
          <>
            <PayButton contact={data} />
            <ContactActions contact={data} section={section} />
          </>
        }
      />
      {saved && <SavedAlert state={saved} onClose={() => navigate(location.pathname, { replace: true, state: null })} />}
      <Tabs
        value={active}
        onChange={(value) => navigate(contactPath(data, section, value === 'details' ? undefined : (value ?? undefined)))}
        keepMounted={false}
      >
        <Tabs.List mb="lg" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {shownTabs.map((entry) => (
            <Tabs.Tab
              key={entry.value}
              value={entry.value}
              px={{ base: 8, sm: 'md' }}
              fz={{ base: 'xs', xs: 'sm' }}
              leftSection={
                <Box visibleFrom="sm" display="flex">
                  <entry.icon size={16} />
                </Box>
              }
            >
              {t(entry.labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {shownTabs.map((entry) => (
          <Tabs.Panel key={entry.value} value={entry.value}>
            <entry.Panel contact={data} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

/** Shows that the address names no contact (deleted, mistyped or of another business), with a link back to the list. */
function ContactNotFound({ section }: { section?: ContactSection }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" icon={<IconUserQuestion size={18} />} title={t('contactPage.notFound.title')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('contactPage.notFound.text')}</Text>
        <Button component={Link} to={listPath(section ?? 'customer')} size="xs" variant="light" color="gray">
          {t(`contactPage.notFound.back.${section ?? 'customer'}`)}
        </Button>
      </Stack>
    </Alert>
  );
}
