"""iCalendar (RFC 5545) feeds of meetings, which a calendar application can subscribe to:
every meeting, or one body's.

Each meeting is an all-day event (DTSTART and an exclusive DTEND as dates), with a UID
built from its key, which never changes, so a subscriber's copy is updated in place.
"""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from icalendar import Calendar, Event

from .models import Body, Meeting

DOMAIN = "cstoarchive"
MEETINGS_LIMIT = 2000  # newest first; far above the meetings of any body


def meeting_event(meeting, site):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{DOMAIN}")
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.date)
    event.add("dtend", meeting.last_day + datetime.timedelta(days=1))
    event.add("summary", meeting.title)
    if meeting.display_place:
        event.add("location", meeting.display_place)
    if meeting.display_summary:
        event.add("description", meeting.display_summary)
    event.add("url", site + meeting.get_absolute_url())
    return event


def calendar_response(request, name, meetings):
    """Answer with the meetings as one calendar (text/calendar, UTF-8)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{DOMAIN}//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    site = request.build_absolute_uri("/")[:-1]
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, site))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


class MeetingsCalendarView(View):
    """Every meeting the archive holds."""

    query_parameters = ()

    def get(self, request):
        meetings = Meeting.objects.select_related("body")[:MEETINGS_LIMIT]
        return calendar_response(request, _("CSTO archive: meetings"), meetings)


class BodyCalendarView(View):
    """The meetings of one body."""

    query_parameters = ()

    def get(self, request, slug):
        body = get_object_or_404(Body, slug=slug)
        meetings = body.meetings.select_related("body")[:MEETINGS_LIMIT]
        name = _("CSTO archive: meetings of %(body)s") % {"body": body.display_name}
        return calendar_response(request, name, meetings)
