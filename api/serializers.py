"""JSON shapes of the API's records: every field a reader of the public pages can see."""

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from news.models import NewsItem, Statement
from people.models import (
    Body,
    Document,
    DocumentEvent,
    Meeting,
    MeetingAbsence,
    MembershipEvent,
    MemberState,
    Official,
    Position,
)

# The API answers every client as an anonymous reader: the same data for all, so that
# responses can be cached and compared by their ETag.
PUBLIC = AnonymousUser()


def public_url(request, obj, language=None):
    """Return the absolute address of an object's public page, in a language if given."""
    if language:
        with translation.override(language):
            path = obj.get_absolute_url()
    else:
        path = obj.get_absolute_url()
    return request.build_absolute_uri(path)


class UrlField(serializers.Field):
    """The absolute address of the record's public page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "Address of the public page.")
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return public_url(self.context["request"], obj, getattr(obj, "language", None))


extend_schema_field(OpenApiTypes.URI)(UrlField)


class AliasesField(serializers.Field):
    """Other spellings of a name, one string each."""

    def __init__(self, **kwargs):
        super().__init__(source="alias_list", read_only=True, **kwargs)

    def to_representation(self, value):
        return list(value)


extend_schema_field({"type": "array", "items": {"type": "string"}})(AliasesField)


class OptionalUrlField(serializers.URLField):
    """An address, or null where the archive has none (rather than an empty string)."""

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


class ArchiveSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: OptionalUrlField,
    }


class RefSerializer(serializers.Serializer):
    """A linked body, official or state: enough to show it and to filter by it."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    name_ru = serializers.CharField(read_only=True)


class TextRefSerializer(serializers.Serializer):
    """A linked news item: its id, language and public address."""

    id = serializers.IntegerField(read_only=True)
    language = serializers.CharField(read_only=True)
    url = UrlField()


class NewsItemSerializer(ArchiveSerializer):
    date = serializers.DateField(source="published_on", read_only=True)
    url = UrlField()
    bodies = RefSerializer(many=True, read_only=True)
    officials = RefSerializer(many=True, read_only=True)
    states = RefSerializer(many=True, read_only=True)
    translations = serializers.SerializerMethodField(
        help_text="Published versions of the same story in the other language."
    )

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "slug",
            "date",
            "title",
            "language",
            "kind",
            "lead",
            "text",
            "place",
            "url",
            "source_name",
            "source_url",
            "retrieved_on",
            "archived_url",
            "bodies",
            "officials",
            "states",
            "translations",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(TextRefSerializer(many=True))
    def get_translations(self, item):
        # Both directions of the link, published ones only (the view prefetches them so).
        linked = [item.translation_of] if item.translation_of_id else []
        linked += list(item.translations.all())
        return TextRefSerializer(
            [other for other in linked if other.is_visible_to(PUBLIC)],
            many=True,
            context=self.context,
        ).data


class StatementSerializer(ArchiveSerializer):
    date = serializers.DateField(source="said_on", read_only=True)
    url = UrlField()
    speaker = RefSerializer(read_only=True)
    body = RefSerializer(read_only=True, allow_null=True)
    news_item = serializers.SerializerMethodField(
        help_text="The published news item that reported the statement, if any."
    )

    class Meta:
        model = Statement
        fields = [
            "id",
            "date",
            "language",
            "speaker",
            "text",
            "body",
            "place",
            "news_item",
            "url",
            "source_url",
            "retrieved_on",
            "archived_url",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(TextRefSerializer(allow_null=True))
    def get_news_item(self, statement):
        item = statement.news_item
        if item is None or not item.is_visible_to(PUBLIC):
            return None
        return TextRefSerializer(item, context=self.context).data


class PositionSerializer(ArchiveSerializer):
    official = RefSerializer(read_only=True)
    label = serializers.CharField(read_only=True, help_text="The post's readable name.")
    body = RefSerializer(read_only=True, allow_null=True)
    state = RefSerializer(read_only=True, allow_null=True)
    is_current = serializers.BooleanField(read_only=True, help_text="Held today.")

    class Meta:
        model = Position
        fields = [
            "id",
            "official",
            "title",
            "label",
            "body",
            "state",
            "start",
            "end",
            "is_current",
            "note",
            "source_url",
        ]
        read_only_fields = fields


class OfficialPositionSerializer(PositionSerializer):
    class Meta(PositionSerializer.Meta):
        fields = [name for name in PositionSerializer.Meta.fields if name != "official"]
        read_only_fields = fields


class OfficialSerializer(ArchiveSerializer):
    aliases = AliasesField()
    country = RefSerializer(read_only=True, allow_null=True)
    url = UrlField()
    positions = OfficialPositionSerializer(many=True, read_only=True)

    class Meta:
        model = Official
        fields = [
            "id",
            "slug",
            "name",
            "name_ru",
            "aliases",
            "country",
            "country_other",
            "summary",
            "summary_ru",
            "url",
            "positions",
        ]
        read_only_fields = fields


class BodySerializer(ArchiveSerializer):
    aliases = AliasesField()
    parent = RefSerializer(read_only=True, allow_null=True)
    url = UrlField()

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "name",
            "name_ru",
            "abbreviation",
            "abbreviation_ru",
            "aliases",
            "kind",
            "parent",
            "description",
            "description_ru",
            "source_url",
            "url",
        ]
        read_only_fields = fields


