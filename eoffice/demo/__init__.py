"""The demo city: units, roles and users of ../shared/API.md (idempotent; later
contexts add their demo data here). Demo passwords equal the login: demo only."""

from eoffice.demo.city import load_demo

__all__ = ["load_demo"]
