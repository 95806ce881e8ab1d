"""The METS document of an archival package (``data/metadata/mets.xml``): who the file
is (a Dublin Core description), where it came from (a provenance note of the transfer),
every payload file with its size, media type and SHA-256 checksum, and the structure of
the file (the documents in their order, the index, the metadata).

METS (Metadata Encoding and Transmission Standard, Library of Congress) is what most
archival systems read; BagIt alone says nothing about what the files *are*."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{METS_NS} https://www.loc.gov/standards/mets/mets.xsd"
NSMAP = {"mets": METS_NS, "xlink": XLINK_NS, "dc": DC_NS, "xsi": XSI_NS}
#: fileGrp USE of each payload role, in the order they appear.
GROUPS = (("document", "documents"), ("index", "index"), ("metadata", "metadata"))


@dataclass(frozen=True)
class MetsFile:
    """One payload file as METS lists it."""

    path: str  # data/documents/0001-receipt.pdf
    role: str  # document, index, metadata
    title: str
    media_type: str
    size: int
    sha256: str
    created: str  # ISO date-time


def _m(tag: str) -> str:
    return f"{{{METS_NS}}}{tag}"


def _dublin_core(parent: etree._Element, description: Mapping[str, Any]) -> None:
    wrap = etree.SubElement(parent, _m("mdWrap"), MDTYPE="DC")
    data = etree.SubElement(wrap, _m("xmlData"))
    for name, value in (("identifier", description["file_number"]),
                        ("title", description["subject"]),
                        ("creator", description["unit"]),
                        ("date", description["closed_at"]),
                        ("type", description.get("procedure") or "file"),
                        ("relation", description.get("case") or "")):
        if value:
            etree.SubElement(data, f"{{{DC_NS}}}{name}").text = str(value)


def _provenance(parent: etree._Element, description: Mapping[str, Any]) -> None:
    wrap = etree.SubElement(parent, _m("mdWrap"), MDTYPE="OTHER",
                            OTHERMDTYPE="EOFFICE-TRANSFER")
    data = etree.SubElement(wrap, _m("xmlData"))
    event = etree.SubElement(data, "transfer")
    for name in ("record_id", "transferred_at", "transferred_by", "source_organization"):
        etree.SubElement(event, name).text = str(description.get(name) or "")


def _file_section(root: etree._Element, files: Sequence[MetsFile]) -> dict[str, str]:
    section = etree.SubElement(root, _m("fileSec"))
    ids: dict[str, str] = {}
    for role, use in GROUPS:
        members = [f for f in files if f.role == role]
        if not members:
            continue
        group = etree.SubElement(section, _m("fileGrp"), USE=use)
        for member in members:
            ids[member.path] = f"F{len(ids) + 1:04d}"
            entry = etree.SubElement(
                group, _m("file"), ID=ids[member.path], MIMETYPE=member.media_type,
                SIZE=str(member.size), CREATED=member.created, CHECKSUM=member.sha256,
                CHECKSUMTYPE="SHA-256")
            location = etree.SubElement(entry, _m("FLocat"), LOCTYPE="URL")
            location.set(f"{{{XLINK_NS}}}href", member.path)
            location.set(f"{{{XLINK_NS}}}title", member.title)
    return ids


def _structure(root: etree._Element, files: Sequence[MetsFile], ids: Mapping[str, str],
               subject: str) -> None:
    struct = etree.SubElement(root, _m("structMap"), TYPE="logical")
    top = etree.SubElement(struct, _m("div"), TYPE="file", LABEL=subject, DMDID="DMD1",
                           ADMID="DIGIPROV1")
    for order, member in enumerate(files, start=1):
        div = etree.SubElement(top, _m("div"), TYPE=member.role, ORDER=str(order),
                               LABEL=member.title)
        etree.SubElement(div, _m("fptr"), FILEID=ids[member.path])


def build_mets(description: Mapping[str, Any], files: Sequence[MetsFile]) -> bytes:
    """The METS XML (UTF-8) of a package: ``description`` holds file_number, subject,
    unit, closed_at, procedure, case, record_id, transferred_at, transferred_by and
    source_organization; ``files`` every payload file except the METS document itself."""
    root = etree.Element(_m("mets"), nsmap=NSMAP, OBJID=description["file_number"],
                         LABEL=description["subject"], TYPE="administrative-file")
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    header = etree.SubElement(root, _m("metsHdr"), CREATEDATE=description["transferred_at"])
    agent = etree.SubElement(header, _m("agent"), ROLE="CREATOR", TYPE="ORGANIZATION")
    etree.SubElement(agent, _m("name")).text = description.get("source_organization") or ""
    _dublin_core(etree.SubElement(root, _m("dmdSec"), ID="DMD1"), description)
    amd = etree.SubElement(root, _m("amdSec"), ID="AMD1")
    _provenance(etree.SubElement(amd, _m("digiprovMD"), ID="DIGIPROV1"), description)
    ids = _file_section(root, files)
    _structure(root, files, ids, description["subject"])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def checksums_in(mets: bytes) -> dict[str, str]:
    """``{path: sha256}`` of every file a METS document lists (tests and checks)."""
    root = etree.fromstring(mets, etree.XMLParser(resolve_entities=False, no_network=True))
    found: dict[str, str] = {}
    for entry in root.iter(_m("file")):
        location = entry.find(_m("FLocat"))
        if location is not None:
            found[location.get(f"{{{XLINK_NS}}}href") or ""] = entry.get("CHECKSUM") or ""
    return found
