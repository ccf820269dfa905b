"""What a case is: its typed model, the schema check, metric arithmetic and dates."""
