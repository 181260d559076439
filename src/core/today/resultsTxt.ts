/**
 * `results.txt` [2024] / `results-<ts>.txt` [HEAD]: `ResultReport.toString()` blocks
 * (FORMATS.md §2.4, OPENVIDU-REPORTING.md §1.2). Each block opens with
 * ` ----- Test Case Report <Date> ----- `, has `Label:<TAB>value` [2024] or `Label: value` [HEAD]
 * lines, a `User start times:` list (`<Date> | <session> | <user>`) and closes with a line of
 * dashes. [2024] appends every test case; [HEAD] master overwrites (only the last survives).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { NodeUsage, ScenarioReport, UserStart } from './model';
import { parseGroupedNumber } from './numbers';
import { parseDurationText, parseJavaDate } from './javaDate';

const OPEN = /^\s*-{3,}\s*Test Case Report\s+(.*?)\s*-{3,}\s*$/;
const CLOSE = /^\s*-{5,}\s*$/;
const FIELD = /^([A-Za-z][A-Za-z ()/,]*?):(?:\t|\s+|$)(.*)$/;
const START_LINE = /^(.+?\d{4})\s*\|\s*(\S+)\s*\|\s*(\S+)\s*$/;

export interface ResultsText {
  readonly scenarios: ScenarioReport[];
  readonly diagnostics: Diagnostic[];
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

function num(text: string | undefined): number {
  return parseGroupedNumber(text ?? '') ?? NaN;
}

/** An indented line of a list block; false when it is not one (the list has ended). */
function listLine(block: Block, list: string, raw: string, file: string, line: number): boolean {
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

function toScenario(block: Block, index: number, file: string, out: Diagnostic[]): ScenarioReport {
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
  } else if (!start.zoneKnown) {
    out.push(
      diagnostic(
        'warning',
        'results.unknownZone',
        file,
        `Time zone "${start.zone}" is not known; times of this test case are read as UTC.`,
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
    start: start?.epochMs,
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

/** Parses a whole text report; never throws. Lines it cannot place are reported, not fatal. */
export function parseResultsText(text: string, file: string): ResultsText {
  const diagnostics: Diagnostic[] = [];
  const blocks: Block[] = [];
  let block: Block | undefined;
  let inStarts = false;
  let list: string | undefined;
  const lines = text.split(/\r\n|\r|\n/); // LF, CRLF or CR-only line ends
  lines.forEach((raw, i) => {
    const line = i + 1;
    const open = OPEN.exec(raw);
    if (open) {
      block = { header: open[1]!, line, fields: new Map(), starts: [], nodes: [], recordings: [] };
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
      if (listLine(block, list, raw, file, line)) return;
      list = undefined;
    }
    if (inStarts) {
      const m = START_LINE.exec(raw.trim());
      const date = m ? parseJavaDate(m[1]!) : undefined;
      if (m && date) {
        block.starts.push({ t: date.epochMs, session: m[2]!, user: m[3]!, source: { file, line } });
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
  return { scenarios: blocks.map((b, i) => toScenario(b, i + 1, file, diagnostics)), diagnostics };
}
