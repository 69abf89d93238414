/** Every screen of the web app, by URL. */
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/RequireSession.tsx';
import { useSession } from './auth/session-context.tsx';
import { SetupPage } from './auth/SetupPage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { ContactListPage } from './contacts/ContactListPage.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { homePath } from './layout/navigation.tsx';
import { NotFoundPage } from './layout/NotFoundPage.tsx';
import { catalogueRoutes } from './pricing/routes.tsx';

// Screens other than the contact lists load on first use, so the first page
// downloads less; AppLayout shows a loader meanwhile.
const ContactFormPage = lazy(() => import('./contacts/ContactFormPage.tsx').then((m) => ({ default: m.ContactFormPage })));
const ContactPage = lazy(() => import('./contacts/ContactPage.tsx').then((m) => ({ default: m.ContactPage })));
const DuplicatesPage = lazy(() =>
  import('./contacts/duplicates/DuplicatesPage.tsx').then((m) => ({ default: m.DuplicatesPage })),
);
const MergePage = lazy(() => import('./contacts/duplicates/MergePage.tsx').then((m) => ({ default: m.MergePage })));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const DocumentFormPage = lazy(() => import('./documents/DocumentFormPage.tsx').then((m) => ({ default: m.DocumentFormPage })));
const DocumentListPage = lazy(() => import('./documents/DocumentListPage.tsx').then((m) => ({ default: m.DocumentListPage })));
const DocumentEditPage = lazy(() => import('./documents/DocumentEditPage.tsx').then((m) => ({ default: m.DocumentEditPage })));
const DocumentPage = lazy(() => import('./documents/DocumentPage.tsx').then((m) => ({ default: m.DocumentPage })));
const BusinessSettingsPage = lazy(() =>
  import('./settings/BusinessSettingsPage.tsx').then((m) => ({ default: m.BusinessSettingsPage })),
);
const CustomFieldLabelsPage = lazy(() =>
  import('./settings/CustomFieldLabelsPage.tsx').then((m) => ({ default: m.CustomFieldLabelsPage })),
);
const LocationsPage = lazy(() => import('./settings/LocationsPage.tsx').then((m) => ({ default: m.LocationsPage })));
const MessagesArea = lazy(() => import('./messages/MessagesArea.tsx').then((m) => ({ default: m.MessagesArea })));
const ImportPage = lazy(() => import('./transfer/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const UsersAndRolesPage = lazy(() => import('./settings/UsersAndRolesPage.tsx').then((m) => ({ default: m.UsersAndRolesPage })));

export function App() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route path="customers" element={<ContactListPage section="customer" />} />
        <Route path="customers/new" element={<ContactFormPage section="customer" />} />
        <Route path="customers/:id/edit" element={<ContactFormPage section="customer" />} />
        <Route path="customers/:id/:tab?" element={<ContactPage section="customer" />} />
        <Route path="suppliers" element={<ContactListPage section="supplier" />} />
        <Route path="suppliers/new" element={<ContactFormPage section="supplier" />} />
        <Route path="suppliers/:id/edit" element={<ContactFormPage section="supplier" />} />
        <Route path="suppliers/:id/:tab?" element={<ContactPage section="supplier" />} />
        <Route path="contacts/duplicates" element={<DuplicatesPage />} />
        <Route path="contacts/merge" element={<MergePage />} />
        <Route path="contacts/:id/:tab?" element={<ContactPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="sales" element={<DocumentListPage key="sale" section="sale" />} />
        <Route path="sales/new" element={<DocumentFormPage key="sale" section="sale" />} />
        <Route path="sales/:id" element={<DocumentPage key="sale" section="sale" />} />
        <Route path="sales/:id/edit" element={<DocumentEditPage key="sale" section="sale" />} />
        <Route path="purchases" element={<DocumentListPage key="purchase" section="purchase" />} />
        <Route path="purchases/new" element={<DocumentFormPage key="purchase" section="purchase" />} />
        <Route path="purchases/:id" element={<DocumentPage key="purchase" section="purchase" />} />
        <Route path="purchases/:id/edit" element={<DocumentEditPage key="purchase" section="purchase" />} />
        <Route path="messages/*" element={<MessagesArea />} />
        <Route path="settings/business" element={<BusinessSettingsPage />} />
        <Route path="settings/custom-fields" element={<CustomFieldLabelsPage />} />
        <Route path="settings/locations" element={<LocationsPage />} />
        <Route path="settings/users/:tab?" element={<UsersAndRolesPage />} />
        {catalogueRoutes}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Home() {
  return <Navigate to={homePath(useSession())} replace />;
}
