"""Editing case files: the canonical layout (fmt) and the fixes of validate --fix."""
