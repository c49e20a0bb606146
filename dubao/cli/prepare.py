"""``python -m dubao prepare``: build the engine's caches once, before the first
lesson: jieba's dictionary table, the CC-CEDICT lookup table and the remembered
annotations of every piece. Without it the first lesson a learner opens pays for
them (half a minute on a small machine); with it every lesson opens in seconds.
Everything goes to the cache folder (``DUBAO_CACHE_DIR``), never the course.
It also writes JupyterLab's settings overrides into the environment
(``dubao.course.lab_settings``), so the first start asks no question."""

import time


def register(subparsers):
    parser = subparsers.add_parser("prepare", help="build the caches so the first lesson opens quickly")
    parser.set_defaults(run=run)


def run(args) -> int:
    import dubao
    from dubao import paths
    from dubao.corpus import page_units

    from dubao.course import lab_settings
    from dubao.errors import DubaoError

    began = time.perf_counter()
    try:
        path, changed = lab_settings.write_overrides()
        print(f"JupyterLab settings for a quiet first start: {path} ({'written' if changed else 'already there'}).")
    except DubaoError as error:  # the lessons still work; the news question will show
        print(f"warning: {error}")
    folder = paths.writable_cache_dir()
    if folder is None:
        print(f"The cache folder {paths.cache_dir()} cannot be written: lessons will work, "
              "but each new kernel reads the page again (set DUBAO_CACHE_DIR to a writable folder).")
    texts = [text for _, text in page_units(reader_lines=True)]  # every line the Reader shows
    for text in texts:
        dubao.annotate(text)
    count = len(texts)
    print(f"Read {count} headings, captions and sentences of the page.")
    print(f"Ready in {time.perf_counter() - began:.1f} s (cache: {folder or 'none'}).")
    return 0

