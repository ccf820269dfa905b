"""The case files on disk: the one place that reads the library.

- ``files``: which entries make up the library;
- ``loader``: YAML bytes to plain data with source positions;
- ``documents``: one file loaded with the configured limits (``load_entry``, ``load_case``);
- ``scan``: every file's problems, search record and document, cached, in parallel;
- ``cache``: everything that knows the stored format (checks, index and documents parts);
- ``index``: the search record of one case.

Nothing is imported here, so ``import reformkit.library.files`` stays cheap.
"""
