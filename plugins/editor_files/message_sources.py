"""Every message the code can give an editor, found by reading the plugins' source (ast), never by running it.

A message is whatever reaches a *sink*: the `message` and `hint` of `Problem(...)` and of a field kind's
`Issue(...)`, and the text given to `translate(...)`. From each sink the walker follows the value back
through the code, the way a reader would:

- string literals and f-strings are templates (`f"'{text}' is not a number"` -> `'{text}' is not a number`);
  `a + b`, `x if c else y` and `x or y` give every combination;
- a placeholder whose value is a known text (`{what}` with `what = "a" if c else "b"`) is written out;
  one that names another message (`{what}` given by a caller) is followed as a message of its own;
- a name goes to its assignments in the function, its `for` targets, `.append(...)`, `.extend(...)`,
  `+=`, then to module constants and imports; `(field, message, hint)` tuples and lists of them are
  followed element by element, through `return` into the caller;
- a parameter that reaches a sink makes its function a sink too (`self.report(column, message, hint)`,
  `problem(...)`, `ContentError(problems, what)`): every call of it is followed.

`python -m editor_files.message_sources` prints the templates that have no entry in the catalogue,
ready to paste into theme/messages.nl.yml, and the entries no code uses any more.
"""

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SINKS = {"Problem": ({3: "message", 4: "hint"}, True), "translate": ({0: "text"}, True),
         "Issue": ({0: "message", 1: "hint"}, True)}  # editor_files.fields: a field kind's messages
# `issue.message` / `issue.hint`: the text of an `Issue`, whose templates its own sink found already.
ISSUE_PARTS = {"message", "hint"}
ELEM, VALUE = "elem", "value"  # path steps: an element of a list, a value of a dict; ("item", i) for tuples
MAX_PATH = 6  # a value rebound in a loop (`value, issues = kind.from_yaml(value)`) would grow its path forever
PASS_THROUGH = {"dict", "list", "tuple", "sorted"}
STRIP = {"strip", "rstrip", "lstrip"}


@dataclass(frozen=True)
class Place:
    path: str
    line: int

    def __str__(self):
        return f"{self.path}:{self.line}"


@dataclass
class Module:
    name: str  # dotted, e.g. "editor_files.problems"
    path: str
    source: str
    tree: ast.Module

    def __post_init__(self):
        self.parent = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}
        self.functions = defaultdict(list)
        self.imports = {}
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[node.name].append(node)
            elif isinstance(node, ast.ImportFrom):
                base = self.absolute(node)
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (base, alias.name)

    def absolute(self, node):
        if not node.level:
            return node.module
        package = self.name.split(".")
        package = package[: len(package) - node.level] if not self.path.endswith("__init__.py") else \
            package[: len(package) - node.level + 1]  # fmt: skip
        return ".".join(package + ([node.module] if node.module else []))

    def text(self, node):
        return ast.get_source_segment(self.source, node) or ast.unparse(node)

    def function_of(self, node):
        """The function a node is in (comprehensions belong to their function), or None at module level."""
        node = self.parent.get(node)
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            node = self.parent.get(node)
        return node

    def place(self, node):
        return Place(self.path, getattr(node, "lineno", 0))


def own_nodes(scope):
    """The nodes of a function (or module) body, without those of functions and classes defined in it."""
    stack = list(scope.body) if not isinstance(scope, ast.Lambda) else [scope.body]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))


def parameters(function):
    arguments = function.args
    return [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]


def escape(text):
    return text.replace("{", "{{").replace("}", "}}")


