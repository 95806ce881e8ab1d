"""The authorisation matrix: every route of the app as every demo role (issue 11)."""
