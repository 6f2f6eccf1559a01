"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 4th Edition.

The whole course is one SCO launched from ``index.html``.  What an LMS keys
its tracking on (the manifest, organization, item and resource identifiers)
comes from the course ID, so a re-uploaded package keeps the learners'
records.  The manifest names no ``xsi:schemaLocation``: it would have to ship
the schemas it names, and there is no licence-clean copy to ship.  Namespace
prefixes are the customary ones (``adlcp``, ``imsss``) because some LMSs match
attribute names as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import quote

from lxml import etree

from authoring.core.ids import course_id
from authoring.core.model import Course
from authoring.export.scorm.titles import manifest_title

MANIFEST_NAME = "imsmanifest.xml"
LAUNCH = "index.html"

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"

CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ2004 = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV2004 = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"

SCHEMA = "ADL SCORM"
SCHEMAVERSION_12 = "1.2"
SCHEMAVERSION_2004 = "2004 4th Edition"

PRIMARY_OBJECTIVE = "PRIMARYOBJ"
"""The ID of the SCO's primary objective, which carries the pass mark in 2004."""

# Characters an href may keep as they are: RFC 3986 unreserved and sub-delims,
# plus "/" between folders.  Spaces and non-ASCII letters are percent-encoded.
_HREF_SAFE = "/-._~!$&'()*+,;=:@"


def manifest_scorm12(course: Course, files: Iterable[str], launch: str = LAUNCH) -> bytes:
    """The SCORM 1.2 manifest declaring ``files`` (POSIX paths relative to the zip root)."""
    ids = _Identifiers(course_id(course))
    manifest = etree.Element(f"{{{CP12}}}manifest", nsmap={None: CP12, "adlcp": ADLCP12})
    cp = _Builder(CP12)
    item = _organization(cp, manifest, course, ids, SCHEMAVERSION_12)
    if course.questions:
        # The LMS turns score.raw into passed/failed against this on LMSFinish,
        # so it must be the very pass mark the player applies.
        cp.add(item, f"{{{ADLCP12}}}masteryscore", text=str(course.pass_mark))
    _resources(cp, manifest, ids, files, launch=launch, scorm_type=f"{{{ADLCP12}}}scormtype")
    return _serialize(manifest)


def manifest_scorm2004(course: Course, files: Iterable[str], launch: str = LAUNCH) -> bytes:
    """The SCORM 2004 4th Edition manifest declaring ``files``."""
    ids = _Identifiers(course_id(course))
    manifest = etree.Element(f"{{{CP2004}}}manifest", nsmap={
        None: CP2004, "adlcp": ADLCP2004, "adlseq": ADLSEQ2004, "adlnav": ADLNAV2004, "imsss": IMSSS})
    cp = _Builder(CP2004)
    item = _organization(cp, manifest, course, ids, SCHEMAVERSION_2004)
    sequencing = cp.add(item, f"{{{IMSSS}}}sequencing")
    if course.questions:
        # The LMS judges success from cmi.score.scaled against this measure and
        # hands it to the player as cmi.scaled_passing_score.
        objectives = cp.add(sequencing, f"{{{IMSSS}}}objectives")
        primary = cp.add(objectives, f"{{{IMSSS}}}primaryObjective",
                         objectiveID=PRIMARY_OBJECTIVE, satisfiedByMeasure="true")
        cp.add(primary, f"{{{IMSSS}}}minNormalizedMeasure", text=str(scaled_pass_mark(course)))
    # The player reports completion and success itself; without these the LMS
    # would mark the SCO complete and satisfied as soon as it is delivered.
    cp.add(sequencing, f"{{{IMSSS}}}deliveryControls", completionSetByContent="true",
           objectiveSetByContent="true")
    _resources(cp, manifest, ids, files, launch=launch, scorm_type=f"{{{ADLCP2004}}}scormType")
    return _serialize(manifest)


def scaled_pass_mark(course: Course) -> Decimal:
    """The pass mark as SCORM 2004's normalized measure: 80 becomes 0.8."""
    return (Decimal(course.pass_mark) / 100).normalize()


def href(path: str) -> str:
    """A zip path as a manifest href: a relative URI, percent-encoded where a URI needs it."""
    return quote(path, safe=_HREF_SAFE)


class _Identifiers:
    """The xs:IDs of one package, all derived from the course ID (itself a valid xs:ID)."""

    def __init__(self, course: str) -> None:
        self.manifest = f"{course}-manifest"
        self.organization = f"{course}-org"
        self.item = f"{course}-sco"
        self.resource = f"{course}-resource"


class _Builder:
    """Adds children to a manifest: unqualified tags are in its content-packaging namespace."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def add(self, parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
        name = tag if tag.startswith("{") else f"{{{self.namespace}}}{tag}"
        element = etree.SubElement(parent, name, attributes)
        element.text = text
        return element


def _organization(cp: _Builder, manifest: etree._Element, course: Course, ids: _Identifiers,
                  schemaversion: str) -> etree._Element:
    """Metadata and the one organization with its one item (the SCO), which is returned."""
    manifest.set("identifier", ids.manifest)
    manifest.set("version", _version(course))
    metadata = cp.add(manifest, "metadata")
    cp.add(metadata, "schema", text=SCHEMA)
    cp.add(metadata, "schemaversion", text=schemaversion)
    organizations = cp.add(manifest, "organizations", default=ids.organization)
    organization = cp.add(organizations, "organization", identifier=ids.organization)
    title = manifest_title(course.title)
    cp.add(organization, "title", text=title)
    item = cp.add(organization, "item", identifier=ids.item, identifierref=ids.resource, isvisible="true")
    cp.add(item, "title", text=title)
    return item


def _resources(cp: _Builder, manifest: etree._Element, ids: _Identifiers, files: Iterable[str], *, launch: str,
               scorm_type: str) -> None:
    resources = cp.add(manifest, "resources")
    resource = cp.add(resources, "resource", **{"identifier": ids.resource, "type": "webcontent",
                                                scorm_type: "sco", "href": href(launch)})
    for path in sorted(set(files) | {launch}):
        if path != MANIFEST_NAME:
            cp.add(resource, "file", href=href(path))


def _version(course: Course) -> str:
    # SCORM 1.2 allows at most 20 characters here.
    return " ".join(course.version.split())[:20] or "1"


def _serialize(manifest: etree._Element) -> bytes:
    etree.indent(manifest, space="  ")
    # The declaration is written by hand for its customary double quotes.
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(manifest, encoding="UTF-8",
                                                                       pretty_print=True)
