"""``python -m dubao speak TEXT -o FILE.wav`` (or ``--article ID --sentence N``):
read a text aloud into a WAV file and print the pinyin that was spoken, tone-marked
with the spoken tones, so an instructor can check what the voice says."""


def register(subparsers):
    parser = subparsers.add_parser("speak", help="read a text or a sentence of the page aloud into a WAV file",
                                   description="Synthesise speech and print the pinyin that was spoken.")
    parser.add_argument("text", nargs="?", help="Chinese text to read (or use --article and --sentence)")
    parser.add_argument("--article", metavar="ID", help="a piece of the page, e.g. qingzhen")
    parser.add_argument("--sentence", type=int, metavar="N", help="its Nth sentence (1-based) with --article")
    parser.add_argument("-o", "--output", metavar="FILE.wav", help="where to write the audio")
    parser.add_argument("--slow", action="store_true", help="speak slowly")
    parser.add_argument("--speed", type=float, metavar="F", help="speed factor (1 is normal)")
    parser.set_defaults(run=run)


def _text(args) -> tuple[str, str]:
    from dubao import corpus
    from dubao.errors import DubaoError

    if args.article:
        if args.text:
            raise DubaoError("give TEXT or --article with --sentence, not both")
        article = corpus.article(args.article)
        if args.sentence is None:
            raise DubaoError(f"--article {article.id} needs --sentence N (1 to {len(article.sentences)})")
        if not 1 <= args.sentence <= len(article.sentences):
            raise DubaoError(f"{article.id} has sentences 1 to {len(article.sentences)}, not {args.sentence}")
        sentence = article.sentences[args.sentence - 1]
        return sentence.text, sentence.id
    if args.sentence is not None:
        raise DubaoError("--sentence needs --article ID")
    if not args.text:
        raise DubaoError("nothing to read: give TEXT, or --article ID --sentence N")
    return args.text, ""


def run(args) -> int:
    from dubao.errors import DubaoError
    from dubao.practice.speech import speak

    text, where = _text(args)
    audio = speak(text, speed=args.speed if args.speed is not None else ("slow" if args.slow else "normal"))
    if where:
        print(f"{where}: {text}")
    print(audio.pinyin)
    if audio.skipped:
        print(f"(silent, no reading: {audio.skipped})")
    if args.output:
        try:
            audio.save(args.output)
        except OSError as error:
            raise DubaoError(f"{args.output}: cannot write the audio ({error.strerror})") from None
        print(f"{args.output}: {audio.duration:.2f} s, {audio.voice}")
    return 0
