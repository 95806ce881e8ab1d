"""Options from a JSON endpoint (a tiny HTTP server on loopback) and from registered ports."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from eoffice import forms
from eoffice.forms import option_sources
from eoffice.forms.tree import Control
from tests.conftest import make_settings
from tests.integration.forms.helpers import publish_definition
from tests.loopback import serving
from tests.unit.forms.samples import T


class Endpoint:
    """A loopback HTTP server answering a JSON body; counts its hits."""

    def __init__(self) -> None:
        self.body: Any = [{"code": "46001", "name": {"es": "Centro", "ca": "Centre",
                                                     "en": "Centre"}}]
        self.status = 200
        self.headers: dict[str, str] = {}
        self.hits = 0
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                endpoint.hits += 1
                data = json.dumps(endpoint.body).encode()
                self.send_response(endpoint.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in endpoint.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        self.url = f"http://{self.host}/districts"

    def source(self, **extra: Any) -> dict[str, Any]:
        return {"kind": "endpoint", "url": self.url, "value_field": "code",
                "label_field": "name", **extra}


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Endpoint]:
    served = Endpoint()
    monkeypatch.setattr(option_sources, "allowed_hosts", lambda: frozenset({served.host}))
    option_sources.clear_cache()
    with serving(served.server):
        yield served
    option_sources.clear_cache()


def select_of(source: dict[str, Any]) -> Control:
    return Control(type="select", key="district", path="district", pointer="/x",
                   props={"source": source})


def test_endpoint_options_are_fetched_once_and_kept_for_a_while(endpoint: Endpoint) -> None:
    control = select_of(endpoint.source())
    first = option_sources.options_of(control)
    assert first == [{"value": "46001", "label": {"es": "Centro", "ca": "Centre",
                                                  "en": "Centre"}}]
    assert option_sources.options_of(control) == first
    assert endpoint.hits == 1


def test_an_endpoint_that_fails_gives_no_options_and_a_warning(
    endpoint: Endpoint, caplog: pytest.LogCaptureFixture
) -> None:
    endpoint.status = 500
    with caplog.at_level(logging.WARNING, logger="eoffice.forms.option_sources"):
        assert option_sources.options_of(select_of(endpoint.source())) == []
    assert "failed" in caplog.text


def test_an_endpoint_that_answers_garbage_gives_no_options(endpoint: Endpoint) -> None:
    endpoint.body = {"items": "not a list"}
    assert option_sources.options_of(select_of(endpoint.source())) == []


def test_an_endpoint_that_is_down_gives_no_options() -> None:
    option_sources.clear_cache()
    control = select_of({"kind": "endpoint", "url": "http://127.0.0.1:9/nothing"})
    assert option_sources.options_of(control) == []


def test_an_unknown_source_kind_gives_no_options_when_rendering() -> None:
    assert option_sources.options_of(select_of({"kind": "no_such_kind"})) == []


def test_a_registered_provider_answers_for_its_kind_and_validation_uses_it(
    db: Session, app: Flask
) -> None:
    seen: list[Any] = []

    def themes(session: Any, source: Any) -> list[dict[str, Any]]:
        seen.append((session is db, source["taxonomy"]))
        return [{"value": "culture", "label": T("Culture")}]

    option_sources.register("test_taxonomy", themes)
    try:
        form = {"key": "test_sourced", "version": 1, "title": T("Sourced"), "pages": [
            {"title": T("Page"), "controls": [
                {"type": "select", "key": "theme", "label": T("Theme"), "required": True,
                 "source": {"kind": "test_taxonomy", "taxonomy": "themes"}}]}]}
        publish_definition(db, "form", form)
        assert forms.validate_answers(db, "test_sourced", 1, {"theme": "culture"}).valid
        result = forms.validate_answers(db, "test_sourced", 1, {"theme": "sport"})
        assert [e.code for e in result.errors] == ["choice"]
        with app.test_request_context("/"):
            html = forms.render_form_html(db, "test_sourced", 1, locale="ca")
        assert 'value="culture"' in html and "Culture (ca)" in html
        assert seen[0] == (True, "themes")
    finally:
        option_sources.unregister("test_taxonomy")


def test_an_endpoint_on_a_host_that_is_not_allowed_is_never_fetched(
    endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(option_sources, "allowed_hosts", lambda: frozenset({"127.0.0.1:1"}))
    assert option_sources.options_of(select_of(endpoint.source())) == []
    assert endpoint.hits == 0


def test_endpoints_are_allowed_only_on_the_hosts_the_setting_lists(tmp_path: Path) -> None:
    url = "http://127.0.0.1:8123/districts"
    allowing = Flask(__name__)
    allowing.config["EOFFICE_SETTINGS"] = make_settings(tmp_path, "sqlite://")
    with allowing.app_context():
        assert not option_sources.endpoint_allowed(url)
    allowing.config["EOFFICE_SETTINGS"] = make_settings(
        tmp_path, "sqlite://", option_source_hosts="example.org, 127.0.0.1:8123")
    with allowing.app_context():
        assert option_sources.endpoint_allowed(url)
        assert option_sources.endpoint_allowed("https://example.org/x")
        assert not option_sources.endpoint_allowed("https://example.org:8443/x")
        assert not option_sources.endpoint_allowed("http://127.0.0.1:1/districts")
        assert not option_sources.endpoint_allowed("http://127.0.0.1:8123@evil.test/x")
        assert not option_sources.endpoint_allowed("file://example.org/etc/passwd")


def test_an_endpoint_that_redirects_gives_no_options_and_the_redirect_is_not_followed(
    endpoint: Endpoint
) -> None:
    endpoint.status = 302
    endpoint.headers = {"Location": endpoint.url + "?again"}
    assert option_sources.options_of(select_of(endpoint.source())) == []
    assert endpoint.hits == 1


def test_an_endpoint_answering_more_than_a_megabyte_gives_no_options(
    endpoint: Endpoint
) -> None:
    endpoint.body = [{"code": str(n), "name": "x" * 100} for n in range(20_000)]
    assert option_sources.options_of(select_of(endpoint.source())) == []


def test_the_same_url_read_with_other_fields_gives_its_own_options(endpoint: Endpoint) -> None:
    endpoint.body = [{"code": "46001", "id": "7", "name": "Centro"}]
    by_code = option_sources.options_of(select_of(endpoint.source()))
    by_id = option_sources.options_of(select_of(endpoint.source(value_field="id")))
    assert [o["value"] for o in by_code] == ["46001"]
    assert [o["value"] for o in by_id] == ["7"]
