"""The one place that writes dates for machines (`<time datetime>`), and the language of
text typed without one.

Machine dates: `<time datetime>`, feeds and metadata.

Human dates use Django's own format names (`|date:"DATE_FORMAT"` for the long form,
`|date:"SHORT_DATE_FORMAT"` for the short one), defined per language in
`core/formats/`.
"""

import datetime

from django import template
from django.utils import timezone

from core.text import script_language

register = template.Library()


def machine_date(value):
    """Return ISO 8601 for a date or a datetime, to the second: HTML forbids microseconds."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


register.filter("iso", machine_date)


register.filter("script_lang", script_language)
