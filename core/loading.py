"""Idempotent loading of the archive's shipped data, with one history entry per real change."""

from dataclasses import dataclass, field

from .history import revision
from .text import split_aliases


@dataclass
class LoadReport:
    """What a load created, updated and left alone, per model."""

    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)
    created_objects: list = field(default_factory=list)

    def count(self, bucket, model):
        counts = getattr(self, bucket)
        name = model._meta.verbose_name_plural
        counts[name] = counts.get(name, 0) + 1

    def lines(self):
        """Return a short human summary, one line per bucket."""
        out = []
        for bucket in ("created", "updated", "unchanged"):
            counts = getattr(self, bucket)
            if counts:
                parts = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
                out.append(f"{bucket}: {parts}")
        return out or ["nothing to load"]


def merge_aliases(current, extra):
    """Return the aliases text with the extra forms appended, keeping the editors' own lines."""
    lines = split_aliases(current)
    lines += [alias for alias in extra if alias.strip() and alias.strip() not in lines]
    return "\n".join(lines)


def sync(model, lookup, *, defaults, report, reason, aliases=None, m2m=None, fill=()):
    """Create the object found by `lookup` if missing; on an existing one only add new aliases.

    Existing field values are left alone: editors may have corrected them since the first
    load, and a second run must change nothing. The fields named in `fill` (added to the
    reference data later) are written on an existing object only while they are empty.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        if aliases is not None:
            obj.aliases = merge_aliases("", aliases)
        obj.full_clean()
        with revision(obj, reason=reason):
            obj.save()
            for name, values in (m2m or {}).items():
                getattr(obj, name).set(values)
        report.count("created", model)
        report.created_objects.append(obj)
        return obj
    changed = [name for name in fill if not getattr(obj, name) and defaults.get(name)]
    if aliases is not None and merge_aliases(obj.aliases, aliases) != obj.aliases:
        changed.append("aliases")
    if changed:
        with revision(obj, reason=reason):
            for name in changed:
                value = merge_aliases(obj.aliases, aliases) if name == "aliases" else defaults[name]
                setattr(obj, name, value)
            obj.save(update_fields=changed)
        report.count("updated", model)
        return obj
    report.count("unchanged", model)
    return obj
