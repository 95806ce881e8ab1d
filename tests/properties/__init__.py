"""Property-based tests (hypothesis) of the legal rules: clocks, terms, numbering."""
