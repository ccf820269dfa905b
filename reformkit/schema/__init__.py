"""The case JSON Schema (case.schema.json) shipped as package data."""
