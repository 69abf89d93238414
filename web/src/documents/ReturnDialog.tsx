/**
 * A return against a final sale or purchase: pick the lines and quantities,
 * each limited to what was sold and not yet returned. The return lowers the
 * document's open amount first; what exceeds it stays as an advance or is
 * refunded at once, as the user chooses.
 */
import { Alert, Button, Checkbox, Group, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { DateField } from '../shared/DateField.tsx';
import { todayIn } from '../ledger/dates.ts';
import { parseScaled } from '../ledger/minor.ts';
import { usePaymentMethods } from '../payments/api.ts';
import { newIdempotencyKey } from '../payments/due.ts';
import { errorMessage } from '../shared/errors.ts';
import { numberCheck } from '../shared/field-checks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal, formatNumber, quantityRule } from '../shared/number-input.ts';
import { type DocumentLine, type ReturnResult, type SaleDocument, useCreateReturn } from './api.ts';
import type { DocumentSection } from './paths.ts';

interface Choice {
  checked: boolean;
  quantity: string;
}

/** Quantity still returnable on a line, in thousandths. */
function returnable(line: DocumentLine): bigint {
  const sold = parseScaled(line.quantity, 3) ?? 0n;
  const returned = parseScaled(line.returnedQuantity ?? '0', 3) ?? 0n;
  return sold > returned ? sold - returned : 0n;
}

export function ReturnDialog(props: {
  document: SaleDocument;
  section: DocumentSection;
  opened: boolean;
  opening: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      centered
      size="lg"
      title={t('trade.return.title', { reference: props.document.reference })}
    >
      <ReturnForm key={props.opening} {...props} />
    </Modal>
  );
}

function ReturnForm({ document, section, onClose }: { document: SaleDocument; section: DocumentSection; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useBusinessFormat();
  const methods = usePaymentMethods();
  const create = useCreateReturn(section, document.id, document.contactId);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [date, setDate] = useState(() => todayIn(session.business.timezone));
  const [refund, setRefund] = useState<string>('advance');
  const [note, setNote] = useState('');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ReturnResult | null>(null);

  if (result) {
    return (
      <Stack data-testid="return-result">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          <Text size="sm" fw={600}>
            {t('trade.return.done', { reference: result.reference, total: format.money(result.total) })}
          </Text>
        </Alert>
        <Text size="sm">{t('trade.return.applied', { amount: format.money(result.appliedToDocument) })}</Text>
        {result.refund ? (
          <Text size="sm">{t('trade.return.refunded', { amount: format.money(result.refund.amount), reference: result.refund.reference })}</Text>
        ) : (
          <Text size="sm">{t('trade.return.advance', { amount: format.money(result.advance) })}</Text>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  const choiceOf = (line: DocumentLine): Choice => choices[line.id] ?? { checked: false, quantity: '' };
  const setChoice = (line: DocumentLine, changes: Partial<Choice>) =>
    setChoices((current) => ({ ...current, [line.id]: { ...choiceOf(line), ...changes } }));

  const submit = () => {
    const found: Record<string, string> = {};
    const lines: { lineId: string; quantity: string }[] = [];
    for (const line of document.lines) {
      const choice = choiceOf(line);
      if (!choice.checked) continue;
      const problem = numberCheck(choice.quantity, format.locale, quantityRule, t, { required: true });
      const quantity = fieldToDecimal(choice.quantity, format.locale, quantityRule);
      const milli = quantity === null ? null : parseScaled(quantity, 3);
      const max = returnable(line);
      if (problem || quantity === null || milli === null) found[line.id] = problem ?? t('formChecks.required');
      else if (milli > max) found[line.id] = t('trade.return.tooMany', { max: formatNumber(max, format.locale, quantityRule) });
      else lines.push({ lineId: line.id, quantity });
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    if (lines.length === 0) {
      setProblems({ form: t('trade.return.pickOne') });
      return;
    }
    create.mutate(
      {
        idempotencyKey,
        input: {
          date,
          lines,
          ...(refund !== 'advance' ? { refund: { method: refund } } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      },
      { onSuccess: setResult },
    );
  };

  const methodOptions = (methods.data ?? []).filter((method) => method.active).map((method) => ({ value: method.code, label: method.label }));

  // The line total goes with the quantity it paid for, so it cannot be read as a unit price. Each
  // part is an inline block, so a narrow screen breaks the line after the dot before breaking a part.
  const lineSummary = (line: DocumentLine, returnableText: string, returnableScaled: bigint) => {
    const quantity = decimalToField(line.quantity, format.locale, quantityRule);
    const tradedLabel = t(section === 'sale' ? 'trade.return.soldFor' : 'trade.return.boughtFor', {
      count: Number(line.quantity),
      quantity,
      total: format.money(line.total),
    });
    const returnableLabel = t('trade.return.returnable', { count: Number(returnableScaled) / 1000, quantity: returnableText });
    return (
      <>
        <span style={{ display: 'inline-block' }}>{tradedLabel}{'\u00a0·'}</span> <span style={{ display: 'inline-block' }}>{returnableLabel}</span>
      </>
    );
  };

  return (
    <Stack gap="md">
      <Stack gap="xs" data-testid="return-lines">
        {document.lines.map((line) => {
          const max = returnable(line);
          const choice = choiceOf(line);
          const maxText = formatNumber(max, format.locale, quantityRule);
          return (
            <Paper key={line.id} withBorder radius="md" p="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Checkbox
                  label={t('trade.return.pick', { description: line.description })}
                  description={lineSummary(line, maxText, max)}
                  checked={choice.checked}
                  disabled={max === 0n}
                  onChange={(event) =>
                    setChoice(line, {
                      checked: event.currentTarget.checked,
                      quantity: choice.quantity || maxText,
                    })
                  }
                  style={{ minWidth: 0 }}
                />
                <NumberField
                  w={110}
                  style={{ flexShrink: 0 }}
                  aria-label={t('trade.return.quantityOf', { description: line.description })}
                  rule={quantityRule}
                  disabled={!choice.checked}
                  value={choice.quantity}
                  onChange={(quantity) => setChoice(line, { quantity })}
                  error={problems[line.id]}
                />
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <DateField label={t('trade.return.date')} value={date} onChange={setDate} w={170} />
        <Select
          label={t('trade.return.excess')}
          description={t('trade.return.excessHint')}
          inputWrapperOrder={['label', 'input', 'description']}
          data={[
            { value: 'advance', label: t(section === 'sale' ? 'trade.return.keepAdvance' : 'trade.return.keepCredit') },
            ...methodOptions.map((option) => ({ value: option.value, label: t('trade.return.refundBy', { method: option.label }) })),
          ]}
          value={refund}
          allowDeselect={false}
          onChange={(value) => setRefund(value ?? 'advance')}
          style={{ flex: '1 1 260px' }}
        />
      </Group>
      <Textarea label={t('trade.form.note')} autosize minRows={1} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
      {problems.form && (
        <Text size="sm" c="red">
          {problems.form}
        </Text>
      )}
      {create.isError && (
        <Alert color="red" variant="light">
          {errorMessage(create.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={create.isPending} onClick={submit}>
          {t('trade.return.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