class MembershipEventSerializer(ArchiveSerializer):
    class Meta:
        model = MembershipEvent
        fields = ["kind", "date", "precision", "description", "source_url"]
        read_only_fields = fields


class StateSerializer(ArchiveSerializer):
    aliases = AliasesField()
    url = UrlField()
    events = MembershipEventSerializer(many=True, read_only=True)
    chairmanship_years = serializers.SerializerMethodField(
        help_text="Years in which the state chaired the CSTO."
    )

    class Meta:
        model = MemberState
        fields = [
            "id",
            "slug",
            "name",
            "name_ru",
            "name_ru_genitive",
            "iso_code",
            "aliases",
            "url",
            "events",
            "chairmanship_years",
        ]
        read_only_fields = fields

    def get_chairmanship_years(self, state) -> list[int]:
        return sorted(chair.year for chair in state.chairmanships.all())


class MeetingAbsenceSerializer(ArchiveSerializer):
    state = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = MeetingAbsence
        fields = ["state", "note", "note_ru", "source_url"]
        read_only_fields = fields


class MeetingSerializer(ArchiveSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    chair = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = UrlField()
    absences = MeetingAbsenceSerializer(many=True, read_only=True)
    news_items = serializers.SerializerMethodField(
        help_text="Ids of the published news items that report the meeting."
    )
    statements = serializers.SerializerMethodField(
        help_text="Ids of the published statements made at the meeting."
    )
    documents = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Ids of the documents it adopted or signed."
    )
    sources = serializers.ListField(
        child=serializers.URLField(), read_only=True, help_text="Source addresses."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "slug",
            "body",
            "date",
            "end_date",
            "place",
            "place_ru",
            "number",
            "format",
            "chair",
            "summary",
            "summary_ru",
            "absences",
            "news_items",
            "statements",
            "documents",
            "sources",
            "url",
            "updated_at",
        ]
        read_only_fields = fields

    def get_news_items(self, meeting) -> list[int]:
        return sorted(item.pk for item in meeting.public_news)

    def get_statements(self, meeting) -> list[int]:
        return sorted(statement.pk for statement in meeting.public_statements)


class DocumentEventSerializer(ArchiveSerializer):
    state = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = DocumentEvent
        fields = ["kind", "date", "state", "note", "source_url"]
        read_only_fields = fields


class DocumentSerializer(ArchiveSerializer):
    url = UrlField()
    events = DocumentEventSerializer(many=True, read_only=True)
    body = serializers.SerializerMethodField(help_text="Slug of the body whose meeting adopted it.")

    class Meta:
        model = Document
        fields = [
            "id",
            "slug",
            "title",
            "title_ru",
            "kind",
            "date",
            "meeting",
            "body",
            "summary",
            "summary_ru",
            "events",
            "source_url",
            "url",
            "updated_at",
        ]
        read_only_fields = fields

    def get_body(self, document) -> str | None:
        return document.meeting.body.slug if document.meeting_id else None
