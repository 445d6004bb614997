"""The JSON Schema of `out/fusion_centers.json`, made from the column spec.

`schema/fusion_centers.schema.json` is this module's output, written on
purpose with `make schema` (which also rewrites the README's column tables);
a test holds the committed file and README equal to what the spec makes.
The columns come from `pipeline.export.columns`; the provenance object, which
`pipeline.export.tables.center_record` writes, is described here.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pipeline.export.columns import CENTERS, TABLES, Column, markdown_table
from pipeline.fields import FIELDS
from pipeline.records import PhoneType
from pipeline.reference import STATES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "string"}
ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema" / "fusion_centers.schema.json"
README_PATH = ROOT / "README.md"


def column_schema(c: Column) -> dict:
    """A column as a JSON Schema property: null where it may be missing."""
    if c.separator:
        return {"type": "array", "items": {"type": JSON_TYPES[c.type]}, "description": c.description}
    prop: dict = {"type": JSON_TYPES[c.type] if c.required else [JSON_TYPES[c.type], "null"]}
    if c.enum:
        prop["enum"] = list(c.enum) + ([] if c.required else [None])
    if c.pattern:
        prop["pattern"] = f"^(?:{c.pattern})$"
    if c.type == "date":
        prop["format"] = "date"
    elif c.format in ("email", "uri"):
        prop["format"] = c.format
    if c.minimum is not None:
        prop["minimum"] = c.minimum
    if c.maximum is not None:
        prop["maximum"] = c.maximum
    if c.required and c.type == "string":
        prop["minLength"] = 1
    prop["description"] = c.description
    return prop


def _where(extra: dict | None = None) -> dict:
    """The properties of a source reference (`tables._ref`)."""
    return {
        "source": {"type": "string", "description": "Raw file, relative to raw/; \"\" when unknown."},
        "line": {"type": ["integer", "null"], "minimum": 1, "description": "1-based line in the raw file."},
        "page": {"type": "integer", "minimum": 1, "description": "PDF page, for PDF sources only."},
        **(extra or {}),
    }


def _object(description: str, required: list[str], properties: dict) -> dict:
    out = {"type": "object", "additionalProperties": False, "required": required, "properties": properties}
    return {"description": description, **out} if description else out


def provenance_defs() -> dict:
    """`$defs` for the provenance object of each center."""
    text = {"type": "string"}
    value = _object("A value's verbatim text, its label and where it stood.", ["text", "label", "source", "line"], {
        "text": text, "label": text, **_where(),
        "phone_type": {"enum": [str(t) for t in PhoneType], "description": "Phones: the kind of number."},
        "area_code_place": {"enum": sorted(STATES), "description": "Phones: USPS code of the area code's place."},
        "extension": {"type": "string", "pattern": "^[0-9]+$",
                      "description": "Phones: the extension E.164 cannot hold."},
        "issue": {"type": "string",
                  "description": "The finding code of what the normalizer saw, when it saw a problem."},
        "override": {"type": "string", "description": "Why the published value differs from the source: a fix's "
                                                      "code, or a reviewer's decision's id (center/field/decision[/code])."},
        "replaces": {"anyOf": [{"$ref": "#/$defs/value"}, {"type": "null"}],
                     "description": "The source's value that the published one replaces."},
        "field": text,
    })
    line = _object("", ["label", "text", "source", "line"], {"label": text, "text": text, **_where()})
    block = _object("The same center's contact block in another source document.",
                    ["heading", "source", "line", "source_url", "location", "fields"], {
                        "heading": text, **_where(), "source_url": text,
                        "location": {"type": ["string", "null"]},
                        "fields": {"type": "array", "items": line}})
    value_ref = {"$ref": "#/$defs/value"}
    provenance = {
        "type": "object", "description": "Where each value came from, with the verbatim text.",
        "additionalProperties": False,
        "properties": {
            "name": _object("", ["text", "designation", "source", "line", "source_url"],
                            {"text": text, "designation": text, **_where(), "source_url": text}),
            "heading": _object("", ["text", "source", "line"], {"text": text, **_where()}),
            "location": value_ref,
            **{f: value_ref for f in FIELDS.labeled},
            "extra": {"type": "array", "items": value_ref},
            "other_sources": {"type": "array", "items": {"$ref": "#/$defs/block"}},
        },
    }
    return {"provenance": provenance, "value": value, "block": block}


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of out/fusion_centers.json."""
    center = {
        "type": "object", "additionalProperties": False,
        "required": [*CENTERS.names, "provenance"],
        "properties": {**{c.name: column_schema(c) for c in CENTERS.columns},
                       "provenance": {"$ref": "#/$defs/provenance"}},
    }
    return {
        "$schema": DRAFT,
        "title": "fusion_centers.json",
        "description": "The centers of out/fusion_centers.json: the columns of fusion_centers.csv with their JSON "
                       "types (null where a value is missing, a list for a list), and each value's provenance.",
        "type": "array",
        "items": {"$ref": "#/$defs/center"},
        "$defs": {"center": center, **provenance_defs()},
    }


def schema_text() -> str:
    """The JSON Schema as the text of its file: two-space indented, with a final
    newline."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def readme_with_tables(readme: str) -> str:
    """The README with each table's column table rewritten between its markers
    (`<!-- columns: NAME -->` … `<!-- end columns -->`)."""
    for table in TABLES:
        marker = re.compile(rf"(<!-- columns: {table.name} -->\n).*?(<!-- end columns -->)", re.S)
        if not marker.search(readme):
            raise ValueError(f"README.md has no <!-- columns: {table.name} --> marker")
        readme = marker.sub(lambda m: m.group(1) + markdown_table(table) + m.group(2), readme)
    return readme


def main() -> int:
    """`make schema`: write schema/fusion_centers.schema.json and the README's column tables."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    README_PATH.write_text(readme_with_tables(README_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Wrote {SCHEMA_PATH.relative_to(ROOT)} and the column tables of {README_PATH.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
