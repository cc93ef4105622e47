"""Reading a plan from its Word document: the SIMBA plan rebuilt from the seed gives the same plan
as the fixture; other layouts are read as their authors meant; bad files get a Swedish message."""

import io
import re
from decimal import Decimal

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.urls import reverse
from docx.oxml.ns import qn

from plans.models import Activity, Actor, FocusArea, Goal, KeyFigure, Plan
from plans.word_import import WordImportError, create_draft, read_plan_document
from plans.word_import.blocks import OLE_MAGIC
from plans.word_import.interpret import REASONS
from tests.exports import workbook_bytes
from tests.plans import word_documents as docs
from tests.seed import norm

pytestmark = pytest.mark.django_db


def imported(data: bytes, user=None) -> Plan:
    return create_draft(read_plan_document(data), user)


def by_code(plan, model):
    field = {"Goal": "focus_area__plan", "Activity": "goal__focus_area__plan"}[model.__name__]
    return {item.code: item for item in model.objects.filter(**{field: plan})}


def responsible(activity) -> str:
    return norm(" ".join(r.actor.name for r in activity.responsibilities.all()))


# -- the SIMBA plan, rebuilt as a Word document from the seed ---------------------------------


@pytest.fixture
def simba_docx():
    return docs.simba_plan_docx()


def test_the_word_plan_has_the_fixtures_focus_areas_and_goals(simba_plan, simba_docx):
    plan = imported(simba_docx)
    assert plan.status == Plan.Status.DRAFT
    assert (plan.title, plan.area, plan.area_members, plan.first_year, plan.last_year) == (
        simba_plan.title, simba_plan.area, simba_plan.area_members, 2026, 2027,
    )  # fmt: skip
    assert [(fa.number, fa.title) for fa in FocusArea.objects.filter(plan=plan)] == [
        (fa.number, fa.title) for fa in FocusArea.objects.filter(plan=simba_plan)
    ]
    ours, theirs = by_code(plan, Goal), by_code(simba_plan, Goal)
    assert ours.keys() == theirs.keys()
    for code, expected in theirs.items():
        goal = ours[code]
        assert goal.focus_area.number == expected.focus_area.number, code
        assert goal.title == expected.title, code
        assert goal.background_paragraphs == expected.background_paragraphs, code
        assert norm(goal.measurement_method) == norm(expected.measurement_method), code
        assert norm(goal.reporting) == norm(expected.reporting), code
        shared = goal.shares_with.code if goal.shares_with else None
        assert shared == (expected.shares_with.code if expected.shares_with else None), code


def test_the_word_plan_has_every_activity_with_responsible_and_follow_up(simba_plan, simba_docx):
    plan = imported(simba_docx)
    ours, theirs = by_code(plan, Activity), by_code(simba_plan, Activity)
    assert ours.keys() == theirs.keys()
    for code, expected in theirs.items():
        activity = ours[code]
        assert activity.goal.code == expected.goal.code, code
        assert activity.text == expected.text, code
        assert norm(activity.follow_up) == norm(expected.follow_up), code
        # The seed joins a cell's paragraphs, so 5:5:1's two groups arrive as one line of text.
        assert responsible(activity) == responsible(expected), code
    names = set(Actor.objects.filter(plan=plan).values_list("name", flat=True))
    assert "Samordningsgruppen" in names and "Chefer i berörda verksamheter" in names


KEY_FIGURE_FIELDS = ("code", "name", "plan_text", "target_kind", "target_operator",
                     "target_threshold", "target_direction", "target_note", "target_label",
                     "reporting_frequency", "measurement_method")  # fmt: skip


def figures(plan):
    found = KeyFigure.objects.filter(goal__focus_area__plan=plan)
    return [(f.goal.code, f) for f in found.order_by("goal__focus_area__number", "goal__sort_key",
                                                     "position")]  # fmt: skip


