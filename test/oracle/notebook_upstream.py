# The notebook's own code for cells 3-15 (seeds/001_8f090a23e220bcfb.txt), run on one result root,
# writing its dfs_aux/connection_stats.csv. Extracted verbatim; the only changes are marked
# "ORACLE:" — matplotlib is replaced by a do-nothing stand-in (every plotting line stays as written),
# the test list and paths are parameters, the CSV goes to the given path, and orjson falls back to
# json when it is not installed (same values).
# Usage: /usr/bin/python3 notebook_upstream.py <root> <out.csv> <test> [<test> ...]
import sys
import pandas as pd
import os
import numpy as np
from datetime import datetime, timedelta
import math
try:
    import orjson
except ImportError:  # ORACLE: Debian bookworm has no python3-orjson; json.loads gives the same values
    import json as orjson
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
# ORACLE: as_completed yields in the order the threads finish, which varies from run to run and
# with the machine's cores; the notebook's dicts (and the prev_row_event it carries from test to
# test) follow that order. Yield in submission order — the order of its test list — so the
# oracle is deterministic.
def as_completed(futures):
    return list(futures)

# ORACLE: parameters instead of the notebook's cell 2 list; the notebook works in the root folder.
_root, _out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
index_list_names = sys.argv[3:]
os.chdir(_root)

# ORACLE: plotting stand-in. Every matplotlib call of the notebook (plt, mcolors, ticker, ax, fig)
# is kept as written and does nothing; success_cmap(normalize(qoe)) returns an object that equals
# none of the colour names, exactly as matplotlib's RGBA tuple (get_con_type -> "QOE").
class _NoPlot:
    def __call__(self, *args, **kwargs):
        return _NoPlot()
    def __getattr__(self, name):
        return _NoPlot()
    def __iter__(self):
        return iter((_NoPlot(), _NoPlot()))
    def __setitem__(self, key, value):
        pass
plt = mcolors = ticker = mpl = _NoPlot()
index_list_full_names = index_list_names

# ORACLE: format="ISO8601" (cell 8) exists from pandas 2.0; Debian's pandas 1.5.3 parses the same ISO
# timestamps without a format, so on pandas < 2 that one argument is dropped.
if int(pd.__version__.split(".")[0]) < 2:
    _pd_to_datetime = pd.to_datetime
    def _to_datetime_compat(arg, *args, **kwargs):
        if kwargs.get("format") == "ISO8601":
            del kwargs["format"]
        return _pd_to_datetime(arg, *args, **kwargs)
    pd.to_datetime = _to_datetime_compat

# ---- notebook cell In [3]
# Helper functions
def read_file(path):
    if os.path.exists(path):
        with open(path, 'r') as f:
            return orjson.loads(f.read())
    else:
        return []

def get_index_data(index_list_name, data_type):
    full_user_data = []

    for entry in os.scandir(f'stats/{index_list_name}'):
        if entry.is_dir():
            for sub_entry in os.scandir(entry.path):
                if sub_entry.is_dir():
                    data_path = os.path.join(sub_entry.path, data_type + '.json')
                    if os.path.exists(data_path):
                        data = read_file(data_path)
                        full_user_data.append({
                            'user': sub_entry.name,
                            'session': entry.name,
                            data_type: data
                        })
    return full_user_data


def is_publisher(index, user):
    return ("8p" in index) or (user <= 3)

def process_user_data(user_data):
    data = []
    for user in user_data:
        for event in user['events']:
            data.append({
                'user': int(user['user'].replace("User", "")),
                'session': int(user['session'].replace("LoadTestSession", "")),
                'event': event['event'] + (f"-{event['connection']}" if 'connection' in event else ""),
                'connection': event['connection'] if 'connection' in event else None,
                'timestamp': event['timestamp'],
            })
    return data

def process_index_list(index_list_name):
    user_data = get_index_data(index_list_name, "events")
    data = process_user_data(user_data)
    events_df = pd.DataFrame(data)
    events_df['timestamp'] = pd.to_datetime(events_df['timestamp'])
    # ORACLE: kind="stable" here and in cell 11 — the notebook's quicksort leaves the order of
    # events of the same millisecond undefined; the stable sort is the tie order both profiles
    # document (docs/notebook-differences.md B17), so the oracle checks a defined order.
    events_df = events_df.sort_values(by='timestamp', kind="stable")
    return index_list_name, events_df


