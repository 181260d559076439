import { describe, expect, it } from 'vitest';
import { familyOfEvent, parseEvents } from '../../../src/core/ingest/events';

// Shapes from FORMATS.md §1.2.1 (OpenVidu 2 publisher), in arrival order (accessAllowed arrives late).
const OV2 = JSON.stringify([
  {
    event: 'connectionStart',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:15:02.101Z',
  },
  {
    event: 'connectionCreated',
    connectionId: 'con_S7',
    connection: 'local',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:15:02.640Z',
  },
  {
    event: 'connectedPublisher',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:15:02.702Z',
  },
  {
    event: 'accessAllowed',
    connectionId: '',
    connection: 'local',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:15:02.655Z',
  },
  {
    event: 'exception',
    connectionId: 'con_Q2',
    reason: 'ICE connection failed',
    name: 'ICE_CONNECTION_FAILED',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: '2024-06-20T10:21:44.321Z',
  },
]);

describe('parseEvents', () => {
  it('builds the notebook key event-connection and sorts by time, stable on ties', () => {
    const r = parseEvents(OV2, '/r/events.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.events.map(e => e.key)).toEqual([
      'connectionStart',
      'connectionCreated-local',
      'accessAllowed-local',
      'connectedPublisher',
      'exception',
    ]);
    expect(r.events.map(e => e.index)).toEqual([0, 1, 3, 2, 4]);
    expect(r.events[0]?.time).toBe(Date.UTC(2024, 5, 20, 10, 15, 2, 101));
    expect(r.events[4]).toMatchObject({
      reason: 'ICE connection failed',
      name: 'ICE_CONNECTION_FAILED',
    });
    expect(r.participant).toBe('User1');
    expect(r.session).toBe('LoadTestSession1');
  });

  it('skips malformed entries with a JSON path, keeps the rest', () => {
    const text = JSON.stringify([
      { event: 'connectionStart', timestamp: '2024-06-20T10:00:00.000Z' },
      7,
      { timestamp: 'x' },
      { event: 'Connected', timestamp: 'yesterday' },
    ]);
    const r = parseEvents(text, 'f');
    expect(r.events).toHaveLength(1);
    expect(r.diagnostics.map(d => [d.code, d.jsonPath])).toEqual([
      ['events.notObject', '[1]'],
      ['events.noName', '[2].event'],
      ['events.badTimestamp', '[3].timestamp'],
    ]);
  });

  it('keeps events without participant/session (old node EMULATE mode) and unknown names', () => {
    const r = parseEvents('[{"event":"brandNewEvent","timestamp":"2024-06-20T10:00:00Z"}]', 'f');
    expect(r.events[0]?.key).toBe('brandNewEvent');
    expect(r.participant).toBeUndefined();
  });
});

describe('familyOfEvent', () => {
  it('tells the two pages apart', () => {
    expect(familyOfEvent('streamCreated')).toBe('openvidu2');
    expect(familyOfEvent('TrackSubscribed')).toBe('livekit');
    expect(familyOfEvent('connectionStart')).toBeUndefined();
  });
});

describe('unknown event names', () => {
  it('are kept and counted per name', () => {
    const text = JSON.stringify([
      { event: 'connectionStart', timestamp: '2024-06-20T10:00:00Z' },
      { event: 'brandNewEvent', timestamp: '2024-06-20T10:00:01Z' },
      { event: 'brandNewEvent', timestamp: '2024-06-20T10:00:02Z' },
      { event: 'TrackSubscribed', connection: 'remote', timestamp: '2024-06-20T10:00:03Z' },
    ]);
    const r = parseEvents(text, 'f');
    expect(r.events).toHaveLength(4);
    expect(r.unknown).toEqual({ brandNewEvent: 2 });
  });
});

describe('LiveKit track kind', () => {
  it('comes from trackInfo.type (FORMATS.md §1.2.2)', () => {
    const text = JSON.stringify([
      {
        event: 'LocalTrackPublished',
        connection: 'local',
        trackInfo: { track: {}, type: 'audio', videoHeight: '480' },
        timestamp: '2024-08-20T09:00:01.100Z',
      },
      {
        event: 'LocalTrackPublished',
        connection: 'local',
        trackInfo: { track: {}, type: 'video' },
        timestamp: '2024-08-20T09:00:01.180Z',
      },
      { event: 'Connected', timestamp: '2024-08-20T09:00:00.651Z' },
    ]);
    expect(parseEvents(text, 'f').events.map(e => e.trackKind)).toEqual([
      undefined,
      'audio',
      'video',
    ]);
  });
});
