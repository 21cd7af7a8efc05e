"""{% alert_form %}: "Email me new items like these", for any list page.

On a filtered list it carries the list's filters (`filter`, the page's FilterSet); a page of
one body or official names its filter: {% alert_form body=body.slug %}. A list whose
filters were refused shows no form.
"""

from django import template

from news.filters import NewsFilter

register = template.Library()


@register.inclusion_tag("alerts/_subscribe_form.html", takes_context=True)
def alert_form(context, kind="news", **filters):
    fields = []
    if filters:
        fields = [(name, str(value)) for name, value in filters.items() if value]
    else:
        filterset = context.get("filter")
        if filterset is not None and filterset.is_bound:
            if not filterset.is_valid():
                return {"hidden": True}
            names = filterset.filters if hasattr(filterset, "filters") else NewsFilter.base_filters
            fields = [
                (name, value)
                for name in names
                for value in filterset.data.getlist(name)
                if value.strip()
            ]
    return {"fields": fields, "kind": kind, "request": context.get("request")}
