/**
 * Entering a sale or a purchase in the back office: the contact (with its
 * balance and available credit shown before confirming), date, location and
 * pay term, the lines, payments taken at once, then "park" or "confirm". A
 * credit-limit refusal is shown with its figures, and users allowed to may
 * override it with a reason. Given a parked document, the same form edits it
 * (its contact stays) and saves it parked again or finalises it.
 */
import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, isApiError } from '../api/client.ts';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useContact } from '../contacts/api.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { RedeemField } from '../loyalty/RedeemField.tsx';
import { useAccount } from '../ledger/api.ts';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from '../ledger/dates.ts';
import { compareDecimals, minorDigits, subtractDecimals, sumDecimals } from '../ledger/minor.ts';
import { newIdempotencyKey } from '../payments/due.ts';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { type DocumentInput, type SaleDocument, useCreateDocument, useEditDocument, useFinaliseDocument } from './api.ts';
import { ContactPicker, type PickedContact } from './ContactPicker.tsx';
import { CreditLimitAlert } from './CreditLimitAlert.tsx';
import { documentFormValues, toEditInput } from './editValues.ts';
import {
  checkDocumentValues,
  type DocumentFormValues,
  emptyLine,
  lineValues,
  paymentAmount,
  toDocumentInput,
} from './formValues.ts';
import { documentTotals } from './lineMath.ts';
import { LinesEditor } from './LinesEditor.tsx';
import { type DocumentSection, documentsPath } from './paths.ts';
import { PayTermField } from './PayTermField.tsx';
import { quoteRequest, type SaleQuote, useSaleQuote } from './quote.ts';
import { SelectedContact } from './SelectedContact.tsx';
import { TillPaymentsEditor } from './TillPaymentsEditor.tsx';
import { type FormTotals, TotalsBox } from './TotalsBox.tsx';

/** Navigation state for the document page after a save: the status it was saved with. */
export interface CreatedState {
  created: 'final' | 'parked';
}

/** Paths the form shows under a field; other messages go to the alert above the buttons. */
function isFieldPath(path: string): boolean {
  return /^(contactId|date|locationId|note|redeemPoints|payTerm(\..*)?|lines\.\d+\.\w+|payments\.\d+\.\w+)$/.test(path);
}

