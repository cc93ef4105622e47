from django.apps import AppConfig


class SimbaConfig(AppConfig):
    """The project package as an app, so its signal receivers are connected at start-up."""

    name = "simba"
    verbose_name = "SIMBA"

    def ready(self) -> None:
        from simba import security  # noqa: F401  (connects the log-in and session receivers)
