"""Who may do what, for news items and statements and for the people behind them.

Each test performs one action the way a member of one role would: the admin's own forms
(read from the rendered page and posted back), its actions and its delete confirmation,
or the public page. It then checks both the answer and the database.

| action                                       | anonymous | Editor | Publisher | superuser |
| -------------------------------------------- | --------- | ------ | --------- | --------- |
| view a draft (public page, admin change page)| no        | yes    | yes       | yes       |
| view a draft's history (public, admin)       | no        | yes    | yes       | yes       |
| create (always as a draft)                   | no        | yes    | yes       | yes       |
| edit a draft                                 | no        | yes    | yes       | yes       |
| edit a published text, live at once          | no        | no     | yes       | yes       |
| propose a change to a published text         | no        | yes    | (at once) | (at once) |
| submit a draft for review, take it back      | no        | yes    | yes       | yes       |
| publish (status field, list action, button)  | no        | no     | yes       | yes       |
| send back from review (with a comment)       | no        | no     | yes       | yes       |
| approve, send back a pending change          | no        | no     | yes       | yes       |
| unpublish: withdraw (status field, action)   | no        | no     | yes       | yes       |
| see the review queue                         | no        | yes    | yes       | yes       |
| delete                                       | no        | no     | yes       | yes       |
| manage people (add/change Official, Position, Body) | no | no     | yes       | yes       |
| save an old version from its history page   | no        | no     | no        | no        |

Saving an old version is refused to everyone: simple-history's revert is switched off, as
it would bring back old fields but keep today's links, and it would bypass the status
check. "No" means: an anonymous reader gets a 404 on public pages and is sent to the admin login
everywhere in the admin; an Editor gets a 403, or for publishing a form error or an error
message, and in every case the database is left as it was. An Editor is not even offered
the status field or the publish actions.
"""

import datetime

import pytest
from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from core.history import revision
from news.models import NewsItem, PendingChange, ReviewStep, Statement, Status
from people.models import Body, Official, Position
from tests.support.admin_form import form_fields

ROLES = ["anonymous", "editor", "publisher", "superuser"]
STAFF = {"editor", "publisher", "superuser"}
PUBLISHERS = {"publisher", "superuser"}

ALLOWED = {
    "view_draft": STAFF,
    "view_history": STAFF,
    "create": STAFF,
    "edit": STAFF,
    "edit_published": PUBLISHERS,
    "propose": STAFF,
    "submit": STAFF,
    "take_back": STAFF,
    "send_back": PUBLISHERS,
    "review_change": PUBLISHERS,
    "review_queue": STAFF,
    "publish": PUBLISHERS,
    "unpublish": PUBLISHERS,
    "delete": PUBLISHERS,
    "manage_people": PUBLISHERS,
    "revert": set(),
}

DRAFT_TEXT = "Draft words about a closed meeting of the council."


# --- Reading a rendered admin form --------------------------------------------------------


def read_form(client, url, form_id=None):
    """GET a page and return a form's submission as {name: [values]}, without templates.

    The form is the one with this id, or with none when form_id is None (the delete page's).
    """
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = {}
    for name, value in form_fields(response.content.decode(), form_id):
        if "__prefix__" not in name:  # the hidden template row of an inline
            data.setdefault(name, []).append(value)
    assert data, f"no form {form_id!r} on {url}"
    return data


def form_errors(response):
    """Return the errors of a re-displayed admin form, to explain a failed assertion."""
    context = response.context
    return context["adminform"].form.errors if context and "adminform" in context else None


def change_form(client, obj):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return url, read_form(client, url, f"{opts.model_name}_form")


def add_form(client, model):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    return url, read_form(client, url, f"{opts.model_name}_form")


def with_values(data, **values):
    """Return the form data with some fields set, as a user would type or pick them."""
    return data | {
        name: value if isinstance(value, list) else [value] for name, value in values.items()
    }


# --- Roles -------------------------------------------------------------------------------


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("chief", password="pw-chief")


@pytest.fixture
def users(db, django_user_model, superuser):
    """One user per role, Editors and Publishers in the groups the data migration made."""
    made = {"anonymous": None, "superuser": superuser}
    for role, group in (("editor", "Editors"), ("publisher", "Publishers")):
        user = django_user_model.objects.create_user(role, password=f"pw-{role}", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        made[role] = user
    return made


@pytest.fixture
def boss(superuser):
    """A superuser's own browser, to read forms that a refused role cannot even open."""
    browser = Client()
    browser.force_login(superuser)
    return browser


class Actor:
    """One role at work: its browser, a superuser's browser beside it, and what it may do."""

    def __init__(self, role, user, boss):
        self.role = role
        self.user = user
        self.boss = boss
        self.client = Client()
        if user is not None:
            self.client.force_login(user)

    def may(self, action):
        return self.role in ALLOWED[action]

    def form_reader(self, action):
        """Whose browser renders the form: the actor's own, or a superuser's for a refused one."""
        return self.client if self.may(action) else self.boss

    def assert_refused_in_admin(self, response):
        """Anonymous readers go to the login page; a logged-in role without rights gets 403."""
        if self.user is None:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))
        else:
            assert response.status_code == 403


