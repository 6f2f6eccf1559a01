"""What an LMS checks in a SCORM package, as test helpers.

Two halves:

- ``validate_manifest``: XSD validation against the official schemas in
  ``../shared/scorm-schemas``, offline, with the three libxml2 workarounds that
  folder's README describes (the schemas are read in place, never copied);
- ``package_problems``: the checks an XSD cannot make (scorm-facts §5 items
  1-12 and the README's list), on the zip as an LMS receives it.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

# Computed here, not imported from conftest: several conftest modules share that name.
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SCHEMAS = SHARED / "scorm-schemas"
CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Each namespace a manifest may use, with the controlling document that declares it.
NAMESPACES = {
    "1.2": {CP12: "scorm12/imscp_rootv1p1p2.xsd", ADLCP12: "scorm12/adlcp_rootv1p2.xsd"},
    "2004": {CP2004: "scorm2004-4th/imscp_v1p1.xsd", ADLCP2004: "scorm2004-4th/adlcp_v1p3.xsd",
             ADLSEQ: "scorm2004-4th/adlseq_v1p3.xsd", ADLNAV: "scorm2004-4th/adlnav_v1p3.xsd",
             IMSSS: "scorm2004-4th/imsss_v1p0.xsd"},
}
ROOT_NAMESPACE = {"1.2": CP12, "2004": CP2004}
SCHEMAVERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
XS_ID = re.compile(r"[A-Za-z_][\w.-]*")
MAX_TITLE = 200


class _Offline(etree.Resolver):
    """Serves the two schema documents libxml2 cannot use as published (README workarounds 1 and 2)."""

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> object:  # type: ignore[override]
        if system_url == "http://www.w3.org/2001/xml.xsd":
            return self.resolve_filename(str(SCHEMAS / "scorm2004-4th" / "xml.xsd"), context)
        if system_url and system_url.endswith("scorm12/ims_xml.xsd"):
            text = (SCHEMAS / "scorm12" / "ims_xml.xsd").read_text(encoding="utf-8")
            text = text.replace(f'xmlns="{XML_NS}"', "", 1)
            return self.resolve_string(text, context)
        return None


@cache
def schema(version: str) -> etree.XMLSchema:
    """A driver schema importing each namespace of ``version`` (README's driver-schema method)."""
    # libxml2 skips an import it cannot read, and then every manifest fails with a puzzling
    # "no matching global declaration": say plainly what is missing instead.
    missing = [path for path in NAMESPACES[version].values() if not (SCHEMAS / path).is_file()]
    assert not missing, (f"the official SCORM schemas are not at {SCHEMAS} (missing {', '.join(missing)}); "
                         "the tests read them from the 'shared' folder beside the checkout")
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(SCHEMAS / path).as_uri()}"/>'
        for namespace, path in NAMESPACES[version].items()
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    document = etree.parse(io.BytesIO(driver.encode()), parser, base_url=(SCHEMAS / "driver.xsd").as_uri())
    return etree.XMLSchema(document)


def validate_manifest(manifest: bytes, version: str) -> list[str]:
    """XSD errors of ``manifest`` (empty when valid)."""
    document = etree.fromstring(manifest, etree.XMLParser(no_network=True, resolve_entities=False))
    validator = schema(version)
    if validator.validate(document):
        return []
    return [f"line {entry.line}: {entry.message}" for entry in validator.error_log]


def manifest_pass_mark(manifest: bytes, version: str) -> Decimal | None:
    """The pass mark an LMS applies, as a fraction of the maximum score; ``None`` when it applies none."""
    root = etree.fromstring(manifest)
    if version == "1.2":
        found = root.findall(f".//{{{ADLCP12}}}masteryscore")
        return Decimal(found[0].text or "") / 100 if found else None
    found = root.findall(f".//{{{IMSSS}}}primaryObjective[@satisfiedByMeasure='true']/{{{IMSSS}}}minNormalizedMeasure")
    return Decimal(found[0].text or "") if found else None


def package_problems(package: bytes | Path, version: str) -> list[str]:
    """Everything wrong with a SCORM package beyond XSD validity; empty when it is right."""
    data = package.read_bytes() if isinstance(package, Path) else package
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        problems = _zip_problems(names)
        if "imsmanifest.xml" not in names:
            return [*problems, "imsmanifest.xml is not at the zip root"]
        manifest = archive.read("imsmanifest.xml")
    return problems + manifest_problems(manifest, version, set(names))


