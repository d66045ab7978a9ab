"""JSON: the `fzcheck.result/1` contract, written document by document."""

from __future__ import annotations

import json

from checker.model import SCHEMA_ID, CheckResult, DocumentResult, Summary
from checker.render.stream import Writer, render_all


class JsonWriter(Writer):
    separator = ",\n"

    def __init__(self, version: str = ""):
        self.version = version

    def chunk(self, document: DocumentResult) -> str:
        text = document.model_dump_json(by_alias=True, indent=2)
        return "\n".join("    " + line for line in text.splitlines())

    def head(self, summary: Summary) -> str:
        fields = {"schema": SCHEMA_ID, "tool": "fzcheck", "version": self.version}
        lines = "".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in fields.items())
        return "{\n" + lines + '  "documents": [\n'

    def tail(self, summary: Summary) -> str:
        counted = json.dumps(summary.model_dump(mode="json"), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        return f'\n  ],\n  "summary": {counted}\n}}\n'


def render_json(result: CheckResult) -> str:
    return render_all(JsonWriter(result.version), result)
