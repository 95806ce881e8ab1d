"""Shared kernel: database base and unit of work, errors, web edge, clock, outbox.

It imports no bounded context; every context may import it.
"""
