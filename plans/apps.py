from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Handlingsplaner"

    def ready(self) -> None:
        post_migrate.connect(_content_version_triggers, sender=self,
                             dispatch_uid="plans-content-version")  # fmt: skip


def _content_version_triggers(sender, using, apps=None, **kwargs):
    """After every `migrate` (and a test database's flush): the content version triggers of the
    tables as they are now (plans/content_version.py), once the version table exists."""
    from django.db import connections

    from plans import content_version

    connection = connections[using]
    if content_version.VERSIONS in connection.introspection.table_names():
        content_version.install(connection, apps or sender.apps)
        content_version.fill(connection)
