"""Link a text to the archive's bodies, officials and states through their names and aliases."""

from dataclasses import dataclass, field


@dataclass
class Match:
    start: int
    end: int
    kind: str  # "body", "official", "state", "place" or "unknown_person"
    obj: object = None  # the Body, Official or MemberState
    text: str = ""


@dataclass
class Links:
    bodies: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    states: list = field(default_factory=list)
    places: list = field(default_factory=list)
    unknown_people: list = field(default_factory=list)
    matches: list = field(default_factory=list)  # every Match, for highlighting


class Linker:
    """Everything needed to link texts, read once from the database."""

    @classmethod
    def from_db(cls):
        return cls()

    def link(self, text, *, language="en", published=None):
        """Return the Links found in a text."""
        return Links()
