import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { ContactType } from '../api/types.ts';
import type { SavedState } from './ContactFormPage.tsx';
import { contactPath } from './paths.ts';

type Warning = SavedState['warnings'][number] & { contact?: { id?: string } };

/**
 * Confirms a save and lists its warnings. A duplicate warning names the other
 * contact and links to it: by the id when the server sends one, else by
 * looking up the code the message ends with.
 */
export function SavedAlert({ state, onClose }: { state: SavedState; onClose: () => void }) {
  const { t } = useTranslation();
  const savedText = t(state.saved === 'created' ? 'contactPage.created' : 'contactPage.updated');

  if (state.warnings.length === 0) {
    return (
      <Alert color="teal" icon={<IconCircleCheck size={18} />} withCloseButton onClose={onClose} mb="md" closeButtonLabel={t('common.close')}>
        {savedText}
      </Alert>
    );
  }
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={t('contactPage.savedWithWarnings', { saved: savedText })}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      mb="md"
      data-testid="save-warnings"
    >
      <List size="sm" spacing={4}>
        {state.warnings.map((warning) => (
          <List.Item key={`${warning.path}-${warning.code}`}>
            <Text span size="sm">
              {warning.message}{' '}
            </Text>
            <DuplicateLink warning={warning} />
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Returns the code that ends a duplicate message, as in "… de Marie Dupont (CO0001)." */
function codeIn(message: string): string | null {
  return /\(([^()]+)\)\s*\.?$/.exec(message)?.[1] ?? null;
}

function DuplicateLink({ warning }: { warning: Warning }) {
  const { t } = useTranslation();
  const id = warning.contactId ?? warning.contact?.id;
  const code = warning.code.startsWith('duplicate_') && !id ? codeIn(warning.message) : null;
  const lookup = useQuery({
    queryKey: ['contacts', 'lookup', code],
    queryFn: () =>
      api.get<{ items: { id: string; code: string; type: ContactType }[] }>('/contacts/lookup', {
        q: code,
        includeInactive: 'true',
        limit: 1,
      }),
    enabled: code !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const found = lookup.data?.items.find((item) => item.code === code);
  let to: string | null = null;
  if (id) to = `/contacts/${id}`;
  else if (found) to = contactPath(found);
  if (!to) return null;
  return (
    <Anchor component={Link} to={to} size="sm" fw={500}>
      {t('contactPage.openDuplicate')}
    </Anchor>
  );
}