def manifest_problems(manifest: bytes, version: str, zip_names: set[str] | None = None) -> list[str]:
    """The manifest checks an XSD misses; with ``zip_names``, also the checks against the zip's contents."""
    problems: list[str] = []
    if not manifest.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("the manifest does not start with an XML declaration naming UTF-8")
    manifest.decode("utf-8")  # raises on anything that is not UTF-8
    root = etree.fromstring(manifest)
    if root.tag != f"{{{ROOT_NAMESPACE[version]}}}manifest":
        problems.append(f"the root element is {root.tag}, not manifest in {ROOT_NAMESPACE[version]}")
    cp = ROOT_NAMESPACE[version]
    problems += _metadata_problems(root, cp, version)
    problems += _identifier_problems(root, cp)
    problems += _purity_problems(root, version)
    problems += _href_problems(root, cp, version, zip_names)
    if root.get(f"{{{XSI}}}schemaLocation") is not None:
        problems.append("xsi:schemaLocation names schema files, which this project does not ship")
    return problems


def _zip_problems(names: list[str]) -> list[str]:
    problems = []
    for name in names:
        if name.startswith("/") or "\\" in name or ".." in name.split("/"):
            problems.append(f"zip entry {name!r} is not a clean relative path with '/'")
    if len(set(names)) != len(names):
        problems.append("the zip holds an entry twice")
    return problems


def _metadata_problems(root: etree._Element, cp: str, version: str) -> list[str]:
    metadata = root.find(f"{{{cp}}}metadata")
    if metadata is None:
        return ["the manifest has no <metadata>"]
    children = [(etree.QName(child).localname, (child.text or "").strip()) for child in metadata]
    expected = [("schema", "ADL SCORM"), ("schemaversion", SCHEMAVERSION[version])]
    if children[:2] != expected:
        return [f"<metadata> starts with {children[:2]}, not {expected}"]
    return []


def _identifier_problems(root: etree._Element, cp: str) -> list[str]:
    problems = []
    identifiers = [element.get("identifier") for element in root.iter() if element.get("identifier") is not None]
    for identifier in identifiers:
        if not XS_ID.fullmatch(identifier or ""):
            problems.append(f"identifier {identifier!r} is not an xs:ID")
    if len(set(identifiers)) != len(identifiers):
        problems.append(f"identifiers are not unique: {sorted(identifiers)}")  # type: ignore[type-var]

    organizations = root.find(f"{{{cp}}}organizations")
    resources = {resource.get("identifier"): resource for resource in root.iter(f"{{{cp}}}resource")}
    if organizations is None:
        return [*problems, "the manifest has no <organizations>"]
    org_ids = [organization.get("identifier") for organization in organizations.findall(f"{{{cp}}}organization")]
    if organizations.get("default") not in org_ids:
        problems.append(f"organizations/@default {organizations.get('default')!r} names no organization")
    for element in root.iter(f"{{{cp}}}organization", f"{{{cp}}}item"):
        titles = element.findall(f"{{{cp}}}title")
        name = f"{etree.QName(element).localname} {element.get('identifier')!r}"
        if len(titles) != 1 or not (titles[0].text or "").strip():
            problems.append(f"{name} does not have exactly one non-empty <title>")
        elif len(titles[0].text or "") > MAX_TITLE:
            problems.append(f"{name} has a title longer than {MAX_TITLE} characters")
    for item in root.iter(f"{{{cp}}}item"):
        leaf = item.find(f"{{{cp}}}item") is None
        ref = item.get("identifierref")
        if leaf and ref not in resources:
            problems.append(f"leaf item {item.get('identifier')!r} has identifierref {ref!r}, which names no resource")
        if not leaf and ref is not None:
            problems.append(f"item {item.get('identifier')!r} has children and an identifierref")
        if item.get("parameters") is not None and ref is None:
            problems.append(f"item {item.get('identifier')!r} has parameters without identifierref")
    launched = {item.get("identifierref") for item in root.iter(f"{{{cp}}}item")}
    for identifier, resource in resources.items():
        if resource.get("type") != "webcontent":
            problems.append(f"resource {identifier!r} is not type='webcontent'")
        if identifier in launched and not resource.get("href"):
            problems.append(f"resource {identifier!r} is launched but has no href")
    return problems


