"""Text with no case knowledge: folding, pinyin, punctuation, escaping, suggestions."""
