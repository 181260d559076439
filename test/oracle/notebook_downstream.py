# The notebook's own code for its cells 16+ (seeds/001_8f090a23e220bcfb.txt): everything it
# computes from dfs_aux/connection_stats.csv, plus separate_stats. Extracted verbatim; the only
# changes are marked "ORACLE:" — matplotlib is replaced by a do-nothing stand-in (every plotting
# line stays as written; violinplot still raises on an empty group, as matplotlib does: C5),
# `display` does nothing, the test list and paths are parameters, the two cells that both define
# `remove_no_connections_subs` get suffixes _publishers/_subscribers, and the results are written
# with `to_csv(index=False)` to the tree of `loadtest-lens analyze`.
# Where the notebook raises, the error goes to <out>/<test>/errors.json and the section is run
# again with every scipy call guarded (a raising call becomes {"error": ...}), so the rest of
# the tables can still be compared.
# Usage: /usr/bin/python3 notebook_downstream.py <connection_stats.csv> <out> <root|-> [test ...]
import sys
import os
import json
import math
import shutil
import tempfile
import warnings
import numpy as np
import pandas as pd
from concurrent.futures import ThreadPoolExecutor, as_completed
# ORACLE: yield in submission order, not in the order the threads finish (see notebook_upstream.py).
def as_completed(futures):
    return list(futures)
from scipy import stats as _scipy_stats
try:
    import orjson
except ImportError:  # ORACLE: json gives the same values
    import json as orjson

_cs_path, _out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
_root = None if sys.argv[3] == "-" else os.path.abspath(sys.argv[3])
_tests = sys.argv[4:]


class _NoPlot:  # ORACLE: matplotlib stand-in
    def __call__(self, *args, **kwargs):
        return _NoPlot()
    def __getattr__(self, name):
        return _NoPlot()
    def __getitem__(self, key):
        return _Axes()
    def __iter__(self):
        return iter((_NoPlot(), _NoPlot()))


class _Axes(_NoPlot):
    def violinplot(self, dataset, *args, **kwargs):
        # ORACLE: matplotlib raises on an empty dataset (C5)
        for d in dataset:
            if len(d) == 0:
                raise ValueError("violinplot: empty dataset (matplotlib raises here, C5)")
        return _NoPlot()


plt = mcolors = ticker = mpl = _NoPlot()
stats = _scipy_stats
def display(*args, **kwargs):  # ORACLE: notebook display
    pass

# ---- notebook cell In [16]
connection_stats_global = pd.read_csv(_cs_path)
index_list_names = _tests or list(dict.fromkeys(connection_stats_global["index"]))  # ORACLE
index_list_full_names = index_list_names  # ORACLE

# ---- notebook cell In [17]
# Calculate how many publishers, subscribers, streams in and streams out there are at each time
def add_to(array, number, user, session, timestamp):
    array.append({
        "number": number,
        "user": user,
        "session": session,
        "timestamp": timestamp
    })
