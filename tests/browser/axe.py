"""The accessibility audit used by every browser test: axe-core from the PWA's node_modules,
injected into the page (the test context bypasses CSP for it), serious and critical only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
RUN = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
)


def serious_violations(page: Any, settle_ms: int = 300) -> list[str]:
    """Serious and critical axe violations on the page as it is now."""
    page.wait_for_timeout(settle_ms)
    page.add_script_tag(content=AXE.read_text())
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][:3]}"
        for v in page.evaluate(RUN)
        if v["impact"] in ("serious", "critical")
    ]
