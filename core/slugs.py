"""Old addresses keep working: an object's history remembers the slugs and dates it had."""

from django.http import Http404
from django.shortcuts import redirect


def redirect_to_current(model, user, **old_values):
    """Redirect permanently to the object that once had these field values, or raise Http404."""
    record = model.history.filter(**old_values).order_by("-history_date").first()
    if record is None:
        raise Http404
    queryset = model.objects.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    obj = queryset.filter(pk=record.id).first()
    if obj is None or all(getattr(obj, k) == v for k, v in old_values.items()):
        raise Http404
    return redirect(obj, permanent=True)
