"""Examples for outbound.yml (semgrep --test)."""
# ruff: noqa
import ssl
import urllib.request

import requests

TIMEOUT_SECONDS = 10


def options(url: str) -> object:
    # ruleid: eoffice-http-call-without-timeout
    return requests.get(url)


def notify(url: str, body: bytes) -> object:
    # ruleid: eoffice-http-call-without-timeout
    return urllib.request.urlopen(url, body)


def options_bounded(url: str) -> object:
    # ok: eoffice-http-call-without-timeout
    return requests.get(url, timeout=TIMEOUT_SECONDS, allow_redirects=False)


def notify_bounded(url: str, body: bytes) -> object:
    # ok: eoffice-http-call-without-timeout
    return urllib.request.urlopen(url, body, timeout=TIMEOUT_SECONDS)


def fetch_unverified(url: str) -> object:
    # ruleid: eoffice-tls-verification-off
    return requests.get(url, timeout=TIMEOUT_SECONDS, verify=False)


def unverified_context() -> ssl.SSLContext:
    # ruleid: eoffice-tls-verification-off
    context = ssl._create_unverified_context()
    # ruleid: eoffice-tls-verification-off
    context.check_hostname = False
    return context


def fetch_private_ca(url: str) -> object:
    # ok: eoffice-tls-verification-off
    return requests.get(url, timeout=TIMEOUT_SECONDS, verify="/etc/eoffice/ca.pem")
