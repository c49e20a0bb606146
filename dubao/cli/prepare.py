"""``python -m dubao prepare``: build the engine's caches once, before the first
lesson: jieba's dictionary table, the CC-CEDICT lookup table and the remembered
annotations of every piece. Without it the first lesson a learner opens pays for
them (half a minute on a small machine); with it every lesson opens in seconds.
Everything goes to the cache folder (``DUBAO_CACHE_DIR``), never the course."""

import time


def register(subparsers):
    parser = subparsers.add_parser("prepare", help="build the caches so the first lesson opens quickly")
    parser.set_defaults(run=run)


def run(args) -> int:
    import dubao
    from dubao import paths
    from dubao.corpus import page_units

    began = time.perf_counter()
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

