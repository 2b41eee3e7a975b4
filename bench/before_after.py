"""The check-in ingest and the console of two commits, side by side: is the second one slower?

Each commit is checked out into a temporary git worktree, and that worktree's own
bench/checkin_ingest.py and bench/console_scale.py run with this checkout's virtualenv, with
PYTHONPATH putting the worktree's backend/ (the ``relais`` package, hence its content/) and its root
(``tests``) ahead of the editable install. The scripts run ``relais`` through ``sys.executable -m
relais.cli`` (which inherits PYTHONPATH) or as ``<root>/.venv/bin/relais`` with an environment of
their own: that one is a small shell script in the worktree setting PYTHONPATH itself. A
sitecustomize on that PYTHONPATH records where every Python process of a run (the bench script,
``relais migrate``, ``create-user``, ``serve``) imported ``relais`` and ``tests`` from; a run that
imported either from outside its worktree stops the comparison.

The sides alternate (before, after, before, after: ``--rounds``) to spread the machine's noise over
both; the table gives each figure's median per side, the change, and every run's value. The raw
outputs are kept in ``--out``. Server times are the app's own (its access log), as
bench/console_scale.py measures them; a p99 over 100 requests is the second slowest of them.

    .venv/bin/python bench/before_after.py [--before af9c17e] [--after HEAD] [--rounds 2]
        [--ingest-args "--seconds 8 ..."] [--console-args "--patients 500 ..."] [--out DIR]

Needs what the two scripts need: wrk, and PostgreSQL at 127.0.0.1:5432 (database ``test``).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INGEST_ARGS = "--seconds 8 --rows 100000 --engines sqlite,postgres --pg-workers 1"
CONSOLE_ARGS = "--patients 500 --alerts 5000 --requests 100 --sse 20"
BENCHES = ("checkin_ingest", "console_scale")

# Put first on PYTHONPATH: records, in every process, where `relais` and `tests` are found.
PROBE = '''"""Written by bench/before_after.py: where this process imports relais and tests from."""
import os
import sys


class _Probe:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in ("relais", "tests"):
            return None
        for finder in sys.meta_path[sys.meta_path.index(cls) + 1 :]:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find else None
            if spec is not None:
                import json

                with open(os.environ["RELAIS_BENCH_IMPORT_LOG"], "a") as fh:
                    fh.write(json.dumps([os.getpid(), name, spec.origin, sys.argv]) + "\\n")
                return spec
        return None


if os.environ.get("RELAIS_BENCH_IMPORT_LOG"):
    sys.meta_path.insert(0, _Probe)
'''

# bench/checkin_ingest.py runs `<root>/.venv/bin/relais` with an environment of its own.
RELAIS_WRAPPER = """#!/bin/sh
export PYTHONPATH={pythonpath}
export RELAIS_BENCH_IMPORT_LOG={log}
exec {python} -m relais.cli "$@"
"""

# (pattern, [(metric, unit), ...] for its groups after the first); the first group names the row.
N = r"([\d.]+)"
PATTERNS = {
    "checkin_ingest": [
        (
            rf"^\[(\w+, \d+ app process(?:es)?)\] check-ins: {N}/s .*p50={N} ms p99={N} ms, "
            r"errors=(\d+)",
            [("check-ins", "/s"), ("check-in p50", "ms"), ("check-in p99", "ms"),
             ("errors", "")],
        ),
        (rf"^\[(\w+)\] ceiling .*: {N}/s;", [("bare insert ceiling", "/s")]),
        (
            rf"^\[(\w+)\] last 30 days of one patient .*: p50={N} ms p99={N} ms",
            [("history read p50", "ms"), ("history read p99", "ms")],
        ),
    ],
    "console_scale": [
        (
            rf"^  (\S.*?)\s+server p50=\s*{N} ms p99=\s*{N} ms \|",
            [("p50", "ms"), ("p99", "ms")],
        ),
        (
            rf"^  (one patient page), its \d+ calls summed: server p50={N} ms p99={N} ms",
            [("p50", "ms"), ("p99", "ms")],
        ),
        (
            rf"^(live channel): (\d+)/\d+ connections open in {N} s",
            [("connections open", ""), ("all open in", "s")],
        ),
        (
            rf"^  after one (red check-in): (\d+)/\d+ received the alert event "
            rf"\(p50={N} ms, max={N} ms",
            [("live alert received by", ""), ("live alert p50", "ms"), ("live alert max", "ms")],
        ),
    ],
}  # fmt: skip


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def parse(bench: str, out: str) -> dict[tuple[str, str], float]:
    """Every figure a run printed, by (metric, unit)."""
    figures: dict[tuple[str, str], float] = {}
    for line in out.splitlines():
        for pattern, names in PATTERNS[bench]:
            m = re.search(pattern, line)
            if not m:
                continue
            row = " ".join(m.group(1).split())
            for (name, unit), value in zip(names, m.groups()[1:], strict=True):
                key = (f"{bench.split('_')[0]} | {row}: {name}", unit)
                while key in figures:  # the same line twice in one run: number them
                    key = (key[0] + "'", unit)
                figures[key] = float(value)
    return figures


class Side:
    """One commit in a worktree of its own, with the environment that makes it run its own code."""

    def __init__(self, label: str, ref: str, out: Path, probe: Path) -> None:
        self.label = label
        self.sha = git("rev-parse", "--verify", f"{ref}^{{commit}}")
        self.short = self.sha[:7]
        self.wt = Path(tempfile.mkdtemp(prefix=f"bench-{self.short}-"))
        self.log = out / f"{label}-imports.jsonl"
        self.out = out
        git("worktree", "add", "--detach", str(self.wt), self.sha)
        pythonpath = f"{probe}:{self.wt / 'backend'}:{self.wt}"
        wrapper = self.wt / ".venv/bin/relais"
        wrapper.parent.mkdir(parents=True)
        wrapper.write_text(
            RELAIS_WRAPPER.format(
                pythonpath=shlex.quote(pythonpath),
                log=shlex.quote(str(self.log)),
                python=shlex.quote(sys.executable),
            )
        )
        wrapper.chmod(0o755)
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("RELAIS_", "COVERAGE_", "PYTHON"))
        }
        self.env = {**inherited, "PYTHONPATH": pythonpath, "RELAIS_BENCH_IMPORT_LOG": str(self.log)}
        self.runs: list[dict[tuple[str, str], float]] = []

    def describe(self) -> str:
        """Where a process of this side finds relais, tests and the content."""
        code = (
            "import relais, tests; from relais.content.loader import default_content_dir as d; "
            "print(relais.__file__, tests.__file__, d(), sep='\\n')"
        )
        found = subprocess.run(
            [sys.executable, "-c", code],
            env={**self.env, "RELAIS_BENCH_IMPORT_LOG": os.devnull},
            cwd=self.wt,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        if git("rev-parse", "HEAD", cwd=self.wt) != self.sha:
            raise SystemExit(f"{self.wt} is not at {self.sha}")
        return (
            f"{self.label} = {self.sha} ({git('log', '-1', '--format=%s', self.sha)})\n"
            f"  worktree {self.wt}\n  relais  {found[0]}\n  tests   {found[1]}\n"
            f"  content {found[2]}"
        )

    def run(self, bench: str, args: list[str], tag: str) -> None:
        before = self.log.stat().st_size if self.log.exists() else 0
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(self.wt / "bench" / f"{bench}.py"), *args],
            cwd=self.wt,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        took = time.perf_counter() - t0
        (self.out / f"{tag}-{self.label}-{bench}.txt").write_text(proc.stdout + proc.stderr)
        figures = parse(bench, proc.stdout)
        load = os.getloadavg()[0]
        print(
            f"  {self.label:<6} {bench:<15} {took:4.0f} s, {len(figures)} figures, load {load:.1f}"
        )
        if proc.returncode != 0:
            tail = "\n    ".join((proc.stdout + proc.stderr).splitlines()[-15:])
            print(f"    failed (exit {proc.returncode}); its last lines:\n    {tail}")
        self.check_imports(before)
        self.runs.append(figures)

    def check_imports(self, offset: int = 0, *, served: bool = False) -> dict[str, int]:
        """Processes that imported relais or tests, by kind; stops if one did from elsewhere."""
        kinds: dict[str, int] = {}
        if not self.log.exists():
            return kinds
        with open(self.log, "rb") as fh:
            fh.seek(offset)
            lines = fh.read().decode().splitlines()
        for line in lines:
            pid, name, origin, argv = json.loads(line)
            if not str(origin).startswith(f"{self.wt}/"):
                raise SystemExit(
                    f"{self.label}: process {pid} {argv} imported {name} from {origin}"
                )
            if name == "relais":
                # `python -m relais.cli serve`: ["-m", "serve"] while the package is being found.
                kind = argv[1] if argv[0] == "-m" else Path(argv[0]).name
                kinds[kind] = kinds.get(kind, 0) + 1
        if served and "serve" not in kinds:
            raise SystemExit(f"{self.label}: no server process recorded its imports")
        return kinds

    def remove(self) -> None:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(self.wt)], cwd=ROOT, check=False
        )


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if unit == "/s" or not unit else f"{value:.1f}"


def table(before: Side, after: Side) -> str:
    keys: list[tuple[str, str]] = []
    for run in before.runs + after.runs:
        keys += [k for k in run if k not in keys]
    head = ("metric", f"before {before.short}", f"after {after.short}", "change", "runs b | a")
    rows = [head]
    for name, unit in keys:
        values = [
            [r[(name, unit)] for r in side.runs if (name, unit) in r] for side in (before, after)
        ]
        b, a = (statistics.median(v) if v else None for v in values)
        change = f"{(a - b) / b * 100:+.1f} %" if a is not None and b else "-"
        runs = " | ".join(" ".join(fmt(x, unit) for x in v) for v in values)
        label = f"{name} ({unit})" if unit else name
        rows.append((label, fmt(b, unit), fmt(a, unit), change, runs))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for i, row in enumerate(rows):
        cells = [
            row[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(row[1:4], widths[1:4], strict=True)),
        ]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(
        "change = (after - before) / before: slower is a fall in /s, a rise in ms; "
        "runs: each run's value, in order"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default="af9c17e")
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ingest-args", default=INGEST_ARGS)
    parser.add_argument("--console-args", default=CONSOLE_ARGS)
    parser.add_argument("--out", type=Path, help="where the raw outputs go (default: a temp dir)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="before-after-"))
    out.mkdir(parents=True, exist_ok=True)
    probe = out / "probe"
    probe.mkdir(exist_ok=True)
    (probe / "sitecustomize.py").write_text(PROBE)
    bench_args = {"checkin_ingest": args.ingest_args, "console_scale": args.console_args}
    sides: list[Side] = []
    try:
        for label, ref in (("before", args.before), ("after", args.after)):
            sides.append(Side(label, ref, out, probe))
        for side in sides:
            print(side.describe())
        scripts = [f"bench/{b}.py" for b in BENCHES] + ["bench/common.py", "tests/server.py"]
        if git("diff", "--stat", sides[0].sha, sides[1].sha, "--", *scripts):
            print("note: the benchmark scripts differ between the two commits; each runs its own")
        print(f"checkin_ingest.py {args.ingest_args}\nconsole_scale.py {args.console_args}")
        print(f"raw outputs in {out}", flush=True)
        for n in range(1, args.rounds + 1):
            print(f"round {n}/{args.rounds}", flush=True)
            for side in sides:
                for bench in BENCHES:
                    side.run(bench, shlex.split(bench_args[bench]), f"r{n}")
                    sys.stdout.flush()
        for side in sides:
            kinds = ", ".join(
                f"{k} {v}" for k, v in sorted(side.check_imports(served=True).items())
            )
            print(f"{side.label}: relais imported from its worktree only, by: {kinds}")
        print()
        print(table(*sides))
    finally:
        for side in sides:
            side.remove()


if __name__ == "__main__":
    main()
