/** /events/:slug/edit — staff change an event: the create form, filled in with the event as it is
 * (times in its own zone); the server's refusals shown by their fields. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SuccessBanner } from '@/components/SuccessBanner';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useEvent } from '../api/get-event';
import { useUpdateEvent } from '../api/staff';
import { EventForm } from '../components/EventForm';
import { draftOf, eventTexts, valuesOfEvent } from '../components/event-form-values';

export function EditEventPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '' } = useParams();
  const event = useEvent(slug, language);
  const update = useUpdateEvent(slug);
  useDocumentTitle(t('events.edit.title'));

  if (event.isPending) return <LoadingState />;
  if (event.isError) return <ErrorBanner error={event.error} />;
  const data = event.data;

  return (
    <div className="stack">
      <Link className="back-link" to={`/events/${slug}`}>
        {t('events.edit.back')}
      </Link>
      <header className="page-header">
        <h1>{t('events.edit.title')}</h1>
        <p className="muted" lang={data.language}>
          {data.title}
        </p>
      </header>
      {data.is_staff ? (
        <>
          {update.isSuccess && <SuccessBanner>{t('events.edit.saved')}</SuccessBanner>}
          <EventForm
            key={slug}
            idPrefix="edit"
            heading={t('events.edit.heading')}
            initial={valuesOfEvent(data)}
            submitLabel={t('events.edit.save')}
            error={update.error}
            isPending={update.isPending}
            onSubmit={(values) => {
              update.mutate(draftOf(values, eventTexts(data)));
            }}
          />
        </>
      ) : (
        <p className="banner">{t('events.edit.notStaff')}</p>
      )}
    </div>
  );
}
