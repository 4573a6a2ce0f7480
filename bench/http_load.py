"""Requests per second of the directory against the real server, with wrk.

Starts ``augenhoehe serve`` (gunicorn, ``--workers`` processes, no task worker) on a free port
against the database in ``DATABASE_URL``, and runs ``wrk`` with ``--connections`` connections
for ``--duration`` seconds against, one after the other:

- the login page: the minimal page of the same server (the whole frame, a small form, no
  query: what every page costs at least), the reference of every ratio;
- the directory start page ``/organisations/``;
- a search with three facets ``/organisations/?land=05&kind=cultural&language=ar``;
- a varied set: ``--varied`` different searches (Land × kind × language, some with a term) in
  random order from a wrk Lua script, each one new to the cache on its first request;
- a small varied set: 12 of those searches, fetched once before, so served from the cache.

Every measured URL is fetched a few times first (the start page and the three-facet search are
then cached in every server process, as for any visitor after the first). The login page, the
start page and the three-facet search are measured in ``--rounds`` rounds, one after the other
within each round, and each page's share is taken against the login page of the same round: two
cores shared by server, wrk and database make single windows swing by half, and what disturbs
one round disturbs its pages alike. The median and the lowest share are printed. A non-2xx
answer stops the script. Needs ``wrk``
(``bash bench/run`` installs Debian's package) and the data of ``bench/generate.py``.

    .venv/bin/python bench/http_load.py [--duration 10] [--rounds 3] [--connections 8] [--workers 2] [--varied 400]
"""

import argparse
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable

LANDS = [f"{n:02d}" for n in range(1, 17)]
KINDS = ["cultural", "religious", "political", "leisure_sport", "parents", "other"]
LANGUAGES = ["ar", "tr", "ru", "fa", "pl", "en", "fr", "ku", "uk", "vi"]
TERMS = ["", "", "verein", "kultur", "eltern", "jugend"]
MINIMAL = "/accounts/login/"
START = "/organisations/"
THREE_FACETS = "/organisations/?land=05&kind=cultural&language=ar"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def varied_paths(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    combos = [(land, kind, language) for land in LANDS for kind in KINDS for language in LANGUAGES]
    rng.shuffle(combos)
    paths = []
    for land, kind, language in combos[:n]:
        params = {"land": land, "kind": kind, "language": language}
        term = rng.choice(TERMS)
        paths.append(START + "?" + urlencode({"q": term, **params} if term else params))
    return paths


def lua_script(paths: list[str]) -> str:
    listed = ",\n".join(f'  "{path}"' for path in paths)
    return (
        f"local paths = {{\n{listed}\n}}\n"
        "local threads = 0\n"
        "setup = function(thread)\n"
        "  thread:set('i', threads * 997)\n"
        "  threads = threads + 1\n"
        "end\n"
        "i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\n"
        "end\n"
    )


def fetch(url: str) -> int:
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310  (our own local server)
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
        return len(body)


def wrk(url: str, *, connections: int, duration: int, script: str | None = None) -> dict:
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise SystemExit(f"wrk got {match.group(1)} error answers from {url}:\n{output}")
    requests = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": int(requests.group(1)) if requests else 0,
        "p50": re.search(r"50%\s+(\S+)", output).group(1),  # type: ignore[union-attr]
        "p99": re.search(r"99%\s+(\S+)", output).group(1),  # type: ignore[union-attr]
    }


def loadavg() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of login, start and three-facet page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=2, help="server processes (augenhoehe serve --workers)"
    )
    parser.add_argument("--varied", type=int, default=400, help="different searches in the varied set")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "augenhoehe",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--no-worker",
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                fetch(base + MINIMAL)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("augenhoehe serve did not answer within 60 s")
        run(base, args)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def run(base: str, args) -> None:
    varied = varied_paths(args.varied, seed=8)
    small = varied_paths(12, seed=9)
    sizes = {}
    for path in (MINIMAL, START, THREE_FACETS, *small):
        for _ in range(2 * args.workers):  # into every process's memory (which process answers is luck)
            sizes[path] = fetch(base + path)
    db = os.environ.get("DATABASE_URL", "").split(":", 1)[0]
    print(
        f"== HTTP: wrk, {args.connections} connections, {args.duration} s a window, {args.rounds} rounds,"
        f" {args.workers} server processes"
    )
    print(f"   database {db}, load average before {loadavg()}")

    def measure(path: str, script: str | None = None) -> dict:
        return wrk(base + path, connections=args.connections, duration=args.duration, script=script)

    pages = (("directory start page", START), ("search with three facets", THREE_FACETS))
    rounds = []
    for _ in range(args.rounds):
        reference = measure(MINIMAL)
        rounds.append((reference, [measure(path) for _label, path in pages]))
    with tempfile.TemporaryDirectory() as tmp:
        varied_figures = []
        for name, paths in (("varied", varied), ("small", small)):
            script = str(Path(tmp) / f"{name}.lua")
            Path(script).write_text(lua_script(paths))
            varied_figures.append(measure(START, script))
        reference = measure(MINIMAL)

    print(f"   {'page':<40}{'bytes':>9}{'req/s by round':>24}{'of login, median':>18}{'lowest':>8}{'p99':>9}")
    login_rates = " ".join(f"{reference_figures['rps']:.0f}" for reference_figures, _pages in rounds)
    print(
        f"   {'login page (minimal page, reference)':<40}{sizes[MINIMAL]:>9,}"
        f"{login_rates:>24}{'100%':>18}{'':>8}{rounds[-1][0]['p99']:>9}"
    )
    for index, (label, path) in enumerate(pages):
        shares = sorted(r[1][index]["rps"] / r[0]["rps"] for r in rounds)
        rates = " ".join(f"{r[1][index]['rps']:.0f}" for r in rounds)
        print(
            f"   {label:<40}{sizes[path]:>9,}{rates:>24}{statistics.median(shares):>18.0%}{shares[0]:>8.0%}"
            f"{rounds[-1][1][index]['p99']:>9}"
        )
    for label, figures in zip(
        (f"varied: {len(varied)} different searches", f"varied: {len(small)} searches, cached"),
        varied_figures,
        strict=True,
    ):
        print(
            f"   {label:<40}{'–':>9}{figures['rps']:>24.1f}{figures['rps'] / reference['rps']:>18.0%}{'':>8}"
            f"{figures['p99']:>9}"
        )
    print(f"   (the varied sets against a login window right after them: {reference['rps']:.0f} req/s)")
    print(f"   load average after {loadavg()}")


if __name__ == "__main__":
    main()
