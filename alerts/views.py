"""Subscribe, confirm, leave and manage: public pages without a login; signed links are the
credentials.

None of these pages carries a CSRF token, and their POSTs are exempt: the subscribe form
sits on cached public pages (a token would set a cookie and stop the caching), and it only
asks for a confirmation email, limited per address and client; the one-click unsubscribe
POST comes from mail clients (RFC 8058) with nothing but the link; the manage page's
POSTs carry its signed link. None of them reads a session or a cookie, which is what a
CSRF token protects. Every page is private: the page cache never keeps one.
"""

from axes.helpers import get_client_ip_address
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from core.errors import too_many_requests

from . import services, throttle, tokens
from .forms import FrequencyForm, SubscribeForm
from .kinds import KINDS, kind_of
from .models import Subscription, normalise_email


class BadLinkMixin:
    """A link the archive did not sign, or one expired, is a 400 page saying so."""

    query_parameters = ()

    def bad_link(self, expired=False):
        return self.render_to_response({"bad_link": True, "expired": expired}, status=400)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class SubscribeView(TemplateView):
    """GET: the form for the filters in the address. POST: a request to subscribe."""

    template_name = "alerts/subscribe.html"

    @classmethod
    def query_parameters(cls):
        return {name for kind in KINDS.values() for name in kind.names()} | {"kind"}

    def get(self, request, *args, **kwargs):
        kind_name = request.GET.get("kind") or Subscription.Kind.NEWS
        if kind_name not in Subscription.Kind.values:
            kind_name = Subscription.Kind.NEWS
        form = SubscribeForm(initial={"kind": kind_name})
        return self.page(form, request.GET, kind_name=kind_name)

    def post(self, request, *args, **kwargs):
        if not throttle.client_allowed(get_client_ip_address(request) or "unknown"):
            return too_many_requests(request)
        form = SubscribeForm(request.POST)
        kind_name = request.POST.get("kind") or Subscription.Kind.NEWS
        if kind_name not in Subscription.Kind.values:
            form.add_error(None, SubscribeForm.base_fields["kind"].error_messages["invalid_choice"])
            return self.page(form, request.POST, status=400)
        filters, errors = kind_of(kind_name).normalise(request.POST)
        if errors or not form.is_valid():
            return self.page(
                form, request.POST, status=400, checked=(filters, errors), kind_name=kind_name
            )
        email = normalise_email(form.cleaned_data["email"])
        if not throttle.address_allowed(email):
            return too_many_requests(request)
        services.subscribe(
            email=email,
            kind=form.cleaned_data["kind"],
            filters=filters,
            frequency=form.cleaned_data["frequency"],
            language=get_language(),
            site=request.build_absolute_uri("/").rstrip("/"),
        )
        return redirect("alerts:sent", permanent=False)

    def page(self, form, data, status=200, checked=None, kind_name=Subscription.Kind.NEWS):
        kind = kind_of(kind_name)
        filters, errors = checked or kind.normalise(data)
        context = self.get_context_data(
            form=form,
            filter_errors=errors or {},
            filters=[(name, value) for name, value in pairs(filters or {})],
            description=kind.describe(filters) if filters else "",
        )
        return self.render_to_response(context, status=status)


def pairs(filters):
    for name, value in sorted(filters.items()):
        for one in value if isinstance(value, list) else [value]:
            yield name, one


@method_decorator(never_cache, name="dispatch")
class SentView(TemplateView):
    template_name = "alerts/sent.html"
    query_parameters = ()


@method_decorator(never_cache, name="dispatch")
class ConfirmView(BadLinkMixin, TemplateView):
    """Following the emailed link confirms: the link itself proves the inbox."""

    template_name = "alerts/confirmed.html"

    def get(self, request, token):
        try:
            subscription = services.confirm(token)
        except tokens.BadTokenError:
            return self.bad_link(expired=True)
        if subscription is None:
            raise Http404("No such subscription.")
        return self.render_to_response(
            self.get_context_data(
                subscription=subscription,
                description=kind_of(subscription.kind).describe(subscription.filters),
                manage_token=tokens.manage_token(subscription.email),
            )
        )


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(BadLinkMixin, TemplateView):
    """GET: a button (link scanners follow links; they must not unsubscribe anyone).
    POST: unsubscribed, also as RFC 8058's one-click POST from a mail client."""

    template_name = "alerts/unsubscribe.html"

    def subscription(self, token):
        try:
            pk = tokens.read_unsubscribe_token(token)
        except tokens.BadTokenError:
            return None
        return get_object_or_404(Subscription, pk=pk)

    def get(self, request, token):
        subscription = self.subscription(token)
        if subscription is None:
            return self.bad_link()
        return self.render(subscription, done=False)

    def post(self, request, token):
        subscription = self.subscription(token)
        if subscription is None:
            return self.bad_link()
        services.unsubscribe(subscription)
        return self.render(subscription, done=True)

    def render(self, subscription, done):
        return self.render_to_response(
            self.get_context_data(
                subscription=subscription,
                done=done or subscription.state == Subscription.State.UNSUBSCRIBED,
                description=kind_of(subscription.kind).describe(subscription.filters),
                manage_token=tokens.manage_token(subscription.email),
            )
        )


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class ManageView(BadLinkMixin, TemplateView):
    """Every subscription of one address: how often, and a way out of each."""

    template_name = "alerts/manage.html"

    def email(self, token):
        try:
            return tokens.read_manage_token(token)
        except tokens.BadTokenError:
            return None

    def get(self, request, token):
        email = self.email(token)
        if email is None:
            return self.bad_link()
        return self.render(email)

    def post(self, request, token):
        email = self.email(token)
        if email is None:
            return self.bad_link()
        form = FrequencyForm(request.POST)
        if not form.is_valid():
            return self.render(email, status=400, form=form)
        subscription = get_object_or_404(
            Subscription.objects.of_address(email).active(), pk=form.cleaned_data["subscription"]
        )
        services.change_frequency(subscription, form.cleaned_data["frequency"])
        return redirect("alerts:manage", token=token)

    def render(self, email, status=200, form=None):
        subscriptions = list(
            Subscription.objects.of_address(email).filter(
                state__in=[Subscription.State.ACTIVE, Subscription.State.DISABLED]
            )
        )
        rows = [
            {
                "subscription": subscription,
                "description": kind_of(subscription.kind).describe(subscription.filters),
                "unsubscribe_token": tokens.unsubscribe_token(subscription),
                "form": FrequencyForm(
                    initial={"subscription": subscription.pk, "frequency": subscription.frequency}
                ),
            }
            for subscription in subscriptions
        ]
        context = self.get_context_data(rows=rows, email=email, error_form=form)
        return self.render_to_response(context, status=status)
