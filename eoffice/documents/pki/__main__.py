"""Runs the development PKI's TSA, OCSP and CRL services as a small process of its own:

    python -m eoffice.documents.pki [--instance instance]

(generating the PKI under ``<instance>/pki`` first if needed). Web servers and workers of
the same instance then find the port taken and use this process's services.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from eoffice.documents.pki.devpki import ensure_dev_pki
from eoffice.documents.pki.services import serve_dev_pki
from eoffice.documents.runtime import DEV_PKI_PORT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instance", type=Path, default=Path("instance"))
    parser.add_argument("--port", type=int, default=DEV_PKI_PORT)
    args = parser.parse_args()
    pki = ensure_dev_pki(args.instance / "pki", port=args.port)
    services = serve_dev_pki(pki)
    if services is None:
        raise SystemExit(f"port {pki.port} is taken: the services already run elsewhere")
    print(f"TEST PKI services on {pki.url_prefix} (TSA {pki.tsa_url}); Ctrl-C stops them")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        services.stop()


if __name__ == "__main__":
    main()
