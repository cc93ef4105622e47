"""Open data: CSV and JSON per public year, and the DCAT-AP-SE catalogue that lists them."""

import csv
import html
import io
import json
import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from plans.targets import format_value
from publication.opendata import FIELDS

pytestmark = pytest.mark.django_db
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def _expected(snapshot, year):
    """(goal, figure, unit) → cell of the year, read straight from the snapshot."""
    return {
        (g["code"], f["name"], r["unit"]): c
        for fa in snapshot["focus_areas"]
        for g in fa["goals"]
        for f in g["key_figures"]
        for r in f["rows"]
        for c in r["cells"]
        if c["year"] == year
    }


def _check_against_snapshot(rows, snapshot, year):
    expected = _expected(snapshot, year)
    assert len(rows) == len(expected) > 50
    for row in rows:
        cell = expected[(row["mal"], row["nyckeltal"], row["enhet"])]
        assert row["visat_varde"] == cell["display"]
        assert row["status"] == cell["status_label"]
        assert row["period"] == str(year)
        assert row["arsbasis"]


def test_csv_is_utf8_documented_and_equals_the_snapshot(client, public_year):
    response = client.get(reverse("publication:data_csv", args=[public_year.plan_id, 2026]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == FIELDS
    _check_against_snapshot(rows, public_year.report.snapshot, 2026)
    by_unit = {r["enhet"]: r for r in rows}
    assert by_unit["Ale"]["enhet_kod"] == "1440" and by_unit["Ale"]["enhetstyp"] == "kommun"
    assert {r["preliminart"] for r in rows} <= {"true", "false"}


def test_machines_get_numbers_and_people_the_display_rule(client, public_year):
    # varde stays a plain number (decimal point, no unit); visat_varde and the public page show
    # the same value by plans/targets.format_value: one decimal for shares and days.
    url = reverse("publication:data_csv", args=[public_year.plan_id, 2026])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode("utf-8"))))
    measured = [r for r in rows if r["vardetyp"] in ("percentage", "days", "count") and r["varde"]]
    assert {r["vardetyp"] for r in measured} == {"percentage", "days", "count"}
    page = html.unescape(
        client.get(reverse("publication:year", args=[public_year.plan_id, 2026])).content.decode()
    )
    for row in measured:
        assert re.fullmatch(r"\d+(\.\d+)?", row["varde"]), row
        assert row["visat_varde"] == format_value(Decimal(row["varde"]), row["vardetyp"]), row
        if row["vardetyp"] != "count":
            assert re.fullmatch(r"\d+,\d (%|dygn)", row["visat_varde"]), row
        assert f'<span class="value">{row["visat_varde"]}</span>' in page, row


def test_json_has_the_same_rows_and_the_column_documentation(client, public_year):
    response = client.get(reverse("publication:data_json", args=[public_year.plan_id, 2026]))
    document = json.loads(response.content.decode("utf-8"))
    assert set(document["kolumner"]) == set(FIELDS)
    assert document["ar"] == 2026 and "creativecommons.org/licenses/by/4.0" in document["licens"]
    rows = [
        {k: str(v) if k in ("period",) else v for k, v in r.items()} for r in document["varden"]
    ]
    _check_against_snapshot(rows, public_year.report.snapshot, 2026)
    csv_url = reverse("publication:data_csv", args=[public_year.plan_id, 2026])
    csv_rows = list(csv.DictReader(io.StringIO(client.get(csv_url).content.decode())))
    assert [r["visat_varde"] for r in csv_rows] == [r["visat_varde"] for r in rows]


def _one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert values, f"{subject} has no {predicate}"
    return values[0]


def test_dcat_catalogue_has_the_required_classes_and_every_distribution_downloads(
    client, public_year, settings
):
    settings.SIMBA_PUBLISHER_NAME = "Testutgivaren"
    settings.SIMBA_CONTACT_EMAIL = "oppnadata@example.se"
    response = client.get(reverse("publication:dcat"))
    assert response["Content-Type"] == "application/rdf+xml"
    graph = Graph().parse(data=response.content, format="xml")

    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in graph.objects(catalog, predicate)} == {"sv", "en"}
    assert (
        str(_one(graph, catalog, DCTERMS.license)) == "http://creativecommons.org/licenses/by/4.0/"
    )
    publisher = _one(graph, catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert str(_one(graph, publisher, FOAF.name)) == "Testutgivaren"

    datasets = list(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in graph.objects(dataset, predicate)} == {"sv", "en"}
    assert _one(graph, dataset, DCTERMS.publisher) == publisher
    contact = _one(graph, dataset, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert str(_one(graph, contact, VCARD.hasEmail)) == "mailto:oppnadata@example.se"
    assert _one(graph, contact, VCARD.fn)

    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 2  # one year × CSV and JSON
    media = set()
    for distribution in distributions:
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        assert _one(graph, distribution, DCAT.accessURL)
        assert _one(graph, distribution, DCTERMS.license)
        media_type = str(_one(graph, distribution, DCAT.mediaType)).rsplit("/", 2)
        media.add("/".join(media_type[-2:]))
        url = urlparse(str(_one(graph, distribution, DCAT.downloadURL)))
        download = client.get(url.path)
        assert download.status_code == 200
        assert download["Content-Type"].startswith("/".join(media_type[-2:]))
        text = download.content.decode("utf-8")
        if url.path.endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(text)))
        else:
            rows = [{**r, "period": str(r["period"])} for r in json.loads(text)["varden"]]
        _check_against_snapshot(rows, public_year.report.snapshot, 2026)
    assert media == {"text/csv", "application/json"}


def test_catalogue_lists_nothing_that_is_not_public(client, public_year, process_leader):
    from publication.services import withdraw_year

    withdraw_year(public_year.plan, 2026, process_leader)
    graph = Graph().parse(data=client.get(reverse("publication:dcat")).content, format="xml")
    assert list(graph.subjects(RDF.type, DCAT.Dataset)) == []
    assert list(graph.subjects(RDF.type, DCAT.Catalog)) != []
    assert URIRef("x") not in set(graph.subjects())
