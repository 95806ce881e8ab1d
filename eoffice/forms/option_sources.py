"""Where the options of select, radio and checkbox controls come from.

A control gives its options inline (``"options": [...]``) or names a source:
``{"kind": "taxonomy", "taxonomy": "themes"}`` or ``{"kind": "endpoint", "url": ...}``.
Sources are a port: another context registers a provider for a kind
(``option_sources.register("taxonomy", provider)``; forms never imports it).
The ``endpoint`` kind is built in: a JSON list fetched server-side from a host
listed in the setting ``option_source_hosts`` (none by default), without
following redirects, at most 1 MB within 5 seconds, and kept in memory for a
while; a failure gives no options and a logged warning. An unknown kind gives
no options (publishing refuses it).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

from eoffice.forms.tree import LANGUAGES, Control

log = logging.getLogger(__name__)

Option = dict[str, Any]  # {"value": str, "label": {"es": ..., "ca": ..., "en": ...}}
Provider = Callable[[Session | None, Mapping[str, Any]], Sequence[Option]]

TIMEOUT_SECONDS = 5
CACHE_SECONDS = 300
FAILURE_CACHE_SECONDS = 30
MAX_OPTIONS = 2000
MAX_BYTES = 1_000_000
CHUNK_BYTES = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}

_providers: dict[str, Provider] = {}
_cache: dict[tuple[str, str, str, str], tuple[float, list[Option]]] = {}
_lock = threading.Lock()


def register(kind: str, provider: Provider) -> None:
    """Make ``provider(session, source)`` answer the options of sources of ``kind``."""
    _providers[kind] = provider


def unregister(kind: str) -> None:
    _providers.pop(kind, None)


def kinds() -> set[str]:
    """The source kinds that can be published."""
    return set(_providers)


def options_of(control: Control, session: Session | None = None) -> list[Option]:
    """The options of a choice control; never raises (a failing source gives [])."""
    inline = control.props.get("options")
    if isinstance(inline, list):
        return inline
    source = control.props.get("source")
    if not isinstance(source, Mapping):
        return []
    provider = _providers.get(str(source.get("kind")))
    if provider is None:
        log.warning("forms: no provider for option source kind %r", source.get("kind"))
        return []
    try:
        return [_as_option(item) for item in provider(session, source)][:MAX_OPTIONS]
    except Exception:
        log.warning("forms: option source %r failed", source.get("kind"), exc_info=True)
        return []


def _as_option(item: Mapping[str, Any]) -> Option:
    label = item.get("label")
    if not isinstance(label, Mapping):
        label = dict.fromkeys(LANGUAGES, str(label if label is not None else item["value"]))
    return {"value": str(item["value"]), "label": {k: str(v) for k, v in label.items()}}


def allowed_hosts() -> frozenset[str]:
    """The hosts endpoint sources may be fetched from (setting ``option_source_hosts``:
    ``host`` or ``host:port``, comma-separated); none outside an application."""
    if not has_app_context():
        return frozenset()
    settings = current_app.config.get("EOFFICE_SETTINGS")
    listed = str(getattr(settings, "option_source_hosts", "") or "")
    return frozenset(h.strip().lower() for h in listed.split(",") if h.strip())


def endpoint_allowed(url: str, hosts: Collection[str] | None = None) -> bool:
    """Whether ``url`` is http(s) on an allowed host; ``host`` alone allows the
    scheme's default port only, ``host:port`` that port."""
    hosts = allowed_hosts() if hosts is None else hosts
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        return False
    host = parts.hostname.lower()
    named = f"[{host}]" if ":" in host else host
    if port is None or port == DEFAULT_PORTS[parts.scheme]:
        return named in hosts or f"{named}:{DEFAULT_PORTS[parts.scheme]}" in hosts
    return f"{named}:{port}" in hosts


def _fetch(url: str) -> Any:
    """The JSON body at ``url``: no redirects, at most MAX_BYTES, within the deadline."""
    if not endpoint_allowed(url):
        raise ValueError("host not allowed for option sources")
    deadline = time.monotonic() + TIMEOUT_SECONDS
    with requests.get(url, timeout=TIMEOUT_SECONDS, allow_redirects=False, stream=True,
                      headers={"Accept": "application/json"}) as response:
        if response.status_code != 200:
            raise ValueError(f"status {response.status_code}")
        body = bytearray()
        for chunk in response.iter_content(CHUNK_BYTES):
            body.extend(chunk)
            if len(body) > MAX_BYTES:
                raise ValueError("body too large")
            if time.monotonic() > deadline:
                raise ValueError("too slow")
    return json.loads(bytes(body))


def endpoint_options(_session: Session | None, source: Mapping[str, Any]) -> list[Option]:
    """Options from a JSON endpoint: a list of objects (or ``items_field`` of an object)."""
    url = str(source.get("url", ""))
    value_field = str(source.get("value_field", "value"))
    label_field = str(source.get("label_field", "label"))
    items_field = str(source.get("items_field", "items"))
    key = (url, value_field, label_field, items_field)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
    if cached and cached[0] > now:
        return cached[1]
    try:
        body = _fetch(url)
        items = body.get(items_field) if isinstance(body, dict) else body
        if not isinstance(items, list):
            raise TypeError("not a list of options")
        options = [_as_option({"value": item[value_field], "label": item.get(label_field)})
                   for item in items[:MAX_OPTIONS]]
        keep = min(max(float(source.get("cache_seconds", CACHE_SECONDS)), 0.0), 86_400.0)
        expires = now + keep
    except (requests.RequestException, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("forms: option endpoint %s failed (%s)", url, type(exc).__name__)
        options, expires = [], now + FAILURE_CACHE_SECONDS
    with _lock:
        _cache[key] = (expires, options)
    return options


def remote_sources(controls: Iterable[Control]) -> list[dict[str, Any]]:
    """The endpoint sources among ``controls`` (to fetch before a transaction opens)."""
    found = (c.props.get("source") for c in controls)
    return [dict(s) for s in found if isinstance(s, Mapping) and s.get("kind") == "endpoint"]


def prefetch(sources: Iterable[Mapping[str, Any]]) -> None:
    """Fetch endpoint sources into the cache; call it outside any transaction."""
    for source in sources:
        endpoint_options(None, source)


def clear_cache() -> None:
    with _lock:
        _cache.clear()


register("endpoint", endpoint_options)
