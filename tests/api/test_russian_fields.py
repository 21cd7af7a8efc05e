"""The API carries every Russian field the archive holds, next to the English one, in its
records and in its OpenAPI schema."""

import inspect

import pytest
from rest_framework import serializers

from api import serializers as api_serializers

pytestmark = pytest.mark.django_db


def model_serializers():
    return [
        cls
        for _name, cls in inspect.getmembers(api_serializers, inspect.isclass)
        if issubclass(cls, serializers.ModelSerializer) and hasattr(cls, "Meta")
    ]


def test_every_russian_field_of_a_model_the_api_shows_is_in_its_records():
    missing = []
    for serializer in model_serializers():
        model = serializer.Meta.model
        russian = [
            field.name
            for field in model._meta.concrete_fields
            if field.name.endswith("_ru") or "_ru_" in field.name
        ]
        shown = set(serializer.Meta.fields)
        # A field shown in English is shown in Russian too.
        missing += [
            f"{serializer.__name__}.{name}"
            for name in russian
            if name.split("_ru")[0] in shown and name not in shown
        ]
    assert missing == []


def test_russian_fields_in_the_records(client, council, ministers, official, kazakhstan):
    council.abbreviation_ru = "СКБ"
    council.description_ru = "Высший орган Организации."
    council.save()
    official.summary_ru = "Заместитель Генерального секретаря."
    official.save()
    kazakhstan.name_ru_genitive = "Казахстана"
    kazakhstan.save()

    body = client.get(f"/api/bodies/{council.pk}/").json()
    assert body["abbreviation"] == "CSC" and body["abbreviation_ru"] == "СКБ"
    assert body["description_ru"] == "Высший орган Организации."
    listed = client.get("/api/bodies/?slug=collective-security-council").json()["results"]
    assert listed[0]["abbreviation_ru"] == "СКБ"
    person = client.get(f"/api/officials/{official.pk}/").json()
    assert person["summary_ru"] == "Заместитель Генерального секретаря."
    state = client.get(f"/api/states/{kazakhstan.pk}/").json()
    assert (state["name_ru"], state["name_ru_genitive"]) == ("Казахстан", "Казахстана")
    # Unset Russian texts are empty strings, as name_ru is, never missing.
    ministers = client.get("/api/bodies/?slug=council-of-foreign-ministers").json()["results"]
    assert (ministers[0]["abbreviation_ru"], ministers[0]["description_ru"]) == ("", "")


def test_the_schema_describes_the_russian_fields_beside_the_old_ones(client):
    schemas = client.get("/api/schema/").json()["components"]["schemas"]
    expected = {
        "Body": {"name", "name_ru", "abbreviation", "abbreviation_ru", "description"}
        | {"description_ru"},
        "Official": {"name", "name_ru", "summary", "summary_ru"},
        "State": {"name", "name_ru", "name_ru_genitive", "iso_code"},
        "Meeting": {"place", "place_ru", "summary", "summary_ru"},
        "Document": {"title", "title_ru", "summary", "summary_ru"},
    }
    for name, fields in expected.items():
        properties = schemas[name]["properties"]
        assert fields <= set(properties), (name, fields - set(properties))
        for field in fields:
            assert properties[field]["type"] == "string", (name, field)
            assert properties[field].get("readOnly") is True, (name, field)
