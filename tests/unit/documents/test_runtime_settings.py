"""With a seal configured, documents are signed with the real keys and TSA and are not
marked as test documents."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from eoffice.documents.runtime import runtime_from_settings


def test_configured_seal_key_and_tsa_replace_the_test_pki(tmp_path: Path) -> None:
    signers = tmp_path / "signers"
    signers.mkdir()
    (signers / "head.p12").write_bytes(b"")
    settings = SimpleNamespace(
        resolved_blob_root=tmp_path / "blobs", instance_path=tmp_path, city_name="Ciutat",
        public_url="https://seu.example.org/", seal_pkcs12=str(tmp_path / "seal.p12"),
        seal_passphrase="secret", signers_pkcs12_dir=str(signers),
        tsa_url="https://tsa.example.org", trust_roots="")

    runtime = runtime_from_settings(settings)

    assert runtime.test_pki is False
    assert runtime.seal.pkcs12_path == tmp_path / "seal.p12"
    assert runtime.seal.passphrase == b"secret"
    assert set(runtime.officials) == {"head"}
    assert runtime.tsa_url == "https://tsa.example.org"
    assert runtime.verify_url == "https://seu.example.org/verify"
    assert not (tmp_path / "pki").exists()
