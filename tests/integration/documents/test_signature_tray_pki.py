"""The development PKI gives officials added after it was generated their own key and
certificate on first use, leaving the others' as they were."""

from __future__ import annotations

from pathlib import Path

import yaml

from eoffice.documents.pki.devpki import ARCH, CONFIG_FILE, ensure_dev_pki
from eoffice.documents.pki.services import free_loopback_port


def _forget_mayor(folder: Path) -> None:
    """Make the PKI look as it did before the mayor existed."""
    config = yaml.safe_load((folder / CONFIG_FILE).read_text())
    arch = config["pki-architectures"][ARCH]
    for section in (arch["entities"], arch["certs"], config["keysets"][ARCH]["keys"]):
        del section["mayor"]
    (folder / CONFIG_FILE).write_text(yaml.safe_dump(config, allow_unicode=True))
    (folder / "mayor.p12").unlink()
    (folder / "keys" / "mayor.key.pem").unlink()


def test_an_existing_pki_gets_the_mayor_without_regenerating_the_head(
        tmp_path: Path) -> None:
    folder = tmp_path / "pki"
    ensure_dev_pki(folder, port=free_loopback_port())
    _forget_mayor(folder)
    head_before = (folder / "head.p12").read_bytes()
    root_before = (folder / "root.cert.pem").read_bytes()

    ensure_dev_pki(folder, port=free_loopback_port())

    assert (folder / "mayor.p12").exists()
    assert (folder / "head.p12").read_bytes() == head_before
    assert (folder / "root.cert.pem").read_bytes() == root_before
    config = yaml.safe_load((folder / CONFIG_FILE).read_text())
    assert "mayor" in config["pki-architectures"][ARCH]["certs"]
