"""What a kind of check is: a module that declares itself with one `Kind`.

The declaration is what `fzcheck rules lint` checks a rulebook against: the
parameter model, whether the kind reads signals and conditions, whether it
needs the rule to name a part, and which parameters name term groups. A rule
that fits its kind's declaration cannot fail at check time for a name it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional

from pydantic import BaseModel

from checker.model import Evidence

if TYPE_CHECKING:
    from checker.rules.reading import Reading
    from checker.rules.schema import Rule

# (status, evidence, detail appended to the rule's message)
Outcome = tuple[str, list[Evidence], str]


@dataclass(frozen=True)
class Kind:
    name: str
    judge: Callable[["Rule", "Reading"], Outcome]
    summary: str  # what it looks at, in a line (README, `fzcheck rules kinds`)
    params: Optional[type[BaseModel]] = None
    signals: bool = False  # the rule lists signals (kinds of sentence) for the kind to find
    conditions: bool = False  # the rule's `met` and `partial` conditions decide its status
    needs_part: bool = False  # the rule must name the `part` it is about
    term_params: tuple[str, ...] = ()  # params fields holding term groups ("@name") or terms
    example: str = ""  # a rule of this kind, as YAML
