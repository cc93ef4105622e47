"""The shipped fixture holds the whole real plan: compared with the seed text, item by item."""

import re

import pytest

from organisation.models import OrgUnit
from plans.models import Activity, FocusArea, Goal, KeyFigure
from tests import seed
from tests.seed import norm

pytestmark = pytest.mark.django_db


def test_five_focus_areas_with_their_titles(simba_plan):
    titles = {fa.number: fa.title for fa in FocusArea.objects.filter(plan=simba_plan)}
    assert titles == {
        1: "Strategi för hälsa – förebyggande och främjande aktiviteter",
        2: "Trygg och säker vårdövergång",
        3: "Barn och ungas psykiska hälsa",
        4: "Psykisk hälsa - Vuxna",
        5: "Vård och omsorg om äldre",
    }


def test_every_goal_of_the_seed_with_its_code_and_title(simba_plan):
    loaded = {g.code: g.title for g in Goal.objects.filter(focus_area__plan=simba_plan)}
    assert loaded == seed.goals()


def test_every_goal_keeps_its_full_background_text(simba_plan):
    for code, paragraphs in seed.paragraphs_after_goal_headings().items():
        goal = Goal.objects.get(focus_area__plan=simba_plan, code=code)
        assert goal.background_paragraphs == paragraphs, code


def test_every_activity_code_of_the_seed_exists_with_the_same_text(simba_plan):
    loaded = {a.code: a.text for a in Activity.objects.filter(goal__focus_area__plan=simba_plan)}
    assert loaded == seed.activities()


def test_activities_keep_their_responsible_and_follow_up_as_written(simba_plan):
    strip_code = re.compile(r"^\d:\d:\d\s+")
    for cells in seed.table_rows():
        match = seed.ACTIVITY.match(cells[1])
        if not match:
            continue
        activity = Activity.objects.get(goal__focus_area__plan=simba_plan, code=match.group(1))
        responsible = " ".join(r.actor.name for r in activity.responsibilities.all())
        assert norm(responsible) == norm(strip_code.sub("", cells[2])), activity.code
        assert norm(activity.follow_up) == norm(cells[3]), activity.code


def test_goal_reporting_lines_are_kept(simba_plan):
    reporting = " ".join(
        norm(g.reporting) for g in Goal.objects.filter(focus_area__plan=simba_plan)
    )
    for cells in seed.table_rows():
        if cells[4] and cells[4] != "Se mål 2:2":
            assert norm(cells[4]) in reporting


def test_every_key_figure_cell_is_held_by_key_figures(simba_plan):
    figures = list(KeyFigure.objects.filter(goal__focus_area__plan=simba_plan))
    # A cell may hold two figures ("Medelvårdtiden … Andel patienter …"): joined, they give it.
    by_goal = {}
    for figure in figures:
        by_goal.setdefault(figure.goal_id, []).append(norm(figure.plan_text))
    joined = [" ".join(texts) for texts in by_goal.values()]
    for cell in seed.key_figure_cells():
        assert any(norm(cell) in text for text in joined), cell
    assert len(figures) == 18


@pytest.mark.parametrize(
    ("plan_text_start", "value_kind", "target"),
    [
        ("Medelvårdtiden som utskrivningsklar", "days", "< 1,0 dygn"),
        ("Andel patienter som skrivs ut från KS", "percentage", "> 70 %"),
        ("Andel vårdbegäran + information", "percentage", "> 95 %"),
        ("Täckningsgraden i Svenska palliativregistret", "percentage", "≥ 70 %"),
        ("Dokumenterat brytpunktssamtal", "percentage",
         "100 % av de palliativa patienterna +75 år"),
        ("Antal förskrivna FaR", "count", "Ska öka jämfört med föregående år"),
        ("Antal upprättade SIP i SAMSA", "count", "Ska öka jämfört med föregående år"),
        ("Antal uppföljda SIP i SAMSA", "count", "Ska öka jämfört med föregående år"),
        ("Avvikelse relaterade till felaktiga", "count", "Ska öka jämfört med föregående år"),
        ("Antal proaktiva SIP/kommun", "count", "Inget målvärde"),
        ("Dokumenterade rutin för erbjudande", "yes_no", "Inget målvärde"),
        ("Nyckeltal enligt beslutad uppföljningsmall", "text", "Inget målvärde"),
    ],
)  # fmt: skip
def test_targets_are_parsed_into_structured_fields(simba_plan, plan_text_start, value_kind, target):
    figure = KeyFigure.objects.get(plan_text__startswith=plan_text_start)
    assert figure.value_kind == value_kind
    assert figure.target_label == target


def test_comparison_thresholds_match_the_numbers_in_the_plan_text(simba_plan):
    for figure in KeyFigure.objects.filter(target_kind="comparison"):
        number = re.search(r"\((?:[<>≥≤] ?)?(\d+(?:,\d+)?)", figure.plan_text).group(1)
        assert figure.target_threshold == type(figure.target_threshold)(number.replace(",", "."))


def test_see_goal_2_2_references_point_to_goal_2_2(simba_plan):
    sharing = Goal.objects.filter(shares_with__isnull=False).select_related("shares_with")
    assert sorted(g.code for g in sharing) == ["3.4", "4:2", "5:3"]
    assert {g.shares_with.code for g in sharing} == {"2:2"}
    rows = [line for line in seed.seed_text().splitlines() if line.startswith("Se mål 2:2\t")]
    assert len(rows) == 3


def test_measurement_methods_and_data_sources(simba_plan):
    sip = Goal.objects.get(code="2:2")
    assert sip.measurement_method == "*Antal upprättade och uppföljda SIP hämtas från SAMSA"
    assert {f.data_source for f in sip.key_figures.all()} == {"SAMSA"}
    palliative = Goal.objects.get(code="5:5")
    assert "hämtas från Svenska palliativregistret" in palliative.measurement_method
    coverage = palliative.key_figures.get(name__startswith="Täckningsgraden")
    assert (coverage.frequency, coverage.as_of_month, coverage.as_of_day) == (
        "rolling_12_months",
        12,
        1,
    )


def test_key_figures_know_who_follows_up_and_to_whom_they_are_reported(simba_plan):
    stay = KeyFigure.objects.get(name="Medelvårdtiden som utskrivningsklar")
    assert stay.followed_up_by.name == "Utvecklingsgruppen för in- och utskrivningsprocessen"
    assert {a.name for a in stay.reported_to.all()} == {
        "Närområdesgrupperna",
        "Utvecklingsgruppen för in- och utskrivningsprocessen",
        "Samordningsgruppen",
        "Politiska samrådsgruppen",
    }
    assert stay.get_reporting_frequency_display() == "minst en gång/år"
    far = KeyFigure.objects.get(name="Antal förskrivna FaR")
    assert far.get_reporting_frequency_display() == "en gång/år"


def test_the_area_and_its_four_municipalities(simba_plan):
    area = OrgUnit.objects.get(kind="area")
    assert {(u.name, u.code) for u in area.children.all()} == {
        ("Ale", "1440"), ("Kungälv", "1482"), ("Stenungsund", "1415"), ("Tjörn", "1419")
    }  # fmt: skip


def test_goal_codes_sort_numerically_whatever_the_separator(simba_plan):
    codes = list(
        Goal.objects.filter(focus_area__number=3)
        .order_by("sort_key")
        .values_list("code", flat=True)
    )
    assert codes == ["3.1", "3.2", "3.3", "3.4"]