full_publishers_progression = {}
full_subscribers_progression = {}
full_streams_in_progression = {}
full_streams_out_progression = {}
def process_events_df(index_list_name, connection_stats):
    sessions = connection_stats['session'].unique()
    publishers_progression = []
    subscribers_progression = []
    streams_in_progression = []
    streams_out_progression = []

    previous_data = {'publishers': 0, 'subscribers': 0, 'streams_in': 0, 'streams_out': 0}
    for session in sessions:
        previous_data[session] = {'publishers': 0, 'subscribers': 0}

    for i, row in connection_stats.iterrows():
        session = row['session']
        user = row['user']
        type = row['type']
        full_user = row['full_user']
        timestamp = row['start_time']
        connected_users = set()

        if type == "connectionSuccess":
            if "0s" in index_list_name and int(user) > 3:
                subscribers = previous_data['subscribers'] + 1
                publishers_in_session = previous_data[session]['publishers']
                subscribers_in_session = previous_data[session]['subscribers'] + 1
                streams_out = 2 * publishers_in_session * (publishers_in_session - 1) + 2 * subscribers_in_session * publishers_in_session

                previous_data['subscribers'] = subscribers
                previous_data[session]['subscribers'] = subscribers_in_session
            else:
                publishers = previous_data['publishers'] + 1
                streams_in = previous_data['streams_in'] + 2
                publishers_in_session = previous_data[session]['publishers'] + 1
                subscribers_in_session = previous_data[session]['subscribers']
                streams_out = 2 * publishers_in_session * (publishers_in_session - 1) + 2 * subscribers_in_session * publishers_in_session

                previous_data['publishers'] = publishers
                previous_data['streams_in'] = streams_in
                previous_data[session]['publishers'] = publishers_in_session

            previous_data['streams_out'] = streams_out

            add_to(publishers_progression, previous_data['publishers'], user, session, timestamp)
            add_to(subscribers_progression, previous_data['subscribers'], user, session, timestamp)
            add_to(streams_in_progression, previous_data['streams_in'], user, session, timestamp)
            add_to(streams_out_progression, previous_data['streams_out'], user, session, timestamp)

            connected_users.add(full_user)

        elif type == "connectionFail" and full_user in connected_users:
            if "0s" in index_list_name and int(user) > 3:
                subscribers = previous_data['subscribers'] - 1
                publishers_in_session = previous_data[session]['publishers']
                subscribers_in_session = previous_data[session]['subscribers'] - 1
                streams_out = 2 * publishers_in_session * (publishers_in_session - 1) + 2 * subscribers_in_session * publishers_in_session

                previous_data['subscribers'] = subscribers
                previous_data[session]['subscribers'] = subscribers_in_session
            else:
                publishers = previous_data['publishers'] - 1
                streams_in = previous_data['streams_in'] - 2
                publishers_in_session = previous_data[session]['publishers'] - 1
                subscribers_in_session = previous_data[session]['subscribers']
                streams_out = 2 * publishers_in_session * (publishers_in_session - 1) + 2 * subscribers_in_session * publishers_in_session

                previous_data['publishers'] = publishers
                previous_data['streams_in'] = streams_in
                previous_data[session]['publishers'] = publishers_in_session

            previous_data['streams_out'] = streams_out

            add_to(publishers_progression, previous_data['publishers'], user, session, timestamp)
            add_to(subscribers_progression, previous_data['subscribers'], user, session, timestamp)
            add_to(streams_in_progression, previous_data['streams_in'], user, session, timestamp)
            add_to(streams_out_progression, previous_data['streams_out'], user, session, timestamp)

            connected_users.remove(full_user)

    publishers_progression = pd.DataFrame(publishers_progression)
    subscribers_progression = pd.DataFrame(subscribers_progression)
    streams_in_progression = pd.DataFrame(streams_in_progression)
    streams_out_progression = pd.DataFrame(streams_out_progression)

    return (index_list_name, publishers_progression, subscribers_progression, streams_in_progression, streams_out_progression)

# Use parallel processing to handle events dataframes
with ThreadPoolExecutor(max_workers=os.cpu_count()) as executor:
    futures = [executor.submit(process_events_df, index_list_name, connection_stats_global[connection_stats_global["index"] == index_list_name]) for index_list_name in index_list_names]
    for future in as_completed(futures):
        (index_list_name, publishers_progression, subscribers_progression, streams_in_progression, streams_out_progression) = future.result()
        full_publishers_progression[index_list_name] = publishers_progression
        full_subscribers_progression[index_list_name] = subscribers_progression
        full_streams_in_progression[index_list_name] = streams_in_progression
        full_streams_out_progression[index_list_name] = streams_out_progression
