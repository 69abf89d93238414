/**
 * Creates or edits a customer group, and deletes one. Deleting a group that
 * contacts are in first asks where they go: another group, or no group.
 */
import { Alert, Button, Group, Radio, Select, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/errors.ts';
import { collectErrors, numberCheck, requiredError } from '../shared/field-checks.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { decimalToField, fieldToDecimal, type NumberRule, percentRule } from '../shared/number-input.ts';
import { useBusinessFormat } from '../auth/session-context.tsx';
import {
  type Calculation,
  type CustomerGroup,
  type CustomerGroupInput,
  useDeleteCustomerGroup,
  usePriceGroups,
  useSaveCustomerGroup,
} from './api.ts';

interface GroupValues {
  name: string;
  calculation: Calculation;
  percentage: string;
  priceGroupId: string | null;
}

const shownPaths = ['name', 'calculation', 'percentage', 'priceGroupId'];

/**
 * A group's adjustment: negative raises the price, down to -999.99 %. The
 * server also caps a reduction at 100 % and names the value when it is over.
 */
const groupPercentRule: NumberRule = { ...percentRule, sign: 'any', max: 99_999n };

export function CustomerGroupForm({
  group,
  groups,
  onDone,
}: {
  group: CustomerGroup | null;
  /** Every group of the business, to offer as the destination of a deleted group's contacts. */
  groups: CustomerGroup[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const priceGroups = usePriceGroups();
  const save = useSaveCustomerGroup();
  const [deleting, setDeleting] = useState(false);
  const form = useFormState<GroupValues>({
    name: group?.name ?? '',
    calculation: group?.calculation ?? 'percentage',
    percentage: decimalToField(group?.percentage ?? '', format.locale, groupPercentRule),
    priceGroupId: group?.priceGroupId ?? null,
  });
  const v = form.values;
  const unshownError = save.isError && Object.keys(form.errors).length === 0;
  const priceGroupOptions = (priceGroups.data ?? [])
    .filter((entry) => entry.isActive || entry.id === v.priceGroupId)
    .map((entry) => ({ value: entry.id, label: entry.name }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const byPercentage = v.calculation === 'percentage';
    const problems = collectErrors({
      name: requiredError(v.name, t),
      percentage: byPercentage ? numberCheck(v.percentage, format.locale, groupPercentRule, t) : undefined,
      priceGroupId: byPercentage ? undefined : requiredError(v.priceGroupId, t),
    });
    form.setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const percentage = fieldToDecimal(v.percentage || '0', format.locale, groupPercentRule) ?? v.percentage.trim();
    const input: CustomerGroupInput = {
      name: v.name.trim(),
      calculation: v.calculation,
      percentage: byPercentage ? percentage : null,
      priceGroupId: v.calculation === 'price_group' ? v.priceGroupId : null,
    };
    save.mutate(
      { id: group?.id, input },
      {
        onSuccess: () => {
          notifySaved(t('pricing.customerGroups.saved', { name: input.name }));
          onDone();
        },
        onError: (error) => form.takeErrors(error, shownPaths),
      },
    );
  };

  if (deleting && group) {
    return <DeleteGroup group={group} others={groups.filter((entry) => entry.id !== group.id)} onCancel={() => setDeleting(false)} onDone={onDone} />;
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {unshownError && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
        <TextInput
          label={t('pricing.customerGroups.name')}
          required
          data-autofocus
          maxLength={100}
          value={v.name}
          onChange={(event) => form.set('name', event.currentTarget.value)}
          error={form.error('name')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('pricing.customerGroups.calculation')}
          </Text>
          <SegmentedControl
            fullWidth
            value={v.calculation}
            onChange={(value) => form.set('calculation', value as Calculation)}
            data={[
              { value: 'percentage', label: t('pricing.customerGroups.byPercentage') },
              { value: 'price_group', label: t('pricing.customerGroups.byPriceGroup') },
            ]}
          />
        </Stack>
        {v.calculation === 'percentage' ? (
          <NumberField
            label={t('pricing.customerGroups.percentage')}
            description={t('pricing.customerGroups.percentageHint')}
            rule={groupPercentRule}
            placeholder="10"
            value={v.percentage}
            onChange={(value) => form.set('percentage', value)}
            error={form.error('percentage')}
          />
        ) : (
          <Select
            label={t('pricing.customerGroups.priceGroup')}
            description={
              priceGroupOptions.length === 0 ? t('pricing.customerGroups.noPriceGroup') : t('pricing.customerGroups.priceGroupHint')
            }
            required
            data={priceGroupOptions}
            value={v.priceGroupId}
            onChange={(value) => form.set('priceGroupId', value)}
            error={form.error('priceGroupId')}
          />
        )}
        <Group justify="space-between">
          {group ? (
            <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
              {t('common.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {group ? t('common.save') : t('pricing.customerGroups.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

const NO_GROUP = 'none';

function DeleteGroup({
  group,
  others,
  onCancel,
  onDone,
}: {
  group: CustomerGroup;
  others: CustomerGroup[];
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteCustomerGroup();
  const [mode, setMode] = useState<'none' | 'group'>('none');
  const [target, setTarget] = useState<string | null>(null);
  const inUse = group.contactCount > 0;

  const run = () => {
    let moveTo: string | undefined;
    if (inUse) moveTo = mode === 'group' ? (target ?? undefined) : NO_GROUP;
    remove.mutate(
      { id: group.id, moveTo },
      {
        onSuccess: (result) => {
          notifySaved(t('pricing.customerGroups.deleted', { name: group.name, count: result.movedContacts }));
          onDone();
        },
      },
    );
  };

  return (
    <Stack data-testid="delete-customer-group">
      <Text size="sm">
        {inUse
          ? t('pricing.customerGroups.deleteInUse', { name: group.name, count: group.contactCount })
          : t('pricing.customerGroups.deleteEmpty', { name: group.name })}
      </Text>
      {inUse && (
        <Radio.Group value={mode} onChange={(value) => setMode(value as 'none' | 'group')} label={t('pricing.customerGroups.moveTo')}>
          <Stack gap="xs" mt={6}>
            <Radio value="none" label={t('pricing.customerGroups.moveToNone')} />
            <Radio value="group" label={t('pricing.customerGroups.moveToGroup')} disabled={others.length === 0} />
            {mode === 'group' && (
              <Select
                aria-label={t('pricing.customerGroups.moveToGroup')}
                data={others.map((entry) => ({ value: entry.id, label: entry.name }))}
                value={target}
                onChange={setTarget}
                placeholder={t('pricing.customerGroups.pickGroup')}
                ml={28}
              />
            )}
          </Stack>
        </Radio.Group>
      )}
      {remove.isError && <Alert color="red">{errorMessage(remove.error, t)}</Alert>}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={remove.isPending} disabled={inUse && mode === 'group' && !target} onClick={run}>
          {t('pricing.customerGroups.deleteConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
