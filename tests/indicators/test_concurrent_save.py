"""Two people save the same new value at the same moment: one wins, the other is refused."""

import threading

import pytest
from django.db import connection

from indicators import entry, services
from indicators.models import Value
from plans.models import KeyFigure
from tests.indicators.conftest import grid_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_of_two_simultaneous_first_saves_is_refused(
    monkeypatch, ale_user, process_leader, ale, year_2027
):
    """Both have seen "no value yet"; the report's row lock lets one write first, and the other
    then finds a newer version than its form's and is refused."""
    far = KeyFigure.objects.get(name="Antal förskrivna FaR")
    both_loaded = threading.Barrier(2, timeout=10)
    outcomes = {}

    def save_as(user, number):
        try:
            rows = entry.load_rows(
                ale, year_2027, [far], grid_data([far], {far.pk: {"number": number}})
            )
            assert rows[0].form.is_valid()
            both_loaded.wait()
            entry.save_rows(ale, year_2027, rows, user, services.actor_for(user, ale))
            outcomes[user.username] = "saved"
        except entry.StaleSave as error:
            outcomes[user.username] = str(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save_as, args=(u, n))
               for u, n in ((ale_user, "10"), (process_leader, "20"))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert list(outcomes.values()).count("saved") == 1
    refused = [text for text in outcomes.values() if text != "saved"]
    assert len(refused) == 1 and "Någon annan har sparat" in refused[0]
    value = Value.objects.get(key_figure=far, org_unit=ale, period=year_2027)
    assert value.version == 1 and value.history.count() == 1