@pytest.fixture(params=ROLES)
def actor(request, users, boss):
    return Actor(request.param, users[request.param], boss)


# --- The subjects --------------------------------------------------------------------------


@pytest.fixture
def subject(request, council, official):
    """Return a factory of draft (or published) news items or statements, per `model`."""
    model = request.param

    def make(status=Status.DRAFT):
        if model is NewsItem:
            item = NewsItem.objects.create(
                title="Council met behind closed doors",
                slug="council-met-behind-closed-doors",
                published_on=datetime.date(2024, 3, 3),
                language="en",
                text=DRAFT_TEXT,
                status=status,
            )
            item.bodies.add(council)
            return item
        return Statement.objects.create(
            speaker=official,
            said_on=datetime.date(2024, 3, 3),
            language="en",
            text=DRAFT_TEXT,
            status=status,
        )

    make.model = model
    return make


MODELS = pytest.mark.parametrize(
    "subject", [NewsItem, Statement], indirect=True, ids=lambda m: m.__name__
)


def admin_url(model, view, *args):
    return reverse(f"admin:news_{model._meta.model_name}_{view}", args=args)


def fetch(model, pk):
    return model.objects.filter(pk=pk).first()


# --- Viewing drafts and their history -----------------------------------------------------


@MODELS
def test_view_draft_on_the_public_page(actor, subject):
    draft = subject()
    response = actor.client.get(draft.get_absolute_url())
    if actor.may("view_draft"):
        assert response.status_code == 200
        assert DRAFT_TEXT.encode() in response.content
        assert response.context["object"].pk == draft.pk
    else:
        assert response.status_code == 404
        assert DRAFT_TEXT.encode() not in response.content


@MODELS
def test_view_draft_in_the_admin(actor, subject):
    draft = subject()
    response = actor.client.get(admin_url(subject.model, "change", draft.pk))
    if actor.may("view_draft"):
        assert response.status_code == 200
        assert response.context["original"].pk == draft.pk
        assert DRAFT_TEXT.encode() in response.content
    else:
        actor.assert_refused_in_admin(response)
        assert DRAFT_TEXT.encode() not in response.content


@MODELS
def test_view_draft_history_on_the_public_page(actor, subject):
    draft = subject()
    response = actor.client.get(draft.get_history_url())
    if actor.may("view_history"):
        assert response.status_code == 200
        assert response.context["subject"].pk == draft.pk
        assert response.context["revisions"] == []  # a draft has no published version
    else:
        assert response.status_code == 404
        assert DRAFT_TEXT.encode() not in response.content


@MODELS
def test_view_draft_history_in_the_admin(actor, subject):
    draft = subject()
    response = actor.client.get(admin_url(subject.model, "history", draft.pk))
    if actor.may("view_history"):
        assert response.status_code == 200
        assert response.context["object"].pk == draft.pk
    else:
        actor.assert_refused_in_admin(response)


# --- Creating and editing -------------------------------------------------------------------


@MODELS
def test_create(actor, subject, official):
    model = subject.model
    url, data = add_form(actor.form_reader("create"), model)
    if model is NewsItem:
        data = with_values(
            data,
            title="A new report",
            slug="a-new-report",
            published_on="2024-05-05",
            language="en",
            text="Freshly typed text.",
        )
    else:
        data = with_values(
            data,
            speaker=str(official.pk),
            said_on="2024-05-05",
            language="en",
            text="Freshly typed text.",
        )
    before = model.objects.count()
    response = actor.client.post(url, data)
    created = model.objects.filter(text="Freshly typed text.").first()
    if actor.may("create"):
        assert response.status_code == 302, form_errors(response)
        assert created is not None
        assert created.status == Status.DRAFT
        assert created.history.get().history_user == actor.user
    else:
        actor.assert_refused_in_admin(response)
        assert created is None
        assert model.objects.count() == before


