import pytest
from django.urls import reverse


@pytest.fixture
def news_form(council, ministers, official):
    """Return a function building the admin add/change POST data of a news item."""

    def build(**extra):
        data = {
            "title": "Ministers met in Almaty",
            "slug": "ministers-met-in-almaty",
            "published_on": "2024-06-06",
            "language": "en",
            "kind": "news",
            "status": "draft",
            "lead": "",
            "text": "The ministers met and talked.",
            "place": "Almaty",
            "bodies": [council.pk, ministers.pk],
            "officials": [official.pk],
            "states": [],
            "source_name": "",
            "source_url": "",
            "translation_of": "",
            "change_reason": "",
            "change_kind": "",
        }
        return data | extra

    return build


@pytest.fixture
def add_url():
    return reverse("admin:news_newsitem_add")


@pytest.fixture
def other_speaker(kazakhstan):
    from people.models import Official

    return Official.objects.create(name="Erlan Other", name_ru="Ерлан Другой", slug="erlan-other")
