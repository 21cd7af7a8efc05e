"""The archive's people and bodies in the Popolo format (persons, organizations, posts,
memberships, and the bodies' meetings as events), for the civic-tech tools that read it.

Ids are built from the database keys, which never change (slugs may): `person/12`,
`organization/body-3`, `organization/state-5`, `membership/40`, and for a post the
organization and the title, `post/body-3/secretary_general`.
"""

from django.db.models import Prefetch

from people.meetings import attendance
from people.models import Body, Meeting, MemberState, Official, Position

from .serializers import public_url

ARCHIVE_SCHEME = "cstoarchive"


def person_id(official_pk):
    return f"person/{official_pk}"


def body_id(body_pk):
    return f"organization/body-{body_pk}"


def state_id(state_pk):
    return f"organization/state-{state_pk}"


def names(entity, *, abbreviation=""):
    """Return Popolo other names: the Russian name, the abbreviation, then the aliases."""
    other, seen = [], {entity.name}
    candidates = [(entity.name_ru, "Russian"), (abbreviation, "abbreviation")]
    candidates += [(alias, "alias") for alias in entity.alias_list]
    for name, note in candidates:
        # Each name once: the Russian name is often among the aliases too.
        if name and name not in seen:
            seen.add(name)
            other.append({"name": name, "note": note})
    return other


def sources(url):
    return [{"url": url}] if url else []


def person(request, official):
    record = {
        "id": person_id(official.pk),
        "name": official.name,
        "other_names": names(official),
        "identifiers": [{"scheme": ARCHIVE_SCHEME, "identifier": official.slug}],
        "links": [{"url": public_url(request, official), "note": "CSTO archive"}],
    }
    if official.country_name:
        record["national_identity"] = official.country_name
    if official.summary:
        record["summary"] = official.summary
    return record


def body_organization(request, body):
    return {
        "id": body_id(body.pk),
        "name": body.name,
        "other_names": names(body, abbreviation=body.abbreviation),
        "classification": body.kind,
        "parent_id": body_id(body.parent_id) if body.parent_id else None,
        "identifiers": [{"scheme": ARCHIVE_SCHEME, "identifier": body.slug}],
        "links": [{"url": public_url(request, body), "note": "CSTO archive"}],
        "sources": sources(body.source_url),
    }


def state_organization(request, state):
    return {
        "id": state_id(state.pk),
        "name": state.name,
        "other_names": names(state),
        "classification": "member state",
        "parent_id": None,
        "identifiers": [
            {"scheme": ARCHIVE_SCHEME, "identifier": state.slug},
            {"scheme": "ISO 3166-1 alpha-2", "identifier": state.iso_code},
        ],
        "links": [{"url": public_url(request, state), "note": "CSTO archive"}],
    }


def role(position):
    """Return the post's name without its place, e.g. 'Minister of Foreign Affairs'."""
    if position.title == Position.Title.OTHER and position.note:
        return position.note
    return str(position.get_title_display())


def organization_of(position):
    if position.state_id:
        return state_id(position.state_id)
    if position.body_id:
        return body_id(position.body_id)
    return None


def post_of(position):
    """Return (id, post) of the office a position is a term of, or (None, None) without a
    body or state: a post belongs to an organization."""
    organization = organization_of(position)
    if organization is None:
        return None, None
    key = position.title
    if position.title == Position.Title.OTHER:
        key = f"other-{position.pk}"  # free-text posts are not shared between people
    post_id = f"post/{organization.removeprefix('organization/')}/{key}"
    return post_id, {
        "id": post_id,
        "label": position.label,
        "role": role(position),
        "organization_id": organization,
    }


def membership(position, post_id):
    record = {
        "id": f"membership/{position.pk}",
        "person_id": person_id(position.official_id),
        "role": role(position),
        "label": position.label,
        "sources": sources(position.source_url),
    }
    organization = organization_of(position)
    if organization:
        record["organization_id"] = organization
    if post_id:
        record["post_id"] = post_id
    if position.start:
        record["start_date"] = position.start.isoformat()
    if position.end:
        record["end_date"] = position.end.isoformat()
    return record


def export(request):
    """Return the Popolo document of every official, body, member state and position."""
    officials = list(
        Official.objects.select_related("country")
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("body", "state").order_by("start", "id"),
            )
        )
        .order_by("name", "id")
    )
    posts, memberships = {}, []
    for official in officials:
        for position in official.positions.all():
            post_id, post = post_of(position)
            if post_id:
                posts.setdefault(post_id, post)
            memberships.append(membership(position, post_id))
    bodies = Body.objects.order_by("name", "id")
    states = MemberState.objects.order_by("name", "id")
    return {
        "persons": [person(request, official) for official in officials],
        "organizations": [body_organization(request, body) for body in bodies]
        + [state_organization(request, state) for state in states],
        "posts": sorted(posts.values(), key=lambda post: post["id"]),
        "memberships": memberships,
        "events": events(request),
    }


def events(request):
    """Return a Popolo event per meeting, newest first, with the officials who sat there."""
    meetings = list(Meeting.objects.select_related("body").order_by("-date", "-id"))
    sat = attendance(meetings)
    return [
        {
            "id": f"event/meeting-{meeting.pk}",
            "name": meeting.title,
            "classification": meeting.format,
            "organization_id": body_id(meeting.body_id),
            "start_date": meeting.date.isoformat(),
            "end_date": meeting.last_day.isoformat(),
            "location": meeting.place or None,
            "attendees": [person_id(official.pk) for official in sat[meeting.pk]],
            "identifiers": [{"scheme": ARCHIVE_SCHEME, "identifier": meeting.slug}],
            "links": [{"url": public_url(request, meeting), "note": "CSTO archive"}],
            "sources": [{"url": url} for url in meeting.sources],
        }
        for meeting in meetings
    ]
