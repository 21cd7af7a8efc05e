"""Old addresses keep working: an object's history remembers the slugs and dates it had."""

from django.http import Http404
from django.shortcuts import redirect


def redirect_to_current(model, user, *, public=None, **old_values):
    """Redirect permanently to the object that once had these field values, or raise Http404.

    `public` is the condition a history row meets when readers could see the object (for
    a model with drafts: published). An address only redirects if a public version had
    it: one used only while a draft was being written stays unknown, so that a redirect
    never confirms a guessed draft address, to staff neither.
    """
    versions = model.history.filter(**old_values)
    if public is not None:
        versions = versions.filter(public)
    record = versions.order_by("-history_date").first()
    if record is None:
        raise Http404
    queryset = model.objects.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(user)
    obj = queryset.filter(pk=record.id).first()
    if obj is None or all(getattr(obj, k) == v for k, v in old_values.items()):
        raise Http404
    return redirect(obj, permanent=True)
