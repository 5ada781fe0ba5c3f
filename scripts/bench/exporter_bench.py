#!/usr/bin/env python3
"""make bench, exporter part: `avitui exporter` over 8 simulated clusters at scale.

Prints: time until every cluster is up, exporter RSS and CPU while Prometheus-like scrapes
arrive every 15 s, scrape latency p50/p99 from the cache (a burst of sequential scrapes),
the exposition's size, and controller requests per minute per cluster during the window.
Figures only; nothing here fails a build. Usage:
  exporter_bench.py --avitui .build/release/avitui [--clusters 8] [--window 120]
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import Simulator, note, report  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def memory_kb(pid, key):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scrape(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as answer:
        body = answer.read()
    return time.perf_counter() - start, body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--avitui", required=True)
    parser.add_argument("--clusters", type=int, default=int(os.environ.get("BENCH_EXPORTER_CLUSTERS", "8")))
    parser.add_argument("--window", type=float, default=float(os.environ.get("BENCH_EXPORTER_WINDOW", "120")))
    parser.add_argument("--burst", type=int, default=300)
    args = parser.parse_args()
    print(f"\n== exporter: {args.clusters} clusters at 250 SEs / 5,000 certificates / 10,000 alerts each", flush=True)

    started = time.time()
    with ThreadPoolExecutor(max_workers=args.clusters) as pool:
        sims = list(pool.map(lambda _: Simulator(args.avitui, 250, 5000, 10000), range(args.clusters)))
    note(f"{args.clusters} simulators started in {time.time() - started:.0f} s")
    work = tempfile.mkdtemp(prefix="avitui-exporter-bench-")
    exporter = None
    try:
        config = ""
        for index, sim in enumerate(sims):
            password_file = os.path.join(work, f"c{index}.password")
            with open(password_file, "w") as handle:
                handle.write(sim.ready["password"])
            os.chmod(password_file, 0o600)
            config += (f'[profiles.cluster{index}]\ncontroller = "{sim.ready["url"]}"\nusername = "{sim.ready["username"]}"\n'
                       f'ca_file = "{sim.ready["ca_file"]}"\npassword_file = "{password_file}"\n\n')
        with open(os.path.join(work, "config.toml"), "w") as handle:
            handle.write(config)
        port = free_port()
        env = dict(os.environ, AVITUI_CONFIG=os.path.join(work, "config.toml"))
        log = open(os.path.join(work, "exporter.log"), "w")
        exporter = subprocess.Popen([args.avitui, "exporter", "--all", "--listen", f"127.0.0.1:{port}"],
                                    env=env, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}/metrics"

        # Every cluster read once: probe_success 1 for each.
        start = time.time()
        while True:
            try:
                _, body = scrape(url)
                if body.count(b"avitui_probe_success{") == args.clusters and b"} 0.0\n" not in b"\n".join(
                        line for line in body.split(b"\n") if line.startswith(b"avitui_probe_success")):
                    break
            except OSError:
                pass
            if time.time() - start > 300:
                raise SystemExit("bench: the exporter did not read every cluster within 300 s:\n" + open(log.name).read())
            time.sleep(0.5)
        report("exporter: every cluster up after start", time.time() - start, "s")

        # The window: scraped every 15 s, as Prometheus would; controllers' requests counted.
        for sim in sims:
            sim.control("reset", method="POST")
        cpu_before, window_start = cpu_seconds(exporter.pid), time.time()
        scrapes = []
        while time.time() - window_start < args.window:
            elapsed, body = scrape(url)
            scrapes.append(elapsed)
            time.sleep(max(0, 15 - (time.time() - window_start) % 15))
        window = time.time() - window_start
        cpu = cpu_seconds(exporter.pid) - cpu_before
        requests = [sim.control("stats")["requests"] for sim in sims]
        report("exporter: CPU while scraped every 15 s", 100 * cpu / window, "% core")
        report("exporter: RSS", memory_kb(exporter.pid, "VmRSS") / 1024, "MB")
        report("exporter: peak RSS (VmHWM)", memory_kb(exporter.pid, "VmHWM") / 1024, "MB")
        per_minute = [60 * count / window for count in requests]
        report("exporter: controller requests/min per cluster (mean)", statistics.mean(per_minute), "req/min")
        report("exporter: controller requests/min per cluster (max)", max(per_minute), "req/min")
        note(f"window {window:.0f} s, {len(scrapes)} scrapes at 15 s; exposition {len(body) / 1024:.0f} KiB, "
             f"{body.count(bytes([10]))} lines")

        # Latency from the cache: sequential scrapes, no controller request involved.
        for sim in sims:
            sim.control("reset", method="POST")
        latencies = sorted(scrape(url)[0] * 1000 for _ in range(args.burst))
        during = sum(sim.control("stats")["requests"] for sim in sims)
        report("exporter: scrape latency p50 (cache)", latencies[len(latencies) // 2], "ms")
        report("exporter: scrape latency p99 (cache)", latencies[int(len(latencies) * 0.99) - 1], "ms")
        note(f"{args.burst} scrapes in a row; the controllers saw {during} requests meanwhile (background polls only)")
    finally:
        if exporter is not None:
            exporter.terminate()
            try:
                exporter.wait(timeout=15)
            except subprocess.TimeoutExpired:
                exporter.kill()
        for sim in sims:
            sim.stop()


if __name__ == "__main__":
    main()
