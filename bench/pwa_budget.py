"""PWA budgets: first-load JavaScript (gzipped) and, with ``--lighthouse``, the Lighthouse mobile
scores of the sign-in page served by the real server.

Budgets (issue: the patient and family app): first-load JS <= 100 KB gzipped; Lighthouse
performance >= 90, accessibility 100, best practices >= 95. Prints figures; exits 1 when the JS
budget is exceeded.

    .venv/bin/python bench/pwa_budget.py [--lighthouse] [--build]

Lighthouse runs through ``npx lighthouse`` with ``CHROME_PATH=/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DIST = ROOT / "pwa" / "dist"
JS_BUDGET_KB = 100.0
TARGETS = {"performance": 0.90, "accessibility": 1.00, "best-practices": 0.95}


def gz_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9)) / 1024


def first_load_js() -> tuple[float, list[tuple[str, float]]]:
    """Scripts index.html loads (entry and module preloads), gzipped."""
    html = (DIST / "index.html").read_text()
    refs = re.findall(r'<script[^>]+src="([^"]+\.js)"', html)
    refs += re.findall(r'<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"', html)
    files = [(ref, gz_kb(DIST / ref.lstrip("/"))) for ref in dict.fromkeys(refs)]
    return sum(kb for _, kb in files), files


def lighthouse(url: str) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                "npx",
                "--yes",
                "lighthouse",
                url,
                "--quiet",
                "--form-factor=mobile",
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                f"--output-path={report}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            cwd=ROOT / "pwa",
            env=env,
            check=True,
            timeout=600,
        )
        data = json.loads(report.read_text())
    return {key: float(cat["score"] or 0) for key, cat in data["categories"].items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile)")
    parser.add_argument("--build", action="store_true", help="build the PWA first")
    args = parser.parse_args()
    if args.build or not (DIST / "index.html").is_file():
        subprocess.run(["npm", "run", "--silent", "build"], cwd=ROOT / "pwa", check=True)

    total, files = first_load_js()
    for ref, kb in files:
        print(f"  {ref}: {kb:.1f} KB gzipped")
    css = sum(gz_kb(p) for p in (DIST / "assets").glob("*.css"))
    sw = gz_kb(DIST / "sw.js")
    print(f"first-load JS: {total:.1f} KB gzipped (budget {JS_BUDGET_KB:.0f} KB)")
    print(f"CSS: {css:.1f} KB gzipped; service worker: {sw:.1f} KB gzipped")
    ok = total <= JS_BUDGET_KB

    if args.lighthouse:
        from tests.server import running_server

        with tempfile.TemporaryDirectory() as data_dir:
            env = {
                "RELAIS_DATA_DIR": data_dir,
                "RELAIS_ENV": "test",
                "RELAIS_SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
                "RELAIS_RUN_WORKER": "false",
            }
            env.pop("RELAIS_DATABASE_URL", None)
            with running_server(env, seed=True) as base:
                scores = lighthouse(f"{base}/signin")
        for key, score in scores.items():
            target = TARGETS.get(key, 0)
            mark = "ok" if score >= target else "below target"
            print(f"lighthouse {key}: {score * 100:.0f} (target {target * 100:.0f}) {mark}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
