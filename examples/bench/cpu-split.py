#!/usr/bin/env python3
"""Where the cores go while a benchmark measures (benchmark 8 of issue 12, docs/performance.md).

Runs the bench jar with the arguments given (a benchmark name and JMH options), samples /proc every quarter of a
second, and for every measured iteration reports the cores in use, on average, by the whole machine, by the
benchmark's JVM (JMH's forked VM) and by PostgreSQL's processes, together with JMH's score for that iteration. It
reads only the last part of each iteration ([end - time + 0.1 s, end - 0.1 s], where JMH prints the score at its
end), so the set-up of each iteration (topping up the invitations, analyzing the tables) is left out. Linux only,
and PostgreSQL must run on the same machine.

    python3 examples/bench/cpu-split.py examples/bench/target/benchmarks.jar \\
        'ConcurrencyBench' -p store=postgresql -wi 3 -i 6

The iteration time is taken from -r (default 2 s, as ConcurrencyBench's annotations give it). The last measured iteration of each
benchmark ends with the trial's tear-down before JMH prints its score, so its window is not the measurement's:
leave it out. Machine busy leaves out time stolen by a hypervisor and counts waiting for disk as idle; the
JVM and PostgreSQL columns are lower bounds (a process that ended within the window is not counted).
"""
import os
import re
import subprocess
import sys
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")
PERIOD = 0.25


def proc_times():
    """CPU seconds of every process, by pid, with its kind: 'jvm' (JMH's fork), 'postgres' or 'other'."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
            kind = "other"
            if comm == "postgres":
                kind = "postgres"
            elif comm == "java":
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"ForkedMain" in f.read():
                        kind = "jvm"
            out[int(pid)] = (kind, cpu)
        except (OSError, ValueError):
            continue  # gone between listing and reading
    return out


def machine_busy():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    # user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice: busy is what ran here (steal is
    # time the hypervisor gave to others, and guest time is counted in user already)
    return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / TICK


def sample(samples, stop):
    while not stop.is_set():
        samples.append((time.monotonic(), machine_busy(), proc_times()))
        time.sleep(PERIOD)


def cores_between(samples, start, end):
    """Average cores in use between two instants, by kind, from the samples around them."""
    inside = [s for s in samples if start <= s[0] <= end]
    if len(inside) < 2:
        return None
    (t0, m0, p0), (t1, m1, p1) = inside[0], inside[-1]
    span = t1 - t0
    used = {"machine": (m1 - m0) / span, "jvm": 0.0, "postgres": 0.0}
    for pid, (kind, cpu) in p1.items():
        if kind in used:
            # a process started inside the window (an autovacuum worker, a new backend) ran only in it; one that
            # ended inside it is lost, so the columns are lower bounds
            used[kind] += (cpu - (p0[pid][1] if pid in p0 else 0.0)) / span
    return used


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    jar, args = argv[0], argv[1:]
    iteration_time = 2.0
    if "-r" in args:
        value = args[args.index("-r") + 1]
        number = re.match(r"^([0-9.]+)\s*(ms|s|m|min)?$", value)
        if not number:
            print(f"cannot read the iteration time -r {value}")
            return 2
        scale = {"ms": 0.001, "s": 1, None: 1, "m": 60, "min": 60}[number.group(2)]
        iteration_time = float(number.group(1)) * scale
    samples, stop = [], threading.Event()
    sampler = threading.Thread(target=sample, args=(samples, stop), daemon=True)
    sampler.start()
    process = subprocess.Popen(["java", "-jar", jar] + args, stdout=subprocess.PIPE, text=True, bufsize=1)
    benchmark, ends, number = None, [], None
    for line in process.stdout:
        now = time.monotonic()
        sys.stdout.write(line)
        if line.startswith("# Benchmark: "):
            benchmark = line.split()[-1].rsplit(".", 1)[-1]
        elif line.startswith("# Parameters: "):
            benchmark = benchmark + " " + line[len("# Parameters: "):].strip()
        # "Iteration   3: 412.068 ops/s", or the score alone on a later line when a log line came between
        started = re.match(r"^Iteration\s+(\d+):", line)
        if started:
            number = int(started.group(1))
        score = re.search(r"(?:^|: )([0-9.]+) ((?:ops|ms|us|ns|s)/(?:s|ms|us|ns|op))\s*$", line)
        if score and number is not None and (started or not line.startswith("#")):
            ends.append((benchmark, number, float(score.group(1)), score.group(2), now))
            number = None
    process.wait()
    stop.set()
    sampler.join()
    print()
    print("| benchmark | iteration | score | machine cores | JVM cores | PostgreSQL cores |")
    print("|---|---|---|---|---|---|")
    for name, number, score, unit, end in ends:
        used = cores_between(samples, end - iteration_time + 0.1, end - 0.1)
        if used is None:
            print(f"| {name} | {number} | {score:.0f} {unit} | too few samples | | |")
            continue
        print(f"| {name} | {number} | {score:.0f} {unit} | {used['machine']:.2f} | {used['jvm']:.2f} | "
              f"{used['postgres']:.2f} |")
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