def test_the_word_plan_has_every_key_figure_with_its_target(simba_plan, simba_docx):
    plan = imported(simba_docx)
    ours, theirs = figures(plan), figures(simba_plan)
    assert [(code, f.name) for code, f in ours] == [(code, f.name) for code, f in theirs]
    for (_, figure), (code, expected) in zip(ours, theirs, strict=True):
        for name in KEY_FIGURE_FIELDS:
            assert getattr(figure, name) == getattr(expected, name), (code, figure.name, name)
        assert figure.note == expected.note, figure.name
        assert {a.name for a in figure.reported_to.all()} == {
            a.name for a in expected.reported_to.all()
        }, figure.name
        if expected.target_kind == "comparison":  # the unit in the target gives the kind
            assert (figure.value_kind, figure.has_fraction) == (
                expected.value_kind, expected.has_fraction,
            ), figure.name  # fmt: skip
    assert len(ours) == 18


def test_the_targets_as_written_in_the_plan(simba_plan, simba_docx):
    plan = imported(simba_docx)
    figure = {f.name: f for f in KeyFigure.objects.filter(goal__focus_area__plan=plan)}
    stay = figure["Medelvårdtiden som utskrivningsklar"]
    assert (stay.value_kind, stay.target_operator, stay.target_threshold) == (
        "days", "lt", Decimal("1.0"),
    )  # fmt: skip
    assert stay.target_label == "< 1,0 dygn"
    assert figure["Täckningsgraden i Svenska palliativregistret"].target_label == "≥ 70 %"
    assert figure["Dokumenterat brytpunktssamtal"].target_label == (
        "100 % av de palliativa patienterna +75 år"
    )
    assert figure["Antal upprättade SIP i SAMSA"].target_direction == "increase"


def test_the_table_of_contents_and_page_header_are_not_read_as_plan(simba_plan, simba_docx):
    reading = read_plan_document(simba_docx)
    assert reading.errors == []
    toc = [u for u in reading.unplaced if "Innehållsförteckningen" in u.reason]
    assert len(toc) == 6 and toc[1].text.startswith("Fokusområde 1:")
    assert {u.where for u in reading.unplaced} == {u.where for u in toc}
    plan = create_draft(reading)
    texts = " ".join(g.background + g.title for g in Goal.objects.filter(focus_area__plan=plan))
    assert "Sida 1 av 17" not in texts and "SIMBA – Handlingsplan" not in texts


