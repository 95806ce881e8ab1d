"""Validation of PDF signatures (any PDF: ours or a citizen's) into a plain report."""