@MODELS
def test_edit(actor, subject):
    draft = subject()
    url, data = change_form(actor.form_reader("edit"), draft)
    data = with_values(
        data, text="Corrected text.", change_reason="Fixed a word", change_kind="minor"
    )
    response = actor.client.post(url, data)
    after = fetch(subject.model, draft.pk)
    if actor.may("edit"):
        assert response.status_code == 302, form_errors(response)
        assert after.text == "Corrected text."
        assert after.status == Status.DRAFT
        latest = after.history.latest("history_date")
        assert (latest.history_user, latest.history_change_reason) == (actor.user, "Fixed a word")
    else:
        actor.assert_refused_in_admin(response)
        assert after.text == DRAFT_TEXT
        assert after.history.count() == draft.history.count()


# --- Publishing and unpublishing -------------------------------------------------------------

STATUS_CHANGES = pytest.mark.parametrize(
    ("action", "start", "goal"),
    [
        ("publish", Status.DRAFT, Status.PUBLISHED),
        ("publish", Status.IN_REVIEW, Status.PUBLISHED),
        ("unpublish", Status.PUBLISHED, Status.WITHDRAWN),
    ],
)


@MODELS
@STATUS_CHANGES
def test_status_change_through_the_form(actor, subject, action, start, goal):
    obj = subject(status=start)
    # An Editor may open the form (to edit), so reads it itself, and finds no status field.
    reader = actor.client if actor.may("edit") else actor.boss
    url, data = change_form(reader, obj)
    if actor.may(action) or actor.user is None:
        assert data["status"] == [start]
    else:
        assert "status" not in data
        assert b'name="status"' not in actor.client.get(url).content
    # Posting the status anyway, as a forged form would.
    data = with_values(data, status=goal, change_reason="Status", change_kind="minor")
    response = actor.client.post(url, data)
    after = fetch(subject.model, obj.pk)
    if actor.may(action):
        assert response.status_code == 302, form_errors(response)
        assert after.status == goal
        step = ReviewStep.objects.get(**ReviewStep.subject_filter(after))
        assert (step.user, step.status) == (actor.user, goal)
    elif actor.user is None:
        actor.assert_refused_in_admin(response)
        assert after.status == start
    else:
        assert response.status_code == 302, form_errors(response)
        assert after.status == start
        assert after.history.count() == obj.history.count()  # no version of another status
        assert not PendingChange.objects.exists()


@MODELS
@STATUS_CHANGES
def test_status_change_through_the_list_action(actor, subject, action, start, goal):
    obj = subject(status=start)
    model = subject.model
    url = admin_url(model, "changelist")
    reader = actor.client if actor.may("edit") else actor.boss
    page = reader.get(url)
    offered = f'value="{action}"'.encode() in page.content
    assert offered == (actor.may(action) or actor.user is None)
    data = read_form(reader, url, "changelist-form")
    response = actor.client.post(
        url, with_values(data, action=action, _selected_action=str(obj.pk))
    )
    after = fetch(model, obj.pk)
    if actor.user is None:
        actor.assert_refused_in_admin(response)
        assert after.status == start
        return
    assert response.status_code in (200, 302)
    levels = [message.level for message in get_messages(response.wsgi_request)]
    if actor.may(action):
        assert after.status == goal
        assert levels == [messages.SUCCESS]
        assert after.history.latest("history_date").history_user == actor.user
    else:
        # Not offered: Django answers that no action was chosen, and changes nothing.
        assert after.status == start
        assert messages.SUCCESS not in levels
        assert after.history.count() == obj.history.count()


# --- Review: submitting, taking back, sending back -------------------------------------------

REVIEW_STEPS = pytest.mark.parametrize(
    ("action", "step", "start", "goal"),
    [
        ("submit", "submitted", Status.DRAFT, Status.IN_REVIEW),
        ("submit", "submitted", Status.WITHDRAWN, Status.IN_REVIEW),
        ("take_back", "taken_back", Status.IN_REVIEW, Status.DRAFT),
        ("send_back", "sent_back", Status.IN_REVIEW, Status.DRAFT),
        ("publish", "published", Status.IN_REVIEW, Status.PUBLISHED),
    ],
)


