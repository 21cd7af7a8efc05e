"""The admin index's count of what waits for a publisher."""

from django import template

from news.review import waiting_count

register = template.Library()


@register.simple_tag
def review_waiting():
    """How many texts and changes wait for a publisher."""
    return waiting_count()
