/** Pieces the money operation dialogs share: the side switch, the amount field and the failure alert. */
import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useSession } from '../auth/session-context.tsx';
import { errorMessage } from '../shared/errors.ts';
import type { FormState } from '../shared/form.ts';
import { NumberField, useMoneyRule } from '../shared/NumberField.tsx';
import type { AccountSide } from './sides.ts';

export function SideSwitch({ value, onChange }: { value: AccountSide; onChange: (side: AccountSide) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('operations.side.label')}
      </Text>
      <SegmentedControl
        fullWidth
        value={value}
        onChange={(side) => onChange(side as AccountSide)}
        data={[
          { value: 'sale', label: t('operations.side.sale') },
          { value: 'purchase', label: t('operations.side.purchase') },
        ]}
      />
    </Stack>
  );
}

/** The amount of a money operation: more than zero, in the business's currency and the user's convention. */
export function AmountField({
  label,
  value,
  onChange,
  error,
  description,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: ReactNode;
}) {
  const { currency } = useSession().business;
  const rule = useMoneyRule('positive');
  return (
    <NumberField
      label={label}
      required
      rule={rule}
      currency={currency}
      value={value}
      onChange={onChange}
      error={error}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      data-autofocus
    />
  );
}

export function FailureAlert({ title, messages }: { title: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} data-testid="operation-failure">
      <Stack gap={2}>
        {messages.map((message) => (
          <Text key={message} size="sm">
            {message}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * Spreads a failed save over the form: field messages under their fields,
 * the rest (and the general message when no field shows one) in the alert.
 */
export function failureMessages<T>(
  error: unknown,
  form: FormState<T>,
  shownPaths: readonly string[],
  t: Parameters<typeof errorMessage>[1],
): string[] {
  const unshown = form.takeErrors(error, shownPaths);
  const underFields = isApiError(error) && error.issues.some((issue) => shownPaths.includes(issue.path));
  return underFields ? unshown : [errorMessage(error, t), ...unshown];
}
