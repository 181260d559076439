/**
 * The time-series panel's detail for a clicked second of a QoS chart: per media, the mean and
 * the number of reports, and the users who reported the lowest and the highest value, each with
 * "Show in connection progression" (the host opens the swimlane at that user's row). The host
 * computes it (`seriesUsersVM`); this module only asks and draws.
 */
import type { SeriesUsersVM, SeriesUnit, UserValueVM } from '../../shared/views/timeSeries';
import type { PostOf } from '../common/host';
import type { timeSeries } from '../../shared/views/timeSeries';
import { el } from '../common/dom';
import { formatValue } from './format';

type Post = (m: PostOf<typeof timeSeries>) => void;

/** The section the detail is drawn into (a hint until a second is picked). */
export function usersSection(qos: boolean): HTMLElement {
  return el(
    'section',
    { id: 'series-users', 'aria-live': 'polite' },
    el(
      'p',
      { class: 'note' },
      qos
        ? 'Click the chart (or press Enter at the keyboard cursor) to see who reported the lowest and highest values of that second.'
        : '',
    ),
  );
}

function userCell(u: UserValueVM, unit: SeriesUnit, test: string, post: Post): HTMLElement {
  const label = `S${u.session}-U${u.user}`;
  const show = el(
    'button',
    { type: 'button', class: 'show-user', 'data-user': label },
    'Show in connection progression',
  );
  show.addEventListener('click', () =>
    post({ type: 'showUserInSwimlane', test, session: u.session, user: u.user }),
  );
  return el(
    'td',
    { 'data-user': label, 'data-value': String(u.value) },
    `${label}: ${formatValue(unit, u.value)} `,
    show,
  );
}

/** Draws the host's answer (when it is still the chart shown). */
export function showSeriesUsers(users: SeriesUsersVM, unit: SeriesUnit, post: Post): void {
  const section = document.getElementById('series-users');
  if (!section) return;
  const title = el('h3', {}, `Users at ${users.second} s since the test start`);
  if (users.series.length === 0) {
    section.replaceChildren(title, el('p', { class: 'note' }, 'No report in that second.'));
    return;
  }
  const head = el(
    'tr',
    {},
    ...['Media', 'Reports', 'Mean', 'Lowest', 'Highest'].map(h => el('th', { scope: 'col' }, h)),
  );
  const rows = users.series.map(s =>
    el(
      'tr',
      { 'data-media': s.media },
      el('th', { scope: 'row' }, s.media),
      el('td', { class: 'num' }, String(s.n)),
      el('td', { class: 'num' }, formatValue(unit, s.mean)),
      userCell(s.min, unit, users.test, post),
      userCell(s.max, unit, users.test, post),
    ),
  );
  section.replaceChildren(
    title,
    el(
      'table',
      { id: 'series-users-table', 'aria-label': `Users at second ${users.second}` },
      el('thead', {}, head),
      el('tbody', {}, ...rows),
    ),
  );
}
