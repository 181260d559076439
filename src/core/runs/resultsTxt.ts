/**
 * `results.txt` [2024] / `results-<ts>.txt` [HEAD]: `ResultReport.toString()` blocks
 * (FORMATS.md §2.4, OPENVIDU-REPORTING.md §1.2). Each block opens with
 * ` ----- Test Case Report <Date> ----- `, has `Label:<TAB>value` [2024] or `Label: value` [HEAD]
 * lines, a `User start times:` list (`<Date> | <session> | <user>`) and closes with a line of
 * dashes. [2024] appends every test case; [HEAD] master overwrites (only the last survives).
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';
import type { NodeUsage, ScenarioReport, UserStart } from '../model/scenario';
import { NumberReader } from './numbers';
import type { Zone } from '../../shared/zone';
import { JavaDateReader, parseDurationText, parseJavaDate } from './javaDate';
import { latinText } from '../ingest/jvmLocale';

const CLOSE = /^\s*-{5,}\s*$/;
const FIELD = /^([A-Za-z][A-Za-z ()/,]*?):(?:\t|\s+|$)(.*)$/;
const OPEN_TITLE = 'Test Case Report';

/*
 * The block header and the user start lines are read with string functions, not regular
 * expressions: patterns such as `-{3,}\s*…(.*?)\s*-{3,}` or `(.+?\d{4})\s*\|` backtrack
 * polynomially on long lines of dashes or digits (a 16–320 KB line took 90–122 s, issue 19).
 * Every function here scans its line a bounded number of times.
 */

/** The text between the dashes of ` ----- Test Case Report <Date> ----- `, or undefined. */
export function blockHeader(raw: string): string | undefined {
  const t = raw.trim();
  const lead = leadingDashes(t);
  if (lead < 3) return undefined;
  const rest = t.slice(lead).trimStart();
  if (!rest.startsWith(OPEN_TITLE)) return undefined;
  const afterTitle = rest.slice(OPEN_TITLE.length);
  if (!/^\s/.test(afterTitle)) return undefined;
  const body = afterTitle.trimEnd();
  const trail = trailingDashes(body);
  if (trail < 3) return undefined;
  return body.slice(0, body.length - trail).trim();
}

function leadingDashes(t: string): number {
  let i = 0;
  while (i < t.length && t.charCodeAt(i) === 45) i++;
  return i;
}

function trailingDashes(t: string): number {
  let i = t.length;
  while (i > 0 && t.charCodeAt(i - 1) === 45) i--;
  return t.length - i;
}

/** `<date> | <session> | <user>`: the three parts, or undefined when the line is not that shape. */
export function userStartParts(
  raw: string,
): { date: string; session: string; user: string } | undefined {
  const parts = raw.split('|');
  if (parts.length !== 3) return undefined;
  const [date, session, user] = parts.map(p => p.trim()) as [string, string, string];
  if (!/\d{4}$/.test(date) || !isOneWord(session) || !isOneWord(user)) return undefined;
  return { date, session, user };
}

function isOneWord(t: string): boolean {
  return t !== '' && !/\s/.test(t);
}

export interface ResultsText {
  readonly scenarios: ScenarioReport[];
  readonly diagnostics: Diagnostic[];
  /** Every date's zone came from the user's zone or from its own unambiguous text. */
  readonly zoneSettled: boolean;
  /** Zone abbreviations that could not settle anything (ambiguous or unknown). */
  readonly openZones: readonly string[];
}

interface Block {
  header: string;
  line: number;
  fields: Map<string, { value: string; line: number }>;
  starts: UserStart[];
  nodes: NodeUsage[];
  recordings: { text: string; started: boolean; source: { file: string; line: number } }[];
}

/** [FB] `  name (role): CPU avg x%, max y% | MEM avg a%, max b% | N samples` (JVM-locale decimals). */
const NODE =
  /^\s+(\S+) \(([^)]+)\): CPU avg ([\d.,]+)%, max ([\d.,]+)% \| MEM avg ([\d.,]+)%, max ([\d.,]+)%(?: \| (\d+) samples)?/;
/** [FB] `      container: CPU avg c cores, max d cores | MEM avg M MB`. */
const CONTAINER = /^\s+(\S+): CPU avg ([\d.,]+) cores, max ([\d.,]+) cores \| MEM avg ([\d.,]+) MB/;
/** Labels that open a list of indented lines. */
const LISTS = new Set(['OpenVidu nodes resource usage', 'Recordings']);

/** An indented line of a list block; false when it is not one (the list has ended). */
function listLine(
  block: Block,
  list: string,
  raw: string,
  file: string,
  line: number,
  numbers: NumberReader,
): boolean {
  const num = (text: string | undefined): number => numbers.number(text ?? '', line) ?? NaN;
  if (!/^\s+\S/.test(raw)) return false;
  if (list === 'Recordings') {
    const text = raw.trim();
    block.recordings.push({ text, started: !/NOT STARTED/.test(text), source: { file, line } });
    return true;
  }
  const node = NODE.exec(raw);
  if (node) {
    const [, name, role, ca, cm, ma, mm, samples] = node;
    block.nodes.push({
      name: name!,
      role: role!,
      cpuAvg: num(ca),
      cpuMax: num(cm),
      memAvg: num(ma),
      memMax: num(mm),
      samples: samples ? Number(samples) : undefined,
      containers: [],
      source: { file, line },
    });
    return true;
  }
  const container = CONTAINER.exec(raw);
  const owner = block.nodes[block.nodes.length - 1];
  if (container && owner) {
    const [, name, avg, max, mem] = container;
    (owner.containers as NodeUsage['containers'][number][]).push({
      name: name!,
      cpuAvgCores: num(avg),
      cpuMaxCores: num(max),
      memAvgMb: num(mem),
    });
    return true;
  }
  return false;
}

