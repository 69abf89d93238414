/** The messages screens, under /messages: templates, channels, reminders and the history. */
import { Navigate, Route, Routes } from 'react-router';
import { can, useSession } from '../auth/session-context.tsx';
import { ChannelsPage } from './ChannelsPage.tsx';
import { HistoryPage } from './HistoryPage.tsx';
import { RemindersPage } from './RemindersPage.tsx';
import { TemplateEditorPage } from './TemplateEditorPage.tsx';
import { TemplateListPage } from './TemplateListPage.tsx';

export function MessagesArea() {
  const session = useSession();
  const first = can(session, 'message.templates')
    ? 'templates'
    : can(session, 'message.settings')
      ? 'channels'
      : 'history';
  return (
    <Routes>
      <Route index element={<Navigate to={first} replace />} />
      <Route path="templates" element={<TemplateListPage />} />
      <Route path="templates/:id" element={<TemplateEditorPage />} />
      <Route path="channels" element={<ChannelsPage />} />
      <Route path="reminders" element={<RemindersPage />} />
      <Route path="history" element={<HistoryPage />} />
    </Routes>
  );
}
