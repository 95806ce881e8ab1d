"""A second server process of the same instance finds the development PKI's port taken
and uses the services already there, instead of exiting (werkzeug exits on a taken port)."""

from __future__ import annotations

import socket
from pathlib import Path

from eoffice.documents.pki.devpki import ensure_dev_pki
from eoffice.documents.pki.services import serve_dev_pki


def test_a_taken_port_leaves_the_process_running_and_serves_nothing(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        pki = ensure_dev_pki(tmp_path / "pki", port=taken.getsockname()[1], city="Prova")
        assert serve_dev_pki(pki) is None
