from django.apps import AppConfig


class SimbaConfig(AppConfig):
    """The project package as an app, so its signal receivers are connected at start-up."""

    name = "simba"
    verbose_name = "SIMBA"

    def ready(self) -> None:
        from simba import auth_backends, security  # noqa: F401  (security connects its receivers)

        auth_backends.connect_receivers()  # a changed user, profile or unit leaves the user cache