# ---- notebook cell In [4]
# Read all events files and save relevant data in DataFrames
events_dfs = {}

with ThreadPoolExecutor(max_workers=os.cpu_count()) as executor:
    futures = {executor.submit(process_index_list, index_list_name): index_list_name for index_list_name in index_list_names}
    for future in as_completed(futures):
        index_list_name, events_df = future.result()
        events_dfs[index_list_name] = events_df

# ---- notebook cell In [5]
# Read log file and get specific lines with regex to get the connection failures
import re
start_end_times = {}
def process_log_file(index, log_file):
    regex_error = re.compile(r'(.*) ERROR .* Participant (.*) in session (.*) failed (\d+) times')
    regex_start = re.compile(r'(.*) INFO .* Starting test with .*')
    regex_end = re.compile(r'(.*) INFO .* Saved result in a .*')
    date_format = "%Y-%m-%d %H:%M:%S.%f %z"
    failed_attempts = []
    start_match = None
    end_match = None
    with open(log_file, 'r') as f:
        for line in f:
            if 'Participant' in line:
                error_match = regex_error.search(line)
                if error_match:
                    failed_attempts.append({
                        'user': error_match.group(2).replace('User', ''),
                        'session': error_match.group(3).replace('LoadTestSession', ''),
                        'attempts': int(error_match.group(4)),  # Ensure attempts is an integer
                        'timestamp': datetime.strptime(error_match.group(1) + " +0200", date_format),
                        'full_user': f"{error_match.group(2).replace('User', '')}-{error_match.group(3).replace('LoadTestSession', '')}",
                    })
            if not start_match:
                start_match = regex_start.search(line)
            if not end_match:
                end_match = regex_end.search(line)
    if start_match and end_match:
        start_end_times[index] = (datetime.strptime(start_match.group(1) + " +0200", date_format),
                                  datetime.strptime(end_match.group(1) + " +0200", date_format))
    return log_file, pd.DataFrame(failed_attempts)

failures = {}

with ThreadPoolExecutor(max_workers=os.cpu_count()) as executor:
    futures = {executor.submit(process_log_file, index_list_name, f'logs/{index_list_name}.log'): index_list_name for index_list_name in index_list_names}
    for future in as_completed(futures):
        log_file, df = future.result()
        index_list_name = log_file.split('/')[-1].replace('.log', '')
        failures[index_list_name] = df

# ---- notebook cell In [8]
# Read all CPU data and save it in DataFrames
df_cpu_list = []
df_mem_list = []
for index in index_list_names:
    df_cpu = pd.read_csv(f"dfs_final/{index}-medianode.csv")
    df_mem = pd.read_csv(f"dfs_final/{index}-medianode.csv")
    df_cpu = df_cpu.drop(columns=["memory"]).dropna()
    df_mem = df_mem.drop(columns=["cpu"]).dropna()
    df_cpu["@timestamp"] = pd.to_datetime(df_cpu["@timestamp"], format="ISO8601")
    df_mem["@timestamp"] = pd.to_datetime(df_mem["@timestamp"], format="ISO8601")
    df_cpu_list.append(df_cpu)
    df_mem_list.append(df_mem)

# ---- notebook cell In [9]
# Read all QoE data and save it processed in DataFrames
index_qoe_df_list = []
for index in index_list_names:
    index_qoe_df = pd.DataFrame()
    for entry in os.scandir(f"qoe/{index}"):
        if entry.is_file():
            with open(f"qoe/{index}/{entry.name}", 'r') as f:
                qoe = orjson.loads(f.read())
            qoe_df = pd.DataFrame.from_dict(qoe)
            if not qoe_df.empty:
                qoe_df["vmaf"] = qoe_df["vmaf"] * 5
                qoe_df["visqol"] = qoe_df["visqol"] * 5
                info = entry.name.split("_")[0].split("-")
                session = info[1]
                userRecording = info[2]
                userBeingRecorded = info[3]
                qoe_df["userRecording"] = userRecording
                qoe_df["userBeingRecorded"] = userBeingRecorded
                qoe_df["session"] = session
                if index_qoe_df.empty:
                    index_qoe_df = qoe_df
                else:
                    index_qoe_df = pd.concat([index_qoe_df, qoe_df])
    index_qoe_df_list.append(index_qoe_df)


