"""The UI shell: the home page, the citizen, back-office and admin areas, languages."""

from eoffice.web.shell import init_web

__all__ = ["init_web"]
