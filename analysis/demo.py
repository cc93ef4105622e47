"""Plausible analysis texts for demonstrations and benchmarks (never for real data): so that the
report, the deck and the pages can be looked at with texts of a realistic length."""

import random

from analysis.models import FocusAreaAnalysis, GoalAnalysis, UnitComment, YearAnalysis
from organisation.models import OrgUnit
from plans.models import FocusArea, Goal

RESULTS = [
    "Nyckeltalen når målvärdet i tre av fyra kommuner; Tjörn ligger strax under.",
    "Värdet har förbättrats sedan förra året men når ännu inte målvärdet.",
    "Resultatet är oförändrat mot förra året; två kommuner saknar värden för andra halvåret.",
]
CAUSES = [
    "Den gemensamma rutinen har införts i alla kommuner, men bemanningen under sommaren "
    "begränsade arbetet.",
    "Fler verksamheter har utbildats, och samverkan med vårdcentralerna har blivit tätare.",
    "Mätningen har ändrats under året, så jämförelsen med förra året är osäker.",
]
ASSESSMENTS = [
    "Bedömning: målet bedöms kunna nås under planperioden.",
    "Bedömning: utvecklingen går åt rätt håll, men takten behöver öka.",
    "Bedömning: målet nås inte utan ytterligare åtgärder.",
]
STEPS = [
    "Rutinen följs upp i varje närområdesgrupp. Ansvar: processledaren. Klart: juni {next}.",
    "Gemensam utbildningsdag för medarbetarna. Ansvar: samordningsgruppen. Klart: mars {next}.",
    "Mätmetoden stäms av med regionen. Ansvar: utvecklingsledarna. Klart: april {next}.",
]
COMMENTS = [
    "Vi har fått en ny samordnare under hösten, vilket märks i resultatet.",
    "Sommarens bemanning påverkade resultatet; arbetet är nu i gång igen.",
    "Vi testar ett nytt arbetssätt tillsammans med vårdcentralen.",
]


def _analysis(rng) -> str:
    return (
        " ".join(["Resultat: " + rng.choice(RESULTS), "Orsaker: " + rng.choice(CAUSES)])
        + "\n\n"
        + rng.choice(ASSESSMENTS)
    )


def fill_analysis(plan, year: int, seed: int = 2026) -> int:
    """Texts for every part of `plan`'s `year` and comments from two municipalities on every
    other goal; parts that already have a saved row are left alone. Returns the rows created."""
    rng = random.Random(f"{seed}-{plan.pk}-{year}")
    steps = lambda: rng.choice(STEPS).format(next=year + 1)  # noqa: E731
    created = 0
    _, new = YearAnalysis.objects.get_or_create(plan=plan, year=year, defaults={"version": 1,
        "overall": (f"Planen går i huvudsak enligt plan {year}. Flest mål är uppfyllda inom "
                    "trygg och säker vårdövergång, där utskrivningen går snabbare i tre av fyra "
                    "kommuner.\n\nDe största avvikelserna gäller barn och ungas psykiska hälsa, "
                    "där väntetiderna har ökat, och äldres läkemedelsgenomgångar, där två "
                    "kommuner saknar värden.")})  # fmt: skip
    created += new
    for fa in FocusArea.objects.filter(plan=plan):
        _, new = FocusAreaAnalysis.objects.get_or_create(
            focus_area=fa, year=year,
            defaults={"version": 1, "analysis": _analysis(rng), "next_steps": steps()},
        )  # fmt: skip
        created += new
    units = list(
        OrgUnit.objects.in_area(plan.collaboration_area_id)
        .filter(kind=OrgUnit.Kind.MUNICIPALITY)
        .order_by("name")
    )
    for i, goal in enumerate(Goal.objects.filter(focus_area__plan=plan).order_by("sort_key")):
        _, new = GoalAnalysis.objects.get_or_create(
            goal=goal, year=year,
            defaults={"version": 1, "analysis": _analysis(rng), "next_steps": steps()},
        )  # fmt: skip
        created += new
        if i % 2 == 0:
            for k, unit in enumerate(rng.sample(units, min(2, len(units)))):
                _, new = UnitComment.objects.get_or_create(
                    goal=goal, year=year, org_unit=unit,
                    defaults={"version": 1, "text": COMMENTS[(i + k) % len(COMMENTS)]},
                )  # fmt: skip
                created += new
    return created