class Walker:
    """Collects `templates` ({template: [Place]}) and `unresolved` (sinks it could not follow)."""

    def __init__(self, plugins=PROJECT / "plugins"):
        self.modules = {}
        for path in sorted(Path(plugins).rglob("*.py")):
            relative = path.relative_to(plugins).with_suffix("")
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            source = path.read_text(encoding="utf-8")
            shown = path.relative_to(PROJECT).as_posix() if path.is_relative_to(PROJECT) else str(path)
            self.modules[".".join(parts)] = Module(".".join(parts), shown, source, ast.parse(source))
        self.templates = defaultdict(list)
        self.unresolved = []
        self.sinks = set()  # (module name, function line, parameter, path)
        self.queue = []
        self.active = set()
        self.calls = {}
        self.parameters_reached = 0
        self.strict = True  # a sink's argument must lead to text; a placeholder's need not

    # --- the walk ---

    def run(self):
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and module.name not in ("editor_files.messages",
                                                                      "editor_files.legacy_messages"):
                    self.sink_call(module, node)
        while self.queue:
            self.follow_callers(*self.queue.pop())
        return self

    def sink_call(self, module, call):
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
        if name not in SINKS:
            return
        positions, strict = SINKS[name]
        starred = next((i for i, a in enumerate(call.args) if isinstance(a, ast.Starred)), None)
        for position, keyword in positions.items():
            if starred is not None and position >= starred:
                argument, path = call.args[starred].value, (("item", position - starred),)
            elif position < len(call.args):
                argument, path = call.args[position], ()
            else:
                argument = next((k.value for k in call.keywords if k.arg == keyword), None)
                path = ()
            if argument is not None:
                self.message(module, argument, path, strict)

    def message(self, module, node, path, strict):
        """Follow one sink argument; an argument that leads nowhere is recorded when `strict`."""
        if isinstance(node, ast.Attribute) and node.attr in ISSUE_PARTS and not path:
            return
        reached, self.parameters_reached, self.strict = self.parameters_reached, 0, strict
        found = self.resolve(module, node, path)
        self.add_templates(found, phrases_only=not strict)
        if strict and not found and not self.parameters_reached and not is_empty(node):
            self.unresolved.append((module.place(node), module.text(node)))
        self.parameters_reached, self.strict = reached, True

    def add_templates(self, found, phrases_only=False):
        """Templates with words in them; a placeholder's value counts only when it is a phrase, not a code."""
        for template, place in found:
            text = "".join(literal_parts(template))
            if any(c.isalpha() for c in text) and (" " in text.strip() or not phrases_only):
                self.templates[template].append(place)

    def follow_callers(self, module, function, parameter, path, strict):
        index = parameters(function).index(parameter)
        method = bool(parameters(function)) and parameters(function)[0] in ("self", "cls")
        name = function.name
        if function.name == "__init__" and isinstance(module.parent.get(function), ast.ClassDef):
            name = module.parent[function].name
        calls = 0
        for caller in self.callers_of(module, function, name):
            for call in ast.walk(caller.tree):
                if not isinstance(call, ast.Call):
                    continue
                called = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
                if called != name:
                    continue
                shift = 1 if method and (isinstance(call.func, ast.Attribute) or function.name == "__init__") else 0
                argument = next((k.value for k in call.keywords if k.arg == parameter), None)
                if argument is None and 0 <= index - shift < len(call.args):
                    argument = call.args[index - shift]
                if argument is not None and not isinstance(argument, ast.Starred):
                    calls += 1
                    self.message(caller, argument, path, strict)
        if strict and not calls:
            self.unresolved.append((module.place(function), f"{parameter}, a parameter of {name}(): no call found"))

    def callers_of(self, module, function, name):
        yield module
        if module.function_of(function) is None:
            for other in self.modules.values():
                if other is not module and other.imports.get(name, (None,))[0] == module.name:
                    yield other

    # --- following a value back ---

    def resolve(self, module, node, path):
        """[(template, Place)] of the texts `node` (then `path` into it) can hold."""
        key = (id(node), path)
        if key in self.active or len(path) > MAX_PATH:
            return []
        self.active.add(key)
        try:
            return self._resolve(module, node, path)
        finally:
            self.active.discard(key)

    def _resolve(self, module, node, path):
        if isinstance(node, ast.Constant):
            return [(escape(node.value), module.place(node))] if isinstance(node.value, str) and not path else []
        if isinstance(node, ast.JoinedStr):
            return [(t, module.place(node)) for t in self.fstring(module, node)] if not path else []
        if isinstance(node, ast.IfExp):
            return self.resolve(module, node.body, path) + self.resolve(module, node.orelse, path)
        if isinstance(node, ast.BoolOp):
            return [found for value in node.values for found in self.resolve(module, value, path)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.concatenation(module, node, path)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return self.sequence(module, node, path)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return self.resolve(module, node.elt, path[1:]) if path and path[0] == ELEM else []
        if isinstance(node, ast.DictComp):
            return self.resolve(module, node.value, path[1:]) if path and path[0] == VALUE else []
        if isinstance(node, ast.Dict):
            if path and path[0] == VALUE:
                return [found for value in node.values for found in self.resolve(module, value, path[1:])]
            return []
        if isinstance(node, ast.Subscript):
            index = node.slice
            step = ("item", index.value) if isinstance(index, ast.Constant) and isinstance(index.value, int) \
                else VALUE  # fmt: skip
            return self.resolve(module, node.value, (step, *path))
        if isinstance(node, ast.Name):
            return self.name(module, node, path)
        if isinstance(node, ast.Attribute):
            return self.attribute(module, node, path)
        if isinstance(node, ast.Call):
            if getattr(node.func, "id", None) == "msg":  # a message id: tests/test_messages.py checks it (Babel)
                self.parameters_reached += 1
                return []
            return self.call(module, node, path)
        if isinstance(node, ast.NamedExpr):
            return self.resolve(module, node.value, path)
        return []

    def concatenation(self, module, node, path):
        if path:  # lists: both sides
            return self.resolve(module, node.left, path) + self.resolve(module, node.right, path)
        strict, self.strict = self.strict, False  # a caller's part of a text is a placeholder, not a message
        left = self.resolve(module, node.left, ()) or [("{" + module.text(node.left) + "}", module.place(node))]
        right = self.resolve(module, node.right, ()) or [("{" + module.text(node.right) + "}", module.place(node))]
        self.strict = strict
        return [(a + b, place) for a, place in left for b, _ in right]

    def sequence(self, module, node, path):
        if not path:
            return []
        step, rest = path[0], path[1:]
        if step == ELEM:
            found = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    found += self.resolve(module, element.value, path)
                else:
                    found += self.resolve(module, element, rest)
            return found
        if isinstance(step, tuple):
            for position, element in enumerate(node.elts):
                if isinstance(element, ast.Starred):
                    return self.resolve(module, element.value, (("item", step[1] - position), *rest))
                if position == step[1]:
                    return self.resolve(module, element, rest)
        return []

    def call(self, module, node, path):
        """The texts a call can give: its function's returns. Kept per call and path: methods of one name in
        many classes (the field kinds' `parse`, `from_yaml`) would otherwise be walked again on every path."""
        key = (id(node), path, self.strict)
        if key not in self.calls:
            self.calls[key] = self._call(module, node, path)
        return self.calls[key]

    def _call(self, module, node, path):
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in PASS_THROUGH and node.args:
            return self.resolve(module, node.args[0], path)
        if isinstance(node.func, ast.Attribute) and node.func.attr in STRIP and not path:
            return self.resolve(module, node.func.value, path)
        found = []
        for target_module, function in self.functions_called(module, node):
            for returned in own_nodes(function):
                if isinstance(returned, ast.Return) and returned.value is not None:
                    found += self.resolve(target_module, returned.value, path)
        return found

    def functions_called(self, module, node):
        func = node.func
        if isinstance(func, ast.Name):
            return self.functions_named(module, func.id)
        if isinstance(func, ast.Attribute):
            return [(module, f) for f in module.functions.get(func.attr, [])]
        if isinstance(func, ast.Subscript) and isinstance(func.value, ast.Name):  # a dispatch table
            tables = [value for value, _prefix, _where in self.bindings(module, func.value)[0]]
            names = [v.id for table in tables if isinstance(table, ast.Dict) for v in table.values
                     if isinstance(v, ast.Name)]  # fmt: skip
            return [found for name in names for found in self.functions_named(module, name)]
        return []

    def functions_named(self, module, name):
        if name in module.functions:
            return [(module, f) for f in module.functions[name]]
        origin, original = module.imports.get(name, (None, None))
        if origin in self.modules:
            return [(self.modules[origin], f) for f in self.modules[origin].functions.get(original, [])
                    if self.modules[origin].function_of(f) is None]  # fmt: skip
        return []

    def attribute(self, module, node, path):
        """`x.items` built with `.append(...)` somewhere in the module (e.g. scan.inline_script)."""
        if not path or path[0] != ELEM:
            return []
        found = []
        for call in ast.walk(module.tree):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "append"
                    and isinstance(call.func.value, ast.Attribute) and call.func.value.attr == node.attr
                    and call.args):  # fmt: skip
                found += self.resolve(module, call.args[0], path[1:])
        return found

    # --- names ---

    def name(self, module, node, path):
        found = []
        bindings, function = self.bindings(module, node)
        for value, prefix, where in bindings:
            if prefix == "append":
                found += self.resolve(where, value, path[1:]) if path and path[0] == ELEM else []
            elif prefix == "extend":
                found += self.resolve(where, value, path) if path and path[0] == ELEM else []
            elif prefix == "key":
                found += self.resolve(where, value, path[1:]) if path and path[0] == VALUE else []
            else:
                found += self.resolve(where, value, (*prefix, *path))
        if function is not None:
            self.parameters_reached += 1
            key = (module.name, function.lineno, node.id, path)
            if key not in self.sinks:
                self.sinks.add(key)
                self.queue.append((module, function, node.id, path, self.strict))
        return found

    def bindings(self, module, node):
        """([(value, path prefix, module)] of every assignment to a name, from the innermost scope that
        binds it; the function when the name is a parameter of it instead, else None)."""
        scope = module.function_of(node)
        while scope is not None:
            found = [(value, prefix, module) for value, prefix in scope_bindings(scope, node.id)]
            if found:
                return found, None
            if not isinstance(scope, ast.Lambda) and node.id in parameters(scope):
                return [], scope
            scope = module.function_of(scope)
        found = [(value, prefix, module) for value, prefix in scope_bindings(module.tree, node.id)]
        origin, original = module.imports.get(node.id, (None, None))
        if not found and origin in self.modules:
            found = [(value, prefix, self.modules[origin])
                     for value, prefix in scope_bindings(self.modules[origin].tree, original)]  # fmt: skip
        return found, None

    # --- f-strings ---

    def fstring(self, module, node):
        """The templates of an f-string: known texts written out, other values as {placeholders}."""
        variants = [""]
        for index, part in enumerate(node.values):
            if isinstance(part, ast.Constant):
                variants = [v + escape(part.value) for v in variants]
                continue
            known = self.known_texts(module, part.value) if part.conversion == -1 and not part.format_spec else None
            if known:
                variants = [v + escape(text) for v in variants for text in known]
                continue
            placeholder = "{" + module.text(part.value) + ("!" + chr(part.conversion) if part.conversion != -1 else "")
            if part.format_spec is not None:
                placeholder += ":" + "".join(p.value for p in part.format_spec.values if isinstance(p, ast.Constant))
            variants = [v + placeholder + "}" for v in variants]
            if not quoted(node.values, index) and isinstance(part.value, (ast.Name, ast.Subscript)):
                self.nested(module, part.value)
        return variants

    def nested(self, module, node):
        """A placeholder that may hold a message of its own (`{what}`): followed, never required to lead anywhere."""
        strict, self.strict = self.strict, False
        self.add_templates(self.resolve(module, node, ()), phrases_only=True)
        self.strict = strict

    def known_texts(self, module, node):
        """The texts a value can only be, when the code says so right there (constants, their choices); else None."""
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else None
        if isinstance(node, ast.IfExp):
            body, orelse = self.known_texts(module, node.body), self.known_texts(module, node.orelse)
            return body + orelse if body is not None and orelse is not None else None
        if isinstance(node, (ast.Tuple, ast.List)):  # for kind in ("request", "advice")
            texts = [self.known_texts(module, element) for element in node.elts]
            return [t for sub in texts for t in sub] if texts and None not in texts else None
        if isinstance(node, ast.Name):
            bindings, _parameter = self.bindings(module, node)
            if not bindings:
                return None
            texts = []
            for value, prefix, where in bindings:
                if prefix not in ((), (ELEM,)) or prefix == (ELEM,) and not isinstance(value, (ast.Tuple, ast.List)):
                    return None
                known = self.known_texts(where, value)
                if known is None:
                    return None
                texts += known
            return texts
        return None


