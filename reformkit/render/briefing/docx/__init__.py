"""The briefing as a Word document: ``styles`` (page, styles and settings after GB/T 9704),
``tables`` (table XML) and ``writer`` (the briefing's paragraphs and tables)."""