seconds_per_fragment = 17
seconds_per_padding = 2
seconds_per_video = seconds_per_fragment - seconds_per_padding
def set_qoe_times(df, user_1_start_connection_time, user_2_start_connection_time):
    cut_index_0_time = 5 # recording stats 5 seconds after connection is successful
    max_time = max(user_1_start_connection_time, user_2_start_connection_time)
    time_fn = lambda cut_index: max_time + timedelta(seconds=(cut_index * seconds_per_fragment) + cut_index_0_time).total_seconds()
    df.loc[:, "timestamp"] = df["cut_index"].apply(time_fn)


# ---- notebook cell In [10]
# Read batches data
with open(f"dfs_final/batches.json", 'r') as f:
    batches = orjson.loads(f.read())

# ---- notebook cell In [None]
# Process events to get when users' connections started, when they connected to the session and when the connection failed, and how long it lasted
user_events_obj = {}

def get_connection_times(events):
    connection_times_recorded = []
    recorded_media_events = events[
        (events["event"] != "connectionStart") &
        (events["event"] != "connectionFail")
    ]
    for m, row in recorded_media_events.iterrows():
        timestamp = row["timestamp"]
        con_time = (timestamp - start_time).total_seconds()
        connection_times_recorded.append(con_time)
    return connection_times_recorded


def get_failure_times(events):
    connection_times_recorded = []
    recorded_media_events = events[
        events["event"] == "connectionFail"
    ]
    for m, row in recorded_media_events.iterrows():
        timestamp = row["timestamp"]
        con_time = (timestamp - start_time).total_seconds()
        connection_times_recorded.append(con_time)
    return connection_times_recorded

