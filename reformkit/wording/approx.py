"""The words that hedge a figure (a case's ``approx`` field), in Chinese and English.

The documents write 约20天, 2000余小时, 5个工作日以内, 77%以上; an English reader gets
``approx. 20天``, ``2000小时 or more``, ``within 5个工作日`` (time) or ``5个 or less``,
``77% or more``. The figure itself (digits and unit) is the case's, as stated.
"""

from __future__ import annotations

from reformkit.wording.labels import Lang

#: The hedges a case states (``approx``: ``about``, ``over``, ``under``) around a figure.
HEDGES: dict[str, dict[str, str]] = {
    "zh": {"about": "约{figure}", "over": "{figure}以上", "under": "{figure}以内"},
    "en": {"about": "approx. {figure}", "over": "{figure} or more", "under": "{figure} or less"},
}
#: An upper bound of time reads as a span in English: within 5个工作日, within 6小时.
WITHIN: dict[str, str] = {"zh": "{figure}以内", "en": "within {figure}"}


def hedged(figure: str, approx: str | None, lang: Lang = "zh", *, kind: str | None = None) -> str:
    """``figure`` with the hedge ``approx`` worded in ``lang``; no (or an unknown) hedge
    leaves it as it is."""
    if not approx or not figure:
        return figure
    if approx == "under" and kind == "time":
        return WITHIN[lang].format(figure=figure)
    template = HEDGES[lang].get(approx)
    return template.format(figure=figure) if template else figure