def _purity_problems(root: etree._Element, version: str) -> list[str]:
    problems = []
    namespaces = {etree.QName(element).namespace for element in root.iter()}
    attributes = {name for element in root.iter() for name in element.attrib}
    localnames = {etree.QName(element).localname for element in root.iter()}
    for resource in root.iter(f"{{{ROOT_NAMESPACE[version]}}}resource"):
        right = f"{{{ADLCP12}}}scormtype" if version == "1.2" else f"{{{ADLCP2004}}}scormType"
        if resource.get(right) not in ("sco", "asset"):
            problems.append(f"resource {resource.get('identifier')!r} lacks {right} = sco|asset")
    if version == "1.2":
        foreign = namespaces & {IMSSS, ADLSEQ, ADLNAV, CP2004, ADLCP2004}
        if foreign or "completionThreshold" in localnames:
            problems.append(f"a SCORM 1.2 manifest uses SCORM 2004 elements: {sorted(foreign)}")
        for score in root.iter(f"{{{ADLCP12}}}masteryscore"):
            if not _in_range(score.text, 0, 100):
                problems.append(f"masteryscore {score.text!r} is not a number from 0 to 100")
    else:
        if "masteryscore" in localnames or namespaces & {CP12, ADLCP12}:
            problems.append("a SCORM 2004 manifest uses SCORM 1.2 elements (masteryscore)")
        if any(name.lower().endswith("}scormtype") and not name.endswith("}scormType") for name in attributes):
            problems.append("a SCORM 2004 manifest spells adlcp:scormType as in 1.2")
        for threshold in root.iter(f"{{{ADLCP2004}}}completionThreshold"):
            if (threshold.text or "").strip() or len(threshold):
                problems.append("completionThreshold has content; 4th Edition uses attributes only")
        for measure in root.iter(f"{{{IMSSS}}}minNormalizedMeasure"):
            if not _in_range(measure.text, -1, 1):
                problems.append(f"minNormalizedMeasure {measure.text!r} is not from -1 to 1")
        for item in root.iter(f"{{{CP2004}}}item"):
            controls = item.find(f"{{{IMSSS}}}sequencing/{{{IMSSS}}}deliveryControls")
            if controls is None or controls.get("completionSetByContent") != "true" \
                    or controls.get("objectiveSetByContent") != "true":
                problems.append(f"item {item.get('identifier')!r} does not let the SCO set completion and success")
    return problems


def _href_problems(root: etree._Element, cp: str, version: str, zip_names: set[str] | None) -> list[str]:
    problems = []
    declared: set[str] = set()
    for element in root.iter():
        base = element.get(f"{{{XML_NS}}}base")
        if base is not None and (not base.endswith("/") or base.startswith("/")):
            problems.append(f"xml:base {base!r} must end with '/' and not start with '/'")
    for resource in root.iter(f"{{{cp}}}resource"):
        bases = [b for b in (root.get(f"{{{XML_NS}}}base"), root.find(f"{{{cp}}}resources").get(f"{{{XML_NS}}}base"),
                             resource.get(f"{{{XML_NS}}}base")) if b]
        refs = [resource.get("href")] if resource.get("href") else []
        refs += [file.get("href") or "" for file in resource.findall(f"{{{cp}}}file")]
        for ref in refs:
            if "\\" in ref or ref.startswith(("/", "file:")):
                problems.append(f"href {ref!r} has a backslash or is absolute")
                continue
            path = unquote("".join(bases) + ref.split("?")[0].split("#")[0])
            declared.add(path)
            if zip_names is not None and path not in zip_names:
                problems.append(f"href {ref!r} names {path!r}, which is not in the zip (case matters)")
    if zip_names is not None:
        for name in sorted(zip_names - declared - {"imsmanifest.xml"}):
            if not name.endswith("/"):
                problems.append(f"{name!r} is in the zip but declared by no <file>")
    return problems


def _in_range(text: str | None, low: int, high: int) -> bool:
    try:
        return low <= Decimal((text or "").strip()) <= high
    except InvalidOperation:
        return False
