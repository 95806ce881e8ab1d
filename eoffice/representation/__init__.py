"""Representation context: the register of powers. A grantor (a person, or a company
through its legal representative) authorises a representative for all procedures, a list
of procedures or one file, for a period; powers can be revoked; each grant and revocation
has a sealed evidence document. Other contexts ask :func:`check_power` wherever acting for
someone else matters (submitting on behalf, reading the grantor's files and
notifications).

Other contexts call only what is listed here.
"""
