"""The HTTP surface (ASVS V4, V7.4.4, V13.4, V14.2.3, V15.3.4): bodies declare their
character set; forwarded-for headers are ignored unless proxies are configured; no
route answers TRACE; no source-control file, hidden file or directory listing is
served; pages load nothing from another site; and every page of a signed-in person
offers "Sign out"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import html as lxml_html
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import AnyConverter, Rule

from eoffice.app import create_app
from eoffice.audit.models import AuditEvent
from eoffice.forms.models import FormVersion
from tests.conftest import make_settings, rolled_back, sign_in

Headers = Callable[[str], dict[str, str]]
REPOSITORY = Path(__file__).resolve().parents[3]
CLIENT, FORGED = "198.51.100.7", "203.0.113.9"


# --- V4.1.1: Content-Type with the charset of the body ---------------------------------

def _bodies(client: FlaskClient, db: Session, token_for: Headers) -> dict[str, Any]:
    today = date.today().isoformat()
    form = db.scalars(select(FormVersion).where(FormVersion.status == "published")
                      .order_by(FormVersion.id)).first()
    assert form is not None
    return {
        "page": client.get("/"),
        "error page": client.get("/no-such-page", headers={"Accept": "text/html"}),
        "API": client.get("/api/v1/procedures"),
        "problem": client.get("/api/v1/no-such-thing"),
        "catalogue CSV": client.get("/api/v1/open-data/procedures.csv"),
        "streets CSV": client.get("/opendata/territory/streets.csv"),
        "register's book CSV": client.get(
            f"/api/v1/registry/book?register=RGE&from={today}&to={today}",
            headers=token_for("registrar")),
        "XForms": client.get(f"/api/v1/forms/{form.key}/{form.version}/xforms"),
    }


def test_every_text_body_declares_utf8_and_is_utf8(
        client: FlaskClient, db: Session, token_for: Headers) -> None:
    for name, answer in _bodies(client, db, token_for).items():
        assert answer.status_code == (404 if name in ("error page", "problem") else 200), (
            name, answer.status_code)
        media_type, _, parameters = answer.headers["Content-Type"].partition(";")
        body = answer.get_data()
        body.decode("utf-8")  # what it declares (or, for JSON, what RFC 8259 says) is true
        if media_type.endswith(("json", "+json")):
            assert "charset" not in parameters or "utf-8" in parameters.lower(), name
        else:
            assert parameters.strip().lower() == "charset=utf-8", (name, parameters)
    csv = _bodies(client, db, token_for)["catalogue CSV"].get_data(as_text=True)
    assert re.search(r"[àèéíòóúç·]", csv), "a catalogue in Catalan and Spanish has accents"


# --- V4.1.3 / V15.3.4: X-Forwarded-* only from configured proxies -------------------------

def _failed_sign_in_client(client: FlaskClient, db: Session, *, login: str) -> str:
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token
    client.post("/sign-in", data={"login": login, "password": "wrong",
                                  "csrf_token": token.group(1)},
                headers={"X-Forwarded-For": FORGED, "X-Real-IP": FORGED})
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "identity.sign_in_failed")
                       .order_by(AuditEvent.seq.desc())).first()
    assert event is not None
    return str(event.data["client"])


def test_without_proxies_configured_forwarded_headers_change_nothing(
        app: Flask, db: Session) -> None:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = CLIENT
    assert _failed_sign_in_client(client, db, login="asvs-nobody-1") == CLIENT
    secure = client.get("/", headers={"X-Forwarded-Proto": "https",
                                      "X-Forwarded-Host": "evil.example"})
    assert "Strict-Transport-Security" not in secure.headers  # still plain HTTP
    assert "evil.example" not in secure.get_data(as_text=True)


@pytest.fixture(scope="module")
def proxied_app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An eoffice behind one reverse proxy (EOFFICE_PROXY_HOPS=1), on the suite's database."""
    application = create_app(make_settings(tmp_path_factory.mktemp("proxied"), database_url,
                                           proxy_hops=1))
    application.config["TESTING"] = True
    return application


@pytest.fixture
def proxied_db(proxied_app: Flask) -> Iterator[Session]:
    with rolled_back(proxied_app) as session:
        yield session


def test_behind_a_configured_proxy_its_forwarded_address_is_the_client(
        proxied_app: Flask, proxied_db: Session) -> None:
    # The same request as above: the header is what tells the two set-ups apart.
    client = proxied_app.test_client()
    client.environ_base["REMOTE_ADDR"] = CLIENT
    assert _failed_sign_in_client(client, proxied_db, login="asvs-nobody-2") == FORGED


# --- V13.4.4: no TRACE -------------------------------------------------------------------

SAMPLE = {"BoundedIntegerConverter": 1, "UnicodeConverter": "x", "PathConverter": "x/y",
          "FileNumberConverter": "URB/2026/000001"}


def _sample_path(rule: Rule) -> str:
    values: dict[str, Any] = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = SAMPLE[type(converter).__name__]
    path = rule.build(values, append_unknown=False)
    assert path is not None, rule.rule
    return path[1].split("|", 1)[-1] if isinstance(path, tuple) else str(path)


def test_no_route_accepts_trace(app: Flask, client: FlaskClient, db: Session) -> None:
    adapter = app.url_map.bind("localhost")
    rules = list(app.url_map.iter_rules())
    assert len(rules) > 300
    for rule in rules:
        assert rule.methods is not None and "TRACE" not in rule.methods, rule.rule
        path = _sample_path(rule)
        with pytest.raises((MethodNotAllowed, NotFound)):
            adapter.match(path, method="TRACE")
    sign_in(client, "admin")  # signed in by cookie: TRACE skips the CSRF check
    for path in ("/", "/admin", "/api/v1/me", "/sign-out", "/static/dist/css/eoffice.css"):
        answer = client.open(path, method="TRACE", headers={"X-Probe": "echo-me"})
        assert answer.status_code == 405, (path, answer.status_code)
        assert "echo-me" not in answer.get_data(as_text=True)


