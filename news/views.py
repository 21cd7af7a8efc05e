"""Public pages for news items and statements; every queryset starts from visible_to()."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from people.models import Body, Chairmanship, Position

from .models import NewsItem, Statement

NEWS_LIST_RELATED = ["bodies"]


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_news"] = NewsItem.objects.published().prefetch_related(*NEWS_LIST_RELATED)[
            :8
        ]
        context["latest_statements"] = Statement.objects.published().select_related(
            "speaker", "body"
        )[:5]
        context["secretary_general"] = (
            Position.objects.current()
            .filter(title=Position.Title.SECRETARY_GENERAL)
            .select_related("official")
            .first()
        )
        context["chairmanship"] = Chairmanship.for_year()
        context["bodies"] = Body.objects.all()
        return context


class NewsListView(ListView):
    template_name = "news/newsitem_list.html"
    paginate_by = 20

    def get_queryset(self):
        return NewsItem.objects.visible_to(self.request.user).prefetch_related(*NEWS_LIST_RELATED)


class NewsYearView(NewsListView):
    def get_queryset(self):
        return super().get_queryset().in_year(self.kwargs["year"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], **kwargs)


class NewsDetailView(DetailView):
    template_name = "news/newsitem_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        try:
            day = datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError as error:
            raise Http404("No such date.") from error
        return get_object_or_404(
            NewsItem.objects.visible_to(self.request.user).select_related("translation_of"),
            published_on=day,
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        item = self.object
        return super().get_context_data(
            bodies=item.bodies.all(),
            officials=item.officials.all(),
            states=item.states.all(),
            statements=item.statements.visible_to(self.request.user).select_related("speaker"),
            translations=item.translations.visible_to(self.request.user),
            **kwargs,
        )


class StatementListView(ListView):
    template_name = "news/statement_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Statement.objects.visible_to(self.request.user).select_related("speaker", "body")


class StatementDetailView(DetailView):
    template_name = "news/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        return Statement.objects.visible_to(self.request.user).select_related(
            "speaker", "body", "news_item"
        )

    def get_context_data(self, **kwargs):
        statement = self.object
        news_item = statement.news_item
        if news_item and not (news_item.is_published or self.request.user.is_staff):
            news_item = None  # a published statement must not reveal a draft's title
        return super().get_context_data(
            speaker_post=statement.speaker.position_on(statement.said_on),
            news_item=news_item,
            **kwargs,
        )
