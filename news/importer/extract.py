"""The extraction pipeline shared by the commands and the admin."""

from dataclasses import dataclass, fields

from .dates import extract_date
from .language import detect_language
from .linking import Links
from .record import Record
from .titles import extract_title


@dataclass(kw_only=True)
class Extraction(Links):
    """What the linker found in one text, with the date, title and language proposed."""

    record: Record
    published: object  # datetime.date or None
    title: str | None
    language: str

    def as_json(self):
        """Return the dict that `manage.py extract` prints, one line per text."""
        return {
            "id": self.record.id,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "language": self.language,
            "bodies": [body.name for body in self.bodies],
            "officials": [official.name for official in self.officials],
            "states": [state.name for state in self.states],
            "places": self.places,
            "unknown_people": self.unknown_people,
        }


def extract(record, linker):
    """Propose date, title, language and links for one text."""
    language = detect_language(record.text)
    published = extract_date(
        record.text, url=record.url, date_stamp=record.date_stamp, language=language
    )
    links = linker.link(record.text, language=language, published=published)
    return Extraction(
        record=record,
        published=published,
        title=extract_title(record.text, language=language),
        language=language,
        **{link.name: getattr(links, link.name) for link in fields(Links)},
    )
