/** Editing a parked sale or purchase: loads it, then opens the document form on it. */
import { Alert, Button, Skeleton, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useContact } from '../contacts/api.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { type SaleDocument, useDocument } from './api.ts';
import { DocumentFormPage } from './DocumentFormPage.tsx';
import { type DocumentSection, documentsPath } from './paths.ts';

export function DocumentEditPage({ section }: { section: DocumentSection }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const document = useDocument(section, id);
  const contact = useContact(document.data?.contactId ?? undefined);
  const crumbs = [{ label: t(`trade.${section}.title`), to: documentsPath(section) }];
  // The form keeps the document as it was opened: saving it final refreshes
  // the query before the form navigates away, and must not swap the form for
  // the "no longer parked" notice.
  const [opened, setOpened] = useState<SaleDocument | null>(null);
  const ready = document.data?.status === 'parked' && (!document.data.contactId || contact.data);
  if (!opened && ready && document.data) setOpened(document.data);

  if (opened) {
    return <DocumentFormPage key={opened.id} section={section} editing={opened} editingContact={pickedOf(contact.data)} />;
  }
  if (document.isError) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={t(`trade.${section}.one`)} />
        <QueryError error={document.error} onRetry={() => document.refetch()} />
      </>
    );
  }
  if (document.isPending || (document.data.contactId && contact.isPending)) {
    return (
      <Stack>
        <Skeleton height={40} width={320} />
        <Skeleton height={240} radius="md" />
      </Stack>
    );
  }
  if (document.data.status !== 'parked') {
    return (
      <>
        <PageHeader crumbs={crumbs} title={t('trade.form.editTitle', { reference: document.data.reference })} />
        <Alert color="orange" variant="light" mb="md">
          {t('trade.form.notParked')}
        </Alert>
        <Button variant="default" component={Link} to={`${documentsPath(section)}/${id}`}>
          {t('trade.form.backToDocument')}
        </Button>
      </>
    );
  }
  // Only a contact that failed to load is left.
  return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
}

function pickedOf(contact: ReturnType<typeof useContact>['data']) {
  if (!contact) return null;
  return {
    id: contact.id,
    code: contact.code,
    name: contact.name,
    type: contact.type,
    mobile: contact.mobile,
    city: contact.city,
    balance: contact.balance,
    availableCredit: null,
  };
}