df_cpu_filtered_list = []
df_mem_filtered_list = []
for i, index_list_name in enumerate(index_list_names):
    #stats_df = get_index_data(index_list_name, "stats")
    events_df = events_dfs[index_list_name]
    events_df = events_df.sort_values(by=["session", "user", "timestamp"])
    start_time = events_df["timestamp"].min()
    end_time = events_df["timestamp"].max()
    test_duration = (end_time - start_time).total_seconds()
    cpu = df_cpu_list[i]
    mem = df_mem_list[i]
    cpu_filtered = cpu[(cpu["@timestamp"] >= start_time) & (cpu["@timestamp"] <= end_time)]
    cpu_filtered.loc[:, "@timestamp"] = cpu_filtered["@timestamp"].apply(lambda x: (x - start_time).total_seconds())
    cpu_filtered = cpu_filtered.sort_values(by="@timestamp")
    mem_filtered = mem[(mem["@timestamp"] >= start_time) & (mem["@timestamp"] <= end_time)]
    mem_filtered.loc[:, "@timestamp"] = mem_filtered["@timestamp"].apply(lambda x: (x - start_time).total_seconds())
    mem_filtered = mem_filtered.sort_values(by="@timestamp")
    df_cpu_filtered_list.append(cpu_filtered)
    df_mem_filtered_list.append(mem_filtered)
    index_qoe_df = index_qoe_df_list[i]
    sessions = events_df["session"].unique()
    user_events_obj[index_list_name] = {}
    prev_row_event = ""
    for session in sessions:
        users = events_df[events_df["session"] == session]["user"].unique()
        for user in users:
            full_user = f"{user}-{session}"
            user_events = events_df[
                (events_df["session"] == session) & (events_df["user"] == user)
            ]
            connection_starts = user_events[user_events["event"] == "connectionStart"]
            failures_user = failures[index_list_name][
                (failures[index_list_name]["full_user"] == full_user) &
                (failures[index_list_name]["timestamp"] >= start_time) &
                (failures[index_list_name]["timestamp"] <= end_time)
            ].copy()
            failures_user["event"] = "connectionFail"
            failures_user["recoverable"] = False
            if "kurento" in index_list_name or "mediasoup" in index_list_name:
                if is_publisher(index_list_name, user):
                    stream_created_locals = user_events[
                        user_events["event"] == "streamCreated-local"
                    ]
                    stream_playing_locals = user_events[
                        user_events["event"] == "streamPlaying-local"
                    ]
                else:
                    # we choose the first stream created as confirmation of media connection if the user is subscriber
                    stream_created_locals = user_events[
                        user_events["event"].str.startswith("streamCreated")
                    ]
                    stream_playing_locals = user_events[
                        user_events["event"].str.startswith("streamPlaying")
                    ]
                # combine connection starts and stream created locals and failures_user
                combined = pd.concat(
                    [
                        connection_starts,
                        stream_created_locals,
                        stream_playing_locals,
                        failures_user,
                    ]
                )
                # if there is more than one stream created and a stream playing, we only keep the first one (marks connection success)
                combined = combined.sort_values(by="timestamp", kind="stable")  # ORACLE: B17
                prev_row_event = ""
                for r, row in combined.iterrows():
                    is_prev_row_connected = prev_row_event.startswith("streamCreated") or prev_row_event.startswith("streamPlaying")
                    is_current_row_connected = row["event"].startswith("streamCreated") or row["event"].startswith("streamPlaying")
                    if is_prev_row_connected and is_current_row_connected:
                        combined = combined.drop(r)
                    prev_row_event = row["event"]
            else:
                reconnecting_events = user_events[user_events["event"].str.contains("Reconnecting")].copy()
                if not reconnecting_events.empty:
                    reconnecting_events["event"] = "connectionFail"
                    reconnecting_events["recoverable"] = True
                    failures_user = pd.concat([failures_user, reconnecting_events])
                # combine connection starts and stream created locals and failures_user
                if is_publisher(index_list_name, user):
                    stream_created_locals = user_events[
                        user_events["event"] == "LocalTrackPublished-local"
                    ]
                    stream_created_locals = stream_created_locals.sort_values(by="timestamp", kind="stable")  # ORACLE: B17
                    # The second one means the publisher has fully connected
                    stream_created_locals = stream_created_locals.iloc[::2, :]
                else:
                    # we choose the first stream created as confirmation of media connection if the user is subscriber
                    stream_created_locals = user_events[
                        user_events["event"].str.startswith("TrackSubscribed")
                    ]
                # combine connection starts and stream created locals and failures_user
                combined = pd.concat(
                    [connection_starts, stream_created_locals, failures_user]
                )
                combined = combined.sort_values(by="timestamp", kind="stable")  # ORACLE: B17
                for r, row in combined.iterrows():
                    is_prev_row_connected = prev_row_event.startswith("TrackSubscribed")
                    is_current_row_connected = row["event"].startswith("TrackSubscribed")
                    if is_prev_row_connected and is_current_row_connected:
                        combined = combined.drop(r)
                    prev_row_event = row["event"]
            if index_qoe_df.empty:
                index_qoe_df_filtered = pd.DataFrame()
            else:
                index_qoe_df_filtered = index_qoe_df[
                    (index_qoe_df["session"] == "LoadTestSession" + str(session)) &
                    (index_qoe_df["userRecording"] == "User" + str(user))
                ].copy()
                index_qoe_df_filtered = index_qoe_df_filtered.sort_values(by="cut_index")
            user_events_obj[index_list_name][full_user] = {}
            user_events_obj[index_list_name][full_user]["combined"] = combined
            user_events_obj[index_list_name][full_user]["qoe"] = index_qoe_df_filtered
            user_events_obj[index_list_name][full_user]["user"] = user
            user_events_obj[index_list_name][full_user]["session"] = session

# ---- notebook cell In [12]
# Calculate the intervals of time when a user is connected
def get_connection_time_intervals(user_events, start_time, test_duration):
    connection_time_intervals = {}
    users = user_events.keys()
    for username in users:
        group = user_events[username]['combined'].copy()
        group["timestamp"] = group["timestamp"].apply(lambda x: (x - start_time).total_seconds())
        connection_success_times = group.loc[~((group['event'] == 'connectionFail') | (group['event'] == 'connectionStart'))]['timestamp']
        connection_fail_times = group.loc[group['event'] == 'connectionFail']['timestamp']

        intervals = []
        for success_time in connection_success_times:
            fail_time = connection_fail_times[connection_fail_times > success_time].min()
            if pd.isnull(fail_time):
                intervals.append((success_time, test_duration))
            else:
                intervals.append((success_time, min(fail_time, test_duration)))

        connection_time_intervals[username] = intervals

    return connection_time_intervals

