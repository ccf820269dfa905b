"""A cache of per-file results, so repeated runs do not re-parse unchanged YAML.

Three parts per cases folder (never pickle: marshal holds only plain data): ``checks`` (each
file's problems and id, all ``validate`` needs), ``index`` (the search records, loaded only by
commands that search) and ``documents`` (each valid case as plain data, read back only for the
cases a command prints). Entries are keyed on file name, size and ``mtime_ns``; every part on a
key made of the reformkit version, the schema, the config and the date rules are judged against.
An entry whose file changed within ``TRUST_WINDOW_NS`` of the start of the run that read it is
not trusted, since an edit inside one clock tick could leave size and mtime unchanged.

The parts are written together under one new *generation* id, ``checks`` last; ``index`` and
``documents`` are used only when they carry the generation of the ``checks`` part read with
them, so a crash between two writes can never pair an old part with a new one: the mismatched
part is discarded and rebuilt. A damaged part is discarded and rebuilt; deleting the folder is
always safe.
"""

from reformkit.library.cache.checks import FileCache
from reformkit.library.cache.documents import DOCUMENTS_MAGIC, DocumentCache
from reformkit.library.cache.storage import (
    CACHE_DIR_ENV,
    FORMAT,
    TRUST_WINDOW_NS,
    cache_folder,
    documents_path,
    make_key,
    new_generation,
    noted_damage,
    open_part,
    part_path,
    search_index_path,
    write_atomic,
)

__all__ = [
    "CACHE_DIR_ENV",
    "DOCUMENTS_MAGIC",
    "FORMAT",
    "TRUST_WINDOW_NS",
    "DocumentCache",
    "FileCache",
    "cache_folder",
    "documents_path",
    "make_key",
    "new_generation",
    "noted_damage",
    "open_part",
    "part_path",
    "search_index_path",
    "write_atomic",
]
