import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { session } from './api';
import { chooseLanguage, Language, LANGUAGES } from './i18n';
import { CasePage } from './pages/CasePage';
import { DeadlinesPage } from './pages/DeadlinesPage';
import { JournalPage } from './pages/JournalPage';
import { NewComplaintPage } from './pages/NewComplaintPage';
import { SignInPage } from './pages/SignInPage';
import { can, usePrincipal, useToken } from './session';
import { ErrorBanner, Loading } from './ui';

// Chart.js is the largest dependency: loaded only when the reports page is opened.
const ReportsPage = lazy(() => import('./pages/ReportsPage'));
const AdministrationPage = lazy(() => import('./pages/AdministrationPage'));

const LanguageControl = () => {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span>{t('app.language')}</span>
      <select value={i18n.language} onChange={(event) => void chooseLanguage(event.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
};

export const App = () => {
  const { t } = useTranslation();
  const token = useToken();
  const principal = usePrincipal();
  const queryClient = useQueryClient();
  const role = principal.data?.role;

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const signOut = () => {
    session.set(null);
    queryClient.clear();
  };

  const header = (
    <header className="top">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <span className="brand">{t('app.title')}</span>
      {token && principal.data && (
        <nav aria-label={t('app.main')}>
          {can(role, 'read') && <NavLink to="/journal">{t('app.journal')}</NavLink>}
          {can(role, 'read') && <NavLink to="/deadlines">{t('app.deadlines')}</NavLink>}
          {can(role, 'receive') && <NavLink to="/new-complaint">{t('app.newComplaint')}</NavLink>}
          {can(role, 'read') && <NavLink to="/statistics">{t('app.reports')}</NavLink>}
          {can(role, 'administer') && <NavLink to="/administration">{t('app.administration')}</NavLink>}
        </nav>
      )}
      <div className="tools">
        <LanguageControl />
        {token && principal.data && (
          <>
            <span className="who">{t('app.signedInAs', { id: principal.data.id, role: t(`vocab.role.${principal.data.role}`) })}</span>
            <button type="button" onClick={signOut}>
              {t('app.signOut')}
            </button>
          </>
        )}
      </div>
    </header>
  );

  let content;
  if (!token) content = <SignInPage />;
  else if (principal.isPending) content = <Loading />;
  else if (principal.isError) content = <ErrorBanner error={principal.error} />;
  else
    content = (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to={role === 'administrator' ? '/administration' : '/journal'} replace />} />
          <Route path="/sign-in" element={<Navigate to="/" replace />} />
          <Route path="/journal" element={<JournalPage />} />
          <Route path="/case/:id" element={<CasePage role={role} />} />
          <Route path="/new-complaint" element={<NewComplaintPage />} />
          <Route path="/deadlines" element={<DeadlinesPage />} />
          <Route path="/statistics" element={<ReportsPage />} />
          <Route path="/administration" element={<AdministrationPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    );

  return (
    <>
      {header}
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
};
