"""XForms 1.1 export of an expanded form, in an XHTML host document.

Follows the ODK/pyxform conventions where XForms 1.1 says nothing: labels per
language through ``itext`` and ``jr:itext()``, ``regex()`` in constraints,
repeated items as repeated elements (``/data/vehicles`` with ``jr:template``).
Every field path gets an ``xf:bind`` with its type, ``required``, ``relevant``
(from ``show_if`` and the conditions of the pages and sections around it),
``readonly`` (``disable_if``, computed values), ``constraint`` and ``calculate``.
Rules XPath cannot say are kept as JSON Logic in ``eo:`` attributes.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from eoffice.forms.tree import LANGUAGES, NESTING, Control, FormTree
from eoffice.forms.xpath import element_path, to_xpath

H, XF = "http://www.w3.org/1999/xhtml", "http://www.w3.org/2002/xforms"
JR, EO = "http://openrosa.org/javarosa", "urn:eoffice:forms"
NSMAP = {"h": H, "xf": XF, "xsd": "http://www.w3.org/2001/XMLSchema", "jr": JR, "eo": EO}
TYPES = {"number": "xsd:decimal", "date": "xsd:date", "yes_no": "xsd:boolean",
         "file": "xsd:anyURI"}
PATTERNS = {
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "phone": r"^\+?[0-9 ().-]{9,20}$",
    "iban": r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{11,34}$",
    "national_id": r"^([0-9]{8}[A-Za-z]|[XYZxyz][0-9]{7}[A-Za-z]|[A-Za-z][0-9]{7}[0-9A-Ja-j])$",
    "postcode": r"^(0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}$",
    "cadastral_reference": r"^[0-9A-Za-z]{20}$",
    "vehicle_plate": r"^[0-9]{4} ?[A-Za-z]{3}$",
}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _constraints(control: Control) -> list[str]:
    props, kind = control.props, control.type
    found = []
    if "max_length" in props:
        found.append(f"string-length(.) <= {int(props['max_length'])}")
    if props.get("min_length"):
        found.append(f"string-length(.) >= {int(props['min_length'])}")
    if kind in ("number", "date"):
        # XPath 1.0 compares strings as numbers: dates go through date('...').
        value = "date(.)" if kind == "date" else "."
        wrap = (lambda v: f"date('{v}')") if kind == "date" else str
        if props.get("min") is not None:
            found.append(f"{value} >= {wrap(props['min'])}")
        if props.get("max") is not None:
            found.append(f"{value} <= {wrap(props['max'])}")
    pattern = PATTERNS.get(kind) or PATTERNS.get(str(props.get("format")))
    if pattern:
        found.append(f"regex(., '{pattern}')")
    if props.get("max_selected") is not None:
        found.append(f"count-selected(.) <= {int(props['max_selected'])}")
    return found


class _Exporter:
    def __init__(self, tree: FormTree) -> None:
        self.tree = tree
        self.multi = {c.path for c in tree.fields() if c.type == "checkboxes"}
        self.texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
        self.binds: list[etree._Element] = []

    def itext(self, ident: str, text: Any) -> str:
        for language in LANGUAGES:
            value = text.get(language, "") if isinstance(text, dict) else ""
            self.texts[language][ident] = value
        return f"jr:itext('{ident}')"

    def label(self, parent: etree._Element, control: Control, ident: str) -> None:
        if control.label:
            etree.SubElement(parent, _q(XF, "label"), ref=self.itext(f"{ident}:label",
                                                                     control.label))
        if control.hint:
            etree.SubElement(parent, _q(XF, "hint"), ref=self.itext(f"{ident}:hint",
                                                                    control.hint))

    def rule(self, bind: etree._Element, attribute: str, rules: list[Any],
             context: str, *, negate: bool = False) -> None:
        parts = []
        for rule in rules:
            xpath = to_xpath(rule, context=context, is_multi=lambda n: n in self.multi)
            if xpath is None:
                bind.set(_q(EO, attribute), json.dumps(rule, separators=(",", ":")))
                continue
            parts.append(f"not({xpath})" if negate else xpath)
        if parts:
            bind.set(attribute, " and ".join(parts) if attribute == "relevant" else
                     " or ".join(parts))

    def bind(self, control: Control, shown: list[Any], disabled: list[Any]) -> None:
        bind = etree.Element(_q(XF, "bind"), nodeset=element_path(control.path))
        if control.type not in NESTING:
            bind.set("type", TYPES.get(control.type, "xsd:string"))
        if control.type == "city_address":  # the value is a code of the city's street map
            bind.set(_q(EO, "lookup"), "city_address")
            if control.type == "number" and control.props.get("decimals") == 0:
                bind.set("type", "xsd:int")
        self.rule(bind, "relevant", shown, control.path)
        required = control.props.get("required", False)
        if control.answers and required is not False:
            self.rule(bind, "required", [required], control.path)
        if control.type == "computed":
            bind.set("readonly", "true()")
            xpath = to_xpath(control.props.get("expression"), context=control.path,
                             is_multi=lambda n: n in self.multi)
            if xpath is None:
                bind.set(_q(EO, "calculate"), json.dumps(control.props.get("expression")))
            else:
                bind.set("calculate", xpath)
        elif disabled:
            self.rule(bind, "readonly", disabled, control.path)
        constraints = _constraints(control)
        if constraints:
            bind.set("constraint", " and ".join(constraints))
        self.binds.append(bind)

    def instance(self, parent: etree._Element, children: tuple[Control, ...]) -> None:
        for control in children:
            if not control.is_field:
                self.instance(parent, control.children)
                continue
            node = etree.SubElement(parent, str(control.key))
            if control.repeat:
                node.set(_q(JR, "template"), "")
            self.instance(node, control.children)

    def body(self, parent: etree._Element, children: tuple[Control, ...],
             shown: list[Any], disabled: list[Any]) -> None:
        for control in children:
            own_shown = [*shown, control.props["show_if"]] if "show_if" in control.props else (
                shown)
            own_disabled = [*disabled, control.props["disable_if"]] if (
                "disable_if" in control.props) else disabled
            if control.is_field:
                self.bind(control, own_shown if control.path else shown, own_disabled)
                self.field(parent, control)
                continue
            ident = f"{element_path(control.path)}{control.pointer}"
            group = etree.SubElement(parent, _q(XF, "group"))
            if control.type == "page":
                group.set("appearance", "field-list")
            if control.type == "help":
                output = etree.SubElement(group, _q(XF, "output"), value="''")
                etree.SubElement(output, _q(XF, "label"),
                                 ref=self.itext(f"{ident}:text", control.props.get("text")))
                continue
            self.label(group, control, ident)
            self.body(group, control.children, own_shown, own_disabled)

    def field(self, parent: etree._Element, control: Control) -> None:
        ref = element_path(control.path)
        if control.type in NESTING:
            group = etree.SubElement(parent, _q(XF, "group"), ref=ref)
            self.label(group, control, ref)
            holder = group
            if control.repeat:
                holder = etree.SubElement(group, _q(XF, "repeat"), nodeset=ref)
                holder.set(_q(EO, "min"), str(control.repeat.get("min", 0)))
                holder.set(_q(EO, "max"), str(control.repeat["max"]))
            self.body(holder, control.children, [], [])
            return
        tag = {"textarea": "textarea", "select": "select1", "radio": "select1",
               "yes_no": "select1", "checkboxes": "select", "file": "upload",
               "computed": "output"}.get(control.type, "input")
        element = etree.SubElement(parent, _q(XF, tag), ref=ref)
        if tag == "upload":
            element.set("mediatype", "*/*")
            element.set(_q(EO, "document"), str(control.props.get("document")))
        if control.type in ("radio", "checkboxes", "yes_no"):
            element.set("appearance", "full")
        self.label(element, control, ref)
        self.items(element, control, ref)

    def items(self, element: etree._Element, control: Control, ref: str) -> None:
        options = control.props.get("options")
        if control.type == "yes_no":
            options = [{"value": "true", "label": {"es": "Sí", "ca": "Sí", "en": "Yes"}},
                       {"value": "false", "label": {"es": "No", "ca": "No", "en": "No"}}]
        if "source" in control.props:
            element.set(_q(EO, "source"), json.dumps(control.props["source"]))
        for option in options if isinstance(options, list) else []:
            item = etree.SubElement(element, _q(XF, "item"))
            etree.SubElement(item, _q(XF, "label"),
                             ref=self.itext(f"{ref}/{option['value']}:label", option["label"]))
            etree.SubElement(item, _q(XF, "value")).text = str(option["value"])

    def document(self) -> etree._Element:
        html = etree.Element(_q(H, "html"), nsmap=NSMAP)
        head = etree.SubElement(html, _q(H, "head"))
        etree.SubElement(head, _q(H, "title")).text = self.tree.title.get("es", self.tree.key)
        model = etree.SubElement(head, _q(XF, "model"))
        body = etree.SubElement(html, _q(H, "body"))
        self.body(body, self.tree.children, [], [])
        itext = etree.SubElement(model, _q(XF, "itext"))
        for language in LANGUAGES:
            translation = etree.SubElement(itext, _q(XF, "translation"), lang=language)
            if language == "es":
                translation.set("default", "true()")
            for ident, value in self.texts[language].items():
                text = etree.SubElement(translation, _q(XF, "text"), id=ident)
                etree.SubElement(text, _q(XF, "value")).text = value
        instance = etree.SubElement(model, _q(XF, "instance"))
        data = etree.SubElement(instance, "data", id=self.tree.key,
                                version=str(self.tree.version))
        self.instance(data, self.tree.children)
        model.extend(self.binds)
        return html


def export_xforms(tree: FormTree) -> bytes:
    """The XForms 1.1 document (UTF-8 XML bytes) of an expanded form."""
    document: bytes = etree.tostring(_Exporter(tree).document(), xml_declaration=True,
                                     encoding="UTF-8", pretty_print=True)
    return document
