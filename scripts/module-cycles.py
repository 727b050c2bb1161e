#!/usr/bin/env python3
"""Find circles of modules in a Rust crate's source folder.

Usage: scripts/module-cycles.py SRC_DIR...

A module's dependencies are the top-level modules it names as `crate::<name>`
outside its `#[cfg(test)]` part (submodules count as their top-level module).
Prints each circle found, as `a -> b -> a`, and exits 1 if there is any.
"""
import glob
import os
import re
import sys


def graph(root):
    deps = {}
    for path in glob.glob(os.path.join(root, "**", "*.rs"), recursive=True):
        parts = os.path.relpath(path, root)[:-3].split(os.sep)
        if parts[-1] in ("mod", "lib", "main"):
            parts = parts[:-1]
        if not parts:
            continue  # the crate root declares the modules; it is not one
        top = parts[0]
        text = re.split(r"#\[cfg\(test\)\]", open(path, encoding="utf-8").read())[0]
        names = set(re.findall(r"crate::(\w+)", text)) - {top}
        deps.setdefault(top, set()).update(names)
    return {m: {d for d in ds if d in deps} for m, ds in deps.items()}


def circles(deps):
    state, found = {}, []

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(deps[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(deps):
        if node not in state:
            visit(node, [])
    return found


def main():
    bad = False
    for root in sys.argv[1:]:
        found = circles(graph(root))
        for circle in found:
            print(f"{root}: " + " -> ".join(circle))
        bad |= bool(found)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
