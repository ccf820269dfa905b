"""Read a source document as lines of text: .txt (UTF-8), .docx (python-docx), .html
(the standard library's parser) and .pdf (pdfminer.six, imported only for a PDF).

The lines are what ``sources/`` keeps for a .txt document; for the others the extracted text
is what the draft's ``source.lines`` count in, and what is copied to ``sources/`` as
``NAME.txt`` beside the original.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from reformkit.errors import UsageError

_GLOSS = re.compile("\\((?:[a-zü" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" + "]|[\u0300-\u036f])+\\)")

SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf")
#: A document larger than this is refused (the seeds are under 60 kB).
MAX_DOCUMENT_BYTES = 32 * 1_048_576


def read_lines(path: Path) -> list[str]:
    """The document's text as lines; raise UsageError naming the file and the fix."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: cannot import a {suffix or 'suffix-less'} file; give a .txt, .docx, .html or .pdf document")
    try:
        if not path.is_file():
            raise UsageError(f"{path}: no such document; check the path")
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise UsageError(f"{path}: larger than {MAX_DOCUMENT_BYTES} bytes; import one document at a time")
        if suffix == ".txt":
            text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        elif suffix == ".docx":
            text = _docx(path)
        elif suffix == ".pdf":
            text = _pdf(path)
        else:
            text = _html(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror or error}); check the path and its permissions") from None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _docx(path: Path) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise UsageError(f"{path}: not a Word document python-docx can read ({error}); save it again as .docx") from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _pdf(path: Path) -> str:
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise UsageError("reading a PDF needs pdfminer.six: pip install pdfminer.six") from None
    try:
        return str(extract_text(str(path)))
    except (PDFSyntaxError, ValueError, TypeError) as error:
        raise UsageError(f"{path}: not a PDF pdfminer.six can read ({error}); export its text as .txt") from None


class _Text(HTMLParser):
    BLOCKS = frozenset(["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "title"])
    SKIP = frozenset(("script", "style", "head"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def _html(text: str) -> str:
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)


def clean(text: str) -> str:
    """Text as the library writes it: simplified, no glosses or ``**``, GB/T 15834 punctuation."""
    import unicodedata

    from reformkit.text.fold import to_simplified
    from reformkit.text.punctuation import fix_punctuation

    plain = _GLOSS.sub("", unicodedata.normalize("NFC", text)).replace("**", "")
    return fix_punctuation(to_simplified(plain.strip()))
