"""htmx renders one block of a page on its own (core.rendering.render_page_or_block). Such a block runs without
the page's top-level statements, so a macro the page imports at its top is undefined there and the fragment
answers 500 (the wishlist's "Move to bag" did). Fragment blocks — any block a layout does not define — must
import what they use inside themselves."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, nodes

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def parsed_templates() -> dict[str, nodes.Template]:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), extensions=["jinja2.ext.i18n"])
    return {name: environment.parse(environment.loader.get_source(environment, name)[0])
            for name in environment.list_templates(extensions=["html"])}


def top_level_imports(tree: nodes.Template) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, nodes.FromImport):
            names.update(name if isinstance(name, str) else name[1] for name in node.names)
        elif isinstance(node, nodes.Import):
            names.add(node.target)
    return names


def test_fragment_blocks_import_the_macros_they_use():
    templates = parsed_templates()
    layouts = {extends.template.value for tree in templates.values() for extends in tree.find_all(nodes.Extends)
               if isinstance(extends.template, nodes.Const)}
    layout_blocks = {block.name for name in layouts for block in templates[name].find_all(nodes.Block)}
    undefined = []
    for name, tree in templates.items():
        imported = top_level_imports(tree)
        for block in tree.find_all(nodes.Block):
            if block.name in layout_blocks:
                continue
            used = {node.name for node in block.find_all(nodes.Name) if node.ctx == "load"} & imported
            undefined += [f"{name}, block {block.name}: {macro}" for macro in sorted(used)]
    assert not undefined, "imported at the top but used in a fragment block:\n" + "\n".join(undefined)
