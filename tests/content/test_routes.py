from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from litestar import Litestar, Request
from litestar.testing import TestClient, create_test_client

from relais.content import load_library
from relais.content.loader import ContentLibrary
from relais.content.routes import ContentController, negotiate
from relais.web.problems import EXCEPTION_HANDLERS

from .conftest import VALID


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(VALID)


def _client(library: ContentLibrary, extras: Any = None) -> TestClient[Litestar]:
    def startup(app: Litestar) -> None:
        app.state.content = library
        if extras is not None:
            app.state.content_extras = extras

    return create_test_client(
        route_handlers=[ContentController],
        exception_handlers=EXCEPTION_HANDLERS,
        on_startup=[startup],
    )


@pytest.fixture
def client(library: ContentLibrary) -> Iterator[TestClient[Litestar]]:
    with _client(library) as c:
        yield c


def test_bundle_has_a_strong_etag_and_answers_304(
    client: TestClient[Litestar], library: ContentLibrary
) -> None:
    r = client.get("/api/content/bundle", params={"lang": "en"})
    assert r.status_code == 200
    etag = r.headers["etag"]
    assert etag == f'"{library.version}-en"' and not etag.startswith("W/")
    assert r.headers["cache-control"] == "no-cache"
    body = r.json()
    assert body["version"] == library.version and body["lang"] == "en"
    assert body["booklet"][0]["title"] == "Hello"
    assert body["guidance"]["levels"]["red"]["action"] == "Call {emergency_number} now."
    [q] = body["questionnaires"]
    assert q["items"][0]["options"][3]["label"] == "All the time"
    assert q["scoring"]["items"] == ["mood_1", "mood_2"]
    assert body["plans"][0]["title"] == "Short follow-up"

    again = client.get("/api/content/bundle?lang=en", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag

    other = client.get("/api/content/bundle?lang=fr", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.json()["booklet"][0]["title"] == "Bonjour"


def test_bundle_bytes_are_precomputed_once(library: ContentLibrary) -> None:
    first, _ = library.bundle_for("fr")
    second, _ = library.bundle_for("fr")
    assert first is second


def test_accept_language_chooses_when_no_explicit_choice(client: TestClient[Litestar]) -> None:
    r = client.get(
        "/api/content/booklet", headers={"Accept-Language": "de-DE, en-GB;q=0.8, fr;q=0.5"}
    )
    assert r.status_code == 200
    assert r.headers["content-language"] == "en"
    assert r.json()[0]["title"] == "Hello"
    assert "Accept-Language" in r.headers["vary"]


def test_explicit_language_wins_over_accept_language(client: TestClient[Litestar]) -> None:
    r = client.get("/api/content/booklet/hello?lang=fr", headers={"Accept-Language": "en"})
    assert r.json()["title"] == "Bonjour"
    assert r.json()["body"] == "Le corps de la page.\n"


def test_french_is_the_default(client: TestClient[Litestar]) -> None:
    r = client.get("/api/content/guidance")
    assert r.headers["content-language"] == "fr"
    assert r.json()["levels"]["amber"]["title"] == "Aujourd'hui"


def test_unknown_language_is_a_400_problem(client: TestClient[Litestar]) -> None:
    r = client.get("/api/content/bundle?lang=de")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["type"] == "urn:relais:problem:unsupported-language"
    assert "fr, en" in problem["detail"]


def test_questionnaire_and_missing_items(client: TestClient[Litestar]) -> None:
    r = client.get("/api/content/questionnaires/mood?lang=en")
    assert r.status_code == 200 and r.json()["recall"] == "This week"
    assert client.get("/api/content/questionnaires/nope").status_code == 404
    assert client.get("/api/content/booklet/nope").status_code == 404


def test_extras_for_a_signed_in_person_change_the_etag(library: ContentLibrary) -> None:
    async def extras(request: Request[Any, Any, Any]) -> dict[str, Any] | None:
        if request.headers.get("x-test-user"):
            return {"team_phones": [{"label": "Équipe", "phone": "+33 1 23 45 67 89"}]}
        return None

    with _client(library, extras) as c:
        anonymous = c.get("/api/content/bundle?lang=fr")
        signed_in = c.get("/api/content/bundle?lang=fr", headers={"x-test-user": "1"})
    assert anonymous.json()["extras"] is None
    assert signed_in.json()["extras"]["team_phones"][0]["phone"] == "+33 1 23 45 67 89"
    assert anonymous.headers["etag"] != signed_in.headers["etag"]


def test_openapi_schema_describes_the_bundle(client: TestClient[Litestar]) -> None:
    schema = client.get("/schema/openapi.json").json()
    assert "/api/content/bundle" in schema["paths"]
    assert {"Bundle", "QuestionnaireOut", "PageOut", "GuidanceOut"} <= set(
        schema["components"]["schemas"]
    )


@pytest.mark.parametrize(
    ("explicit", "header", "expected"),
    [
        (None, None, "fr"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "fr-CA;q=0.4, en;q=0.6", "en"),
        (None, "de, it", "fr"),
        (None, "en;q=0, fr;q=0.1", "fr"),
        ("EN", "fr", "en"),
        ("fr-FR", "en", "fr"),
    ],
)
def test_negotiate(explicit: str | None, header: str | None, expected: str) -> None:
    assert negotiate(explicit, header) == expected


def test_bundle_decodes_as_its_struct(library: ContentLibrary) -> None:
    from relais.content.bundle import Bundle

    body, _ = library.bundle_for("en")
    bundle = msgspec.json.decode(body, type=Bundle)
    assert bundle.questionnaires[0].items[2].type == "text"
