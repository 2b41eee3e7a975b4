"""Refusals are said in French to a person whose language is French: every refusal written in the
code has a French text (this walks the code, so a new one without it fails here), and the API
answers with it."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from relais.web.french import FRENCH, in_french
from tests.helpers import ApiClient, make_user

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "relais"
# Said only to an administrator or a program calling the API wrongly: English is enough there.
ENGLISH_ONLY = {"invalid-role", "invalid-outcome", "not-found", "unsupported-language"}


def _refusals() -> tuple[list[str], list[tuple[str, ast.JoinedStr]]]:
    """Literal texts of refusals, and (code, sample) of texts carrying a value."""
    literals: list[str] = []
    shaped: list[tuple[str, ast.JoinedStr]] = []
    for path in BACKEND.rglob("*.py"):
        if path.parts[-2:] == ("system", "metrics.py"):
            continue  # read by the operator's monitoring, not by a person
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("NotAuthorizedException", "PermissionDeniedException") and node.args:
                texts = [node.args[0]]
                code = ""
            elif name in ("ProblemError", "problem_response") and len(node.args) >= 3:
                texts = [node.args[2]]
                code = node.args[1].value if isinstance(node.args[1], ast.Constant) else ""
            elif name == "_bad" and len(node.args) >= 2 and isinstance(node.args[1], ast.List):
                texts = [t.elts[1] for t in node.args[1].elts if isinstance(t, ast.Tuple)]
                code = ""
            else:
                continue
            for text in texts:
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    literals.append(text.value)
                elif isinstance(text, ast.JoinedStr) and code not in ENGLISH_ONLY:
                    shaped.append((code, text))
    return literals, shaped


# Values tried in the place of a text's {...} parts (a count, a word, a plural ending).
SAMPLES = ("1", "2", "check", "", "s")


def _says_in_french(text: ast.JoinedStr) -> bool:
    holes = sum(1 for v in text.values if not isinstance(v, ast.Constant))
    for values in itertools.product(SAMPLES, repeat=holes):
        filled = iter(values)
        sample = "".join(
            str(v.value) if isinstance(v, ast.Constant) else next(filled) for v in text.values
        )
        if in_french(sample) != sample:
            return True
    return False


def test_every_refusal_in_the_code_has_a_french_text() -> None:
    literals, shaped = _refusals()
    assert len(literals) > 60, len(literals)  # the walk found them
    missing = sorted({t for t in literals if t not in FRENCH and t != "Unauthorized"})
    assert missing == [], missing
    untranslated = [(code, ast.unparse(t)) for code, t in shaped if not _says_in_french(t)]
    assert untranslated == [], untranslated


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