def intersect_intervals(intervals1, intervals2):
    intersection = []
    for interval1 in intervals1:
        for interval2 in intervals2:
            start = max(interval1[0], interval2[0])
            end = min(interval1[1], interval2[1])
            # there is a wait time of 5 seconds before starting recording
            start += 5
            if start < end:
                intersection.append((start, end))
    return intersection

intersections = {}
connection_time_intervals = {}
for i, index_list_name in enumerate(index_list_names):
    intersections[index_list_name] = {}
    start_time, end_time = start_end_times[index_list_name]
    cpu = df_cpu_list[i]
    last_cpu_timestamp = cpu.iloc[-1]["@timestamp"] + timedelta(seconds=10) # media server can be considered crashed if there aren't any more CPU data points 10 seconds past the last one
    end_time = min(end_time, last_cpu_timestamp)
    test_duration = (end_time - start_time).total_seconds()
    connection_time_intervals_index = get_connection_time_intervals(user_events_obj[index_list_name], start_time, test_duration)
    connection_time_intervals[index_list_name] = connection_time_intervals_index
    usernames = list(connection_time_intervals_index.keys())
    for i in range(len(usernames)):
        for j in range(i + 1, len(usernames)):
            _, session1 = usernames[i].split("-")
            _, session2 = usernames[j].split("-")
            if session1 == session2:
                user1_intervals = connection_time_intervals_index[usernames[i]]
                user2_intervals = connection_time_intervals_index[usernames[j]]
                intersection = intersect_intervals(user1_intervals, user2_intervals)
                if not usernames[i] in intersections[index_list_name]:
                    intersections[index_list_name][usernames[i]] = {}
                intersections[index_list_name][usernames[i]][usernames[j]] = intersection
                if not usernames[j] in intersections[index_list_name]:
                    intersections[index_list_name][usernames[j]] = {}
                intersections[index_list_name][usernames[j]][usernames[i]] = intersection



# ---- notebook cell In [13]
# Process QoE data to get the start and end of each fragment of time a QoE value is recorded
def set_frag_start_end(index_qoe_df, bi_intersections, fragment_duration, indexes):
    if len(bi_intersections) > 0:
        start = bi_intersections[0][0]
        end = bi_intersections[0][1]
        set_frag_start_end_aux(index_qoe_df, bi_intersections, fragment_duration, indexes, start, end, 0, 0)

def set_frag_start_end_aux(index_qoe_df, bi_intersections, fragment_duration, indexes, start, end, inters_j, index_i):
    if index_i < len(indexes):
        index = indexes[index_i]
        frag_end_time = start + fragment_duration
        if frag_end_time < end or math.isclose(frag_end_time, end, rel_tol=1e-9):
            index_qoe_df.loc[index, "start"] = start
            index_qoe_df.loc[index, "end"] = frag_end_time
            index_qoe_df.loc[index, "fragment_duration"] = fragment_duration
            start = frag_end_time
            set_frag_start_end_aux(index_qoe_df, bi_intersections, fragment_duration, indexes, start, end, inters_j, index_i + 1)
        else:
            j = inters_j + 1
            if j < len(bi_intersections):
                start = bi_intersections[j][0]
                end = bi_intersections[j][1]
                set_frag_start_end_aux(index_qoe_df, bi_intersections, fragment_duration, indexes, start, end, j, index_i)
            else:
                index_qoe_df.loc[index, "start"] = start
                index_qoe_df.loc[index, "end"] = end
                index_qoe_df.loc[index, "fragment_duration"] = end - start
                set_frag_start_end_aux(index_qoe_df, bi_intersections, fragment_duration, indexes, start, end, inters_j, index_i + 1)

