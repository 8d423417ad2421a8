#!/usr/bin/env python3
"""Runs one command COUNT times, CONCURRENCY at a time, and prints what a session costs.

usage: sessions.py CONCURRENCY COUNT -- COMMAND [ARG...]
prints one line: sessions_per_s p50_ms p90_ms p99_ms failed
Each run is a fresh process (a fresh SSH connection for ssh/tsh); its wall time, from spawn to
exit, is the session latency. A run that exits non-zero counts as failed and its first error line
goes to stderr once.
"""
import subprocess
import sys
import threading
import time


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100.0
    low = int(k)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (k - low)


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit(__doc__)
    concurrency, count, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[4:]
    latencies, failures, lock = [], [], threading.Lock()
    remaining = [count]

    def worker():
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            start = time.perf_counter()
            done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=120)
            elapsed = (time.perf_counter() - start) * 1000.0
            with lock:
                if done.returncode == 0:
                    latencies.append(elapsed)
                else:
                    failures.append(done.stderr.decode(errors="replace").strip().splitlines()[:1])

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    if failures:
        print(f"{len(failures)} of {count} failed, first: {failures[0]}", file=sys.stderr)
    latencies.sort()
    print(f"{len(latencies) / wall:.1f} {percentile(latencies, 50):.1f} "
          f"{percentile(latencies, 90):.1f} {percentile(latencies, 99):.1f} {len(failures)}")


main()
