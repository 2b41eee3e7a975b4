"""One language per screen: every screen of the patient, family and console apps, in French and
in English, shows no raw key (a snake_case token, or a catalogue key such as ``home.dueTitle``,
shown as text), no text of the other language, and says the server's refusals in its language.

"A text of the other language" is a text of the other language's catalogues (the PWA's, the
server's refusals, the content: the bundle, the YAML texts and the Markdown headings) that none
of the screen's language holds, compared with each visible text node and each label read aloud.
A text marked with a ``lang`` of the other language (the language switch) is said in it on
purpose; an identifier marked as code (the id of a rule, beside its reason in words) is the same
in every language. Every offender is collected and reported at once, with its screen.

A phone 360 px wide with the largest text for the patient and the family, a desktop for the
console; screenshots in tests/artifacts/lang-<who>-<lang>-<screen>.png. Which words a screen
shows does not depend on the database engine: run once, on SQLite."""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from relais.web.catalogue import en as server_en
from relais.web.catalogue import fr as server_fr
from tests.browser.conftest import NURSE, PARENT, PASSWORD, PATIENT, REPO, Api
from tests.browser.phone import choose_person, phone
from tests.browser.test_pwa import TIMEOUT, do_checkin, open_page, sign_in, wait_js

pytestmark = [pytest.mark.once]

ADMIN = "admin@demo.relais"

LANGS = ("fr", "en")
OTHER = {"fr": "en", "en": "fr"}
I18N = REPO / "pwa" / "src" / "i18n"
CONTENT = REPO / "content"
SERVER = {"fr": server_fr, "en": server_en}

# A language's own name, on the buttons that choose it: "Français" is right on a French screen
# too, marked lang="fr".
AUTONYMS = {"fr": "Français", "en": "English"}
# Identifiers shown on purpose, marked as code, the same in every language: the ids of the rules
# that opened an alert, below their clinical wording, for whoever reviews the content.
IDENTIFIERS = ".rule-ids code, .reason-meta code"

# A catalogue entry of the PWA: `'key': 'text',` or `"text"`, the text on the next line if long.
_ENTRY = re.compile(r"""^\s*'([\w.]+)':\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""", re.M)
_PLACEHOLDER = re.compile(r"\{[\w.]+(?:![rsa])?(?::[^}]*)?\}")
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_DOTTED = re.compile(r"[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+")
# What a screen says while its data is on the way.
_LOADING_KEYS = ("status.loading", "c.loading", "common.loading", "consent.loading", "a.loading")


