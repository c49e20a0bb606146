"""CodeCheck: a lesson's code exercise runs the student's function; a stub gets a
prompt (so the lesson runs on), a bug is shown as feedback, values are graded."""

from widgets.exercise import CodeCheck


def stub():
    raise NotImplementedError()


def test_a_stub_is_a_prompt_and_a_bug_is_feedback():
    assert CodeCheck(stub, 3).result.status == "empty"
    broken = CodeCheck(lambda: 1 / 0, 3)
    assert broken.result.status == "wrong" and "ZeroDivisionError" in broken.feedback.value


def test_numbers_pinyin_and_values_are_graded():
    assert CodeCheck(lambda: 699 * 24 / 1.64, 10229, kind="number", tolerance=1).result.status == "correct"
    assert CodeCheck(lambda: 10000, 10229, kind="number", tolerance=1).result.status == "wrong"
    assert CodeCheck(lambda: "xin1 zhi4", "xīn zhì", kind="pinyin").result.status == "correct"
    assert CodeCheck(lambda: ["p7"], ["p7"]).result.status == "correct"
    assert CodeCheck(lambda: ["p8"], ["p7"]).result.status == "wrong"


def test_a_returned_value_is_escaped_in_the_feedback():
    check = CodeCheck(lambda: "<img src=x onerror=alert(1)>", "x")
    assert "<img" not in check.feedback.value and "&lt;img" in check.feedback.value


def test_check_calls_the_function_as_the_student_last_defined_it():
    namespace = {}
    exec("def guest_room():\n    raise NotImplementedError()", namespace)
    check = CodeCheck(namespace["guest_room"], "kè fáng", kind="pinyin")
    assert check.result.status == "empty"
    exec("def guest_room():\n    return 'ke4 fang2'", namespace)  # the student runs the edited cell
    assert check.check().status == "correct"