@MODELS
@REVIEW_STEPS
def test_review_step_buttons(actor, subject, action, step, start, goal):
    obj = subject(status=start)
    page = actor.client.get(admin_url(subject.model, "change", obj.pk))
    # A Publisher sends back where an Editor takes back: each is offered its own button.
    if actor.may(action) and not (action == "take_back" and actor.role in PUBLISHERS):
        assert f'name="step" value="{step}"'.encode() in page.content
    elif actor.user is not None:
        assert f'name="step" value="{step}"'.encode() not in page.content
    response = actor.client.post(
        admin_url(subject.model, "review_step", obj.pk),
        {"step": step, "comment": "Check the second paragraph."},
    )
    after = fetch(subject.model, obj.pk)
    if actor.user is None:
        actor.assert_refused_in_admin(response)
        assert after.status == start
        return
    assert response.status_code == 302
    allowed = actor.may(action) and not (action == "take_back" and actor.role in PUBLISHERS)
    if allowed:
        assert after.status == goal
        taken = ReviewStep.objects.get(**ReviewStep.subject_filter(after))
        assert (taken.action, taken.user, taken.comment) == (
            step,
            actor.user,
            "Check the second paragraph.",
        )
        assert after.history.latest("history_date").history_user == actor.user
    else:
        assert after.status == start
        assert not ReviewStep.objects.exists()
        assert after.history.count() == obj.history.count()


@MODELS
def test_sending_back_needs_a_comment(actor, subject):
    obj = subject(status=Status.IN_REVIEW)
    if actor.user is None:
        return
    response = actor.client.post(
        admin_url(subject.model, "review_step", obj.pk), {"step": "sent_back", "comment": " "}
    )
    assert response.status_code == 302
    assert fetch(subject.model, obj.pk).status == Status.IN_REVIEW
    assert [m.level for m in get_messages(response.wsgi_request)] == [messages.ERROR]


# --- Changes to published texts -----------------------------------------------------------------


@MODELS
def test_edit_of_a_published_text(actor, subject):
    published = subject(status=Status.PUBLISHED)
    url, data = change_form(actor.form_reader("edit"), published)
    data = with_values(
        data, text="Corrected text.", change_reason="Fixed a word", change_kind="substantive"
    )
    response = actor.client.post(url, data)
    after = fetch(subject.model, published.pk)
    pending = PendingChange.objects.filter(state="pending").first()
    if actor.user is None:
        actor.assert_refused_in_admin(response)
        assert after.text == DRAFT_TEXT
        assert pending is None
    elif actor.may("edit_published"):
        assert response.status_code == 302, form_errors(response)
        assert after.text == "Corrected text."
        assert pending is None
    else:
        assert response.status_code == 302, form_errors(response)
        assert actor.may("propose")
        assert after.text == DRAFT_TEXT  # readers keep the published text
        assert after.version == published.version
        assert (pending.author, pending.reason, pending.kind) == (
            actor.user,
            "Fixed a word",
            "substantive",
        )
        assert pending.values == {"text": "Corrected text."}


@MODELS
@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_review_of_a_pending_change(actor, subject, users, decision):
    published = subject(status=Status.PUBLISHED)
    editor = Client()
    editor.force_login(users["editor"])
    url, data = change_form(editor, published)
    data = with_values(
        data, text="Proposed text.", change_reason="Fixed a name", change_kind="substantive"
    )
    assert editor.post(url, data).status_code == 302
    pending = PendingChange.objects.get(state="pending")
    response = actor.client.post(
        reverse("admin:news_review_change", args=[pending.pk]),
        {"decision": decision, "comment": "Not in the source."},
    )
    after = fetch(subject.model, published.pk)
    pending.refresh_from_db()
    if actor.may("review_change"):
        assert response.status_code == 302
    else:
        actor.assert_refused_in_admin(response)
    if actor.may("review_change"):
        if decision == "approve":
            assert after.text == "Proposed text."
            latest = after.history.latest("history_date")
            assert (latest.history_change_reason, latest.change_kind) == (
                "Fixed a name",
                "substantive",
            )
            assert pending.state == "approved"
        else:
            assert after.text == DRAFT_TEXT
            assert pending.state == "rejected"
    else:
        assert after.text == DRAFT_TEXT
        assert pending.state == "pending"


def test_review_queue(actor):
    response = actor.client.get(reverse("admin:news_review_queue"))
    if actor.may("review_queue"):
        assert response.status_code == 200
    else:
        actor.assert_refused_in_admin(response)


# --- Deleting ---------------------------------------------------------------------------------


@MODELS
def test_delete(actor, subject):
    obj = subject()
    url = admin_url(subject.model, "delete", obj.pk)
    page = actor.client.get(url)
    data = read_form(actor.form_reader("delete"), url)
    assert data["post"] == ["yes"]
    response = actor.client.post(url, data)
    after = fetch(subject.model, obj.pk)
    if actor.may("delete"):
        assert page.status_code == 200
        assert response.status_code == 302
        assert after is None
    else:
        actor.assert_refused_in_admin(page)
        actor.assert_refused_in_admin(response)
        assert after is not None