# ---- notebook cell In [21]
# calculate certain values when in a CPU threshold interval
def calculate_connection_data(connection_type, connection_stats, metric_to_check, label, qoe_metric=None):
    connection_stats = connection_stats[connection_stats["type"] == connection_type].drop(columns=["type", "index", "user", "session"])
    connection_stats = connection_stats.sort_values(by="cpu_median").reset_index().drop(columns=["index"])

    cols_to_keep = ["full_user", "attempt", "batch", "total_duration", "cpu_median", "cpu_mean", "cpu_max", "cpu_min"]
    if connection_type == "QOE":
        cols_to_keep += ["qoe", "qoe_metric"]
    connection_stats = connection_stats[cols_to_keep]
    
    if connection_type == "QOE":
        connection_stats = connection_stats[connection_stats["qoe_metric"] == qoe_metric]

    thresholds = [
        { "threshold": "Full test", "condition": connection_stats["total_duration"] == connection_stats["total_duration"] },
        {"threshold": "Median CPU < 0.8", "condition": connection_stats["cpu_median"] < 0.8},
        {"threshold": "Median CPU < 0.9", "condition": connection_stats["cpu_median"] < 0.9},
        {"threshold": "Median CPU < 0.95", "condition": connection_stats["cpu_median"] < 0.95},
        {"threshold": "0.8 <= Median CPU < 0.9", "condition": (connection_stats["cpu_median"] >= 0.8) & (connection_stats["cpu_median"] < 0.9)},
        {"threshold": "0.9 <= Median CPU <= 1", "condition": (connection_stats["cpu_median"] >= 0.9)},
        {"threshold": "0.9 < Median CPU <= 0.95", "condition": (connection_stats["cpu_median"] >= 0.9) & (connection_stats["cpu_median"] < 0.95)},
        {"threshold": "0.95 < Median CPU", "condition": connection_stats["cpu_median"] >= 0.95},
    ]
    
    cpu_start_durations = []
    filtered_connection_stats = []
    
    for threshold in thresholds:
        filtered_stats = connection_stats[threshold["condition"]]
        mean = filtered_stats[metric_to_check].mean()
        median = filtered_stats[metric_to_check].median()
        min_val = filtered_stats[metric_to_check].min()
        max_val = filtered_stats[metric_to_check].max()
        std = filtered_stats[metric_to_check].std()
        
        cpu_start_durations.append({
            "threshold": threshold["threshold"],
            f"median {label}": median,
            f"mean {label}": mean,
            f"min {label}": min_val,
            f"max {label}": max_val,
            f"std {label}": std,
        })
        
        filtered_connection_stats.append(filtered_stats)
    
    cpu_start_durations_df = pd.DataFrame(cpu_start_durations)

    return (
        cpu_start_durations_df,
        *filtered_connection_stats,
    )

# ---- notebook cell In [19]
# Helper functions for comparing the certain values averages between different CPU thresholds using Mann-Whitney U test and t-test
from scipy import stats

def find_outliers_iqr(series):
    q1 = series.quantile(0.25)
    q3 = series.quantile(0.75)
    iqr = q3 - q1
    lower_bound = q1 - 1.5 * iqr
    upper_bound = q3 + 1.5 * iqr
    outliers = series[(series < lower_bound) | (series > upper_bound)]
    return outliers

def get_cases(connection_stats, con_type="QOE", label="VMAF", qoe_metric="vmaf"):
    if con_type == "QOE":
        metric_to_check = "qoe"
    else:
        metric_to_check = "total_duration"
    cpu_start_durations_df, con_0_100, con_0_80, con_0_90, con_0_95, con_80_90, con_90_100, con_90_95, con_95_100 = calculate_connection_data(
        con_type, connection_stats, metric_to_check, label, qoe_metric
    )
    display(cpu_start_durations_df)
    cases = [
        # {
        #     "X": "CPU < 0.8",
        #     "Y": "CPU >= 0.8 and < 0.9",
        #     "len(X)": len(con_0_80),
        #     "len(Y)": len(con_80_90),
        #     "XSeries": con_0_80[metric_to_check],
        #     "YSeries": con_80_90[metric_to_check],
        # },
        # {
        #     "X": "CPU >= 0.8 and < 0.9",
        #     "Y": "CPU >= 0.9",
        #     "len(X)": len(con_80_90),
        #     "len(Y)": len(con_90_100),
        #     "XSeries": con_80_90[metric_to_check],
        #     "YSeries": con_90_100[metric_to_check],
        # },
        {
            "X": "CPU < 0.9",
            "Y": "CPU >= 0.9",
            "metric": label if con_type == "QOE" else "Total duration (s)",
            "len(X)": len(con_0_90),
            "len(Y)": len(con_90_100),
            "XSeries": con_0_90[metric_to_check],
            "YSeries": con_90_100[metric_to_check],
            "XSeriesCPU": con_0_90["cpu_median"],
            "YSeriesCPU": con_90_100["cpu_median"],
        },
        {
            "X": "CPU < 0.95",
            "Y": "CPU >= 0.95",
            "metric": label if con_type == "QOE" else "Total duration (s)",
            "len(X)": len(con_0_95),
            "len(Y)": len(con_95_100),
            "XSeries": con_0_95[metric_to_check],
            "YSeries": con_95_100[metric_to_check],
            "XSeriesCPU": con_0_95["cpu_median"],
            "YSeriesCPU": con_95_100["cpu_median"],
        },
    ]
    return cases

