"""JSON: the `fzcheck.result/1` contract, written document by document.

With a baseline each document carries `baseline` and the summary `regressed`
(documents that got worse, what the exit code follows). A path that was not
UTF-8 is written with its lone surrogates as \\udcXX escapes, so it reads back
as the same Python string and the file is still UTF-8.
"""

from __future__ import annotations

import json

from pydantic_core import PydanticSerializationError

from typing import Optional

from checker.model import SCHEMA_ID, CheckResult, DocumentResult, RunInfo, Summary
from checker.render.escape import json_dumps
from checker.render.stream import Writer, render_all


class JsonWriter(Writer):
    separator = ",\n"

    def __init__(self, version: str = "", run: Optional[RunInfo] = None):
        self.version = version
        self.run = run

    def chunk(self, document: DocumentResult) -> str:
        try:
            text = document.model_dump_json(by_alias=True, indent=2)
        except PydanticSerializationError:  # lone surrogates: a name that was not UTF-8
            text = json_dumps(document.model_dump(mode="json", by_alias=True), indent=2)
        return "    " + text.replace("\n", "\n    ")  # each line indented, as the document sits in the list

    def head(self, summary: Summary) -> str:
        fields = {"schema": SCHEMA_ID, "tool": "fzcheck", "version": self.version}
        if self.run is not None:  # when and by whom, as the printed reports say
            fields["run"] = self.run.model_dump(mode="json")
        lines = "".join(f"  {json.dumps(k)}: {json_dumps(v)},\n" for k, v in fields.items())
        return "{\n" + lines + '  "documents": [\n'

    def tail(self, summary: Summary) -> str:
        counted = json_dumps(summary.model_dump(mode="json"), indent=2).replace("\n", "\n  ")
        return f'\n  ],\n  "summary": {counted}\n}}\n'


def render_json(result: CheckResult) -> str:
    return render_all(JsonWriter(result.version, result.run), result)