def test_command_dry_run_writes_nothing_and_ends_with_the_counts(process_leader, tmp_path, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(docs.simba_plan_docx())
    plans = Plan.objects.count()
    call_command("import_plan_document", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1] == "goals=17 activities=38 key_figures=18"
    assert "Mål 3.4 Barn och unga som har behov av samordnade insatser" in out
    assert Plan.objects.count() == plans
    call_command("import_plan_document", str(path), "--user", process_leader.username)
    out = capsys.readouterr().out
    assert out.rstrip().splitlines()[-1] == "goals=17 activities=38 key_figures=18"
    assert Plan.objects.count() == plans + 1
    plan = Plan.objects.latest("pk")
    assert plan.status == Plan.Status.DRAFT
    assert plan.history.get().history_user == process_leader


def test_command_refuses_an_unreadable_file_in_swedish(db, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"inte ett dokument")
    with pytest.raises(CommandError, match="inte ett Word-dokument"):
        call_command("import_plan_document", str(path))


# -- other layouts ------------------------------------------------------------------------------


def test_dotted_codes_goal_column_merged_cells_and_resultat(simba_plan):
    reading = read_plan_document(docs.dotted_codes_docx())
    plan = create_draft(reading)
    assert (plan.title, plan.area, plan.first_year, plan.last_year) == (
        "Utvecklingsplan för psykisk hälsa inom Lerum–Alingsås", "Lerum–Alingsås", 2028, 2029,
    )  # fmt: skip
    assert [(fa.number, fa.title) for fa in plan.focus_areas.order_by("number")] == [
        (1, "Barn och unga"), (2, "Vuxna"),
    ]  # fmt: skip
    goals = by_code(plan, Goal)
    assert {c: g.title for c, g in goals.items()} == {
        "1.1": "Tidiga insatser i skolan", "1.2": "Samordnad vård för unga",
        "2.1": "Hälsosamma levnadsvanor", "2.2": "Trygg hemgång",
    }  # fmt: skip
    assert goals["2.2"].shares_with == goals["2.1"]
    activities = by_code(plan, Activity)
    assert sorted(activities) == ["1:1:1", "1:1:2", "1:2:1", "2.1.1"]
    # The goal cell spans two rows: both activities belong to 1.1; so does the merged follow-up.
    first, second = activities["1:1:1"], activities["1:1:2"]
    assert first.goal == second.goal == goals["1.1"]
    assert [r.actor.name for r in first.responsibilities.all()] == ["Elevhälsan", "Socialtjänsten"]
    assert first.follow_up == second.follow_up == "Styrgruppen följer upp varje termin"
    assert [r.actor.name for r in activities["2.1.1"].responsibilities.all()] == [
        "Barnmorskemottagningen"
    ]
    rate, count = goals["2.1"].key_figures.order_by("position")
    assert (rate.name, rate.target_label, rate.value_kind) == (
        "Andel rökfria gravida", "≥ 90 %", "percentage",
    )  # fmt: skip
    assert (count.name, count.target_direction) == ("Antal deltagare i rökavvänjning", "increase")
    assert {a.name for a in rate.reported_to.all()} == {"Styrgruppen", "Politiska ledningen"}
    reasons = {u.text: u.reason for u in reading.unplaced}
    assert "Resultat" in reasons["Genomfört 2027"]
    assert "Innehållsförteckningen" in reasons["Barn och unga\t2"]
    assert (
        "före dess första mål"
        in reasons["Utvecklingsgruppen arbetar för tidiga och samordnade insatser."]
    )
    everything = " ".join(u.text for u in reading.unplaced)
    assert "Sidfot" not in everything and "Lerum–Alingsås\n" not in everything


def test_no_codes_headings_bold_goals_and_a_target_column(simba_plan):
    reading = read_plan_document(docs.no_codes_docx())
    plan = create_draft(reading)
    assert plan.area == "SIMBA-området"  # no "inom …": the installation's area unit
    assert [(fa.number, fa.title) for fa in plan.focus_areas.order_by("number")] == [
        (1, "Äldres hälsa"), (2, "Barns hälsa"),
    ]  # fmt: skip
    goals = by_code(plan, Goal)
    assert {c: g.title for c, g in goals.items()} == {
        "1:1": "Fallprevention", "1:2": "Läkemedelsgenomgångar", "2:1": "Fler barn i rörelse",
    }  # fmt: skip
    assert goals["1:1"].background == "Fall är den vanligaste orsaken till skador bland äldre."
    assert goals["2:1"].measurement_method == "Data hämtas från Skolenkäten."
    assert {c: a.text for c, a in by_code(plan, Activity).items()} == {
        "1:1:1": "Erbjuda balansträning", "1:1:2": "Fallriskbedömning vid inskrivning",
        "1:2:1": "Genomgång två gånger per år", "2:1:1": "Rörelsepass i förskolan",
    }  # fmt: skip
    falls = goals["1:1"].key_figures.get()
    assert (falls.target_operator, falls.target_threshold, falls.value_kind) == (
        "lt", Decimal("5"), "percentage",
    )  # fmt: skip
    assert goals["1:2"].key_figures.get().target_label.startswith("Ska öka")
    reasons = {u.text: u.reason for u in reading.unplaced}
    toc = ["Innehåll", "Äldres hälsa\t2", "Barns hälsa\t3"]  # inside a content control
    assert [reasons.pop(line) for line in toc] == [REASONS["toc"]] * 3
    assert reasons == {
        "Ny aktivitet": "Kolumnen ”Kommentar” känns inte igen.",
        "Kontakta samordnaren vid frågor.": (
            "Texten står efter målets tabell och är varken mätmetod eller fotnot."
        ),
    }


# -- files that cannot be read ----------------------------------------------------------------


def ole_file(*streams: str) -> bytes:
    """The start of an OLE compound file (as Word 97–2003 and encrypted .docx files are) with
    the given stream names in its directory, as UTF-16 like the real format."""
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)
    return OLE_MAGIC + b"\0" * 504 + directory + b"\0" * 512


