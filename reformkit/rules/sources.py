"""Rules between a case and its passage in ``sources/``: both ways, every figure and text.

A case whose ``source`` names a ``document`` and its ``lines`` is checked against that passage
when the library has a ``sources/`` folder (beside the cases folder); a library without one,
or a case without ``source.lines``, is skipped. Text is compared folded (pinyin glosses,
width, traditional characters, punctuation, spaces and line breaks set aside), after the case's
``source.readings`` are applied to the passage. An import draft is reported until its
``draft`` marker is removed.

The rules are declared here; their checks (``reformkit.rules.passage_checks``) read figures,
which costs an import a run served by the cache should not pay, so ``reformkit.rules`` imports
them only when a file is checked.
"""

from __future__ import annotations

from reformkit.case.model import ERROR, WARNING
from reformkit.rules.base import Rule

SOURCE_MISSING = Rule("RK501", "source-missing", ERROR, "source.document is not a readable file in sources/")
LINES_OUT_OF_RANGE = Rule(
    "RK502", "lines-out-of-range", ERROR, "source.lines (or title_line) lies outside the document"
)
TITLE_NOT_IN_PASSAGE = Rule("RK503", "title-not-in-passage", ERROR, "the case's title is not in its passage")
FIGURE_UNRECORDED = Rule(
    "RK504",
    "figure-unrecorded",
    ERROR,
    "a figure the passage states is neither a metric nor listed under unrecorded",
)
METRIC_NOT_IN_SOURCE = Rule(
    "RK505", "metric-not-in-source", ERROR, "a metric figure does not occur in the passage"
)
TEXT_NOT_IN_SOURCE = Rule(
    "RK506", "text-not-in-source", ERROR, "practice or outcome text does not occur in the passage"
)
UNRECORDED_NOT_IN_SOURCE = Rule(
    "RK507", "unrecorded-not-in-source", ERROR, "an unrecorded entry names no figure of the passage"
)
PASSAGE_DROPPED = Rule(
    "RK508", "passage-dropped", WARNING, "a sentence of the passage appears in no field of the case"
)
DRAFT = Rule("RK509", "draft", WARNING, "the case is an import draft not yet checked against its source")

RULES: tuple[Rule, ...] = (
    SOURCE_MISSING,
    LINES_OUT_OF_RANGE,
    TITLE_NOT_IN_PASSAGE,
    FIGURE_UNRECORDED,
    METRIC_NOT_IN_SOURCE,
    TEXT_NOT_IN_SOURCE,
    UNRECORDED_NOT_IN_SOURCE,
    PASSAGE_DROPPED,
    DRAFT,
)
