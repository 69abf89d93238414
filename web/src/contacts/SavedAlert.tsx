import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SavedState } from './ContactFormPage.tsx';

type Warning = SavedState['warnings'][number] & { contact?: { id?: string } };

/**
 * Confirms a save and lists its warnings. A duplicate warning links to the
 * other contact by the id the server sends with it. When the user may not
 * view that contact, the server sends no id and the warning has no link.
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

function DuplicateLink({ warning }: { warning: Warning }) {
  const { t } = useTranslation();
  const id = warning.contactId ?? warning.contact?.id;
  if (!id) return null;
  return (
    <Anchor component={Link} to={`/contacts/${id}`} size="sm" fw={500}>
      {t('contactPage.openDuplicate')}
    </Anchor>
  );
}
