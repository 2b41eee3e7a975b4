"""Public content API: the booklet, guidance and questionnaires per language, and the offline
bundle with a strong ETag. No account is needed to read content (the booklet is public
information); the bundle of a signed-in person carries extras such as the team's phone numbers
through the `content_extras` hook on app state.

The application puts the loaded library on `app.state.content` (a `ContentLibrary`), and may put
an async or plain callable `app.state.content_extras(request) -> dict | None`.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any, cast

from litestar import Controller, Request, Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, QueryParameter
from litestar.status_codes import HTTP_304_NOT_MODIFIED

from relais.content.bundle import (
    Bundle,
    GuidanceOut,
    PageOut,
    PageSummary,
    QuestionnaireOut,
    page_summary,
)
from relais.content.loader import ContentLibrary
from relais.content.schemas import LANGS
from relais.errors import Refusal
from relais.web.lang import accept_language
from relais.web.problems import PROBLEM_MEDIA_TYPE, Problem

_PROBLEM_400 = ResponseSpec(
    data_container=Problem,
    description="Unsupported language",
    media_type=PROBLEM_MEDIA_TYPE,
    generate_examples=False,
)
_PROBLEM_404 = ResponseSpec(
    data_container=Problem,
    description="Not found",
    media_type=PROBLEM_MEDIA_TYPE,
    generate_examples=False,
)

LangParam = Annotated[
    str | None,
    QueryParameter(
        name="lang",
        required=False,
        description="Language (fr or en). Without it, the Accept-Language header decides; "
        "French by default.",
    ),
]


def negotiate(explicit: str | None, accept_language_header: str | None) -> str:
    """The language to answer in: an explicit choice wins, then Accept-Language, then French.

    An explicit language that is not supported is an error (400), never silently replaced.
    """
    if explicit is not None:
        lang = explicit.strip().lower().replace("_", "-").split("-")[0]
        if lang not in LANGS:
            raise Refusal(
                "unsupported-language",
                "invalid",
                params={"lang": explicit, "langs": ", ".join(LANGS)},
                title="unsupported-language",
            )
        return lang
    return accept_language(accept_language_header)


def _library(request: Request[Any, Any, Any]) -> ContentLibrary:
    library = getattr(request.app.state, "content", None)
    if not isinstance(library, ContentLibrary):
        raise Refusal("content-unavailable", "unavailable")
    return library


def _lang(request: Request[Any, Any, Any], lang: str | None) -> str:
    return negotiate(lang, request.headers.get("accept-language"))


def _headers(lang: str) -> dict[str, str]:
    return {"Content-Language": lang, "Vary": "Accept-Language"}


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match uses the weak comparison (RFC 9110 13.1.2)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    target = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == target for tag in if_none_match.split(","))


async def _extras(request: Request[Any, Any, Any]) -> dict[str, Any] | None:
    hook = getattr(request.app.state, "content_extras", None)
    if hook is None:
        return None
    result = hook(request)
    if inspect.isawaitable(result):
        result = await result
    return dict(result) if result else None


class ContentController(Controller):
    path = "/api/content"
    tags = ["content"]

    @get(
        "/bundle",
        summary="Everything the app needs offline, in one language",
        description="Booklet, guidance, questionnaires, plans, triage rules and vital-sign limits. "
        "Strong ETag; send If-None-Match to get 304 when nothing changed.",
        responses={
            304: ResponseSpec(data_container=None, description="Not modified (ETag matched)"),
            400: _PROBLEM_400,
        },
    )
    async def bundle(
        self, request: Request[Any, Any, Any], lang: LangParam = None
    ) -> Response[Bundle]:
        library = _library(request)
        chosen = _lang(request, lang)
        body, etag = library.bundle_for(chosen, await _extras(request))
        headers = _headers(chosen) | {"ETag": etag, "Cache-Control": "no-cache"}
        # The body is encoded once per content version; Litestar sends bytes as they are, and
        # the `Bundle` annotation keeps the OpenAPI schema exact.
        not_modified = etag_matches(request.headers.get("if-none-match"), etag)
        content = cast(Bundle, b"" if not_modified else body)
        if not_modified:
            return Response(content=content, status_code=HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(content=content, media_type="application/json", headers=headers)

    @get(
        "/booklet",
        summary="Booklet pages (without their text), in reading order",
        responses={400: _PROBLEM_400},
    )
    async def booklet(
        self, request: Request[Any, Any, Any], lang: LangParam = None
    ) -> Response[list[PageSummary]]:
        library = _library(request)
        chosen = _lang(request, lang)
        pages = [page_summary(p) for p in library.pages(chosen)]
        return Response(content=pages, headers=_headers(chosen))

    @get(
        "/booklet/{page_id:str}",
        summary="One booklet page with its Markdown text",
        responses={400: _PROBLEM_400, 404: _PROBLEM_404},
    )
    async def booklet_page(
        self, request: Request[Any, Any, Any], page_id: FromPath[str], lang: LangParam = None
    ) -> Response[PageOut]:
        library = _library(request)
        chosen = _lang(request, lang)
        page = next((p for p in library.bundle(chosen).booklet if p.id == page_id), None)
        if page is None:
            raise Refusal("not-found", "not-found", detail="no-such-page", params={"id": page_id})
        return Response(content=page, headers=_headers(chosen))

    @get(
        "/guidance",
        summary="Escalation guidance (red, amber, green, self-harm)",
        responses={400: _PROBLEM_400},
    )
    async def guidance(
        self, request: Request[Any, Any, Any], lang: LangParam = None
    ) -> Response[GuidanceOut]:
        library = _library(request)
        chosen = _lang(request, lang)
        return Response(content=library.bundle(chosen).guidance, headers=_headers(chosen))

    @get(
        "/questionnaires/{qid:str}",
        summary="One questionnaire with its options and scoring",
        responses={400: _PROBLEM_400, 404: _PROBLEM_404},
    )
    async def questionnaire(
        self, request: Request[Any, Any, Any], qid: FromPath[str], lang: LangParam = None
    ) -> Response[QuestionnaireOut]:
        library = _library(request)
        chosen = _lang(request, lang)
        q = next((q for q in library.bundle(chosen).questionnaires if q.id == qid), None)
        if q is None:
            raise Refusal(
                "not-found", "not-found", detail="no-such-questionnaire", params={"id": qid}
            )
        return Response(content=q, headers=_headers(chosen))