def clean_outliers(serie, outliers):
    serie = serie[~serie.isin(outliers)]
    return serie

def calculate_comparisons(X, Y, XSeries, YSeries, lenX, lenY, prev_80_data=None, prev_90_data=None, prev_95_data=None):
    ustat, p = stats.mannwhitneyu(XSeries, YSeries)
    tstat, tp = stats.ttest_ind(XSeries, YSeries)
    # wstat, wp, zw = stats.wilcoxon(XSeries, YSeries)
    shapiroX = stats.shapiro(XSeries)
    shapiroY = stats.shapiro(YSeries)
    brown_forsythe = stats.levene(XSeries, YSeries, center="median")
    fligner = stats.fligner(XSeries, YSeries, center="median")
    ks = stats.ks_2samp(XSeries, YSeries)
    ad = stats.anderson_ksamp([XSeries, YSeries])
    kw = stats.kruskal(XSeries, YSeries)

    meanX = XSeries.mean()
    meanY = YSeries.mean()
    medianX = XSeries.median()
    medianY = YSeries.median()
    stdX = XSeries.std()
    stdY = YSeries.std()
    pooled_std = np.sqrt(((lenX - 1) * stdX ** 2 + (lenY - 1) * stdY ** 2) / (lenX + lenY - 2))
    cohen_d = (meanX - meanY) / pooled_std
    rankBiserialCorrelation = (2 * ustat) / (lenX * lenY) - 1
    mean_diff = meanX - meanY
    median_diff = medianX - medianY
    std_diff = stdX - stdY
    mean_diff_percent = (mean_diff / meanY) * 100
    median_diff_percent = (median_diff / medianY) * 100
    std_diff_percent = (std_diff / stdY) * 100
    basics = {
        "X": X,
        "Y": Y,
        "len(X)": lenX,
        "len(Y)": lenY,
        "mean(X)": meanX,
        "mean(Y)": meanY,
        "median(X)": medianX,
        "median(Y)": medianY,
        "std(X)": stdX,
        "std(Y)": stdY,
        "mean diff": mean_diff,
        "median diff": median_diff,
        "std diff": std_diff,
        "mean diff %": mean_diff_percent,
        "median diff %": median_diff_percent,
        "std diff %": std_diff_percent,
    }
    comparisons = {
        "X": X,
        "Y": Y,
        "len(X)": lenX,
        "len(Y)": lenY,
        # "Wilcoxon (W)": wstat,
        # "p-value (Wilcoxon)": wp,
        # "z-statistic (Wilcoxon)": zw,
        "U (MWU)": ustat,
        "p-value (MWU)": p,
        "effect size (MWU, rank-biserial correlation)": rankBiserialCorrelation,
        "t (t-test)": tstat,
        "p-value (t-test)": tp,
        "effect size (t-test, Cohen's d)": cohen_d,
        "Shapiro X": shapiroX,
        "Shapiro Y": shapiroY,
        "Brown-Forsythe": brown_forsythe,
        "Fligner": fligner,
        "K-S": ks,
        "Anderson-Darling": ad,
        "Kruskal-Wallis": kw,
    }
    return basics, comparisons