UNREADABLE = {
    "not_docx": (b"Handlingsplan 2028\n", "inte ett Word-dokument"),
    "doc": (ole_file("Root Entry", "WordDocument", "1Table"), "äldre Word-dokument (.doc)"),
    "encrypted": (ole_file("Root Entry", "EncryptionInfo", "EncryptedPackage"),
                  "lösenordsskyddat"),
    "empty": (docs.to_bytes(docx.Document()), "Dokumentet är tomt"),
    "xlsx": (None, "kunde inte läsas som ett Word-dokument"),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_unreadable_files_get_a_swedish_message(db, kind):
    data, message = UNREADABLE[kind]
    with pytest.raises(WordImportError, match=re.escape(message)):
        read_plan_document(data if data is not None else workbook_bytes([]))


def test_tracked_changes_must_be_accepted_first(db):
    from docx.oxml import OxmlElement

    document = docx.Document(io.BytesIO(docs.no_codes_docx()))
    paragraph = document.add_paragraph()
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), "Processledaren")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Ny aktivitet, ännu inte godkänd"
    run.append(text)
    inserted.append(run)
    paragraph._p.append(inserted)
    with pytest.raises(WordImportError, match="spårade ändringar"):
        read_plan_document(docs.to_bytes(document))


def test_a_document_without_goals_or_years_cannot_be_created(db):
    import docx

    document = docx.Document()
    document.add_paragraph("Anteckningar från mötet")
    document.add_paragraph("Vi pratade om planen.")
    reading = read_plan_document(docs.to_bytes(document))
    assert any("Planens år hittades inte" in e for e in reading.errors)
    assert any("Inga mål hittades" in e for e in reading.errors)
    with pytest.raises(WordImportError):
        create_draft(reading)
    assert not Plan.objects.exists()


# -- through the browser's path: upload, preview, confirm ---------------------------------------


URL = reverse("plans:import_document")
CONFIRM = reverse("plans:import_document_confirm")


def upload(client, data: bytes, name: str = "plan.docx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_preview_shows_what_will_be_created_and_writes_nothing(client, process_leader):
    client.force_login(process_leader)
    plans, goals = Plan.objects.count(), Goal.objects.count()
    response = upload(client, docs.simba_plan_docx())
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "5 fokusområden, 17 mål, 38 aktiviteter, 18 nyckeltal" in page
    assert "Mål 2:2 Personer med behov av samordnade insatser ska erbjudas en SIP" in page
    assert "&lt; 1,0 dygn" in page and "≥ 70 %" in page
    assert "Se mål 2:2" in page
    assert "Innehållsförteckningen läses inte in" in page
    assert (Plan.objects.count(), Goal.objects.count()) == (plans, goals)


def test_confirm_creates_a_draft_attributed_to_the_process_leader(client, process_leader):
    client.force_login(process_leader)
    upload(client, docs.dotted_codes_docx())
    response = client.post(CONFIRM)
    plan = Plan.objects.get(title__startswith="Utvecklingsplan för psykisk hälsa")
    assert response.status_code == 302 and response.url == reverse("plans:editor", args=[plan.pk])
    assert plan.status == Plan.Status.DRAFT
    goal = Goal.objects.get(focus_area__plan=plan, code="1.1")
    assert goal.history.get().history_user == process_leader
    assert plan.history.get().history_user == process_leader
    page = client.get(response.url).content.decode()
    assert "är skapad som utkast" in page
    detail = client.get(reverse("plans:detail", args=[plan.pk]))
    assert detail.status_code == 200 and "Trygg hemgång" in detail.content.decode()
    assert client.post(CONFIRM).status_code == 302  # the previewed document is used once
    assert Plan.objects.filter(title=plan.title).count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.docx", b"bara text", "inte ett Word-dokument"),
        ("plan.doc", ole_file("Root Entry", "WordDocument"), "Spara som"),
        ("plan.docx", ole_file("Root Entry", "EncryptionInfo"), "lösenordsskyddat"),
        ("plan.pdf", b"%PDF-1.7", "fel filtyp"),
        ("plan.docx", b"", "tom"),
    ],
)
def test_upload_of_an_unreadable_file_says_why_in_swedish(client, process_leader, name, data,
                                                          message):  # fmt: skip
    client.force_login(process_leader)
    response = upload(client, data, name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "Skapa planen som utkast" not in response.content.decode()


def test_failure_mid_import_writes_nothing(client, process_leader, monkeypatch):
    client.force_login(process_leader)
    upload(client, docs.simba_plan_docx())
    counted = {
        model: model.objects.count() for model in (Plan, FocusArea, Goal, Activity, Actor,
                                                   KeyFigure)
    }  # fmt: skip
    history = (Plan.history.count(), Goal.history.count(), Activity.history.count())
    create = KeyFigure.objects.create
    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs["name"])
        if len(calls) == 10:
            raise DatabaseError("disk full")
        return create(**kwargs)

    monkeypatch.setattr(KeyFigure.objects, "create", failing_create)
    response = client.post(CONFIRM, follow=True)
    assert len(calls) == 10
    assert "Ingenting sparades" in response.content.decode()
    assert {model: model.objects.count() for model in counted} == counted
    assert (Plan.history.count(), Goal.history.count(), Activity.history.count()) == history


