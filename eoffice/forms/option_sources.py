"""Where the options of select, radio and checkbox controls come from.

A control gives its options inline (``"options": [...]``) or names a source:
``{"kind": "taxonomy", "taxonomy": "themes"}`` or ``{"kind": "endpoint", "url": ...}``.
Sources are a port: another context registers a provider for a kind
(``option_sources.register("taxonomy", provider)``; forms never imports it).
The ``endpoint`` kind is built in: a JSON list fetched server-side with a
5-second timeout and kept in memory for a while; a failure gives no options
and a logged warning. An unknown kind gives no options (publishing refuses it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import requests
from sqlalchemy.orm import Session

from eoffice.forms.tree import LANGUAGES, Control

log = logging.getLogger(__name__)

Option = dict[str, Any]  # {"value": str, "label": {"es": ..., "ca": ..., "en": ...}}
Provider = Callable[[Session | None, Mapping[str, Any]], Sequence[Option]]

TIMEOUT_SECONDS = 5
CACHE_SECONDS = 300
FAILURE_CACHE_SECONDS = 30
MAX_OPTIONS = 2000

_providers: dict[str, Provider] = {}
_cache: dict[str, tuple[float, list[Option]]] = {}
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


def _fetch(url: str) -> Any:
    response = requests.get(url, timeout=TIMEOUT_SECONDS, headers={"Accept": "application/json"})
    response.raise_for_status()
    return response.json()


def endpoint_options(_session: Session | None, source: Mapping[str, Any]) -> list[Option]:
    """Options from a JSON endpoint: a list of objects (or ``items_field`` of an object)."""
    url = str(source.get("url", ""))
    now = time.monotonic()
    with _lock:
        cached = _cache.get(url)
    if cached and cached[0] > now:
        return cached[1]
    value_field = str(source.get("value_field", "value"))
    label_field = str(source.get("label_field", "label"))
    try:
        body = _fetch(url)
        items = body.get(str(source.get("items_field", "items"))) if isinstance(body, dict) else (
            body)
        if not isinstance(items, list):
            raise TypeError("not a list of options")
        options = [_as_option({"value": item[value_field], "label": item.get(label_field)})
                   for item in items[:MAX_OPTIONS]]
        expires = now + float(source.get("cache_seconds", CACHE_SECONDS))
    except (requests.RequestException, ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("forms: option endpoint %s failed (%s)", url, type(exc).__name__)
        options, expires = [], now + FAILURE_CACHE_SECONDS
    with _lock:
        _cache[url] = (expires, options)
    return options


def clear_cache() -> None:
    with _lock:
        _cache.clear()


register("endpoint", endpoint_options)
