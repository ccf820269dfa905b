"""reformkit: keep, check, search and report on a library of government reform cases."""

__version__ = "0.1.0"