def test_goal_heading_in_the_table_and_several_activities_in_one_cell(db):
    reading = read_plan_document(docs.goal_in_table_docx())
    plan = create_draft(reading)
    assert (plan.title, plan.area, plan.first_year, plan.last_year) == (
        "Handlingsplan för nära vård inom Älvdalen", "Älvdalen", 2030, 2031,
    )  # fmt: skip
    fa = plan.focus_areas.get()
    assert (fa.number, fa.title) == (1, "Trygg vårdövergång")
    goal = Goal.objects.get(focus_area=fa)
    assert (goal.code, goal.title) == ("1:1", "Trygg hemgång från sjukhus")
    first, second = goal.activities.order_by("sort_key")
    assert (first.code, first.text, second.code, second.text) == (
        "1:1:1", "Följa rutinen för utskrivning", "1:1:2", "Gemensam utbildning i SIP",
    )  # fmt: skip
    assert [r.actor.name for r in first.responsibilities.all()] == [
        "Sjukhusets chefer", "Kommunernas enhetschefer",
    ]  # fmt: skip
    assert [r.actor.name for r in second.responsibilities.all()] == [
        "SIP-samordnarna", "Kommunernas enhetschefer",
    ]  # fmt: skip
    share, stay = goal.key_figures.order_by("position")
    assert (share.name, share.target_label) == ("Andel utskrivna samma dag", "> 80 %")
    assert (stay.name, stay.target_label, stay.reporting_frequency) == (
        "Medelvårdtid som utskrivningsklar", "≤ 1,5 dygn", "yearly",
    )  # fmt: skip
    assert [a.name for a in stay.reported_to.all()] == ["Samordningsgruppen"]
    assert reading.unplaced == []


def test_a_document_that_unpacks_to_too_much_is_refused(db):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/media/big.bin", b"\0" * (101 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(WordImportError, match="för stort uppackat"):
        read_plan_document(buffer.getvalue())


def test_preview_of_a_document_without_goals_offers_no_create_button(client, process_leader):
    import docx

    document = docx.Document()
    document.add_paragraph("Anteckningar från mötet")
    client.force_login(process_leader)
    response = upload(client, docs.to_bytes(document))
    assert response.status_code == 422
    page = response.content.decode()
    assert "Planens år hittades inte" in page and "Inga mål hittades" in page
    assert "Skapa planen som utkast" not in page
    assert client.post(CONFIRM).status_code == 302  # nothing was kept to create
    assert Plan.objects.count() == 1


def test_an_installation_without_a_plan_offers_the_word_import(client, django_user_model):
    from tests.conftest import make_user

    leader = make_user(django_user_model, "ny-ledare", "process_leader")
    reader = make_user(django_user_model, "ny-lasare", "reader")
    client.force_login(leader)
    assert URL in client.get("/").content.decode()
    client.force_login(reader)
    assert URL not in client.get("/").content.decode()
