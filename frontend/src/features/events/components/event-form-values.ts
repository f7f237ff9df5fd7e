/** An event's values as its form holds them, from an event and back to what the API takes. */
import { isKnownTimeZone, isoToZonedWallTime, viewerTimeZone, zonedWallTimeToIso } from '../time';
import type { EventDetail, EventDraft } from '../types';

export interface EventFormValues {
  kind: EventDraft['kind'];
  isOnline: 'true' | 'false';
  meetingUrl: string;
  place: string;
  address: string;
  primaryLanguage: string;
  title: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  capacity: string;
}

/** A new event's starting values: a webinar in English, in my own time zone. */
export function newEventValues(): EventFormValues {
  return {
    kind: 'webinar',
    isOnline: 'true',
    meetingUrl: '',
    place: '',
    address: '',
    primaryLanguage: 'en',
    title: '',
    description: '',
    start: '',
    end: '',
    timeZone: viewerTimeZone(),
    capacity: '',
  };
}

type EventTexts = Record<string, { title?: string; description?: string }>;

/** The texts of an event as staff see them (all languages), empty for anyone else. */
export function eventTexts(event: EventDetail): EventTexts {
  // The API sends null to anyone but staff, whatever the schema says.
  return (event.translations as EventTexts | null) ?? {};
}

/** An event's values as the form shows them: times in its own zone. */
export function valuesOfEvent(event: EventDetail): EventFormValues {
  const primary = eventTexts(event)[event.primary_language] ?? {};
  return {
    kind: event.kind,
    isOnline: event.is_online ? 'true' : 'false',
    meetingUrl: event.meeting_url || '',
    place: event.place,
    address: event.address,
    primaryLanguage: event.primary_language,
    title: primary.title ?? event.title,
    description: primary.description ?? event.description,
    start: isoToZonedWallTime(event.starts_at, event.time_zone),
    end: isoToZonedWallTime(event.ends_at, event.time_zone),
    timeZone: event.time_zone,
    capacity: event.capacity === null ? '' : String(event.capacity),
  };
}

/** A wall time in the zone as an instant; as typed when the zone is unknown or the time
 * incomplete, so the server names the field at fault instead of the browser throwing. */
function instantOf(wallTime: string, timeZone: string): string {
  if (!isKnownTimeZone(timeZone)) return wallTime;
  return zonedWallTimeToIso(wallTime, timeZone) || wallTime;
}

/** What the API takes; `otherTexts` keeps the translations the form does not show. */
export function draftOf(values: EventFormValues, otherTexts: EventTexts = {}): EventDraft {
  return {
    kind: values.kind,
    is_online: values.isOnline === 'true',
    meeting_url: values.meetingUrl,
    place: values.place,
    address: values.address,
    primary_language: values.primaryLanguage,
    translations: {
      ...Object.fromEntries(
        Object.entries(otherTexts).map(([language, texts]) => [
          language,
          { title: texts.title ?? '', description: texts.description ?? '' },
        ]),
      ),
      [values.primaryLanguage]: { title: values.title, description: values.description },
    },
    starts_at: instantOf(values.start, values.timeZone),
    ends_at: instantOf(values.end, values.timeZone),
    time_zone: values.timeZone,
    capacity: values.capacity ? Number(values.capacity) : null,
  };
}
