"""A PDF/A self-check for the rules our pipeline can break (not a full validator)."""
