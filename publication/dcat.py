"""The DCAT-AP-SE catalogue of the open data (RDF/XML, made with rdflib).

Mandatory in DCAT-AP-SE (diggsweden/DCAT-AP-SE, exempel/obligatoriskt.ttl): the catalogue's
title, description, publisher (foaf:Agent), licence and datasets; each dataset's title,
description, publisher and contact point (vcard:Organization with a name and an e-mail address);
each distribution's accessURL. Recommended ones are added where we know them: English titles,
downloadURL, media type and format, licence per distribution, language, theme, temporal coverage.
One dataset per public plan, one distribution per public year and format.
"""

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/LocalAuthority"
LANGUAGE_SWE = "http://publications.europa.eu/resource/authority/language/SWE"
THEME_HEALTH = "http://publications.europa.eu/resource/authority/data-theme/HEAL"
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
FORMATS = {"csv": ("text/csv", "CSV"), "json": ("application/json", "JSON")}


def _sv_en(graph, subject, predicate, sv: str, en: str):
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def catalogue(plans, publications_by_plan, absolute) -> Graph:
    """`absolute(path)` makes a URL absolute; `publications_by_plan`: plan id → publications."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    home = absolute(reverse("publication:index"))
    catalog = URIRef(absolute(reverse("publication:dcat")))
    publisher = URIRef(home + "#utgivare")
    contact = URIRef(home + "#kontakt")
    licence = URIRef(settings.SIMBA_OPEN_DATA_LICENSE)

    g.add((catalog, RDF.type, DCAT.Catalog))
    _sv_en(
        g,
        catalog,
        DCTERMS.title,
        "SIMBA:s uppföljning av handlingsplanen för hälsa och den nära vården",
        "SIMBA follow-up of the action plan for health and local care",
    )
    _sv_en(
        g,
        catalog,
        DCTERMS.description,
        "Nyckeltal och deras status per kommun och för hela området, per publicerat år, för "
        "handlingsplanen som Ale, Kungälv, Stenungsund, Tjörn och regionen har tagit fram.",
        "Key figures and their status per municipality and for the whole area, per published "
        "year, for the joint action plan of Ale, Kungälv, Stenungsund, Tjörn and the region.",
    )
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, DCTERMS.language, URIRef(LANGUAGE_SWE)))
    g.add((catalog, FOAF.homepage, URIRef(home)))

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(settings.SIMBA_PUBLISHER_NAME)))
    g.add((publisher, DCTERMS.type, URIRef(ADMS_PUBLISHER_TYPE)))

    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(settings.SIMBA_PUBLISHER_NAME)))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.SIMBA_CONTACT_EMAIL}")))

    for plan in plans:
        publications = publications_by_plan.get(plan.pk, [])
        if not publications:
            continue
        landing = absolute(reverse("publication:plan", args=[plan.pk]))
        dataset = URIRef(landing + "#data")
        g.add((catalog, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        _sv_en(
            g,
            dataset,
            DCTERMS.title,
            f"Uppföljning: {plan.title} {plan.period_label}",
            f"Follow-up: {plan.title} {plan.period_label} (SIMBA action plan)",
        )
        _sv_en(
            g,
            dataset,
            DCTERMS.description,
            "Planens nyckeltal med värde, målvärde och status per kommun och för hela "
            "området, ett år per distribution, från den publicerade årsrapporten.",
            "The plan's key figures with value, target and status per municipality and "
            "for the whole area, one year per distribution, from the published yearly "
            "report (Swedish column names, documented on the landing page).",
        )
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCAT.contactPoint, contact))
        g.add((dataset, DCAT.landingPage, URIRef(landing)))
        g.add((dataset, DCAT.theme, URIRef(THEME_HEALTH)))
        g.add((dataset, DCTERMS.language, URIRef(LANGUAGE_SWE)))
        for word in ("hälsa", "nära vård", "uppföljning", "nyckeltal"):
            g.add((dataset, DCAT.keyword, Literal(word, lang="sv")))
        period = BNode()
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(f"{plan.first_year}-01-01", datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(f"{plan.last_year}-12-31", datatype=XSD.date)))
        for publication in publications:
            for fmt, (media_type, file_type) in FORMATS.items():
                url = absolute(reverse(f"publication:data_{fmt}", args=[plan.pk, publication.year]))
                distribution = URIRef(url)
                g.add((dataset, DCAT.distribution, distribution))
                g.add((distribution, RDF.type, DCAT.Distribution))
                _sv_en(
                    g,
                    distribution,
                    DCTERMS.title,
                    f"Nyckeltal {publication.year} ({file_type})",
                    f"Key figures {publication.year} ({file_type})",
                )
                g.add((distribution, DCAT.accessURL, distribution))
                g.add((distribution, DCAT.downloadURL, distribution))
                g.add((distribution, DCAT.mediaType, IANA[media_type]))
                g.add((distribution, DCTERMS.format, FILE_TYPE[file_type]))
                g.add((distribution, DCTERMS.license, licence))
                issued = publication.report.published_at.date().isoformat()
                g.add((distribution, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    return g
