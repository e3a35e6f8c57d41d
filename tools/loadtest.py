#!/usr/bin/env python3
"""Query latency under load from a second process on loopback (standard library only).

    python3 tools/loadtest.py http://127.0.0.1:8080 [--requests 2000] [--concurrency 8]

Runs Arabic search queries and dyad queries against a running `rasd serve` and prints
requests/s and p50/p99 latency per kind. Used for BENCHMARKS.md.
"""
import argparse
import statistics
import threading
import time
import urllib.parse
import urllib.request

SEARCHES = ["داعش", "الحوثيين", "مجلس الأمن", "النفط", "وزارة الداخلية", "الرياض", "اليمن", "الإرهاب", "العراق", "التحالف"]
DYADS = [("داعش", "العراق"), ("الحوثيين", "السعودية"), ("إيران", "السعودية"), ("داعش", "القاعدة"), ("روسيا", "سوريا")]


def run(base, kind, n, concurrency):
    urls = []
    for i in range(n):
        if kind == "search":
            q = SEARCHES[i % len(SEARCHES)]
            urls.append(f"{base}/api/search?q={urllib.parse.quote(q)}&limit=10")
        else:
            a, b = DYADS[i % len(DYADS)]
            urls.append(f"{base}/api/dyad?a={urllib.parse.quote(a)}&b={urllib.parse.quote(b)}&by=month")
    lat, errors, lock, it = [], [0], threading.Lock(), iter(urls)

    def worker():
        while True:
            with lock:
                u = next(it, None)
            if u is None:
                return
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(u, timeout=30) as r:
                    r.read()
            except Exception:
                with lock:
                    errors[0] += 1
                continue
            with lock:
                lat.append((time.perf_counter() - t) * 1000)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    print(f"{kind:7} {len(lat)} ok, {errors[0]} errors, {len(lat)/wall:.0f} req/s, p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, mean {statistics.mean(lat):.1f} ms")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    a = ap.parse_args()
    for kind in ("search", "dyad"):
        run(a.base.rstrip("/"), kind, a.requests, a.concurrency)
