"""A cache of per-file results, so repeated runs do not re-parse unchanged YAML.

Two marshal files per cases folder (never pickle: marshal holds only plain data): ``checks``
(each file's problems and id, all ``validate`` needs) and ``index`` (the search records,
loaded only by commands that search). Entries are
keyed on file name, size and ``mtime_ns``; the whole cache on a key made of the reformkit
version, the schema, the config and the date rules are judged against. An entry whose file
changed within ``TRUST_WINDOW_NS`` of the cache write is not trusted, since an edit inside
one clock tick could leave size and mtime unchanged. A damaged cache is discarded and
rebuilt; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import time
from pathlib import Path

CACHE_DIR_ENV = "REFORMKIT_CACHE_DIR"
FORMAT = 2
TRUST_WINDOW_NS = 2_000_000_000


def cache_folder(config_root: Path) -> Path:
    chosen = os.environ.get(CACHE_DIR_ENV)
    return Path(chosen) if chosen else config_root / ".reformkit-cache"


def make_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class FileCache:
    """Entries for one cases folder: ``get`` what is fresh, ``put`` what was re-read."""

    def __init__(self, folder: Path, cases_dir: Path, key: str, kind: str = "checks") -> None:
        self.folder = folder
        name = hashlib.sha256(os.fsencode(os.path.realpath(cases_dir))).hexdigest()[:16]
        self.path = folder / f"{kind}-{name}.marshal"
        self.key = key
        #: file name -> (size, mtime_ns, value); values are whatever marshal can store.
        self.entries: dict[str, object] = {}
        self.written_ns = 0
        self.dirty = False
        self.state = "cold"
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                stored = marshal.loads(handle.read())  # one read: far faster than load(handle)
        except FileNotFoundError:
            return
        except (OSError, EOFError, ValueError, TypeError):
            self.state = "damaged"
            self.dirty = True
            return
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or not isinstance(stored.get("entries"), dict)
            or not isinstance(stored.get("written_ns"), int)
        ):
            self.state = "damaged"
            self.dirty = True
            return
        if stored.get("key") != self.key:
            self.state = "outdated"
            self.dirty = True
            return
        self.entries = stored["entries"]
        self.written_ns = stored["written_ns"]
        self.state = "warm"

    def get(self, name: str, size: int, mtime_ns: int) -> object:
        """The stored value for a file, or None when it is missing, changed or untrusted."""
        entry = self.entries.get(name)
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 3
            or entry[0] != size
            or entry[1] != mtime_ns
            or mtime_ns >= self.written_ns - TRUST_WINDOW_NS
        ):
            return None
        return entry[2]

    def put(self, name: str, size: int, mtime_ns: int, value: object) -> None:
        self.entries[name] = (size, mtime_ns, value)
        self.dirty = True

    def keep_only(self, names: set[str]) -> None:
        for gone in set(self.entries) - names:
            del self.entries[gone]
            self.dirty = True

    def save(self) -> None:
        """Write the cache atomically; a folder that cannot be written means no cache."""
        if not self.dirty:
            return
        stored = {
            "format": FORMAT,
            "key": self.key,
            "written_ns": time.time_ns(),
            "entries": self.entries,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# reformkit's cache: safe to delete.\n*\n", encoding="utf-8")
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=f".{self.path.stem}-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    marshal.dump(stored, out)
                os.replace(temp, self.path)
            finally:
                if os.path.exists(temp):
                    os.unlink(temp)
        except (OSError, ValueError):
            return  # read-only checkout, full disk, unmarshallable value: run uncached
        self.dirty = False
