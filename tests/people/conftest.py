import pytest

from people.models import Official


@pytest.fixture
def other_official(kazakhstan):
    return Official.objects.create(name="Boris Testov", slug="boris-testov", country=kazakhstan)
