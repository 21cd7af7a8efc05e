import datetime

import pytest

from news.models import Status
from people.models import Body, Chairmanship, MembershipEvent


@pytest.fixture
def archive(make_item, make_statement, council, ministers, secretariat, official, kazakhstan):
    """A small archive: published items over three years and bodies, and drafts among them."""
    secretariat.parent = council
    secretariat.save()
    MembershipEvent.objects.create(
        state=kazakhstan, kind=MembershipEvent.Kind.SIGNED, date=datetime.date(1992, 5, 15)
    )
    Chairmanship.objects.create(year=2024, state=kazakhstan)
    items = {}
    for n, (year, bodies, status) in enumerate(
        [
            (2023, [council], Status.PUBLISHED),
            (2024, [council, ministers], Status.PUBLISHED),
            (2024, [ministers], Status.PUBLISHED),
            (2024, [ministers], Status.DRAFT),
            (2025, [council], Status.PUBLISHED),
            (2024, [council], Status.PUBLISHED),
            (2024, [], Status.PUBLISHED),
        ]
    ):
        items[n] = make_item(
            published_on=datetime.date(year, 3, 1 + n % 3),
            bodies=bodies,
            status=status,
            language="ru" if n == 2 else "en",
        )
    items[0].officials.add(official)
    items[0].states.add(kazakhstan)
    # A Russian version of item 1, and a draft translation of item 4.
    items[2].translation_of = items[1]
    items[2].save()
    draft_translation = make_item(status=Status.DRAFT, translation_of=items[4], language="ru")
    make_statement(body=ministers, news_item=items[1])
    make_statement(body=council, news_item=items[3], said_on=datetime.date(2023, 5, 5))
    make_statement(status=Status.DRAFT, text="A draft statement.")
    return {
        "items": items,
        "draft": items[3],
        "draft_translation": draft_translation,
        "bodies": Body.objects.all(),
    }
