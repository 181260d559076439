// Time formatting for the generated files. All instants are integer epoch milliseconds (UTC).

/** ISO-8601 UTC with milliseconds and `Z`, as `new Date().toISOString()` in the browser. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** `+02:00` → 120 (minutes east of UTC). */
export function parseOffset(tz: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  if (!m) throw new Error(`bad UTC offset "${tz}"`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** Local wall-clock fields as an ISO string without zone: `2024-06-20T12:15:01.234`. */
function localIso(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
}

/** Spring Boot 2.x `yyyy-MM-dd HH:mm:ss.SSS`: JVM local time, no offset. */
export function logTime2024(ms: number, offsetMinutes: number): string {
  return localIso(ms, offsetMinutes).replace('T', ' ');
}

/** Spring Boot 3+/4 `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`: local time with offset (`Z` for UTC). */
export function logTimeCurrent(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return `${localIso(ms, 0)}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${localIso(ms, offsetMinutes)}${sign}${hh}:${mm}`;
}

/** Java `Date.toString()` in UTC ("Thu Jun 20 10:15:00 GMT 2024"), for results.txt-like text. */
export function javaDateUtc(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const hms = d.toISOString().slice(11, 19);
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${day} ${hms} GMT ${d.getUTCFullYear()}`;
}

/** Round to whole milliseconds (all plan instants are integers). */
export function ms(value: number): number {
  return Math.round(value);
}