for idx, index_list_name in enumerate(index_list_names):
    idx_intersections = intersections[index_list_name]
    index_qoe_df = index_qoe_df_list[idx]
    if not index_qoe_df.empty:
        index_qoe_df["session"] = index_qoe_df["session"].str.replace("LoadTestSession", "")
        index_qoe_df["userRecording"] = index_qoe_df["userRecording"].str.replace("User", "")
        index_qoe_df["userBeingRecorded"] = index_qoe_df["userBeingRecorded"].str.replace("User", "")
        index_qoe_df["full_user_recording"] = index_qoe_df["userRecording"] + "-" + index_qoe_df["session"]
        index_qoe_df["full_user_being_recorded"] = index_qoe_df["userBeingRecorded"] + "-" + index_qoe_df["session"]
        index_qoe_df = index_qoe_df.drop(columns=["userRecording", "userBeingRecorded", "session"]).reset_index(drop=True)
        # for user recording
        for full_user in idx_intersections.keys():
            qoe = index_qoe_df[index_qoe_df["full_user_recording"] == full_user]
            intersections_user = idx_intersections[full_user]
            # for user being recorded
            for full_user_being_recorded in intersections_user.keys():
                qoe_being_recorded = qoe.loc[index_qoe_df["full_user_being_recorded"] == full_user_being_recorded]
                bi_intersections = intersections_user[full_user_being_recorded]
                con_duration = 0
                for intersection in bi_intersections:
                    con_duration += intersection[1] - intersection[0]
                max_cut_index = qoe_being_recorded["cut_index"].max() + 1
                fragment_duration = con_duration / max_cut_index
                set_frag_start_end(index_qoe_df, bi_intersections, fragment_duration, qoe_being_recorded.index)
        index_qoe_df_list[idx] = index_qoe_df

# ---- notebook cell In [14]
# Helper function for getting the average QoE values for a specific user and in which times
def avg_qoe_intervals(index_qoe_df, metric, user):
    if index_qoe_df.empty:
        return []
    qoe = index_qoe_df[index_qoe_df["full_user_recording"] == user]
    qoe = qoe.sort_values(by=["start"])
    qoe["start"] = qoe["start"].round(decimals=5)
    qoe["end"] = qoe["end"].round(decimals=5)
    times = set()
    for index, row in qoe.iterrows():
        times.add(row["start"])
        times.add(row["end"])
    # ORACLE: NaN times left out (C9). A cut never placed keeps NaN; since Python 3.10 a NaN's hash
    # is its identity, so where the set (and then sorted()) puts it changes with memory layout
    # from run to run, and a NaN between two times hides the QoE of the interval around it.
    times = sorted(t for t in times if not math.isnan(t))
    sub_intervals = []
    for i in range(len(times) - 1):
        start = times[i]
        end = times[i + 1]
        overlapping = []
        for r, row in qoe.iterrows():
            if (row["start"] < end and row["end"] > start):
                overlapping.append(row[metric])
        if len(overlapping) > 0:
            avg_qoe = sum(overlapping) / len(overlapping)
            sub_intervals.append(([start, end], avg_qoe))
    return sub_intervals

# ---- notebook cell In [15]
# Paint the connection progression of all users in a test and save the relevant data to DataFrames
plt.rcParams["figure.figsize"] = [40, 35]

colors_list = ["black", "orange", "yellow", "green", "darkblue"]
success_cmap = mcolors.LinearSegmentedColormap.from_list("success", colors_list)
normalize = mcolors.Normalize(vmin=0, vmax=5)

connection_stats_global = pd.DataFrame()

def get_con_type(next_color):
    if next_color == "magenta":
        return "connectionStart"
    elif next_color == "indigo":
        return "connectionSuccess"
    elif next_color == "red":
        return "connectionFail"
    else:
        return "QOE"

