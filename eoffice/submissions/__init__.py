"""Submissions context (the presentation engine): the citizen's application pages.

For now: the form of a procedure case, validated by the server, and the check of the
answers (``routes.py``). Nothing is stored yet; stored applications, signature and
registry come with the submissions issue. Other contexts call nothing here yet.
"""