function intField(block: Block, ...labels: string[]): number | undefined {
  for (const label of labels) {
    const f = block.fields.get(label);
    if (f && /^\s*\d+\s*$/.test(f.value)) return Number(f.value);
  }
  return undefined;
}

function textField(block: Block, ...labels: string[]): string | undefined {
  for (const label of labels) {
    const f = block.fields.get(label);
    if (f) return f.value.trim();
  }
  return undefined;
}

function toScenario(
  block: Block,
  index: number,
  file: string,
  out: Diagnostic[],
  dates: JavaDateReader,
): ScenarioReport {
  const start = parseJavaDate(block.header);
  if (!start) {
    out.push(
      diagnostic(
        'warning',
        'results.badDate',
        file,
        `Test case header date "${block.header}" is not a Java date; its start time is unknown.`,
        { line: block.line },
      ),
    );
  }
  const kibana = textField(block, 'Kibana url');
  const bucket = textField(block, 'Video quality control and stats');
  const durationText = textField(block, 'Test duration');
  return {
    index,
    topology: textField(block, 'Session topology', 'Session typology'),
    participantsPerSession: textField(block, 'Participants per session'),
    sessionsCreated: intField(block, 'Number of sessions created'),
    sessionsCompleted: intField(block, 'Number of sessions completed'),
    participantsCreated: intField(block, 'Number of participants created'),
    workersUsed: intField(block, 'Number of workers used'),
    usersPerWorker: intField(block, 'Number of users per worker'),
    stopReason: textField(block, 'Stop reason'),
    start: start ? dates.instant(start, block.line) : undefined,
    reportedDurationSeconds: durationText ? parseDurationText(durationText) : undefined,
    kibanaUrl: kibana && /^https?:\/\//.test(kibana) ? kibana : undefined,
    bucket: bucket && bucket !== 'None' && bucket !== 'null' ? bucket : undefined,
    browserRecording: textField(block, 'Browser with recording'),
    openviduRecording: textField(block, 'OpenVidu recording'),
    userStarts: block.starts,
    nodes: block.nodes.length ? block.nodes : undefined,
    recordings: block.recordings.length ? block.recordings : undefined,
    users: [],
    workerCpu: [],
    platform: [],
    sources: [{ file, line: block.line }],
  };
}

/**
 * Parses a whole text report; never throws. Lines it cannot place are reported, not fatal. Dates
 * are read in `zone` when the user gave one, else in the zone their own text settles, else as
 * UTC with a warning (`JavaDateReader`).
 */
export function parseResultsText(text: string, file: string, zone?: Zone): ResultsText {
  const diagnostics: Diagnostic[] = new DiagnosticList();
  const latin = latinText(text, file);
  diagnostics.push(...latin.diagnostics);
  const numbers = new NumberReader(file);
  const dates = new JavaDateReader(file, zone);
  const blocks: Block[] = [];
  let block: Block | undefined;
  let inStarts = false;
  let list: string | undefined;
  const lines = latin.text.split(/\r\n|\r|\n/); // LF, CRLF or CR-only line ends
  lines.forEach((raw, i) => {
    const line = i + 1;
    const header = blockHeader(raw);
    if (header !== undefined) {
      block = { header, line, fields: new Map(), starts: [], nodes: [], recordings: [] };
      blocks.push(block);
      inStarts = false;
      list = undefined;
      return;
    }
    if (!block) {
      if (raw.trim() !== '') {
        diagnostics.push(
          diagnostic(
            'warning',
            'results.outsideBlock',
            file,
            'Line outside any "Test Case Report" block; ignored.',
            { line },
          ),
        );
      }
      return;
    }
    if (CLOSE.test(raw)) {
      block = undefined;
      return;
    }
    if (raw.trim() === '') return;
    if (list) {
      if (listLine(block, list, raw, file, line, numbers)) return;
      list = undefined;
    }
    if (inStarts) {
      const m = userStartParts(raw);
      const date = m ? parseJavaDate(m.date) : undefined;
      if (m && date) {
        const t = dates.instant(date, line);
        block.starts.push({ t, session: m.session, user: m.user, source: { file, line } });
        return;
      }
      inStarts = false;
      if (!FIELD.test(raw)) {
        diagnostics.push(
          diagnostic(
            'warning',
            'results.badUserStart',
            file,
            `User start line is not "<date> | <session> | <user>": ${raw.trim().slice(0, 120)}`,
            { line },
          ),
        );
        return;
      }
    }
    const f = FIELD.exec(raw);
    if (!f) {
      diagnostics.push(
        diagnostic(
          'info',
          'results.unknownLine',
          file,
          `Line not understood: ${raw.trim().slice(0, 120)}`,
          { line },
        ),
      );
      return;
    }
    const label = f[1]!.trim();
    block.fields.set(label, { value: f[2]!, line });
    if (label === 'User start times') inStarts = true;
    if (LISTS.has(label)) list = label;
  });
  if (blocks.length === 0) {
    diagnostics.push(
      diagnostic(
        'error',
        'results.noBlock',
        file,
        'No "----- Test Case Report … -----" block found: this is not a controller text report.',
      ),
    );
  }
  if (block) {
    diagnostics.push(
      diagnostic(
        'warning',
        'results.truncated',
        file,
        'The last test case block has no closing line: the file is cut; what it has is read.',
        { line: lines.length },
      ),
    );
  }
  const scenarios = blocks.map((b, i) => toScenario(b, i + 1, file, diagnostics, dates));
  diagnostics.push(...numbers.diagnostics(), ...dates.diagnostics());
  return { scenarios, diagnostics, zoneSettled: dates.settled, openZones: dates.openZones };
}
