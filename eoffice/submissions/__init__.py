"""Submissions context (the presentation engine): the citizen's application pages."""
