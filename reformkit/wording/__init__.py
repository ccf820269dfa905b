"""Every word a reader sees, zh and en: figures, statuses, places, labels."""
