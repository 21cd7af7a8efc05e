"""Public pages for officials, bodies and member states."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from news.models import NewsItem, Statement

from .models import Body, MemberState, Official, Position

RECENT = 10


class OfficialListView(ListView):
    model = Official
    paginate_by = 50
    queryset = Official.objects.select_related("country")


class OfficialDetailView(DetailView):
    model = Official
    context_object_name = "official"

    def get_queryset(self):
        return Official.objects.select_related("country")

    def get_context_data(self, **kwargs):
        official = self.object
        user = self.request.user
        return super().get_context_data(
            positions=official.positions.select_related("body", "state").order_by("-start"),
            statements=official.statements.visible_to(user).select_related("body")[:RECENT],
            news=official.news_items.visible_to(user)[:RECENT],
            **kwargs,
        )


class BodyListView(ListView):
    model = Body
    queryset = Body.objects.select_related("parent").order_by("kind", "name")


class BodyDetailView(DetailView):
    model = Body
    context_object_name = "body"

    def get_queryset(self):
        return Body.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        body = self.object
        user = self.request.user
        return super().get_context_data(
            children=body.children.all(),
            office_holders=body.positions.current().select_related("official", "state"),
            news=body.news_items.visible_to(user)[:RECENT],
            statements=Statement.objects.visible_to(user)
            .filter(body=body)
            .select_related("speaker")[:RECENT],
            **kwargs,
        )


class StateListView(ListView):
    model = MemberState
    queryset = MemberState.objects.prefetch_related("events")


class StateDetailView(DetailView):
    model = MemberState
    context_object_name = "state"

    def get_context_data(self, **kwargs):
        state = self.object
        user = self.request.user
        return super().get_context_data(
            events=state.events.all(),
            chairmanships=state.chairmanships.all(),
            officials=Official.objects.filter(country=state).prefetch_related(
                Prefetch("positions", queryset=Position.objects.current(), to_attr="current")
            ),
            news=NewsItem.objects.visible_to(user).filter(states=state)[:RECENT],
            **kwargs,
        )
