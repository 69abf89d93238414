/**
 * The contact list's rows: a table on wide screens and cards on phones. Both
 * render only the rows in view (TanStack Virtual), so the list scrolls
 * through any number of contacts, and ask for the next page of the cursor
 * when the last loaded rows come into view. In the table, the arrow, page,
 * Home and End keys move the selection and Enter opens the selected contact.
 */
import { Box, Card, Group, Loader, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer, useWindowVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type Ref, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Contact } from '../api/types.ts';
import { useSession } from '../auth/session-context.tsx';
import { PayButton } from '../payments/PayButton.tsx';
import { Amount } from '../shared/Amount.tsx';
import type { ContactSection } from './api.ts';
import { StatusBadge } from './badges.tsx';
import { type ColumnContext, type ColumnDef, columnLabel } from './list/columns.tsx';
import type { SortField, SortSpec } from './list/list-api.ts';
import { contactPath } from './paths.ts';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 40;
/** Rows from the end of the loaded ones at which the next page is requested. */
const LOAD_AHEAD = 20;
/**
 * Width of the pay icon column. A labelled button needs about 200 px in
 * English, more than a 1366 px screen leaves beside the default columns.
 */
const ACTIONS_WIDTH = 64;
const KEYS_HINT_ID = 'contact-list-keys-hint';

/** The scroll offset and selected row a table was left at, kept for each history entry so that the back button returns to them. */
interface TablePosition {
  scrollTop: number;
  selected: number;
  focused: boolean;
}

const MAX_SAVED_POSITIONS = 50;
const savedPositions = new Map<string, TablePosition>();

function savePosition(key: string, position: TablePosition) {
  savedPositions.delete(key);
  savedPositions.set(key, position);
  // A Map iterates in insertion order, so the first key is the entry left longest ago.
  if (savedPositions.size > MAX_SAVED_POSITIONS) savedPositions.delete(savedPositions.keys().next().value as string);
}

export interface ContactListHandle {
  /** Moves the focus into the table and selects its first row (from the search box's down arrow). */
  focusFirst: () => void;
}

interface ListProps {
  contacts: Contact[];
  section: ContactSection;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Asks for the next page when the virtualiser shows a row near the end of the loaded ones. */
function useLoadAhead(lastShown: number, { contacts, hasMore, loadingMore, onLoadMore }: ListProps) {
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= contacts.length - LOAD_AHEAD) onLoadMore();
  }, [lastShown, contacts.length, hasMore, loadingMore, onLoadMore]);
}

/** Keeps the scroll box's bottom at the window's bottom, whatever sits above it. */
function useFillHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(480);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(320, Math.floor(window.innerHeight - top - 24)));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = new ResizeObserver(measure);
    if (ref.current?.parentElement) observer.observe(ref.current.parentElement);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [ref]);
  return height;
}

