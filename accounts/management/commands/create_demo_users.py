from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, create_demo_users


class Command(BaseCommand):
    help = "Skapar ett demokonto per roll (endast för lokal utveckling och demonstration)."

    def handle(self, *args, **options):
        users = create_demo_users()
        self.stdout.write(f"Demokonton (lösenord för alla: {DEMO_PASSWORD}):")
        for user in users:
            self.stdout.write(
                f"  {user.username:<14} {user.profile.get_role_display()}"
                + (f" – {user.profile.org_unit}" if user.profile.org_unit else "")
            )
