"""One thin module per CLI command: parse options, call the core, print."""