export function ContactTable({
  columns,
  context,
  sort,
  onSort,
  handle,
  ...list
}: ListProps & {
  columns: ColumnDef[];
  context: ColumnContext;
  sort: SortSpec | null;
  onSort: (field: SortField) => void;
  handle?: Ref<ContactListHandle>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const positionKey = useLocation().key;
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const [selected, setSelected] = useState(() => savedPositions.get(positionKey)?.selected ?? -1);
  const [focused, setFocused] = useState(false);
  const height = useFillHeight(scrollRef);
  const { contacts, section } = list;
  const rowCount = contacts.length + (list.hasMore ? 1 : 0);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  useLoadAhead(items.at(-1)?.index ?? 0, list);

  // Coming back to this history entry (from a contact opened in the list) scrolls to where the table
  // was left and selects the same row, and leaving it saves that place. The loaded pages come from
  // the query cache, so the rows are there at once.
  const restored = useRef(savedPositions.get(positionKey) ?? null);
  const selection = useRef({ selected, focused });
  selection.current = { selected, focused };
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (restored.current?.focused) tableRef.current?.focus({ preventScroll: true });
    // The box takes its height in the first commits, which may move the scroll again, so the saved
    // place applies until the next frame only (see the effect below).
    const frame = requestAnimationFrame(() => {
      restored.current = null;
    });
    return () => {
      cancelAnimationFrame(frame);
      savePosition(positionKey, { scrollTop: box?.scrollTop ?? 0, ...selection.current });
    };
  }, [positionKey]);
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (box && restored.current) box.scrollTop = restored.current.scrollTop;
  }, [positionKey, height]);

  const select = (index: number) => {
    const next = Math.max(0, Math.min(contacts.length - 1, index));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  useImperativeHandle(handle, () => ({
    focusFirst: () => {
      if (contacts.length === 0) return;
      tableRef.current?.focus();
      select(0);
    },
  }));

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      PageDown: selected + page,
      PageUp: selected - page,
      Home: 0,
      End: contacts.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      select(moves[event.key] as number);
      // The cursor API reaches the last contact only page by page, so End goes to the last row loaded
      // and requests the next page. Pressing it again goes further, as the keyboard hint explains.
      if (event.key === 'End' && list.hasMore && !list.loadingMore) list.onLoadMore();
    } else if (event.key === 'Enter' && contacts[selected]) {
      event.preventDefault();
      navigate(contactPath(contacts[selected], section));
    }
  };

  const totalWidth = columns.reduce((sum, column) => sum + column.width, ACTIONS_WIDTH);
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const rowId = (index: number) => `contact-row-${index}`;

  return (
    <>
      {/* A short list takes only the room its rows need. */}
      <Box ref={scrollRef} style={{ height: Math.min(height, virtualizer.getTotalSize() + HEADER_HEIGHT + 2), overflow: 'auto', overscrollBehavior: 'contain' }}>
        <table
          ref={tableRef}
          className="contact-table"
          role="grid"
          tabIndex={0}
          aria-label={t('contactList.rowsLabel')}
          aria-rowcount={rowCount + 1}
          aria-activedescendant={selected >= 0 ? rowId(selected) : undefined}
          aria-describedby={KEYS_HINT_ID}
          onKeyDown={onKeyDown}
          onFocus={() => {
            setFocused(true);
            if (selected < 0 && contacts.length > 0) setSelected(0);
          }}
          onBlur={() => setFocused(false)}
          style={{ width: '100%', minWidth: totalWidth, tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 0 }}
        >
          <colgroup>
            {columns.map((column) => (
              <col key={column.id} style={{ width: column.width }} />
            ))}
            <col style={{ width: ACTIONS_WIDTH }} />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((column) => (
                <HeaderCell
                  key={column.id}
                  column={column}
                  label={columnLabel(column.id, session.business, t)}
                  sort={sort}
                  onSort={onSort}
                />
              ))}
              <th aria-label={t('payments.record')} />
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr aria-hidden style={{ height: before }}>
                <td colSpan={columns.length + 1} />
              </tr>
            )}
            {items.map((item) => {
              const contact = contacts[item.index];
              if (!contact) {
                return (
                  <tr key="more" aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                    <td colSpan={columns.length + 1}>
                      <Group gap="xs" justify="center">
                        <Loader size="xs" />
                        <Text size="sm" c="dimmed">
                          {t('contactList.loadingMore')}
                        </Text>
                      </Group>
                    </td>
                  </tr>
                );
              }
              const to = contactPath(contact, section);
              const isSelected = item.index === selected;
              return (
                <tr
                  key={contact.id}
                  id={rowId(item.index)}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  aria-selected={isSelected}
                  className="clickable-row"
                  style={{ height: ROW_HEIGHT }}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a, button')) return;
                    setSelected(item.index);
                    navigate(to);
                  }}
                >
                  {columns.map((column) => (
                    <td key={column.id} style={{ textAlign: column.align }}>
                      {column.id === 'name' ? (
                        <Link to={to} className="contact-link" tabIndex={-1}>
                          {column.render(contact, context)}
                        </Link>
                      ) : (
                        column.render(contact, context)
                      )}
                    </td>
                  ))}
                  <td style={{ textAlign: 'right' }}>
                    <PayButton contact={contact} compact />
                  </td>
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden style={{ height: after }}>
                <td colSpan={columns.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
      </Box>
      {/* Shown while the table has the focus, and read by screen readers as the table's description. */}
      <Text id={KEYS_HINT_ID} size="xs" c="dimmed" px="sm" py={6} hidden={!focused} data-testid="list-keys-hint">
        {t('contactList.keysHint')}
      </Text>
    </>
  );
}

const ariaSorts = { asc: 'ascending', desc: 'descending' } as const;
const sortIcons = { asc: IconArrowUp, desc: IconArrowDown } as const;

function HeaderCell({
  column,
  label,
  sort,
  onSort,
}: {
  column: ColumnDef;
  label: string;
  sort: SortSpec | null;
  onSort: (field: SortField) => void;
}) {
  const { t } = useTranslation();
  const sorted = column.sort !== undefined && sort?.field === column.sort ? sort.order : null;
  const ariaSort = sorted ? ariaSorts[sorted] : undefined;
  if (!column.sort) {
    return (
      <th style={{ textAlign: column.align }} title={label}>
        {label}
      </th>
    );
  }
  const Icon = sorted ? sortIcons[sorted] : IconSelector;
  const field = column.sort;
  return (
    <th style={{ textAlign: column.align }} aria-sort={ariaSort}>
      <UnstyledButton
        onClick={() => onSort(field)}
        aria-label={t('contactList.sortBy', { column: label })}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, font: 'inherit', fontWeight: 'inherit' }}
      >
        {label}
        <Icon size={14} stroke={1.6} opacity={sorted ? 1 : 0.45} />
      </UnstyledButton>
    </th>
  );
}

