"""The small arithmetic of content files: an expression of ``+ - * /`` and
brackets over named numbers, as a numeric question's ``compute`` and a derived
figure's ``compute`` (corpus/chart-series.yaml) write it. No other Python is run.

    >>> evaluate("revenue / (1 + growth / 100)", {"revenue": 557.4, "growth": 14.8})
    485.5400696864111
"""

import ast
import operator

__all__ = ["evaluate", "is_number", "names_in"]

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.USub: operator.neg}


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def evaluate(expression: str, names: dict[str, float]) -> float:
    """The value of ``expression``; ValueError names the part that is not arithmetic."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and is_number(node.value):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.operand))
        raise ValueError(f"cannot use {ast.unparse(node)!r}")

    return float(walk(ast.parse(expression, mode="eval")))


def names_in(expression: str) -> set[str]:
    """The names an expression uses (SyntaxError if it is not an expression)."""
    return {node.id for node in ast.walk(ast.parse(expression, mode="eval")) if isinstance(node, ast.Name)}
