/**
 * Numbers as the controller's HTML report prints them (OPENVIDU-REPORTING.md §1.1.2,
 * `HtmlReportGenerator.formatMetricValue`): `bps` auto-scaled to Kbps/Mbps/Gbps, `%` with two
 * decimals, values ≥ 1000 with thousands separators (`%,.0f` → `12,345 participants`), others
 * `%.2f <unit>`. The locale of the controller's JVM decides the separators, so `12.345` with a
 * dot grouping and `0,52` with a decimal comma are read too when unambiguous.
 */

export interface ReportNumber {
  /** The value in the metric's base unit (bps for bandwidths, % for percentages). */
  readonly value: number;
  /** The unit as printed after the number (`Mbps`, `%`, `participants`), '' when none. */
  readonly unit: string;
}

const BPS_SCALE: Readonly<Record<string, number>> = {
  bps: 1,
  kbps: 1e3,
  mbps: 1e6,
  gbps: 1e9,
};

/** `12,345` / `12.345,6` / `0,52` / `1 234` → number, by the position of the separators. */
export function parseGroupedNumber(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[+-]?[\d.,]+$/.test(t) || !/\d/.test(t)) return undefined;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the last one is the decimal mark.
    normal = lastDot > lastComma ? t.replace(/,/g, '') : t.replace(/\./g, '').replace(',', '.');
  } else if (lastComma >= 0) {
    // Only commas: grouping when every group after the first has 3 digits, else a decimal comma.
    normal = /^[+-]?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  } else if ((t.match(/\./g) ?? []).length > 1) {
    normal = t.replace(/\./g, '');
  } else {
    normal = t;
  }
  const value = Number(normal);
  return Number.isFinite(value) ? value : undefined;
}

const NUMBER_AND_UNIT = /^\s*([+-]?[\d][\d.,\s\u00a0\u202f']*)\s*(.*?)\s*$/;

/** `1,234 participants`, `12.34 Mbps`, `45.20%`, `3.10 score`; undefined for `-`, `NaN`, text. */
export function parseReportNumber(text: string): ReportNumber | undefined {
  const m = NUMBER_AND_UNIT.exec(text);
  if (!m) return undefined;
  const number = parseGroupedNumber(m[1]!);
  if (number === undefined) return undefined;
  const unit = m[2]!;
  const scale = BPS_SCALE[unit.toLowerCase()];
  if (scale !== undefined) return { value: number * scale, unit: 'bps' };
  return { value: number, unit };
}

/** Java's `%,.0f` / `%.2f` / bps scaling, for the generator (the inverse of the above). */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === 'bps') {
    const abs = Math.abs(value);
    if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} Gbps`;
    if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} Mbps`;
    if (abs >= 1e3) return `${(value / 1e3).toFixed(2)} Kbps`;
    return `${value.toFixed(0)} bps`;
  }
  if (unit === '%') return `${value.toFixed(2)}%`;
  if (Math.abs(value) >= 1000) {
    return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
  }
  return `${value.toFixed(2)} ${unit}`;
}