def make_comparisons(cases, index=None, plots=True):
    comparisons = []
    comparisons_clean = []
    basics = []
    basics_clean = []
    if plots:
        figScatter, axsScatter = plt.subplots(1, 1, figsize=(30, 15))
        fig, axs = plt.subplots(1, len(cases)*2, figsize=(20, 8))
    prevFullSeries = None
    for i, case in enumerate(cases):
        X = case["X"]
        Y = case["Y"]
        lenX = case["len(X)"]
        lenY = case["len(Y)"]
        XSeries = case["XSeries"]
        YSeries = case["YSeries"]
        outliersX = find_outliers_iqr(XSeries)
        outliersY = find_outliers_iqr(YSeries)
        # clean outliers
        clean_XSeries = clean_outliers(XSeries, outliersX)
        clean_YSeries = clean_outliers(YSeries, outliersY)
        XSeriesCPU = case["XSeriesCPU"]
        YSeriesCPU = case["YSeriesCPU"]
        if plots:
            fullSeries = pd.concat([XSeries, YSeries])
            fullSeriesCPU = pd.concat([XSeriesCPU, YSeriesCPU])
            y_ticks = np.arange(0, 1.01, 0.05)
            x_ticks = y_ticks
            title = f"{index_list_full_names[index_list_names.index(index)] if index else 'All cases'} - CPU comparison"
            # plot scatter if not plotted previously over the same data
            if prevFullSeries is None or not prevFullSeries.equals(fullSeries):
                figScatter.set_tight_layout(True)
                figScatter.suptitle(f"{index if index else 'All cases'}")
                axsScatter.scatter(fullSeriesCPU, fullSeries)
                axsScatter.set_title(f"CPU vs {case['metric']}")
                axsScatter.set_xlabel("CPU")
                axsScatter.set_ylabel(case["metric"])
                axsScatter.set_xticks(x_ticks)
                axsScatter.set_yticks(y_ticks)
                axsScatter.grid(True)
                prevFullSeries = fullSeries
                figScatter.savefig(f"plots/scatters/{title if index else 'all'}.png")
            fig.set_tight_layout(True)
            fig.suptitle(f'{title if index else "All cases"}')
            # ax index
            idx = i * 2
            # plot boxplots
            axs[idx].boxplot([XSeries, YSeries], labels=[X + f"\n(n = {str(lenX)})", Y + f"\n(n = {str(lenY)})"])
            axs[idx].set_title(f"{X} vs {Y}")
            axs[idx].set_ylabel(case["metric"])
            axs[idx].set_ylim(0, 1)
            axs[idx].set_yticks(y_ticks)
            axs[idx].grid(True)
            # plot violin plots
            axs[idx+1].violinplot([XSeries, YSeries], showmeans=False, showmedians=True)
            axs[idx+1].set_title(f"{X} vs {Y}")
            axs[idx+1].set_ylabel(case["metric"])
            axs[idx+1].set_yticks(y_ticks)
            axs[idx+1].set_xticks([1, 2])
            axs[idx+1].set_xticklabels([X + f"\n(n = {str(lenX)})", Y + f"\n(n = {str(lenY)})"])
            axs[idx+1].grid(True)
            if i == len(cases) - 1:
                fig.savefig(f"plots/boxplots/{index if index else 'all'}.png")
        if lenX != 0 and lenY != 0:
            basic, comparison = calculate_comparisons(X, Y, XSeries, YSeries, lenX, lenY)
            basic["X"] = X
            basic["Y"] = Y
            basic["len(outliers(X))"] = len(outliersX)
            basic["len(outliers(Y))"] = len(outliersY)
            comparison["X"] = X
            comparison["Y"] = Y
            pearsonX = stats.pearsonr(XSeriesCPU, XSeries)
            pearsonY = stats.pearsonr(YSeriesCPU, YSeries)
            comparison["Pearson X"] = pearsonX
            comparison["Pearson Y"] = pearsonY
            comparisons.append(comparison)
            basics.append(basic)
            basic_clean, comparison_clean = calculate_comparisons(X, Y, clean_XSeries, clean_YSeries, lenX - len(outliersX), lenY - len(outliersY))
            basic_clean["X"] = X
            basic_clean["Y"] = Y
            basic_clean["len(outliers(X))"] = len(outliersX)
            basic_clean["len(outliers(Y))"] = len(outliersY)
            comparison_clean["X"] = X
            comparison_clean["Y"] = Y
            pearsonX_clean = stats.pearsonr(XSeriesCPU, clean_XSeries)
            pearsonY_clean = stats.pearsonr(YSeriesCPU, clean_YSeries)
            comparison_clean["Pearson X"] = pearsonX_clean
            comparison_clean["Pearson Y"] = pearsonY_clean
            comparisons_clean.append(comparison_clean)
            basics_clean.append(basic_clean)
    basics_df = pd.DataFrame(basics)
    basics_df.to_csv(f"tables/basics_{index if index else 'all'}.csv", index=False)
    comparisons_df = pd.DataFrame(comparisons)
    comparisons_df.to_csv(f"tables/comparisons_{index if index else 'all'}.csv", index=False)
    basics_clean_df = pd.DataFrame(basics_clean)
    basics_clean_df.to_csv(f"tables/basics_clean_{index if index else 'all'}.csv", index=False)
    comparisons_clean_df = pd.DataFrame(comparisons_clean)
    comparisons_clean_df.to_csv(f"tables/comparisons_clean_{index if index else 'all'}.csv", index=False)
    return basics_df, comparisons_df, basics_clean_df, comparisons_clean_df


