"""The case JSON Schema: loading it and checking documents against it.

Valid documents take the fast path (a validator compiled once by fastjsonschema); only a
document that fails is checked again by jsonschema, which lists every error with its path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any


@cache
def schema_text() -> str:
    # beside this module, as the package installs it (importlib.resources would cost a
    # warm search more to import than reading the file does)
    return Path(__file__).parent.parent.joinpath("schema", "case.schema.json").read_text("utf-8")


@cache
def case_schema() -> dict[str, Any]:
    import json  # not at the top: a warm search reads the schema's text (the cache key) only

    schema: dict[str, Any] = json.loads(schema_text())
    return schema


@cache
def _fast_validator() -> Callable[[Any], Any]:
    import json

    import fastjsonschema

    # compile() rewrites the $refs of the dict it is given: hand it a private copy.
    return fastjsonschema.compile(json.loads(schema_text()), use_default=False, detailed_exceptions=False)


def is_valid(document: Any) -> bool:
    """True when the document meets the schema (fast; no detail)."""
    import fastjsonschema

    try:
        _fast_validator()(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def iter_errors(document: Any) -> Iterator[Any]:
    """Every schema error of a document (jsonschema ``ValidationError`` objects)."""
    from jsonschema import Draft202012Validator

    yield from _full_validator(Draft202012Validator).iter_errors(document)


@cache
def _full_validator(cls: Any) -> Any:
    return cls(case_schema())


def property_names(node_path: tuple[str | int, ...]) -> list[str]:
    """The field names the schema allows at a mapping path (for 'did you mean')."""
    return list(_mapping_schema(node_path).get("properties", {}))


def wants_text(node_path: tuple[str | int, ...]) -> bool:
    """Whether the schema types the value at ``node_path`` as text."""
    wanted = _mapping_schema(node_path).get("type")
    return wanted == "string" or (isinstance(wanted, list) and "string" in wanted)


def is_required(node_path: tuple[str | int, ...]) -> bool:
    """Whether the field at ``node_path`` is required in its mapping."""
    if not node_path or not isinstance(node_path[-1], str):
        return False
    return node_path[-1] in _mapping_schema(node_path[:-1]).get("required", ())


def schema_at(node_path: tuple[str | int, ...]) -> dict[str, Any]:
    """The schema of the value at ``node_path`` ({} where the schema defines none)."""
    return _mapping_schema(node_path)


def _mapping_schema(node_path: tuple[str | int, ...]) -> dict[str, Any]:
    schema = case_schema()
    node: dict[str, Any] = schema
    for part in node_path:
        node = _resolve(schema, node)
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return _resolve(schema, node)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = schema
        fragment = node["$ref"].partition("#")[2]
        for part in fragment.strip("/").split("/"):
            target = target[part]
        node = target
    return node
