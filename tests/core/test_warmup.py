"""A server process loads what every request uses before it serves, then freezes it."""

import gc

from django.template import engines

from core.warmup import prepare_process, project_templates


def test_the_process_loads_every_project_template_and_freezes_what_it_holds():
    names = list(project_templates())
    assert "news/newsitem_list.html" in names and len(names) > 20
    gc.unfreeze()
    try:
        prepare_process()
        assert gc.get_freeze_count() > 0
        loader = engines["django"].engine.template_loaders[0]
        # The cached loader holds each template compiled, so no request compiles one.
        assert len(loader.get_template_cache) >= len(names)
    finally:
        gc.unfreeze()
