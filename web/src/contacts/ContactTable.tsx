/**
 * The contact list's rows: a table on wide screens and cards on phones. Both
 * render only the rows in view (TanStack Virtual), so the list scrolls
 * through any number of contacts, and ask for the next page of the cursor
 * when the last loaded rows come into view. In the table, the arrow and page
 * keys move the selection, Home and End select the first and the last
 * contact of the whole list, and Enter opens the selected contact.
 *
 * The list pages by cursor, so End cannot reach the last contact by loading
 * every page before it. The page then reads the list from its end (see
 * `anchor`), and the table loads the earlier pages as the user scrolls up.
 */
import { Box, Card, Group, Loader, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer, useWindowVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type Ref, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Contact } from '../api/types.ts';
import { useSession } from '../auth/session-context.tsx';
import { PayButton } from '../payments/PayButton.tsx';
import { Amount } from '../shared/Amount.tsx';
import { readablePhone } from '../shared/phones.ts';
import type { ContactSection } from './api.ts';
import { StatusBadge } from './badges.tsx';
import { useFittedColumns } from './list/column-widths.ts';
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
  selectedId: string | null;
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
  /** More contacts follow the last one loaded. */
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** The end of the whole list that the loaded contacts start from: its first contact, or its last one. */
export type ListAnchor = 'start' | 'end';

/** The table's rows, which may be read from either end of the list. */
export interface TableRows extends ListProps {
  anchor: ListAnchor;
  /** More contacts come before the first one loaded: only when the rows were read from the end. */
  hasBefore: boolean;
  loadingBefore: boolean;
  onLoadBefore: () => void;
  /** Asks for the rows of that end of the whole list; Home and End wait for them before they select. */
  onJump: (to: ListAnchor) => void;
  /** Number of contacts in the whole list, when the totals are known, for screen readers' row numbers. */
  total?: number;
}

/** Asks for the next page when the virtualiser shows a card near the end of the `rowCount` cards. */
function useLoadAhead(lastShown: number, rowCount: number, { hasMore, loadingMore, onLoadMore }: ListProps) {
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rowCount - LOAD_AHEAD) onLoadMore();
  }, [lastShown, rowCount, hasMore, loadingMore, onLoadMore]);
}

/**
 * Asks for the page before the first loaded row, or after the last one, when
 * the box is scrolled near that end. The box's own scroll position is read,
 * not the rows the virtualiser last rendered, because Home and End scroll
 * the box before the rows follow.
 */
function useLoadNearEnds(box: React.RefObject<HTMLElement | null>, rowsShown: string, rows: TableRows) {
  const { hasBefore, loadingBefore, onLoadBefore, hasMore, loadingMore, onLoadMore } = rows;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const margin = LOAD_AHEAD * ROW_HEIGHT;
    if (hasBefore && !loadingBefore && element.scrollTop < margin) onLoadBefore();
    if (hasMore && !loadingMore && element.scrollTop + element.clientHeight > element.scrollHeight - margin) onLoadMore();
  }, [box, rowsShown, hasBefore, loadingBefore, onLoadBefore, hasMore, loadingMore, onLoadMore]);
}

/**
 * Scrolls the box down by the rows added above the first contact, so that
 * the rows in view stay in place while a list read from its end loads its
 * earlier pages. Rows have one fixed height, so the shift is exact. The
 * browser fires the scroll before it paints, and the virtualiser renders
 * the rows of the new position then.
 */
