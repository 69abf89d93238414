/**
 * The app's one date field. It shows and reads dates day first
 * (31/12/2024), as both UI languages write them (fr-FR and en-GB), whatever
 * language the browser runs in, and a calendar button opens a month grid to
 * pick from. The parent stores the API's `YYYY-MM-DD`, or the text as typed
 * while it is not a day that exists, so a save reports it under the field.
 */
import { ActionIcon, Group, Popover, Text, TextInput, type TextInputProps, UnstyledButton } from '@mantine/core';
import { IconCalendar, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asLocale, intlLocale } from '../i18n/locale.ts';
import { todayIn } from '../ledger/dates.ts';
import { addDays, addMonths, calendarWeeks, isoToInput, readTypedDate } from './dates.ts';
import { type TypedFormat, useTypedText } from './typed-text.ts';

const dateFormat: TypedFormat = {
  toInput: isoToInput,
  read(text) {
    const reading = readTypedDate(text);
    return reading.kind === 'date' ? { kind: 'valid', value: reading.iso } : reading;
  },
};

export function DateField({
  value,
  onChange,
  error,
  ...props
}: { value: string; onChange: (value: string) => void } & Omit<TextInputProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const { text, invalid, change, checkOnLeave } = useTypedText(value, onChange, dateFormat);
  const [calendarOpened, setCalendarOpened] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const typed = readTypedDate(text);
  const placeholder = t('contactForm.datePlaceholder');
  const ownError = invalid ? t('dateField.invalid', { value: text.trim(), format: placeholder }) : undefined;

  return (
    <TextInput
      inputMode="numeric"
      placeholder={placeholder}
      autoComplete="off"
      {...props}
      ref={input}
      value={text}
      error={error || ownError}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={(event) => {
        checkOnLeave();
        props.onBlur?.(event);
      }}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover
          opened={calendarOpened}
          onChange={setCalendarOpened}
          position="bottom-end"
          shadow="md"
          trapFocus
          returnFocus
          withinPortal
        >
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('dateField.openCalendar')}
              aria-expanded={calendarOpened}
              disabled={props.disabled}
              onClick={() => setCalendarOpened((opened) => !opened)}
            >
              <IconCalendar size={18} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p="xs">
            <MonthCalendar
              selected={typed.kind === 'date' ? typed.iso : null}
              onPick={(iso) => {
                setCalendarOpened(false);
                change(isoToInput(iso));
                input.current?.focus();
              }}
              onEscape={() => setCalendarOpened(false)}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

/**
 * Shows a month grid, Monday first, named in the UI language. The arrow keys move
 * between days (a day, or a week up and down), Page Up and Page Down between
 * months, and Enter or Space picks the focused day.
 */
function MonthCalendar({
  selected,
  onPick,
  onEscape,
}: {
  selected: string | null;
  onPick: (iso: string) => void;
  onEscape: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(asLocale(i18n.language) ?? 'fr');
  const today = todayIn(undefined);
  const [focused, setFocused] = useState(selected ?? today);
  const [month, setMonth] = useState(() => addMonths(selected ?? today, 0));
  const grid = useRef<HTMLTableElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused]);

  const moveTo = (iso: string) => {
    moved.current = true;
    setFocused(iso);
    if (iso.slice(0, 7) !== month.slice(0, 7)) setMonth(addMonths(iso, 0));
  };

  const showMonth = (months: number) => {
    const next = addMonths(month, months);
    setMonth(next);
    setFocused(next);
  };

  const keyDown = (event: KeyboardEvent) => {
    const steps: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      PageUp: () => sameDayInMonth(focused, -1),
      PageDown: () => sameDayInMonth(focused, 1),
    };
    const step = steps[event.key];
    if (step) {
      event.preventDefault();
      moveTo(step());
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      onEscape();
    }
  };

  const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(month));
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const dayName = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const weeks = calendarWeeks(month);

  return (
    <div className="date-calendar">
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
        <ActionIcon variant="subtle" color="gray" aria-label={t('dateField.previousMonth')} onClick={() => showMonth(-1)}>
          <IconChevronLeft size={18} />
        </ActionIcon>
        <Text fw={600} size="sm" aria-live="polite" className="date-calendar-month">
          {monthName}
        </Text>
        <ActionIcon variant="subtle" color="gray" aria-label={t('dateField.nextMonth')} onClick={() => showMonth(1)}>
          <IconChevronRight size={18} />
        </ActionIcon>
      </Group>
      <table ref={grid} role="grid" aria-label={monthName} className="date-calendar-grid" onKeyDown={keyDown}>
        <thead>
          <tr>
            {(weeks[0] ?? []).map((iso) => (
              <th key={iso} scope="col" abbr={new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(utc(iso))}>
                {weekdayName.format(utc(iso))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((iso) => (
                <td key={iso} role="gridcell" aria-selected={iso === selected}>
                  <UnstyledButton
                    type="button"
                    className="date-calendar-day"
                    data-date={iso}
                    data-outside={iso.slice(0, 7) !== month.slice(0, 7) || undefined}
                    data-selected={iso === selected || undefined}
                    data-today={iso === today || undefined}
                    tabIndex={iso === focused ? 0 : -1}
                    aria-label={dayName.format(utc(iso))}
                    aria-current={iso === today ? 'date' : undefined}
                    onClick={() => onPick(iso)}
                  >
                    {Number(iso.slice(8))}
                  </UnstyledButton>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Returns the same day `months` months away, or that month's last day when it is shorter. */
function sameDayInMonth(iso: string, months: number): string {
  const first = addMonths(iso, months);
  const nextFirst = addMonths(first, 1);
  const lastDay = Number(addDays(nextFirst, -1).slice(8));
  const day = Math.min(Number(iso.slice(8)), lastDay);
  return `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
}
