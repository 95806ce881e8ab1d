"""The XForms 1.1 export: well-formed, namespaced, a bind for every field."""

from __future__ import annotations

from lxml import etree

from eoffice.forms.validation import check_definition
from eoffice.forms.xforms import export_xforms
from eoffice.forms.xpath import to_xpath
from tests.unit.forms.samples import blocks_lookup, product_files, sample_tree

NS = {"h": "http://www.w3.org/1999/xhtml", "xf": "http://www.w3.org/2002/xforms",
      "jr": "http://openrosa.org/javarosa"}


def bind_paths(document: bytes) -> dict[str, etree._Element]:
    root = etree.fromstring(document)
    return {b.get("nodeset"): b for b in root.iterfind(".//xf:model/xf:bind", NS)}


def xpath_of(path: str) -> str:
    return "/data/" + "/".join(p for p in path.split(".") if p != "*")


def test_the_export_is_an_xhtml_document_with_an_xforms_model() -> None:
    root = etree.fromstring(export_xforms(sample_tree()))
    assert root.tag == "{http://www.w3.org/1999/xhtml}html"
    assert root.find("h:head/xf:model/xf:instance/data", NS).get("id") == "test_form"
    assert root.find("h:body", NS) is not None
    languages = [t.get("lang") for t in root.iterfind(".//xf:itext/xf:translation", NS)]
    assert languages == ["es", "ca", "en"]


def test_every_field_path_of_every_product_form_has_a_bind() -> None:
    files = product_files()
    blocks = [raw for (kind, _k, _v), raw in files.items() if kind == "block"]
    for (kind, key, _version), raw in files.items():
        if kind != "form":
            continue
        tree, problems = check_definition(raw, kind="form", lookup=blocks_lookup(*blocks))
        assert tree is not None and not problems
        binds = bind_paths(export_xforms(tree))
        assert {xpath_of(p) for p in tree.paths()} <= set(binds), key


def test_binds_carry_type_required_relevance_constraint_and_calculation() -> None:
    binds = bind_paths(export_xforms(sample_tree()))
    assert binds["/data/road"].get("type") == "xsd:boolean"
    assert binds["/data/road"].get("required") == "true()"
    assert binds["/data/m2"].get("relevant") == "(/data/road = 'true')"
    assert binds["/data/m2"].get("constraint") == ". >= 1 and . <= 100"
    assert binds["/data/double"].get("calculate") == "(/data/m2 * 2)"
    assert binds["/data/double"].get("readonly") == "true()"
    assert binds["/data/email"].get("required") == "(/data/kind = 'b')"
    assert binds["/data/vehicles/make"].get("relevant") == "boolean(../plate)"
    assert binds["/data/plans"].get("type") == "xsd:anyURI"


def test_controls_and_labels_follow_the_odk_conventions() -> None:
    root = etree.fromstring(export_xforms(sample_tree()))
    kind = root.find(".//xf:select1[@ref='/data/kind']", NS)
    assert kind.find("xf:label", NS).get("ref") == "jr:itext('/data/kind:label')"
    assert [v.text for v in kind.iterfind("xf:item/xf:value", NS)] == ["a", "b"]
    assert root.find(".//xf:repeat[@nodeset='/data/vehicles']", NS) is not None
    assert root.find(".//xf:upload[@ref='/data/plans']", NS) is not None
    labels = root.iterfind(".//xf:translation[@lang='ca']/xf:text[@id='/data/kind:label']"
                           "/xf:value", NS)
    assert [v.text for v in labels] == ["Kind (ca)"]


def test_json_logic_becomes_xpath_where_xpath_can_say_it() -> None:
    assert to_xpath({"in": [{"var": "a"}, ["x", "y"]]}, context="b") == (
        "(/data/a = 'x' or /data/a = 'y')")
    assert to_xpath({"if": [{"<": [1, {"var": "n"}, 5]}, "in", "out"]}, context="b") == (
        "if((1 < /data/n and /data/n < 5), 'in', 'out')")
    assert to_xpath({"min": [1, 2]}, context="b") is None


def test_date_limits_are_compared_as_dates_in_xpath() -> None:
    from eoffice.forms.xforms import export_xforms  # noqa: PLC0415
    from tests.unit.forms.test_answers import one_field_tree  # noqa: PLC0415

    xml = export_xforms(one_field_tree({"type": "date", "min": "2026-01-01"})).decode()
    assert "date(.) &gt;= date('2026-01-01')" in xml
