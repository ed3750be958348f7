"""``$metadata``: the CSDL XML document (OData 4.0 Common Schema Definition Language) that
Power BI, Excel and client libraries read first. Every property carries its English
description (``Core.Description``); each many-to-one link is a navigation property with a
referential constraint, which is what Power BI's model view joins tables on."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .entities import DECIMAL, ENTITY_SETS, EntitySet

EDMX = "http://docs.oasis-open.org/odata/ns/edmx"
EDM = "http://docs.oasis-open.org/odata/ns/edm"
CORE = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"
NAMESPACE = "Pathfinder"


def _describe(element: ET.Element, text: str) -> None:
    ET.SubElement(element, "Annotation", Term="Core.Description", String=text)


def _entity_type(schema: ET.Element, entity_set: EntitySet) -> None:
    entity = ET.SubElement(schema, "EntityType", Name=entity_set.type_name)
    key = ET.SubElement(entity, "Key")
    ET.SubElement(key, "PropertyRef", Name=entity_set.key.name)
    for prop in entity_set.props:
        attrs = {"Name": prop.name, "Type": prop.type}
        if not prop.nullable:
            attrs["Nullable"] = "false"
        if prop.type == DECIMAL:
            attrs |= {"Precision": "16", "Scale": "2"}
        _describe(ET.SubElement(entity, "Property", attrs), prop.label)
    for nav in entity_set.navs:
        target = ENTITY_SETS[nav.target]
        nullable = entity_set.prop(nav.property).nullable
        link = ET.SubElement(
            entity,
            "NavigationProperty",
            Name=nav.name,
            Type=f"{NAMESPACE}.{target.type_name}",
            Nullable="true" if nullable else "false",
        )
        ET.SubElement(
            link,
            "ReferentialConstraint",
            Property=nav.property,
            ReferencedProperty=target.key.name,
        )
    _describe(entity, entity_set.label)


def metadata_xml() -> bytes:
    root = ET.Element("edmx:Edmx", {"xmlns:edmx": EDMX, "Version": "4.0"})
    reference = ET.SubElement(root, "edmx:Reference", Uri=CORE)
    ET.SubElement(reference, "edmx:Include", Namespace="Org.OData.Core.V1", Alias="Core")
    services = ET.SubElement(root, "edmx:DataServices")
    schema = ET.SubElement(services, "Schema", xmlns=EDM, Namespace=NAMESPACE)
    for entity_set in ENTITY_SETS.values():
        _entity_type(schema, entity_set)
    container = ET.SubElement(schema, "EntityContainer", Name="Container")
    for entity_set in ENTITY_SETS.values():
        element = ET.SubElement(
            container,
            "EntitySet",
            Name=entity_set.name,
            EntityType=f"{NAMESPACE}.{entity_set.type_name}",
        )
        for nav in entity_set.navs:
            ET.SubElement(element, "NavigationPropertyBinding", Path=nav.name, Target=nav.target)
        _describe(element, entity_set.label)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
