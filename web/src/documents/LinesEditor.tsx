/**
 * The lines of a sale or purchase: description, quantity, unit price,
 * discount and tax rate, with the line's total as the server will compute
 * it. The unit price is tax included on a picked product and before tax on a
 * free line, and a button beside it switches either way. On a sale, the
 * server's quote gives each line its customer group price and the note of
 * what the group takes off. Each line is a small block that stacks on phones.
 */
import { ActionIcon, Autocomplete, Button, Grid, Group, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { fromMinor, minorDigits } from '../ledger/minor.ts';
import { LinePriceNote } from '../pricing/LinePriceNote.tsx';
import { ProductLineInput } from '../pricing/ProductLineInput.tsx';
import { NumberField } from '../shared/NumberField.tsx';
import { formatNumber, percentRule } from '../shared/number-input.ts';
import { currencySymbol } from '../ledger/currency.ts';
import { emptyLine, type LineForm, lineRules, lineValues } from './formValues.ts';
import { lineAmounts } from './lineMath.ts';
import type { QuoteLine } from './quote.ts';

/** Common French VAT rates in hundredths of a percent, offered as suggestions; any rate may be typed. */
const taxSuggestions = [2000n, 1000n, 550n, 210n, 0n];

export function LinesEditor({
  lines,
  quoted = [],
  onChange,
  error,
}: {
  lines: LineForm[];
  /** The server's pricing of each line, by index, when the lines are quoted. */
  quoted?: (QuoteLine | undefined)[];
  onChange: (lines: LineForm[]) => void;
  /** The message for a line field, by its JSON path (`lines.0.quantity`). */
  error: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const numbers = { locale: format.locale, digits: minorDigits(currency) };
  const rules = lineRules(numbers.digits);
  // Room for the price mode button: `€ TTC` in French, the longer `€ incl. tax` in English.
  const priceModeWidth = format.locale === 'fr' ? 72 : 92;

  const update = (index: number, changes: Partial<LineForm>) =>
    onChange(lines.map((line, at) => (at === index ? { ...line, ...changes } : line)));
  const remove = (index: number) => onChange(lines.filter((_, at) => at !== index));

  return (
    <Stack gap="sm">
      {lines.map((line, index) => {
        const amounts = lineAmounts(lineValues(line, numbers), currency);
        const quote = quoted[index];
        let total = amounts ? format.money(fromMinor(amounts.total, currency)) : '—';
        if (quote) total = format.money(quote.total);
        const path = `lines.${index}`;
        return (
          <Paper key={line.key} withBorder radius="md" p="sm" data-testid={`line-${index}`}>
            <Group justify="space-between" mb={4}>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                {t('trade.lines.number', { number: index + 1 })}
              </Text>
              {lines.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('trade.lines.remove', { number: index + 1 })}
                  onClick={() => remove(index)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
            <Grid columns={24} gap="xs" align="flex-end">
              <Grid.Col span={{ base: 24, md: 8 }}>
                <ProductLineInput
                  description={line.description}
                  productId={line.productId}
                  onDescription={(description) => update(index, { description })}
                  onProduct={(picked) => update(index, picked ?? { productId: null })}
                  error={error(`${path}.description`) ?? error(`${path}.productId`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 3 }}>
                <NumberField
                  label={t('trade.lines.quantity')}
                  rule={rules.quantity}
                  value={line.quantity}
                  onChange={(quantity) => update(index, { quantity })}
                  error={error(`${path}.quantity`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 16, md: 4 }}>
                <NumberField
                  label={t(line.priceIncludesTax ? 'trade.lines.unitPriceWithTax' : 'trade.lines.unitPrice')}
                  rule={rules.unitPrice}
                  value={line.unitPrice}
                  onChange={(unitPrice) => update(index, { unitPrice })}
                  error={error(`${path}.unitPrice`) ?? error(`${path}.unitPriceWithTax`)}
                  rightSectionWidth={priceModeWidth}
                  rightSection={
                    <PriceModeButton
                      includesTax={line.priceIncludesTax}
                      onSwitch={() => update(index, { priceIncludesTax: !line.priceIncludesTax })}
                    />
                  }
                />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 3 }}>
                <NumberField
                  label={t('trade.lines.discount')}
                  rule={rules.discountPercent}
                  value={line.discountPercent}
                  onChange={(discountPercent) => update(index, { discountPercent })}
                  error={error(`${path}.discountPercent`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 3 }}>
                <Autocomplete
                  label={t('trade.lines.taxRate')}
                  inputMode="decimal"
                  classNames={{ input: 'amount' }}
                  rightSection={<Text size="xs" c="dimmed">%</Text>}
                  data={taxSuggestions.map((rate) => formatNumber(rate, format.locale, percentRule))}
                  value={line.taxRate}
                  onChange={(value) => update(index, { taxRate: value })}
                  error={error(`${path}.taxRate`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 3 }}>
                <Stack gap={2} align="flex-end" pb={6}>
                  <Text size="xs" c="dimmed">
                    {t('trade.lines.total')}
                  </Text>
                  <Text size="sm" fw={600} className="amount" data-testid="line-total">
                    {total}
                  </Text>
                </Stack>
              </Grid.Col>
            </Grid>
            {quote && (
              <Group justify="flex-end" mt={4}>
                <LinePriceNote line={quote} />
              </Group>
            )}
          </Paper>
        );
      })}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => onChange([...lines, emptyLine()])}>
          {t('trade.lines.add')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Shows the currency sign and the price's terms (HT or TTC) at the end of the
 * unit price field. Pressing it switches how the typed price is read, without
 * changing the number.
 */
function PriceModeButton({ includesTax, onSwitch }: { includesTax: boolean; onSwitch: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const action = t(includesTax ? 'trade.lines.enterBeforeTax' : 'trade.lines.enterWithTax');
  return (
    <Tooltip label={action} withArrow openDelay={300}>
      <UnstyledButton
        onClick={onSwitch}
        aria-label={action}
        data-testid="price-mode"
        px={6}
        py={2}
        style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-gray-4)' }}
      >
        <Text size="xs" fw={600} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {currencySymbol(currency, format.locale)} {t(includesTax ? 'trade.lines.taxIncluded' : 'trade.lines.taxExcluded')}
        </Text>
      </UnstyledButton>
    </Tooltip>
  );
}