# ---- notebook cell "Compare connection start values" (remove_no_connections, verbatim)
def remove_no_connections(connection_stats):
    # Identify connection starts that are not followed by a connection success
    mask = connection_stats["type"] == "connectionStart"
    
    # Collect indices of connection starts to be removed
    to_remove = []
    for i, row in connection_stats[mask].iterrows():
        # Check if there's a subsequent connectionSuccess for the same full_user and attempt
        next_row = connection_stats[
            (connection_stats["full_user"] == row["full_user"]) &
            (connection_stats["attempt"] == row["attempt"]) &
            (connection_stats["start_time"] > row["start_time"]) &
            (connection_stats["type"] == "connectionSuccess")
        ]
        
        # If no connectionSuccess found, mark for removal
        if next_row.empty:
            to_remove.append(i)
    
    # Remove the identified rows
    connection_stats.drop(to_remove, inplace=True)

    return connection_stats
# Connection start of successful connections
warnings.filterwarnings("ignore")

# ---- notebook cell "For subscribers ..." (first version; ORACLE: suffix _publishers)
def remove_no_connections_subs_publishers(connection_stats):
    con_stats = connection_stats.copy()
    # remove all connectionStart that are not followed by a connectionSuccess for that full_user and attempt
    for i, row in con_stats.iterrows():
        if row["type"] == "connectionStart":
            if int(row["user"]) > 3:
                con_stats = con_stats.drop(i)
            else:
                next_row = con_stats[
                    (con_stats["full_user"] == row["full_user"])
                    & (con_stats["attempt"] == row["attempt"])
                    & (con_stats["start_time"] > row["start_time"])
                ]
                if next_row.empty or next_row.iloc[0]["type"] != "connectionSuccess":
                    con_stats = con_stats.drop(i)
    return con_stats

warnings.filterwarnings("ignore")

# ---- notebook cell "For subscribers ..." (second version; ORACLE: suffix _subscribers)
def remove_no_connections_subs_subscribers(connection_stats):
    con_stats = connection_stats.copy()
    # remove all connectionStart that are not followed by a connectionSuccess for that full_user and attempt
    for i, row in con_stats.iterrows():
        if row["type"] == "connectionStart":
            if int(row["user"]) <= 3:
                con_stats = con_stats.drop(i)
            else:
                next_row = con_stats[
                    (con_stats["full_user"] == row["full_user"])
                    & (con_stats["attempt"] == row["attempt"])
                    & (con_stats["start_time"] > row["start_time"])
                ]
                if next_row.empty or next_row.iloc[0]["type"] != "connectionSuccess":
                    con_stats = con_stats.drop(i)
    return con_stats

warnings.filterwarnings("ignore")

# ---- notebook cell In [3] helpers used by separate_stats (verbatim)
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


# ---- notebook cell "read all stats data" (separate_stats, verbatim but the final loop)
def process_stats(index_list_name):
    stats = get_index_data(index_list_name, "stats")
    for stat in stats:
        if 'stats' in stat:
            user = stat['user']
            session = stat['session']
            in_stats = stat['stats']
            for s in in_stats:
                if 'webrtcStats' in s:
                    webrtc_stats = s['webrtcStats']
                    for ws in webrtc_stats:
                        if ('event' in ws) and (ws['event'] == 'stats'):
                            yield {
                                'user': user,
                                'session': session,
                                'data': ws
                            }

def add_user_data(data, user, session, remote_peer):
    for d in data:
        d['user'] = user
        d['session'] = session
        d['peerId'] = remote_peer
        # if cummulative metrics packetsLost and packetsSent/packetsReceived are present, calculate packetLoss
        if 'packetsLost' in d and ('packetsSent' in d or 'packetsReceived' in d):
            d['packetLoss'] = d['packetsLost'] / (d['packetsSent'] + d['packetsReceived'])