/** Lists contacts on phones: one card per contact, with its balance on the right, the page itself scrolling. */
export function ContactCards(list: ListProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
  }, []);
  const { contacts, section } = list;
  const virtualizer = useWindowVirtualizer({
    count: contacts.length + (list.hasMore ? 1 : 0),
    // Cards differ in height (with or without an e-mail line), so each measured height is kept by
    // contact: kept by place, a card of the earlier list would lend its height to the one now there.
    getItemKey: (index) => contacts[index]?.id ?? 'more',
    estimateSize: () => 84,
    overscan: 6,
    scrollMargin: offset,
  });
  const items = virtualizer.getVirtualItems();
  useLoadAhead(items.at(-1)?.index ?? 0, list);

  return (
    <div ref={listRef} style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const contact = contacts[item.index];
        return (
          <div
            key={contact?.id ?? 'more'}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - offset}px)`, paddingBottom: 8 }}
          >
            {contact ? (
              <Group gap={6} wrap="nowrap" align="stretch">
                <Card withBorder radius="md" padding="sm" component={Link} to={contactPath(contact, section)} style={{ flex: 1, minWidth: 0 }}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={2} miw={0}>
                      <Text fw={600} size="sm" truncate>
                        {contact.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {[contact.code, contact.mobile, contact.city].filter(Boolean).join(' · ')}
                      </Text>
                      {contact.email && (
                        <Text size="xs" c="dimmed" truncate>
                          {contact.email}
                        </Text>
                      )}
                    </Stack>
                    <Stack gap={4} align="flex-end">
                      {contact.balance !== null && <Amount value={contact.balance} balance size="sm" fw={600} />}
                      {contact.status === 'inactive' && <StatusBadge status={contact.status} />}
                    </Stack>
                  </Group>
                </Card>
                <PayButton contact={contact} compact />
              </Group>
            ) : (
              <Group gap="xs" justify="center" py="sm">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {t('contactList.loadingMore')}
                </Text>
              </Group>
            )}
          </div>
        );
      })}
    </div>
  );
}

export function ContactTableSkeleton() {
  return (
    <Stack gap="xs" aria-busy="true">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} height={40} radius="sm" />
      ))}
    </Stack>
  );
}
