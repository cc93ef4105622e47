import pytest

from tests.faults.live import collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    collect_static(root)
    return root