@MODELS
def test_delete_through_the_list_action(actor, subject):
    obj = subject()
    url = admin_url(subject.model, "changelist")
    chosen = {"action": "delete_selected", "_selected_action": str(obj.pk)}
    reader = actor.client if actor.may("edit") else actor.boss
    data = with_values(read_form(reader, url, "changelist-form"), **chosen)
    # The action first asks for confirmation; confirming posts the same with post=yes.
    response = actor.client.post(url, with_values(data, post="yes"))
    after = fetch(subject.model, obj.pk)
    if actor.user is None:
        actor.assert_refused_in_admin(response)
    elif actor.may("delete"):
        assert response.status_code == 302
    else:
        # An Editor is not offered the action; asking for it anyway selects nothing.
        assert response.status_code == 302
        assert [m.level for m in get_messages(response.wsgi_request)] == [messages.WARNING]
    assert (after is None) == actor.may("delete")


# --- Managing people --------------------------------------------------------------------------


def people_add_values(model, official, kazakhstan):
    """Return what a user types into the add form of each model of people."""
    if model is Official:
        return {"name": "Nurlan Example", "slug": "nurlan-example"}
    if model is Position:
        return {
            "official": str(official.pk),
            "title": Position.Title.FOREIGN_MINISTER,
            "state": str(kazakhstan.pk),
            "start": "2021-03-01",
            "note": "Added for the matrix",
        }
    return {"name": "Joint Staff", "slug": "joint-staff", "kind": Body.Kind.PERMANENT}


def people_lookup(model):
    return {
        Official: {"slug": "nurlan-example"},
        Position: {"note": "Added for the matrix"},
        Body: {"slug": "joint-staff"},
    }[model]


PEOPLE = pytest.mark.parametrize("model", [Official, Position, Body], ids=lambda m: m.__name__)


@PEOPLE
def test_add_people(actor, model, official, kazakhstan):
    url, data = add_form(actor.form_reader("manage_people"), model)
    data = with_values(data, **people_add_values(model, official, kazakhstan))
    if not actor.may("manage_people"):
        actor.assert_refused_in_admin(actor.client.get(url))
    response = actor.client.post(url, data)
    created = model.objects.filter(**people_lookup(model)).first()
    if actor.may("manage_people"):
        assert response.status_code == 302, form_errors(response)
        assert created is not None
        assert created.history.get().history_user == actor.user
    else:
        actor.assert_refused_in_admin(response)
        assert created is None


@PEOPLE
def test_change_people(actor, model, official, secretariat):
    obj = {Official: official, Position: official.positions.first(), Body: secretariat}[model]
    field = {Official: "summary", Position: "note", Body: "description"}[model]
    url, data = change_form(actor.form_reader("manage_people"), obj)
    data = with_values(data, **{field: "Changed by hand", "change_reason": "Checked the source"})
    page = actor.client.get(url)
    if actor.user is None:
        actor.assert_refused_in_admin(page)
    elif not actor.may("manage_people"):
        assert page.status_code == 200
        assert page.context["has_change_permission"] is False  # Editors may look, not change
    response = actor.client.post(url, data)
    obj.refresh_from_db()
    if actor.may("manage_people"):
        assert response.status_code == 302, form_errors(response)
        assert getattr(obj, field) == "Changed by hand"
    else:
        actor.assert_refused_in_admin(response)
        assert getattr(obj, field) != "Changed by hand"


# --- Old versions are for reading -----------------------------------------------------------


@pytest.mark.parametrize("model", [NewsItem, Statement, Official], ids=lambda m: m.__name__)
def test_saving_an_old_version_is_refused(actor, model, make_item, make_statement, official):
    """A version's page shows its form, but posting it must change nothing, whoever posts.

    An unpublished text's published version would otherwise come back published, and an
    official's page would take edits from a role that may only look.
    """
    if model is Official:
        obj, field, before = official, "summary", official.summary
    else:
        obj = make_item() if model is NewsItem else make_statement()  # published
        with revision(obj, reason="Withdrawn"):
            obj.status = Status.DRAFT
            obj.save()
        field, before = "status", Status.DRAFT
    old = obj.history.order_by("history_date").first()
    opts = model._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, old.history_id]
    )
    reader = actor.client if actor.user is not None else actor.boss
    data = read_form(reader, url, f"historical{opts.model_name}_form")
    data = with_values(
        data, summary="Changed on an old version", change_reason="Back", change_kind="minor"
    )
    response = actor.client.post(url, data)
    actor.assert_refused_in_admin(response)
    obj.refresh_from_db()
    assert getattr(obj, field) == before
