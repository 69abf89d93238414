/**
 * Creates or edits a contact, with its fields grouped as the original
 * system's documentation groups them: type, base information, more details,
 * opening balance, then credit and pay terms. An edit is saved only over the
 * version the form opened with. When someone else saved the contact since,
 * the form keeps what the user typed and offers to lay it over the current
 * contact.
 */
import { Alert, Button, Group, List, Paper, Skeleton, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { type Business, type Contact, type ContactType, customFieldKeys } from '../api/types.ts';
import { can, useSession } from '../auth/session-context.tsx';
import { currentLocale } from '../i18n/index.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { minorDigits } from '../ledger/minor.ts';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, numberCheck } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { useUsers } from '../settings/api.ts';
import { type ContactSection, fetchCurrentContact, useContact, useCreateContact, useUpdateContact } from './api.ts';
import { ConflictAlert, type ContactConflict, RebasedAlert } from './form/ConflictAlerts.tsx';
import { type OtherChange, rebaseValues, takeOtherValue } from './form/rebase.ts';
import { BaseSection } from './form/BaseSection.tsx';
import { DetailsSection } from './form/DetailsSection.tsx';
import { CreditSection, OpeningBalanceSection } from './form/MoneySections.tsx';
import { TypeSection } from './form/TypeSection.tsx';
import {
  type ContactFormValues,
  changedFields,
  emptyValues,
  errorPaths,
  inputFromValues,
  moneyRules,
  valuesFromContact,
} from './form/values.ts';
import { contactPath, listPath } from './paths.ts';

export interface SavedState {
  saved: 'created' | 'updated';
  warnings: { path: string; code: string; message: string; contactId?: string }[];
}

export function ContactFormPage({ section }: { section: ContactSection }) {
  const { id } = useParams();
  const contact = useContact(id);
  const { t } = useTranslation();

  if (!id) return <ContactForm section={section} />;
  if (contact.isPending) return <FormSkeleton />;
  if (contact.isError) return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  return <ContactForm section={section} contact={contact.data} key={contact.data.id} title={t('contactForm.editTitle', { name: contact.data.name })} />;
}

function ContactForm({ section, contact, title }: { section: ContactSection; contact?: Contact; title?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const locale = currentLocale();
  const amounts = { locale, digits: minorDigits(session.business.currency) };
  // The values and version the edit started from. They stay fixed while the
  // contact's query refreshes in the background, so that a save is checked
  // against what the user saw, and change only when the user loads the current contact.
  const initial = useRef<ContactFormValues>(
    contact ? valuesFromContact(contact, amounts) : emptyValues(section, session.business.country),
  );
  const openedVersion = useRef(contact?.version ?? 0);
  const form = useFormState<ContactFormValues>(initial.current, errorPaths);
  const client = useQueryClient();
  const [conflict, setConflict] = useState<ContactConflict | null>(null);
  const [rebased, setRebased] = useState<{ changedBy: string | null; changes: OtherChange[] } | null>(null);
  const [loadingCurrent, setLoadingCurrent] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);
  const create = useCreateContact();
  const update = useUpdateContact(contact?.id ?? '');
  const users = useUsers(can(session, 'users.manage'));
  const [problem, setProblem] = useState<{ detail: string; others: string[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const saving = create.isPending || update.isPending;

  const action = contact ? 'update' : 'create';
  const allowedTypes: ContactType[] = (['customer', 'supplier', 'both'] as const).filter((type) =>
    type === 'both'
      ? can(session, `customer.${action}`) && can(session, `supplier.${action}`)
      : can(session, `${type}.${action}`),
  );

  useEffect(() => {
    if (conflict) conflictRef.current?.scrollIntoView({ block: 'center' });
  }, [conflict]);

  useEffect(() => {
    if (Object.keys(form.errors).length === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
    invalid?.scrollIntoView({ block: 'center' });
  }, [form.errors]);

  const onSaved = (saved: Contact & { warnings?: SavedState['warnings'] }) => {
    const state: SavedState = { saved: contact ? 'updated' : 'created', warnings: saved.warnings ?? [] };
    navigate(contactPath(saved, section), { state, replace: Boolean(contact) });
  };

  const onFailed = (error: unknown) => {
    if (isApiError(error, 'contact_changed')) {
      const changedBy = error.body.changedBy as { name?: unknown } | null | undefined;
      setConflict({
        changedBy: typeof changedBy?.name === 'string' ? changedBy.name : null,
        changedAt: typeof error.body.changedAt === 'string' ? error.body.changedAt : null,
      });
      setRebased(null);
      return;
    }
    const others = form.takeErrors(error, shownPaths(form.values, session.business));
    if (isApiError(error, 'contact_code_taken')) form.setErrors({ code: error.detail });
    setProblem({ detail: errorMessage(error, t), others });
  };

  /** Loads the current contact and lays the user's edits over it, listing what the other person changed. */
  const loadCurrent = async () => {
    if (!contact) return;
    setLoadingCurrent(true);
    try {
      const current = await fetchCurrentContact(client, contact.id);
      const currentValues = valuesFromContact(current, amounts);
      const result = rebaseValues(initial.current, form.values, currentValues);
      initial.current = currentValues;
      openedVersion.current = current.version;
      form.setValues(() => result.values);
      form.clearErrors();
      setRebased({ changedBy: conflict?.changedBy ?? null, changes: result.otherChanges });
      setConflict(null);
    } catch (error) {
      setProblem({ detail: errorMessage(error, t), others: [] });
    } finally {
      setLoadingCurrent(false);
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const rules = moneyRules(amounts.digits);
    const problems = collectErrors({
      openingBalance: numberCheck(form.values.openingBalance, locale, rules.openingBalance, t),
      creditLimit: form.values.type === 'supplier' ? undefined : numberCheck(form.values.creditLimit, locale, rules.creditLimit, t),
    });
    if (Object.keys(problems).length > 0) {
      form.setErrors(problems);
      return;
    }
    const input = inputFromValues(form.values, amounts);
    if (!contact) {
      create.mutate(input, { onSuccess: onSaved, onError: onFailed });
      return;
    }
    const changes = changedFields(inputFromValues(initial.current, amounts), input);
    if (Object.keys(changes).length === 0) {
      navigate(contactPath(contact, section));
      return;
    }
    update.mutate({ changes, version: openedVersion.current }, { onSuccess: onSaved, onError: onFailed });
  };

  const cancel = () => navigate(contact ? contactPath(contact, section) : listPath(section));

  return (
    <>
      <PageHeader
        title={title ?? t(`contacts.${section}.new`)}
        crumbs={[{ label: t(`contacts.${section}.title`), to: listPath(section) }]}
      />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={1100}>
          {conflict && <ConflictAlert ref={conflictRef} conflict={conflict} loading={loadingCurrent} onLoad={loadCurrent} />}
          {rebased && (
            <RebasedAlert
              changedBy={rebased.changedBy}
              changes={rebased.changes}
              values={form.values}
              business={session.business}
              users={users.isSuccess ? users.data : null}
              onTakeOther={(change) => form.setValues((values) => takeOtherValue(values, change))}
            />
          )}
          {problem && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('contactForm.notSaved')}>
              {problem.detail}
              {problem.others.length > 0 && (
                <List size="sm" mt={4}>
                  {problem.others.map((message) => (
                    <List.Item key={message}>{message}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <TypeSection form={form} allowedTypes={allowedTypes} />
          <BaseSection form={form} codePrefix={session.business.contactCodePrefix} />
          <DetailsSection form={form} business={session.business} users={users.isSuccess ? users.data : null} />
          {/* The server rejects money fields without their permission, so the form does not offer them. */}
          {can(session, 'ledger.discount') && (
            <OpeningBalanceSection form={form} currency={session.business.currency} editing={Boolean(contact)} />
          )}
          <CreditSection form={form} currency={session.business.currency} canSetLimit={can(session, 'credit_limit.override')} />
          <Paper
            withBorder
            radius="md"
            p="sm"
            pos="sticky"
            bottom={0}
            style={{ zIndex: 5 }}
            shadow="sm"
          >
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={cancel} disabled={saving}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {contact ? t('common.save') : t(`contacts.${section}.create`)}
              </Button>
            </Group>
          </Paper>
        </Stack>
      </form>
    </>
  );
}

/** Returns the paths that have an input on screen; other messages go in the summary above the form. */
function shownPaths(values: ContactFormValues, business: Business): string[] {
  const paths = [
    'type', 'kind', 'prefix', 'firstName', 'middleName', 'lastName', 'name', 'code', 'mobile',
    'alternateNumber', 'landline', 'email', 'taxNumber', 'addressLine1', 'addressLine2', 'city', 'state',
    'country', 'zipCode', 'shippingAddress', 'assignedUserIds', 'bankAccount.iban', 'bankAccount.bic',
    'bankAccount.holder', 'openingBalance', 'payTerm', 'payTerm.number', 'payTerm.unit',
  ];
  if (values.kind === 'business') paths.push('businessName');
  if (values.type !== 'supplier') paths.push('dateOfBirth', 'creditLimit', 'customerGroupId', 'loyaltyCardNumber');
  for (const key of customFieldKeys) {
    if (business.customFieldLabels[key]?.trim()) paths.push(`customFields.${key}`);
  }
  return paths;
}

function FormSkeleton() {
  return (
    <Stack gap="lg" maw={1100}>
      <Skeleton height={36} width={320} />
      {[120, 220, 320, 120].map((height) => (
        <Skeleton key={height} height={height} radius="md" />
      ))}
    </Stack>
  );
}
