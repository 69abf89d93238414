import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SavedState } from './ContactFormPage.tsx';

/**
 * Confirms a save and lists its warnings: a duplicate names the other contact
 * and links to it (by id when the server sends one, else by a search for its code).
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
        {state.warnings.map((warning) => {
          const link = warningLink(warning);
          return (
            <List.Item key={`${warning.path}-${warning.code}`}>
              <Text span size="sm">
                {warning.message}{' '}
              </Text>
              {link && (
                <Anchor component={Link} to={link} size="sm" fw={500}>
                  {t('contactPage.openDuplicate')}
                </Anchor>
              )}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

function warningLink(warning: SavedState['warnings'][number] & { contact?: { id?: string } }): string | null {
  const id = warning.contactId ?? warning.contact?.id;
  if (id) return `/contacts/${id}`;
  if (!warning.code.startsWith('duplicate_')) return null;
  const code = /\(([^()]+)\)\s*\.?$/.exec(warning.message)?.[1];
  return code ? `/customers?status=all&q=${encodeURIComponent(code)}` : null;
}
