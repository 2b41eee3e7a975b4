"""Refusals are said from one catalogue per language: every message the code names has a text in
each catalogue, with the same values to fill in; no catalogue holds a message nothing says; and
no text is looked up by its English sentence. The API answers in the person's language."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

from relais.errors import FIELDS
from relais.web.catalogue import en, fr
from tests.helpers import ApiClient, make_user

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "relais"
CATALOGUE = BACKEND / "web" / "catalogue"
CATALOGUES = {"en": en, "fr": fr}


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(BACKEND.rglob("*.py")):
        if "migrations" in path.parts or CATALOGUE in path.parents:
            continue
        yield path, ast.parse(path.read_text())


def _name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None) or ""


def _arg(call: ast.Call, position: int | None, keyword: str) -> ast.expr | None:
    """The argument ``keyword`` of a call, given by name or (``position``) in place."""
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if position is None or len(call.args) <= position:
        return None
    return call.args[position]


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _named() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(message keys, title keys) the code names, each with where: the detail of every
    ``Refusal(...)`` (its code unless ``detail=`` says another key), the code of every field
    error, the keys given to ``field_refusal``, ``PasswordRejected``, ``say`` and ``title``, the
    codes of a time ``Window``."""
    messages: set[tuple[str, str]] = set()
    titles: set[tuple[str, str]] = set()
    for path, tree in _modules():
        where = str(path.relative_to(BACKEND))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            keys: list[ast.expr | None] = []
            if name == "Refusal":
                detail = _arg(node, None, "detail")
                keys.append(detail if detail is not None else _arg(node, 0, "code"))
                if (found := _literal(_arg(node, None, "title"))) is not None:
                    titles.add((found, where))
            elif name == "FieldRefusal":
                keys.append(_arg(node, 1, "code"))
            elif name == "field_refusal":
                message = _arg(node, 3, "message")
                keys.append(message if message is not None else _arg(node, 0, "code"))
            elif name == "PasswordRejected":
                keys.append(_arg(node, 0, "code"))
            elif name == "say":
                keys.append(_arg(node, 1, "key"))
            elif name == "title" and (found := _literal(_arg(node, 1, "key"))) is not None:
                titles.add((found, where))
            elif name == "Window":  # relais.phone_writes: (code, field code) by problem
                codes = _arg(node, None, "codes")
                if isinstance(codes, ast.Dict):
                    keys += [k for v in codes.values if isinstance(v, ast.Tuple) for k in v.elts]
                if (found := _literal(_arg(node, None, "title"))) is not None:
                    titles.add((found, where))
            for key in keys:
                if (found := _literal(key)) is not None and found != FIELDS:
                    messages.add((found, where))
    return messages, titles


def _constants() -> set[str]:
    """Every string written in the code (outside the catalogues)."""
    return {
        node.value
        for _, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_every_message_the_code_names_is_in_both_catalogues() -> None:
    messages, titles = _named()
    assert len(messages) > 150, len(messages)  # the walk found them
    for lang, catalogue in CATALOGUES.items():
        missing = sorted((k, w) for k, w in messages if k not in catalogue.MESSAGES)
        assert missing == [], (lang, missing)
        missing = sorted((k, w) for k, w in titles if k not in catalogue.TITLES)
        assert missing == [], (lang, missing)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_the_catalogues_have_the_same_keys_and_placeholders() -> None:
    for table in ("MESSAGES", "TITLES"):
        english, french = getattr(en, table), getattr(fr, table)
        assert sorted(set(english) ^ set(french)) == [], table
        different = [
            (key, english[key], french[key])
            for key in english
            if _placeholders(english[key]) != _placeholders(french[key])
        ]
        assert different == [], different
    # Every template can be filled (no stray brace; a number fits every format it asks for).
    for catalogue in CATALOGUES.values():
        for template in catalogue.MESSAGES.values():
            assert template.format(**dict.fromkeys(_placeholders(template), 1))


def test_no_catalogue_entry_is_dead() -> None:
    written = _constants()
    for table in ("MESSAGES", "TITLES"):
        dead = sorted(key for key in getattr(en, table) if key not in written)
        assert dead == [], (table, dead)


def test_no_text_is_looked_up_by_its_english_sentence() -> None:
    """The old way: a table keyed by the English sentence (``FRENCH``) and ``in_french``, or a
    refusal carrying its own French (``fr=``). msgspec's own messages (relais.web.lang) are the
    one table of English shapes left: they come from the library, not from us."""
    assert not (BACKEND / "web" / "french.py").exists()
    found = []
    for path, tree in _modules():
        where = str(path.relative_to(BACKEND))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.FunctionDef) and getattr(
                node, "id", getattr(node, "name", "")
            ) in ("FRENCH", "in_french", "_SHAPES"):
                found.append((where, node.lineno))
            if isinstance(node, ast.Call) and any(kw.arg == "fr" for kw in node.keywords):
                found.append((where, node.lineno))
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
                value := node.value, ast.Dict
            ):
                keys = [_literal(k) for k in value.keys if k is not None]
                if keys and all(k is not None and k.endswith(".") and " " in k for k in keys):
                    found.append((where, node.lineno))  # a dict keyed by sentences
    assert found == [], found


async def test_a_wrong_password_is_said_in_the_persons_language(
    app: object, client: ApiClient
) -> None:
    await make_user(app, "patient", "fr-pw@example.org")  # type: ignore[arg-type]
    for language, detail, title in (
        (
            "fr-FR",
            "L'adresse e-mail ou le mot de passe n'est pas le bon. Vérifiez-les et réessayez.",
            "Connexion refusée",
        ),
        (
            "en-GB",
            "The email or the password is not right. Check them and try again.",
            "Sign-in failed",
        ),
    ):
        resp = await client.post(
            "/api/auth/login",
            json={"email": "fr-pw@example.org", "password": "not the one at all"},
            headers={"accept-language": language},
        )
        assert resp.status_code == 401, resp.text
        assert resp.json()["detail"] == detail and resp.json()["title"] == title
        assert resp.json()["code"] == "bad-credentials"
    signed_out = await client.get("/api/me/circle", headers={"accept-language": "fr-FR"})
    assert signed_out.status_code == 401
    assert signed_out.json()["detail"] == "Connectez-vous pour continuer."
    assert signed_out.json()["title"] == "Connexion nécessaire"
