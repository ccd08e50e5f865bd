"""What the generator checks in each module it wrote, before the package is imported.

Importing catches code that fails when it runs; it does not catch a name defined twice (the
second definition silently wins: a member ``foo_input`` of an attribute ``foo`` and the
attribute ``foo_input``, a class that shadows a name the module imports). This module reads
the source back and says what is wrong, in words for the error message.
"""

from __future__ import annotations

import ast


def problems_in(name: str, source: str) -> str | None:
    """Why ``source`` is not a sound generated module, or ``None``."""
    try:
        tree = ast.parse(source, filename=name)
        compile(tree, name, "exec")
    except (SyntaxError, ValueError) as error:
        line = getattr(error, "lineno", None)
        return f"does not compile ({getattr(error, 'msg', error)}, line {line})"
    top: set[str] = set()
    for node in tree.body:
        for defined in _defined(node):
            if defined in top:
                return f"defines {defined!r} twice at the top level"
            top.add(defined)
        if isinstance(node, ast.ClassDef):
            problem = _class_problem(node)
            if problem:
                return problem
    return None


def _defined(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.ClassDef | ast.FunctionDef):
        return [node.name]
    if isinstance(node, ast.ImportFrom | ast.Import):
        return [alias.asname or alias.name.split(".")[0] for alias in node.names]
    return []


def _class_problem(node: ast.ClassDef) -> str | None:
    members: set[str] = set()
    for item in node.body:
        names: list[str] = []
        if isinstance(item, ast.FunctionDef):
            if any(_is_setter_of(d, item.name) for d in item.decorator_list):
                continue  # ``@x.setter`` redefines ``x`` on purpose
            names = [item.name]
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names = [item.target.id]
        elif isinstance(item, ast.Assign):
            names = [t.id for t in item.targets if isinstance(t, ast.Name)]
        for member in names:
            if member in members:
                return f"defines {node.name}.{member} twice"
            members.add(member)
    return None


def _is_setter_of(decorator: ast.expr, name: str) -> bool:
    return (isinstance(decorator, ast.Attribute) and decorator.attr == "setter"
            and isinstance(decorator.value, ast.Name) and decorator.value.id == name)
