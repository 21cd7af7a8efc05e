"""The input of the importer: a text with what is known about where it came from."""

from dataclasses import dataclass


@dataclass
class Record:
    """One input text.

    `url`, `source` and `date_stamp` describe the page the text was taken from. A record's
    own `title`, `language`, `published`, `bodies` and `officials` fields, when a JSON
    file has them, are never read: they are what extraction is measured against.
    """

    id: str
    text: str
    url: str = ""
    source: str = ""
    date_stamp: str = ""  # YYYY-MM-DD of the stored page, when the crawler recorded one
