"""Fees context: fee rules per procedure case, their examples, the calculator.

Other contexts call only what is listed here.
"""