function useKeepRowsInPlace(box: React.RefObject<HTMLElement | null>, contacts: Contact[], first: number, anchor: ListAnchor) {
  const previous = useRef<{ id: string; row: number } | null>(null);
  useLayoutEffect(() => {
    const before = previous.current;
    const firstContact = contacts[0];
    previous.current = anchor === 'end' && firstContact ? { id: firstContact.id, row: first } : null;
    if (!before || !box.current || anchor !== 'end') return;
    if (firstContact?.id === before.id && first === before.row) return;
    const index = contacts.findIndex((contact) => contact.id === before.id);
    if (index >= 0) box.current.scrollTop += (index + first - before.row) * ROW_HEIGHT;
  });
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
  columns: chosenColumns,
  context,
  sort,
  onSort,
  handle,
  ...list
}: TableRows & {
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
  // The selection is kept by id, so that it stays on its contact when earlier rows are loaded above it.
  const [selectedId, setSelectedId] = useState<string | null>(() => savedPositions.get(positionKey)?.selectedId ?? null);
  const [jump, setJump] = useState<ListAnchor | null>(null);
  const [focused, setFocused] = useState(false);
  const height = useFillHeight(scrollRef);
  const { contacts, section } = list;
  const label = useCallback((column: ColumnDef) => columnLabel(column.id, session.business, t), [session.business, t]);
  const columns = useFittedColumns(chosenColumns, contacts, tableRef, label);
  const selected = selectedId === null ? -1 : contacts.findIndex((contact) => contact.id === selectedId);
  // A row that shows more contacts loading comes before the first contact, after the last one, or both.
  const first = list.hasBefore ? 1 : 0;
  const rowCount = first + contacts.length + (list.hasMore ? 1 : 0);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header is part of the scrolled box, above the rows: a row scrolled into view at the
    // top stays below it, and one scrolled into view at the bottom shows whole.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => contacts[index - first]?.id ?? (index < first ? 'before' : 'more'),
  });
  const items = virtualizer.getVirtualItems();
  useLoadNearEnds(scrollRef, `${items[0]?.index}-${items.at(-1)?.index}-${rowCount}`, list);
  useKeepRowsInPlace(scrollRef, contacts, first, list.anchor);

  // Coming back to this history entry (from a contact opened in the list) scrolls to where the table
  // was left and selects the same row, and leaving it saves that place. The loaded pages come from
  // the query cache, so the rows are there at once.
  const restored = useRef(savedPositions.get(positionKey) ?? null);
  const selection = useRef({ selectedId, focused });
  selection.current = { selectedId, focused };
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
    const contact = contacts[next];
    if (!contact) return;
    setSelectedId(contact.id);
    virtualizer.scrollToIndex(next + first, { align: 'auto' });
  };

  // Home and End select once the rows of their end of the list are loaded. Rows that change ends
  // unasked (new columns read the list again from its start) show that end.
  const shownAnchor = useRef(list.anchor);
  useLayoutEffect(() => {
    const anchorChanged = shownAnchor.current !== list.anchor;
    shownAnchor.current = list.anchor;
    if (jump === 'end' && !list.hasMore && contacts.length > 0) {
      setJump(null);
      select(contacts.length - 1);
    } else if (jump === 'start' && !list.hasBefore && contacts.length > 0) {
      setJump(null);
      select(0);
    } else if (anchorChanged && jump === null) {
      virtualizer.scrollToIndex(list.anchor === 'end' ? rowCount - 1 : 0, { align: 'auto' });
    }
  });

  useImperativeHandle(handle, () => ({
    focusFirst: () => {
      if (contacts.length === 0) return;
      tableRef.current?.focus();
      goTo('start');
    },
  }));

  const goTo = (end: ListAnchor) => {
    const loaded = end === 'end' ? !list.hasMore : !list.hasBefore;
    if (loaded) {
      setJump(null);
      select(end === 'end' ? contacts.length - 1 : 0);
    } else {
      setJump(end);
      list.onJump(end);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      PageDown: selected + page,
      PageUp: selected - page,
    };
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      goTo(event.key === 'End' ? 'end' : 'start');
    } else if (event.key in moves) {
      event.preventDefault();
      setJump(null);
      select(moves[event.key] as number);
    } else if (event.key === 'Enter' && contacts[selected]) {
      event.preventDefault();
      navigate(contactPath(contacts[selected], section));
    }
  };

  const totalWidth = columns.reduce((sum, column) => sum + column.width, ACTIONS_WIDTH);
  const before = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const after = virtualizer.getTotalSize() - ((items.at(-1)?.end ?? HEADER_HEIGHT) - HEADER_HEIGHT);
  const rowId = (index: number) => `contact-row-${index}`;
  // Row numbers for screen readers: the header is row 1. Read from the end, a row's number is known only
  // from the list's total.
  const rowNumber = (index: number): number | undefined => {
    if (list.anchor === 'start') return index + 2;
    return list.total === undefined ? undefined : list.total - contacts.length + index + 2;
  };
  let rowTotal = list.anchor === 'start' ? rowCount + 1 : -1;
  if (list.total !== undefined) rowTotal = list.total + 1;

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
          aria-rowcount={rowTotal}
          aria-activedescendant={selected >= 0 ? rowId(selected) : undefined}
          aria-describedby={KEYS_HINT_ID}
          onKeyDown={onKeyDown}
          onFocus={() => {
            setFocused(true);
            const firstContact = contacts[0];
            if (selected < 0 && firstContact) setSelectedId(firstContact.id);
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
              const index = item.index - first;
              const contact = contacts[index];
              if (!contact) {
                return (
                  <tr key={String(item.key)} aria-rowindex={list.anchor === 'start' ? index + 2 : undefined} style={{ height: ROW_HEIGHT }}>
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
              const isSelected = index === selected;
              return (
                <tr
                  key={contact.id}
                  id={rowId(index)}
                  data-index={index}
                  aria-rowindex={rowNumber(index)}
                  aria-selected={isSelected}
                  className="clickable-row"
                  style={{ height: ROW_HEIGHT }}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a, button')) return;
                    setSelectedId(contact.id);
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

/** Width in pixels that a card keeps for the name beside the balance: about 15 characters of 14 px text. */
const CARD_NAME_WIDTH = 120;

/** Lists contacts on phones: one card per contact, with its balance on the right, the page itself scrolling. */
export function ContactCards(list: ListProps) {
  const { business } = useSession();
  const { t } = useTranslation();
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
  }, []);
  const { contacts, section } = list;
  const rowCount = contacts.length + (list.hasMore ? 1 : 0);
  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    // Cards differ in height (with or without an e-mail line), so each measured height is kept by
    // contact: kept by place, a card of the earlier list would lend its height to the one now there.
    getItemKey: (index) => contacts[index]?.id ?? 'more',
    estimateSize: () => 84,
    overscan: 6,
    scrollMargin: offset,
  });
  const items = virtualizer.getVirtualItems();
  useLoadAhead(items.at(-1)?.index ?? 0, rowCount, list);

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
                  {/* The name takes at least CARD_NAME_WIDTH beside the balance. A balance too wide for that goes under it, whole. */}
                  <Group justify="space-between" wrap="wrap" align="flex-start" style={{ rowGap: 2 }}>
                    <Stack gap={2} miw={0} style={{ flex: `1 1 ${CARD_NAME_WIDTH}px` }}>
                      <Text fw={600} size="sm" truncate>
                        {contact.name}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {[contact.code, contact.mobile && readablePhone(contact.mobile, business.country), contact.city].filter(Boolean).join(' · ')}
                      </Text>
                      {contact.email && (
                        <Text size="xs" c="dimmed" truncate>
                          {contact.email}
                        </Text>
                      )}
                    </Stack>
                    <Stack gap={4} align="flex-end" ml="auto">
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