def separate_stats(index_list_name):

    stats_dict = {
        'inbound_audio': [],
        'inbound_video': [],
        'outbound_audio': [],
        'outbound_video': [],
        'remote_inbound_audio': [],
        'remote_inbound_video': [],
        'remote_outbound_audio': [],
        'remote_outbound_video': []
    }

    def process_data(data, user, session, peer_id, direction, type):
        if data:
            add_user_data(data, user, session, peer_id)
            stats_dict[f"{direction}_{type}"].extend(data)

    for full_data in process_stats(index_list_name):
        user = full_data['user']
        session = full_data['session']
        r = full_data['data']
        remotePeer = r['peerId']
        if 'data' in r:
            d = r['data']
            local_audio = d['audio']
            local_video = d['video']
            remote_audio = d['remote']['audio']
            remote_video = d['remote']['video']

            process_data(local_audio['inbound'], user, session, remotePeer, 'inbound', 'audio')
            process_data(local_audio['outbound'], user, session, remotePeer, 'outbound', 'audio')
            process_data(local_video['inbound'], user, session, remotePeer, 'inbound', 'video')
            process_data(local_video['outbound'], user, session, remotePeer, 'outbound', 'video')
            process_data(remote_audio['inbound'], user, session, remotePeer, 'remote_inbound', 'audio')
            process_data(remote_audio['outbound'], user, session, remotePeer, 'remote_outbound', 'audio')
            process_data(remote_video['inbound'], user, session, remotePeer, 'remote_inbound', 'video')
            process_data(remote_video['outbound'], user, session, remotePeer, 'remote_outbound', 'video')

    for key, value in stats_dict.items():
        if value:
            stats_dict[key] = pd.DataFrame(value)
            stats_dict[key].to_csv(f"dfs_stats_processed/{index_list_name}_{key}.csv", index=False)



# ---- ORACLE: driver. Runs each cell's code per test and writes the analyze tree.
_scratch = tempfile.mkdtemp(prefix="notebook-downstream-")
os.makedirs(os.path.join(_scratch, "tables"), exist_ok=True)
os.makedirs(os.path.join(_scratch, "dfs_stats_processed"), exist_ok=True)
if _root:
    os.symlink(os.path.join(_root, "stats"), os.path.join(_scratch, "stats"))
os.chdir(_scratch)
warnings.filterwarnings("ignore")

_STAT_FIELDS = ["statistic", "pvalue", "statistic_location", "statistic_sign", "critical_values", "significance_level"]


class _Raised:
    """A scipy call that raised, in the guarded re-run."""
    def __init__(self, error):
        self.error = error
    def __iter__(self):
        return iter((float("nan"), float("nan")))