# --- V13.4.1 / V13.4.3: no repository files, no listings ---------------------------------

@pytest.mark.parametrize("path", [
    "/.git/HEAD", "/.git/config", "/static/.git/HEAD", "/static/../.git/HEAD",
    "/static/%2e%2e/%2e%2e/.git/HEAD", "/static/..%2f..%2f.git/config", "/.env",
    "/static/../eoffice/settings.py", "/static/../../pyproject.toml", "/.gitignore",
    "/.hg/hgrc", "/.svn/entries", "/static/dist/../../app.py",
])
def test_no_source_control_or_source_file_is_served(
        client: FlaskClient, db: Session, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code in (404, 400, 308), (path, answer.status_code)
    body = answer.get_data(as_text=True)
    assert "[core]" not in body and "ref: refs/" not in body and "import " not in body


@pytest.mark.parametrize("path", ["/static/", "/static/dist/", "/static/dist/js/",
                                  "/static/dist/css", "/static"])
def test_static_folders_are_not_listed(client: FlaskClient, db: Session, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code in (404, 308), (path, answer.status_code)
    body = answer.get_data(as_text=True)
    assert "Index of" not in body  # the error page, with no file of the folder listed
    assert not re.search(r'href="(?:\./)?[\w.-]+\.(?:js|css|map)"', body)


def test_the_image_copies_named_folders_never_the_repository_root() -> None:
    """What `eoffice serve` could ever serve comes from the image: it holds no .git."""
    dockerfile = (REPOSITORY / "deploy" / "Dockerfile").read_text()
    sources = []
    for line in dockerfile.splitlines():
        if re.match(r"\s*(COPY|ADD)\s", line):
            words = [w for w in line.split()[1:] if not w.startswith("--")]
            sources += words[:-1]
    assert sources, "no COPY in the Dockerfile"
    for source in sources:
        assert source not in (".", "./", "*") and ".git" not in source, source
    static = REPOSITORY / "eoffice" / "static"
    assert not [p for p in static.rglob(".*") if "node_modules" not in p.parts]


# --- V14.2.3: nothing loaded from another site -------------------------------------------

PUBLIC = ["/", "/sign-in", "/procedures", "/edicts", "/verify", "/api/docs"]
SIGNED_IN = {"ana": ["/citizen", "/folder", "/notifications"], "clerk": ["/backoffice"],
             "admin": ["/admin", "/admin/process-models/new"]}
ALLOWED_SOURCES = {"'self'", "'none'", "data:", "'unsafe-inline'"}


def _third_party(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    urls = tree.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src | "
                      "//source/@src | //video/@src | //audio/@src | //object/@data | "
                      "//embed/@src | //form/@action")
    return [url for url in urls if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)]


def _checked_policy(policy: str, path: str) -> None:
    directives = dict([*part.strip().split(" ", 1), ""][:2]
                      for part in policy.split(";") if part.strip())
    assert directives.get("default-src") == "'self'", path
    for name, sources in directives.items():
        assert set(sources.split()) <= ALLOWED_SOURCES, (path, name, sources)


def test_pages_load_nothing_from_another_site(app: Flask, db: Session) -> None:
    browsers = {None: app.test_client()}
    for login in SIGNED_IN:
        browsers[login] = app.test_client()
        sign_in(browsers[login], login)
    visits = [(None, path) for path in PUBLIC] + [
        (login, path) for login, paths in SIGNED_IN.items() for path in paths]
    for login, path in visits:
        answer = browsers[login].get(path)
        assert answer.status_code == 200, (login, path)
        _checked_policy(answer.headers["Content-Security-Policy"], path)
        assert answer.headers["Referrer-Policy"] == "same-origin"
        assert _third_party(answer.get_data(as_text=True)) == [], (login, path)


# --- V7.4.4: "Sign out" on every page of a signed-in person ------------------------------

AREAS = {"ana": ("/citizen", "/folder", "/applications", "/notifications", "/representation",
                 "/account/"),
         "clerk": ("/backoffice",), "archivist": ("/backoffice/archive",),
         "admin": ("/admin",)}


def _pages_of(app: Flask, prefixes: tuple[str, ...]) -> list[str]:
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "GET" in (rule.methods or ()) and not rule.arguments
                  and rule.rule.startswith(prefixes))


def _offers_sign_out(page: str) -> bool:
    tree = lxml_html.fromstring(page)
    forms = tree.xpath("//form[@method='post'][@action='/sign-out']")
    return any(form.xpath(".//button[@type='submit'][normalize-space()='Sign out']")
               and form.xpath(".//input[@name='csrf_token'][@value!='']") for form in forms)


@pytest.mark.parametrize("login", sorted(AREAS))
def test_every_page_of_a_signed_in_person_offers_sign_out(
        app: Flask, client: FlaskClient, db: Session, login: str) -> None:
    sign_in(client, login)
    seen = 0
    for path in [*_pages_of(app, AREAS[login]), "/", "/procedures", "/no-such-page"]:
        answer = client.get(path, headers={"Accept": "text/html"})
        if answer.status_code not in (200, 404) or answer.mimetype != "text/html" or (
                "<html" not in answer.get_data(as_text=True)):
            continue  # a redirect, a refusal, a download, or a fragment for htmx
        assert _offers_sign_out(answer.get_data(as_text=True)), (login, path)
        seen += 1
    assert seen >= 3, (login, seen)