def calc_stats(cpu_filtered, prev_time, current_time, prev_attempt, n_batch, user, session, full_user, next_color, connection_stats, qoe=None, qoe_metric=None):
    total_duration = current_time - prev_time
    cpu_subset = cpu_filtered[(cpu_filtered['@timestamp'] >= prev_time) & (cpu_filtered['@timestamp'] <= current_time)]
    con_type = get_con_type(next_color)
    stats = {
        "type": con_type,
        "start_time": prev_time,
        "end_time": current_time,
        "total_duration": total_duration,
        "attempt": prev_attempt,
        "batch": n_batch,
        "user": user,
        "session": session,
        "full_user": full_user
    }
    if con_type == "QOE":
        stats["qoe"] = qoe
        stats["qoe_metric"] = qoe_metric
    # if there is no cpu data, add the next cpu data available
    if cpu_subset.empty:
        # seek closest cpu data to start_time or end_time
        cpu_prev_df = cpu_filtered[cpu_filtered['@timestamp'] < prev_time]
        cpu_next_df = cpu_filtered[cpu_filtered['@timestamp'] > current_time]
        # if one of the dfs is empty, we take the other
        if cpu_prev_df.empty:
            cpu_next = cpu_next_df.iloc[0]
            cpu_subset = cpu_filtered[cpu_filtered['@timestamp'] == cpu_next['@timestamp']]
        elif cpu_next_df.empty:
            cpu_prev = cpu_prev_df.iloc[-1]
            cpu_subset = cpu_filtered[cpu_filtered['@timestamp'] == cpu_prev['@timestamp']]
        else:
            cpu_next = cpu_next_df.iloc[0]
            cpu_prev = cpu_prev_df.iloc[-1]
            cpu_prev_diff = prev_time - cpu_prev['@timestamp']
            cpu_next_diff = cpu_next['@timestamp'] - current_time
            if cpu_prev_diff < cpu_next_diff:
                cpu_subset = cpu_filtered[cpu_filtered['@timestamp'] == cpu_prev['@timestamp']]
            else:
                cpu_subset = cpu_filtered[cpu_filtered['@timestamp'] == cpu_next['@timestamp']]
    stats["cpu_mean"] = cpu_subset['cpu'].mean()
    stats["cpu_start"] = cpu_subset['cpu'].iloc[0]
    stats["cpu_end"] = cpu_subset['cpu'].iloc[-1]
    stats["cpu_median"] = cpu_subset['cpu'].median()
    stats["cpu_max"] = cpu_subset['cpu'].max()
    stats["cpu_min"] = cpu_subset['cpu'].min()
    connection_stats.append(stats)
    return connection_stats

def paint_bar(ax, prev_time, current_time, y_ticks, prev_state, next_color):
    total_duration = current_time - prev_time
    yrange = (y_ticks - 0.5, 0.8)
    if prev_state != "connectionSuccess":
        segment = [(prev_time, total_duration)]
        ax.broken_barh(segment, yrange, facecolors=next_color)

def paint_success_bars(ax, segments, y_ticks):
    yrange = (y_ticks - 0.5, 0.8)
    batched_segments = []
    batched_colors = []

    for prev_time, current_time, qoe in segments:
        total_duration = current_time - prev_time
        segment = (prev_time, total_duration)
        color = success_cmap(normalize(qoe))

        batched_segments.append(segment)
        batched_colors.append(color)

    ax.broken_barh(batched_segments, yrange, facecolors=batched_colors)
    return batched_colors

