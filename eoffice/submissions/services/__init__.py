"""Service functions of the submissions context: starting and keeping drafts, checking
and signing them, and who may see which submission."""
