"""Output writers: each takes a result object and returns text. Nothing here decides exit codes."""
