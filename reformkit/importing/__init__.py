"""Drafting cases from a source document (``reformkit import``).

- ``documents``: a .txt, .docx, .html or .pdf file as lines of text;
- ``structure``: where each case starts and ends, its title and subtitle;
- ``drafts``: one draft case object per case found, with what the importer was unsure of.
"""
