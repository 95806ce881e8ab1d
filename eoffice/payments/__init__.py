"""Payments context: self-assessments (payment references and letters), payment
providers (bank/cash desk with NRC, card through a provider), receipts.

Other contexts call only what is listed here.
"""
