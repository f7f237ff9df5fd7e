"""factory_boy factories for the models tests need."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organization, User

TEST_PASSWORD = "correct-horse-battery-42"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda number: f"user{number}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    country = "DE"
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class OrganizationFactory(DjangoModelFactory[Organization]):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda number: f"institution-{number}")
    name = factory.Sequence(lambda number: f"Institute of Automation {number}")
    kind = Organization.Kind.INSTITUTION
    country = "DE"


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.AUTHOR
