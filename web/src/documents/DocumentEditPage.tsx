/** Editing a parked sale or purchase: loads it, then opens the document form on it. */
import { Alert, Button, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useContact } from '../contacts/api.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { useDocument } from './api.ts';
import { DocumentFormPage } from './DocumentFormPage.tsx';
import { type DocumentSection, documentsPath } from './paths.ts';

export function DocumentEditPage({ section }: { section: DocumentSection }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const document = useDocument(section, id);
  const contact = useContact(document.data?.contactId ?? undefined);
  const crumbs = [{ label: t(`trade.${section}.title`), to: documentsPath(section) }];

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
  const picked = contact.data
    ? {
        id: contact.data.id,
        code: contact.data.code,
        name: contact.data.name,
        type: contact.data.type,
        mobile: contact.data.mobile,
        city: contact.data.city,
        balance: contact.data.balance,
        availableCredit: null,
      }
    : null;
  return <DocumentFormPage key={document.data.id} section={section} editing={document.data} editingContact={picked} />;
}