def normal(text: str) -> str:
    """Spaces as a reader sees them: no-break spaces are spaces, runs of blanks one space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def pwa_catalogue(lang: str) -> dict[str, str]:
    """Every key and text of the PWA's catalogues in ``lang`` (patient, thread, children,
    console)."""
    out: dict[str, str] = {}
    for part in sorted(p for p in I18N.iterdir() if p.is_dir()):
        source = (part / f"{lang}.ts").read_text(encoding="utf-8")
        entries = {key: ast.literal_eval(text) for key, text in _ENTRY.findall(source)}
        # The parser read every entry: one per quoted key at the start of a line.
        assert len(entries) == len(re.findall(r"^\s*'[\w.]+':", source, re.M)), part / lang
        out.update(entries)
    return out


def strings_of(data: Any) -> Iterator[str]:
    """Every string in a JSON or YAML document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_of(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_of(value)


def content_texts(lang: str) -> Iterator[str]:
    """The content's texts in ``lang`` not in the bundle: each {fr, en} text of the YAML files
    (children's follow-up, school, wellbeing...), and the titles, summaries and headings of the
    Markdown pages (booklet, terms, privacy notice)."""

    def pairs(data: Any) -> Iterator[str]:
        if isinstance(data, dict):
            if set(data) == set(LANGS):
                yield from strings_of(data[lang])
                return
            for value in data.values():
                yield from pairs(value)
        elif isinstance(data, list):
            for value in data:
                yield from pairs(value)

    for path in sorted(CONTENT.rglob("*.yaml")):
        yield from pairs(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted(CONTENT.glob(f"*/{lang}/*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        yield from (str(meta[k]) for k in ("title", "summary") if k in meta)
        yield from (line.lstrip("#").strip() for line in body.splitlines() if line.startswith("#"))


def _pattern(template: str) -> re.Pattern[str] | None:
    """A text with placeholders as a pattern, when its own words are enough to tell the
    language (six letters at least)."""
    parts = _PLACEHOLDER.split(template)
    if sum(c.isalpha() for part in parts for c in part) < 6:
        return None
    return re.compile(".+?".join(re.escape(part) for part in parts), re.S)


@dataclass
class Words:
    """What a screen in ``lang`` may not show, and what the walk found."""

    lang: str
    own: set[str]
    foreign: set[str]
    patterns: list[tuple[re.Pattern[str], str]]
    keys: re.Pattern[str]
    loading: list[str]
    found: list[str] = field(default_factory=list)

    def offence(self, text: str) -> str | None:
        if _SNAKE.search(text) or _DOTTED.fullmatch(text) or self.keys.search(text):
            return "raw key"
        if text in self.own:
            return None
        if text in self.foreign:
            return f"{OTHER[self.lang]} text"
        for pattern, template in self.patterns:
            if pattern.fullmatch(text):
                return f"{OTHER[self.lang]} text ({template!r})"
        return None


def words_for(base: str) -> dict[str, Words]:
    every: dict[str, set[str]] = {}
    keys: set[str] = set()
    for lang in LANGS:
        pwa = pwa_catalogue(lang)
        keys |= set(pwa)
        bundle = httpx.get(f"{base}/api/content/bundle?lang={lang}", timeout=10).json()
        server = [*SERVER[lang].MESSAGES.values(), *SERVER[lang].TITLES.values()]
        texts = [*pwa.values(), *server, *strings_of(bundle), *content_texts(lang)]
        every[lang] = {normal(text) for text in texts}
    dotted = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True) if "." in k)
    key_in_text = re.compile(rf"(?<![\w.@/-])(?:{dotted})(?![\w@/-]|\.\w)")
    out = {}
    for lang in LANGS:
        own = every[lang]
        theirs = {t for t in every[OTHER[lang]] - own if sum(c.isalpha() for c in t) >= 4}
        foreign = {t for t in theirs if not _PLACEHOLDER.search(t)}
        patterns = [
            (p, t) for t in theirs if _PLACEHOLDER.search(t) and (p := _pattern(t)) is not None
        ]
        loading = [pwa_catalogue(lang)[k] for k in _LOADING_KEYS]
        out[lang] = Words(lang, own, foreign, patterns, key_in_text, loading)
    return out


# Each visible text of the page (text nodes, trimmed, not hidden) and the labels read aloud
# (aria-label, placeholder, title, alt), with the language they are marked in; not the texts of
# identifiers.
_TEXTS = """(identifiers) => {
  const skipped = (el) => el.closest(identifiers);
  const shown = (el) => {
    const box = el.closest('select') || el;
    if (box.closest('[hidden]')) return false;
    return box.checkVisibility({ visibilityProperty: true });
  };
  const langOf = (el) => el.closest('[lang]')?.getAttribute('lang') || '';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.nodeValue.trim();
    if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    if (shown(el) && !skipped(el)) out.push([text, langOf(el)]);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (!shown(el) || skipped(el)) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push([value, langOf(el)]);
    }
  }
  out.push([document.title, document.documentElement.lang]);
  return { lang: document.documentElement.lang, texts: out };
}"""

# Nothing on the page says it is still loading.
_LOADED = """(loading) => ![...document.querySelectorAll('body *')].some(
  (el) => el.children.length === 0 && loading.includes(el.textContent.trim()))"""


class Walk:
    """One person's screens in one language: each is checked and photographed."""

    def __init__(self, page: Any, words: Words, who: str, artifacts: Path) -> None:
        self.page, self.words, self.who, self.artifacts = page, words, who, artifacts
        self.screens: list[str] = []

    def check(self, name: str) -> None:
        """The screen as it is now: its heading there, nothing loading, every fold open."""
        page, lang = self.page, self.words.lang
        page.locator("h1").first.wait_for(timeout=TIMEOUT)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        wait_js(page, _LOADED, arg=self.words.loading, timeout=TIMEOUT)
        where = f"{self.who} {lang} {name}"
        seen = page.evaluate(_TEXTS, IDENTIFIERS)
        if seen["lang"] != lang:
            self.words.found.append(f"{where}: <html lang={seen['lang']!r}>")
        for raw, marked in seen["texts"]:
            text = normal(raw)
            if (marked and marked != lang) or AUTONYMS.get(marked) == text:
                continue  # said in its own language on purpose (the language switch)
            problem = self.words.offence(text)
            offender = f"{where}: {problem}: {text!r}"
            if problem and offender not in self.words.found:
                self.words.found.append(offender)
        self.screens.append(name)
        page.screenshot(
            path=str(self.artifacts / f"lang-{self.who}-{lang}-{name}.png"), full_page=True
        )

    def visit(self, paths: Iterable[str], prefix: str = "") -> None:
        for path in paths:
            self.page.goto(path)
            self.check(prefix + (slug(path) or "home"))

    def refused(self, where: str, shown: Any, *expected: str) -> None:
        """The refusal on screen is the server's words in the screen's language."""
        shown.wait_for(timeout=TIMEOUT)
        text = normal(shown.inner_text())
        if text not in {normal(e) for e in expected}:
            self.words.found.append(
                f"{self.who} {self.words.lang} {where}: refusal {text!r}, not {expected[0]!r}"
            )
        self.check(f"{where}-refused")


def slug(text: str) -> str:
    """A file name's part: "/child/growth" is "child-growth", "Léa" "lea"."""
    ascii_only = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


SIGNED_OUT = [
    "/signin",
    "/forgot-password",
    "/reset-password",
    "/join",
    "/booklet",
    "/guidance",
    "/emergency",
    "/account-closed",
]
PATIENT_SCREENS = [
    "/",
    "/checkin",
    "/booklet",
    "/guidance",
    "/schedule",
    "/discharge",
    "/trends",
    "/messages",
    "/settings",
    "/my-data",
    "/my-data/access",
    "/my-data/sharing",
    "/my-data/close",
    "/no-such-screen",
]
# For each child the parent follows; the parent's own account screens once.
FOR_A_CHILD = [
    "/",
    "/checkin",
    "/booklet",
    "/guidance",
    "/schedule",
    "/discharge",
    "/trends",
    "/messages",
    "/child/development",
    "/child/growth",
    "/child/school",
    "/child/wellbeing",
]
PARENTS_OWN = ["/settings", "/my-data", "/my-data/access", "/my-data/sharing", "/my-data/close"]


@pytest.fixture(scope="module")
def words(server: str) -> dict[str, Words]:
    return words_for(server)


@pytest.mark.parametrize("lang", LANGS)
def test_every_screen_speaks_one_language(
    browser: Any,
    server: str,
    artifacts: Path,
    api_as: Callable[[str], Api],
    words: dict[str, Words],
    lang: str,
) -> None:
    w = words[lang]
    say = SERVER[lang].MESSAGES
    jean = api_as(PATIENT).circle()[0]["patient_id"]
    children = {p["given_name"]: p["patient_id"] for p in api_as(PARENT).circle()}
    page_id = httpx.get(f"{server}/api/content/bundle?lang={lang}").json()["booklet"][0]["id"]
    walked = 0

    # Signed out: the open screens, and three refusals.
    context, page, _ = phone(browser, server, lang)
    walk = Walk(page, w, "visitor", artifacts)
    walk.visit([*SIGNED_OUT, f"/booklet/{page_id}"])
    page.goto("/reset-password#token=not-a-real-token")
    page.fill("#new-password", "a brand new sentence")
    page.fill("#new-password-again", "a brand new sentence")
    page.click("button[type=submit]")
    walk.refused(
        "reset",
        page.locator("p.error"),
        say["reset-token-invalid"],
        say["reset-token-invalid.no-account"],
    )
    page.goto("/signin")
    page.fill("#email", PATIENT)
    page.fill("#password", "not the right one at all")
    page.click("button[type=submit]")
    walk.refused("signin", page.locator("p.error"), say["bad-credentials"])
    walked += len(walk.screens)

    # Jean, after discharge: every screen, a refused password change, a check-in's result.
    walk = Walk(page, w, "patient", artifacts)
    sign_in(page, PATIENT)
    walk.visit([*PATIENT_SCREENS, f"/booklet/{page_id}"])
    page.goto("/settings")
    page.fill("#current-password", "not my password at all")
    page.fill("#new-password", "a brand new sentence")
    page.fill("#new-password-again", "a brand new sentence")
    page.click("form:has(#current-password) button[type=submit]")
    walk.refused(
        "settings",
        page.locator("#current-password-error, form:has(#current-password) p.error").first,
        say["bad-current-password"],
        say["not-right"],
    )
    page.goto("/")
    do_checkin(page, {"da_fever": 1})
    page.locator(".result-meta").wait_for(timeout=TIMEOUT)
    walk.check("result")
    walked += len(walk.screens)
    context.close()

    # The parent, for each child (chosen in the person switcher), then the parent's account.
    context, page, _ = phone(browser, server, lang)
    walk = Walk(page, w, "family", artifacts)
    sign_in(page, PARENT)
    for name in children:
        page.goto("/")
        choose_person(page, name)
        walk.visit(FOR_A_CHILD, prefix=f"{slug(name)}-")
    page.goto("/")  # a check-in for the child chosen last
    do_checkin(page)
    page.locator(".result-meta").wait_for(timeout=TIMEOUT)
    walk.check(f"{slug(list(children)[-1])}-result")
    walk.visit(PARENTS_OWN)
    walked += len(walk.screens)
    context.close()

    # The console, as the team's lead nurse: each screen, each patient, the hand-over form, a
    # refused new member.
    context, page, _ = open_page(browser, server, lang, viewport={"width": 1280, "height": 900})
    walk = Walk(page, w, "console", artifacts)
    page.goto("/signin")
    page.fill("#email", NURSE)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator(".live-on").wait_for(timeout=TIMEOUT)
    walk.visit(["/console", "/console/patients"])
    people = {"jean": jean, **{slug(n): pid for n, pid in children.items()}}
    for name, pid in people.items():
        page.goto(f"/console/patients/{pid}")
        walk.check(f"patient-{name}")
    page.goto(f"/console/patients/{jean}")
    page.click("[data-action=edit-handover]")
    page.locator("#ho-next_reason").wait_for(timeout=TIMEOUT)
    walk.check("patient-jean-handover-form")
    page.goto(f"/console/patients/{jean}/summary")
    walk.check("patient-jean-summary")
    walk.visit(["/console/reviews", "/console/team"])
    page.fill("#member-email", "nobody@demo.relais")
    page.click("form:has(#member-email) button[type=submit]")
    walk.refused("team", page.locator("p.error").first, say["user-not-found.email"])
    walked += len(walk.screens)
    context.close()

    # The administrator: the staff accounts, a nurse's account with the deactivation asked, the
    # teams, and a refused role change (a care team member is not made an administrator).
    nurse_id = {u["email"]: u["id"] for u in api_as(ADMIN).get("/api/admin/users")["users"]}[NURSE]
    context, page, _ = open_page(browser, server, lang, viewport={"width": 1280, "height": 900})
    walk = Walk(page, w, "admin", artifacts)
    page.goto("/signin")
    page.fill("#email", ADMIN)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.locator("table.staff").wait_for(timeout=TIMEOUT)
    walk.visit(["/console/admin", "/console/admin/teams"])
    page.goto(f"/console/admin/staff/{nurse_id}")
    page.locator("[data-testid=sessions], [data-testid=no-sessions]").wait_for(timeout=TIMEOUT)
    walk.check("admin-nurse")
    page.click("[data-action=deactivate]")
    page.locator("[data-testid=confirm-deactivate] h2").wait_for(timeout=TIMEOUT)
    walk.check("admin-deactivate-asked")
    page.keyboard.press("Escape")
    page.select_option("#staff-role", "admin")
    page.click("form:has(#staff-role) button[type=submit]")
    walk.refused(
        "admin-role", page.locator("p.error").first, say["admin-role-in-care-team"].format(teams=1)
    )
    walked += len(walk.screens)
    context.close()

    print(f"{lang}: {walked} screens walked, {len(w.found)} offenders")
    assert w.found == [], "\n".join(w.found)
