"""Revocation data (OCSP responses, CRLs) and timestamps fetched for signing, over plain
HTTP with ``requests``.

pyHanko's default (aiohttp) fetchers open a new session with a fresh TLS context for
every signature (~40 ms each, three or four per B-LTA seal) and fetch the same OCSP
answers again for every document. Here each thread keeps its fetchers, and with them
what they fetched, for ``reuse_seconds`` (``EOFFICE_REVOCATION_REUSE_SECONDS``, 60 s by
default), and never past the ``nextUpdate`` of anything fetched: a seal embeds
revocation data at most that old, still within its own validity as pyHanko checks
before embedding it. A failed signature drops them, so the retry fetches afresh.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko_certvalidator.fetchers.api import Fetchers
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

DEFAULT_REUSE_SECONDS = 60
TIMEOUT_SECONDS = 10
_MARGIN = timedelta(seconds=30)  # drop data this close to its nextUpdate
_LOCAL = threading.local()
_TIMESTAMPERS: dict[str, RequestsHTTPTimeStamper] = {}
_TIMESTAMPERS_LOCK = threading.Lock()


@dataclass
class _Kept:
    fetchers: Fetchers
    since: float
    uses: int = 0


def timestamper_for(url: str) -> RequestsHTTPTimeStamper:
    """One timestamper per authority for the life of the process (it keeps the TSA's
    certificates once it has seen them)."""
    with _TIMESTAMPERS_LOCK:
        stamper = _TIMESTAMPERS.get(url)
        if stamper is None:
            stamper = _TIMESTAMPERS[url] = RequestsHTTPTimeStamper(  # type: ignore[no-untyped-call]
                url, timeout=TIMEOUT_SECONDS)
        return stamper


def _next_updates(fetchers: Fetchers) -> list[datetime | None]:
    updates: list[datetime | None] = []
    for response in fetchers.ocsp_fetcher.fetched_responses():
        if response["response_status"].native != "successful":
            updates.append(None)
            continue
        updates += [single["next_update"].native
                    for single in response.response_data["responses"]]
    updates += [crl["tbs_cert_list"]["next_update"].native
                for crl in fetchers.crl_fetcher.fetched_crls()]
    return updates


def _near_next_update(fetchers: Fetchers) -> bool:
    """True when something fetched passed (or nearly) its nextUpdate, or has none."""
    limit = datetime.now(UTC) + _MARGIN
    return any(update is None or update <= limit for update in _next_updates(fetchers))


def fetchers_for_signing(reuse_seconds: int = DEFAULT_REUSE_SECONDS) -> Fetchers:
    """This thread's fetchers: the same ones (and what they fetched) for
    ``reuse_seconds``; 0 gives fresh ones every time."""
    now = time.monotonic()
    kept: _Kept | None = getattr(_LOCAL, "kept", None)
    if kept is None or reuse_seconds <= 0 or now - kept.since >= reuse_seconds \
            or _near_next_update(kept.fetchers):
        backend = RequestsFetcherBackend(per_request_timeout=TIMEOUT_SECONDS)
        kept = _LOCAL.kept = _Kept(backend.get_fetchers(), now)
    kept.uses += 1
    return kept.fetchers


def forget_fetched() -> bool:
    """Drop this thread's fetchers (after a failure: the next signature fetches again);
    True if the failed signature had used data fetched for an earlier one."""
    kept: _Kept | None = getattr(_LOCAL, "kept", None)
    _LOCAL.kept = None
    return kept is not None and kept.uses > 1
