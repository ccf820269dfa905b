"""Restore full-width Chinese punctuation in case files, changing nothing else.

Applies reformkit.text.punctuation.fix_punctuation to every string value of each file, edited in
the file's own text (keys, comments, layout and YAML syntax stay as they are), and prints how
many characters changed, per mark.

Usage: python tools/restore_punctuation.py [CASES_DIR] [--check]
  --check  change nothing; exit 1 if any file would change
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from reformkit.text.punctuation import find_punctuation, fix_punctuation
from reformkit.yamltext.rewrite import rewrite_values


def main(argv: list[str]) -> int:
    check = "--check" in argv
    folders = [arg for arg in argv if not arg.startswith("--")]
    cases = Path(folders[0]) if folders else Path("cases")
    marks: Counter[str] = Counter()
    changed_files = 0

    def counting(value: str) -> str:
        for fix in find_punctuation(value):
            marks[f"{fix.found} -> {fix.replacement}"] += 1
        return fix_punctuation(value)

    for path in sorted(cases.glob("*.yaml")):
        text = path.read_text("utf-8")
        new = rewrite_values(text, counting)
        if new != text:
            changed_files += 1
            if not check:
                path.write_text(new, "utf-8")
    for mark, count in sorted(marks.items(), key=lambda item: (-item[1], item[0])):
        print(f"{mark}  {count}")
    verb = "would change" if check else "changed"
    print(f"{sum(marks.values())} characters {verb} in {changed_files} files")
    return 1 if check and changed_files else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
