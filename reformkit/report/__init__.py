"""A briefing's facts: which cases, in what order and groups, and what is charted."""
