/** An event's times: in the viewer's own zone, and in the event's zone for reference. */
export function formatEventTime(iso: string, language: string, timeZone?: string): string {
  // `dateStyle` cannot be combined with `timeZoneName`: the parts are spelled out instead.
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The UTC instant of a wall-clock time (`YYYY-MM-DDTHH:mm`) in an IANA zone, as ISO 8601. */
export function zonedWallTimeToIso(wallTime: string, timeZone: string): string {
  const guess = new Date(`${wallTime}:00Z`);
  if (Number.isNaN(guess.getTime())) return '';
  let instant = guess.getTime();
  // Twice: the zone's offset may differ between the first guess and the answer (DST).
  for (let round = 0; round < 2; round += 1) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    const shown = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    instant = guess.getTime() - (shown - instant);
  }
  return new Date(instant).toISOString();
}

/** The wall-clock time (`YYYY-MM-DDTHH:mm`, as `<input type="datetime-local">` takes it) of an
 * instant in an IANA zone: the inverse of `zonedWallTimeToIso`, to prefill an edit form. */
export function isoToZonedWallTime(iso: string, timeZone: string): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return '';
  let parts: Record<string, string>;
  try {
    parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(moment)
        .map((part) => [part.type, part.value]),
    );
  } catch {
    // An unknown zone (the server refuses those, but be safe): UTC rather than nothing.
    return moment.toISOString().slice(0, 16);
  }
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