def scope_bindings(scope, name):
    for node in own_nodes(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                yield from target_bindings(target, name, node.value, ())
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            yield from target_bindings(node.target, name, node.value, ())
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            yield node.value, "extend"
        elif isinstance(node, (ast.For, ast.comprehension)):
            yield from target_bindings(node.target, name, node.iter, (ELEM,))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name) and node.func.value.id == name and node.args):  # fmt: skip
            if node.func.attr == "append":
                yield node.args[0], "append"
            elif node.func.attr == "extend":
                yield node.args[0], "extend"


def target_bindings(target, name, value, prefix):
    if isinstance(target, ast.Name) and target.id == name:
        yield value, prefix
    elif isinstance(target, (ast.Tuple, ast.List)):
        for position, element in enumerate(target.elts):
            yield from target_bindings(element, name, value, (*prefix, ("item", position)))
    elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name
          and not prefix):  # fmt: skip
        yield value, "key"


def quoted(values, index):
    before = values[index - 1].value if index and isinstance(values[index - 1], ast.Constant) else ""
    after = values[index + 1].value if index + 1 < len(values) and isinstance(values[index + 1], ast.Constant) else ""
    return bool(before) and before[-1] in "'\"" and after[:1] == before[-1]


def literal_parts(template):
    from .legacy_messages import parse

    return [literal for literal, _ in parse(template) if literal is not None]


def is_empty(node):
    return isinstance(node, ast.Constant) and node.value in ("", None)


def main():
    import yaml

    from .legacy_messages import CATALOGUE

    walker = Walker().run()
    entries = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")) if CATALOGUE.is_file() else {}
    missing = [t for t in walker.templates if t not in (entries or {})]
    for template in missing:
        places = ", ".join(str(p) for p in dict.fromkeys(walker.templates[template]))
        print(f"# {places}\n{yaml.safe_dump({template: ''}, allow_unicode=True, width=1000).strip()}")
    unused = [key for key in entries or {} if key not in walker.templates]
    for key in unused:
        print(f"# no code gives this message any more: {key!r}", file=sys.stderr)
    for place, text in walker.unresolved:
        print(f"# {place}: cannot follow this message back to its text: {text}", file=sys.stderr)
    return 1 if missing or unused or walker.unresolved else 0


if __name__ == "__main__":
    sys.exit(main())
