"""Text helpers the apps share."""


def split_aliases(text):
    """Return the non-empty, stripped lines of an aliases field, without duplicates."""
    seen = []
    for line in text.splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen
