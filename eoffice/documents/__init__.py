"""Documents context: blob store, document metadata and versions, PDF/A rendering from
templates, PAdES signing and validation, verification codes.

Other contexts call only what is listed here.
"""