class _GuardedStats:
    def __getattr__(self, name):
        fn = getattr(_scipy_stats, name)
        def guarded(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as e:
                return _Raised(f"{type(e).__name__}: {e}")
        return guarded


def _plain(v):
    if isinstance(v, _Raised):
        return {"error": v.error}
    if hasattr(v, "statistic"):
        out = {}
        for f in _STAT_FIELDS:
            if hasattr(v, f):
                x = getattr(v, f)
                out[f] = [float(c) for c in x] if f == "critical_values" else _plain(x)
        return out
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if not math.isfinite(float(v)) else float(v)
    return v


def _write_json(path, records):
    with open(path, "w") as f:
        json.dump([{k: _plain(v) for k, v in r.items()} for r in records], f, indent=1)


def _section(test_dir, section, run, con_type, label, qoe_metric, rows):
    metric = "qoe" if con_type == "QOE" else "total_duration"
    table = calculate_connection_data(con_type, rows, metric, label, qoe_metric)[0]
    table.to_csv(os.path.join(test_dir, f"cpu_thresholds__{section}.csv"), index=False)
    global stats
    try:
        result = run()
        error = None
    except Exception as e:
        error = f"{type(e).__name__}: {e}"
        stats = _GuardedStats()
        try:
            result = run()
        except Exception as e2:  # not a scipy call (e.g. ZeroDivisionError in the basics)
            return f"{error} (guarded re-run: {type(e2).__name__}: {e2})"
        finally:
            stats = _scipy_stats
    basics, comparisons, basics_clean, comparisons_clean = result
    basics.to_csv(os.path.join(test_dir, f"basics__{section}.csv"), index=False)
    basics_clean.to_csv(os.path.join(test_dir, f"basics_clean__{section}.csv"), index=False)
    _write_json(os.path.join(test_dir, f"comparisons__{section}.json"), comparisons.to_dict("records"))
    _write_json(os.path.join(test_dir, f"comparisons_clean__{section}.json"), comparisons_clean.to_dict("records"))
    return error


for index_list_name in index_list_names:
    test_dir = os.path.join(_out, index_list_name)
    os.makedirs(test_dir, exist_ok=True)
    errors = {}
    connection_stats = connection_stats_global[connection_stats_global["index"] == index_list_name].copy()
    # progression (cell 17)
    for kind, frames in [("publishers", full_publishers_progression), ("subscribers", full_subscribers_progression),
                         ("streams_in", full_streams_in_progression), ("streams_out", full_streams_out_progression)]:
        frames[index_list_name].to_csv(os.path.join(test_dir, f"progression_{kind}.csv"), index=False)
    # QoE progression (the "simple line chart" cell, its table lines verbatim)
    connection_stats["time_midpoint"] = (connection_stats["start_time"] + connection_stats["end_time"]) / 2
    if "kurento" in index_list_name:
        interval = 0.001
    else:
        interval = 1
    connection_stats["time_group"] = connection_stats["time_midpoint"] // interval * interval
    connection_stats_vmaf = connection_stats[connection_stats["qoe_metric"] == "vmaf"]
    connection_stats_vmaf = connection_stats_vmaf.groupby("time_group").agg({"qoe": "mean"}).reset_index()
    connection_stats_visqol = connection_stats[connection_stats["qoe_metric"] == "visqol"]
    connection_stats_visqol = connection_stats_visqol.groupby("time_group").agg({"qoe": "mean"}).reset_index()
    connection_stats_vmaf.to_csv(os.path.join(test_dir, "qoe_progression_vmaf.csv"), index=False)
    connection_stats_visqol.to_csv(os.path.join(test_dir, "qoe_progression_visqol.csv"), index=False)
    # QoE comparisons (two cells)
    connection_stats = connection_stats_global[connection_stats_global["index"] == index_list_name].copy()
    e = _section(test_dir, "qoe_vmaf", lambda: make_comparisons(get_cases(connection_stats), index_list_name),
                 "QOE", "VMAF", "vmaf", connection_stats)
    if e: errors["qoe_vmaf"] = e
    e = _section(test_dir, "qoe_visqol", lambda: make_comparisons(get_cases(connection_stats, label="VISQOL", qoe_metric="visqol"), index_list_name),
                 "QOE", "VISQOL", "visqol", connection_stats)
    if e: errors["qoe_visqol"] = e
    # connection start
    cs = remove_no_connections(connection_stats_global[connection_stats_global["index"] == index_list_name].copy())
    e = _section(test_dir, "connection_start",
                 lambda: make_comparisons(get_cases(cs, con_type="connectionStart", label="connection start duration (seconds)"), index_list_name, plots=False),
                 "connectionStart", "connection start duration (seconds)", None, cs)
    if e: errors["connection_start"] = e
    if "0s" in index_list_name:
        connection_stats_subs = connection_stats_global[connection_stats_global["index"].str.contains("0s")].copy()
        for section, fn in [("connection_start_publishers", remove_no_connections_subs_publishers),
                            ("connection_start_subscribers", remove_no_connections_subs_subscribers)]:
            sub = fn(connection_stats_subs[connection_stats_subs["index"] == index_list_name].copy())
            e = _section(test_dir, section,
                         lambda: make_comparisons(get_cases(sub, con_type="connectionStart", label="connection start duration (seconds)"), index_list_name, plots=False),
                         "connectionStart", "connection start duration (seconds)", None, sub)
            if e: errors[section] = e
    # separate_stats
    if _root and os.path.isdir(os.path.join("stats", index_list_name)):
        try:
            separate_stats(index_list_name)
            os.makedirs(os.path.join(test_dir, "qos"), exist_ok=True)
            for key in ['inbound_audio', 'inbound_video', 'outbound_audio', 'outbound_video',
                        'remote_inbound_audio', 'remote_inbound_video', 'remote_outbound_audio', 'remote_outbound_video']:
                src = f"dfs_stats_processed/{index_list_name}_{key}.csv"
                if os.path.exists(src):
                    shutil.copyfile(src, os.path.join(test_dir, "qos", f"{key}.csv"))
        except Exception as e:
            errors["qos"] = f"{type(e).__name__}: {e}"
    with open(os.path.join(test_dir, "errors.json"), "w") as f:
        json.dump(errors, f, indent=1)

shutil.rmtree(_scratch, ignore_errors=True)