export function DocumentFormPage({
  section,
  editing,
  editingContact = null,
}: {
  section: DocumentSection;
  /** A parked document to edit instead of a new one. */
  editing?: SaleDocument;
  editingContact?: PickedContact | null;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { currency, timezone } = session.business;
  const create = useCreateDocument(section);
  const edit = useEditDocument(section, editing?.id ?? '');
  const finalise = useFinaliseDocument(section, editing?.id ?? '');
  const pending = create.isPending || edit.isPending || finalise.isPending;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [refusal, setRefusal] = useState<{ error: ApiError; status: DocumentInput['status'] } | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const numbers = { locale: format.locale, digits: minorDigits(currency) };

  const form = useFormState<DocumentFormValues>(editing ? documentFormValues(editing, editingContact, numbers) : {
    contact: null,
    date: todayIn(timezone),
    locationId: session.defaultLocationId ?? session.locations[0]?.id ?? '',
    termMode: 'contact',
    termNumber: '30',
    termUnit: 'days',
    termEndOfMonth: false,
    lines: [emptyLine()],
    payments: [],
    note: '',
    redeemPoints: '',
  });
  const { values } = form;

  // A form opened from a contact page starts with that contact.
  const presetId = params.get('contactId') ?? undefined;
  const preset = useContact(presetId);
  useEffect(() => {
    if (!preset.data || form.values.contact || editing) return;
    const contact = preset.data;
    form.set('contact', {
      id: contact.id,
      code: contact.code,
      name: contact.name,
      type: contact.type,
      mobile: contact.mobile,
      city: contact.city,
      balance: contact.balance ?? '0',
      availableCredit: null,
    });
    // Only the first load of the preset contact fills the form.
  }, [preset.data]);

  const chosen = useContact(values.contact?.id);
  // The account (balance, available credit) is ledger data, read only by users with ledger.view.
  const account = useAccount(can(session, 'ledger.view') ? (values.contact?.id ?? '') : '');
  // A sale to a customer is priced by the server as the user types. Other
  // documents and walk-in sales have no group price, so the form's own
  // arithmetic is already what the server stores.
  const pricing = useSaleQuote(quoteRequest(values, currency, numbers), section === 'sale' && values.contact !== null);
  const local = documentTotals(values.lines.map((line) => lineValues(line, numbers)), currency);
  const quote = pricing.quote && pricing.quote.lines.length === values.lines.length ? pricing.quote : null;
  const totals = quote ? quotedTotals(quote, local.complete, currency) : local;
  const paid = sumDecimals(values.payments.map((payment) => paymentAmount(payment, numbers) ?? '0'), currency);
  const unpaid = subtractDecimals(totals.total, paid, currency) ?? totals.total;
  const available = values.contact ? (account.data?.availableCredit ?? null) : null;
  const beyondCredit =
    section === 'sale' && available !== null && totals.complete && compareDecimals(unpaid, available, currency) > 0;
  const walkIn = section === 'sale' && !values.contact;

  const saved = (status: DocumentInput['status']) => (document: SaleDocument) => {
    const state: CreatedState = { created: status };
    navigate(`${documentsPath(section)}/${document.id}`, { state });
  };

  const submit = (status: DocumentInput['status'], override?: string) => {
    if (pending) return;
    setMessages([]);
    const problems = checkDocumentValues(values, numbers, t);
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setMessages([t('trade.form.checkFields')]);
      return;
    }
    const input = toDocumentInput(values, status, numbers);
    if (override) input.creditLimitOverride = { reason: override };
    const onError = (error: unknown) => {
      if (isApiError(error, 'credit_limit_exceeded')) {
        setRefusal({ error, status });
        return;
      }
      setRefusal(null);
      const issues = isApiError(error) ? error.issues : [];
      form.takeErrors(error, issues.map((issue) => issue.path).filter(isFieldPath));
      const unshown = issues.filter((issue) => !isFieldPath(issue.path)).map((issue) => issue.message);
      setMessages(issues.length > 0 && unshown.length === 0 ? [t('trade.form.checkFields')] : [errorMessage(error, t), ...unshown]);
    };
    if (!editing) {
      create.mutate({ input, idempotencyKey }, { onSuccess: saved(status), onError });
      return;
    }
    // The edit is saved parked first, then finalised with the payments taken.
    edit.mutate(toEditInput(values, numbers), {
      onSuccess: (document) => {
        if (status === 'parked') return saved('parked')(document);
        const { payments, creditLimitOverride } = input;
        finalise.mutate({ payments, creditLimitOverride }, { onSuccess: saved('final'), onError });
      },
      onError,
    });
  };

  const canCreate = can(session, `${section}.create`);

  return (
    <>
      <PageHeader
        crumbs={[{ label: t(`trade.${section}.title`), to: documentsPath(section) }]}
        title={editing ? t('trade.form.editTitle', { reference: editing.reference }) : t(`trade.${section}.new`)}
      />
      {!canCreate && (
        <Alert color="orange" variant="light" mb="md">
          {t('trade.form.noPermission')}
        </Alert>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit('final');
        }}
      >
        <Stack gap="md" maw={1100}>
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Title order={3} fz="md">
                {t(`trade.${section}.contact`)}
              </Title>
              {values.contact ? (
                <SelectedContact
                  contact={values.contact}
                  section={section}
                  onClear={editing ? undefined : () => form.setValues((current) => ({ ...current, contact: null, redeemPoints: '' }))}
                />
              ) : editing ? (
                <Text size="sm" fw={500}>
                  {t('trade.walkIn')}
                </Text>
              ) : (
                <ContactPicker section={section} onPick={(contact: PickedContact) => form.set('contact', contact)} error={form.error('contactId')} />
              )}
              {walkIn && (
                <Text size="xs" c="dimmed">
                  {t('trade.form.walkInHint')}
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
                <DateField
                  label={t('trade.form.date')}
                  required
                  value={values.date}
                  onChange={(value) => form.set('date', value)}
                  error={form.error('date')}
                />
                {session.locations.length > 1 && (
                  <Select
                    label={t('trade.form.location')}
                    data={session.locations.map((location) => ({ value: location.id, label: location.name }))}
                    value={values.locationId || null}
                    allowDeselect={false}
                    onChange={(value) => form.set('locationId', value ?? '')}
                    error={form.error('locationId')}
                  />
                )}
              </SimpleGrid>
              <PayTermField
                values={values}
                contactTerm={values.contact ? chosen.data?.payTerm : undefined}
                onChange={(changes) => form.setValues((current) => ({ ...current, ...changes }))}
                error={form.error('payTerm.number') ?? form.error('payTerm')}
              />
            </Stack>
          </Paper>

          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" gap="xs" mb="sm">
              <Title order={3} fz="md">
                {t('trade.lines.title')}
              </Title>
              {quote?.customerGroup && (
                <Badge variant="light" color="teal" radius="sm" data-testid="form-group-badge">
                  {t('pricing.lines.groupPrices', { name: quote.customerGroup.name })}
                </Badge>
              )}
            </Group>
            <LinesEditor
              lines={values.lines}
              quoted={quote?.lines ?? []}
              onChange={(lines) => form.set('lines', lines)}
              error={form.error}
            />
          </Paper>

          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder radius="md" p="md">
              <Title order={3} fz="md" mb="sm">
                {t('trade.payments.title')}
              </Title>
              <TillPaymentsEditor
                payments={values.payments}
                total={totals.total}
                onChange={(payments) => form.set('payments', payments)}
                error={form.error}
              />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <TotalsBox
                totals={totals}
                paid={paid}
                unpaid={unpaid}
                updating={pricing.updating}
                quoteError={pricing.error ? errorMessage(pricing.error, t) : null}
              />
            </Paper>
          </SimpleGrid>

          {section === 'sale' && values.contact && (
            <RedeemField
              contactId={values.contact.id}
              total={quote ? quote.totalBeforeRedemption : totals.total}
              quoteError={quote?.redemptionIssues[0]?.message}
              value={values.redeemPoints}
              onChange={(points) => form.set('redeemPoints', points)}
              error={form.error('redeemPoints')}
            />
          )}

          <Textarea
            label={t('trade.form.note')}
            autosize
            minRows={2}
            value={values.note}
            onChange={(event) => form.set('note', event.currentTarget.value)}
            error={form.error('note')}
            maxLength={2000}
          />

          {beyondCredit && available !== null && !refusal && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} data-testid="credit-preview">
              {t(session.business.creditLimitPolicy === 'warn' ? 'trade.credit.previewWarn' : 'trade.credit.previewBlock', {
                unpaid: format.money(unpaid),
                available: format.money(available),
              })}
            </Alert>
          )}
          {refusal && (
            <CreditLimitAlert
              error={refusal.error}
              pending={pending}
              onOverride={(reason) => submit(refusal.status, reason)}
            />
          )}
          {messages.length > 0 && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('trade.form.notSaved')}>
              <Stack gap={2}>
                {messages.map((message) => (
                  <Text key={message} size="sm">
                    {message}
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}

          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(documentsPath(section)))}
            >
              {t('common.cancel')}
            </Button>
            <Button variant="default" loading={pending} disabled={!canCreate} onClick={() => submit('parked')}>
              {t(editing ? 'trade.form.saveParked' : 'trade.form.park')}
            </Button>
            <Button type="submit" loading={pending} disabled={!canCreate}>
              {t(`trade.${section}.confirm`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

/** Builds the form's totals from the server's quote, with the subtotal before the points, which come off after tax. */
function quotedTotals(quote: SaleQuote, complete: boolean, currency: string): FormTotals {
  const redemption = quote.redemption?.amount ?? null;
  return {
    subtotal: redemption ? sumDecimals([quote.subtotal, redemption], currency) : quote.subtotal,
    discountTotal: quote.discountTotal,
    taxTotal: quote.taxTotal,
    total: quote.total,
    complete,
    groupDiscount: sumDecimals(quote.lines.map((line) => line.groupDiscount), currency),
    redemption,
  };
}