def draw_cons_plot(i, index_list_name, metric):
    global connection_stats_global
    fig, ax = plt.subplots()
    y_labels = []
    y_ticks = 0
    user_count = 0
    connection_stats = []
    batch_info = batches[index_list_name]
    cpu_filtered = df_cpu_filtered_list[i]
    start_time, end_time = start_end_times[index_list_name]
    test_duration = (end_time - start_time).total_seconds()
    index_qoe_df = index_qoe_df_list[i]
    for full_user, full_user_obj in user_events_obj[index_list_name].items():
        user_count += 1
        if user_count <= batch_info["startingParticipants"]:
            n_batch = 0
        else:
            n_batch = math.floor((user_count - batch_info["startingParticipants"] - 1) / batch_info["batchSize"]) + 1
        user_split = full_user.split("-")
        user = user_split[0]
        session = user_split[1]
        y_labels.append(full_user)
        y_ticks += 1

        next_color = "white"
        prev_time = None
        prev_state = None
        prev_attempt = 0
        combined = full_user_obj["combined"]
        full_con_segments = connection_time_intervals[index_list_name][full_user]
        con_segments = avg_qoe_intervals(index_qoe_df, metric, full_user)
        # connection success
        for full_segment in full_con_segments:
            paint_bar(ax, full_segment[0], full_segment[1], y_ticks, "", "indigo")
            calc_stats(cpu_filtered, full_segment[0], full_segment[1], prev_attempt, n_batch, user, session, full_user, "indigo", connection_stats)
        segments_to_plot = [(segment[0][0], segment[0][1], segment[1]) for segment in con_segments]
        colors = paint_success_bars(ax, segments_to_plot, y_ticks)
        for segment, color in zip(con_segments, colors):
            calc_stats(cpu_filtered, segment[0][0], segment[0][1], prev_attempt, n_batch, user, session, full_user, color, connection_stats, segment[1], metric)
        # other connection events
        for r, row in combined.iterrows():
            current_time = (row["timestamp"] - start_time).total_seconds()
            if prev_time is not None:
                paint_bar(ax, prev_time, current_time, y_ticks, prev_state, next_color)
                calc_stats(cpu_filtered, prev_time, current_time, prev_attempt, n_batch, user, session, full_user, next_color, connection_stats)
            connectionSuccessful = (
                row["event"].startswith("streamCreated")
                or row["event"].startswith("streamPlaying")
                or row["event"].startswith("LocalTrackPublished")
                or row["event"].startswith("TrackSubscribed")
            )
            if row["event"] == "connectionStart":
                next_color = "magenta"
                prev_state = "connectionStart"
            elif connectionSuccessful:
                next_color = "indigo"
                prev_state = "connectionSuccess"
            else:
                next_color = "red"
                prev_attempt = row["attempts"]
                prev_state = "connectionFail"
            prev_time = current_time
        if prev_time is not None:
            paint_bar(ax, prev_time, test_duration, y_ticks, prev_state, next_color)
            calc_stats(cpu_filtered, prev_time, test_duration, prev_attempt, n_batch, user, session, full_user, next_color, connection_stats)
    connection_stats_df = pd.DataFrame(connection_stats)
    # add all rows to connection_stats_global
    if connection_stats_global.empty:
        connection_stats_global = connection_stats_df
        connection_stats_global["index"] = index_list_name
    else:
        connection_stats_df["index"] = index_list_name
        connection_stats_global = pd.concat([connection_stats_global, connection_stats_df])

    ax.set_yticks(range(1, y_ticks + 1))
    ax.set_yticklabels(y_labels)
    ax.set_title(f"Connection Progression ({metric}) - {index_list_full_names[i]}", pad=10)
    # y axis label
    ax.set_ylabel("User - Session")
    if user_count >= 150:
        # remove y labels
        ax.set_yticklabels([])
    # x axis label
    ax.set_xlabel("Time (s)")
    ax.set_xlim(-5, test_duration + 5)
    # grid
    ax.grid(True)
    # x axis ticks every 10 seconds
    if test_duration > 1000:
        ax.xaxis.set_major_locator(ticker.MultipleLocator(50))
    else:
        ax.xaxis.set_major_locator(ticker.MultipleLocator(10))
    # cpu in new axis
    ax2 = ax.twinx()
    ax2.set_ylabel("CPU (%)")
    # ax2 y axis should go from 0 to 1
    ax2.set_ylim(0, 1.01)
    ax2.set_yticks(np.arange(0, 1.01, 0.05))
    ax2.plot(cpu_filtered["@timestamp"], cpu_filtered["cpu"], color="black", marker="o", linewidth=4, markersize=10)
    # create legend
    legend_labels = [
        plt.Line2D([0], [0], color="magenta", lw=4, label="Connection Start"),
        plt.Line2D([0], [0], color="indigo", lw=4, label="Stream Created/Playing, No Video"),
        plt.Line2D([0], [0], color="darkblue", lw=4, label="Excellent QoE"),
        plt.Line2D([0], [0], color="green", lw=4, label="Good QoE"),
        plt.Line2D([0], [0], color="yellow", lw=4, label="Fair QoE"),
        plt.Line2D([0], [0], color="orange", lw=4, label="Poor QoE"),
        plt.Line2D([0], [0], color="black", lw=4, label="Bad QoE"),
        plt.Line2D([0], [0], color="red", lw=4, label="Failed Connection"),
        plt.Line2D([0], [0], color="black", lw=4, label="CPU", marker="o", markersize=10)
    ]

    ax.legend(handles=legend_labels, loc="upper left")
    fig.savefig(f"plots/qoe/connection_progression_{index_list_name[21:]}_{metric}.png", bbox_inches="tight")


# ---- notebook cell In [None]
# Paint all tests
for i, index_list_name in enumerate(index_list_names):
    draw_cons_plot(i, index_list_name, "vmaf")
    draw_cons_plot(i, index_list_name, "visqol")

# ---- notebook cell In [None]
# save connection relevant data to file for later reuse
# ORACLE: written to the given path instead of <root>/dfs_aux/connection_stats.csv
connection_stats_global.to_csv(_out, index=False)

